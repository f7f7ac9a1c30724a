// One line of the append-only audit log: who did what to which thing, when, under which
// request. Written in the same transaction as the change it records.
#pragma once

#include <optional>
#include <string>

#include "psl/access/role.h"
#include "psl/core/ids.h"
#include "psl/core/timestamp.h"

namespace psl::audit {

struct AuditEntry {
  AuditEntryId id;          // assigned by the store
  Timestamp at;
  UserId user_id;           // invalid for the public and the system operator
  std::string username;
  access::Role role = access::Role::kPublic;
  std::string action;       // "<thing>.<verb>", e.g. "session.create", "user.create"
  std::string target;       // "<kind>:<id>", e.g. "user:3", "posting:17"
  std::string request_id;   // the HTTP request id, or "cli:<command>"
  std::string detail_json;  // a JSON object with action-specific facts; never secrets
};

}  // namespace psl::audit
