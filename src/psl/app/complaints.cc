#include "psl/app/complaints.h"

#include <nlohmann/json.hpp>

#include "psl/app/audit_writer.h"
#include "psl/store/complaint_table.h"

namespace psl::app {
namespace {

using access::Principal;
using access::Role;
using access::RoleSet;
using regulation::Complaint;
using regulation::ComplaintId;

constexpr RoleSet kFilers{Role::kPublic, Role::kCitizen};
constexpr RoleSet kReaders{Role::kRegulator, Role::kProvider, Role::kCitizen};

// Whether `principal` may see `complaint` at all (the role is already one of kReaders).
bool InScope(const Principal& principal, const Complaint& complaint) {
  switch (principal.role) {
    case Role::kRegulator: return true;
    case Role::kProvider:
      return principal.provider_id && *principal.provider_id == complaint.provider_id;
    case Role::kCitizen:
      return principal.citizen_id && complaint.citizen_id &&
             *principal.citizen_id == *complaint.citizen_id;
    default: return false;
  }
}

Status NoSuchComplaint() { return Status(ErrorCode::kNotFound, "no such complaint", "id"); }

std::string Target(ComplaintId id) { return "complaint:" + std::to_string(id.value()); }

// Reads the complaint inside `transaction`; kNotFound when it does not exist or is outside the
// caller's scope (the two are indistinguishable on purpose).
Result<Complaint> LoadInScope(store::Transaction& transaction, const Principal& principal,
                              ComplaintId id) {
  store::ComplaintTable table(transaction.connection());
  PSL_ASSIGN_OR_RETURN(std::optional<Complaint> complaint, table.Get(id));
  if (!complaint || !InScope(principal, *complaint)) return NoSuchComplaint();
  return std::move(*complaint);
}

}  // namespace

Complaints::Complaints(App& app, regulation::ComplaintPolicy policy) : app_(app), policy_(policy) {
  PSL_CHECK(regulation::ValidateComplaintPolicy(policy_).ok(),
            "the complaint policy is validated before it is used");
}

ComplaintView Complaints::View(const Principal& principal, Complaint complaint) const {
  ComplaintView view;
  view.overdue = regulation::IsOverdue(complaint, app_.clock().Now());
  switch (principal.role) {
    case Role::kRegulator: break;
    case Role::kProvider:
      // The provider concerned may answer the complainant, but not learn which citizen record
      // (perhaps another provider's customer) or user filed it.
      complaint.filed_by.reset();
      complaint.citizen_id.reset();
      complaint.closed_by.reset();
      break;
    default:
      // The citizen who filed: their own complaint, without staff user ids.
      complaint.responded_by.reset();
      complaint.closed_by.reset();
      break;
  }
  view.complaint = std::move(complaint);
  return view;
}

Result<ComplaintView> Complaints::File(const RequestContext& context,
                                       const regulation::ComplaintFiling& filing) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kFilers));
  regulation::Complainant complainant = regulation::Complainant::Public();
  if (context.principal.role == Role::kCitizen) {
    if (!context.principal.citizen_id) {
      return Status(ErrorCode::kPermissionDenied, "this citizen user has no citizen record");
    }
    complainant =
        regulation::Complainant::Citizen(context.principal.user_id, *context.principal.citizen_id);
  }
  const Timestamp now = app_.clock().Now();
  PSL_ASSIGN_OR_RETURN(Complaint complaint,
                       regulation::FileComplaint(filing, complainant, now, policy_));
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const bool exists,
                         transaction.parties().ProviderExists(complaint.provider_id));
    if (!exists) return Status(ErrorCode::kNotFound, "no such provider", "provider_id");
    store::ComplaintTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(complaint.id, table.Insert(complaint));
    const nlohmann::json detail = {
        {"provider_id", complaint.provider_id.value()},
        {"category", regulation::ComplaintCategoryName(complaint.category)},
        {"complainant", regulation::ComplainantKindName(complaint.complainant)},
        {"response_due", complaint.response_due.ToString()}};
    return WriteAudit(transaction, context, now, "complaint.create", Target(complaint.id),
                      detail.dump());
  }));
  return View(context.principal, std::move(complaint));
}

