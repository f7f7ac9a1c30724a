#include "psl/payment/netting.h"

#include <algorithm>

namespace psl::payment {

Netting Net(Money payable, Money receivable) {
  Netting netting;
  if (payable.pence() <= 0) {
    netting.shortfall = Money::FromPence(-payable.pence());
    return netting;
  }
  const std::int64_t owed = std::max<std::int64_t>(receivable.pence(), 0);
  netting.recovered = Money::FromPence(std::min(payable.pence(), owed));
  netting.paid = Money::FromPence(payable.pence() - netting.recovered.pence());
  return netting;
}

}  // namespace psl::payment
