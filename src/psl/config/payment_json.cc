// The payment settings (docs/payment.md §1) as a JSON document, published by the Regulator:
//
//   {"version": 2,
//    "default_split": {"upfront_percent": 30, "outcome_percent": 60, "satisfaction_percent": 10},
//    "end_result_splits": {"<end result>": {shares}},     // PAY-2
//    "outcome_splits": {"<King Outcome>": {shares}},       // PAY-2, wins over the End Result's
//    "sliding_scale": [{"from_months": 0, "upfront_percent": 100, "outcome_percent": 0,
//                       "satisfaction_percent": 0}, ...],  // PAY-3
//    "sliding_scale_until_months": 18,
//    "survey_months": [3, 12], "survey_sample_percent": 50, "minimum_answers": 30,
//    "satisfaction_window_months": 12, "skunkworks_max_percent": 10,
//    "clawback_requires_good_standing": true, "receivable_overdue_days": 90,
//    "relative_results_end_results": ["individual_prosperity"],   // PAY-11; [] = off
//    "relative_floor": "0.500000", "relative_cap": "1.500000", "relative_minimum_outcomes": 20,
//    "median_annual_wage_pence": 3743000}
//
// Every member is required (a settings version states every setting, so that reading one never
// depends on the code's defaults of the day); unknown members are refused.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "psl/config/config_json.h"
#include "psl/config/json_reader.h"
#include "psl/payment/settings.h"

namespace psl::config {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::size_t kMaxItems = 1000;
constexpr std::size_t kMaxIdBytes = 200;
// 2 × 1000 overrides and 1000 bands of about 120 bytes each fit comfortably.
constexpr std::size_t kMaxDocumentBytes = std::size_t{1024} * 1024;
constexpr std::int64_t kMaxVersion = 1'000'000'000;
// Wide enough for any setting Validate accepts, narrow enough to keep every value an int.
constexpr std::int64_t kMaxSetting = 1'000'000'000;
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

void PutShares(ordered_json& object, const payment::SplitShares& shares) {
  object["upfront_percent"] = shares.upfront_percent;
  object["outcome_percent"] = shares.outcome_percent;
  object["satisfaction_percent"] = shares.satisfaction_percent;
}

ordered_json SharesJson(const payment::SplitShares& shares) {
  ordered_json object = ordered_json::object();
  PutShares(object, shares);
  return object;
}

ordered_json OverridesJson(const std::map<std::string, payment::SplitShares>& overrides) {
  ordered_json object = ordered_json::object();
  for (const auto& [id, shares] : overrides) object[id] = SharesJson(shares);
  return object;
}

Result<int> ReadInt(ObjectReader& reader, const std::string& name, std::int64_t min,
                    std::int64_t max) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t value, reader.Integer(name, min, max));
  return static_cast<int>(value);
}

// The three shares, read from `reader`'s object (which may hold other members: a band's
// from_months). Ranges and the sum of 100 are ValidatePaymentSettings' to check.
Result<payment::SplitShares> ReadSharesFrom(ObjectReader& reader) {
  payment::SplitShares shares;
  PSL_ASSIGN_OR_RETURN(shares.upfront_percent, ReadInt(reader, "upfront_percent", 0, 100));
  PSL_ASSIGN_OR_RETURN(shares.outcome_percent, ReadInt(reader, "outcome_percent", 0, 100));
  PSL_ASSIGN_OR_RETURN(shares.satisfaction_percent,
                       ReadInt(reader, "satisfaction_percent", 0, 100));
  return shares;
}

Result<payment::SplitShares> ReadShares(const json& value, const std::string& field) {
  if (!value.is_object()) return Invalid("must be an object of three shares", field);
  ObjectReader reader(value, field + ".");
  PSL_ASSIGN_OR_RETURN(const payment::SplitShares shares, ReadSharesFrom(reader));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return shares;
}

