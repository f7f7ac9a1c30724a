// Payment by relative results (PAY-11): a verified outcome's payment × the provider's success
// rate on that King Outcome / everyone's, bounded by the settings. docs/payment.md section 7.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "psl/core/weight.h"
#include "psl/payment/settings.h"

namespace psl::payment {

// Closed outcomes of one King Outcome: achieved, and achieved + missed.
struct SuccessCounts {
  std::int64_t achieved = 0;
  std::int64_t closed = 0;
};

struct RelativeFactor {
  Weight factor = Weight::One();
  bool applied = false;     // false: 1 by default (End Result not listed, too few outcomes, ...)
  std::string explanation;  // the factor and its inputs, for the due line's rule
};

// 1 unless the End Result is listed in settings.relative_results_end_results; then 1 while the
// provider has fewer than settings.relative_minimum_outcomes closed outcomes or nobody has
// achieved one (no rate to compare with); else (provider achieved / closed) / (everyone's),
// rounded half away from zero to six decimals, then bounded to [relative_floor, relative_cap].
RelativeFactor RelativeFactorFor(const PaymentSettings& settings, std::string_view end_result,
                                 SuccessCounts provider, SuccessCounts everyone);

}  // namespace psl::payment