Result<ComplaintView> Complaints::Get(const RequestContext& context, ComplaintId id) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kReaders));
  std::optional<Complaint> complaint;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(complaint, LoadInScope(transaction, context.principal, id));
    return Status::Ok();
  }));
  return View(context.principal, std::move(*complaint));
}

Result<ComplaintPage> Complaints::List(const RequestContext& context, const ComplaintQuery& query,
                                       int limit) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kReaders));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  store::ComplaintFilter filter;
  filter.provider_id = query.provider_id;
  filter.status = query.status;
  filter.category = query.category;
  filter.overdue = query.overdue;
  filter.today = app_.clock().Now().UtcDate();
  filter.before = query.before;
  switch (context.principal.role) {
    case Role::kRegulator: break;
    case Role::kProvider:
      PSL_CHECK(context.principal.provider_id.has_value(), "provider users have a provider");
      if (query.provider_id && *query.provider_id != *context.principal.provider_id) {
        return Status(ErrorCode::kPermissionDenied,
                      "a provider sees only the complaints about itself", "provider_id");
      }
      filter.provider_id = context.principal.provider_id;
      break;
    default:
      PSL_CHECK(context.principal.citizen_id.has_value(), "citizen users have a citizen record");
      filter.citizen_id = context.principal.citizen_id;
      break;
  }
  std::vector<Complaint> complaints;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::ComplaintTable table(transaction.connection());
    // One extra row tells whether an older page exists without a second query.
    PSL_ASSIGN_OR_RETURN(complaints, table.List(filter, limit + 1));
    return Status::Ok();
  }));
  ComplaintPage page;
  if (static_cast<int>(complaints.size()) > limit) {
    complaints.pop_back();
    page.next_before = complaints.back().id;
  }
  page.items.reserve(complaints.size());
  for (Complaint& complaint : complaints) {
    page.items.push_back(View(context.principal, std::move(complaint)));
  }
  return page;
}

Result<ComplaintView> Complaints::Respond(const RequestContext& context, ComplaintId id,
                                          std::string response) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kProvider}));
  PSL_RETURN_IF_ERROR(
      regulation::ValidateText(response, regulation::kMaxComplaintResponseLength, "response"));
  const Timestamp now = app_.clock().Now();
  Complaint complaint;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(complaint, LoadInScope(transaction, context.principal, id));
    const regulation::ComplaintStatus before = complaint.status;
    PSL_RETURN_IF_ERROR(
        regulation::RecordResponse(complaint, std::move(response), context.principal.user_id, now));
    store::ComplaintTable table(transaction.connection());
    PSL_RETURN_IF_ERROR(table.Update(complaint, before));
    const nlohmann::json detail = {{"provider_id", complaint.provider_id.value()},
                                   {"late", now.UtcDate() > complaint.response_due}};
    return WriteAudit(transaction, context, now, "complaint.respond", Target(id), detail.dump());
  }));
  return View(context.principal, std::move(complaint));
}

Result<ComplaintView> Complaints::Close(const RequestContext& context, ComplaintId id,
                                        regulation::ComplaintOutcome outcome, std::string reasons) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kRegulator}));
  PSL_RETURN_IF_ERROR(
      regulation::ValidateText(reasons, regulation::kMaxComplaintReasonsLength, "reasons"));
  const Timestamp now = app_.clock().Now();
  Complaint complaint;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(complaint, LoadInScope(transaction, context.principal, id));
    const regulation::ComplaintStatus before = complaint.status;
    PSL_RETURN_IF_ERROR(regulation::CloseComplaint(complaint, outcome, std::move(reasons),
                                                   context.principal.user_id, now));
    store::ComplaintTable table(transaction.connection());
    PSL_RETURN_IF_ERROR(table.Update(complaint, before));
    const nlohmann::json detail = {{"provider_id", complaint.provider_id.value()},
                                   {"outcome", regulation::ComplaintOutcomeName(outcome)},
                                   {"from_status", regulation::ComplaintStatusName(before)}};
    return WriteAudit(transaction, context, now, "complaint.close", Target(id), detail.dump());
  }));
  return View(context.principal, std::move(complaint));
}

}  // namespace psl::app
