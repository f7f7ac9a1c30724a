// CHO-2: the figures shown for each eligible provider before choosing. Rates are basis points,
// rounded once, half away from zero; too few cases give "not enough data" (nullopt), never a
// number.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "psl/choice/choice.h"

namespace psl::choice {
namespace {

// achieved × 10000 / total, rounded half away from zero (both are non-negative here), or nullopt
// when total is below the threshold (or zero). 128-bit arithmetic: no int64 count can overflow.
RateBasisPoints Rate(std::int64_t achieved, std::int64_t total, std::int64_t minimum) {
  PSL_CHECK(achieved >= 0 && total >= 0 && achieved <= total,
            "a provider record needs 0 <= achieved <= closed");
  if (total == 0 || total < minimum) return std::nullopt;
  const __int128 numerator = static_cast<__int128>(achieved) * 10000;
  const __int128 rounded = (2 * numerator + total) / (2 * static_cast<__int128>(total));
  return static_cast<std::int64_t>(rounded);
}

RateBasisPoints Best(const std::vector<ProviderInformation>& informed,
                     RateBasisPoints ProviderInformation::*rate) {
  RateBasisPoints best;
  for (const ProviderInformation& information : informed) {
    const RateBasisPoints& value = information.*rate;
    if (value && (!best || *value > *best)) best = value;
  }
  return best;
}

}  // namespace

std::vector<ProviderInformation> Inform(std::span<const ProviderRecord> records,
                                        const Thresholds& thresholds) {
  std::vector<ProviderInformation> informed;
  informed.reserve(records.size());
  for (const ProviderRecord& record : records) {
    ProviderInformation information;
    information.provider = record.provider;
    information.name = record.name;
    information.success_rate = Rate(record.achieved, record.closed, thresholds.minimum_outcomes);
    information.local_success_rate =
        Rate(record.local_achieved, record.local_closed, thresholds.minimum_outcomes);
    information.satisfaction_rate = Rate(record.satisfaction_recommend, record.satisfaction_answers,
                                         thresholds.minimum_answers);
    information.mystery_shopping_score_percent = record.mystery_shopping_score_percent;
    information.mystery_shopping_summary = record.mystery_shopping_summary;
    informed.push_back(std::move(information));
  }
  const RateBasisPoints best_national = Best(informed, &ProviderInformation::success_rate);
  const RateBasisPoints best_local = Best(informed, &ProviderInformation::local_success_rate);
  for (ProviderInformation& information : informed) {
    if (information.success_rate) {
      information.gap_to_best_national = *best_national - *information.success_rate;
    }
    if (information.local_success_rate) {
      information.gap_to_best_local = *best_local - *information.local_success_rate;
    }
  }
  return informed;
}

}  // namespace psl::choice
