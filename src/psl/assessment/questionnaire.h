// The single assessment (ASM-1..3): one versioned questionnaire for every service, and the
// rules (configuration) that turn answers into barriers and eligibility. Pure domain.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/catalogue/catalogue.h"
#include "psl/core/result.h"

namespace psl::assessment {

// The SPEC ASM-1 domains; every questionnaire covers each at least once.
inline constexpr std::string_view kDomains[] = {
    "physical_health", "family_circumstance", "income",
    "wealth",          "social_networks",     "mood_and_wellbeing",
    "qualifications",  "lifestyle",           "employment_history",
    "housing",         "offending",           "substance_use"};

enum class QuestionKind { kYesNo, kChoice, kNumber };  // "yes_no" | "choice" | "number"

struct Question {
  std::string id;      // snake_case, unique in the questionnaire
  std::string domain;  // one of kDomains
  std::string text;    // as shown to the citizen
  QuestionKind kind = QuestionKind::kYesNo;
  std::vector<std::string> options;  // kChoice: the allowed option ids (snake_case), 2..20
  std::int64_t minimum = 0;          // kNumber: inclusive range
  std::int64_t maximum = 0;
  bool required = true;
};

struct Questionnaire {
  int version = 0;
  std::vector<Question> questions;
  const Question* Find(std::string_view id) const;
};

// An answer: "yes"/"no" for kYesNo, an option id for kChoice, a decimal integer for kNumber.
using Answers = std::map<std::string, std::string>;

// A condition on one answer. Exactly one of equals / at_least / at_most / one_of is used:
// equals and one_of compare the answer text; at_least / at_most compare a kNumber answer.
struct Condition {
  std::string question;
  std::optional<std::string> equals;
  std::vector<std::string> one_of;
  std::optional<std::int64_t> at_least;
  std::optional<std::int64_t> at_most;
};

// A barrier applies when ANY of its condition groups holds; a group holds when ALL its
// conditions hold (disjunctive normal form: easy to read, easy to configure).
struct BarrierRule {
  std::string barrier;  // snake_case barrier id, e.g. "illiterate"
  std::string name;     // "Illiterate"
  std::vector<std::vector<Condition>> when_any;
};

// The citizen is eligible for the outcome when any group holds (same form as BarrierRule).
struct EligibilityRule {
  std::string outcome;  // a King Outcome id of the catalogue
  std::vector<std::vector<Condition>> when_any;
};

struct Rules {
  int version = 0;
  int questionnaire_version = 0;  // the questionnaire these rules read
  std::vector<BarrierRule> barriers;
  std::vector<EligibilityRule> eligibility;
};

// Shape and consistency: version >= 1; 1..1000 questions; ids snake_case and unique; every
// domain is one of kDomains and each of kDomains is asked at least once; text 1..1000
// characters; kChoice has 2..20 unique snake_case options, other kinds none; kNumber has
// minimum <= maximum, other kinds leave both 0. kInvalidArgument naming "questions[2].options".
Status ValidateQuestionnaire(const Questionnaire& questionnaire);
// What ValidateRules checks without a questionnaire or catalogue: versions >= 1; barrier ids
// snake_case and unique, names 1..200 characters; one eligibility rule per outcome id; every
// rule has 1..100 groups of 1..50 conditions; each condition names a question and uses exactly
// one test (a one_of of 1..50 entries). Field paths like "barriers[1].when_any[0][2].one_of".
Status ValidateRulesShape(const Rules& rules);
// Rules name only questions of the questionnaire (and answers their kind allows), and only
// outcomes of the catalogue; barrier ids unique and snake_case.
Status ValidateRules(const Rules& rules, const Questionnaire& questionnaire,
                     const catalogue::Catalogue& catalogue);

// Every answer names a question, is of the right kind and in range, and every required
// question is answered. kInvalidArgument with field "answers.<question id>" otherwise.
Status ValidateAnswers(const Questionnaire& questionnaire, const Answers& answers);

struct Outcome {
  std::vector<std::string> barriers;              // sorted, unique
  std::vector<std::string> eligible_outcomes;     // sorted, unique King Outcome ids
  std::vector<std::string> eligible_end_results;  // sorted, unique, from the catalogue
};

// ValidateAnswers, then the rules. Deterministic.
Result<Outcome> Assess(const Questionnaire& questionnaire, const Rules& rules,
                       const catalogue::Catalogue& catalogue, const Answers& answers);

// Field-by-field equality (round trips of the JSON files, tests).
bool operator==(const Question& a, const Question& b);
bool operator==(const Questionnaire& a, const Questionnaire& b);
bool operator==(const Condition& a, const Condition& b);
bool operator==(const BarrierRule& a, const BarrierRule& b);
bool operator==(const EligibilityRule& a, const EligibilityRule& b);
bool operator==(const Rules& a, const Rules& b);
bool operator==(const Outcome& a, const Outcome& b);

std::string_view QuestionKindName(QuestionKind kind);
Result<QuestionKind> ParseQuestionKind(std::string_view name);  // "yes_no" | "choice" | "number"

// A kNumber answer's text: a canonical decimal integer ("0", "42", "-7"; no sign on zero, no
// '+', no leading zeros, no spaces) within int64. Canonical so that equals/one_of can compare
// text. nullopt otherwise.
std::optional<std::int64_t> ParseAnswerNumber(std::string_view text);

// Whether one condition holds for these answers (an unanswered question satisfies none).
bool ConditionHolds(const Condition& condition, const Answers& answers);

// Defaults (version 1) consistent with DefaultCatalogue() and the default tariff's barriers:
// the report's barriers (illiterate, english_second_language, childhood_abuse, no_fixed_abode,
// dyslexic, blind, homelessness_history, heroin_addiction, ...).
const Questionnaire& DefaultQuestionnaire();
const Rules& DefaultRules();

// The report's worked example (chapter 5, "Example of tariff payment"): an unemployed adult of
// working age whose answers to DefaultQuestionnaire() give exactly the barriers illiterate,
// english_second_language, childhood_abuse, no_fixed_abode and dyslexic, and eligibility for
// employment_sustained_2y. The same answers are docs/examples/report_example_answers.json.
const Answers& ReportExampleAnswers();

}  // namespace psl::assessment
