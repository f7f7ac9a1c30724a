// Shared helpers for the catalogue and assessment tests: gtest printers and rapidcheck
// generators of valid catalogues, questionnaires, rules and answers.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "psl/assessment/questionnaire.h"
#include "psl/catalogue/catalogue.h"
#include "psl/core/result.h"
#include "psl/licensing/licence.h"

namespace psl {
inline void PrintTo(const Status& status, std::ostream* out) { *out << status.ToString(); }
}  // namespace psl

namespace psl::testing_support {

constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

// A snake_case id: a letter, then up to 20 letters, digits or underscores.
inline rc::Gen<std::string> AnySnakeId() {
  return rc::gen::apply(
      [](char first, const std::string& rest) { return std::string(1, first) + rest; },
      rc::gen::inRange('a', static_cast<char>('z' + 1)),
      rc::gen::resize(20, rc::gen::container<std::string>(rc::gen::elementOf(
                              std::string("abcdefghijklmnopqrstuvwxyz0123456789_")))));
}

// Any int64 in [minimum, maximum], often one of the ends.
inline rc::Gen<std::int64_t> AnyInRange(std::int64_t minimum, std::int64_t maximum) {
  return rc::gen::map(
      rc::gen::pair(rc::gen::inRange(0, 4), rc::gen::arbitrary<std::uint64_t>()),
      [minimum, maximum](const std::pair<int, std::uint64_t>& draw) {
        if (draw.first == 0) return minimum;
        if (draw.first == 1) return maximum;
        const std::uint64_t span =
            static_cast<std::uint64_t>(maximum) - static_cast<std::uint64_t>(minimum);
        const std::uint64_t offset = span == std::numeric_limits<std::uint64_t>::max()
                                         ? draw.second
                                         : draw.second % (span + 1);
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(minimum) + offset);
      });
}

// Text a person might type: ASCII, quotes, backslashes, pound signs, accents, emoji.
inline rc::Gen<std::string> AnyText(int max_atoms = 12) {
  static const std::vector<std::string> kAtoms = {"a",  "Z",  " ", "0", "9",    "\"", "\\", "/",
                                                  "\n", "\t", "£", "é", "—",    "😀",  "{",  "}",
                                                  "[",  "]",  ",", ":", "null", "x"};
  return rc::gen::map(
      rc::gen::resize(max_atoms, rc::gen::nonEmpty(rc::gen::container<std::vector<std::string>>(
                                     rc::gen::elementOf(kAtoms)))),
      [](const std::vector<std::string>& atoms) {
        std::string text;
        for (const std::string& atom : atoms) text += atom;
        return text;
      });
}

// Makes ids unique by suffixing their position ("abc" -> "abc_3"), keeping them snake_case.
inline std::string Unique(const std::string& id, std::size_t index) {
  return id + "_" + std::to_string(index);
}

inline rc::Gen<catalogue::Catalogue> AnyValidCatalogue() {
  return rc::gen::exec([] {
    catalogue::Catalogue result;
    result.version = *rc::gen::inRange(1, 1000);
    const int end_results = *rc::gen::inRange(1, 6);
    for (int i = 0; i < end_results; ++i) {
      result.end_results.push_back({Unique(*AnySnakeId(), i), *rc::gen::resize(20, AnyText())});
    }
    const int outcomes = *rc::gen::inRange(1, 9);
    for (int i = 0; i < outcomes; ++i) {
      catalogue::KingOutcome outcome;
      outcome.id = Unique(*AnySnakeId(), i);
      outcome.end_result = (*rc::gen::elementOf(result.end_results)).id;
      outcome.name = *AnyText();
      outcome.kind =
          *rc::gen::element(catalogue::OutcomeKind::kBinary, catalogue::OutcomeKind::kGraded);
      outcome.window_months = *rc::gen::inRange(1, 601);
      outcome.sustain_months = *rc::gen::inRange(0, 601);
      outcome.evidence = *AnyText(40);
      if (*rc::gen::arbitrary<bool>()) {
        outcome.top_up_licence = std::string(*rc::gen::elementOf(licensing::kTopUpLicences));
      }
      // Sometimes a skunkworks variant of an earlier plain outcome of the same End Result.
      std::vector<std::string> bases;
      for (const catalogue::KingOutcome& earlier : result.outcomes) {
        if (!earlier.skunkworks_variant_of && earlier.end_result == outcome.end_result) {
          bases.push_back(earlier.id);
        }
      }
      if (!bases.empty() && *rc::gen::inRange(0, 3) == 0) {
        outcome.skunkworks_variant_of = *rc::gen::elementOf(bases);
      }
      result.outcomes.push_back(std::move(outcome));
    }
    return result;
  });
}

