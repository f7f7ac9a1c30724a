// A user account: who can log in, with which role and scope. The password is held only
// as an Argon2id hash string (app/credentials.h makes and checks it).
#pragma once

#include <optional>
#include <string>

#include "psl/access/role.h"
#include "psl/core/ids.h"
#include "psl/core/timestamp.h"

namespace psl::access {

inline constexpr std::size_t kMaxUsernameLength = 64;
inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 256;

struct User {
  UserId id;
  std::string username;
  std::string password_hash;
  Role role = Role::kPublic;
  std::optional<ProviderId> provider_id;  // set exactly when role is provider
  std::optional<CitizenId> citizen_id;    // set exactly when role is citizen
  std::int64_t failed_logins = 0;
  Timestamp locked_until;
  Timestamp created_at;

  Principal AsPrincipal() const { return Principal{id, username, role, provider_id, citizen_id}; }
};

// Usernames: 3..64 of a-z 0-9 . _ - , starting with a letter (so they are safe in URLs and logs).
Status ValidateUsername(std::string_view username);
// Passwords: 10..256 bytes; anything else is the user's business.
Status ValidatePassword(std::string_view password);
// A role and its scope fit together: provider users name a provider, citizen users a citizen,
// and nobody else names either.
Status ValidateScope(Role role, std::optional<ProviderId> provider, std::optional<CitizenId> citizen);

}  // namespace psl::access
