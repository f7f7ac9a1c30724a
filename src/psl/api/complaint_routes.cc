// Routes and handlers for REG-3 and CHO-6 complaints. Who may do what, and what each role sees,
// is in app/complaints.h; the handlers decode, call one use case, and encode.
#include <array>

#include "psl/config/json_reader.h"
#include "psl/api/regulation_decoding.h"
#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"
#include "psl/app/complaints.h"

namespace psl::api {
namespace {

using access::Role;
using access::RoleSet;
using nlohmann::json;
using regulation::ComplaintId;

constexpr std::int64_t kMaxId = 1'000'000'000'000'000'000;
// Texts are limited in characters by the domain; a UTF-8 character is at most 4 bytes.
constexpr std::size_t kUtf8BytesPerCharacter = 4;

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

Result<app::ComplaintQuery> DecodeComplaintQuery(const Query& query) {
  PSL_RETURN_IF_ERROR(RefuseUnknownQuery(
      query, {"provider_id", "status", "category", "overdue", "before", "limit"}));
  app::ComplaintQuery decoded;
  PSL_ASSIGN_OR_RETURN(auto provider, DecodeOptionalId(query, "provider_id"));
  if (provider) decoded.provider_id = ProviderId(*provider);
  PSL_ASSIGN_OR_RETURN(const std::string status, DecodeOptionalText(query, "status", 50));
  if (!status.empty()) {
    PSL_ASSIGN_OR_RETURN(decoded.status, regulation::ParseComplaintStatus(status));
  }
  PSL_ASSIGN_OR_RETURN(const std::string category, DecodeOptionalText(query, "category", 50));
  if (!category.empty()) {
    PSL_ASSIGN_OR_RETURN(decoded.category, regulation::ParseComplaintCategory(category));
  }
  if (query.contains("overdue")) {
    PSL_ASSIGN_OR_RETURN(const std::string overdue, DecodeOptionalText(query, "overdue", 10));
    if (overdue == "true") {
      decoded.overdue = true;
    } else if (overdue == "false") {
      decoded.overdue = false;
    } else {
      return Invalid("must be true or false", "overdue");
    }
  }
  PSL_ASSIGN_OR_RETURN(auto before, DecodeOptionalId(query, "before"));
  if (before) decoded.before = ComplaintId(*before);
  return decoded;
}

// --- Encoding ---

template <typename Id>
json NullableId(const std::optional<Id>& id) {
  return id ? json(id->value()) : json(nullptr);
}

json NullableText(const std::optional<std::string>& text) {
  return text ? json(*text) : json(nullptr);
}

json NullableInstant(const std::optional<Timestamp>& at) {
  return at ? json(at->ToIso8601()) : json(nullptr);
}

json ComplaintJson(const app::ComplaintView& view) {
  const regulation::Complaint& complaint = view.complaint;
  return {
      {"id", complaint.id.value()},
      {"provider_id", complaint.provider_id.value()},
      {"category", regulation::ComplaintCategoryName(complaint.category)},
      {"text", complaint.text},
      {"complainant", regulation::ComplainantKindName(complaint.complainant)},
      {"citizen_id", NullableId(complaint.citizen_id)},
      {"filed_by_user_id", NullableId(complaint.filed_by)},
      {"contact_email", NullableText(complaint.contact_email)},
      {"filed_at", complaint.filed_at.ToIso8601()},
      {"response_due", complaint.response_due.ToString()},
      {"status", regulation::ComplaintStatusName(complaint.status)},
      {"overdue", view.overdue},
      {"response", NullableText(complaint.response)},
      {"responded_at", NullableInstant(complaint.responded_at)},
      {"responded_by_user_id", NullableId(complaint.responded_by)},
      {"outcome", complaint.outcome ? json(regulation::ComplaintOutcomeName(*complaint.outcome))
                                    : json(nullptr)},
      {"outcome_reasons", NullableText(complaint.outcome_reasons)},
      {"closed_at", NullableInstant(complaint.closed_at)},
      {"closed_by_user_id", NullableId(complaint.closed_by)},
  };
}

ApiResponse ComplaintResponse(int status, const Result<app::ComplaintView>& view) {
  if (!view.ok()) return ErrorResponse(view.status());
  return ApiResponse::Json(status, ComplaintJson(*view));
}

// --- Handlers ---

ApiResponse FileComplaint(Services& services, const ApiRequest& request) {
  auto filing = DecodeComplaintFiling(request.body);
  if (!filing.ok()) return ErrorResponse(filing.status());
  app::Complaints complaints(services.app);
  return ComplaintResponse(201, complaints.File(request.context, *filing));
}

ApiResponse ListComplaints(Services& services, const ApiRequest& request) {
  auto query = DecodeComplaintQuery(request.query);
  if (!query.ok()) return ErrorResponse(query.status());
  auto limit = DecodeLimit(request.query);
  if (!limit.ok()) return ErrorResponse(limit.status());
  app::Complaints complaints(services.app);
  auto page = complaints.List(request.context, *query, *limit);
  if (!page.ok()) return ErrorResponse(page.status());
  json items = json::array();
  for (const app::ComplaintView& view : page->items) items.push_back(ComplaintJson(view));
  return ApiResponse::Json(200, {{"items", items}, {"next_before", NullableId(page->next_before)}});
}

ApiResponse GetComplaint(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  app::Complaints complaints(services.app);
  return ComplaintResponse(200, complaints.Get(request.context, ComplaintId(*id)));
}

ApiResponse RespondToComplaint(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto response = DecodeComplaintResponse(request.body);
  if (!response.ok()) return ErrorResponse(response.status());
  app::Complaints complaints(services.app);
  return ComplaintResponse(
      200, complaints.Respond(request.context, ComplaintId(*id), std::move(*response)));
}

ApiResponse CloseComplaint(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto closure = DecodeComplaintClosure(request.body);
  if (!closure.ok()) return ErrorResponse(closure.status());
  app::Complaints complaints(services.app);
  return ComplaintResponse(200, complaints.Close(request.context, ComplaintId(*id),
                                                 closure->outcome, std::move(closure->reasons)));
}

constexpr RoleSet kFilers{Role::kPublic, Role::kCitizen};
constexpr RoleSet kReaders{Role::kRegulator, Role::kProvider, Role::kCitizen};
constexpr RoleSet kProvider{Role::kProvider};
constexpr RoleSet kRegulator{Role::kRegulator};

// clang-format off
constexpr std::array kRoutes = {
  Route{"POST", "/api/v1/complaints", kFilers, "createComplaint", "complaints",
        "File a complaint about a provider (REG-3, CHO-6): as a citizen, or as the public with "
        "a contact email; the provider must respond by the deadline (default 20 days)",
        "ComplaintRequest", "Complaint", "",
        201,
        FileComplaint},
  Route{"GET", "/api/v1/complaints", kReaders, "listComplaints", "complaints",
        "Complaints newest first: all for the Regulator (filtered), a provider's own, a "
        "citizen's own", "", "ComplaintPage", "provider_id,status,category,overdue,before,limit",
        200,
        ListComplaints},
  Route{"GET", "/api/v1/complaints/{id}", kReaders, "getComplaint", "complaints",
        "One complaint, if the caller may see it (404 otherwise)", "", "Complaint", "", 200,
        GetComplaint},
  Route{"POST", "/api/v1/complaints/{id}/response", kProvider, "respondToComplaint",
        "complaints", "The provider's response to an open complaint about itself (once)",
        "ComplaintResponseRequest", "Complaint",
        "", 200, RespondToComplaint},
  Route{"POST", "/api/v1/complaints/{id}/closure", kRegulator, "closeComplaint", "complaints",
        "The Regulator closes a complaint with an outcome and reasons (once)",
        "ComplaintClosureRequest", "Complaint", "", 200,
        CloseComplaint},
};
// clang-format on

}  // namespace

std::span<const Route> ComplaintRoutes() { return kRoutes; }

}  // namespace psl::api