Result<std::map<std::string, payment::SplitShares>> ReadOverrides(ObjectReader& reader,
                                                                  const std::string& name) {
  PSL_ASSIGN_OR_RETURN(const json* object, reader.Object(name, kMaxItems));
  std::map<std::string, payment::SplitShares> overrides;
  for (const auto& [id, value] : object->items()) {
    if (id.empty() || id.size() > kMaxIdBytes) {
      return Invalid("an id is 1.." + std::to_string(kMaxIdBytes) + " bytes", name);
    }
    PSL_ASSIGN_OR_RETURN(const payment::SplitShares shares, ReadShares(value, name + "." + id));
    overrides.emplace(id, shares);
  }
  return overrides;
}

Result<std::vector<payment::SlidingBand>> ReadSlidingScale(ObjectReader& reader) {
  PSL_ASSIGN_OR_RETURN(const json* bands, reader.Array("sliding_scale", kMaxItems));
  std::vector<payment::SlidingBand> scale;
  scale.reserve(bands->size());
  for (std::size_t i = 0; i < bands->size(); ++i) {
    const std::string field = "sliding_scale[" + std::to_string(i) + "]";
    const json& value = (*bands)[i];
    if (!value.is_object()) return Invalid("must be an object", field);
    ObjectReader band_reader(value, field + ".");
    payment::SlidingBand band;
    PSL_ASSIGN_OR_RETURN(band.from_months, ReadInt(band_reader, "from_months", 0, kMaxSetting));
    PSL_ASSIGN_OR_RETURN(band.shares, ReadSharesFrom(band_reader));
    PSL_RETURN_IF_ERROR(band_reader.Finish());
    scale.push_back(band);
  }
  return scale;
}

Result<std::vector<int>> ReadSurveyMonths(ObjectReader& reader) {
  PSL_ASSIGN_OR_RETURN(const json* waves, reader.Array("survey_months", 100));
  std::vector<int> months;
  for (std::size_t i = 0; i < waves->size(); ++i) {
    const std::string field = "survey_months[" + std::to_string(i) + "]";
    const json& value = (*waves)[i];
    // Unsigned or signed, range-checked in one type (nlohmann keeps non-negatives unsigned).
    if (!value.is_number_integer()) return Invalid("must be a whole number of months", field);
    if (value.is_number_unsigned()
            ? value.get<std::uint64_t>() > 1200
            : (value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > 1200)) {
      return Invalid("must be 0..1200 months", field);
    }
    months.push_back(static_cast<int>(value.get<std::int64_t>()));
  }
  return months;
}

Result<std::set<std::string>> ReadEndResultSet(ObjectReader& reader, const std::string& name) {
  PSL_ASSIGN_OR_RETURN(const json* list, reader.Array(name, kMaxItems));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string field = name + "[" + std::to_string(i) + "]";
    const json& value = (*list)[i];
    if (!value.is_string()) return Invalid("must be a string", field);
    const auto& id = value.get_ref<const std::string&>();
    if (id.empty() || id.size() > kMaxIdBytes) {
      return Invalid("an id is 1.." + std::to_string(kMaxIdBytes) + " bytes", field);
    }
    if (!ids.insert(id).second) return Invalid("listed twice", field);
  }
  return ids;
}

Result<Weight> ReadWeight(ObjectReader& reader, const std::string& name) {
  PSL_ASSIGN_OR_RETURN(const std::string text, reader.String(name, 32));
  auto weight = Weight::Parse(text);
  if (!weight.ok()) return Invalid(weight.status().message(), name);
  return *weight;
}

}  // namespace

