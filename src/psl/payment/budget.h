// Budget (PAY-10) and good standing for the claw-back mode (PAY-5): pure arithmetic over inputs
// the store has summed (docs/payment.md §5, §9).
//
// Committed spend of registrations = upfront + (outcome + satisfaction) × expected success.
// Expected success of a King Outcome is its national achieved share of closed outcomes
// (achieved / (achieved + missed)), or 1/2 while fewer than kMinimumClosedForRate have closed:
// a documented estimate, not a promise. The product is exact (128-bit) and rounded DOWN to the
// penny ONCE per King Outcome and month (the estimate never claims a part-penny it has not
// committed); the rounded amounts then add exactly.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/money.h"
#include "psl/core/result.h"

namespace psl::payment {

inline constexpr std::int64_t kMinimumClosedForRate = 20;

// A share achieved / closed, kept as the exact fraction.
struct ExpectedSuccess {
  std::int64_t achieved = 1;
  std::int64_t closed = 2;
  bool estimated = true;  // too few closed outcomes: the 50% default
  friend bool operator==(const ExpectedSuccess&, const ExpectedSuccess&) = default;
};

// Counts below zero are treated as zero.
ExpectedSuccess ExpectedSuccessFor(std::int64_t achieved, std::int64_t missed);

// The split parts of one King Outcome's registrations (of one End Result and month), summed.
struct CommittedInputs {
  Money upfront;
  Money outcome_part;
  Money satisfaction;
};

// upfront + floor((outcome + satisfaction) × achieved / closed). kInvalidArgument for negative
// parts or a share outside 0..1; kOverflow when the result does not fit in Money.
Result<Money> EstimateCommitted(const CommittedInputs& inputs, const ExpectedSuccess& success);

// --- Good standing (PAY-5) --------------------------------------------------------------------

// One movement on a provider's receivable account: positive = the provider owes more.
struct ReceivableMovement {
  Date on;
  Money amount;
};

struct ReceivableAge {
  Money balance;  // what is owed now (after every movement); <= 0 means nothing
  std::optional<Date>
      since;  // the date of the oldest debt not yet repaid; none when nothing is owed
};

// Movements in date order. Repayments settle the oldest debts first (first in, first out), and
// money paid in advance settles the next debts; the age of what is owed is the date of the
// oldest debt still unpaid. An approximation: a posting is one debt, whatever it was for.
// kOverflow on overflow.
Result<ReceivableAge> AgeReceivable(std::span<const ReceivableMovement> movements);

// Good standing for the claw-back mode: a granted general licence, and no receivable owed for
// more than `overdue_days` days on `today`. The reason says which test failed (none when good).
struct GoodStanding {
  bool good = false;
  std::optional<std::string> reason;
};

GoodStanding CheckGoodStanding(bool licence_granted, const std::string& licence_problem,
                               const ReceivableAge& receivable, Date today, int overdue_days);

}  // namespace psl::payment
