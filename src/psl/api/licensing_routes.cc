// Routes and handlers for licensing (LIC-1..8) and the Regulator's licence casework (REG-1,
// the public register, organisations registering, applications, decisions, four-eyes
// proposals, scope restrictions, checklists and areas.
#include <array>

#include "psl/api/licensing_decoding.h"
#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"
#include "psl/app/licensing.h"
#include "psl/core/weight.h"

namespace psl::api {
namespace {

using access::Role;
using access::RoleSet;
using nlohmann::json;

json Nullable(const std::optional<std::string>& text) { return text ? json(*text) : json(); }

json AssessmentJson(const std::vector<licensing::ItemAssessment>& assessment) {
  json array = json::array();
  for (const auto& item : assessment) {
    array.push_back({{"item", item.item_id}, {"passed", item.passed}, {"reason", item.reason}});
  }
  return array;
}

json LicenceSummaryJson(const store::LicenceRecord& licence) {
  return {{"id", licence.id.value()},
          {"provider_id", licence.provider_id.value()},
          {"provider_name", licence.provider_name},
          {"kind", licence.kind},
          {"status", licensing::LicenceStatusName(licence.status)},
          {"scope_restriction", Nullable(licence.scope_restriction)},
          {"applied_at", licence.applied_at.ToIso8601()},
          {"granted_on", licence.granted_on ? json(licence.granted_on->ToString()) : json()}};
}

// `with_evidence`: the applicant's evidence and the checklist assessment are for the Regulator
// and the provider itself, not for the public register.
json LicenceViewJson(const app::LicenceView& view, bool with_evidence) {
  json result = LicenceSummaryJson(view.licence);
  json decisions = json::array();
  for (const auto& decision : view.decisions) {
    json entry = {{"from", licensing::LicenceStatusName(decision.from)},
                  {"to", licensing::LicenceStatusName(decision.to)},
                  {"decided_by", decision.decided_by},
                  {"proposed_by", decision.proposed_by.empty() ? json() : json(decision.proposed_by)},
                  {"grounds", Nullable(decision.grounds)},
                  {"reasons", decision.reasons},
                  {"at", decision.at.ToIso8601()}};
    if (with_evidence) {
      const json assessment = json::parse(decision.assessment_json, nullptr, false);
      entry["assessment"] = assessment.is_discarded() ? json::array() : assessment;
    }
    decisions.push_back(entry);
  }
  result["decisions"] = decisions;
  if (with_evidence) {
    result["checklist_version"] = view.licence.checklist_version;
    const json evidence = json::parse(view.licence.evidence_json, nullptr, false);
    result["evidence"] = evidence.is_discarded() ? json::object() : evidence;
    result["assessment"] = AssessmentJson(view.assessment);
    result["fee_posting_id"] =
        view.licence.fee_posting_id ? json(view.licence.fee_posting_id->value()) : json();
    if (view.open_proposal) {
      result["open_proposal"] = {{"action", view.open_proposal->action},
                                 {"grounds", view.open_proposal->grounds},
                                 {"reasons", view.open_proposal->reasons},
                                 {"proposed_by", view.open_proposal->proposed_by_name},
                                 {"proposed_at", view.open_proposal->proposed_at.ToIso8601()}};
    } else {
      result["open_proposal"] = json();
    }
  }
  return result;
}

json ChecklistJson(const licensing::Checklist& checklist) {
  json items = json::array();
  for (const auto& item : checklist.items) {
    json entry = {{"id", item.id},
                  {"section", licensing::SectionName(item.section)},
                  {"question", item.question},
                  {"kind", licensing::EvidenceKindName(item.kind)}};
    entry["threshold"] = item.threshold.empty() ? json() : json(item.threshold);
    items.push_back(entry);
  }
  return {{"version", checklist.version}, {"items", items}};
}

json AreaJson(const store::AreaRecord& area) {
  return {{"code", area.code},
          {"name", area.name},
          {"region", area.region},
          {"imd_average_score", Weight::FromMicros(area.imd_score_micros).ToString()},
          {"mode", area.mode}};
}

Result<LicenceId> PathLicence(const ApiRequest& request) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t id, DecodePathId(request.path_parameters.at(0), "id"));
  return LicenceId(id);
}

