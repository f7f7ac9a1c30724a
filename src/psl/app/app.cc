#include "psl/app/app.h"
#include "psl/app/audit_writer.h"

namespace psl::app {

App::App(store::Store& store, const Clock& clock, AppOptions options)
    : store_(store), clock_(clock), options_(options) {}

Status App::Audit(store::Transaction& transaction, const RequestContext& context,
                  std::string action, std::string target, std::string detail_json) {
  return WriteAudit(transaction, context, clock_.Now(), std::move(action), std::move(target),
                    std::move(detail_json));
}

Status WriteAudit(store::Transaction& transaction, const RequestContext& context, Timestamp at,
                  std::string action, std::string target, std::string detail_json) {
  audit::AuditEntry entry;
  entry.at = at;
  entry.user_id = context.principal.user_id;
  entry.username = context.principal.username;
  entry.role = context.principal.role;
  entry.action = std::move(action);
  entry.target = std::move(target);
  entry.request_id = context.request_id;
  entry.detail_json = detail_json.empty() ? "{}" : std::move(detail_json);
  auto appended = transaction.audit().Append(entry);
  return appended.ok() ? Status::Ok() : appended.status();
}

Status ValidatePageLimit(int limit) {
  if (limit >= 1 && limit <= kMaxPageSize) return Status::Ok();
  return Status(ErrorCode::kInvalidArgument, "limit must be between 1 and 500", "limit");
}

}  // namespace psl::app
