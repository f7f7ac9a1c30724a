// Routes and handlers for REG-2 mystery shopping: the rubric, inspection drafts and their
// publication, and the published findings anyone can read.
#include <array>

#include "psl/config/json_reader.h"
#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"
#include "psl/app/inspections.h"

namespace psl::api {
namespace {

using access::Role;
using access::RoleSet;
using nlohmann::json;
using regulation::InspectionId;

constexpr std::int64_t kMaxId = 1'000'000'000'000'000'000;

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

// --- Decoding -----------------------------------------------------------------------------

// {"provider_id", "visit_date", "scores": {criterion: 1..5 | true/false}, "finding"?,
//  "malpractice"?}. Whether each criterion exists and is in range is the domain's check
// (regulation::ValidateVisitRecord), against the rubric the inspection is recorded under.
Result<regulation::VisitRecord> DecodeVisitRecord(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  regulation::VisitRecord record;
  PSL_ASSIGN_OR_RETURN(const std::int64_t provider, reader.Integer("provider_id", 1, kMaxId));
  record.provider_id = ProviderId(provider);
  PSL_ASSIGN_OR_RETURN(record.visit_date, reader.DateValue("visit_date"));
  PSL_ASSIGN_OR_RETURN(const json* scores, reader.Object("scores", regulation::kMaxCriteria));
  for (const auto& [key, value] : scores->items()) {
    const std::string field = "scores." + key;
    if (key.size() > regulation::kMaxCriterionKeyLength) {
      return Invalid("is not a criterion of the rubric", field);
    }
    if (value.is_boolean()) {
      record.answers[key] = regulation::Answer::Flag(value.get<bool>());
    } else if (value.is_number_integer()) {
      // An unsigned number too large for int64 is out of range all the same: keep it as 6 so that
      // the domain's range check names the field.
      const bool huge = value.is_number_unsigned() &&
                        value.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxId);
      record.answers[key] =
          regulation::Answer::Score(huge ? regulation::kMaxScore + 1 : value.get<std::int64_t>());
    } else {
      return Invalid("must be a whole number from 1 to 5, or true or false for a flag", field);
    }
  }
  PSL_ASSIGN_OR_RETURN(auto finding,
                       reader.OptionalString("finding", regulation::kMaxFindingLength));
  record.finding = finding.value_or("");
  PSL_ASSIGN_OR_RETURN(auto malpractice, reader.OptionalBool("malpractice"));
  record.malpractice = malpractice.value_or(false);
  PSL_RETURN_IF_ERROR(reader.Finish());
  return record;
}

// {"criteria": [{"key", "label", "kind": "score" | "flag", "adverse_answer"?: bool}, ...]}.
Result<regulation::Rubric> DecodeRubric(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  regulation::Rubric rubric;
  PSL_ASSIGN_OR_RETURN(const json* criteria, reader.Array("criteria", regulation::kMaxCriteria));
  for (std::size_t i = 0; i < criteria->size(); ++i) {
    const std::string prefix = "criteria[" + std::to_string(i) + "]";
    const json& item = (*criteria)[i];
    if (!item.is_object()) return Invalid("must be an object", prefix);
    ObjectReader item_reader(item, prefix + ".");
    regulation::Criterion criterion;
    PSL_ASSIGN_OR_RETURN(criterion.key,
                         item_reader.String("key", regulation::kMaxCriterionKeyLength));
    PSL_ASSIGN_OR_RETURN(criterion.label,
                         item_reader.String("label", regulation::kMaxCriterionLabelLength));
    PSL_ASSIGN_OR_RETURN(const std::string kind, item_reader.String("kind", 10));
    auto parsed_kind = regulation::ParseCriterionKind(kind);
    if (!parsed_kind.ok()) return Invalid(parsed_kind.status().message(), prefix + ".kind");
    criterion.kind = *parsed_kind;
    PSL_ASSIGN_OR_RETURN(criterion.adverse_answer, item_reader.OptionalBool("adverse_answer"));
    PSL_RETURN_IF_ERROR(item_reader.Finish());
    rubric.criteria.push_back(std::move(criterion));
  }
  PSL_RETURN_IF_ERROR(reader.Finish());
  return rubric;
}

// Publishing takes no fields: an empty body or {}.
Status DecodeEmptyBody(std::string_view body) {
  if (body.empty()) return Status::Ok();
  PSL_ASSIGN_OR_RETURN(const json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  return reader.Finish();
}

Result<std::optional<regulation::InspectionStatus>> DecodeStatus(const Query& query) {
  PSL_ASSIGN_OR_RETURN(const std::string text, DecodeOptionalText(query, "status", 20));
  if (text.empty()) return std::optional<regulation::InspectionStatus>();
  PSL_ASSIGN_OR_RETURN(const auto status, regulation::ParseInspectionStatus(text));
  return std::optional<regulation::InspectionStatus>(status);
}

// --- Encoding -----------------------------------------------------------------------------

json OptionalId(std::int64_t id) { return id > 0 ? json(id) : json(nullptr); }

json RubricJson(const regulation::Rubric& rubric) {
  json criteria = json::array();
  for (const regulation::Criterion& criterion : rubric.criteria) {
    criteria.push_back(
        {{"key", criterion.key},
         {"label", criterion.label},
         {"kind", regulation::CriterionKindName(criterion.kind)},
         {"adverse_answer",
          criterion.adverse_answer ? json(*criterion.adverse_answer) : json(nullptr)}});
  }
  return {{"version", rubric.version}, {"criteria", criteria}};
}

json FindingJson(const app::Finding& finding) {
  const regulation::Inspection& inspection = finding.inspection;
  json scores = json::object();
  for (const auto& [key, answer] : inspection.record.answers) {
    scores[key] = answer.kind == regulation::CriterionKind::kFlag ? json(answer.value == 1)
                                                                  : json(answer.value);
  }
  return {
      {"id", inspection.id.value()},
      {"provider_id", inspection.record.provider_id.value()},
      {"visit_date", inspection.record.visit_date.ToString()},
      {"inspector_id", OptionalId(inspection.inspector_id.value())},
      {"rubric_version", inspection.rubric_version},
      {"status", regulation::InspectionStatusName(inspection.status)},
      {"scores", scores},
      {"finding", inspection.record.finding},
      {"malpractice", inspection.record.malpractice},
      {"overall_score", finding.overall_tenths
                            ? json(regulation::FormatTenths(*finding.overall_tenths))
                            : json(nullptr)},
      {"overall_score_tenths",
       finding.overall_tenths ? json(*finding.overall_tenths) : json(nullptr)},
      {"adverse_flags", finding.adverse_flags},
      {"suspension_suggested", finding.suspension_suggested},
      {"created_at", inspection.created_at.ToIso8601()},
      {"updated_at", inspection.updated_at.ToIso8601()},
      {"published_at",
       inspection.published_at ? json(inspection.published_at->ToIso8601()) : json(nullptr)},
      {"published_by", OptionalId(inspection.published_by.value())},
  };
}

ApiResponse PageResponse(const app::FindingPage& page) {
  json items = json::array();
  for (const app::Finding& finding : page.items) items.push_back(FindingJson(finding));
  return ApiResponse::Json(
      200, {{"items", items},
            {"next_before", page.next_before ? json(page.next_before->value()) : json(nullptr)}});
}

// --- Handlers -----------------------------------------------------------------------------

ApiResponse GetRubric(Services& services, const ApiRequest& request) {
  app::Inspections inspections(services.app);
  auto rubric = inspections.GetRubric(request.context);
  if (!rubric.ok()) return ErrorResponse(rubric.status());
  return ApiResponse::Json(200, RubricJson(*rubric));
}

ApiResponse ReplaceRubric(Services& services, const ApiRequest& request) {
  auto decoded = DecodeRubric(request.body);
  if (!decoded.ok()) return ErrorResponse(decoded.status());
  app::Inspections inspections(services.app);
  auto rubric = inspections.ReplaceRubric(request.context, *decoded);
  if (!rubric.ok()) return ErrorResponse(rubric.status());
  return ApiResponse::Json(201, RubricJson(*rubric));
}

ApiResponse RecordVisit(Services& services, const ApiRequest& request) {
  auto record = DecodeVisitRecord(request.body);
  if (!record.ok()) return ErrorResponse(record.status());
  app::Inspections inspections(services.app);
  auto finding = inspections.RecordVisit(request.context, *record);
  if (!finding.ok()) return ErrorResponse(finding.status());
  return ApiResponse::Json(201, FindingJson(*finding));
}

ApiResponse ListInspections(Services& services, const ApiRequest& request) {
  if (Status known = RefuseUnknownQuery(request.query, {"status", "before", "limit"});
      !known.ok()) {
    return ErrorResponse(known);
  }
  auto status = DecodeStatus(request.query);
  if (!status.ok()) return ErrorResponse(status.status());
  auto before = DecodeOptionalId(request.query, "before");
  if (!before.ok()) return ErrorResponse(before.status());
  auto limit = DecodeLimit(request.query);
  if (!limit.ok()) return ErrorResponse(limit.status());
  app::Inspections inspections(services.app);
  auto page =
      inspections.List(request.context, *status,
                       *before ? std::optional(InspectionId(**before)) : std::nullopt, *limit);
  if (!page.ok()) return ErrorResponse(page.status());
  return PageResponse(*page);
}

ApiResponse GetInspection(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  app::Inspections inspections(services.app);
  auto finding = inspections.Get(request.context, InspectionId(*id));
  if (!finding.ok()) return ErrorResponse(finding.status());
  return ApiResponse::Json(200, FindingJson(*finding));
}

ApiResponse EditDraft(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto record = DecodeVisitRecord(request.body);
  if (!record.ok()) return ErrorResponse(record.status());
  app::Inspections inspections(services.app);
  auto finding = inspections.EditDraft(request.context, InspectionId(*id), *record);
  if (!finding.ok()) return ErrorResponse(finding.status());
  return ApiResponse::Json(200, FindingJson(*finding));
}

ApiResponse PublishInspection(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  if (Status empty = DecodeEmptyBody(request.body); !empty.ok()) return ErrorResponse(empty);
  app::Inspections inspections(services.app);
  auto finding = inspections.Publish(request.context, InspectionId(*id));
  if (!finding.ok()) return ErrorResponse(finding.status());
  return ApiResponse::Json(200, FindingJson(*finding));
}

ApiResponse ProviderFindings(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  if (Status known = RefuseUnknownQuery(request.query, {"before", "limit"}); !known.ok()) {
    return ErrorResponse(known);
  }
  auto before = DecodeOptionalId(request.query, "before");
  if (!before.ok()) return ErrorResponse(before.status());
  auto limit = DecodeLimit(request.query);
  if (!limit.ok()) return ErrorResponse(limit.status());
  app::Inspections inspections(services.app);
  auto page = inspections.PublishedFindings(
      request.context, ProviderId(*id),
      *before ? std::optional(InspectionId(**before)) : std::nullopt, *limit);
  if (!page.ok()) return ErrorResponse(page.status());
  return PageResponse(*page);
}

ApiResponse ProviderLatestFinding(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  app::Inspections inspections(services.app);
  auto finding = inspections.LatestPublishedFinding(request.context, ProviderId(*id));
  if (!finding.ok()) return ErrorResponse(finding.status());
  if (!finding->has_value()) {
    return ErrorResponse(
        Status(ErrorCode::kNotFound,
               "provider " + std::to_string(*id) + " has no published inspection finding yet", ""));
  }
  return ApiResponse::Json(200, FindingJson(**finding));
}

ApiResponse LatestFindings(Services& services, const ApiRequest& request) {
  if (Status known = RefuseUnknownQuery(request.query, {"after_provider", "limit"}); !known.ok()) {
    return ErrorResponse(known);
  }
  auto after = DecodeOptionalId(request.query, "after_provider");
  if (!after.ok()) return ErrorResponse(after.status());
  auto limit = DecodeLimit(request.query);
  if (!limit.ok()) return ErrorResponse(limit.status());
  app::Inspections inspections(services.app);
  auto page = inspections.LatestPublishedPerProvider(
      request.context, *after ? std::optional(ProviderId(**after)) : std::nullopt, *limit);
  if (!page.ok()) return ErrorResponse(page.status());
  json items = json::array();
  for (const app::Finding& finding : page->items) items.push_back(FindingJson(finding));
  return ApiResponse::Json(200,
                           {{"items", items},
                            {"next_after_provider",
                             page->next_after ? json(page->next_after->value()) : json(nullptr)}});
}

constexpr RoleSet kPublic = RoleSet::Everyone();
constexpr RoleSet kRegulator{Role::kRegulator};
constexpr RoleSet kInspector{Role::kInspector};
constexpr RoleSet kStaff{Role::kInspector, Role::kRegulator};

// clang-format off
constexpr std::array kRoutes = {
  Route{"GET", "/api/v1/rubric", kPublic, "getRubric", "inspections",
        "The current mystery-shopping rubric (REG-2): criteria scored 1-5 and yes/no flags",
        "", "Rubric", "", 200, GetRubric},
  Route{"POST", "/api/v1/rubric", kRegulator, "replaceRubric", "inspections",
        "Replace the rubric with a new version; recorded inspections keep their version",
        "RubricRequest", "Rubric", "", 201, ReplaceRubric},
  Route{"POST", "/api/v1/inspections", kInspector, "recordInspection", "inspections",
        "Record a mystery-shopping visit as a draft under the current rubric",
        "VisitRecordRequest", "Inspection", "", 201,
        RecordVisit},
  Route{"GET", "/api/v1/inspections", kStaff, "listInspections", "inspections",
        "Inspections by status (default draft), newest first: an inspector sees their own",
        "", "InspectionPage", "status,before,limit", 200, ListInspections},
  Route{"GET", "/api/v1/inspections/{id}", kPublic, "getInspection", "inspections",
        "One inspection: published to anyone; a draft only to its inspector and the Regulator",
        "", "Inspection", "", 200, GetInspection},
  Route{"POST", "/api/v1/inspections/{id}", kInspector, "editInspectionDraft", "inspections",
        "Replace a draft's visit, scores and finding (its own inspector, drafts only)",
        "VisitRecordRequest", "Inspection",
        "", 200, EditDraft},
  Route{"POST", "/api/v1/inspections/{id}/publish", kRegulator, "publishInspection",
        "inspections", "Publish a complete draft; published findings never change", "EmptyRequest",
        "Inspection", "",
        200, PublishInspection},
  Route{"GET", "/api/v1/providers/{id}/findings", kPublic, "listProviderFindings",
        "inspections", "A provider's published inspection findings, newest first", "",
        "InspectionPage",
        "before,limit", 200, ProviderFindings},
  Route{"GET", "/api/v1/providers/{id}/findings/latest", kPublic, "getProviderLatestFinding",
        "inspections", "A provider's latest published finding (404 when it has none)", "",
        "Inspection",
        "", 200, ProviderLatestFinding},
  Route{"GET", "/api/v1/findings/latest", kPublic, "listLatestFindings", "inspections",
        "The latest published finding of every provider that has one, by provider id", "",
        "LatestFindingPage",
        "after_provider,limit", 200, LatestFindings},
};
// clang-format on

}  // namespace

std::span<const Route> InspectionRoutes() { return kRoutes; }

}  // namespace psl::api