Result<store::LicenceFilter> DecodeLicenceFilter(const Query& query, bool for_register) {
  if (for_register) {
    PSL_RETURN_IF_ERROR(
        RefuseUnknownQuery(query, {"name", "status", "kind", "sector", "area", "after", "limit"}));
  } else {
    PSL_RETURN_IF_ERROR(RefuseUnknownQuery(query, {"name", "status", "kind", "after", "limit"}));
  }
  store::LicenceFilter filter;
  PSL_ASSIGN_OR_RETURN(filter.limit, DecodeLimit(query));
  PSL_ASSIGN_OR_RETURN(auto after, DecodeOptionalId(query, "after"));
  filter.after_id = after.value_or(0);
  PSL_ASSIGN_OR_RETURN(filter.name, DecodeOptionalText(query, "name", 200));
  PSL_ASSIGN_OR_RETURN(const std::string status, DecodeOptionalText(query, "status", 20));
  if (!status.empty()) {
    PSL_ASSIGN_OR_RETURN(filter.status, licensing::ParseLicenceStatus(status));
  }
  PSL_ASSIGN_OR_RETURN(filter.kind, DecodeOptionalText(query, "kind", 40));
  if (!filter.kind.empty()) PSL_RETURN_IF_ERROR(licensing::ValidateLicenceKind(filter.kind));
  PSL_ASSIGN_OR_RETURN(filter.sector, DecodeOptionalText(query, "sector", 40));
  if (!filter.sector.empty()) {
    auto valid = licensing::ValidateScopeRestriction(filter.sector);
    if (!valid.ok()) return Status(ErrorCode::kInvalidArgument, valid.message(), "sector");
  }
  PSL_ASSIGN_OR_RETURN(filter.area, DecodeOptionalText(query, "area", 20));
  return filter;
}

ApiResponse LicencePage(const std::vector<store::LicenceRecord>& licences, int limit) {
  json items = json::array();
  for (const auto& licence : licences) items.push_back(LicenceSummaryJson(licence));
  const bool full = static_cast<int>(licences.size()) == limit;
  return ApiResponse::Json(
      200, {{"items", items}, {"next_after", full ? json(licences.back().id.value()) : json()}});
}

ApiResponse ViewOrError(const Result<app::LicenceView>& view, int status = 200) {
  if (!view.ok()) return ErrorResponse(view.status());
  return ApiResponse::Json(status, LicenceViewJson(*view, true));
}

// --- Handlers -------------------------------------------------------------------------------

ApiResponse RegisterOrganisation(Services& services, const ApiRequest& request) {
  auto decoded = DecodeOrganisationRequest(request.body);
  if (!decoded.ok()) return ErrorResponse(decoded.status());
  auto registered = app::Licensing(services.app).RegisterOrganisation(
      request.context, decoded->organisation, decoded->username, decoded->password);
  if (!registered.ok()) return ErrorResponse(registered.status());
  return ApiResponse::Json(201, {{"provider_id", registered->provider_id.value()},
                                 {"user_id", registered->user_id.value()},
                                 {"username", decoded->username}});
}

ApiResponse GetChecklist(Services& services, const ApiRequest&) {
  auto checklist = app::Licensing(services.app).CurrentChecklist();
  if (!checklist.ok()) return ErrorResponse(checklist.status());
  return ApiResponse::Json(200, ChecklistJson(*checklist));
}

ApiResponse PublishChecklist(Services& services, const ApiRequest& request) {
  auto items = DecodeChecklistRequest(request.body);
  if (!items.ok()) return ErrorResponse(items.status());
  auto checklist = app::Licensing(services.app).PublishChecklist(request.context, *items);
  if (!checklist.ok()) return ErrorResponse(checklist.status());
  return ApiResponse::Json(201, ChecklistJson(*checklist));
}

ApiResponse ListAreas(Services& services, const ApiRequest& request) {
  if (Status known = RefuseUnknownQuery(request.query, {"mode", "after", "limit"}); !known.ok()) {
    return ErrorResponse(known);
  }
  auto limit = DecodeLimit(request.query);
  if (!limit.ok()) return ErrorResponse(limit.status());
  auto mode = DecodeOptionalText(request.query, "mode", 10);
  if (!mode.ok()) return ErrorResponse(mode.status());
  auto after = DecodeOptionalText(request.query, "after", 20);
  if (!after.ok()) return ErrorResponse(after.status());
  auto areas = app::Licensing(services.app).ListAreas(*mode, *after, *limit);
  if (!areas.ok()) return ErrorResponse(areas.status());
  json items = json::array();
  for (const auto& area : *areas) items.push_back(AreaJson(area));
  const bool full = static_cast<int>(areas->size()) == *limit;
  return ApiResponse::Json(
      200, {{"items", items}, {"next_after", full ? json(areas->back().code) : json()}});
}

ApiResponse SetAreaMode(Services& services, const ApiRequest& request) {
  auto mode = DecodeAreaModeRequest(request.body);
  if (!mode.ok()) return ErrorResponse(mode.status());
  auto area = app::Licensing(services.app)
                  .SetAreaMode(request.context, request.path_parameters.at(0), *mode);
  if (!area.ok()) return ErrorResponse(area.status());
  return ApiResponse::Json(200, AreaJson(*area));
}

