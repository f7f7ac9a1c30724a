// The single assessment (SPEC ASM-1, ASM-2): the default questionnaire and rules, validation of
// answers, and properties of Assess.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "catalogue_test_support.h"
#include "psl/assessment/questionnaire.h"
#include "psl/catalogue/catalogue.h"

namespace psl::assessment {
namespace {

using catalogue::DefaultCatalogue;

// The barrier ids the default tariff prices (report chapter 5 and Annex B).
const std::vector<std::string> kTariffBarriers = {"illiterate",
                                                  "english_second_language",
                                                  "childhood_abuse",
                                                  "no_fixed_abode",
                                                  "dyslexic",
                                                  "blind",
                                                  "homelessness_history",
                                                  "heroin_addiction",
                                                  "alcohol_dependency",
                                                  "criminal_record",
                                                  "severe_mental_illness",
                                                  "learning_disability",
                                                  "physical_disability",
                                                  "care_leaver",
                                                  "lone_parent",
                                                  "long_term_unemployed",
                                                  "debt_problems"};

Outcome AssessDefault(const Answers& answers) {
  auto result = Assess(DefaultQuestionnaire(), DefaultRules(), DefaultCatalogue(), answers);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : Outcome{};
}

Status AssessStatus(const Answers& answers) {
  return Assess(DefaultQuestionnaire(), DefaultRules(), DefaultCatalogue(), answers).ToStatus();
}

// Changes `answers` so that every condition of `group` holds (for reachability tests).
Answers Satisfy(const std::vector<Condition>& group, Answers answers) {
  for (const Condition& condition : group) {
    const Question* question = DefaultQuestionnaire().Find(condition.question);
    if (condition.equals) answers[condition.question] = *condition.equals;
    if (!condition.one_of.empty()) answers[condition.question] = condition.one_of.front();
    if (condition.at_least || condition.at_most) {
      std::int64_t low = condition.at_least.value_or(question->minimum);
      // Keep an existing bound from an earlier condition of the group on the same question.
      for (const Condition& other : group) {
        if (other.question == condition.question && other.at_least) {
          low = std::max(low, *other.at_least);
        }
      }
      answers[condition.question] = std::to_string(low);
    }
  }
  return answers;
}

bool References(const std::vector<std::vector<Condition>>& when_any, const std::string& id) {
  for (const auto& group : when_any) {
    for (const Condition& condition : group) {
      if (condition.question == id) return true;
    }
  }
  return false;
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// ---------------------------------------------------------------------------------------------
// Defaults.

TEST(DefaultQuestionnaire, IsValidAndCoversEveryDomain) {
  const Questionnaire& questionnaire = DefaultQuestionnaire();
  EXPECT_EQ(questionnaire.version, 1);
  EXPECT_TRUE(ValidateQuestionnaire(questionnaire).ok())
      << ValidateQuestionnaire(questionnaire).ToString();
  for (std::string_view domain : kDomains) {
    EXPECT_TRUE(std::any_of(questionnaire.questions.begin(), questionnaire.questions.end(),
                            [&](const Question& q) { return q.domain == domain; }))
        << domain;
  }
  EXPECT_GE(questionnaire.questions.size(), 25u);
  EXPECT_LE(questionnaire.questions.size(), 40u);
  const Question* age = questionnaire.Find("age_years");
  ASSERT_NE(age, nullptr);
  EXPECT_EQ(age->kind, QuestionKind::kNumber);
  EXPECT_EQ(age->minimum, 0);
  EXPECT_EQ(age->maximum, 120);
}

TEST(DefaultRules, ValidateAgainstTheDefaultQuestionnaireAndCatalogue) {
  const Status status = ValidateRules(DefaultRules(), DefaultQuestionnaire(), DefaultCatalogue());
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(DefaultRules().version, 1);
  EXPECT_EQ(DefaultRules().questionnaire_version, 1);
}

TEST(DefaultRules, DeriveExactlyTheTariffBarriers) {
  std::set<std::string> derived;
  for (const BarrierRule& rule : DefaultRules().barriers) derived.insert(rule.barrier);
  EXPECT_EQ(derived, std::set<std::string>(kTariffBarriers.begin(), kTariffBarriers.end()));
}

TEST(DefaultRules, EveryOutcomeOfTheCatalogueHasAnEligibilityRule) {
  std::set<std::string> with_rule;
  for (const EligibilityRule& rule : DefaultRules().eligibility) with_rule.insert(rule.outcome);
  for (const catalogue::KingOutcome& outcome : DefaultCatalogue().outcomes) {
    EXPECT_TRUE(with_rule.contains(outcome.id)) << outcome.id;
  }
}

TEST(DefaultRules, EveryBarrierIsReachable) {
  for (const std::string& barrier : kTariffBarriers) {
    const auto rule = std::find_if(DefaultRules().barriers.begin(), DefaultRules().barriers.end(),
                                   [&](const BarrierRule& r) { return r.barrier == barrier; });
    ASSERT_NE(rule, DefaultRules().barriers.end()) << barrier;
    for (const auto& group : rule->when_any) {
      const Outcome outcome = AssessDefault(Satisfy(group, ReportExampleAnswers()));
      EXPECT_TRUE(Contains(outcome.barriers, barrier)) << barrier;
    }
  }
}

TEST(DefaultRules, EveryOutcomeIsReachable) {
  for (const EligibilityRule& rule : DefaultRules().eligibility) {
    for (const auto& group : rule.when_any) {
      const Outcome outcome = AssessDefault(Satisfy(group, ReportExampleAnswers()));
      EXPECT_TRUE(Contains(outcome.eligible_outcomes, rule.outcome)) << rule.outcome;
      EXPECT_TRUE(Contains(outcome.eligible_end_results,
                           DefaultCatalogue().FindOutcome(rule.outcome)->end_result));
    }
  }
}

// Report chapter 5, "Example of tariff payment": illiterate, English as a second language,
// history of abuse as a child, no fixed abode, dyslexic; priced for employment sustained for
// two years.
TEST(ReportExample, GivesExactlyTheFiveBarriersAndEmployment) {
  const Outcome outcome = AssessDefault(ReportExampleAnswers());
  EXPECT_EQ(outcome.barriers,
            (std::vector<std::string>{"childhood_abuse", "dyslexic", "english_second_language",
                                      "illiterate", "no_fixed_abode"}));
  EXPECT_TRUE(Contains(outcome.eligible_outcomes, "employment_sustained_2y"));
  EXPECT_EQ(outcome.eligible_outcomes,
            (std::vector<std::string>{"employment_sustained_2y", "median_wage_fraction_3y"}));
  EXPECT_EQ(outcome.eligible_end_results, std::vector<std::string>{"individual_prosperity"});
}

// Report chapter 5, "Putting it into practice": "an unemployed, addicted offender being
// sentenced to prison would be eligible for at least three End Results: reducing crime, better
// physical health, and individual prosperity ... drug free for two years continuously; not
// returning to a custodial sentence in the next four years; sustained employment for two years;
// the percentage of median salary".
TEST(ReportExample, AddictedOffenderBeingSentenced) {
  Answers answers = ReportExampleAnswers();
  answers["abused_as_child"] = "no";
  answers["reading"] = "easily";
  answers["english_first_language"] = "yes";
  answers["dyslexia"] = "no";
  answers["housing_now"] = "renting";
  answers["convicted"] = "yes";
  answers["custody"] = "facing_sentence";
  answers["opiates"] = "regularly";
  const Outcome outcome = AssessDefault(answers);
  EXPECT_EQ(outcome.barriers, (std::vector<std::string>{"criminal_record", "heroin_addiction"}));
  for (const char* expected :
       {"drug_free_2y", "no_custody_4y", "employment_sustained_2y", "median_wage_fraction_3y"}) {
    EXPECT_TRUE(Contains(outcome.eligible_outcomes, expected)) << expected;
  }
  EXPECT_EQ(
      outcome.eligible_end_results,
      (std::vector<std::string>{"better_physical_health", "individual_prosperity", "lower_crime"}));
}

TEST(Assess, AMotherOfAToddlerIsEligibleForAFairStart) {
  Answers answers = ReportExampleAnswers();
  answers["lone_parent"] = "yes";
  answers["children_under_5"] = "1";
  const Outcome outcome = AssessDefault(answers);
  EXPECT_TRUE(Contains(outcome.barriers, "lone_parent"));
  EXPECT_TRUE(Contains(outcome.eligible_outcomes, "child_development_3_5"));
  EXPECT_TRUE(Contains(outcome.eligible_end_results, "fair_start"));
}

TEST(Assess, AgeDecidesWorkingAge) {
  Answers answers = ReportExampleAnswers();
  answers["age_years"] = "67";  // past State Pension age
  EXPECT_FALSE(Contains(AssessDefault(answers).eligible_outcomes, "employment_sustained_2y"));
  answers["age_years"] = "16";
  EXPECT_TRUE(Contains(AssessDefault(answers).eligible_outcomes, "employment_sustained_2y"));
  answers["age_years"] = "15";
  EXPECT_FALSE(Contains(AssessDefault(answers).eligible_outcomes, "employment_sustained_2y"));
  EXPECT_TRUE(Contains(AssessDefault(answers).eligible_outcomes, "not_neet_18"));
}

TEST(Assess, LongTermUnemployedFromTwelveMonths) {
  Answers answers = ReportExampleAnswers();
  answers["months_since_paid_work"] = "11";
  EXPECT_FALSE(Contains(AssessDefault(answers).barriers, "long_term_unemployed"));
  answers["months_since_paid_work"] = "12";
  EXPECT_TRUE(Contains(AssessDefault(answers).barriers, "long_term_unemployed"));
}

// ---------------------------------------------------------------------------------------------
// Answers refused, naming "answers.<question id>".

struct RefusedCase {
  std::string what;
  std::string question;
  std::optional<std::string> answer;  // nullopt: remove the answer
};

TEST(ValidateAnswers, RefusesNamingTheAnswer) {
  const std::vector<RefusedCase> cases = {
      {"number out of range", "age_years", "121"},
      {"negative number", "children_under_5", "-1"},
      {"not a number", "age_years", "thirty"},
      {"decimal", "age_years", "34.5"},
      {"leading zero", "age_years", "034"},
      {"plus sign", "age_years", "+34"},
      {"space", "age_years", " 34"},
      {"huge number", "police_contacts_12m", "99999999999999999999999"},
      {"unknown option", "reading", "fluently"},
      {"option in the wrong case", "reading", "Easily"},
      {"yes_no not yes or no", "dyslexia", "maybe"},
      {"yes_no in capitals", "dyslexia", "Yes"},
      {"unknown question", "shoe_size", "9"},
      {"missing required", "reading", std::nullopt},
      {"missing required number", "age_years", std::nullopt},
  };
  for (const RefusedCase& refused : cases) {
    Answers answers = ReportExampleAnswers();
    if (refused.answer) {
      answers[refused.question] = *refused.answer;
    } else {
      answers.erase(refused.question);
    }
    for (const Status& status :
         {ValidateAnswers(DefaultQuestionnaire(), answers), AssessStatus(answers)}) {
      ASSERT_FALSE(status.ok()) << refused.what;
      EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << refused.what;
      EXPECT_EQ(status.field(), "answers." + refused.question)
          << refused.what << ": " << status.ToString();
    }
  }
}

TEST(ValidateAnswers, OptionalQuestionsMayBeLeftOut) {
  Answers answers = ReportExampleAnswers();
  answers.erase("monthly_income_pounds");
  answers.erase("unsecured_debt_pounds");
  EXPECT_TRUE(ValidateAnswers(DefaultQuestionnaire(), answers).ok());
}

TEST(ValidateAnswers, NumbersAtTheEndsOfTheRange) {
  Answers answers = ReportExampleAnswers();
  answers["age_years"] = "0";
  EXPECT_TRUE(ValidateAnswers(DefaultQuestionnaire(), answers).ok());
  answers["age_years"] = "120";
  EXPECT_TRUE(ValidateAnswers(DefaultQuestionnaire(), answers).ok());
}

TEST(ParseAnswerNumber, CanonicalDecimalsOnly) {
  EXPECT_EQ(ParseAnswerNumber("0"), 0);
  EXPECT_EQ(ParseAnswerNumber("42"), 42);
  EXPECT_EQ(ParseAnswerNumber("-7"), -7);
  EXPECT_EQ(ParseAnswerNumber("9223372036854775807"), testing_support::kInt64Max);
  EXPECT_EQ(ParseAnswerNumber("-9223372036854775808"), testing_support::kInt64Min);
  for (const char* bad : {"", "-", "-0", "00", "07", "+7", " 7", "7 ", "7.0", "1e3", "0x10",
                          "9223372036854775808", "-9223372036854775809", "99999999999999999999"}) {
    EXPECT_FALSE(ParseAnswerNumber(bad).has_value()) << bad;
  }
}

RC_GTEST_PROP(ParseAnswerNumber, RoundTripsEveryInt64, ()) {
  const std::int64_t value = *rc::gen::arbitrary<std::int64_t>();
  RC_ASSERT(ParseAnswerNumber(std::to_string(value)) == std::optional<std::int64_t>(value));
}

// ---------------------------------------------------------------------------------------------
// Questionnaire and rules validation.

TEST(ValidateQuestionnaire, RefusesNamingTheField) {
  struct Case {
    std::function<void(Questionnaire&)> breakage;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](Questionnaire& q) { q.version = 0; }, "version"},
      {[](Questionnaire& q) { q.questions[2].id = q.questions[0].id; }, "questions[2].id"},
      {[](Questionnaire& q) { q.questions[1].id = "Sight"; }, "questions[1].id"},
      {[](Questionnaire& q) { q.questions[0].domain = "astrology"; }, "questions[0].domain"},
      {[](Questionnaire& q) { q.questions[0].text.clear(); }, "questions[0].text"},
      {[](Questionnaire& q) { q.questions[0].options = {"only"}; }, "questions[0].options"},
      {[](Questionnaire& q) { q.questions[0].options[1] = q.questions[0].options[0]; },
       "questions[0].options[1]"},
      {[](Questionnaire& q) { q.questions[0].options[1] = "Not Good"; }, "questions[0].options[1]"},
      {[](Questionnaire& q) {
         q.questions[4].options = {"a", "b"};
       },
       "questions[4].options"},
      {[](Questionnaire& q) { q.questions[3].minimum = 200; }, "questions[3].minimum"},
      {[](Questionnaire& q) { q.questions[4].maximum = 5; }, "questions[4].maximum"},
      {[](Questionnaire& q) {
         std::erase_if(q.questions, [](const Question& x) { return x.domain == "offending"; });
       },
       "questions"},
  };
  ASSERT_EQ(DefaultQuestionnaire().questions[0].kind, QuestionKind::kChoice);
  ASSERT_EQ(DefaultQuestionnaire().questions[3].id, "age_years");
  ASSERT_EQ(DefaultQuestionnaire().questions[4].kind, QuestionKind::kYesNo);
  for (const Case& broken : cases) {
    Questionnaire questionnaire = DefaultQuestionnaire();
    broken.breakage(questionnaire);
    const Status status = ValidateQuestionnaire(questionnaire);
    ASSERT_FALSE(status.ok()) << broken.field;
    EXPECT_EQ(status.field(), broken.field) << status.ToString();
  }
}

TEST(ValidateRules, RefusesNamingTheField) {
  struct Case {
    std::function<void(Rules&)> breakage;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](Rules& r) { r.questionnaire_version = 2; }, "questionnaire_version"},
      {[](Rules& r) { r.barriers[1].barrier = r.barriers[0].barrier; }, "barriers[1].barrier"},
      {[](Rules& r) { r.barriers[0].barrier = "Illiterate"; }, "barriers[0].barrier"},
      {[](Rules& r) { r.barriers[0].name.clear(); }, "barriers[0].name"},
      {[](Rules& r) { r.barriers[0].when_any.clear(); }, "barriers[0].when_any"},
      {[](Rules& r) { r.barriers[0].when_any[0].clear(); }, "barriers[0].when_any[0]"},
      {[](Rules& r) { r.barriers[0].when_any[0][0].question = "shoe_size"; },
       "barriers[0].when_any[0][0].question"},
      {[](Rules& r) { r.barriers[0].when_any[0][0].one_of = {"fluently"}; },
       "barriers[0].when_any[0][0].one_of[0]"},
      {[](Rules& r) { r.barriers[1].when_any[0][0].equals = "perhaps"; },
       "barriers[1].when_any[0][0].equals"},
      {[](Rules& r) { r.barriers[1].when_any[0][0].at_least = 1; },  // two tests
       "barriers[1].when_any[0][0].question"},
      {[](Rules& r) {
         r.barriers[1].when_any[0][0].equals.reset();
         r.barriers[1].when_any[0][0].at_least = 1;  // a number test on a yes/no question
       },
       "barriers[1].when_any[0][0].at_least"},
      {[](Rules& r) { r.eligibility[0].outcome = "world_peace"; }, "eligibility[0].outcome"},
      {[](Rules& r) { r.eligibility[1].outcome = r.eligibility[0].outcome; },
       "eligibility[1].outcome"},
  };
  for (const Case& broken : cases) {
    Rules rules = DefaultRules();
    broken.breakage(rules);
    const Status status = ValidateRules(rules, DefaultQuestionnaire(), DefaultCatalogue());
    ASSERT_FALSE(status.ok()) << broken.field;
    EXPECT_EQ(status.field(), broken.field) << status.ToString();
  }
}

