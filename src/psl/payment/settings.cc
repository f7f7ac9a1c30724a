#include "psl/payment/settings.h"

#include <string>

namespace psl::payment {

PaymentSettings DefaultPaymentSettings() {
  PaymentSettings settings;
  settings.sliding_scale = {
      {0, {100, 0, 0}}, {3, {90, 10, 0}}, {6, {60, 30, 10}}, {12, {40, 50, 10}}};
  return settings;
}

namespace {

Status CheckShares(const SplitShares& shares, const std::string& field) {
  for (int percent :
       {shares.upfront_percent, shares.outcome_percent, shares.satisfaction_percent}) {
    if (percent < 0 || percent > 100) {
      return Status(ErrorCode::kInvalidArgument, "each share is a whole percentage 0..100", field);
    }
  }
  if (shares.upfront_percent + shares.outcome_percent + shares.satisfaction_percent != 100) {
    return Status(ErrorCode::kInvalidArgument,
                  "upfront, outcome and satisfaction shares must add up to 100", field);
  }
  return Status::Ok();
}

Status CheckPercent(int value, const std::string& field) {
  if (value < 0 || value > 100) {
    return Status(ErrorCode::kInvalidArgument, "must be a whole percentage 0..100", field);
  }
  return Status::Ok();
}

}  // namespace

Status ValidatePaymentSettings(const PaymentSettings& settings) {
  if (settings.version < 1) {
    return Status(ErrorCode::kInvalidArgument, "versions start at 1", "version");
  }
  PSL_RETURN_IF_ERROR(CheckShares(settings.default_split, "default_split"));
  for (const auto& [id, shares] : settings.end_result_splits) {
    PSL_RETURN_IF_ERROR(CheckShares(shares, "end_result_splits." + id));
  }
  for (const auto& [id, shares] : settings.outcome_splits) {
    PSL_RETURN_IF_ERROR(CheckShares(shares, "outcome_splits." + id));
  }
  for (std::size_t i = 0; i < settings.sliding_scale.size(); ++i) {
    const std::string field = "sliding_scale[" + std::to_string(i) + "]";
    const SlidingBand& band = settings.sliding_scale[i];
    PSL_RETURN_IF_ERROR(CheckShares(band.shares, field));
    if (i == 0 && band.from_months != 0) {
      return Status(ErrorCode::kInvalidArgument, "the first band starts at 0 months",
                    field + ".from_months");
    }
    if (i > 0 && band.from_months <= settings.sliding_scale[i - 1].from_months) {
      return Status(ErrorCode::kInvalidArgument, "bands ascend by from_months",
                    field + ".from_months");
    }
  }
  if (settings.sliding_scale_until_months < 0 || settings.sliding_scale_until_months > 1200) {
    return Status(ErrorCode::kInvalidArgument, "must be 0..1200 months",
                  "sliding_scale_until_months");
  }
  if (settings.survey_months.empty()) {
    return Status(ErrorCode::kInvalidArgument, "at least one survey wave is needed",
                  "survey_months");
  }
  for (std::size_t i = 0; i < settings.survey_months.size(); ++i) {
    const int months = settings.survey_months[i];
    if (months < 1 || months > 120 || (i > 0 && months <= settings.survey_months[i - 1])) {
      return Status(ErrorCode::kInvalidArgument,
                    "survey waves are 1..120 months after registration, ascending",
                    "survey_months[" + std::to_string(i) + "]");
    }
  }
  PSL_RETURN_IF_ERROR(CheckPercent(settings.survey_sample_percent, "survey_sample_percent"));
  PSL_RETURN_IF_ERROR(CheckPercent(settings.skunkworks_max_percent, "skunkworks_max_percent"));
  if (settings.minimum_answers < 1 || settings.minimum_answers > 1'000'000) {
    return Status(ErrorCode::kInvalidArgument, "must be 1..1000000", "minimum_answers");
  }
  if (settings.satisfaction_window_months < 1 || settings.satisfaction_window_months > 120) {
    return Status(ErrorCode::kInvalidArgument, "must be 1..120 months",
                  "satisfaction_window_months");
  }
  if (settings.receivable_overdue_days < 1 || settings.receivable_overdue_days > 3650) {
    return Status(ErrorCode::kInvalidArgument, "must be 1..3650 days", "receivable_overdue_days");
  }
  if (settings.relative_floor.micros() < 0 || settings.relative_floor > Weight::One() ||
      settings.relative_cap < Weight::One() ||
      settings.relative_cap.micros() > 10 * Weight::kScale) {
    return Status(ErrorCode::kInvalidArgument,
                  "need 0 <= relative_floor <= 1 <= relative_cap <= 10", "relative_floor");
  }
  if (settings.relative_minimum_outcomes < 1 || settings.relative_minimum_outcomes > 1'000'000) {
    return Status(ErrorCode::kInvalidArgument, "must be 1..1000000", "relative_minimum_outcomes");
  }
  if (settings.median_annual_wage.pence() <= 0) {
    return Status(ErrorCode::kInvalidArgument, "must be positive", "median_annual_wage");
  }
  return Status::Ok();
}

}  // namespace psl::payment
