// libFuzzer target for the choice domain (CHO-1..3): the rules-of-choice JSON parser, and the
// information and auto-choice functions over provider records decoded from the same bytes.
//
// Invariants checked (a broken one traps with __builtin_trap):
//  - ParseFormatRules: an error carries a message and an input-error code; accepted rules pass
//    ValidateFormatRules and survive a round trip through FormatRulesToJson; FormatFor answers a
//    format for every route, source and End Result, and agrees with MatchingRule.
//  - Inform: a rate is shown only with enough cases and lies in 0..10000 basis points within half
//    a basis point of the exact ratio; a gap exists exactly when the rate does, is >= 0 and is
//    the best rate minus this one.
//  - ChooseDefault: nothing only for no providers; the chosen provider is one of them; the basis
//    follows the documented fallbacks; the pool has ceil(n/4) members of the n with the basis'
//    measure, and fewer than pool_size providers are strictly better than the chosen one by that
//    measure; the same seed gives the same choice.
//
// Run it with scripts/fuzz.sh choice_config; the seed corpus is fuzz/corpus/choice_config/.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "psl/choice/choice.h"
#include "psl/config/config_json.h"
#include "psl/core/result.h"

namespace {

using psl::ErrorCode;
using psl::Status;
namespace choice = psl::choice;

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

constexpr std::string_view kRoutes[] = {"life_event", "referral", "self_referral", "", "other"};
constexpr std::string_view kSources[] = {"birth",
                                         "leaving_education",
                                         "chronic_illness",
                                         "redundancy",
                                         "sentencing",
                                         "social_worker",
                                         "police",
                                         "court",
                                         "probation",
                                         "street_team",
                                         "mental_health",
                                         "jobcentre",
                                         "gp",
                                         "health_visitor",
                                         "school",
                                         "online",
                                         "councillor_or_mp",
                                         "helpline",
                                         "",
                                         "unknown"};
constexpr std::string_view kEndResults[] = {"lower_crime",
                                            "better_physical_health",
                                            "individual_prosperity",
                                            "good_mental_health",
                                            "fair_start",
                                            ""};

void CheckFormatRules(std::string_view text) {
  auto parsed = psl::config::ParseFormatRules(text);
  if (!parsed.ok()) {
    const Status& status = parsed.status();
    Require(!status.message().empty());
    Require(status.code() == ErrorCode::kInvalidArgument ||
            status.code() == ErrorCode::kResourceExhausted);
    return;
  }
  const choice::FormatRules& rules = *parsed;
  Require(choice::ValidateFormatRules(rules).ok());
  const std::string json = psl::config::FormatRulesToJson(rules);
  auto again = psl::config::ParseFormatRules(json);
  Require(again.ok());
  Require(psl::config::FormatRulesToJson(*again) == json);
  for (auto route : kRoutes) {
    for (auto source : kSources) {
      for (auto end_result : kEndResults) {
        const choice::Format format = choice::FormatFor(rules, route, source, end_result);
        Require(format == choice::Format::kFree || format == choice::Format::kAssisted ||
                format == choice::Format::kProfessional);
        const bool widened =
            std::find(rules.free_choice_end_results.begin(), rules.free_choice_end_results.end(),
                      end_result) != rules.free_choice_end_results.end();
        const auto rule = choice::MatchingRule(rules, route, source, end_result);
        if (widened) {
          Require(format == choice::Format::kFree);
        } else if (rule) {
          Require(*rule < rules.rules.size());
          Require(format == rules.rules[*rule].format);
        } else {
          Require(format == rules.fallback);
        }
      }
    }
  }
}

// Reads little-endian integers from the fuzz bytes; zero once they run out.
class Bytes {
 public:
  explicit Bytes(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  bool empty() const { return at_ >= bytes_.size(); }
  std::uint8_t Byte() { return at_ < bytes_.size() ? bytes_[at_++] : 0; }
  std::uint64_t Word() {
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= static_cast<std::uint64_t>(Byte()) << (8 * i);
    return value;
  }
  // A count: small most of the time, sometimes near the int64 limit.
  std::int64_t Count() {
    const std::uint8_t kind = Byte();
    if (kind < 200) return kind % 60;
    if (kind < 250) return static_cast<std::int64_t>(Word() % 1'000'000);
    return static_cast<std::int64_t>(Word() >> 1);
  }
  // A pair (part, whole) with 0 <= part <= whole.
  std::pair<std::int64_t, std::int64_t> Part() {
    const std::int64_t whole = Count();
    const auto part = static_cast<std::int64_t>(Word() % (static_cast<std::uint64_t>(whole) + 1));
    return {part, whole};
  }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t at_ = 0;
};

void CheckRate(const choice::RateBasisPoints& rate, std::int64_t part, std::int64_t whole,
               std::int64_t minimum) {
  Require(rate.has_value() == (whole > 0 && whole >= minimum));
  if (!rate) return;
  Require(*rate >= 0 && *rate <= 10000);
  // |rate − part × 10000 / whole| <= 1/2
  const __int128 difference =
      static_cast<__int128>(*rate) * whole - static_cast<__int128>(part) * 10000;
  Require(2 * (difference < 0 ? -difference : difference) <= whole);
}

void CheckGaps(const std::vector<choice::ProviderInformation>& informed,
               choice::RateBasisPoints choice::ProviderInformation::*rate,
               choice::RateBasisPoints choice::ProviderInformation::*gap) {
  std::optional<std::int64_t> best;
  for (const auto& information : informed) {
    const auto& value = information.*rate;
    if (value) best = best ? std::max(*best, *value) : *value;
  }
  for (const auto& information : informed) {
    Require((information.*gap).has_value() == (information.*rate).has_value());
    if (information.*gap) {
      Require(*(information.*gap) >= 0);
      Require(*(information.*gap) == *best - *(information.*rate));
    }
  }
}

void CheckChoice(std::span<const std::uint8_t> data) {
  Bytes bytes(data);
  choice::Thresholds thresholds;
  thresholds.minimum_outcomes = bytes.Byte() % 40;
  thresholds.minimum_answers = bytes.Byte() % 40;
  const std::uint64_t seed = bytes.Word();
  const std::size_t count = bytes.Byte() % 40;
  std::vector<choice::ProviderRecord> records;
  for (std::size_t i = 0; i < count; ++i) {
    choice::ProviderRecord record;
    // Ids may repeat: the functions must not depend on them being unique.
    record.provider = psl::ProviderId(1 + bytes.Byte() % 64);
    record.name = "p";
    std::tie(record.achieved, record.closed) = bytes.Part();
    std::tie(record.local_achieved, record.local_closed) = bytes.Part();
    std::tie(record.satisfaction_recommend, record.satisfaction_answers) = bytes.Part();
    const std::uint8_t score = bytes.Byte();
    if (score <= 200) record.mystery_shopping_score_percent = score % 101;
    records.push_back(record);
  }

  const auto informed = choice::Inform(records, thresholds);
  Require(informed.size() == records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    const auto& info = informed[i];
    Require(info.provider == r.provider);
    Require(info.mystery_shopping_score_percent == r.mystery_shopping_score_percent);
    CheckRate(info.success_rate, r.achieved, r.closed, thresholds.minimum_outcomes);
    CheckRate(info.local_success_rate, r.local_achieved, r.local_closed,
              thresholds.minimum_outcomes);
    CheckRate(info.satisfaction_rate, r.satisfaction_recommend, r.satisfaction_answers,
              thresholds.minimum_answers);
  }
  CheckGaps(informed, &choice::ProviderInformation::success_rate,
            &choice::ProviderInformation::gap_to_best_national);
  CheckGaps(informed, &choice::ProviderInformation::local_success_rate,
            &choice::ProviderInformation::gap_to_best_local);

  const auto chosen = choice::ChooseDefault(informed, seed);
  Require(chosen.has_value() == !informed.empty());
  if (!chosen) return;
  const auto again = choice::ChooseDefault(informed, seed);
  Require(again->provider == chosen->provider && again->basis == chosen->basis &&
          again->pool_size == chosen->pool_size);
  Require(chosen->pool_size >= 1 && chosen->pool_size <= informed.size());

  std::size_t with_rate = 0;
  std::size_t with_score = 0;
  for (const auto& info : informed) {
    with_rate += info.success_rate.has_value() ? 1 : 0;
    with_score += info.mystery_shopping_score_percent.has_value() ? 1 : 0;
  }
  // The measure of the basis, for a provider that has it.
  auto measure = [&](const choice::ProviderInformation& info) -> std::optional<std::int64_t> {
    if (chosen->basis == "performance") return info.success_rate;
    if (chosen->basis == "mystery_shopping") return info.mystery_shopping_score_percent;
    return std::int64_t{0};
  };
  if (with_rate >= 4) {
    Require(chosen->basis == "performance");
    Require(chosen->pool_size == (with_rate + 3) / 4);
  } else if (with_score >= 1) {
    Require(chosen->basis == "mystery_shopping");
    Require(chosen->pool_size == (with_score + 3) / 4);
  } else {
    Require(chosen->basis == "any_eligible");
    Require(chosen->pool_size == informed.size());
  }
  // Some entry with the chosen id has the measure, and fewer than pool_size entries beat it.
  bool found = false;
  for (const auto& info : informed) {
    if (info.provider != chosen->provider || !measure(info)) continue;
    const std::int64_t value = *measure(info);
    std::size_t better = 0;
    for (const auto& other : informed) {
      const auto other_value = measure(other);
      if (other_value && *other_value > value) ++better;
    }
    found = found || better < chosen->pool_size;
  }
  Require(found);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  CheckFormatRules(std::string_view(reinterpret_cast<const char*>(data), size));
  CheckChoice(std::span<const std::uint8_t>(data, size));
  return 0;
}
