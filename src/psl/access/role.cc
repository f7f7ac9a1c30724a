#include "psl/access/role.h"

namespace psl::access {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kPublic: return "public";
    case Role::kGovernment: return "government";
    case Role::kRegulator: return "regulator";
    case Role::kInspector: return "inspector";
    case Role::kReferrer: return "referrer";
    case Role::kProvider: return "provider";
    case Role::kCitizen: return "citizen";
  }
  return "public";
}

Result<Role> ParseUserRole(std::string_view name) {
  for (Role role : kAllRoles) {
    if (role != Role::kPublic && RoleName(role) == name) return role;
  }
  return Status(ErrorCode::kInvalidArgument,
                "unknown role '" + std::string(name) +
                    "'; use one of government, regulator, inspector, referrer, provider, citizen",
                "role");
}

Status RequireRole(const Principal& principal, RoleSet allowed) {
  if (allowed.Contains(principal.role)) return Status::Ok();
  if (principal.role == Role::kPublic) {
    return Status(ErrorCode::kUnauthenticated, "log in first: this needs a signed-in user");
  }
  return Status(ErrorCode::kPermissionDenied,
                "the " + std::string(RoleName(principal.role)) + " role may not do this");
}

}  // namespace psl::access
