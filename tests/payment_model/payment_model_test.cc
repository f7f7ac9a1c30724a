// The reference model itself, on worked examples computed by hand from docs/payment.md, so that
// the scenario tests compare the real system with something known to be right.
#include "payment_model.h"

#include <gtest/gtest.h>

namespace psl::payment_model {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

TEST(PaymentModel, MonthsCountLikeTheCalendar) {
  EXPECT_EQ(MonthsBetween(D("2014-01-31"), D("2014-02-27")), 0);
  EXPECT_EQ(MonthsBetween(D("2014-01-31"), D("2014-02-28")), 1);  // the month's last day
  EXPECT_EQ(MonthsBetween(D("2014-01-15"), D("2014-04-14")), 2);
  EXPECT_EQ(MonthsBetween(D("2014-01-15"), D("2014-04-15")), 3);
  EXPECT_EQ(MonthsBetween(D("2014-01-15"), D("2014-01-15")), 0);
}

TEST(PaymentModel, SlidingScaleThenDefault) {
  const Date licensed = D("2014-01-15");
  const auto shares = [&](const char* on) { return SharesFor(licensed, D(on)); };
  EXPECT_EQ(shares("2014-04-14").upfront, 100);
  EXPECT_EQ(shares("2014-04-15").upfront, 90);
  EXPECT_EQ(shares("2014-07-15").upfront, 60);
  EXPECT_EQ(shares("2015-01-15").upfront, 40);
  EXPECT_EQ(shares("2015-07-14").upfront, 40);
  EXPECT_EQ(shares("2015-07-15").upfront, 30);
  EXPECT_EQ(shares("2015-07-15").outcome, 60);
  EXPECT_EQ(shares("2015-07-15").satisfaction, 10);
}

TEST(PaymentModel, PartsRoundTheSmallerPartsDown) {
  const Parts parts = SplitPence(1'099'999, {30, 60, 10});
  EXPECT_EQ(parts.upfront, 329'999);       // 329,999.7
  EXPECT_EQ(parts.satisfaction, 109'999);  // 109,999.9
  EXPECT_EQ(parts.outcome, 660'001);
}

TEST(PaymentModel, OutcomePaidOnVerificationAndNettedAgainstFees) {
  Model model;
  model.AddProvider(1, D("2010-01-01"), 50'000);  // owes a £500 fee
  model.Register(7, 1, D("2014-02-03"),
                 {{"employment_sustained_2y", "individual_prosperity", 1'000'000, 12, 24, false}});
  // Upfront £3,000 is due at once; the fee is recovered from it.
  auto run = model.Prepare(1, D("2014-03-01"));
  ASSERT_EQ(run.size(), 1u);
  EXPECT_EQ(run[0].gross, 300'000);
  EXPECT_EQ(run[0].recovered, 50'000);
  EXPECT_EQ(run[0].paid, 250'000);
  model.Release();
  EXPECT_EQ(model.positions().at(1).receivable, 0);

  EXPECT_FALSE(model.ClaimAllowed(7, "employment_sustained_2y", D("2014-06-01"), std::nullopt,
                                  D("2016-05-31")));  // not yet sustained for 24 months
  EXPECT_TRUE(model.ClaimAllowed(7, "employment_sustained_2y", D("2014-06-01"), std::nullopt,
                                 D("2016-06-01")));
  model.Claim(1, 7, "employment_sustained_2y", std::nullopt);
  EXPECT_FALSE(model.ClaimAllowed(7, "employment_sustained_2y", D("2014-06-01"), std::nullopt,
                                  D("2016-06-02")));  // one live claim per outcome
  model.Verify(1, D("2016-06-10"));
  run = model.Prepare(2, D("2016-07-01"));
  ASSERT_EQ(run.size(), 1u);
  EXPECT_EQ(run[0].paid, 600'000);
  model.Release();
  EXPECT_EQ(model.BankTotal(), 850'000);
  // Satisfaction is never paid without answers; a third run finds nothing.
  EXPECT_TRUE(model.Prepare(3, D("2020-01-01")).empty());
  model.Release();
  EXPECT_EQ(model.ExpenseByEndResult().at("individual_prosperity"), 900'000);
}

TEST(PaymentModel, ClawbackPaysTogetherAndTakesBackWhatWasMissedOrNotEarned) {
  Model model;
  model.AddProvider(2, D("2010-01-01"), 0);
  model.SetClawback(2, D("2014-01-01"), true);
  model.Register(8, 2, D("2014-02-03"),
                 {{"no_custody_3y", "lower_crime", 100'001, 12, 36, false},
                  {"debt_reduced_2y", "individual_prosperity", 100'001, 24, 0, true}});
  auto run = model.Prepare(1, D("2014-02-03"));
  ASSERT_EQ(run.size(), 1u);
  EXPECT_EQ(run[0].paid, 2 * (30'000 + 60'001));  // upfront + outcome, twice
  model.Release();
  // Graded 0.333333 of £600.01 earned: £200.00 (200.0031 to the nearest penny), the rest
  // clawed back at once.
  model.Claim(5, 8, "debt_reduced_2y", 333'333);
  model.Verify(5, D("2015-01-01"));
  // The custody outcome's deadline (2018-02-03) passes unclaimed: all £600.01 comes back.
  run = model.Prepare(2, D("2018-02-04"));
  ASSERT_EQ(run.size(), 1u);
  EXPECT_EQ(run[0].clawbacks, -(60'001 - 20'000) - 60'001);
  EXPECT_EQ(run[0].shortfall, 60'001 - 20'000 + 60'001);
  model.Release();
  EXPECT_EQ(model.positions().at(2).receivable, 100'002);
  EXPECT_EQ(model.positions().at(2).payable, 0);
}

TEST(PaymentModel, GradedOutcomesRoundToTheNearestPenny) {
  Model model;
  model.AddProvider(3, D("2010-01-01"), 0);
  model.Register(9, 3, D("2014-02-03"),
                 {{"debt_reduced_2y", "individual_prosperity", 100'000, 24, 0, true}});
  model.Claim(1, 9, "debt_reduced_2y", 500'005);  // 60,000 × 0.500005 = 30,000.3
  EXPECT_EQ(model.Verify(1, D("2015-01-01")).first, 30'000);
  Model other;
  other.AddProvider(3, D("2010-01-01"), 0);
  other.Register(9, 3, D("2014-02-03"),
                 {{"debt_reduced_2y", "individual_prosperity", 100'000, 24, 0, true}});
  other.Claim(1, 9, "debt_reduced_2y", 500'009);  // 30,000.54: up
  EXPECT_EQ(other.Verify(1, D("2015-01-01")).first, 30'001);
}

TEST(PaymentModel, DeadlineReadingsDifferOnlyLateInTheMonth) {
  EXPECT_EQ(Deadline(D("2014-01-31"), 1, 1, DeadlineReading::kTotalMonths), D("2014-03-31"));
  EXPECT_EQ(Deadline(D("2014-01-31"), 1, 1, DeadlineReading::kWindowThenSustain), D("2014-03-28"));
  EXPECT_EQ(Deadline(D("2014-01-15"), 12, 24, DeadlineReading::kTotalMonths),
            Deadline(D("2014-01-15"), 12, 24, DeadlineReading::kWindowThenSustain));
}

}  // namespace
}  // namespace psl::payment_model
