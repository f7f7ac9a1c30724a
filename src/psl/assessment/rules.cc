// The rules that turn answers into barriers and eligibility (ASM-2): validation and evaluation.
#include <algorithm>
#include <set>
#include <string>

#include "psl/assessment/questionnaire.h"

namespace psl::assessment {
namespace {

constexpr std::size_t kMaxRules = 1000;
constexpr std::size_t kMaxGroups = 100;
constexpr std::size_t kMaxConditions = 50;
constexpr std::size_t kMaxOneOf = 50;
constexpr std::size_t kMaxNameLength = 200;

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

int TestCount(const Condition& condition) {
  return static_cast<int>(condition.equals.has_value()) +
         static_cast<int>(!condition.one_of.empty()) +
         static_cast<int>(condition.at_least.has_value()) +
         static_cast<int>(condition.at_most.has_value());
}

Status CheckGroupsShape(const std::vector<std::vector<Condition>>& when_any,
                        const std::string& prefix) {
  if (when_any.empty() || when_any.size() > kMaxGroups) {
    return Invalid("must hold 1 to 100 groups of conditions", prefix + "when_any");
  }
  for (std::size_t g = 0; g < when_any.size(); ++g) {
    const std::string group_field = prefix + "when_any[" + std::to_string(g) + "]";
    const std::vector<Condition>& group = when_any[g];
    if (group.empty() || group.size() > kMaxConditions) {
      return Invalid("a group holds 1 to 50 conditions", group_field);
    }
    for (std::size_t c = 0; c < group.size(); ++c) {
      const Condition& condition = group[c];
      const std::string field = group_field + "[" + std::to_string(c) + "].";
      if (!catalogue::IsSnakeCaseId(condition.question)) {
        return Invalid("must be a question id (snake_case)", field + "question");
      }
      if (TestCount(condition) != 1) {
        return Invalid("use exactly one of equals, one_of, at_least, at_most", field + "question");
      }
      if (condition.one_of.size() > kMaxOneOf) {
        return Invalid("at most 50 entries", field + "one_of");
      }
    }
  }
  return Status::Ok();
}

// An answer text the question's kind allows (used for equals and one_of).
bool AllowedAnswer(const Question& question, const std::string& text) {
  switch (question.kind) {
    case QuestionKind::kYesNo: return text == "yes" || text == "no";
    case QuestionKind::kChoice:
      return std::find(question.options.begin(), question.options.end(), text) !=
             question.options.end();
    case QuestionKind::kNumber: {
      const std::optional<std::int64_t> number = ParseAnswerNumber(text);
      return number.has_value() && *number >= question.minimum && *number <= question.maximum;
    }
  }
  return false;
}

Status CheckGroupsAgainst(const std::vector<std::vector<Condition>>& when_any,
                          const std::string& prefix, const Questionnaire& questionnaire) {
  for (std::size_t g = 0; g < when_any.size(); ++g) {
    for (std::size_t c = 0; c < when_any[g].size(); ++c) {
      const Condition& condition = when_any[g][c];
      const std::string field =
          prefix + "when_any[" + std::to_string(g) + "][" + std::to_string(c) + "].";
      const Question* question = questionnaire.Find(condition.question);
      if (question == nullptr) {
        return Invalid(
            "names no question of questionnaire version " + std::to_string(questionnaire.version),
            field + "question");
      }
      if (condition.equals.has_value() && !AllowedAnswer(*question, *condition.equals)) {
        return Invalid("is not an answer question '" + question->id + "' allows", field + "equals");
      }
      for (std::size_t k = 0; k < condition.one_of.size(); ++k) {
        if (!AllowedAnswer(*question, condition.one_of[k])) {
          return Invalid("is not an answer question '" + question->id + "' allows",
                         field + "one_of[" + std::to_string(k) + "]");
        }
      }
      if ((condition.at_least.has_value() || condition.at_most.has_value()) &&
          question->kind != QuestionKind::kNumber) {
        return Invalid("at_least and at_most apply only to number questions",
                       field + (condition.at_least.has_value() ? "at_least" : "at_most"));
      }
    }
  }
  return Status::Ok();
}

bool AnyGroupHolds(const std::vector<std::vector<Condition>>& when_any, const Answers& answers) {
  return std::any_of(when_any.begin(), when_any.end(), [&](const std::vector<Condition>& group) {
    return std::all_of(group.begin(), group.end(), [&](const Condition& condition) {
      return ConditionHolds(condition, answers);
    });
  });
}

void SortUnique(std::vector<std::string>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

}  // namespace

Status ValidateRulesShape(const Rules& rules) {
  if (rules.version < 1) return Invalid("must be 1 or more", "version");
  if (rules.questionnaire_version < 1) return Invalid("must be 1 or more", "questionnaire_version");
  if (rules.barriers.size() > kMaxRules) return Invalid("at most 1000 rules", "barriers");
  if (rules.eligibility.size() > kMaxRules) return Invalid("at most 1000 rules", "eligibility");
  std::set<std::string_view> barriers;
  for (std::size_t i = 0; i < rules.barriers.size(); ++i) {
    const BarrierRule& rule = rules.barriers[i];
    const std::string prefix = "barriers[" + std::to_string(i) + "].";
    if (!catalogue::IsSnakeCaseId(rule.barrier)) {
      return Invalid("must be a snake_case id of at most 64 characters", prefix + "barrier");
    }
    if (!barriers.insert(rule.barrier).second) {
      return Invalid("'" + rule.barrier + "' appears twice; join its groups in one rule",
                     prefix + "barrier");
    }
    if (rule.name.empty() || rule.name.size() > kMaxNameLength) {
      return Invalid("must be 1 to 200 characters", prefix + "name");
    }
    PSL_RETURN_IF_ERROR(CheckGroupsShape(rule.when_any, prefix));
  }
  std::set<std::string_view> outcomes;
  for (std::size_t i = 0; i < rules.eligibility.size(); ++i) {
    const EligibilityRule& rule = rules.eligibility[i];
    const std::string prefix = "eligibility[" + std::to_string(i) + "].";
    if (!catalogue::IsSnakeCaseId(rule.outcome)) {
      return Invalid("must be a King Outcome id (snake_case)", prefix + "outcome");
    }
    if (!outcomes.insert(rule.outcome).second) {
      return Invalid("'" + rule.outcome + "' appears twice; join its groups in one rule",
                     prefix + "outcome");
    }
    PSL_RETURN_IF_ERROR(CheckGroupsShape(rule.when_any, prefix));
  }
  return Status::Ok();
}

Status ValidateRules(const Rules& rules, const Questionnaire& questionnaire,
                     const catalogue::Catalogue& catalogue) {
  PSL_RETURN_IF_ERROR(ValidateRulesShape(rules));
  if (rules.questionnaire_version != questionnaire.version) {
    return Invalid("these rules read questionnaire version " +
                       std::to_string(rules.questionnaire_version) + ", not version " +
                       std::to_string(questionnaire.version),
                   "questionnaire_version");
  }
  for (std::size_t i = 0; i < rules.barriers.size(); ++i) {
    PSL_RETURN_IF_ERROR(CheckGroupsAgainst(rules.barriers[i].when_any,
                                           "barriers[" + std::to_string(i) + "].", questionnaire));
  }
  for (std::size_t i = 0; i < rules.eligibility.size(); ++i) {
    const std::string prefix = "eligibility[" + std::to_string(i) + "].";
    if (catalogue.FindOutcome(rules.eligibility[i].outcome) == nullptr) {
      return Invalid(
          "names no King Outcome of catalogue version " + std::to_string(catalogue.version),
          prefix + "outcome");
    }
    PSL_RETURN_IF_ERROR(CheckGroupsAgainst(rules.eligibility[i].when_any, prefix, questionnaire));
  }
  return Status::Ok();
}

bool ConditionHolds(const Condition& condition, const Answers& answers) {
  const auto found = answers.find(condition.question);
  if (found == answers.end()) return false;
  const std::string& answer = found->second;
  if (condition.equals.has_value()) return answer == *condition.equals;
  if (!condition.one_of.empty()) {
    return std::find(condition.one_of.begin(), condition.one_of.end(), answer) !=
           condition.one_of.end();
  }
  if (condition.at_least.has_value() || condition.at_most.has_value()) {
    const std::optional<std::int64_t> number = ParseAnswerNumber(answer);
    if (!number.has_value()) return false;
    if (condition.at_least.has_value() && *number < *condition.at_least) return false;
    if (condition.at_most.has_value() && *number > *condition.at_most) return false;
    return true;
  }
  return false;  // a condition without a test holds for nobody (ValidateRulesShape refuses it)
}

Result<Outcome> Assess(const Questionnaire& questionnaire, const Rules& rules,
                       const catalogue::Catalogue& catalogue, const Answers& answers) {
  if (rules.questionnaire_version != questionnaire.version) {
    return Status(ErrorCode::kFailedPrecondition, "the rules read questionnaire version " +
                                                      std::to_string(rules.questionnaire_version) +
                                                      ", not version " +
                                                      std::to_string(questionnaire.version));
  }
  PSL_RETURN_IF_ERROR(ValidateAnswers(questionnaire, answers));
  Outcome outcome;
  for (const BarrierRule& rule : rules.barriers) {
    if (AnyGroupHolds(rule.when_any, answers)) outcome.barriers.push_back(rule.barrier);
  }
  for (const EligibilityRule& rule : rules.eligibility) {
    if (!AnyGroupHolds(rule.when_any, answers)) continue;
    const catalogue::KingOutcome* king_outcome = catalogue.FindOutcome(rule.outcome);
    if (king_outcome == nullptr) {
      return Status(ErrorCode::kFailedPrecondition, "the rules name outcome '" + rule.outcome +
                                                        "', not in catalogue version " +
                                                        std::to_string(catalogue.version));
    }
    outcome.eligible_outcomes.push_back(king_outcome->id);
    outcome.eligible_end_results.push_back(king_outcome->end_result);
  }
  SortUnique(outcome.barriers);
  SortUnique(outcome.eligible_outcomes);
  SortUnique(outcome.eligible_end_results);
  return outcome;
}

bool operator==(const Condition& a, const Condition& b) {
  return a.question == b.question && a.equals == b.equals && a.one_of == b.one_of &&
         a.at_least == b.at_least && a.at_most == b.at_most;
}

bool operator==(const BarrierRule& a, const BarrierRule& b) {
  return a.barrier == b.barrier && a.name == b.name && a.when_any == b.when_any;
}

bool operator==(const EligibilityRule& a, const EligibilityRule& b) {
  return a.outcome == b.outcome && a.when_any == b.when_any;
}

bool operator==(const Rules& a, const Rules& b) {
  return a.version == b.version && a.questionnaire_version == b.questionnaire_version &&
         a.barriers == b.barriers && a.eligibility == b.eligibility;
}

bool operator==(const Outcome& a, const Outcome& b) {
  return a.barriers == b.barriers && a.eligible_outcomes == b.eligible_outcomes &&
         a.eligible_end_results == b.eligible_end_results;
}

}  // namespace psl::assessment
