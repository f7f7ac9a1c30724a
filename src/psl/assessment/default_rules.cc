// The default rules, version 1, reading questionnaire version 1 (ASM-2): the barriers the
// default tariff prices (the report's chapter 5 list, and more from Annex B's example
// customers) and eligibility for every King Outcome of the default catalogue.
#include <string>
#include <utility>
#include <vector>

#include "psl/assessment/questionnaire.h"

namespace psl::assessment {
namespace {

Condition Is(std::string question, std::string answer) {
  Condition condition;
  condition.question = std::move(question);
  condition.equals = std::move(answer);
  return condition;
}

Condition OneOf(std::string question, std::vector<std::string> answers) {
  Condition condition;
  condition.question = std::move(question);
  condition.one_of = std::move(answers);
  return condition;
}

Condition AtLeast(std::string question, std::int64_t minimum) {
  Condition condition;
  condition.question = std::move(question);
  condition.at_least = minimum;
  return condition;
}

Condition AtMost(std::string question, std::int64_t maximum) {
  Condition condition;
  condition.question = std::move(question);
  condition.at_most = maximum;
  return condition;
}

using Groups = std::vector<std::vector<Condition>>;

Rules BuildDefaultRules() {
  // Working age: 16 to 66 (the State Pension age in 2024).
  const std::vector<Condition> working_age = {AtLeast("age_years", 16), AtMost("age_years", 66)};
  const auto working_age_and = [&](std::vector<Condition> more) {
    std::vector<Condition> group = working_age;
    group.insert(group.end(), more.begin(), more.end());
    return group;
  };
  const std::vector<std::string> in_work = {"full_time", "part_time", "self_employed"};
  const std::vector<std::string> most_days = {"more_than_half_the_days", "nearly_every_day"};

  Rules rules;
  rules.version = 1;
  rules.questionnaire_version = 1;
  rules.barriers = {
      {"illiterate", "Illiterate", Groups{{OneOf("reading", {"only_a_few_words", "not_at_all"})}}},
      {"english_second_language", "English as a second language",
       Groups{{Is("english_first_language", "no")}}},
      {"childhood_abuse", "History of abuse as a child", Groups{{Is("abused_as_child", "yes")}}},
      {"no_fixed_abode", "No fixed abode",
       Groups{{OneOf("housing_now", {"sofa_surfing", "hostel_or_shelter", "sleeping_rough"})}}},
      {"dyslexic", "Dyslexic", Groups{{Is("dyslexia", "yes")}}},
      {"blind", "Blind", Groups{{Is("sight", "blind")}}},
      {"homelessness_history", "History of homelessness", Groups{{Is("homeless_before", "yes")}}},
      {"heroin_addiction", "Heroin addiction",
       Groups{{Is("opiates", "regularly")}, {Is("opiate_substitute", "yes")}}},
      {"alcohol_dependency", "Alcohol dependency",
       Groups{{Is("morning_drink", "yes")}, {Is("heavy_drinking", "daily_or_almost_daily")}}},
      {"criminal_record", "Criminal record", Groups{{Is("convicted", "yes")}}},
      {"severe_mental_illness", "Severe mental illness",
       Groups{{Is("severe_mental_illness", "yes")}}},
      {"learning_disability", "Learning disability", Groups{{Is("learning_disability", "yes")}}},
      {"physical_disability", "Physical disability", Groups{{Is("physical_disability", "a_lot")}}},
      {"care_leaver", "Care leaver", Groups{{Is("in_care_as_child", "yes")}}},
      {"lone_parent", "Lone parent", Groups{{Is("lone_parent", "yes")}}},
      {"long_term_unemployed", "Long-term unemployed (12 months or more)",
       // Of working age: a school pupil who has never had a job is not long-term unemployed.
       Groups{{Is("working_now", "not_working"), AtLeast("months_since_paid_work", 12),
               AtLeast("age_years", 18), Is("in_education", "no")}}},
      {"debt_problems", "Problem debt",
       Groups{{Is("behind_with_payments", "yes")}, {AtLeast("unsecured_debt_pounds", 5000)}}},
  };

  const std::vector<Condition> offended_recently = {
      OneOf("custody", {"in_last_five_years", "in_custody_now", "facing_sentence"})};
  const Groups uses_drugs = {{OneOf("opiates", {"occasionally", "regularly"})},
                             {Is("opiate_substitute", "yes")},
                             {Is("other_drugs", "regularly")}};
  rules.eligibility = {
      // Lower crime: custody in the last five years, now, or ahead; or frequent police contact.
      {"no_custody_3y", Groups{offended_recently}},
      {"no_custody_4y", Groups{offended_recently}},
      {"reduced_police_contact", Groups{{AtLeast("police_contacts_12m", 2)}}},
      // Better physical health.
      {"drug_free_2y", uses_drugs},
      {"drug_free_3y", uses_drugs},
      {"sober_2y", Groups{{Is("morning_drink", "yes")},
                          {OneOf("heavy_drinking", {"weekly", "daily_or_almost_daily"})}}},
      {"healthy_bmi_2y", Groups{{OneOf("weight", {"underweight", "overweight", "obese"})}}},
      {"quit_smoking_sustained", Groups{{Is("smoking", "yes")}}},
      // Individual prosperity (Annex A: "for people unemployed, leaving school and not planning
      // to go on to university, or adults in work on low wages receiving universal credit").
      {"employment_sustained_2y", Groups{working_age_and({Is("working_now", "not_working")})}},
      {"median_wage_fraction_3y",
       Groups{working_age_and({Is("working_now", "not_working")}),
              working_age_and({OneOf("working_now", in_work), Is("receives_benefits", "yes")}),
              working_age_and(
                  {OneOf("working_now", in_work), AtMost("monthly_income_pounds", 1200)})}},
      {"debt_reduced_2y",
       Groups{{Is("behind_with_payments", "yes")}, {AtLeast("unsecured_debt_pounds", 1000)}}},
      // Good mental health: PHQ-2 / GAD-2 items on more than half the days, or a diagnosis.
      {"clinical_scale_improvement", Groups{{OneOf("low_mood", most_days)},
                                            {OneOf("anxious", most_days)},
                                            {Is("severe_mental_illness", "yes")}}},
      {"loneliness_quality_of_life",
       Groups{{OneOf("lonely", {"often", "always"})}, {Is("people_to_rely_on", "none")}}},
      // A fair start: young children at home; school-age children; or a young person of 11 to
      // 17 themselves.
      {"child_development_3_5", Groups{{AtLeast("children_under_5", 1)}}},
      {"attainment_16_relative", Groups{{AtLeast("children_5_to_17", 1)},
                                        {AtLeast("age_years", 11), AtMost("age_years", 15)}}},
      {"not_neet_18", Groups{{AtLeast("children_5_to_17", 1)},
                             {AtLeast("age_years", 14), AtMost("age_years", 17)}}},
  };
  return rules;
}

Answers BuildReportExampleAnswers() {
  // Chapter 5, "Example of tariff payment": illiterate, English as a second language, abused as
  // a child, no fixed abode, dyslexic; out of work for 8 months (not yet long-term unemployed).
  return Answers{
      {"sight", "no_difficulty"},
      {"physical_disability", "no"},
      {"weight", "no"},
      {"age_years", "34"},
      {"lone_parent", "no"},
      {"children_under_5", "0"},
      {"children_5_to_17", "0"},
      {"in_care_as_child", "no"},
      {"abused_as_child", "yes"},
      {"receives_benefits", "yes"},
      {"monthly_income_pounds", "390"},
      {"behind_with_payments", "no"},
      {"people_to_rely_on", "one_or_two"},
      {"lonely", "sometimes"},
      {"low_mood", "several_days"},
      {"anxious", "several_days"},
      {"severe_mental_illness", "no"},
      {"reading", "not_at_all"},
      {"english_first_language", "no"},
      {"dyslexia", "yes"},
      {"learning_disability", "no"},
      {"highest_qualification", "none"},
      {"in_education", "no"},
      {"smoking", "never"},
      {"heavy_drinking", "less_than_monthly"},
      {"morning_drink", "no"},
      {"working_now", "not_working"},
      {"months_since_paid_work", "8"},
      {"housing_now", "sofa_surfing"},
      {"homeless_before", "no"},
      {"convicted", "no"},
      {"custody", "no"},
      {"police_contacts_12m", "0"},
      {"opiates", "no"},
      {"opiate_substitute", "no"},
      {"other_drugs", "no"},
  };
}

}  // namespace

const Rules& DefaultRules() {
  static const Rules* const rules = new Rules(BuildDefaultRules());
  return *rules;
}

const Answers& ReportExampleAnswers() {
  static const Answers* const answers = new Answers(BuildReportExampleAnswers());
  return *answers;
}

}  // namespace psl::assessment