std::string PaymentSettingsToJson(const payment::PaymentSettings& settings) {
  ordered_json document;
  document["version"] = settings.version;
  document["default_split"] = SharesJson(settings.default_split);
  document["end_result_splits"] = OverridesJson(settings.end_result_splits);
  document["outcome_splits"] = OverridesJson(settings.outcome_splits);
  ordered_json scale = ordered_json::array();
  for (const payment::SlidingBand& band : settings.sliding_scale) {
    ordered_json entry;
    entry["from_months"] = band.from_months;
    PutShares(entry, band.shares);
    scale.push_back(std::move(entry));
  }
  document["sliding_scale"] = std::move(scale);
  document["sliding_scale_until_months"] = settings.sliding_scale_until_months;
  document["survey_months"] = settings.survey_months;
  document["survey_sample_percent"] = settings.survey_sample_percent;
  document["minimum_answers"] = settings.minimum_answers;
  document["satisfaction_window_months"] = settings.satisfaction_window_months;
  document["skunkworks_max_percent"] = settings.skunkworks_max_percent;
  document["clawback_requires_good_standing"] = settings.clawback_requires_good_standing;
  document["receivable_overdue_days"] = settings.receivable_overdue_days;
  ordered_json relative = ordered_json::array();
  for (const std::string& id : settings.relative_results_end_results) relative.push_back(id);
  document["relative_results_end_results"] = std::move(relative);
  document["relative_floor"] = settings.relative_floor.ToString();
  document["relative_cap"] = settings.relative_cap.ToString();
  document["relative_minimum_outcomes"] = settings.relative_minimum_outcomes;
  document["median_annual_wage_pence"] = settings.median_annual_wage.pence();
  // Ids from outside may hold invalid UTF-8 only if a caller built settings by hand: replaced,
  // never thrown.
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<payment::PaymentSettings> ParsePaymentSettings(std::string_view json_text) {
  if (json_text.size() > kMaxDocumentBytes) {
    return Invalid("a payment settings document is at most 1 MiB", "");
  }
  const json document = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return Invalid("not valid JSON; the payment settings are one JSON object", "");
  }
  if (!document.is_object()) return Invalid("the payment settings must be a JSON object", "");

  ObjectReader reader(document, "");
  payment::PaymentSettings settings;
  PSL_ASSIGN_OR_RETURN(settings.version, ReadInt(reader, "version", 1, kMaxVersion));
  PSL_ASSIGN_OR_RETURN(const json* default_split, reader.Object("default_split", 16));
  PSL_ASSIGN_OR_RETURN(settings.default_split, ReadShares(*default_split, "default_split"));
  PSL_ASSIGN_OR_RETURN(settings.end_result_splits, ReadOverrides(reader, "end_result_splits"));
  PSL_ASSIGN_OR_RETURN(settings.outcome_splits, ReadOverrides(reader, "outcome_splits"));
  PSL_ASSIGN_OR_RETURN(settings.sliding_scale, ReadSlidingScale(reader));
  PSL_ASSIGN_OR_RETURN(settings.sliding_scale_until_months,
                       ReadInt(reader, "sliding_scale_until_months", 0, kMaxSetting));
  PSL_ASSIGN_OR_RETURN(settings.survey_months, ReadSurveyMonths(reader));
  PSL_ASSIGN_OR_RETURN(settings.survey_sample_percent,
                       ReadInt(reader, "survey_sample_percent", 0, 100));
  PSL_ASSIGN_OR_RETURN(settings.minimum_answers,
                       ReadInt(reader, "minimum_answers", 0, kMaxSetting));
  PSL_ASSIGN_OR_RETURN(settings.satisfaction_window_months,
                       ReadInt(reader, "satisfaction_window_months", 0, kMaxSetting));
  PSL_ASSIGN_OR_RETURN(settings.skunkworks_max_percent,
                       ReadInt(reader, "skunkworks_max_percent", 0, 100));
  PSL_ASSIGN_OR_RETURN(settings.clawback_requires_good_standing,
                       reader.Bool("clawback_requires_good_standing"));
  PSL_ASSIGN_OR_RETURN(settings.receivable_overdue_days,
                       ReadInt(reader, "receivable_overdue_days", 0, kMaxSetting));
  PSL_ASSIGN_OR_RETURN(settings.relative_results_end_results,
                       ReadEndResultSet(reader, "relative_results_end_results"));
  PSL_ASSIGN_OR_RETURN(settings.relative_floor, ReadWeight(reader, "relative_floor"));
  PSL_ASSIGN_OR_RETURN(settings.relative_cap, ReadWeight(reader, "relative_cap"));
  PSL_ASSIGN_OR_RETURN(settings.relative_minimum_outcomes,
                       ReadInt(reader, "relative_minimum_outcomes", 0, kMaxSetting));
  PSL_ASSIGN_OR_RETURN(const std::int64_t wage,
                       reader.Integer("median_annual_wage_pence", 1, kInt64Max));
  settings.median_annual_wage = Money::FromPence(wage);
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(payment::ValidatePaymentSettings(settings));
  return settings;
}

}  // namespace psl::config
