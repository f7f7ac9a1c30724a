// The roles of SPEC section 0 and the principal a request acts as. Pure domain: no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "psl/core/ids.h"
#include "psl/core/result.h"

namespace psl::access {

enum class Role : std::uint8_t {
  kPublic,  // anyone, not logged in
  kGovernment,
  kRegulator,
  kInspector,
  kReferrer,
  kProvider,
  kCitizen,
};

inline constexpr std::array<Role, 7> kAllRoles = {Role::kPublic,   Role::kGovernment,
                                                  Role::kRegulator, Role::kInspector,
                                                  Role::kReferrer,  Role::kProvider,
                                                  Role::kCitizen};

std::string_view RoleName(Role role);
// Accepts the names RoleName writes; "public" is not a role a user can hold, so ParseUserRole
// refuses it.
Result<Role> ParseUserRole(std::string_view name);

// A set of roles, used by the route table to say who may call each route.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role role : roles) bits_ |= Bit(role);
  }
  static constexpr RoleSet Everyone() {
    RoleSet set;
    for (Role role : kAllRoles) set.bits_ |= Bit(role);
    return set;
  }
  // Every role that logs in (everyone but the public).
  static constexpr RoleSet AnyUser() {
    RoleSet set = Everyone();
    set.bits_ &= static_cast<std::uint16_t>(~Bit(Role::kPublic));
    return set;
  }
  constexpr bool Contains(Role role) const { return (bits_ & Bit(role)) != 0; }
  constexpr bool AllowsPublic() const { return Contains(Role::kPublic); }
  friend constexpr bool operator==(RoleSet, RoleSet) = default;

 private:
  static constexpr std::uint16_t Bit(Role role) {
    return static_cast<std::uint16_t>(1u << static_cast<unsigned>(role));
  }
  std::uint16_t bits_ = 0;
};

// Who is acting. A provider user is scoped to one provider and a citizen user to one citizen;
// the other roles act across the market within what their role allows.
struct Principal {
  UserId user_id;  // invalid (0) for the public and for the system (CLI set-up, schedulers)
  std::string username;
  Role role = Role::kPublic;
  std::optional<ProviderId> provider_id;
  std::optional<CitizenId> citizen_id;

  static Principal Public() { return Principal{UserId(), "public", Role::kPublic, {}, {}}; }
  // The operator at the command line (psl user add, psl demo): recorded in the audit log as such.
  static Principal System(std::string who) {
    return Principal{UserId(), std::move(who), Role::kRegulator, {}, {}};
  }
};

// Checks that `principal` holds one of `allowed`; kUnauthenticated for the public asking for a
// logged-in route, kPermissionDenied for a user with the wrong role.
Status RequireRole(const Principal& principal, RoleSet allowed);

}  // namespace psl::access
