// Tests for psl::Weight and ApplyWeights (src/psl/core/weight.h). Expected values come from
// SPEC TAR-1 (price = round((core + supplements) × geographic weight × cyclical weight)) and
// TAR-6 (exact weights; rounding once, at the end, half away from zero, to the penny).
#include "psl/core/weight.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "test_support.h"

namespace psl {
namespace {

using testing_support::AnyInt64;
using testing_support::kInt64Max;
using testing_support::kInt64Min;

Weight W(std::string_view text) {
  auto weight = Weight::Parse(text);
  EXPECT_TRUE(weight.ok()) << text << ": " << weight.status().ToString();
  return weight.ok() ? *weight : Weight();
}

Money P(std::int64_t pence) { return Money::FromPence(pence); }

// ---------------------------------------------------------------------------------------------
// Parse and ToString (weight.h: "1", "1.25", "-0.5", "0.000001"; always six decimals out).

TEST(WeightParse, ParsesDocumentedForms) {
  EXPECT_EQ(W("1").micros(), 1'000'000);
  EXPECT_EQ(W("1.25").micros(), 1'250'000);
  EXPECT_EQ(W("0.000001").micros(), 1);
  EXPECT_EQ(W("-0.5").micros(), -500'000);
  EXPECT_EQ(W("1.153200").micros(), 1'153'200);  // weight.h example geographic weight
  EXPECT_EQ(W("0").micros(), 0);
  EXPECT_EQ(W("12.000001").micros(), 12'000'001);
}

TEST(WeightParse, PrintsSixDecimals) {
  EXPECT_EQ(W("1").ToString(), "1.000000");
  EXPECT_EQ(W("1.25").ToString(), "1.250000");
  EXPECT_EQ(W("0.000001").ToString(), "0.000001");
  EXPECT_EQ(W("-0.5").ToString(), "-0.500000");
  EXPECT_EQ(Weight().ToString(), "0.000000");
  EXPECT_EQ(Weight::One().ToString(), "1.000000");
  EXPECT_EQ(Weight::FromMicros(-1).ToString(), "-0.000001");
  EXPECT_EQ(Weight::FromMicros(kInt64Max).ToString(), "9223372036854.775807");
  EXPECT_EQ(Weight::FromMicros(kInt64Min).ToString(), "-9223372036854.775808");
}

TEST(WeightParse, RejectsMalformedText) {
  for (const char* text : {
           "0.0000001",  // seven decimals: refused, not rounded (weight.h)
           "1.1234567",  //
           "",           //
           "-",          //
           ".5",         // no digits before the point
           "1.",         // no digits after the point
           "1.2.3",      //
           "abc",        //
           "1,5",        // no decimal comma
           "+1",         //
           "--1",        //
           " 1",         //
           "1 ",         //
           "1e3",        //
           "1.-5",       //
       }) {
    auto weight = Weight::Parse(text);
    EXPECT_FALSE(weight.ok()) << "'" << text << "' parsed as " << weight->ToString();
    if (!weight.ok()) {
      EXPECT_EQ(weight.status().code(), ErrorCode::kInvalidArgument) << text;
    }
  }
}

TEST(WeightParse, RangeLimits) {
  // The int64 micro-unit limits parse exactly; one micro beyond is kOverflow.
  EXPECT_EQ(W("9223372036854.775807").micros(), kInt64Max);
  EXPECT_EQ(W("-9223372036854.775808").micros(), kInt64Min);
  for (const char* text : {"9223372036854.775808", "9223372036854.999999", "-9223372036854.775809",
                           "9223372036855", "99999999999999999999"}) {
    auto weight = Weight::Parse(text);
    ASSERT_FALSE(weight.ok()) << "'" << text << "' parsed as " << weight->ToString();
    EXPECT_EQ(weight.status().code(), ErrorCode::kOverflow) << text;
  }
}

// ---------------------------------------------------------------------------------------------
// FromRatio (weight.h: rounded half away from zero to six decimals).

TEST(WeightFromRatio, RoundsHalfAwayFromZero) {
  struct Case {
    std::int64_t numerator;
    std::int64_t denominator;
    const char* expected;
  };
  for (const Case& c : {
           Case{1, 3, "0.333333"},          // 0.3333333… rounds down
           Case{2, 3, "0.666667"},          // 0.6666666… rounds up
           Case{-1, 3, "-0.333333"},        //
           Case{-2, 3, "-0.666667"},        //
           Case{1, 2000000, "0.000001"},    // exactly half a micro: away from zero
           Case{-1, 2000000, "-0.000001"},  // exactly half a micro, negative: away from zero
           Case{1, -2000000, "-0.000001"},  // sign in the denominator
           Case{-1, -2000000, "0.000001"},  //
           Case{1, 2000001, "0.000000"},    // just under half a micro
           Case{3, 2000000, "0.000002"},    // 1.5 micros
           Case{-3, 2000000, "-0.000002"},  //
           Case{5, 4, "1.250000"},          //
           Case{0, 7, "0.000000"},          //
           Case{7, 7, "1.000000"},          //
           Case{-6, -3, "2.000000"},        //
       }) {
    auto weight = Weight::FromRatio(c.numerator, c.denominator);
    ASSERT_TRUE(weight.ok()) << c.numerator << "/" << c.denominator;
    EXPECT_EQ(weight->ToString(), c.expected) << c.numerator << "/" << c.denominator;
  }
}

TEST(WeightFromRatio, RejectsZeroDenominatorAndOverflow) {
  auto zero = Weight::FromRatio(1, 0);
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Weight::FromRatio(0, 0).status().code(), ErrorCode::kInvalidArgument);

  auto big = Weight::FromRatio(kInt64Max, 1);  // 9.2e18 × 10^6 micros does not fit
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), ErrorCode::kOverflow);
  EXPECT_EQ(Weight::FromRatio(kInt64Min, -1).status().code(), ErrorCode::kOverflow);
  // Large operands whose ratio fits are fine: the product is formed in 128 bits.
  EXPECT_EQ(Weight::FromRatio(kInt64Max, kInt64Max)->micros(), 1'000'000);
  EXPECT_EQ(Weight::FromRatio(kInt64Min, kInt64Min)->micros(), 1'000'000);
  EXPECT_EQ(Weight::FromRatio(kInt64Min, kInt64Max)->micros(), -1'000'000);
}

