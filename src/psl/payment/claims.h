// Outcome claims (PAY-4, PAY-7, OUT-2): when a provider may claim an outcome, and what a verified
// claim pays. docs/payment.md section 3. Pure domain: the caller supplies today's date.
#pragma once

#include <optional>

#include "psl/core/date.h"
#include "psl/core/money.h"
#include "psl/core/result.h"
#include "psl/core/weight.h"

namespace psl::payment {

// What the catalogue says about the King Outcome claimed.
struct ClaimRule {
  bool graded = false;
  int window_months = 0;   // reached within this many months of registration
  int sustain_months = 0;  // then sustained this long before it may be claimed
};

struct ClaimFacts {
  Date registered_on;
  Date achieved_on;
  Date claimed_on;                 // today
  std::optional<Weight> fraction;  // absent for binary outcomes
};

// The last day a claim may be made: registered_on + window + sustainment.
Date ClaimDeadline(const ClaimRule& rule, Date registered_on);
// The first day a claim for an outcome reached on `achieved_on` may be made.
Date SustainedOn(const ClaimRule& rule, Date achieved_on);

// The fraction the claim is for (1 for a binary outcome) when the claim may be made; otherwise
// the reason, naming the field: kFailedPrecondition ("achieved_on") for the window, the
// sustainment period and the deadline; kInvalidArgument ("fraction") for a graded claim without
// a fraction, a fraction outside 0..1, or a binary claim with a fraction other than 1.
Result<Weight> CheckClaim(const ClaimRule& rule, const ClaimFacts& facts);

// outcome part × fraction × relative factor, rounded once to the penny (core/weight.h: half
// away from zero). kInvalidArgument for a negative part or a fraction outside 0..1.
Result<Money> OutcomePayment(Money outcome_part, Weight fraction, Weight relative);

// In claw-back mode the outcome part was paid at registration: what verification still moves is
// what the claim earns minus what was paid (negative: a claw-back of part × (1 − fraction), so
// that a claw-back provider keeps exactly what any other provider would be paid).
Result<Money> ClawbackModeAdjustment(Money outcome_part, Weight fraction, Weight relative);

}  // namespace psl::payment
