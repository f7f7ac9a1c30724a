#include "psl/store/audit_table.h"

#include <limits>

namespace psl::store {

Result<AuditEntryId> AuditTable::Append(const audit::AuditEntry& entry) {
  const SqlValue user = entry.user_id.valid() ? SqlValue(entry.user_id.value()) : SqlValue(nullptr);
  PSL_ASSIGN_OR_RETURN(
      auto id,
      connection_.InsertReturningId(
          "INSERT INTO audit_log (at, user_id, username, role, action, target, request_id, "
          "detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {entry.at.unix_seconds(), user, entry.username,
           std::string(access::RoleName(entry.role)), entry.action, entry.target,
           entry.request_id, entry.detail_json}));
  PSL_CHECK(id.has_value(), "an audit append always inserts");
  return AuditEntryId(*id);
}

Result<std::vector<audit::AuditEntry>> AuditTable::PageNewestFirst(
    std::optional<AuditEntryId> before, int limit) {
  PSL_CHECK(limit > 0, "page limits are validated at the edge");
  const std::int64_t before_id =
      before ? before->value() : std::numeric_limits<std::int64_t>::max();
  PSL_ASSIGN_OR_RETURN(
      Rows rows, connection_.Query("SELECT id, at, user_id, username, role, action, target, "
                                   "request_id, detail FROM audit_log WHERE id < $1 ORDER BY id "
                                   "DESC LIMIT $2",
                                   {before_id, std::int64_t{limit}}));
  std::vector<audit::AuditEntry> entries;
  entries.reserve(rows.size());
  for (const Row& row : rows) {
    audit::AuditEntry entry;
    entry.id = AuditEntryId(row.Int(0));
    entry.at = Timestamp::FromUnixSeconds(row.Int(1));
    if (!row.IsNull(2)) entry.user_id = UserId(row.Int(2));
    entry.username = row.Text(3);
    // "public" is stored for unauthenticated actions (a failed login); ParseUserRole refuses it.
    auto role = access::ParseUserRole(row.Text(4));
    entry.role = role.ok() ? *role : access::Role::kPublic;
    entry.action = row.Text(5);
    entry.target = row.Text(6);
    entry.request_id = row.Text(7);
    entry.detail_json = row.Text(8);
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace psl::store
