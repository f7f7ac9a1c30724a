// Routes and handlers for REG-5 appeals and disputes: a provider appeals a refusal, suspension
// or revocation of its licence and the Regulator upholds or dismisses it; providers and
// government file disputes that the Regulator resolves. Decoding is strict (json_reader.h):
// wrong types, missing and unknown fields are refused naming the field.
#include <array>

#include "psl/config/json_reader.h"
#include "psl/api/regulation_decoding.h"
#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"
#include "psl/app/appeals.h"

namespace psl::api {
namespace {

using access::Role;
using access::RoleSet;
using nlohmann::json;
using regulation::AppealStatus;
using regulation::MaxUtf8Bytes;
using regulation::PartyKind;

constexpr std::int64_t kMaxId = 1'000'000'000'000'000'000;  // as the path ids (request_decoding.cc)

// --- Decoding -------------------------------------------------------------------------------

Result<std::int64_t> PathId(const ApiRequest& request) {
  return DecodePathId(request.path_parameters.at(0), "id");
}

Result<store::AppealFilter> DecodeAppealFilter(const Query& query) {
  PSL_RETURN_IF_ERROR(RefuseUnknownQuery(query, {"status", "after", "limit"}));
  store::AppealFilter filter;
  PSL_ASSIGN_OR_RETURN(filter.limit, DecodeLimit(query));
  PSL_ASSIGN_OR_RETURN(auto after, DecodeOptionalId(query, "after"));
  filter.after_id = after.value_or(0);
  PSL_ASSIGN_OR_RETURN(const std::string status, DecodeOptionalText(query, "status", 20));
  if (!status.empty()) {
    PSL_ASSIGN_OR_RETURN(filter.status, regulation::ParseAppealStatus(status));
  }
  return filter;
}

Result<store::DisputeFilter> DecodeDisputeFilter(const Query& query) {
  PSL_RETURN_IF_ERROR(RefuseUnknownQuery(query, {"status", "after", "limit"}));
  store::DisputeFilter filter;
  PSL_ASSIGN_OR_RETURN(filter.limit, DecodeLimit(query));
  PSL_ASSIGN_OR_RETURN(auto after, DecodeOptionalId(query, "after"));
  filter.after_id = after.value_or(0);
  PSL_ASSIGN_OR_RETURN(const std::string status, DecodeOptionalText(query, "status", 20));
  if (!status.empty()) {
    PSL_ASSIGN_OR_RETURN(filter.status, regulation::ParseDisputeStatus(status));
  }
  return filter;
}

// --- Encoding -------------------------------------------------------------------------------

json ArbitrationJson(const std::optional<store::ArbitrationRecord>& record, bool with_terms) {
  if (!record) return json();
  json result = {{"outcome", record->outcome},
                 {"reasons", record->reasons},
                 {"decided_by", record->decided_by},
                 {"decided_at", record->decided_at.ToIso8601()}};
  if (with_terms) result["decision"] = record->terms ? json(*record->terms) : json();
  return result;
}

json AppealJson(const store::AppealRecord& appeal) {
  return {{"id", appeal.id.value()},
          {"licence_id", appeal.licence_id.value()},
          {"provider_id", appeal.provider_id.value()},
          {"provider_name", appeal.provider_name},
          {"licence_kind", appeal.licence_kind},
          {"appealed_status", licensing::LicenceStatusName(appeal.appealed_status)},
          {"grounds", appeal.grounds},
          {"status", regulation::AppealStatusName(appeal.status)},
          {"lodged_by", appeal.lodged_by},
          {"lodged_at", appeal.lodged_at.ToIso8601()},
          {"licence_status_after", appeal.licence_status_after ? json(licensing::LicenceStatusName(
                                                                     *appeal.licence_status_after))
                                                               : json()},
          {"decision", ArbitrationJson(appeal.decision, false)}};
}

json PartyJson(const regulation::Party& party, const std::string& name) {
  return {{"kind", regulation::PartyKindName(party.kind)},
          {"provider_id",
           party.kind == PartyKind::kProvider ? json(party.provider_id.value()) : json()},
          {"name", name}};
}

json DisputeJson(const store::DisputeRecord& dispute) {
  return {{"id", dispute.id.value()},
          {"claimant", PartyJson(dispute.claimant, dispute.claimant_name)},
          {"respondent", PartyJson(dispute.respondent, dispute.respondent_name)},
          {"subject", dispute.subject},
          {"description", dispute.description},
          {"status", regulation::DisputeStatusName(dispute.status)},
          {"filed_by", dispute.filed_by},
          {"filed_at", dispute.filed_at.ToIso8601()},
          {"resolution", ArbitrationJson(dispute.resolution, true)}};
}

template <typename Record>
ApiResponse Page(const std::vector<Record>& records, int limit, json (*encode)(const Record&)) {
  json items = json::array();
  for (const auto& record : records) items.push_back(encode(record));
  const bool full = static_cast<int>(records.size()) == limit;
  return ApiResponse::Json(
      200, {{"items", items}, {"next_after", full ? json(records.back().id.value()) : json()}});
}

ApiResponse AppealOrError(const Result<store::AppealRecord>& appeal, int status = 200) {
  if (!appeal.ok()) return ErrorResponse(appeal.status());
  return ApiResponse::Json(status, AppealJson(*appeal));
}

ApiResponse DisputeOrError(const Result<store::DisputeRecord>& dispute, int status = 200) {
  if (!dispute.ok()) return ErrorResponse(dispute.status());
  return ApiResponse::Json(status, DisputeJson(*dispute));
}

// --- Handlers -------------------------------------------------------------------------------

ApiResponse LodgeAppeal(Services& services, const ApiRequest& request) {
  auto decoded = DecodeLodgeRequest(request.body);
  if (!decoded.ok()) return ErrorResponse(decoded.status());
  return AppealOrError(
      app::Appeals(services.app).Lodge(request.context, decoded->licence_id, decoded->grounds),
      201);
}

ApiResponse ListAppeals(Services& services, const ApiRequest& request) {
  auto filter = DecodeAppealFilter(request.query);
  if (!filter.ok()) return ErrorResponse(filter.status());
  auto appeals = app::Appeals(services.app).List(request.context, *filter);
  if (!appeals.ok()) return ErrorResponse(appeals.status());
  return Page(*appeals, filter->limit, &AppealJson);
}

ApiResponse GetAppeal(Services& services, const ApiRequest& request) {
  auto id = PathId(request);
  if (!id.ok()) return ErrorResponse(id.status());
  return AppealOrError(app::Appeals(services.app).Get(request.context, regulation::AppealId(*id)));
}

ApiResponse DecideAppeal(Services& services, const ApiRequest& request) {
  auto id = PathId(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto decoded = DecodeAppealDecisionRequest(request.body);
  if (!decoded.ok()) return ErrorResponse(decoded.status());
  return AppealOrError(
      app::Appeals(services.app)
          .Decide(request.context, regulation::AppealId(*id), decoded->outcome, decoded->reasons));
}

ApiResponse FileDispute(Services& services, const ApiRequest& request) {
  auto decoded = DecodeDisputeRequest(request.body);
  if (!decoded.ok()) return ErrorResponse(decoded.status());
  return DisputeOrError(app::Appeals(services.app)
                            .FileDispute(request.context, decoded->respondent, decoded->subject,
                                         decoded->description),
                        201);
}

ApiResponse ListDisputes(Services& services, const ApiRequest& request) {
  auto filter = DecodeDisputeFilter(request.query);
  if (!filter.ok()) return ErrorResponse(filter.status());
  auto disputes = app::Appeals(services.app).ListDisputes(request.context, *filter);
  if (!disputes.ok()) return ErrorResponse(disputes.status());
  return Page(*disputes, filter->limit, &DisputeJson);
}

ApiResponse GetDispute(Services& services, const ApiRequest& request) {
  auto id = PathId(request);
  if (!id.ok()) return ErrorResponse(id.status());
  return DisputeOrError(
      app::Appeals(services.app).GetDispute(request.context, regulation::DisputeId(*id)));
}

ApiResponse ResolveDispute(Services& services, const ApiRequest& request) {
  auto id = PathId(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto decoded = DecodeResolutionRequest(request.body);
  if (!decoded.ok()) return ErrorResponse(decoded.status());
  return DisputeOrError(app::Appeals(services.app)
                            .ResolveDispute(request.context, regulation::DisputeId(*id),
                                            decoded->finding, decoded->terms, decoded->reasons));
}

constexpr RoleSet kRegulator{Role::kRegulator};
constexpr RoleSet kProvider{Role::kProvider};
constexpr RoleSet kRegulatorOrProvider{Role::kRegulator, Role::kProvider};
constexpr RoleSet kParties{Role::kProvider, Role::kGovernment};
constexpr RoleSet kPartiesOrRegulator{Role::kRegulator, Role::kProvider, Role::kGovernment};

// clang-format off
constexpr std::array kRoutes = {
  Route{"POST", "/api/v1/appeals", kProvider, "lodgeAppeal", "appeals",
        "Appeal a refusal, suspension or revocation of one's own licence, with grounds (REG-5)",
        "AppealRequest", "Appeal", "", 201, LodgeAppeal},
  Route{"GET", "/api/v1/appeals", kRegulatorOrProvider, "listAppeals", "appeals",
        "Appeals (a provider sees its own)", "", "AppealPage", "status,after,limit", 200,
        ListAppeals},
  Route{"GET", "/api/v1/appeals/{id}", kRegulatorOrProvider, "getAppeal", "appeals",
        "One appeal with the Regulator's decision once made", "", "Appeal", "", 200, GetAppeal},
  Route{"POST", "/api/v1/appeals/{id}/decision", kRegulator, "decideAppeal", "appeals",
        "Uphold or dismiss an appeal with reasons; upholding moves the licence (REG-5, LIC-5)",
        "AppealDecisionRequest", "Appeal", "", 200, DecideAppeal},
  Route{"POST", "/api/v1/disputes", kParties, "fileDispute", "appeals",
        "File a dispute with another provider, or between a provider and government (REG-5)",
        "DisputeRequest", "Dispute", "", 201, FileDispute},
  Route{"GET", "/api/v1/disputes", kPartiesOrRegulator, "listDisputes", "appeals",
        "Disputes (a party sees those it is party to)", "", "DisputePage", "status,after,limit",
        200,
        ListDisputes},
  Route{"GET", "/api/v1/disputes/{id}", kPartiesOrRegulator, "getDispute", "appeals",
        "One dispute with the Regulator's resolution once made", "", "Dispute", "", 200,
        GetDispute},
  Route{"POST", "/api/v1/disputes/{id}/resolution", kRegulator, "resolveDispute", "appeals",
        "Resolve a dispute with a finding, the terms of the decision and reasons (REG-5)",
        "DisputeResolutionRequest",
        "Dispute", "", 200, ResolveDispute},
};
// clang-format on

}  // namespace

std::span<const Route> AppealRoutes() { return kRoutes; }

}  // namespace psl::api