inline assessment::Question AnyValidQuestion(const std::string& id, const std::string& domain) {
  assessment::Question question;
  question.id = id;
  question.domain = domain;
  question.text = *AnyText(30);
  question.kind =
      *rc::gen::element(assessment::QuestionKind::kYesNo, assessment::QuestionKind::kChoice,
                        assessment::QuestionKind::kNumber);
  if (question.kind == assessment::QuestionKind::kChoice) {
    const int options = *rc::gen::inRange(2, 21);
    for (int i = 0; i < options; ++i) question.options.push_back(Unique(*AnySnakeId(), i));
  }
  if (question.kind == assessment::QuestionKind::kNumber) {
    auto bound = rc::gen::weightedOneOf<std::int64_t>(
        {{3, rc::gen::inRange<std::int64_t>(-10, 200)},
         {1, rc::gen::arbitrary<std::int64_t>()},
         {1, rc::gen::element(kInt64Min, kInt64Max, std::int64_t{0})}});
    std::int64_t a = *bound;
    std::int64_t b = *bound;
    question.minimum = std::min(a, b);
    question.maximum = std::max(a, b);
  }
  question.required = *rc::gen::arbitrary<bool>();
  return question;
}

// Every domain once (ASM-1), then up to ten more questions in any domain, shuffled.
inline rc::Gen<assessment::Questionnaire> AnyValidQuestionnaire() {
  return rc::gen::exec([] {
    assessment::Questionnaire result;
    result.version = *rc::gen::inRange(1, 1000);
    std::vector<std::string> domains(std::begin(assessment::kDomains),
                                     std::end(assessment::kDomains));
    const int extra = *rc::gen::inRange(0, 11);
    for (int i = 0; i < extra; ++i) domains.push_back(*rc::gen::elementOf(domains));
    for (std::size_t i = 0; i < domains.size(); ++i) {
      result.questions.push_back(AnyValidQuestion(Unique(*AnySnakeId(), i), domains[i]));
    }
    return result;
  });
}

inline assessment::Condition AnyShapedCondition() {
  assessment::Condition condition;
  condition.question = *AnySnakeId();
  switch (*rc::gen::inRange(0, 4)) {
    case 0: condition.equals = *AnyText(); break;
    case 1:
      condition.one_of = *rc::gen::resize(
          5, rc::gen::nonEmpty(rc::gen::container<std::vector<std::string>>(AnyText())));
      break;
    case 2: condition.at_least = *rc::gen::arbitrary<std::int64_t>(); break;
    default: condition.at_most = *rc::gen::arbitrary<std::int64_t>(); break;
  }
  return condition;
}

inline std::vector<std::vector<assessment::Condition>> AnyShapedGroups() {
  std::vector<std::vector<assessment::Condition>> groups(*rc::gen::inRange(1, 4));
  for (auto& group : groups) {
    const int conditions = *rc::gen::inRange(1, 4);
    for (int i = 0; i < conditions; ++i) group.push_back(AnyShapedCondition());
  }
  return groups;
}

// Rules that pass ValidateRulesShape (not checked against any questionnaire).
inline rc::Gen<assessment::Rules> AnyShapedRules() {
  return rc::gen::exec([] {
    assessment::Rules result;
    result.version = *rc::gen::inRange(1, 1000);
    result.questionnaire_version = *rc::gen::inRange(1, 1000);
    const int barriers = *rc::gen::inRange(0, 6);
    for (int i = 0; i < barriers; ++i) {
      result.barriers.push_back({Unique(*AnySnakeId(), i), *AnyText(), AnyShapedGroups()});
    }
    const int eligibility = *rc::gen::inRange(0, 6);
    for (int i = 0; i < eligibility; ++i) {
      result.eligibility.push_back({Unique(*AnySnakeId(), i), AnyShapedGroups()});
    }
    return result;
  });
}

// Valid answers to `questionnaire`: every required question, and each optional one half the time.
inline rc::Gen<assessment::Answers> AnyValidAnswers(
    const assessment::Questionnaire& questionnaire) {
  return rc::gen::exec([questionnaire] {
    assessment::Answers answers;
    for (const assessment::Question& question : questionnaire.questions) {
      if (!question.required && *rc::gen::arbitrary<bool>()) continue;
      switch (question.kind) {
        case assessment::QuestionKind::kYesNo:
          answers[question.id] = *rc::gen::element<std::string>("yes", "no");
          break;
        case assessment::QuestionKind::kChoice:
          answers[question.id] = *rc::gen::elementOf(question.options);
          break;
        case assessment::QuestionKind::kNumber:
          answers[question.id] = std::to_string(*AnyInRange(question.minimum, question.maximum));
          break;
      }
    }
    return answers;
  });
}

}  // namespace psl::testing_support
