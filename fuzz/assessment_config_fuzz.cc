// libFuzzer target for the outcomes catalogue and the single assessment: the configuration
// file parsers (ParseCatalogue, ParseQuestionnaire, ParseRules) and Assess over answers decoded
// from the input.
//
// Every input is fed to all three parsers, decoded as answers to the default questionnaire,
// and, when it is a JSON object, read as an answers object. The target traps (__builtin_trap)
// when a promise is broken:
//  - an error carries kInvalidArgument and a message; an answers error names "answers.<id>";
//  - what a parser accepts passes the domain Validate* and survives a round trip
//    (Parse(ToJson(x)) == x);
//  - Assess succeeds exactly when ValidateAnswers does; its lists are sorted and unique, name
//    only barriers and outcomes of the rules, End Results of the catalogue; it is
//    deterministic;
//  - fuzzed rules that validate against the default questionnaire and catalogue assess the
//    report example without error.
//
// Run it with scripts/fuzz.sh assessment_config; seeds in fuzz/corpus/assessment_config/.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "psl/assessment/questionnaire.h"
#include "psl/catalogue/catalogue.h"
#include "psl/config/config_json.h"

namespace {

using psl::ErrorCode;
using psl::Status;
namespace assessment = psl::assessment;
namespace catalogue = psl::catalogue;

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

void RequireInputError(const Status& status) {
  Require(!status.ok());
  Require(!status.message().empty());
  Require(status.code() == ErrorCode::kInvalidArgument);
}

bool SortedUnique(const std::vector<std::string>& values) {
  return std::adjacent_find(values.begin(), values.end(), std::greater_equal<>()) == values.end();
}

void CheckAssess(const assessment::Questionnaire& questionnaire, const assessment::Rules& rules,
                 const catalogue::Catalogue& catalogue, const assessment::Answers& answers) {
  const auto result = assessment::Assess(questionnaire, rules, catalogue, answers);
  const Status valid = assessment::ValidateAnswers(questionnaire, answers);
  Require(result.ok() == valid.ok());
  if (!result.ok()) {
    RequireInputError(result.status());
    Require(result.status().field() == valid.field());
    Require(result.status().field().rfind("answers.", 0) == 0);
    return;
  }
  const assessment::Outcome& outcome = *result;
  Require(SortedUnique(outcome.barriers));
  Require(SortedUnique(outcome.eligible_outcomes));
  Require(SortedUnique(outcome.eligible_end_results));
  std::set<std::string> barrier_ids;
  for (const assessment::BarrierRule& rule : rules.barriers) barrier_ids.insert(rule.barrier);
  for (const std::string& barrier : outcome.barriers) Require(barrier_ids.contains(barrier));
  for (const std::string& id : outcome.eligible_outcomes) {
    Require(catalogue.FindOutcome(id) != nullptr);
  }
  for (const std::string& id : outcome.eligible_end_results) {
    Require(catalogue.FindEndResult(id) != nullptr);
  }
  const auto again = assessment::Assess(questionnaire, rules, catalogue, answers);
  Require(again.ok() && *again == outcome);
}

// Reads the input as answers to `questionnaire`, one or a few bytes per question: mostly
// valid answers, sometimes missing, out of range, garbage, or an unknown question.
class AnswerDecoder {
 public:
  explicit AnswerDecoder(std::string_view bytes) : bytes_(bytes) {}

  assessment::Answers Decode(const assessment::Questionnaire& questionnaire) {
    assessment::Answers answers;
    for (const assessment::Question& question : questionnaire.questions) {
      const std::uint8_t selector = Next();
      const int mode = selector % 16;
      if (mode == 0) continue;  // unanswered
      if (mode == 1) {
        answers[question.id] = Garbage();
        continue;
      }
      switch (question.kind) {
        case assessment::QuestionKind::kYesNo:
          answers[question.id] = (selector & 0x80) != 0 ? "yes" : "no";
          break;
        case assessment::QuestionKind::kChoice:
          answers[question.id] = question.options[(selector >> 4) % question.options.size()];
          break;
        case assessment::QuestionKind::kNumber: {
          const std::uint64_t span = static_cast<std::uint64_t>(question.maximum) -
                                     static_cast<std::uint64_t>(question.minimum);
          std::int64_t value = question.minimum;
          if (mode == 2 && question.maximum < INT64_MAX) {
            value = question.maximum + 1;  // just out of range
          } else if (mode == 3 && question.minimum > INT64_MIN) {
            value = question.minimum - 1;
          } else {
            const std::uint64_t draw = (std::uint64_t{Next()} << 8) | Next();
            value = static_cast<std::int64_t>(static_cast<std::uint64_t>(question.minimum) +
                                              (span == UINT64_MAX ? draw : draw % (span + 1)));
          }
          answers[question.id] = std::to_string(value);
          break;
        }
      }
    }
    if (Next() == 0xff) answers[Garbage()] = Garbage();  // an answer to no question
    return answers;
  }

 private:
  std::uint8_t Next() {
    if (position_ >= bytes_.size()) return 0x22;  // past the end: a plain valid answer
    return static_cast<std::uint8_t>(bytes_[position_++]);
  }

  std::string Garbage() {
    const std::size_t length = Next() % 12;
    std::string text;
    for (std::size_t i = 0; i < length; ++i) text.push_back(static_cast<char>(Next()));
    return text;
  }

  std::string_view bytes_;
  std::size_t position_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const catalogue::Catalogue& default_catalogue = catalogue::DefaultCatalogue();
  const assessment::Questionnaire& default_questionnaire = assessment::DefaultQuestionnaire();
  const assessment::Rules& default_rules = assessment::DefaultRules();

  // The configuration parsers.
  if (auto parsed = psl::config::ParseCatalogue(text); parsed.ok()) {
    Require(catalogue::ValidateCatalogue(*parsed).ok());
    auto again = psl::config::ParseCatalogue(psl::config::CatalogueToJson(*parsed));
    Require(again.ok() && *again == *parsed);
  } else {
    RequireInputError(parsed.status());
  }
  if (auto parsed = psl::config::ParseQuestionnaire(text); parsed.ok()) {
    Require(assessment::ValidateQuestionnaire(*parsed).ok());
    auto again = psl::config::ParseQuestionnaire(psl::config::QuestionnaireToJson(*parsed));
    Require(again.ok() && *again == *parsed);
  } else {
    RequireInputError(parsed.status());
  }
  if (auto parsed = psl::config::ParseRules(text); parsed.ok()) {
    Require(assessment::ValidateRulesShape(*parsed).ok());
    auto again = psl::config::ParseRules(psl::config::RulesToJson(*parsed));
    Require(again.ok() && *again == *parsed);
    if (assessment::ValidateRules(*parsed, default_questionnaire, default_catalogue).ok()) {
      CheckAssess(default_questionnaire, *parsed, default_catalogue,
                  assessment::ReportExampleAnswers());
    }
  } else {
    RequireInputError(parsed.status());
  }

  // Answers decoded from the bytes, and the input itself as an answers object.
  AnswerDecoder decoder(text);
  CheckAssess(default_questionnaire, default_rules, default_catalogue,
              decoder.Decode(default_questionnaire));
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (!document.is_discarded() && document.is_object() && document.size() <= 1000) {
    assessment::Answers answers;
    for (const auto& [id, value] : document.items()) {
      if (value.is_string()) answers[id] = value.get<std::string>();
    }
    CheckAssess(default_questionnaire, default_rules, default_catalogue, answers);
  }
  return 0;
}
