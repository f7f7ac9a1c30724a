// Component schemas of the payment settings, claw-back mode and budget routes
// (budget_routes.cc, budget_decoding.cc) and of the payment settings document
// (config/payment_json.cc).
#include <algorithm>
#include <limits>

#include "psl/api/openapi_schemas.h"

namespace psl::api::openapi {
namespace {

constexpr std::int64_t kMaxSetting = 1'000'000'000;  // config/payment_json.cc
constexpr int kMaxItems = 1000;

json Percent() { return Int(0, 100); }

json SharesProperties() {
  return {{"upfront_percent", Percent()},
          {"outcome_percent", Percent()},
          {"satisfaction_percent", Percent()}};
}

json SettingsProperties() {
  return {
      {"version", Int(1, kMaxSetting)},
      {"default_split", Ref("PaymentShares")},
      {"end_result_splits", Map(Ref("PaymentShares"))},
      {"outcome_splits", Map(Ref("PaymentShares"))},
      {"sliding_scale", Array(Ref("SlidingBand"), kMaxItems)},
      {"sliding_scale_until_months", Int(0, 1200)},
      {"survey_months", Array(Int(1, 120), 100)},
      {"survey_sample_percent", Percent()},
      {"minimum_answers", Int(1, 1'000'000)},
      {"satisfaction_window_months", Int(1, 120)},
      {"skunkworks_max_percent", Percent()},
      {"clawback_requires_good_standing", Bool()},
      {"receivable_overdue_days", Int(1, 3650)},
      {"relative_results_end_results", Array(Str(200), kMaxItems)},
      {"relative_floor", WeightIn()},
      {"relative_cap", WeightIn()},
      {"relative_minimum_outcomes", Int(1, 1'000'000)},
      {"median_annual_wage_pence", Int(1, std::numeric_limits<std::int64_t>::max())},
  };
}

}  // namespace

void AddBudgetSchemas(json& schemas) {
  json shares = Closed(SharesProperties());
  shares["description"] = "Whole percentages of a locked price; they add up to 100";
  schemas["PaymentShares"] = shares;
  schemas["SlidingBand"] =
      Extend(Closed({{"from_months", Int(0, kMaxSetting)}}), SharesProperties());
  json settings = Closed(SettingsProperties());
  settings["properties"]["relative_floor"] = WeightOut();
  settings["properties"]["relative_cap"] = WeightOut();
  schemas["PaymentSettings"] = settings;
  json request = Closed(SettingsProperties());
  request["required"].erase(
      std::find(request["required"].begin(), request["required"].end(), json("version")));
  request["description"] =
      "A payment settings document; version may be left out (the next one is assigned) or "
      "name the next version";
  schemas["PaymentSettingsRequest"] = request;
  schemas["PaymentSettingsVersion"] = Closed({{"version", Int(1, kMaxSetting)},
                                              {"published_at", Nullable(DateTime())},
                                              {"settings", Ref("PaymentSettings")}});

  schemas["PaymentModeRequest"] = Closed({{"clawback", Bool()}});
  schemas["PaymentMode"] = Closed({{"provider_id", Id()},
                                   {"clawback", Bool()},
                                   {"effective_from", Nullable(Date())},
                                   {"good_standing", Bool()},
                                   {"good_standing_reason", Nullable(Str())}});

  schemas["BudgetRequest"] =
      Closed({{"end_result", Str(64)},
              {"period_from", Date()},
              {"period_to", Date()},
              {"amount_pence", Int(0, std::numeric_limits<std::int64_t>::max())}});
  schemas["BudgetEnvelope"] = Closed({{"id", Id()},
                                      {"end_result", Str()},
                                      {"period_from", Date()},
                                      {"period_to", Date()},
                                      {"amount_pence", Pence()},
                                      {"set_by_user_id", Nullable(Id())},
                                      {"set_at", DateTime()}});
  json month = Str();
  month["pattern"] = "^[0-9]{4}-[0-9]{2}$";
  schemas["BudgetMonth"] =
      Closed({{"month", month}, {"committed_pence", Pence()}, {"paid_pence", Pence()}});
  schemas["Budget"] = Closed({{"id", Id()},
                              {"end_result", Str()},
                              {"period_from", Date()},
                              {"period_to", Date()},
                              {"amount_pence", Pence()},
                              {"committed_pence", Pence()},
                              {"paid_pence", Pence()},
                              {"months", Array(Ref("BudgetMonth"))}});
  schemas["BudgetList"] =
      Closed({{"items", Array(Ref("Budget"))}, {"expected_success_note", Str()}});
}

}  // namespace psl::api::openapi
