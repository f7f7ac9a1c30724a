#include "psl/assessment/questionnaire.h"

#include <algorithm>
#include <limits>
#include <set>
#include <string>

namespace psl::assessment {
namespace {

constexpr std::size_t kMaxQuestions = 1000;
constexpr std::size_t kMaxQuestionText = 1000;
constexpr std::size_t kMinOptions = 2;
constexpr std::size_t kMaxOptions = 20;
// An unknown answer id is echoed in the error field; a longer one is cut.
constexpr std::size_t kMaxEchoedId = 100;

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

std::string AnswerField(std::string_view id) {
  return "answers." + std::string(id.substr(0, kMaxEchoedId));
}

bool IsDomain(std::string_view domain) {
  return std::find(std::begin(kDomains), std::end(kDomains), domain) != std::end(kDomains);
}

}  // namespace

const Question* Questionnaire::Find(std::string_view id) const {
  for (const Question& question : questions) {
    if (question.id == id) return &question;
  }
  return nullptr;
}

std::string_view QuestionKindName(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::kYesNo: return "yes_no";
    case QuestionKind::kChoice: return "choice";
    case QuestionKind::kNumber: return "number";
  }
  PSL_CHECK(false, "unknown QuestionKind");
  return "";
}

Result<QuestionKind> ParseQuestionKind(std::string_view name) {
  if (name == "yes_no") return QuestionKind::kYesNo;
  if (name == "choice") return QuestionKind::kChoice;
  if (name == "number") return QuestionKind::kNumber;
  return Status(ErrorCode::kInvalidArgument, "must be \"yes_no\", \"choice\" or \"number\"");
}

std::optional<std::int64_t> ParseAnswerNumber(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  const std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 19) return std::nullopt;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  if (digits.size() > 1 && digits.front() == '0') return std::nullopt;  // leading zero
  if (negative && digits == "0") return std::nullopt;                   // "-0"
  // Accumulate negatively: the int64 range is one larger below zero.
  std::int64_t value = 0;
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  for (char c : digits) {
    const int digit = c - '0';
    if (value < (kMin + digit) / 10) return std::nullopt;
    value = value * 10 - digit;
  }
  if (!negative) {
    if (value == kMin) return std::nullopt;
    value = -value;
  }
  return value;
}

Status ValidateQuestionnaire(const Questionnaire& questionnaire) {
  if (questionnaire.version < 1) return Invalid("must be 1 or more", "version");
  if (questionnaire.questions.empty() || questionnaire.questions.size() > kMaxQuestions) {
    return Invalid("must hold 1 to 1000 questions", "questions");
  }
  std::set<std::string_view> ids;
  std::set<std::string_view> domains;
  for (std::size_t i = 0; i < questionnaire.questions.size(); ++i) {
    const Question& question = questionnaire.questions[i];
    const std::string prefix = "questions[" + std::to_string(i) + "].";
    if (!catalogue::IsSnakeCaseId(question.id)) {
      return Invalid("must be a snake_case id of at most 64 characters", prefix + "id");
    }
    if (!ids.insert(question.id).second) {
      return Invalid("'" + question.id + "' appears twice; ids are unique", prefix + "id");
    }
    if (!IsDomain(question.domain)) {
      return Invalid("must be one of the ASM-1 domains (physical_health, ..., substance_use)",
                     prefix + "domain");
    }
    domains.insert(question.domain);
    if (question.text.empty() || question.text.size() > kMaxQuestionText) {
      return Invalid("must be 1 to 1000 characters", prefix + "text");
    }
    if (question.kind == QuestionKind::kChoice) {
      if (question.options.size() < kMinOptions || question.options.size() > kMaxOptions) {
        return Invalid("a choice offers 2 to 20 options", prefix + "options");
      }
      std::set<std::string_view> options;
      for (std::size_t j = 0; j < question.options.size(); ++j) {
        const std::string field = prefix + "options[" + std::to_string(j) + "]";
        if (!catalogue::IsSnakeCaseId(question.options[j])) {
          return Invalid("must be a snake_case id of at most 64 characters", field);
        }
        if (!options.insert(question.options[j]).second) {
          return Invalid("'" + question.options[j] + "' appears twice", field);
        }
      }
    } else if (!question.options.empty()) {
      return Invalid("only a choice question has options", prefix + "options");
    }
    if (question.kind == QuestionKind::kNumber) {
      if (question.minimum > question.maximum) {
        return Invalid("must be at most the maximum", prefix + "minimum");
      }
    } else if (question.minimum != 0 || question.maximum != 0) {
      return Invalid("only a number question has a range",
                     prefix + (question.minimum != 0 ? "minimum" : "maximum"));
    }
    if (question.kind != QuestionKind::kYesNo && question.kind != QuestionKind::kChoice &&
        question.kind != QuestionKind::kNumber) {
      return Invalid("must be yes_no, choice or number", prefix + "kind");
    }
  }
  for (std::string_view domain : kDomains) {
    if (!domains.contains(domain)) {
      return Invalid("no question covers the domain '" + std::string(domain) +
                         "'; the single assessment asks about every ASM-1 domain",
                     "questions");
    }
  }
  return Status::Ok();
}

Status ValidateAnswers(const Questionnaire& questionnaire, const Answers& answers) {
  for (const auto& [id, answer] : answers) {
    const Question* question = questionnaire.Find(id);
    const std::string field = AnswerField(id);
    if (question == nullptr) {
      return Invalid("no question of questionnaire version " +
                         std::to_string(questionnaire.version) + " has this id; remove it",
                     field);
    }
    switch (question->kind) {
      case QuestionKind::kYesNo:
        if (answer != "yes" && answer != "no") return Invalid("must be \"yes\" or \"no\"", field);
        break;
      case QuestionKind::kChoice:
        if (std::find(question->options.begin(), question->options.end(), answer) ==
            question->options.end()) {
          std::string allowed;
          for (const std::string& option : question->options) {
            allowed += (allowed.empty() ? "" : ", ") + option;
          }
          return Invalid("must be one of: " + allowed, field);
        }
        break;
      case QuestionKind::kNumber: {
        const std::optional<std::int64_t> number = ParseAnswerNumber(answer);
        const std::string range =
            std::to_string(question->minimum) + " and " + std::to_string(question->maximum);
        if (!number.has_value()) return Invalid("must be a whole number between " + range, field);
        if (*number < question->minimum || *number > question->maximum) {
          return Invalid("must be between " + range, field);
        }
        break;
      }
    }
  }
  for (const Question& question : questionnaire.questions) {
    if (question.required && !answers.contains(question.id)) {
      return Invalid("is required: " + question.text, AnswerField(question.id));
    }
  }
  return Status::Ok();
}

bool operator==(const Question& a, const Question& b) {
  return a.id == b.id && a.domain == b.domain && a.text == b.text && a.kind == b.kind &&
         a.options == b.options && a.minimum == b.minimum && a.maximum == b.maximum &&
         a.required == b.required;
}

bool operator==(const Questionnaire& a, const Questionnaire& b) {
  return a.version == b.version && a.questions == b.questions;
}

}  // namespace psl::assessment
