#include "psl/payment/relative.h"

#include <algorithm>
#include <limits>

namespace psl::payment {
namespace {

std::string Rate(SuccessCounts counts) {
  return std::to_string(counts.achieved) + "/" + std::to_string(counts.closed);
}

RelativeFactor One(std::string why) { return {Weight::One(), false, "1.000000 (" + why + ")"}; }

}  // namespace

RelativeFactor RelativeFactorFor(const PaymentSettings& settings, std::string_view end_result,
                                 SuccessCounts provider, SuccessCounts everyone) {
  if (!settings.relative_results_end_results.contains(std::string(end_result))) {
    return One("default");
  }
  if (provider.closed <= 0 || provider.closed < settings.relative_minimum_outcomes ||
      provider.achieved < 0 || provider.achieved > provider.closed) {
    return One("provider " + Rate(provider) + " closed outcomes, fewer than " +
               std::to_string(settings.relative_minimum_outcomes));
  }
  if (everyone.achieved <= 0 || everyone.closed <= 0 || everyone.achieved > everyone.closed) {
    return One("no national success rate to compare with: " + Rate(everyone));
  }
  // (pa / pc) / (ea / ec) = pa × ec / (pc × ea), exact in 128 bits, rounded once.
  const __int128 numerator =
      static_cast<__int128>(provider.achieved) * everyone.closed * Weight::kScale;
  const __int128 denominator = static_cast<__int128>(provider.closed) * everyone.achieved;
  const __int128 micros = DivideRoundHalfAwayFromZero(numerator, denominator);
  const __int128 bounded = std::clamp<__int128>(micros, settings.relative_floor.micros(),
                                                settings.relative_cap.micros());
  const Weight factor = Weight::FromMicros(static_cast<std::int64_t>(bounded));
  const Weight raw = Weight::FromMicros(static_cast<std::int64_t>(
      std::min<__int128>(micros, std::numeric_limits<std::int64_t>::max())));
  return {factor, true,
          factor.ToString() + " (provider " + Rate(provider) + " / everyone " + Rate(everyone) +
              " = " + raw.ToString() + ", bounded " + settings.relative_floor.ToString() + ".." +
              settings.relative_cap.ToString() + ")"};
}

}  // namespace psl::payment
