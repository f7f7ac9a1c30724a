// Netting a provider's position at release (PAY-5, PAY-8): what the payable balance pays out,
// what it recovers of debts (fees, claw-back shortfalls), and what shortfall becomes a debt.
#pragma once

#include "psl/core/money.h"

namespace psl::payment {

struct Netting {
  Money recovered;  // payable used to clear the receivable
  Money paid;       // paid to the provider's bank
  Money shortfall;  // a negative payable carried into the receivable
};

// `payable` is what PSL owes the provider (credit balance, may be negative after claw-backs);
// `receivable` what the provider owes PSL (debit balance, >= 0). The receivable is recovered
// first; the rest is paid; a negative payable becomes a receivable. Afterwards the payable is 0
// and payable + receivable change by the same amount as the bank line (property-tested).
Netting Net(Money payable, Money receivable);

}  // namespace psl::payment