ApiResponse Apply(Services& services, const ApiRequest& request) {
  auto decoded = DecodeApplicationRequest(request.body);
  if (!decoded.ok()) return ErrorResponse(decoded.status());
  return ViewOrError(
      app::Licensing(services.app).Apply(request.context, decoded->kind, decoded->evidence), 201);
}

ApiResponse ListLicences(Services& services, const ApiRequest& request) {
  auto filter = DecodeLicenceFilter(request.query, false);
  if (!filter.ok()) return ErrorResponse(filter.status());
  auto licences = app::Licensing(services.app).List(request.context, *filter);
  if (!licences.ok()) return ErrorResponse(licences.status());
  return LicencePage(*licences, filter->limit);
}

ApiResponse GetLicence(Services& services, const ApiRequest& request) {
  auto id = PathLicence(request);
  if (!id.ok()) return ErrorResponse(id.status());
  return ViewOrError(app::Licensing(services.app).Get(request.context, *id));
}

ApiResponse StartReview(Services& services, const ApiRequest& request) {
  auto id = PathLicence(request);
  if (!id.ok()) return ErrorResponse(id.status());
  if (Status empty = DecodeEmptyRequest(request.body); !empty.ok()) return ErrorResponse(empty);
  return ViewOrError(app::Licensing(services.app).StartReview(request.context, *id));
}

