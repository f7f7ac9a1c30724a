#include "psl/payment/budget.h"

#include <algorithm>
#include <deque>
#include <limits>

namespace psl::payment {

ExpectedSuccess ExpectedSuccessFor(std::int64_t achieved, std::int64_t missed) {
  achieved = std::max<std::int64_t>(achieved, 0);
  missed = std::max<std::int64_t>(missed, 0);
  // Saturating: counts near int64's limit are not real, but must not overflow.
  if (missed > std::numeric_limits<std::int64_t>::max() - achieved) {
    return ExpectedSuccess{};
  }
  const std::int64_t closed = achieved + missed;
  if (closed < kMinimumClosedForRate) return ExpectedSuccess{};
  return ExpectedSuccess{achieved, closed, false};
}

Result<Money> EstimateCommitted(const CommittedInputs& inputs, const ExpectedSuccess& success) {
  if (inputs.upfront.pence() < 0 || inputs.outcome_part.pence() < 0 ||
      inputs.satisfaction.pence() < 0) {
    return Status(ErrorCode::kInvalidArgument, "split parts are never negative", "inputs");
  }
  if (success.closed <= 0 || success.achieved < 0 || success.achieved > success.closed) {
    return Status(ErrorCode::kInvalidArgument, "expected success is a share 0..1", "success");
  }
  const __int128 at_risk =
      static_cast<__int128>(inputs.outcome_part.pence()) + inputs.satisfaction.pence();
  // Both factors are below 2^64, so the product fits in 128 bits; division rounds down.
  const __int128 expected = at_risk * success.achieved / success.closed;
  const __int128 total = expected + inputs.upfront.pence();
  if (total > std::numeric_limits<std::int64_t>::max()) {
    return Status(ErrorCode::kOverflow, "the committed spend does not fit in pence", "inputs");
  }
  return Money::FromPence(static_cast<std::int64_t>(total));
}

Result<ReceivableAge> AgeReceivable(std::span<const ReceivableMovement> movements) {
  ReceivableAge age;
  std::deque<ReceivableMovement> unpaid;  // debts not yet repaid, oldest first
  std::int64_t prepaid = 0;               // repaid beyond every debt so far (pence)
  for (const ReceivableMovement& movement : movements) {
    PSL_ASSIGN_OR_RETURN(age.balance, age.balance.Add(movement.amount));
    std::int64_t amount = movement.amount.pence();
    if (amount > 0) {
      const std::int64_t absorbed = std::min(amount, prepaid);
      prepaid -= absorbed;
      amount -= absorbed;
      if (amount > 0) unpaid.push_back({movement.on, Money::FromPence(amount)});
      continue;
    }
    // A repayment (amount <= 0; the balance's Add above rules out overflow of its negation).
    std::int64_t repaid = -amount;
    while (repaid > 0 && !unpaid.empty()) {
      const std::int64_t settled = std::min(repaid, unpaid.front().amount.pence());
      repaid -= settled;
      unpaid.front().amount = Money::FromPence(unpaid.front().amount.pence() - settled);
      if (unpaid.front().amount.IsZero()) unpaid.pop_front();
    }
    prepaid += repaid;
  }
  if (!unpaid.empty()) age.since = unpaid.front().on;
  return age;
}

GoodStanding CheckGoodStanding(bool licence_granted, const std::string& licence_problem,
                               const ReceivableAge& receivable, Date today, int overdue_days) {
  if (!licence_granted) return GoodStanding{false, licence_problem};
  if (receivable.balance.pence() > 0 && receivable.since) {
    const std::int64_t days = today.DaysSinceEpoch() - receivable.since->DaysSinceEpoch();
    if (days > overdue_days) {
      return GoodStanding{false, "owes " + receivable.balance.Format() + ", unpaid since " +
                                     receivable.since->ToString() + " (" + std::to_string(days) +
                                     " days; more than " + std::to_string(overdue_days) + ")"};
    }
  }
  return GoodStanding{true, std::nullopt};
}

}  // namespace psl::payment
