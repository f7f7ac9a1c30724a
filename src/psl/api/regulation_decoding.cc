#include "psl/api/regulation_decoding.h"

#include "psl/config/json_reader.h"

namespace psl::api {
namespace {

using nlohmann::json;
using regulation::AppealStatus;
using regulation::MaxUtf8Bytes;
using regulation::PartyKind;

constexpr std::int64_t kMaxId = 1'000'000'000'000'000'000;  // as the path ids (request_decoding.cc)
// Texts are limited in characters by the domain; a UTF-8 character is at most 4 bytes.
constexpr std::size_t kUtf8BytesPerCharacter = 4;

}  // namespace

Result<regulation::ComplaintFiling> DecodeComplaintFiling(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  regulation::ComplaintFiling filing;
  PSL_ASSIGN_OR_RETURN(const std::int64_t provider, reader.Integer("provider_id", 1, kMaxId));
  filing.provider_id = ProviderId(provider);
  PSL_ASSIGN_OR_RETURN(const std::string category, reader.String("category", 50));
  PSL_ASSIGN_OR_RETURN(filing.category, regulation::ParseComplaintCategory(category));
  PSL_ASSIGN_OR_RETURN(filing.text, reader.String("text", regulation::kMaxComplaintTextLength *
                                                              kUtf8BytesPerCharacter));
  PSL_ASSIGN_OR_RETURN(filing.contact_email,
                       reader.OptionalString("contact_email", regulation::kMaxContactEmailLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(
      regulation::ValidateText(filing.text, regulation::kMaxComplaintTextLength, "text"));
  if (filing.contact_email) {
    PSL_RETURN_IF_ERROR(regulation::ValidateContactEmail(*filing.contact_email));
  }
  return filing;
}

Result<std::string> DecodeComplaintResponse(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(
      std::string response,
      reader.String("response", regulation::kMaxComplaintResponseLength * kUtf8BytesPerCharacter));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(
      regulation::ValidateText(response, regulation::kMaxComplaintResponseLength, "response"));
  return response;
}

Result<ComplaintClosureRequest> DecodeComplaintClosure(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  ComplaintClosureRequest closure;
  PSL_ASSIGN_OR_RETURN(const std::string outcome, reader.String("outcome", 50));
  PSL_ASSIGN_OR_RETURN(closure.outcome, regulation::ParseComplaintOutcome(outcome));
  PSL_ASSIGN_OR_RETURN(
      closure.reasons,
      reader.String("reasons", regulation::kMaxComplaintReasonsLength * kUtf8BytesPerCharacter));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(
      regulation::ValidateText(closure.reasons, regulation::kMaxComplaintReasonsLength, "reasons"));
  return closure;
}

Result<LodgeRequest> DecodeLodgeRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  LodgeRequest request;
  PSL_ASSIGN_OR_RETURN(const std::int64_t licence, reader.Integer("licence_id", 1, kMaxId));
  request.licence_id = LicenceId(licence);
  PSL_ASSIGN_OR_RETURN(request.grounds,
                       reader.String("grounds", MaxUtf8Bytes(regulation::kMaxAppealGroundsLength)));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(regulation::ValidateAppealGrounds(request.grounds));
  return request;
}

Result<AppealDecisionRequest> DecodeAppealDecisionRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  AppealDecisionRequest request;
  PSL_ASSIGN_OR_RETURN(const std::string decision, reader.String("decision", 10));
  PSL_ASSIGN_OR_RETURN(request.outcome, regulation::ParseAppealDecision(decision));
  PSL_ASSIGN_OR_RETURN(
      request.reasons,
      reader.String("reasons", MaxUtf8Bytes(regulation::kMaxArbitrationTextLength)));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(regulation::ValidateArbitrationReasons(request.reasons));
  return request;
}

Result<DisputeRequest> DecodeDisputeRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  DisputeRequest request;
  PSL_ASSIGN_OR_RETURN(const std::string kind, reader.String("respondent_kind", 20));
  PSL_ASSIGN_OR_RETURN(request.respondent.kind,
                       regulation::ParsePartyKind(kind, "respondent_kind"));
  PSL_ASSIGN_OR_RETURN(auto provider, reader.OptionalInteger("respondent_provider_id", 1, kMaxId));
  if (provider) request.respondent.provider_id = ProviderId(*provider);
  PSL_ASSIGN_OR_RETURN(
      request.subject,
      reader.String("subject", MaxUtf8Bytes(regulation::kMaxDisputeSubjectLength)));
  PSL_ASSIGN_OR_RETURN(
      request.description,
      reader.String("description", MaxUtf8Bytes(regulation::kMaxDisputeDescriptionLength)));
  PSL_RETURN_IF_ERROR(reader.Finish());
  if (request.respondent.kind == PartyKind::kProvider && !request.respondent.provider_id) {
    return Status(ErrorCode::kInvalidArgument, "is required when the respondent is a provider",
                  "respondent_provider_id");
  }
  if (request.respondent.kind == PartyKind::kGovernment && request.respondent.provider_id) {
    return Status(ErrorCode::kInvalidArgument,
                  "a dispute with government names no provider; leave it out",
                  "respondent_provider_id");
  }
  PSL_RETURN_IF_ERROR(regulation::ValidateDisputeSubject(request.subject));
  PSL_RETURN_IF_ERROR(regulation::ValidateDisputeDescription(request.description));
  return request;
}

Result<ResolutionRequest> DecodeResolutionRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  ResolutionRequest request;
  PSL_ASSIGN_OR_RETURN(const std::string finding, reader.String("finding", 20));
  PSL_ASSIGN_OR_RETURN(request.finding, regulation::ParseDisputeFinding(finding));
  PSL_ASSIGN_OR_RETURN(
      request.terms,
      reader.String("decision", MaxUtf8Bytes(regulation::kMaxArbitrationTextLength)));
  PSL_ASSIGN_OR_RETURN(
      request.reasons,
      reader.String("reasons", MaxUtf8Bytes(regulation::kMaxArbitrationTextLength)));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(regulation::ValidateArbitrationTerms(request.terms));
  PSL_RETURN_IF_ERROR(regulation::ValidateArbitrationReasons(request.reasons));
  return request;
}

}  // namespace psl::api