// ---------------------------------------------------------------------------------------------
// ApplyWeights.

std::int64_t Apply(std::int64_t pence, std::initializer_list<Weight> weights) {
  auto result = ApplyWeights(P(pence), weights);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? result->pence() : -424242;
}

TEST(ApplyWeights, Tar1WorkedExample) {
  // SPEC TAR-1: core £2,000 + supplements £9,000 = £11,000, weights 1.0 and 1.0.
  auto price = ApplyWeights(Money::Parse("£11,000.00").value(), {W("1.0"), W("1.0")});
  ASSERT_TRUE(price.ok());
  EXPECT_EQ(price->Format(), "£11,000.00");
}

TEST(ApplyWeights, RoundsHalfPenniesAwayFromZero) {
  // TAR-6: half away from zero, to the penny.
  EXPECT_EQ(Apply(1, {W("0.5")}), 1);    // 0.5 -> 1
  EXPECT_EQ(Apply(-1, {W("0.5")}), -1);  // -0.5 -> -1
  EXPECT_EQ(Apply(1, {W("-0.5")}), -1);  // negative weight, same rule
  EXPECT_EQ(Apply(3, {W("0.5")}), 2);    // 1.5 -> 2
  EXPECT_EQ(Apply(-3, {W("0.5")}), -2);  // -1.5 -> -2
  EXPECT_EQ(Apply(5, {W("0.5")}), 3);    // 2.5 -> 3 (not banker's 2)
  EXPECT_EQ(Apply(-5, {W("0.5")}), -3);
  EXPECT_EQ(Apply(1, {W("0.499999")}), 0);     // just under half
  EXPECT_EQ(Apply(-1, {W("0.499999")}), 0);    //
  EXPECT_EQ(Apply(1, {W("0.500001")}), 1);     // just over half
  EXPECT_EQ(Apply(100, {W("0.333333")}), 33);  // 33.3333
  EXPECT_EQ(Apply(200, {W("0.333333")}), 67);  // 66.6666
  EXPECT_EQ(Apply(-200, {W("0.333333")}), -67);
}

