// The claim rules (window, sustainment, deadline, fraction), the outcome payment's one rounding,
// the relative factor's bounds, and the feed's CSV parser and spell matching (PAY-4, PAY-7,
// PAY-11). Pure domain: properties with rapidcheck where there is arithmetic.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "psl/payment/claims.h"
#include "psl/payment/feed.h"
#include "psl/payment/relative.h"

namespace psl::payment {
namespace {

Date D(int y, int m, int d) { return *Date::FromCivil(y, m, d); }

const ClaimRule kEmployment{false, 12, 24};  // employment_sustained_2y
const ClaimRule kWage{true, 36, 0};          // median_wage_fraction_3y

ClaimFacts Facts(Date registered, Date achieved, Date claimed,
                 std::optional<Weight> fraction = std::nullopt) {
  return {registered, achieved, claimed, fraction};
}

TEST(CheckClaim, ABinaryOutcomeReachedInTheWindowAndSustainedIsClaimable) {
  const auto fraction = CheckClaim(kEmployment, Facts(D(2025, 1, 6), D(2025, 6, 1), D(2027, 6, 1)));
  ASSERT_TRUE(fraction.ok()) << fraction.status().ToString();
  EXPECT_EQ(*fraction, Weight::One());
  EXPECT_TRUE(CheckClaim(kEmployment, Facts(D(2025, 1, 6), D(2025, 1, 6), D(2027, 1, 6))).ok());
  // The last day of the window, claimed on the deadline.
  EXPECT_TRUE(CheckClaim(kEmployment, Facts(D(2025, 1, 6), D(2026, 1, 6), D(2028, 1, 6))).ok());
  // Binary: "1" is the same as no fraction.
  EXPECT_TRUE(
      CheckClaim(kEmployment, Facts(D(2025, 1, 6), D(2025, 6, 1), D(2027, 6, 1), Weight::One()))
          .ok());
}

void ExpectRefused(const Result<Weight>& result, ErrorCode code, const std::string& field) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), code) << result.status().ToString();
  EXPECT_EQ(result.status().field(), field);
  EXPECT_FALSE(result.status().message().empty());
}

TEST(CheckClaim, OutsideTheWindowBeforeSustainmentOrAfterTheDeadlineIsRefused) {
  const Date registered = D(2025, 1, 6);
  // Before registration, and a day after the window.
  ExpectRefused(CheckClaim(kEmployment, Facts(registered, D(2025, 1, 5), D(2027, 6, 1))),
                ErrorCode::kFailedPrecondition, "achieved_on");
  ExpectRefused(CheckClaim(kEmployment, Facts(registered, D(2026, 1, 7), D(2028, 1, 6))),
                ErrorCode::kFailedPrecondition, "achieved_on");
  // A day too early: 24 months are not yet sustained.
  ExpectRefused(CheckClaim(kEmployment, Facts(registered, D(2025, 6, 1), D(2027, 5, 31))),
                ErrorCode::kFailedPrecondition, "achieved_on");
  // A day after the deadline (registered + 12 + 24 months).
  ExpectRefused(CheckClaim(kEmployment, Facts(registered, D(2025, 6, 1), D(2028, 1, 7))),
                ErrorCode::kFailedPrecondition, "achieved_on");
  // In the future.
  ExpectRefused(CheckClaim(kWage, Facts(registered, D(2025, 6, 2), D(2025, 6, 1), Weight::One())),
                ErrorCode::kFailedPrecondition, "achieved_on");
}

