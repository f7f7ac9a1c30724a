#include "psl/api/claim_decoding.h"

#include "psl/config/json_reader.h"

namespace psl::api {
namespace {

constexpr std::int64_t kMaxId = 1'000'000'000'000'000'000;

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

}  // namespace

Result<app::ClaimInput> DecodeClaimRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  app::ClaimInput input;
  PSL_ASSIGN_OR_RETURN(input.registration_id, reader.Integer("registration_id", 1, kMaxId));
  PSL_ASSIGN_OR_RETURN(input.outcome, reader.String("outcome", 64));
  PSL_ASSIGN_OR_RETURN(input.achieved_on, reader.DateValue("achieved_on"));
  PSL_ASSIGN_OR_RETURN(const auto fraction, reader.OptionalString("fraction", 32));
  if (fraction) {
    auto parsed = Weight::Parse(*fraction);
    if (!parsed.ok()) {
      return Invalid("must be a decimal from \"0\" to \"1\" with at most six decimals", "fraction");
    }
    if (*parsed < Weight::FromMicros(0) || *parsed > Weight::One()) {
      return Invalid("must be between 0 and 1", "fraction");
    }
    input.fraction = *parsed;
  }
  PSL_ASSIGN_OR_RETURN(input.evidence, reader.String("evidence", app::kMaxEvidenceLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return input;
}

Result<std::string> DecodeRejectClaimRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(std::string reason, reader.String("reason", app::kMaxReasonLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return reason;
}

Result<EvidenceFeedRequest> DecodeEvidenceFeedRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  EvidenceFeedRequest request;
  PSL_ASSIGN_OR_RETURN(request.name, reader.String("name", app::kMaxFeedNameLength));
  PSL_ASSIGN_OR_RETURN(request.csv, reader.String("csv", kMaxJsonBodyBytes));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return request;
}

}  // namespace psl::api