TEST(ApplyWeights, RoundsOnceAtTheEnd) {
  // TAR-6: rounding happens once. 1p × 0.5 × 0.5 = 0.25p -> 0p; rounding after each weight would
  // give 0.5 -> 1 then 0.5 -> 1.
  EXPECT_EQ(Apply(1, {W("0.5"), W("0.5")}), 0);
  EXPECT_EQ(Apply(-1, {W("0.5"), W("0.5")}), 0);
  // 3p × 0.5 × 0.5 = 0.75 -> 1, where rounding each step gives 2 then 1: same; 5p × 0.5 × 0.5 =
  // 1.25 -> 1, where rounding each step gives 3 then 2.
  EXPECT_EQ(Apply(5, {W("0.5"), W("0.5")}), 1);
  // 1p × 1.5 × 1.5 × 1.5 × 1.5 = 5.0625 -> 5; stepwise would be 2, 3, 5, 8.
  EXPECT_EQ(Apply(1, {W("1.5"), W("1.5"), W("1.5"), W("1.5")}), 5);
  // Six-decimal weights whose product has twelve decimals: £1,234.57 × 1.153200 × 0.987654 =
  // 140,612.9048193096 pence exactly (Python fractions.Fraction) -> 140,613.
  EXPECT_EQ(Apply(123'457, {W("1.153200"), W("0.987654")}), 140'613);
}

TEST(ApplyWeights, NoWeightsAndIdentity) {
  EXPECT_EQ(Apply(12'345, {}), 12'345);
  EXPECT_EQ(Apply(kInt64Max, {}), kInt64Max);
  EXPECT_EQ(Apply(kInt64Min, {Weight::One()}), kInt64Min);
  EXPECT_EQ(Apply(kInt64Max, {Weight::One(), Weight::One(), Weight::One()}), kInt64Max);
  EXPECT_EQ(Apply(12'345, {W("0")}), 0);
}

TEST(ApplyWeights, ReportsOverflow) {
  for (auto result :
       {ApplyWeights(P(kInt64Max), {W("2")}), ApplyWeights(P(kInt64Min), {W("-1")}),
        ApplyWeights(P(kInt64Max), {W("1.000001")}), ApplyWeights(P(kInt64Min), {W("1.000001")}),
        ApplyWeights(P(kInt64Max), {Weight::FromMicros(kInt64Max)}),
        ApplyWeights(P(kInt64Max), {Weight::FromMicros(kInt64Max), Weight::FromMicros(kInt64Max),
                                    Weight::FromMicros(kInt64Max)})}) {
    ASSERT_FALSE(result.ok()) << result->pence();
    EXPECT_EQ(result.status().code(), ErrorCode::kOverflow);
  }
  // kInt64Max × 0.5 × 2 is back in range: only the final rounded value must fit (weight.h).
  EXPECT_EQ(Apply(kInt64Max, {W("0.5"), W("2")}), kInt64Max);
  EXPECT_EQ(Apply(kInt64Min, {W("2"), W("0.5")}), kInt64Min);
}

TEST(ApplyWeights, OnlyTheFinalValueMustFit) {
  // weight.h: "kOverflow when the rounded result does not fit in Money", so intermediate
  // products beyond 128 bits must not cause a spurious overflow.
  // Four weights of 1.0: the exact product amount × 10^24 exceeds 128 bits for large amounts.
  EXPECT_EQ(Apply(kInt64Max, {Weight::One(), Weight::One(), Weight::One(), Weight::One()}),
            kInt64Max);
  EXPECT_EQ(Apply(kInt64Min, {Weight::One(), Weight::One(), Weight::One(), Weight::One()}),
            kInt64Min);
  // £10bn × 20^4 = £1.6 quadrillion, which fits in int64 pence.
  EXPECT_EQ(Apply(1'000'000'000'000, {W("20"), W("20"), W("20"), W("20")}),
            160'000'000'000'000'000);
  // A huge weight brought back by tiny ones: (2^63 − 1)² / 10^24 = 85,070,591,730,234.6158...
  // (Python fractions.Fraction) -> 85,070,591,730,235; and the mirror for INT64_MIN.
  const Weight huge = Weight::FromMicros(kInt64Max);
  const Weight micro = Weight::FromMicros(1);
  EXPECT_EQ(Apply(kInt64Max, {huge, micro, micro, micro}), 85'070'591'730'235);
  EXPECT_EQ(Apply(kInt64Min, {huge, micro, micro, micro}), -85'070'591'730'235);
  // A zero weight makes the product zero, however large the other factors.
  EXPECT_EQ(Apply(kInt64Max, {huge, huge, Weight()}), 0);
  EXPECT_EQ(Apply(kInt64Min, {huge, huge, huge, Weight()}), 0);
}

TEST(ApplyWeightsDeathTest, AtMostFourWeights) {
  // weight.h: at most four weights (a programmer error beyond that).
  EXPECT_DEATH((void)ApplyWeights(P(1), {Weight::One(), Weight::One(), Weight::One(), Weight::One(),
                                         Weight::One()}),
               "at most four weights");
}

TEST(DivideRoundHalfAwayFromZero, Basics) {
  EXPECT_EQ(static_cast<std::int64_t>(DivideRoundHalfAwayFromZero(7, 2)), 4);
  EXPECT_EQ(static_cast<std::int64_t>(DivideRoundHalfAwayFromZero(-7, 2)), -4);
  EXPECT_EQ(static_cast<std::int64_t>(DivideRoundHalfAwayFromZero(5, 3)), 2);
  EXPECT_EQ(static_cast<std::int64_t>(DivideRoundHalfAwayFromZero(-5, 3)), -2);
  EXPECT_EQ(static_cast<std::int64_t>(DivideRoundHalfAwayFromZero(4, 3)), 1);
  EXPECT_EQ(static_cast<std::int64_t>(DivideRoundHalfAwayFromZero(-4, 3)), -1);
  EXPECT_EQ(static_cast<std::int64_t>(DivideRoundHalfAwayFromZero(0, 3)), 0);
  EXPECT_EQ(static_cast<std::int64_t>(DivideRoundHalfAwayFromZero(6, 3)), 2);
}

// ---------------------------------------------------------------------------------------------
// Independent reference for ApplyWeights: the exact product as an arbitrary-size magnitude
// (base 2^32 limbs) and a sign, divided by 10^6 once per weight, then rounded half up on the
// magnitude (which is half away from zero on the signed value). No 128-bit shortcuts, so it
// covers the whole input range.

struct BigMagnitude {
  std::vector<std::uint32_t> limbs;  // least significant first

  explicit BigMagnitude(std::uint64_t value) {
    limbs = {static_cast<std::uint32_t>(value), static_cast<std::uint32_t>(value >> 32)};
  }
  void MultiplyBy(std::uint32_t factor) {
    std::uint64_t carry = 0;
    for (std::uint32_t& limb : limbs) {
      const std::uint64_t product = static_cast<std::uint64_t>(limb) * factor + carry;
      limb = static_cast<std::uint32_t>(product);
      carry = product >> 32;
    }
    if (carry != 0) limbs.push_back(static_cast<std::uint32_t>(carry));
  }
  void MultiplyBy(std::uint64_t factor) {
    // factor = high × 2^32 + low; value × factor = value × low + (value × high) << 32.
    BigMagnitude high_part = *this;
    high_part.MultiplyBy(static_cast<std::uint32_t>(factor >> 32));
    MultiplyBy(static_cast<std::uint32_t>(factor));
    high_part.limbs.insert(high_part.limbs.begin(), 0);
    Add(high_part);
  }
  void Add(const BigMagnitude& other) {
    if (limbs.size() < other.limbs.size()) limbs.resize(other.limbs.size(), 0);
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < limbs.size(); ++i) {
      const std::uint64_t sum = static_cast<std::uint64_t>(limbs[i]) +
                                (i < other.limbs.size() ? other.limbs[i] : 0) + carry;
      limbs[i] = static_cast<std::uint32_t>(sum);
      carry = sum >> 32;
    }
    if (carry != 0) limbs.push_back(static_cast<std::uint32_t>(carry));
  }
  // Divides in place and returns the remainder.
  std::uint32_t DivideBy(std::uint32_t divisor) {
    std::uint64_t remainder = 0;
    for (std::size_t i = limbs.size(); i-- > 0;) {
      const std::uint64_t current = (remainder << 32) | limbs[i];
      limbs[i] = static_cast<std::uint32_t>(current / divisor);
      remainder = current % divisor;
    }
    return static_cast<std::uint32_t>(remainder);
  }
  // The value when it is at most `limit`, otherwise nothing.
  std::optional<std::uint64_t> AtMost(std::uint64_t limit) const {
    for (std::size_t i = 2; i < limbs.size(); ++i) {
      if (limbs[i] != 0) return std::nullopt;
    }
    const std::uint64_t value =
        (static_cast<std::uint64_t>(limbs.size() > 1 ? limbs[1] : 0) << 32) | limbs[0];
    if (value > limit) return std::nullopt;
    return value;
  }
};

std::uint64_t Magnitude(std::int64_t value) {
  return value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
}

// The correctly rounded pence, or nothing when they do not fit in int64.
std::optional<std::int64_t> ReferenceApplyWeights(std::int64_t pence,
                                                  const std::vector<std::int64_t>& micros) {
  bool negative = pence < 0;
  BigMagnitude magnitude(Magnitude(pence));
  for (std::int64_t w : micros) {
    if (w < 0) negative = !negative;
    magnitude.MultiplyBy(Magnitude(w));
  }
  // remainder = r1 + r2·10^6 + r3·10^12 + ... < 10^(6k); denominator = 10^(6k).
  unsigned __int128 remainder = 0;
  unsigned __int128 place = 1;
  for (std::size_t i = 0; i < micros.size(); ++i) {
    remainder += place * magnitude.DivideBy(1'000'000);
    place *= 1'000'000;
  }
  const unsigned __int128 denominator = place;
  if (2 * remainder >= denominator) magnitude.Add(BigMagnitude(1));
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  const auto rounded = magnitude.AtMost(limit);
  if (!rounded) return std::nullopt;
  return negative ? static_cast<std::int64_t>(0 - *rounded) : static_cast<std::int64_t>(*rounded);
}

// A second reference for products that fit in 128 bits, as the brief describes: floor division,
// then an explicit comparison of twice the (non-negative) remainder with the denominator.
std::optional<__int128> FloorReference(std::int64_t pence,
                                       const std::vector<std::int64_t>& micros) {
  __int128 numerator = pence;
  __int128 denominator = 1;
  for (std::int64_t w : micros) {
    if (__builtin_mul_overflow(numerator, static_cast<__int128>(w), &numerator))
      return std::nullopt;
    denominator *= 1'000'000;
  }
  __int128 floor = numerator / denominator;
  if (numerator % denominator != 0 && numerator < 0) --floor;
  const __int128 remainder = numerator - floor * denominator;  // 0 <= remainder < denominator
  if (2 * remainder > denominator) return floor + 1;
  if (2 * remainder < denominator) return floor;
  return numerator > 0 ? floor + 1 : floor;  // exactly half: away from zero
}

std::vector<Weight> ToWeights(const std::vector<std::int64_t>& micros) {
  std::vector<Weight> weights;
  for (std::int64_t m : micros) weights.push_back(Weight::FromMicros(m));
  return weights;
}

TEST(ApplyWeightsReference, AgreesWithHandWorkedValues) {
  // Guard the references themselves with the hand-worked cases above.
  EXPECT_EQ(ReferenceApplyWeights(1, {500'000, 500'000}), 0);
  EXPECT_EQ(ReferenceApplyWeights(-3, {500'000}), -2);
  EXPECT_EQ(ReferenceApplyWeights(5, {500'000}), 3);
  EXPECT_EQ(ReferenceApplyWeights(123'457, {1'153'200, 987'654}), 140'613);
  EXPECT_EQ(ReferenceApplyWeights(kInt64Min, {1'000'000}), kInt64Min);
  EXPECT_EQ(ReferenceApplyWeights(kInt64Max, {2'000'000}), std::nullopt);
  EXPECT_EQ(ReferenceApplyWeights(kInt64Min, {-1'000'000}), std::nullopt);
  EXPECT_EQ(FloorReference(-3, {500'000}), -2);
  EXPECT_EQ(FloorReference(-1, {500'000, 500'000}), 0);
  EXPECT_EQ(FloorReference(-5, {500'000, 500'000}), -1);
}

// Weights: realistic factors around 1, the limits, and anything.
rc::Gen<std::int64_t> AnyMicros() {
  return rc::gen::weightedOneOf<std::int64_t>({
      {4, rc::gen::inRange<std::int64_t>(-3'000'000, 3'000'001)},
      {2, rc::gen::elementOf(std::vector<std::int64_t>{0, 1, -1, 500'000, -500'000, 1'000'000,
                                                       1'500'000, 2'000'000, 999'999, 1'000'001})},
      {2, AnyInt64()},
  });
}

rc::Gen<std::vector<std::int64_t>> AnyWeightList() {
  // Four weights most often: the case where the exact product can exceed 128 bits.
  const auto counts = rc::gen::weightedElement<int>({{1, 0}, {1, 1}, {1, 2}, {2, 3}, {4, 4}});
  return rc::gen::mapcat(counts, [](int count) {
    return rc::gen::container<std::vector<std::int64_t>>(static_cast<std::size_t>(count),
                                                         AnyMicros());
  });
}

// Over the whole input range: ApplyWeights returns exactly the correctly rounded amount when it
// fits in Money, and kOverflow when it does not (weight.h).
RC_GTEST_PROP(ApplyWeightsProperty, MatchesTheBigIntegerReference, ()) {
  const std::int64_t pence = *AnyInt64();
  const auto micros = *AnyWeightList();
  const auto expected = ReferenceApplyWeights(pence, micros);
  const auto actual = ApplyWeights(P(pence), ToWeights(micros));
  RC_ASSERT(actual.ok() == expected.has_value());
  if (actual.ok()) {
    RC_ASSERT(actual->pence() == *expected);
  } else {
    RC_ASSERT(actual.status().code() == ErrorCode::kOverflow);
  }
}

// Where the exact product fits in 128 bits, the floor-division reference agrees too.
RC_GTEST_PROP(ApplyWeightsProperty, EqualsTheFloorDivisionReference, ()) {
  const std::int64_t pence = *AnyInt64();
  const auto micros = *AnyWeightList();
  const auto floor_reference = FloorReference(pence, micros);
  RC_PRE(floor_reference.has_value());
  const auto expected = ReferenceApplyWeights(pence, micros);
  // The two references agree with each other.
  RC_ASSERT(expected.has_value() ==
            (*floor_reference >= kInt64Min && *floor_reference <= kInt64Max));
  if (expected) RC_ASSERT(static_cast<__int128>(*expected) == *floor_reference);
  const auto actual = ApplyWeights(P(pence), ToWeights(micros));
  RC_ASSERT(actual.ok() == expected.has_value());
  if (actual.ok()) RC_ASSERT(actual->pence() == *expected);
}

// Realistic tariffs (up to £10bn, weights within ±20): never a spurious overflow.
RC_GTEST_PROP(ApplyWeightsProperty, RealisticInputsNeverOverflow, ()) {
  const std::int64_t pence = *rc::gen::inRange<std::int64_t>(-1'000'000'000'000, 1'000'000'000'001);
  const auto micros = *rc::gen::mapcat(rc::gen::inRange(0, 5), [](int count) {
    return rc::gen::container<std::vector<std::int64_t>>(
        static_cast<std::size_t>(count), rc::gen::inRange<std::int64_t>(-20'000'000, 20'000'001));
  });
  const auto actual = ApplyWeights(P(pence), ToWeights(micros));
  RC_ASSERT(actual.ok());
  RC_ASSERT(actual->pence() == ReferenceApplyWeights(pence, micros).value());
}

// Dyadic weights (0.5, 0.25, 1.5, ...) make exact half pennies common, so the tie rule is
// exercised on every run (TAR-6: half away from zero).
RC_GTEST_PROP(ApplyWeightsProperty, TiesMatchTheReference, ()) {
  const std::int64_t pence = *rc::gen::inRange<std::int64_t>(-1'000'000'000'000, 1'000'000'000'001);
  const auto dyadic = rc::gen::elementOf(std::vector<std::int64_t>{
      500'000, -500'000, 250'000, 750'000, 1'500'000, 2'500'000, 125'000});
  const auto micros = *rc::gen::mapcat(rc::gen::inRange(1, 5), [dyadic](int count) {
    return rc::gen::container<std::vector<std::int64_t>>(static_cast<std::size_t>(count), dyadic);
  });
  const auto actual = ApplyWeights(P(pence), ToWeights(micros));
  RC_ASSERT(actual.ok());
  RC_ASSERT(actual->pence() == ReferenceApplyWeights(pence, micros).value());
}

RC_GTEST_PROP(ApplyWeightsProperty, WeightOneIsIdentity, ()) {
  const std::int64_t pence = *AnyInt64();
  const auto once = ApplyWeights(P(pence), {Weight::One()});
  RC_ASSERT(once.ok());
  RC_ASSERT(once->pence() == pence);
  const auto four =
      ApplyWeights(P(pence), {Weight::One(), Weight::One(), Weight::One(), Weight::One()});
  RC_ASSERT(four.ok());
  RC_ASSERT(four->pence() == pence);
}

RC_GTEST_PROP(ApplyWeightsProperty, WithinHalfAPennyOfTheExactValue, ()) {
  const std::int64_t pence = *rc::gen::inRange<std::int64_t>(-10'000'000'000, 10'000'000'001);
  const std::int64_t w1 = *rc::gen::inRange<std::int64_t>(-5'000'000, 5'000'001);
  const std::int64_t w2 = *rc::gen::inRange<std::int64_t>(-5'000'000, 5'000'001);
  const auto actual = ApplyWeights(P(pence), {Weight::FromMicros(w1), Weight::FromMicros(w2)});
  RC_ASSERT(actual.ok());
  // |result − exact| ≤ ½ penny  ⇔  2·|result·10^12 − pence·w1·w2| ≤ 10^12.
  const __int128 exact_numerator = static_cast<__int128>(pence) * w1 * w2;
  const __int128 denominator = static_cast<__int128>(1'000'000) * 1'000'000;
  __int128 error = static_cast<__int128>(actual->pence()) * denominator - exact_numerator;
  if (error < 0) error = -error;
  RC_ASSERT(2 * error <= denominator);
  // And exactly half a penny only ever rounds away from zero.
  if (2 * error == denominator) {
    RC_ASSERT((actual->pence() > 0) == (exact_numerator > 0));
  }
}

RC_GTEST_PROP(ApplyWeightsProperty, MonotoneInANonNegativeWeight, ()) {
  const std::int64_t pence = *rc::gen::inRange<std::int64_t>(0, 100'000'000'000);
  std::int64_t low = *rc::gen::inRange<std::int64_t>(0, 10'000'000);
  std::int64_t high = *rc::gen::inRange<std::int64_t>(0, 10'000'000);
  if (low > high) std::swap(low, high);
  const std::int64_t other = *rc::gen::inRange<std::int64_t>(0, 3'000'000);
  const auto at_low = ApplyWeights(P(pence), {Weight::FromMicros(low), Weight::FromMicros(other)});
  const auto at_high =
      ApplyWeights(P(pence), {Weight::FromMicros(high), Weight::FromMicros(other)});
  RC_ASSERT(at_low.ok() && at_high.ok());
  RC_ASSERT(at_low->pence() <= at_high->pence());
  RC_ASSERT(at_low->pence() >= 0);
}

RC_GTEST_PROP(ApplyWeightsProperty, OddSymmetryUnderNegation, ()) {
  // Half away from zero is symmetric: f(−a) = −f(a).
  const std::int64_t pence = *rc::gen::inRange<std::int64_t>(-1'000'000'000'000, 1'000'000'000'001);
  const auto micros = *rc::gen::container<std::vector<std::int64_t>>(
      2, rc::gen::inRange<std::int64_t>(-3'000'000, 3'000'001));
  const auto positive = ApplyWeights(P(pence), ToWeights(micros));
  const auto negative = ApplyWeights(P(-pence), ToWeights(micros));
  RC_ASSERT(positive.ok() && negative.ok());
  RC_ASSERT(negative->pence() == -positive->pence());
}

// ---------------------------------------------------------------------------------------------
// Weight properties.

RC_GTEST_PROP(WeightProperty, ParseInvertsToString, ()) {
  const std::int64_t micros = *AnyInt64();
  const auto parsed = Weight::Parse(Weight::FromMicros(micros).ToString());
  RC_ASSERT(parsed.ok());
  RC_ASSERT(parsed->micros() == micros);
}

RC_GTEST_PROP(WeightProperty, FromRatioIsWithinHalfAMicro, ()) {
  const std::int64_t numerator = *rc::gen::inRange<std::int64_t>(-1'000'000'000, 1'000'000'001);
  const std::int64_t denominator = *rc::gen::nonZero<std::int64_t>();
  const auto weight = Weight::FromRatio(numerator, denominator);
  RC_ASSERT(weight.ok());
  // |micros − numerator·10^6/denominator| ≤ ½  ⇔  |2·micros·d − 2·n·10^6| ≤ |d|.
  const __int128 d = denominator;
  __int128 error = 2 * static_cast<__int128>(weight->micros()) * d -
                   2 * static_cast<__int128>(numerator) * 1'000'000;
  if (error < 0) error = -error;
  const __int128 abs_d = d < 0 ? -d : d;
  RC_ASSERT(error <= abs_d);
  if (error == abs_d) {  // a tie goes away from zero
    RC_ASSERT((weight->micros() > 0) == ((numerator > 0) == (denominator > 0)));
  }
}

}  // namespace
}  // namespace psl
