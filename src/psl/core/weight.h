// Weight: an exact, non-negative-or-negative decimal factor with six decimals (micro-units),
// such as a geographic weight of 1.153200. Products with Money round once, to the penny,
// half away from zero (TAR-6): intermediate products are exact in 128-bit integers.
#pragma once

#include <compare>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "psl/core/money.h"
#include "psl/core/result.h"

namespace psl {

class Weight {
 public:
  static constexpr std::int64_t kScale = 1'000'000;  // six decimals
  static constexpr int kDecimals = 6;

  constexpr Weight() = default;
  static constexpr Weight FromMicros(std::int64_t micros) { return Weight(micros); }
  static constexpr Weight One() { return Weight(kScale); }
  // numerator / denominator rounded half away from zero to six decimals; kInvalidArgument for a
  // zero denominator, kOverflow when out of range.
  static Result<Weight> FromRatio(std::int64_t numerator, std::int64_t denominator);
  // "1", "1.25", "-0.5", "0.000001"; more than six decimals is refused, not rounded.
  static Result<Weight> Parse(std::string_view text);

  constexpr std::int64_t micros() const { return micros_; }
  std::string ToString() const;  // always six decimals: "1.250000"

  friend constexpr auto operator<=>(Weight, Weight) = default;

 private:
  constexpr explicit Weight(std::int64_t micros) : micros_(micros) {}
  std::int64_t micros_ = 0;
};

// amount × w1 × w2 × ... computed exactly, then rounded once to the penny, half away from zero.
// At most four weights. kOverflow when the rounded result does not fit in Money.
Result<Money> ApplyWeights(Money amount, std::span<const Weight> weights);
inline Result<Money> ApplyWeights(Money amount, std::initializer_list<Weight> weights) {
  return ApplyWeights(amount, std::span<const Weight>(weights.begin(), weights.size()));
}

// numerator / denominator rounded half away from zero. Requires denominator > 0.
__int128 DivideRoundHalfAwayFromZero(__int128 numerator, __int128 denominator);

}  // namespace psl