TEST(Assess, RulesForAnotherQuestionnaireVersionAreRefused) {
  Rules rules = DefaultRules();
  rules.questionnaire_version = 2;
  auto result = Assess(DefaultQuestionnaire(), rules, DefaultCatalogue(), ReportExampleAnswers());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kFailedPrecondition);
}

// ---------------------------------------------------------------------------------------------
// Properties over random valid answers to the default questionnaire.

bool SortedUnique(const std::vector<std::string>& values) {
  return std::adjacent_find(values.begin(), values.end(), std::greater_equal<>()) == values.end();
}

RC_GTEST_PROP(Assess, DeterministicSortedAndWithinTheRules, ()) {
  const Answers answers = *testing_support::AnyValidAnswers(DefaultQuestionnaire());
  auto first = Assess(DefaultQuestionnaire(), DefaultRules(), DefaultCatalogue(), answers);
  auto second = Assess(DefaultQuestionnaire(), DefaultRules(), DefaultCatalogue(), answers);
  RC_ASSERT(first.ok());
  RC_ASSERT(second.ok());
  RC_ASSERT(*first == *second);
  RC_ASSERT(SortedUnique(first->barriers));
  RC_ASSERT(SortedUnique(first->eligible_outcomes));
  RC_ASSERT(SortedUnique(first->eligible_end_results));
  for (const std::string& barrier : first->barriers) {
    RC_ASSERT(std::find(kTariffBarriers.begin(), kTariffBarriers.end(), barrier) !=
              kTariffBarriers.end());
  }
  // The End Results are exactly those of the eligible outcomes.
  std::set<std::string> end_results;
  for (const std::string& id : first->eligible_outcomes) {
    const catalogue::KingOutcome* outcome = DefaultCatalogue().FindOutcome(id);
    RC_ASSERT(outcome != nullptr);
    end_results.insert(outcome->end_result);
  }
  RC_ASSERT(std::vector<std::string>(end_results.begin(), end_results.end()) ==
            first->eligible_end_results);
}

