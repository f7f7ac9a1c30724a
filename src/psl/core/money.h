// Money: an exact amount of pounds sterling held as a signed 64-bit count of pence.
// Never a floating-point number. Arithmetic that could leave the int64 range is checked and
// reports kOverflow instead of wrapping. Thread-safe: a plain value type.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "psl/core/result.h"

namespace psl {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromPence(std::int64_t pence) { return Money(pence); }
  static constexpr Money Zero() { return Money(0); }

  constexpr std::int64_t pence() const { return pence_; }
  constexpr bool IsZero() const { return pence_ == 0; }
  constexpr bool IsNegative() const { return pence_ < 0; }

  // Checked arithmetic: kOverflow when the exact result does not fit in int64 pence.
  Result<Money> Add(Money other) const;
  Result<Money> Subtract(Money other) const;
  Result<Money> MultiplyBy(std::int64_t factor) const;
  Result<Money> Negate() const;

  // Parses "11000.00", "11,000.00", "£11,000.00", "-£5.50", "£-5.50", "12", "12.5".
  // Thousands separators, when present, must group by three. At most two decimals: a
  // third would be a fraction of a penny, which is refused rather than rounded.
  static Result<Money> Parse(std::string_view text);

  // "£11,000.00", "-£5.50".
  std::string Format() const;
  // "11000.00", "-5.50": the machine form used in CSV and the CLI.
  std::string FormatPlain() const;

  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(std::int64_t pence) : pence_(pence) {}
  std::int64_t pence_ = 0;
};

}  // namespace psl
