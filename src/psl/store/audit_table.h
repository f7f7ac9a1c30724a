// The append-only audit log. There is no update or delete method, and the database
// refuses both (migration 1 triggers).
#pragma once

#include <optional>
#include <vector>

#include "psl/audit/audit_entry.h"
#include "psl/store/connection.h"

namespace psl::store {

class AuditTable {
 public:
  explicit AuditTable(Connection& connection) : connection_(connection) {}
  Result<AuditEntryId> Append(const audit::AuditEntry& entry);
  // Newest first: entries with id < before (all when absent), at most `limit`.
  Result<std::vector<audit::AuditEntry>> PageNewestFirst(std::optional<AuditEntryId> before,
                                                         int limit);

 private:
  Connection& connection_;
};

}  // namespace psl::store