// Locality: changing the answer to one question never changes a barrier or an outcome whose
// rule does not read that question.
RC_GTEST_PROP(Assess, AnAnswerOnlyMovesTheRulesThatReadIt, ()) {
  const Questionnaire& questionnaire = DefaultQuestionnaire();
  const Answers before = *testing_support::AnyValidAnswers(questionnaire);
  const Answers other = *testing_support::AnyValidAnswers(questionnaire);
  const Question& question = *rc::gen::elementOf(questionnaire.questions);
  Answers after = before;
  const auto replacement = other.find(question.id);
  if (replacement == other.end()) {
    if (question.required) RC_DISCARD("a required question is always answered");
    after.erase(question.id);
  } else {
    after[question.id] = replacement->second;
  }
  const Outcome a = AssessDefault(before);
  const Outcome b = AssessDefault(after);
  for (const BarrierRule& rule : DefaultRules().barriers) {
    if (References(rule.when_any, question.id)) continue;
    RC_ASSERT(Contains(a.barriers, rule.barrier) == Contains(b.barriers, rule.barrier));
  }
  for (const EligibilityRule& rule : DefaultRules().eligibility) {
    if (References(rule.when_any, question.id)) continue;
    RC_ASSERT(Contains(a.eligible_outcomes, rule.outcome) ==
              Contains(b.eligible_outcomes, rule.outcome));
  }
}

