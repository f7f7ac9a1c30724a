#include "psl/payment/claims.h"

#include <string>

namespace psl::payment {
namespace {

Status Late(std::string message) {
  return Status(ErrorCode::kFailedPrecondition, std::move(message), "achieved_on");
}

Status BadFraction(std::string message) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), "fraction");
}

bool IsFraction(Weight w) { return w >= Weight::FromMicros(0) && w <= Weight::One(); }

}  // namespace

Date ClaimDeadline(const ClaimRule& rule, Date registered_on) {
  return registered_on.AddMonths(rule.window_months + rule.sustain_months);
}

Date SustainedOn(const ClaimRule& rule, Date achieved_on) {
  return achieved_on.AddMonths(rule.sustain_months);
}

Result<Weight> CheckClaim(const ClaimRule& rule, const ClaimFacts& facts) {
  Weight fraction = Weight::One();
  if (rule.graded) {
    if (!facts.fraction) {
      return BadFraction("a graded outcome is claimed with the fraction achieved, \"0\"..\"1\"");
    }
    if (!IsFraction(*facts.fraction)) return BadFraction("must be between 0 and 1");
    fraction = *facts.fraction;
  } else if (facts.fraction && *facts.fraction != Weight::One()) {
    return BadFraction("a binary outcome is achieved or not: leave the fraction out (it is 1)");
  }
  if (facts.achieved_on < facts.registered_on) {
    return Late("the outcome must be reached on or after the registration date (" +
                facts.registered_on.ToString() + ")");
  }
  const Date window_end = facts.registered_on.AddMonths(rule.window_months);
  if (facts.achieved_on > window_end) {
    return Late("the outcome must be reached within " + std::to_string(rule.window_months) +
                " months of registration, by " + window_end.ToString());
  }
  if (facts.achieved_on > facts.claimed_on) {
    return Late("the outcome cannot be reached in the future (today is " +
                facts.claimed_on.ToString() + ")");
  }
  const Date deadline = ClaimDeadline(rule, facts.registered_on);
  if (facts.claimed_on > deadline) {
    return Late("the deadline for claiming this outcome was " + deadline.ToString() +
                " (the window and the sustainment period after registration)");
  }
  const Date sustained = SustainedOn(rule, facts.achieved_on);
  if (facts.claimed_on < sustained) {
    return Late("the outcome must be sustained for " + std::to_string(rule.sustain_months) +
                " months: it can be claimed from " + sustained.ToString());
  }
  return fraction;
}

Result<Money> OutcomePayment(Money outcome_part, Weight fraction, Weight relative) {
  if (outcome_part.IsNegative()) {
    return Status(ErrorCode::kInvalidArgument, "an outcome part is never negative", "outcome_part");
  }
  if (!IsFraction(fraction)) return BadFraction("must be between 0 and 1");
  if (relative < Weight::FromMicros(0)) {
    return Status(ErrorCode::kInvalidArgument, "a relative factor is never negative", "relative");
  }
  return ApplyWeights(outcome_part, {fraction, relative});
}

Result<Money> ClawbackModeAdjustment(Money outcome_part, Weight fraction, Weight relative) {
  PSL_ASSIGN_OR_RETURN(const Money earned, OutcomePayment(outcome_part, fraction, relative));
  return earned.Subtract(outcome_part);
}

}  // namespace psl::payment
