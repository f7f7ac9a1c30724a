#include "psl/api/budget_decoding.h"

#include <limits>

#include "psl/config/config_json.h"
#include "psl/config/json_reader.h"

namespace psl::api {
namespace {

constexpr std::size_t kMaxIdLength = 64;
// A placeholder that ParsePaymentSettings accepts; the server assigns the real version.
constexpr int kUnstatedVersion = 1;

}  // namespace

Result<PaymentSettingsRequest> DecodePaymentSettingsRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(nlohmann::json object, ParseJsonObject(body));
  PaymentSettingsRequest request;
  const auto version = object.find("version");
  const bool stated = version != object.end() && !version->is_null();
  if (!stated) object["version"] = kUnstatedVersion;
  // The parsed body holds valid UTF-8 only, so writing it back loses nothing.
  PSL_ASSIGN_OR_RETURN(request.settings,
                       config::ParsePaymentSettings(
                           object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  if (stated) request.version = request.settings.version;
  return request;
}

Result<bool> DecodePaymentModeRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(const bool clawback, reader.Bool("clawback"));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return clawback;
}

Result<app::BudgetInput> DecodeBudgetRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  app::BudgetInput input;
  PSL_ASSIGN_OR_RETURN(input.end_result, reader.String("end_result", kMaxIdLength));
  PSL_ASSIGN_OR_RETURN(input.period_from, reader.DateValue("period_from"));
  PSL_ASSIGN_OR_RETURN(input.period_to, reader.DateValue("period_to"));
  PSL_ASSIGN_OR_RETURN(const std::int64_t pence,
                       reader.Integer("amount_pence", 0, std::numeric_limits<std::int64_t>::max()));
  input.amount = Money::FromPence(pence);
  PSL_RETURN_IF_ERROR(reader.Finish());
  if (input.period_to < input.period_from) {
    return Status(ErrorCode::kInvalidArgument, "the period ends on or after it starts",
                  "period_to");
  }
  return input;
}

}  // namespace psl::api
