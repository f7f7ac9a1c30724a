#include "psl/api/payment_decoding.h"

#include "psl/config/json_reader.h"

namespace psl::api {

using config::ObjectReader;
using config::ParseJsonObject;

namespace {
// £10 billion: far above any single outcome's price, well inside exact split arithmetic.
constexpr std::int64_t kMaxPricePence = 1'000'000'000'000;
}  // namespace

Result<app::SplitRequest> DecodeSplitRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  app::SplitRequest request;
  PSL_ASSIGN_OR_RETURN(const std::int64_t price, reader.Integer("price_pence", 0, kMaxPricePence));
  request.price = Money::FromPence(price);
  PSL_ASSIGN_OR_RETURN(request.licensed_on, reader.DateValue("licensed_on"));
  PSL_ASSIGN_OR_RETURN(request.registered_on, reader.DateValue("registered_on"));
  PSL_ASSIGN_OR_RETURN(request.outcome, reader.OptionalString("outcome", 100));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return request;
}

Result<Date> DecodePaymentRunRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(const Date as_of, reader.DateValue("as_of"));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return as_of;
}

}  // namespace psl::api
