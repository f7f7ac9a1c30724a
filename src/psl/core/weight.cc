#include "psl/core/weight.h"

#include <limits>

namespace psl {

__int128 DivideRoundHalfAwayFromZero(__int128 numerator, __int128 denominator) {
  PSL_CHECK(denominator > 0, "rounding division needs a positive denominator");
  __int128 quotient = numerator / denominator;  // truncates toward zero
  const __int128 remainder = numerator % denominator;
  const __int128 twice = remainder < 0 ? -2 * remainder : 2 * remainder;
  if (twice >= denominator) quotient += numerator < 0 ? -1 : 1;
  return quotient;
}

namespace {

bool FitsInt64(__int128 value) {
  return value >= std::numeric_limits<std::int64_t>::min() &&
         value <= std::numeric_limits<std::int64_t>::max();
}

}  // namespace

Result<Weight> Weight::FromRatio(std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) return Status(ErrorCode::kInvalidArgument, "weight with a zero denominator");
  __int128 n = static_cast<__int128>(numerator) * kScale;
  __int128 d = denominator;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const __int128 micros = DivideRoundHalfAwayFromZero(n, d);
  if (!FitsInt64(micros)) return Status(ErrorCode::kOverflow, "weight out of range");
  return Weight(static_cast<std::int64_t>(micros));
}

Result<Weight> Weight::Parse(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Status(ErrorCode::kInvalidArgument, "not a weight: '" + std::string(text) + "' (" +
                                                   std::string(why) + "); write it like 1.25");
  };
  std::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && rest.front() == '-') {
    negative = true;
    rest.remove_prefix(1);
  }
  if (rest.empty()) return bad("no digits");
  std::string_view whole = rest, fraction;
  if (const auto dot = rest.find('.'); dot != std::string_view::npos) {
    whole = rest.substr(0, dot);
    fraction = rest.substr(dot + 1);
    if (fraction.empty()) return bad("no digits after the decimal point");
    if (fraction.size() > static_cast<std::size_t>(kDecimals)) return bad("more than six decimals");
  }
  if (whole.empty()) return bad("no digits before the decimal point");
  std::int64_t micros = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return bad("bad digits");
    if (__builtin_mul_overflow(micros, 10, &micros) ||
        __builtin_add_overflow(micros, c - '0', &micros)) {
      return Status(ErrorCode::kOverflow, "weight out of range");
    }
  }
  std::int64_t fraction_micros = 0;
  for (std::size_t i = 0; i < static_cast<std::size_t>(kDecimals); ++i) {
    const char c = i < fraction.size() ? fraction[i] : '0';
    if (c < '0' || c > '9') return bad("bad decimals");
    fraction_micros = fraction_micros * 10 + (c - '0');
  }
  // In 128 bits: the magnitude of the most negative weight is one more than the largest.
  const __int128 magnitude = static_cast<__int128>(micros) * kScale + fraction_micros;
  const __int128 value = negative ? -magnitude : magnitude;
  if (!FitsInt64(value)) return Status(ErrorCode::kOverflow, "weight out of range");
  return Weight(static_cast<std::int64_t>(value));
}

std::string Weight::ToString() const {
  const bool negative = micros_ < 0;
  const std::uint64_t magnitude =
      negative ? ~static_cast<std::uint64_t>(micros_) + 1 : static_cast<std::uint64_t>(micros_);
  // Built by appending: GCC 12 at -O3 reports a false -Wrestrict on std::string::insert.
  const std::string fraction = std::to_string(magnitude % kScale);
  std::string text = negative ? "-" : "";
  text += std::to_string(magnitude / kScale);
  text += '.';
  text.append(static_cast<std::size_t>(kDecimals) - fraction.size(), '0');
  text += fraction;
  return text;
}

Result<Money> ApplyWeights(Money amount, std::span<const Weight> weights) {
  PSL_CHECK(weights.size() <= 4, "at most four weights keep the exact fraction inside 128 bits");
  using Unsigned = unsigned __int128;
  auto magnitude = [](std::int64_t value) {
    return static_cast<Unsigned>(value < 0 ? -static_cast<__int128>(value) : value);
  };
  for (const Weight& weight : weights) {
    if (weight.micros() == 0) return Money::Zero();
  }
  // The exact magnitude is carried as whole + remainder / scale, scale = 10^(6 × weights so far),
  // 0 <= remainder < scale; the sign is tracked apart. A 128-bit overflow of whole × weight can
  // only happen from the second weight on, and then the result is out of range whatever the
  // remaining (non-zero, at least one micro) weights are.
  bool negative = amount.IsNegative();
  Unsigned whole = magnitude(amount.pence());
  Unsigned remainder = 0;
  Unsigned scale = 1;
  for (const Weight& weight : weights) {
    if (weight.micros() < 0) negative = !negative;
    const Unsigned factor = magnitude(weight.micros());
    Unsigned product = 0;
    if (__builtin_mul_overflow(whole, factor, &product)) {
      return Status(ErrorCode::kOverflow, "weighted amount out of range");
    }
    // (whole + remainder / scale) × factor / kScale, with next_scale = scale × kScale.
    const Unsigned next_scale = scale * Weight::kScale;
    const Unsigned fraction = product % Weight::kScale * scale + remainder * factor;
    whole = product / Weight::kScale + fraction / next_scale;
    remainder = fraction % next_scale;
    scale = next_scale;
  }
  if (2 * remainder >= scale) ++whole;  // half a penny or more: away from zero
  const Unsigned limit = (Unsigned{1} << 63) - (negative ? 0 : 1);
  if (whole > limit) return Status(ErrorCode::kOverflow, "weighted amount out of range");
  const __int128 pence = negative ? -static_cast<__int128>(whole) : static_cast<__int128>(whole);
  return Money::FromPence(static_cast<std::int64_t>(pence));
}

}  // namespace psl