// Monotonicity: conditions only ever test answers that are there, so answering an optional
// question left blank never removes a barrier or an eligibility.
RC_GTEST_PROP(Assess, AnsweringABlankOptionalQuestionOnlyAdds, ()) {
  const Questionnaire& questionnaire = DefaultQuestionnaire();
  Answers answers = *testing_support::AnyValidAnswers(questionnaire);
  const Answers full = *testing_support::AnyValidAnswers(questionnaire);
  std::vector<std::string> blanks;
  for (const Question& question : questionnaire.questions) {
    if (!question.required) blanks.push_back(question.id);
  }
  RC_PRE(!blanks.empty());
  const std::string id = *rc::gen::elementOf(blanks);
  answers.erase(id);
  const Outcome before = AssessDefault(answers);
  answers[id] = full.contains(id) ? full.at(id) : "0";
  const Outcome after = AssessDefault(answers);
  for (const std::string& barrier : before.barriers) RC_ASSERT(Contains(after.barriers, barrier));
  for (const std::string& outcome : before.eligible_outcomes) {
    RC_ASSERT(Contains(after.eligible_outcomes, outcome));
  }
}

// Any valid answers to any generated questionnaire pass ValidateAnswers; dropping a required
// answer is refused naming it.
RC_GTEST_PROP(ValidateAnswers, GeneratedAnswersAreValid, ()) {
  const Questionnaire questionnaire = *testing_support::AnyValidQuestionnaire();
  RC_ASSERT(ValidateQuestionnaire(questionnaire).ok());
  Answers answers = *testing_support::AnyValidAnswers(questionnaire);
  RC_ASSERT(ValidateAnswers(questionnaire, answers).ok());
  for (const Question& question : questionnaire.questions) {
    if (!question.required) continue;
    Answers missing = answers;
    missing.erase(question.id);
    const Status status = ValidateAnswers(questionnaire, missing);
    RC_ASSERT(!status.ok());
    RC_ASSERT(status.field() == "answers." + question.id);
    break;
  }
}

}  // namespace
}  // namespace psl::assessment
