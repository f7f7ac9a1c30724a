#include "psl/payment/split.h"

#include <string>

#include "psl/core/date.h"

namespace psl::payment {

ChosenShares SharesFor(const PaymentSettings& settings, Date licensed_on, Date registered_on,
                       std::string_view end_result, std::string_view outcome) {
  // A registration dated before the grant cannot happen (only licensed providers register), but
  // if it did it would count as month 0: the most generous band for a new entrant.
  const int months =
      registered_on < licensed_on ? 0 : WholeMonthsBetween(licensed_on, registered_on);
  if (months < settings.sliding_scale_until_months) {
    const SlidingBand* band = nullptr;
    for (const SlidingBand& candidate : settings.sliding_scale) {
      if (candidate.from_months <= months) band = &candidate;
    }
    if (band != nullptr) {
      return {band->shares, "sliding_scale:" + std::to_string(band->from_months)};
    }
  }
  if (auto found = settings.outcome_splits.find(std::string(outcome));
      found != settings.outcome_splits.end()) {
    return {found->second, "outcome:" + found->first};
  }
  if (auto found = settings.end_result_splits.find(std::string(end_result));
      found != settings.end_result_splits.end()) {
    return {found->second, "end_result:" + found->first};
  }
  return {settings.default_split, "default"};
}

Result<Split> SplitPrice(Money price, const ChosenShares& chosen) {
  if (price.pence() < 0) {
    return Status(ErrorCode::kInvalidArgument, "a price cannot be negative", "price");
  }
  const SplitShares& shares = chosen.shares;
  if (shares.upfront_percent < 0 || shares.satisfaction_percent < 0 || shares.outcome_percent < 0 ||
      shares.upfront_percent + shares.outcome_percent + shares.satisfaction_percent != 100) {
    return Status(ErrorCode::kInvalidArgument, "the shares must be 0..100 and add up to 100",
                  "shares");
  }
  // price <= 2^63 / 100 keeps price * percent exact; beyond it (over £900 trillion) refuse.
  if (price.pence() > INT64_MAX / 100) {
    return Status(ErrorCode::kOverflow, "the price is too large to split", "price");
  }
  Split split;
  split.shares = shares;
  split.rule = chosen.rule;
  split.upfront = Money::FromPence(price.pence() * shares.upfront_percent / 100);
  split.satisfaction = Money::FromPence(price.pence() * shares.satisfaction_percent / 100);
  split.outcome =
      Money::FromPence(price.pence() - split.upfront.pence() - split.satisfaction.pence());
  return split;
}

Result<Split> SplitFor(const PaymentSettings& settings, Money price, Date licensed_on,
                       Date registered_on, std::string_view end_result, std::string_view outcome) {
  return SplitPrice(price, SharesFor(settings, licensed_on, registered_on, end_result, outcome));
}

}  // namespace psl::payment
