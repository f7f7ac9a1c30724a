// The split of a locked price into upfront, outcome and satisfaction parts (PAY-1..3, INN-1).
// Which shares apply is decided here and nowhere else; docs/payment.md section 1 has the table.
#pragma once

#include <string>
#include <string_view>

#include "psl/core/date.h"
#include "psl/core/money.h"
#include "psl/core/result.h"
#include "psl/payment/settings.h"

namespace psl::payment {

struct Split {
  Money upfront;
  Money outcome;
  Money satisfaction;
  SplitShares shares;
  std::string rule;  // "sliding_scale:6", "outcome:<id>", "end_result:<id>" or "default"
  friend bool operator==(const Split&, const Split&) = default;
};

struct ChosenShares {
  SplitShares shares;
  std::string rule;
};

// The shares for a registration made `registered_on` with a provider whose general licence was
// granted `licensed_on`: the sliding scale while the provider is a new entrant, then the King
// Outcome's override, the End Result's, or the default.
ChosenShares SharesFor(const PaymentSettings& settings, Date licensed_on, Date registered_on,
                       std::string_view end_result, std::string_view outcome);

// Parts in pence: upfront and satisfaction rounded down, the outcome part takes the remainder,
// so the three always add up to `price` exactly. kInvalidArgument ("price") for a negative price.
Result<Split> SplitPrice(Money price, const ChosenShares& chosen);

// The split the registration locks (both steps above).
Result<Split> SplitFor(const PaymentSettings& settings, Money price, Date licensed_on,
                       Date registered_on, std::string_view end_result, std::string_view outcome);

}  // namespace psl::payment
