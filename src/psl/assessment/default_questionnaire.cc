// The default single assessment, questionnaire version 1 (ASM-1): the report's chapter 5
// topics ("physical health, family circumstance, income, wealth, social networks, mood and
// wellbeing, qualifications, lifestyle, employment history and so on") plus housing, offending
// and substance use, in plain English a citizen can answer online. Several questions follow
// validated screening items: PHQ-2 and GAD-2 (mood), AUDIT-C item 3 and a CAGE item (alcohol),
// the UCLA loneliness scale (social networks).
#include <string>
#include <utility>
#include <vector>

#include "psl/assessment/questionnaire.h"

namespace psl::assessment {
namespace {

Question YesNo(std::string id, std::string domain, std::string text, bool required = true) {
  Question question;
  question.id = std::move(id);
  question.domain = std::move(domain);
  question.text = std::move(text);
  question.kind = QuestionKind::kYesNo;
  question.required = required;
  return question;
}

Question Choice(std::string id, std::string domain, std::string text,
                std::vector<std::string> options, bool required = true) {
  Question question = YesNo(std::move(id), std::move(domain), std::move(text), required);
  question.kind = QuestionKind::kChoice;
  question.options = std::move(options);
  return question;
}

Question Number(std::string id, std::string domain, std::string text, std::int64_t minimum,
                std::int64_t maximum, bool required = true) {
  Question question = YesNo(std::move(id), std::move(domain), std::move(text), required);
  question.kind = QuestionKind::kNumber;
  question.minimum = minimum;
  question.maximum = maximum;
  return question;
}

Questionnaire BuildDefaultQuestionnaire() {
  const std::vector<std::string> how_often = {"not_at_all", "several_days",
                                              "more_than_half_the_days", "nearly_every_day"};
  const std::vector<std::string> use_12_months = {"no", "occasionally", "regularly"};
  Questionnaire questionnaire;
  questionnaire.version = 1;
  questionnaire.questions = {
      // Physical health.
      Choice("sight", "physical_health",
             "How is your eyesight, with glasses or contact lenses if you use them?",
             {"no_difficulty", "some_difficulty", "partially_sighted", "blind"}),
      Choice("physical_disability", "physical_health",
             "Do you have a physical disability or long-term illness that limits what you can do "
             "day to day?",
             {"no", "a_little", "a_lot"}),
      Choice("weight", "physical_health",
             "Has a doctor or nurse told you that your weight is a risk to your health?",
             {"no", "underweight", "overweight", "obese", "dont_know"}),
      // Family circumstance.
      Number("age_years", "family_circumstance", "How old are you, in years?", 0, 120),
      YesNo("lone_parent", "family_circumstance",
            "Are you bringing up one or more children on your own?"),
      Number("children_under_5", "family_circumstance", "How many children under 5 live with you?",
             0, 20),
      Number("children_5_to_17", "family_circumstance",
             "How many children aged 5 to 17 live with you?", 0, 20),
      YesNo("in_care_as_child", "family_circumstance",
            "Were you ever in care as a child (looked after by a council, in foster care or a "
            "children's home)?"),
      Choice("abused_as_child", "family_circumstance",
             "Were you abused or neglected as a child? You can choose not to say.",
             {"yes", "no", "prefer_not_to_say"}),
      // Income.
      YesNo("receives_benefits", "income",
            "Do you receive Universal Credit or another benefit because of low income or not "
            "working?"),
      Number("monthly_income_pounds", "income",
             "About how much money comes in each month, after tax, in pounds? Leave it blank if "
             "you would rather not say.",
             0, 1000000, /*required=*/false),
      // Wealth.
      YesNo("behind_with_payments", "wealth",
            "Are you behind with payments on rent, bills, loans or credit cards?"),
      Number("unsecured_debt_pounds", "wealth",
             "About how much do you owe in total, not counting a mortgage or student loan, in "
             "pounds? Leave it blank if you do not know.",
             0, 10000000, /*required=*/false),
      // Social networks.
      Choice("people_to_rely_on", "social_networks",
             "How many people could you rely on if you had a serious problem?",
             {"none", "one_or_two", "three_or_more"}),
      Choice("lonely", "social_networks", "How often do you feel lonely?",
             {"never", "rarely", "sometimes", "often", "always"}),
      // Mood and wellbeing.
      Choice("low_mood", "mood_and_wellbeing",
             "Over the last two weeks, how often have you felt down, depressed or hopeless?",
             how_often),
      Choice("anxious", "mood_and_wellbeing",
             "Over the last two weeks, how often have you felt nervous, anxious or on edge?",
             how_often),
      YesNo("severe_mental_illness", "mood_and_wellbeing",
            "Has a doctor ever told you that you have a severe mental illness, such as "
            "schizophrenia, bipolar disorder or psychosis?"),
      // Qualifications.
      Choice("reading", "qualifications",
             "How well can you read a letter or a form, in any language?",
             {"easily", "with_some_difficulty", "only_a_few_words", "not_at_all"}),
      YesNo("english_first_language", "qualifications", "Is English your first language?"),
      YesNo("dyslexia", "qualifications",
            "Have you been told by a teacher or an assessor that you are dyslexic?"),
      YesNo("learning_disability", "qualifications",
            "Do you have a learning disability (a lifelong condition that makes learning and "
            "everyday tasks harder, not the same as dyslexia)?"),
      Choice("highest_qualification", "qualifications", "What is your highest qualification?",
             {"none", "below_gcse", "gcse_or_equivalent", "a_level_or_equivalent",
              "degree_or_higher"}),
      YesNo("in_education", "qualifications",
            "Are you at school or college, or in training or an apprenticeship, now?"),
      // Lifestyle.
      Choice("smoking", "lifestyle", "Do you smoke tobacco?", {"never", "used_to", "yes"}),
      Choice("heavy_drinking", "lifestyle",
             "How often do you have six or more alcoholic drinks on one occasion?",
             {"never", "less_than_monthly", "monthly", "weekly", "daily_or_almost_daily"}),
      YesNo("morning_drink", "lifestyle",
            "In the last year, have you needed a drink first thing in the morning to steady your "
            "nerves or get going?"),
      // Employment history.
      Choice("working_now", "employment_history", "Are you in paid work at the moment?",
             {"full_time", "part_time", "self_employed", "not_working"}),
      Number("months_since_paid_work", "employment_history",
             "If you are not working, how many months is it since your last paid job? Put 0 if "
             "you are working, or your age in months if you have never had one.",
             0, 1440),
      // Housing.
      Choice("housing_now", "housing", "Where are you living at the moment?",
             {"own_home", "renting", "with_family_or_friends", "sofa_surfing", "hostel_or_shelter",
              "sleeping_rough", "prison_or_custody"}),
      YesNo("homeless_before", "housing",
            "Before where you live now, have you ever been homeless (sleeping rough, sofa surfing "
            "or in a hostel)?"),
      // Offending.
      YesNo("convicted", "offending", "Have you ever been convicted of a criminal offence?"),
      Choice("custody", "offending",
             "Have you been in prison or youth custody in the last five years, or are you facing "
             "a prison sentence now?",
             {"no", "in_last_five_years", "in_custody_now", "facing_sentence"}),
      Number("police_contacts_12m", "offending",
             "In the last 12 months, how many times have the police arrested, cautioned or "
             "charged you?",
             0, 1000),
      // Substance use.
      Choice("opiates", "substance_use",
             "In the last 12 months, have you used heroin or other opiates that were not "
             "prescribed to you?",
             use_12_months),
      YesNo("opiate_substitute", "substance_use",
            "Are you prescribed methadone or buprenorphine for opiate dependence?"),
      Choice("other_drugs", "substance_use",
             "In the last 12 months, have you used other illegal drugs (for example cannabis, "
             "cocaine, crack, spice or amphetamines)?",
             use_12_months),
  };
  return questionnaire;
}

}  // namespace

const Questionnaire& DefaultQuestionnaire() {
  static const Questionnaire* const questionnaire = new Questionnaire(BuildDefaultQuestionnaire());
  return *questionnaire;
}

}  // namespace psl::assessment
