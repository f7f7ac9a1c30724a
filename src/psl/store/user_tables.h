// Tables for accounts and access: users, sessions, API keys, and the minimal provider and
// citizen records that users are scoped to (later migrations grow those).
#pragma once

#include <optional>
#include <string>

#include "psl/access/user.h"
#include "psl/store/connection.h"

namespace psl::store {

class UserTable {
 public:
  explicit UserTable(Connection& connection) : connection_(connection) {}
  // kAlreadyExists when the username is taken.
  Result<UserId> Insert(const access::User& user);
  Result<std::optional<access::User>> FindByUsername(std::string_view username);
  Result<std::optional<access::User>> FindById(UserId id);
  Status RecordLoginFailure(UserId id, std::int64_t failed_logins, Timestamp locked_until);
  Status ClearLoginFailures(UserId id);
  Result<std::int64_t> Count();

 private:
  Connection& connection_;
};

struct SessionRecord {
  std::string token_hash;
  UserId user_id;
  Timestamp created_at;
  Timestamp expires_at;
};

class SessionTable {
 public:
  explicit SessionTable(Connection& connection) : connection_(connection) {}
  Status Insert(const SessionRecord& session);
  // The user behind a live session: not expired at `now`, not revoked.
  Result<std::optional<access::User>> FindLiveUser(std::string_view token_hash, Timestamp now);
  // Returns whether a live session was revoked.
  Result<bool> Revoke(std::string_view token_hash, Timestamp now);

 private:
  Connection& connection_;
};

class ApiKeyTable {
 public:
  explicit ApiKeyTable(Connection& connection) : connection_(connection) {}
  Result<ApiKeyId> Insert(std::string_view key_hash, UserId user, std::string_view name,
                          Timestamp now);
  Result<std::optional<access::User>> FindLiveUser(std::string_view key_hash);

 private:
  Connection& connection_;
};

class PartyTable {
 public:
  explicit PartyTable(Connection& connection) : connection_(connection) {}
  Result<ProviderId> InsertProvider(std::string_view name, Timestamp now);
  Result<CitizenId> InsertCitizen(Timestamp now);
  Result<bool> ProviderExists(ProviderId id);
  Result<bool> CitizenExists(CitizenId id);

 private:
  Connection& connection_;
};

}  // namespace psl::store