TEST(CheckClaim, TheFractionFollowsTheOutcomesKind) {
  const Date registered = D(2025, 1, 6);
  ExpectRefused(CheckClaim(kWage, Facts(registered, D(2027, 1, 6), D(2027, 2, 1))),
                ErrorCode::kInvalidArgument, "fraction");
  ExpectRefused(CheckClaim(kWage, Facts(registered, D(2027, 1, 6), D(2027, 2, 1),
                                        Weight::FromMicros(1'000'001))),
                ErrorCode::kInvalidArgument, "fraction");
  ExpectRefused(
      CheckClaim(kWage, Facts(registered, D(2027, 1, 6), D(2027, 2, 1), Weight::FromMicros(-1))),
      ErrorCode::kInvalidArgument, "fraction");
  ExpectRefused(CheckClaim(kEmployment, Facts(registered, D(2025, 6, 1), D(2027, 6, 1),
                                              Weight::FromMicros(500'000))),
                ErrorCode::kInvalidArgument, "fraction");
  const auto half = CheckClaim(
      kWage, Facts(registered, D(2027, 1, 6), D(2027, 2, 1), Weight::FromMicros(500'000)));
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(*half, Weight::FromMicros(500'000));
}

RC_GTEST_PROP(CheckClaimProperty, AcceptedExactlyWhenEveryRuleHolds,
              (std::uint16_t registered_day, std::int16_t achieved_offset,
               std::uint16_t claim_offset, std::uint8_t window, std::uint8_t sustain)) {
  const ClaimRule rule{false, 1 + window % 60, sustain % 60};
  const Date registered = D(2014, 1, 1).AddDays(registered_day % 4000);
  const Date achieved = registered.AddDays(achieved_offset % 2000);
  const Date claimed = achieved.AddDays(claim_offset % 4000);
  const bool in_window =
      achieved >= registered && achieved <= registered.AddMonths(rule.window_months);
  const bool sustained = claimed >= achieved.AddMonths(rule.sustain_months);
  const bool in_time = claimed <= registered.AddMonths(rule.window_months + rule.sustain_months);
  const auto result = CheckClaim(rule, Facts(registered, achieved, claimed));
  RC_ASSERT(result.ok() == (in_window && sustained && in_time));
  if (!result.ok()) RC_ASSERT(result.status().field() == "achieved_on");
}

TEST(OutcomePayment, IsThePartTimesFractionTimesFactorRoundedOnce) {
  // £6,600.00 × 0.5 × 1 = £3,300.00.
  EXPECT_EQ(*OutcomePayment(Money::FromPence(660'000), Weight::FromMicros(500'000), Weight::One()),
            Money::FromPence(330'000));
  // 3p × 0.5 × 0.5 = 0.75p: 1p.
  EXPECT_EQ(*OutcomePayment(Money::FromPence(3), Weight::FromMicros(500'000),
                            Weight::FromMicros(500'000)),
            Money::FromPence(1));
  // Rounded once: 5p × 0.3 × 0.3 = 0.45p -> 0p (rounding 1.5p to 2p first would give 1p).
  EXPECT_EQ(*OutcomePayment(Money::FromPence(5), Weight::FromMicros(300'000),
                            Weight::FromMicros(300'000)),
            Money::FromPence(0));
  EXPECT_FALSE(OutcomePayment(Money::FromPence(-1), Weight::One(), Weight::One()).ok());
  EXPECT_FALSE(
      OutcomePayment(Money::FromPence(1), Weight::FromMicros(1'000'001), Weight::One()).ok());
}

RC_GTEST_PROP(OutcomePaymentProperty, NeverMoreThanThePartTimesTheFactorAndMonotone,
              (std::uint32_t part_pence, std::uint32_t fraction_micros,
               std::uint32_t relative_micros)) {
  const Money part = Money::FromPence(part_pence % 100'000'000);
  const Weight fraction = Weight::FromMicros(fraction_micros % 1'000'001);
  const Weight relative = Weight::FromMicros(500'000 + relative_micros % 1'000'001);
  const auto paid = OutcomePayment(part, fraction, relative);
  RC_ASSERT(paid.ok());
  // Exact value: part × f × r / 10^12, within half a penny.
  const __int128 exact =
      static_cast<__int128>(part.pence()) * fraction.micros() * relative.micros();
  const __int128 scaled = static_cast<__int128>(paid->pence()) * 1'000'000'000'000;
  RC_ASSERT(scaled - exact <= 500'000'000'000);
  RC_ASSERT(exact - scaled < 500'000'000'000);
  // More achieved never pays less.
  const Weight more = Weight::FromMicros(std::min<std::int64_t>(fraction.micros() + 1, 1'000'000));
  RC_ASSERT(*OutcomePayment(part, more, relative) >= *paid);
  // Claw-back mode: what was paid at registration plus the adjustment is exactly the payment.
  const auto adjustment = ClawbackModeAdjustment(part, fraction, Weight::One());
  RC_ASSERT(adjustment.ok());
  RC_ASSERT(part.pence() + adjustment->pence() ==
            OutcomePayment(part, fraction, Weight::One())->pence());
  RC_ASSERT(adjustment->pence() <= 0);
}

TEST(ClawbackModeAdjustment, AFullBinaryOutcomeMovesNothingAndAGradedOneClawsBackTheRest) {
  EXPECT_EQ(*ClawbackModeAdjustment(Money::FromPence(660'000), Weight::One(), Weight::One()),
            Money::FromPence(0));
  EXPECT_EQ(*ClawbackModeAdjustment(Money::FromPence(660'000), Weight::FromMicros(250'000),
                                    Weight::One()),
            Money::FromPence(-495'000));
}

PaymentSettings RelativeOn() {
  PaymentSettings settings = DefaultPaymentSettings();
  settings.relative_results_end_results = {"individual_prosperity"};
  return settings;
}

TEST(RelativeFactor, OffByDefaultAndOneBelowTheMinimum) {
  const RelativeFactor off =
      RelativeFactorFor(DefaultPaymentSettings(), "individual_prosperity", {30, 40}, {50, 100});
  EXPECT_EQ(off.factor, Weight::One());
  EXPECT_FALSE(off.applied);
  EXPECT_NE(off.explanation.find("default"), std::string::npos);
  const RelativeFactor few =
      RelativeFactorFor(RelativeOn(), "individual_prosperity", {19, 19}, {50, 100});
  EXPECT_EQ(few.factor, Weight::One());
  EXPECT_FALSE(few.applied);
  const RelativeFactor other = RelativeFactorFor(RelativeOn(), "lower_crime", {30, 40}, {50, 100});
  EXPECT_FALSE(other.applied);
  const RelativeFactor nobody =
      RelativeFactorFor(RelativeOn(), "individual_prosperity", {0, 20}, {0, 100});
  EXPECT_EQ(nobody.factor, Weight::One());
}

TEST(RelativeFactor, IsTheRatioOfRatesBoundedAndExplained) {
  // 30/40 = 0.75 against 50/100 = 0.5: 1.5.
  const RelativeFactor better =
      RelativeFactorFor(RelativeOn(), "individual_prosperity", {30, 40}, {50, 100});
  EXPECT_TRUE(better.applied);
  EXPECT_EQ(better.factor, Weight::FromMicros(1'500'000));
  EXPECT_NE(better.explanation.find("30/40"), std::string::npos);
  EXPECT_NE(better.explanation.find("50/100"), std::string::npos);
  // 20/20 against 10/100: 10, capped at 1.5.
  EXPECT_EQ(RelativeFactorFor(RelativeOn(), "individual_prosperity", {20, 20}, {10, 100}).factor,
            Weight::FromMicros(1'500'000));
  // 0/20: floored at 0.5.
  EXPECT_EQ(RelativeFactorFor(RelativeOn(), "individual_prosperity", {0, 20}, {10, 100}).factor,
            Weight::FromMicros(500'000));
  // 11/20 against 1/2: 1.1.
  EXPECT_EQ(RelativeFactorFor(RelativeOn(), "individual_prosperity", {11, 20}, {50, 100}).factor,
            Weight::FromMicros(1'100'000));
}

RC_GTEST_PROP(RelativeFactorProperty, AlwaysWithinTheBounds,
              (std::uint16_t pa, std::uint16_t pc, std::uint16_t ea, std::uint16_t ec)) {
  const SuccessCounts provider{pa % 1000, pa % 1000 + pc % 1000};
  const SuccessCounts everyone{provider.achieved + ea % 5000,
                               provider.closed + ea % 5000 + ec % 5000};
  const PaymentSettings settings = RelativeOn();
  const RelativeFactor factor =
      RelativeFactorFor(settings, "individual_prosperity", provider, everyone);
  RC_ASSERT(factor.factor >= settings.relative_floor);
  RC_ASSERT(factor.factor <= settings.relative_cap);
  if (!factor.applied) RC_ASSERT(factor.factor == Weight::One());
}

// --- The feed ---

TEST(EmploymentSpells, ParsesTheHeaderRowsQuotesAndOpenSpells) {
  const auto spells = ParseEmploymentSpells(
      "citizen,employer,start,end,earnings\r\n"
      "QQ123456C,Acme Ltd,2025-02-01,,23450.00\r\n"
      "\r\n"
      "17,\"Smith, Jones & \"\"Co\"\"\",2025-03-01,2027-04-01,41000\n");
  ASSERT_TRUE(spells.ok()) << spells.status().ToString();
  ASSERT_EQ(spells->size(), 2u);
  EXPECT_EQ((*spells)[0].citizen, "QQ123456C");
  EXPECT_EQ((*spells)[0].row, 2u);
  EXPECT_FALSE((*spells)[0].end.has_value());
  EXPECT_EQ((*spells)[0].earnings, Money::FromPence(2'345'000));
  EXPECT_EQ((*spells)[1].employer, "Smith, Jones & \"Co\"");
  EXPECT_EQ((*spells)[1].row, 4u);
  EXPECT_EQ((*spells)[1].end, D(2027, 4, 1));
  const auto empty = ParseEmploymentSpells("citizen,employer,start,end,earnings\n");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

void ExpectCsvError(std::string_view csv, const std::string& where) {
  const auto parsed = ParseEmploymentSpells(csv);
  ASSERT_FALSE(parsed.ok()) << csv;
  EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().field(), "csv");
  EXPECT_EQ(parsed.status().message().rfind(where, 0), 0u) << parsed.status().message();
}

TEST(EmploymentSpells, ErrorsNameTheRowAndColumn) {
  const std::string header = "citizen,employer,start,end,earnings\n";
  ExpectCsvError("", "row 1");
  ExpectCsvError("citizen,employer,start,end\n", "row 1");
  ExpectCsvError(header + "QQ123456C,Acme,2025-02-01,,1.00\n,Acme,2025-02-01,,1.00\n",
                 "row 3, column citizen");
  ExpectCsvError(header + "QQ123456C,,2025-02-01,,1.00\n", "row 2, column employer");
  ExpectCsvError(header + "QQ123456C,Acme,01/02/2025,,1.00\n", "row 2, column start");
  ExpectCsvError(header + "QQ123456C,Acme,2025-02-01,2025-01-01,1.00\n", "row 2, column end");
  ExpectCsvError(header + "QQ123456C,Acme,2025-02-01,,-1.00\n", "row 2, column earnings");
  ExpectCsvError(header + "QQ123456C,Acme,2025-02-01,,1.001\n", "row 2, column earnings");
  ExpectCsvError(header + "QQ123456C,Acme,2025-02-01,,\n", "row 2, column earnings");
  ExpectCsvError(header + "QQ123456C,Acme,2025-02-01,,1.00,extra\n", "row 2");
  ExpectCsvError(header + "QQ123456C,Acme,2025-02-01\n", "row 2");
  ExpectCsvError(header + "QQ123456C,\"Acme,2025-02-01,,1.00\n", "row 2");
  ExpectCsvError(header + "QQ123456C,\"Acme\"x,2025-02-01,,1.00\n", "row 2, column employer");
  ExpectCsvError(header + "QQ123456C," + std::string(201, 'a') + ",2025-02-01,,1.00\n",
                 "row 2, column employer");
}

TEST(EmploymentSpells, TooLargeIsRefusedNotRead) {
  const auto parsed = ParseEmploymentSpells(std::string(kMaxFeedBytes + 1, 'a'));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), ErrorCode::kResourceExhausted);
}

EmploymentSpell Spell(Date start, std::optional<Date> end, std::int64_t earnings_pence) {
  EmploymentSpell spell;
  spell.citizen = "QQ123456C";
  spell.employer = "Acme";
  spell.start = start;
  spell.end = end;
  spell.earnings = Money::FromPence(earnings_pence);
  return spell;
}

TEST(MatchSpell, ASpellInTheWindowCoveringTheDateAndSustainedVerifies) {
  const Date registered = D(2025, 1, 6);
  const Money median = Money::FromPence(3'743'000);
  const Date achieved = D(2025, 3, 1);
  // Open, and today is 24 months on.
  EXPECT_EQ(MatchSpell(kEmployment, registered, achieved, D(2027, 3, 1),
                       Spell(D(2025, 3, 1), std::nullopt, 0), median),
            Weight::One());
  // Not yet sustained (a day short), ended too soon, started before registration, after the
  // window, or after the date claimed.
  EXPECT_FALSE(MatchSpell(kEmployment, registered, achieved, D(2027, 2, 28),
                          Spell(D(2025, 3, 1), std::nullopt, 0), median));
  EXPECT_FALSE(MatchSpell(kEmployment, registered, achieved, D(2028, 1, 1),
                          Spell(D(2025, 3, 1), D(2026, 3, 1), 0), median));
  EXPECT_FALSE(MatchSpell(kEmployment, registered, achieved, D(2028, 1, 1),
                          Spell(D(2025, 1, 5), std::nullopt, 0), median));
  EXPECT_FALSE(MatchSpell(kEmployment, registered, D(2026, 2, 1), D(2028, 3, 1),
                          Spell(D(2026, 1, 7), std::nullopt, 0), median));
  EXPECT_FALSE(MatchSpell(kEmployment, registered, achieved, D(2028, 1, 1),
                          Spell(D(2025, 3, 2), std::nullopt, 0), median));
}

TEST(MatchSpell, TheWageOutcomeIsGradedByEarningsOverTheMedian) {
  const Date registered = D(2025, 1, 6);
  const Money median = Money::FromPence(3'743'000);
  // £18,715 / £37,430 = 0.5.
  EXPECT_EQ(MatchSpell(kWage, registered, D(2027, 1, 6), D(2027, 1, 6),
                       Spell(D(2026, 1, 1), std::nullopt, 1'871'500), median),
            Weight::FromMicros(500'000));
  // Above the median: capped at 1.
  EXPECT_EQ(MatchSpell(kWage, registered, D(2027, 1, 6), D(2027, 1, 6),
                       Spell(D(2026, 1, 1), std::nullopt, 9'000'000), median),
            Weight::One());
}

}  // namespace
}  // namespace psl::payment
