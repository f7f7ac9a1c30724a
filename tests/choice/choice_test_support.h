// Shared helpers for the choice tests: printers and generators of rules and providers.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "psl/choice/choice.h"
#include "psl/entry/entry.h"

namespace psl::choice {

inline void PrintTo(Format format, std::ostream* out) { *out << FormatName(format); }

namespace testing_support {

inline const std::vector<std::string>& EndResults() {
  static const std::vector<std::string> kEndResults = {"lower_crime", "better_physical_health",
                                                       "individual_prosperity",
                                                       "good_mental_health", "fair_start"};
  return kEndResults;
}

struct RouteSource {
  std::string route;
  std::string source;
};

// Every (route, source) pair of entry.h (ENT-1, report Table 2).
inline std::vector<RouteSource> AllRouteSources() {
  std::vector<RouteSource> all;
  for (auto source : entry::kLifeEventSources) all.push_back({"life_event", std::string(source)});
  for (auto source : entry::kReferralSources) all.push_back({"referral", std::string(source)});
  for (auto source : entry::kSelfReferralSources) {
    all.push_back({"self_referral", std::string(source)});
  }
  return all;
}

inline rc::Gen<Format> AnyFormat() {
  return rc::gen::element(Format::kFree, Format::kAssisted, Format::kProfessional);
}

// A valid rule: a known route (or any), a source of it (or any), an End Result (or any), not all
// three empty.
inline rc::Gen<FormatRule> AnyValidRule() {
  return rc::gen::suchThat(
      rc::gen::map(
          rc::gen::tuple(rc::gen::elementOf(AllRouteSources()), rc::gen::inRange(0, 4),
                         rc::gen::elementOf(EndResults()), rc::gen::inRange(0, 2), AnyFormat()),
          [](const auto& t) {
            const auto& [pair, shape, end_result, with_end_result, format] = t;
            FormatRule rule;
            // shape: 0 route only, 1 route and source, 2 source only, 3 neither.
            if (shape == 0 || shape == 1) rule.route = pair.route;
            if (shape == 1 || shape == 2) rule.source = pair.source;
            if (with_end_result == 1) rule.end_result = end_result;
            rule.format = format;
            return rule;
          }),
      [](const FormatRule& rule) {
        return !(rule.route.empty() && rule.source.empty() && rule.end_result.empty());
      });
}

// Valid FormatRules (no two rules with the same route, source and End Result).
inline rc::Gen<FormatRules> AnyValidFormatRules() {
  return rc::gen::map(
      rc::gen::tuple(
          rc::gen::inRange(1, 1000), rc::gen::container<std::vector<FormatRule>>(AnyValidRule()),
          AnyFormat(), rc::gen::inRange(1, 21), rc::gen::inRange(0, 20), rc::gen::inRange(1, 366),
          rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(EndResults()))),
      [](const auto& t) {
        const auto& [version, candidate_rules, fallback, minimum, extra, deadline, free_choice] = t;
        FormatRules rules;
        rules.version = version;
        for (const FormatRule& rule : candidate_rules) {
          bool duplicate = false;
          for (const FormatRule& kept : rules.rules) {
            duplicate = duplicate || (kept.route == rule.route && kept.source == rule.source &&
                                      kept.end_result == rule.end_result);
          }
          if (!duplicate) rules.rules.push_back(rule);
        }
        rules.fallback = fallback;
        rules.shortlist_minimum = minimum;
        rules.shortlist_maximum = std::min(20, minimum + extra);
        rules.choice_deadline_days = deadline;
        for (const std::string& id : free_choice) {
          if (std::find(rules.free_choice_end_results.begin(), rules.free_choice_end_results.end(),
                        id) == rules.free_choice_end_results.end()) {
            rules.free_choice_end_results.push_back(id);
          }
        }
        return rules;
      });
}

}  // namespace testing_support
}  // namespace psl::choice
