// The committed-spend estimate (PAY-10) and the receivable age behind good standing (PAY-5):
// payment/budget.h.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <deque>
#include <vector>

#include "psl/payment/budget.h"

namespace psl::payment {
namespace {

Date Day(int year, int month, int day) { return Date::FromCivil(year, month, day).value(); }

CommittedInputs Parts(std::int64_t upfront, std::int64_t outcome, std::int64_t satisfaction) {
  return {Money::FromPence(upfront), Money::FromPence(outcome), Money::FromPence(satisfaction)};
}

TEST(ExpectedSuccess, FiftyPercentBelowTwentyClosed) {
  EXPECT_EQ(ExpectedSuccessFor(19, 0), (ExpectedSuccess{1, 2, true}));
  EXPECT_EQ(ExpectedSuccessFor(0, 0), (ExpectedSuccess{1, 2, true}));
  EXPECT_EQ(ExpectedSuccessFor(5, 15), (ExpectedSuccess{5, 20, false}));
  EXPECT_EQ(ExpectedSuccessFor(0, 25), (ExpectedSuccess{0, 25, false}));
  EXPECT_EQ(ExpectedSuccessFor(-3, 30), (ExpectedSuccess{0, 30, false}));
}

TEST(EstimateCommitted, WorkedExample) {
  // £3,000 upfront, £6,000 outcome and £1,000 satisfaction parts; 7 of 20 closed achieved:
  // 300000 + floor(700000 × 7 / 20) = 300000 + 245000.
  auto committed = EstimateCommitted(Parts(300'000, 600'000, 100'000), ExpectedSuccessFor(7, 13));
  ASSERT_TRUE(committed.ok());
  EXPECT_EQ(committed->pence(), 545'000);
  // Below 20 closed: half. 1 + floor(3 / 2) = 2 (rounded down once).
  EXPECT_EQ(EstimateCommitted(Parts(1, 2, 1), ExpectedSuccessFor(3, 3))->pence(), 2);
  // One third of 100 pence: 33, not 33.33.
  EXPECT_EQ(EstimateCommitted(Parts(0, 100, 0), ExpectedSuccessFor(10, 20))->pence(), 33);
}

TEST(EstimateCommitted, RefusesNonsenseAndOverflow) {
  EXPECT_EQ(EstimateCommitted(Parts(-1, 0, 0), ExpectedSuccessFor(0, 0)).status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(EstimateCommitted(Parts(0, 0, 0), ExpectedSuccess{3, 2, false}).status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(EstimateCommitted(Parts(0, 0, 0), ExpectedSuccess{0, 0, false}).status().code(),
            ErrorCode::kInvalidArgument);
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(EstimateCommitted(Parts(max, 1, 0), ExpectedSuccess{1, 1, false}).status().code(),
            ErrorCode::kOverflow);
  EXPECT_EQ(EstimateCommitted(Parts(0, max, max), ExpectedSuccess{1, 2, false})->pence(), max);
}

RC_GTEST_PROP(EstimateCommitted, IsTheExactShareRoundedDownOnce, ()) {
  const auto upfront = *rc::gen::inRange<std::int64_t>(0, 1'000'000'000'000);
  const auto outcome = *rc::gen::inRange<std::int64_t>(0, 1'000'000'000'000);
  const auto satisfaction = *rc::gen::inRange<std::int64_t>(0, 1'000'000'000'000);
  const auto achieved = *rc::gen::inRange<std::int64_t>(0, 1'000'000);
  const auto missed = *rc::gen::inRange<std::int64_t>(0, 1'000'000);
  const ExpectedSuccess success = ExpectedSuccessFor(achieved, missed);
  auto committed = EstimateCommitted(Parts(upfront, outcome, satisfaction), success);
  RC_ASSERT(committed.ok());
  const __int128 at_risk = static_cast<__int128>(outcome) + satisfaction;
  const __int128 expected = committed->pence() - upfront;
  // expected = floor(at_risk × achieved / closed), stated without division.
  RC_ASSERT(expected * success.closed <= at_risk * success.achieved);
  RC_ASSERT((expected + 1) * success.closed > at_risk * success.achieved);
  RC_ASSERT(committed->pence() >= upfront);
  RC_ASSERT(expected <= at_risk);
  if (achieved + missed < kMinimumClosedForRate) {
    RC_ASSERT(expected == at_risk / 2);
  }
}

RC_GTEST_PROP(EstimateCommitted, GrowsWithSuccess, ()) {
  const auto at_risk = *rc::gen::inRange<std::int64_t>(0, 1'000'000'000);
  const auto closed = *rc::gen::inRange<std::int64_t>(20, 10'000);
  const auto achieved = *rc::gen::inRange<std::int64_t>(0, closed);
  const auto less = EstimateCommitted(Parts(0, at_risk, 0), ExpectedSuccess{achieved, closed});
  const auto more = EstimateCommitted(Parts(0, at_risk, 0), ExpectedSuccess{achieved + 1, closed});
  RC_ASSERT(less.ok() && more.ok());
  RC_ASSERT(*less <= *more);
  const auto all = EstimateCommitted(Parts(7, at_risk, 0), ExpectedSuccess{closed, closed});
  RC_ASSERT(all->pence() == at_risk + 7);
}

TEST(AgeReceivable, RepaymentsSettleTheOldestDebtsFirst) {
  const std::vector<ReceivableMovement> movements = {
      {Day(2026, 1, 10), Money::FromPence(5000)},   // licence fee
      {Day(2026, 2, 1), Money::FromPence(-5000)},   // recovered: back to zero
      {Day(2026, 3, 5), Money::FromPence(2000)},    // a new debt
      {Day(2026, 4, 1), Money::FromPence(3000)},    // another
      {Day(2026, 4, 20), Money::FromPence(-4000)},  // settles March's and £20 of April's
  };
  auto age = AgeReceivable(movements);
  ASSERT_TRUE(age.ok());
  EXPECT_EQ(age->balance.pence(), 1000);
  ASSERT_TRUE(age->since.has_value());
  EXPECT_EQ(*age->since, Day(2026, 4, 1));

  // Paid in advance: the next debt is settled by what was paid, the one after is owed.
  const std::vector<ReceivableMovement> advance = {
      {Day(2026, 1, 1), Money::FromPence(-1000)},
      {Day(2026, 2, 1), Money::FromPence(600)},
      {Day(2026, 3, 1), Money::FromPence(600)},
  };
  auto ahead = AgeReceivable(advance);
  ASSERT_TRUE(ahead.ok());
  EXPECT_EQ(ahead->balance.pence(), 200);
  EXPECT_EQ(ahead->since, Day(2026, 3, 1));

  auto settled = AgeReceivable(std::span(movements).first(2));
  ASSERT_TRUE(settled.ok());
  EXPECT_EQ(settled->balance.pence(), 0);
  EXPECT_FALSE(settled->since.has_value());
}

TEST(GoodStanding, LicenceThenOverdueReceivable) {
  const ReceivableAge none{};
  const ReceivableAge owed{Money::FromPence(1000), Day(2026, 1, 1)};
  EXPECT_TRUE(CheckGoodStanding(true, "", none, Day(2026, 6, 1), 90).good);
  const GoodStanding suspended =
      CheckGoodStanding(false, "the general licence is suspended", none, Day(2026, 6, 1), 90);
  EXPECT_FALSE(suspended.good);
  EXPECT_EQ(suspended.reason, "the general licence is suspended");
  // 90 days old is not yet overdue; 91 is.
  EXPECT_TRUE(CheckGoodStanding(true, "", owed, Day(2026, 4, 1), 90).good);
  const GoodStanding overdue = CheckGoodStanding(true, "", owed, Day(2026, 4, 2), 90);
  EXPECT_FALSE(overdue.good);
  ASSERT_TRUE(overdue.reason.has_value());
  EXPECT_NE(overdue.reason->find("91 days"), std::string::npos) << *overdue.reason;
  EXPECT_NE(overdue.reason->find("£10.00"), std::string::npos) << *overdue.reason;
}

// A model that follows every penny: each owed penny carries the date it was lent.
RC_GTEST_PROP(AgeReceivable, AgreesWithAPennyByPennyModel, ()) {
  const auto amounts =
      *rc::gen::container<std::vector<std::int64_t>>(rc::gen::inRange<std::int64_t>(-500, 500));
  std::vector<ReceivableMovement> movements;
  std::deque<Date> owed_pennies;
  std::int64_t prepaid_pennies = 0;
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    const Date on = Day(2026, 1, 1).AddDays(static_cast<std::int64_t>(i));
    movements.push_back({on, Money::FromPence(amounts[i])});
    sum += amounts[i];
    for (std::int64_t penny = 0; penny < amounts[i]; ++penny) {
      if (prepaid_pennies > 0) {
        --prepaid_pennies;
      } else {
        owed_pennies.push_back(on);
      }
    }
    for (std::int64_t penny = 0; penny < -amounts[i]; ++penny) {
      if (owed_pennies.empty()) {
        ++prepaid_pennies;
      } else {
        owed_pennies.pop_front();
      }
    }
  }
  auto age = AgeReceivable(movements);
  RC_ASSERT(age.ok());
  RC_ASSERT(age->balance.pence() == sum);
  RC_ASSERT(age->since.has_value() == (sum > 0));
  if (!owed_pennies.empty()) RC_ASSERT(*age->since == owed_pennies.front());
}

}  // namespace
}  // namespace psl::payment
