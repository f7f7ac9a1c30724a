// PAY-1..3, PAY-5: the split of a locked price and the netting at release, as rules and as
// properties that hold for every price and date.
#include "psl/payment/split.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "psl/payment/netting.h"

namespace psl::payment {
namespace {

Date D(int y, int m, int d) { return *Date::FromCivil(y, m, d); }

Split SplitOf(std::int64_t pence, Date licensed, Date registered, std::string_view end_result = "",
              std::string_view outcome = "",
              const PaymentSettings& settings = DefaultPaymentSettings()) {
  auto split =
      SplitFor(settings, Money::FromPence(pence), licensed, registered, end_result, outcome);
  EXPECT_TRUE(split.ok()) << split.status().ToString();
  return *split;
}

TEST(Split, TheDefaultIsThirtySixtyTen) {
  // The report's £11,000 with an established provider.
  const Split split = SplitOf(1'100'000, D(2010, 1, 1), D(2014, 6, 1));
  EXPECT_EQ(split.upfront.pence(), 330'000);
  EXPECT_EQ(split.outcome.pence(), 660'000);
  EXPECT_EQ(split.satisfaction.pence(), 110'000);
  EXPECT_EQ(split.rule, "default");
}

TEST(Split, UpfrontAndSatisfactionRoundDownAndTheOutcomeTakesTheRemainder) {
  // 30% of 1,001p = 300.3p -> 300p; 10% = 100.1p -> 100p; outcome 601p (not 600.6p rounded).
  const Split split = SplitOf(1'001, D(2010, 1, 1), D(2014, 6, 1));
  EXPECT_EQ(split.upfront.pence(), 300);
  EXPECT_EQ(split.satisfaction.pence(), 100);
  EXPECT_EQ(split.outcome.pence(), 601);
}

TEST(Split, TheSlidingScaleFollowsWholeMonthsFromTheLicence) {
  const Date licensed = D(2014, 1, 31);
  struct Case {
    Date registered;
    int upfront;
    int outcome;
    int satisfaction;
    std::string rule;
  };
  // Whole months by the foundation's rule: 31 January + 1 month is 28 February (clamped).
  const std::vector<Case> cases = {
      {D(2014, 1, 31), 100, 0, 0, "sliding_scale:0"},
      {D(2014, 4, 29), 100, 0, 0, "sliding_scale:0"},   // 2 whole months
      {D(2014, 4, 30), 90, 10, 0, "sliding_scale:3"},   // 3 whole months (31 Jan + 3 = 30 Apr)
      {D(2014, 7, 30), 90, 10, 0, "sliding_scale:3"},   // still 5
      {D(2014, 7, 31), 60, 30, 10, "sliding_scale:6"},  // 6
      {D(2015, 1, 30), 60, 30, 10, "sliding_scale:6"},  // 11
      {D(2015, 1, 31), 40, 50, 10, "sliding_scale:12"},
      {D(2015, 7, 30), 40, 50, 10, "sliding_scale:12"},  // 17
      {D(2015, 7, 31), 30, 60, 10, "default"},           // 18: no longer a new entrant
  };
  for (const Case& c : cases) {
    const Split split = SplitOf(10'000, licensed, c.registered);
    EXPECT_EQ(split.shares.upfront_percent, c.upfront) << c.registered.ToString();
    EXPECT_EQ(split.shares.outcome_percent, c.outcome) << c.registered.ToString();
    EXPECT_EQ(split.shares.satisfaction_percent, c.satisfaction) << c.registered.ToString();
    EXPECT_EQ(split.rule, c.rule) << c.registered.ToString();
    EXPECT_EQ(split.upfront.pence(), 100 * c.upfront);
  }
}

TEST(Split, OverridesForCapitalIntensiveServicesOutcomeFirst) {
  PaymentSettings settings = DefaultPaymentSettings();
  settings.end_result_splits["fair_start"] = {50, 40, 10};
  settings.outcome_splits["child_development_3_5"] = {70, 20, 10};
  const Date licensed = D(2010, 1, 1);
  const Date registered = D(2014, 6, 1);
  EXPECT_EQ(SplitOf(1'000, licensed, registered, "fair_start", "not_neet_18", settings).rule,
            "end_result:fair_start");
  const Split outcome =
      SplitOf(1'000, licensed, registered, "fair_start", "child_development_3_5", settings);
  EXPECT_EQ(outcome.rule, "outcome:child_development_3_5");
  EXPECT_EQ(outcome.upfront.pence(), 700);
  EXPECT_EQ(SplitOf(1'000, licensed, registered, "lower_crime", "no_custody_3y", settings).rule,
            "default");
  // A new entrant keeps the sliding scale.
  EXPECT_EQ(
      SplitOf(1'000, registered, registered, "fair_start", "child_development_3_5", settings).rule,
      "sliding_scale:0");
}

TEST(Split, NegativePricesAndBadSharesAreRefused) {
  EXPECT_FALSE(
      SplitFor(DefaultPaymentSettings(), Money::FromPence(-1), D(2010, 1, 1), D(2014, 1, 1), "", "")
          .ok());
  EXPECT_FALSE(SplitPrice(Money::FromPence(100), {{40, 40, 10}, "bad"}).ok());
  PaymentSettings settings = DefaultPaymentSettings();
  settings.default_split = {50, 50, 10};
  EXPECT_EQ(ValidatePaymentSettings(settings).field(), "default_split");
  EXPECT_TRUE(ValidatePaymentSettings(DefaultPaymentSettings()).ok());
}

RC_GTEST_PROP(SplitProperties, PartsAlwaysAddUpToThePriceAndRoundOnce, ()) {
  const std::int64_t pence = *rc::gen::inRange<std::int64_t>(0, 100'000'000'000);
  const int upfront = *rc::gen::inRange(0, 101);
  const int satisfaction = *rc::gen::inRange(0, 101 - upfront);
  const SplitShares shares{upfront, 100 - upfront - satisfaction, satisfaction};
  const auto split = SplitPrice(Money::FromPence(pence), {shares, "x"});
  RC_ASSERT(split.ok());
  RC_ASSERT(split->upfront.pence() + split->outcome.pence() + split->satisfaction.pence() == pence);
  // Rounded down: never above the exact share, less than a penny below it.
  RC_ASSERT(split->upfront.pence() * 100 <= pence * upfront);
  RC_ASSERT(pence * upfront - split->upfront.pence() * 100 < 100);
  RC_ASSERT(split->satisfaction.pence() * 100 <= pence * satisfaction);
  RC_ASSERT(pence * satisfaction - split->satisfaction.pence() * 100 < 100);
  RC_ASSERT(split->outcome.pence() >= 0);
}

RC_GTEST_PROP(SplitProperties, UpfrontNeverGrowsAsTheProviderMatures, ()) {
  const Date licensed = Date::FromDaysSinceEpoch(*rc::gen::inRange(15'000, 20'000));
  const int first = *rc::gen::inRange(0, 40 * 31);
  const int later = first + *rc::gen::inRange(0, 40 * 31);
  const Split a = SplitOf(1'000'000, licensed, licensed.AddDays(first));
  const Split b = SplitOf(1'000'000, licensed, licensed.AddDays(later));
  RC_ASSERT(b.upfront <= a.upfront);
}

TEST(Netting, ReceivablesAreRecoveredFirstAndShortfallsBecomeDebts) {
  const Netting paid = Net(Money::FromPence(1'000), Money::FromPence(300));
  EXPECT_EQ(paid.recovered.pence(), 300);
  EXPECT_EQ(paid.paid.pence(), 700);
  EXPECT_EQ(paid.shortfall.pence(), 0);
  const Netting all = Net(Money::FromPence(200), Money::FromPence(300));
  EXPECT_EQ(all.recovered.pence(), 200);
  EXPECT_EQ(all.paid.pence(), 0);
  const Netting debt = Net(Money::FromPence(-450), Money::FromPence(100));
  EXPECT_EQ(debt.shortfall.pence(), 450);
  EXPECT_EQ(debt.paid.pence(), 0);
  EXPECT_EQ(debt.recovered.pence(), 0);
}

RC_GTEST_PROP(NettingProperties, ThePayableIsClearedExactly, ()) {
  const std::int64_t payable = *rc::gen::inRange<std::int64_t>(-1'000'000'000, 1'000'000'000);
  const std::int64_t receivable = *rc::gen::inRange<std::int64_t>(0, 1'000'000'000);
  const Netting n = Net(Money::FromPence(payable), Money::FromPence(receivable));
  RC_ASSERT(n.paid.pence() >= 0 && n.recovered.pence() >= 0 && n.shortfall.pence() >= 0);
  // What leaves the payable (paid + recovered - shortfall) is exactly its balance.
  RC_ASSERT(n.paid.pence() + n.recovered.pence() - n.shortfall.pence() == payable);
  RC_ASSERT(n.recovered.pence() <= receivable);
  RC_ASSERT(n.shortfall.IsZero() || n.paid.IsZero());
}

}  // namespace
}  // namespace psl::payment
