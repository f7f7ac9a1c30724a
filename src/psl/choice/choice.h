// Choice of provider (CHO-1..3): the format of choice, the information shown for each eligible
// provider, and the auto-choice default. Pure domain: the figures are computed from records
// passed in; the store aggregates them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "psl/core/ids.h"
#include "psl/core/result.h"

namespace psl::choice {

// --- CHO-1: the format of choice ------------------------------------------------------------

enum class Format { kFree, kAssisted, kProfessional };
std::string_view FormatName(Format format);  // "free" | "assisted" | "professional"
Result<Format> ParseFormat(std::string_view name);

// Entry routes (ENT-1) and their sources (report Table 2).
inline constexpr std::string_view kRoutes[] = {"life_event", "referral", "self_referral"};

// One rule: when route (and source, and End Result) match, this format applies. Empty fields
// match anything. The most specific matching rule wins: the most named fields, then a named
// source, then a named End Result, then a named route (docs/choice.md); among equally specific
// rules the first listed wins.
struct FormatRule {
  std::string route;       // "" = any
  std::string source;      // "" = any: "jobcentre", "court", "gp", "online", "redundancy", ...
  std::string end_result;  // "" = any
  Format format = Format::kFree;
};

struct FormatRules {
  int version = 0;
  std::vector<FormatRule> rules;
  Format fallback = Format::kAssisted;
  int shortlist_minimum = 3;  // assisted choice: the professional's shortlist, 3 to 5 by default
  int shortlist_maximum = 5;
  int choice_deadline_days = 28;  // CHO-3
  // The Regulator can widen free choice (report p.67): End Results listed here are free choice
  // whatever the route.
  std::vector<std::string> free_choice_end_results;
};

Status ValidateFormatRules(const FormatRules& rules);
Format FormatFor(const FormatRules& rules, std::string_view route, std::string_view source,
                 std::string_view end_result);
// The defaults of report Table 3 (version 1).
const FormatRules& DefaultFormatRules();

// The specificity order (docs/choice.md): a rule naming more of route, source and End Result
// beats one naming fewer; among rules naming as many, a source beats an End Result beats a route
// (so a source-and-End-Result rule beats a route-and-source rule beats a route-and-End-Result
// rule). Specificity = 8 × fields named + 4 × source named + 2 × End Result named + route named.
int Specificity(const FormatRule& rule);
// The index of the rule FormatFor applies (the most specific match, the first listed among equals),
// or nullopt when none matches (the fallback applies). Ignores free_choice_end_results.
std::optional<std::size_t> MatchingRule(const FormatRules& rules, std::string_view route,
                                        std::string_view source, std::string_view end_result);

// --- CHO-2: information about each eligible provider ----------------------------------------

// Closed outcomes (achieved or missed) of one provider's customers similar to this citizen
// (same King Outcome, same band of barrier count: 0, 1-2, 3+), nationally and in the local area.
struct ProviderRecord {
  ProviderId provider;
  std::string name;
  std::int64_t achieved = 0;        // national, similar customers
  std::int64_t closed = 0;          // achieved + missed
  std::int64_t local_achieved = 0;  // the citizen's region
  std::int64_t local_closed = 0;
  std::int64_t satisfaction_recommend = 0;                     // "would recommend" answers
  std::int64_t satisfaction_answers = 0;                       // all answers except "don't know"
  std::optional<std::int64_t> mystery_shopping_score_percent;  // latest published, 0..100
  std::optional<std::string> mystery_shopping_summary;
};

struct Thresholds {
  std::int64_t minimum_outcomes = 20;  // fewer closed outcomes: "not enough data"
  std::int64_t minimum_answers = 20;   // fewer satisfaction answers: "not enough data"
};

// A rate in basis points (1/100 of a percent), or nothing when there is not enough data.
using RateBasisPoints = std::optional<std::int64_t>;

struct ProviderInformation {
  ProviderId provider;
  std::string name;
  RateBasisPoints success_rate;          // national, similar customers
  RateBasisPoints gap_to_best_national;  // best national rate − this (>= 0)
  RateBasisPoints local_success_rate;
  RateBasisPoints gap_to_best_local;
  RateBasisPoints satisfaction_rate;
  std::optional<std::int64_t> mystery_shopping_score_percent;
  std::optional<std::string> mystery_shopping_summary;
};

// Rates are achieved × 10000 / closed rounded half away from zero. Gaps compare only providers
// with enough data. Order of the result: as given.
std::vector<ProviderInformation> Inform(std::span<const ProviderRecord> records,
                                        const Thresholds& thresholds);

// --- CHO-3: auto-choice ---------------------------------------------------------------------

// The default provider: among providers with enough outcome data, the upper quartile by
// success rate (the top ceil(n/4)); when fewer than 4 providers have enough data, the upper
// quartile by mystery-shopping score instead (providers with a published score); when neither
// exists, every eligible provider. From the chosen pool, pick deterministically by `seed`
// (e.g. the citizen id) so that defaults spread across the pool rather than all going to one
// provider: pool sorted by (rate desc, provider id asc), index = seed mod pool size.
// nullopt when there are no providers.
struct AutoChoice {
  ProviderId provider;
  std::string basis;  // "performance" | "mystery_shopping" | "any_eligible"
  std::size_t pool_size = 0;
};
std::optional<AutoChoice> ChooseDefault(std::span<const ProviderInformation> providers,
                                        std::uint64_t seed);

}  // namespace psl::choice
