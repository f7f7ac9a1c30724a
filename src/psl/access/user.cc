#include "psl/access/user.h"

namespace psl::access {

Status ValidateUsername(std::string_view username) {
  bool ok = username.size() >= 3 && username.size() <= kMaxUsernameLength &&
            username.front() >= 'a' && username.front() <= 'z';
  for (char c : username) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                c == '-');
  }
  if (ok) return Status::Ok();
  return Status(ErrorCode::kInvalidArgument,
                "a username is 3 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a "
                "letter",
                "username");
}

Status ValidatePassword(std::string_view password) {
  if (password.size() >= kMinPasswordLength && password.size() <= kMaxPasswordLength) {
    return Status::Ok();
  }
  return Status(ErrorCode::kInvalidArgument, "a password is 10 to 256 characters long",
                "password");
}

Status ValidateScope(Role role, std::optional<ProviderId> provider, std::optional<CitizenId> citizen) {
  if (role == Role::kPublic) {
    return Status(ErrorCode::kInvalidArgument, "public is not a role a user can hold", "role");
  }
  if ((role == Role::kProvider) != provider.has_value()) {
    return Status(ErrorCode::kInvalidArgument,
                  role == Role::kProvider ? "a provider user must name its provider"
                                          : "only provider users name a provider",
                  "provider_id");
  }
  if ((role == Role::kCitizen) != citizen.has_value()) {
    return Status(ErrorCode::kInvalidArgument,
                  role == Role::kCitizen ? "a citizen user must name their citizen record"
                                         : "only citizen users name a citizen record",
                  "citizen_id");
  }
  return Status::Ok();
}

}  // namespace psl::access
