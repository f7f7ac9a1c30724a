#include "psl/store/user_tables.h"

#include "psl/store/licensing_tables.h"

namespace psl::store {
namespace {

constexpr std::string_view kUserColumns =
    "u.id, u.username, u.password_hash, u.role, u.provider_id, u.citizen_id, u.failed_logins, "
    "u.locked_until, u.created_at";

SqlValue OptionalId(std::optional<std::int64_t> id) {
  if (id) return *id;
  return nullptr;
}

access::User UserFromRow(const Row& row) {
  access::User user;
  user.id = UserId(row.Int(0));
  user.username = row.Text(1);
  user.password_hash = row.Text(2);
  auto role = access::ParseUserRole(row.Text(3));
  PSL_CHECK(role.ok(), "the users table holds only valid roles (CHECK constraint)");
  user.role = *role;
  if (!row.IsNull(4)) user.provider_id = ProviderId(row.Int(4));
  if (!row.IsNull(5)) user.citizen_id = CitizenId(row.Int(5));
  user.failed_logins = row.Int(6);
  user.locked_until = Timestamp::FromUnixSeconds(row.Int(7));
  user.created_at = Timestamp::FromUnixSeconds(row.Int(8));
  return user;
}

Result<std::optional<access::User>> OneUser(Result<Rows> rows) {
  if (!rows.ok()) return std::move(rows).status();
  if (rows->empty()) return std::optional<access::User>();
  return std::optional<access::User>(UserFromRow(rows->front()));
}

std::string Sql(std::string_view head, std::string_view tail) {
  std::string text(head);
  text += kUserColumns;
  text += tail;
  return text;
}

}  // namespace

Result<UserId> UserTable::Insert(const access::User& user) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows,
      connection_.Query(
          "INSERT INTO users (username, password_hash, role, provider_id, citizen_id, "
          "failed_logins, locked_until, created_at) VALUES ($1, $2, $3, $4, $5, 0, 0, $6) "
          "RETURNING id",
          {user.username, user.password_hash, std::string(access::RoleName(user.role)),
           OptionalId(user.provider_id ? std::optional(user.provider_id->value()) : std::nullopt),
           OptionalId(user.citizen_id ? std::optional(user.citizen_id->value()) : std::nullopt),
           user.created_at.unix_seconds()}));
  return UserId(rows.at(0).Int(0));
}

Result<std::optional<access::User>> UserTable::FindByUsername(std::string_view username) {
  static const std::string sql = Sql("SELECT ", " FROM users u WHERE u.username = $1");
  return OneUser(connection_.Query(sql, {std::string(username)}));
}

Result<std::optional<access::User>> UserTable::FindById(UserId id) {
  static const std::string sql = Sql("SELECT ", " FROM users u WHERE u.id = $1");
  return OneUser(connection_.Query(sql, {id.value()}));
}

Status UserTable::RecordLoginFailure(UserId id, std::int64_t failed_logins,
                                     Timestamp locked_until) {
  auto changed = connection_.Execute(
      "UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1",
      {id.value(), failed_logins, locked_until.unix_seconds()});
  return changed.ok() ? Status::Ok() : changed.status();
}

Status UserTable::ClearLoginFailures(UserId id) {
  auto changed = connection_.Execute(
      "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1 AND failed_logins <> 0",
      {id.value()});
  return changed.ok() ? Status::Ok() : changed.status();
}

Result<std::int64_t> UserTable::Count() {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT COUNT(*) FROM users"));
  return rows.at(0).Int(0);
}

Status SessionTable::Insert(const SessionRecord& session) {
  auto inserted = connection_.Execute(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
      {session.token_hash, session.user_id.value(), session.created_at.unix_seconds(),
       session.expires_at.unix_seconds()});
  return inserted.ok() ? Status::Ok() : inserted.status();
}

Result<std::optional<access::User>> SessionTable::FindLiveUser(std::string_view token_hash,
                                                               Timestamp now) {
  static const std::string sql =
      Sql("SELECT ",
          " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND "
          "s.revoked_at IS NULL AND s.expires_at > $2");
  return OneUser(connection_.Query(sql, {std::string(token_hash), now.unix_seconds()}));
}

Result<bool> SessionTable::Revoke(std::string_view token_hash, Timestamp now) {
  PSL_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      connection_.Execute(
          "UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL",
          {std::string(token_hash), now.unix_seconds()}));
  return changed > 0;
}

Result<ApiKeyId> ApiKeyTable::Insert(std::string_view key_hash, UserId user, std::string_view name,
                                     Timestamp now) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows,
      connection_.Query("INSERT INTO api_keys (key_hash, user_id, name, created_at) VALUES ($1, "
                        "$2, $3, $4) RETURNING id",
                        {std::string(key_hash), user.value(), std::string(name),
                         now.unix_seconds()}));
  return ApiKeyId(rows.at(0).Int(0));
}

Result<std::optional<access::User>> ApiKeyTable::FindLiveUser(std::string_view key_hash) {
  static const std::string sql =
      Sql("SELECT ",
          " FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = $1 AND "
          "k.revoked_at IS NULL");
  return OneUser(connection_.Query(sql, {std::string(key_hash)}));
}

Result<ProviderId> PartyTable::InsertProvider(std::string_view name, Timestamp now) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows, connection_.Query("INSERT INTO providers (name, created_at) VALUES ($1, $2) "
                                   "RETURNING id",
                                   {std::string(name), now.unix_seconds()}));
  const ProviderId id(rows.at(0).Int(0));
  // Every provider is findable by name on the register (LIC-8).
  for (const std::string& word : NameWords(name)) {
    PSL_RETURN_IF_ERROR(connection_
                            .Execute("INSERT INTO provider_name_words (word, provider_id) VALUES "
                                     "($1, $2)",
                                     {word, id.value()})
                            .ToStatus());
  }
  return id;
}

Result<CitizenId> PartyTable::InsertCitizen(Timestamp now) {
  PSL_ASSIGN_OR_RETURN(Rows rows,
                       connection_.Query("INSERT INTO citizens (created_at) VALUES ($1) RETURNING id",
                                         {now.unix_seconds()}));
  return CitizenId(rows.at(0).Int(0));
}

Result<bool> PartyTable::ProviderExists(ProviderId id) {
  PSL_ASSIGN_OR_RETURN(Rows rows,
                       connection_.Query("SELECT 1 FROM providers WHERE id = $1", {id.value()}));
  return !rows.empty();
}

Result<bool> PartyTable::CitizenExists(CitizenId id) {
  PSL_ASSIGN_OR_RETURN(Rows rows,
                       connection_.Query("SELECT 1 FROM citizens WHERE id = $1", {id.value()}));
  return !rows.empty();
}

}  // namespace psl::store