ApiResponse Decide(Services& services, const ApiRequest& request) {
  auto id = PathLicence(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto decision = DecodeDecisionRequest(request.body);
  if (!decision.ok()) return ErrorResponse(decision.status());
  return ViewOrError(app::Licensing(services.app)
                         .Decide(request.context, *id, decision->grant, decision->reasons,
                                 decision->scope_restriction));
}

ApiResponse Reinstate(Services& services, const ApiRequest& request) {
  auto id = PathLicence(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto reasons = DecodeReasonsRequest(request.body);
  if (!reasons.ok()) return ErrorResponse(reasons.status());
  return ViewOrError(app::Licensing(services.app).Reinstate(request.context, *id, *reasons));
}

ApiResponse Propose(Services& services, const ApiRequest& request) {
  auto id = PathLicence(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto proposal = DecodeProposalRequest(request.body);
  if (!proposal.ok()) return ErrorResponse(proposal.status());
  return ViewOrError(app::Licensing(services.app)
                         .Propose(request.context, *id, proposal->action, proposal->grounds,
                                  proposal->reasons),
                     201);
}

ApiResponse ConfirmProposal(Services& services, const ApiRequest& request) {
  auto id = PathLicence(request);
  if (!id.ok()) return ErrorResponse(id.status());
  if (Status empty = DecodeEmptyRequest(request.body); !empty.ok()) return ErrorResponse(empty);
  return ViewOrError(app::Licensing(services.app).ConfirmProposal(request.context, *id));
}

ApiResponse WithdrawProposal(Services& services, const ApiRequest& request) {
  auto id = PathLicence(request);
  if (!id.ok()) return ErrorResponse(id.status());
  if (Status empty = DecodeEmptyRequest(request.body); !empty.ok()) return ErrorResponse(empty);
  return ViewOrError(app::Licensing(services.app).WithdrawProposal(request.context, *id));
}

ApiResponse SetScope(Services& services, const ApiRequest& request) {
  auto id = PathLicence(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto scope = DecodeScopeRequest(request.body);
  if (!scope.ok()) return ErrorResponse(scope.status());
  return ViewOrError(app::Licensing(services.app)
                         .SetScopeRestriction(request.context, *id, scope->scope_restriction,
                                              scope->reasons));
}

ApiResponse SearchRegister(Services& services, const ApiRequest& request) {
  auto filter = DecodeLicenceFilter(request.query, true);
  if (!filter.ok()) return ErrorResponse(filter.status());
  auto licences = app::Licensing(services.app).SearchRegister(*filter);
  if (!licences.ok()) return ErrorResponse(licences.status());
  return LicencePage(*licences, filter->limit);
}

ApiResponse RegisterEntry(Services& services, const ApiRequest& request) {
  auto id = PathLicence(request);
  if (!id.ok()) return ErrorResponse(id.status());
  app::Licensing licensing(services.app);
  auto view = licensing.RegisterEntry(*id);
  if (!view.ok()) return ErrorResponse(view.status());
  json result = LicenceViewJson(*view, false);
  auto organisation = licensing.Organisation(view->licence.provider_id);
  if (organisation.ok()) {
    result["provider"] = {{"name", organisation->organisation.name},
                          {"legal_form", organisation->organisation.legal_form},
                          {"size", organisation->organisation.size},
                          {"sectors", organisation->organisation.sectors},
                          {"areas", organisation->organisation.area_codes}};
  }
  return ApiResponse::Json(200, result);
}

constexpr RoleSet kPublic = RoleSet::Everyone();
constexpr RoleSet kRegulator{Role::kRegulator};
constexpr RoleSet kRegulatorOrProvider{Role::kRegulator, Role::kProvider};
constexpr RoleSet kProvider{Role::kProvider};

// clang-format off
constexpr std::array kRoutes = {
  Route{"GET", "/api/v1/register", kPublic, "searchRegister", "register",
        "The public register of licences (LIC-8): search by name, status, kind, sector, area", "",
        "LicencePage", "name,status,kind,sector,area,after,limit", 200, SearchRegister},
  Route{"GET", "/api/v1/register/{id}", kPublic, "getRegisterEntry", "register",
        "One licence on the register with its decisions and reasons (REG-1)", "", "RegisterEntry",
        "", 200,
        RegisterEntry},
  Route{"POST", "/api/v1/organisations", kPublic, "registerOrganisation", "licensing",
        "Any organisation registers itself and its first provider user (LIC-1)",
        "OrganisationRequest", "OrganisationRegistered", "", 201,
        RegisterOrganisation},
  Route{"GET", "/api/v1/checklist", kPublic, "getChecklist", "licensing",
        "The current competency checklist applications are made against (LIC-2)", "", "Checklist",
        "",
        200, GetChecklist},
  Route{"POST", "/api/v1/checklist", kRegulator, "publishChecklist", "licensing",
        "Publish a new version of the competency checklist (LIC-2)", "ChecklistRequest",
        "Checklist", "", 201,
        PublishChecklist},
  Route{"GET", "/api/v1/areas", kPublic, "listAreas", "licensing",
        "Local authority districts and whether each is live or a control (LIC-7)", "", "AreaPage",
        "mode,after,limit", 200, ListAreas},
  Route{"POST", "/api/v1/areas/{code}/mode", kRegulator, "setAreaMode", "licensing",
        "Switch an area live or control (LIC-7)", "AreaModeRequest", "Area", "", 200, SetAreaMode},
  Route{"POST", "/api/v1/licences", kProvider, "applyForLicence", "licensing",
        "Apply for the general licence or a top-up, with evidence; charges the fee (LIC-1..4)",
        "ApplicationRequest", "Licence", "", 201, Apply},
  Route{"GET", "/api/v1/licences", kRegulatorOrProvider, "listLicences", "licensing",
        "Licences and applications (a provider sees its own)", "", "LicencePage",
        "name,status,kind,after,limit", 200, ListLicences},
  Route{"GET", "/api/v1/licences/{id}", kRegulatorOrProvider, "getLicence", "licensing",
        "A licence with its evidence, assessment, decisions and any open proposal", "", "Licence",
        "",
        200, GetLicence},
  Route{"POST", "/api/v1/licences/{id}/review", kRegulator, "startReview", "licensing",
        "Start reviewing an application (applied -> under_review)", "EmptyRequest", "Licence", "",
        200, StartReview},
  Route{"POST", "/api/v1/licences/{id}/decision", kRegulator, "decideLicence", "licensing",
        "Grant or refuse an application under review, with reasons (LIC-5)",
        "LicenceDecisionRequest", "Licence", "", 200,
        Decide},
  Route{"POST", "/api/v1/licences/{id}/reinstatement", kRegulator, "reinstateLicence",
        "licensing", "Reinstate a suspended licence, with reasons", "ReasonsRequest", "Licence",
        "", 200, Reinstate},
  Route{"POST", "/api/v1/licences/{id}/proposal", kRegulator, "proposeLicenceAction",
        "licensing", "Propose suspension or revocation (four eyes, X-5)", "LicenceProposalRequest",
        "Licence", "", 201,
        Propose},
  Route{"POST", "/api/v1/licences/{id}/proposal/confirmation", kRegulator,
        "confirmLicenceAction", "licensing",
        "Confirm the open proposal: a different regulator from the proposer (X-5)", "EmptyRequest",
        "Licence", "",
        200, ConfirmProposal},
  Route{"POST", "/api/v1/licences/{id}/proposal/withdrawal", kRegulator, "withdrawLicenceAction",
        "licensing", "Withdraw the open proposal", "EmptyRequest", "Licence", "", 200,
        WithdrawProposal},
  Route{"POST", "/api/v1/licences/{id}/scope", kRegulator, "setLicenceScope", "licensing",
        "Set or lift a temporary scope restriction (LIC-7)", "ScopeRequest", "Licence", "", 200,
        SetScope},
};
// clang-format on

}  // namespace

std::span<const Route> LicensingRoutes() { return kRoutes; }

}  // namespace psl::api
