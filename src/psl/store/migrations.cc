#include "psl/store/migrations.h"

#include <array>
#include <string>
#include <vector>

namespace psl::store {
namespace {

// --- Version 1: accounts and access, audit log, ledger. ---------------------------------------
constexpr std::string_view kV1Portable = R"sql(
CREATE TABLE providers (
  id {{ID}},
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE citizens (
  id {{ID}},
  created_at BIGINT NOT NULL
);
CREATE TABLE users (
  id {{ID}},
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('government', 'regulator', 'inspector', 'referrer',
                                     'provider', 'citizen')),
  provider_id BIGINT REFERENCES providers(id),
  citizen_id BIGINT REFERENCES citizens(id),
  failed_logins BIGINT NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  CHECK ((role = 'provider') = (provider_id IS NOT NULL)),
  CHECK ((role = 'citizen') = (citizen_id IS NOT NULL))
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE api_keys (
  id {{ID}},
  key_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE TABLE audit_log (
  id {{ID}},
  at BIGINT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  request_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TABLE ledger_accounts (
  code TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE ledger_postings (
  id {{ID}},
  idempotency_key TEXT NOT NULL UNIQUE,
  effective_date TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  description TEXT NOT NULL,
  cause TEXT NOT NULL,
  reverses_posting_id BIGINT UNIQUE REFERENCES ledger_postings(id),
  line_count BIGINT NOT NULL CHECK (line_count >= 2)
);
CREATE INDEX ledger_postings_by_date ON ledger_postings(effective_date);
CREATE TABLE ledger_lines (
  posting_id BIGINT NOT NULL REFERENCES ledger_postings(id),
  line_number BIGINT NOT NULL,
  account_code TEXT NOT NULL REFERENCES ledger_accounts(code),
  amount_pence BIGINT NOT NULL CHECK (amount_pence <> 0),
  PRIMARY KEY (posting_id, line_number)
);
CREATE INDEX ledger_lines_by_account ON ledger_lines(account_code);
)sql";

// Append-only tables refuse UPDATE and DELETE inside the database itself, so no code path
// (and no hand-typed SQL through the application's connection) can rewrite history.
constexpr std::string_view kV1Sqlite = R"sql(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings
  BEGIN SELECT RAISE(ABORT, 'ledger_postings is append-only'); END;
CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings
  BEGIN SELECT RAISE(ABORT, 'ledger_postings is append-only'); END;
CREATE TRIGGER ledger_lines_no_update BEFORE UPDATE ON ledger_lines
  BEGIN SELECT RAISE(ABORT, 'ledger_lines is append-only'); END;
CREATE TRIGGER ledger_lines_no_delete BEFORE DELETE ON ledger_lines
  BEGIN SELECT RAISE(ABORT, 'ledger_lines is append-only'); END;
)sql";

constexpr std::string_view kV1Postgres = R"sql(
CREATE FUNCTION psl_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON ledger_lines
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER ledger_lines_no_truncate BEFORE TRUNCATE ON ledger_lines
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
)sql";

const Migration kFoundationMigration = {1, "accounts, audit log and ledger", kV1Portable,
                                        kV1Sqlite, kV1Postgres};

const std::array<const Migration*, 7> kMigrations = {
    &kFoundationMigration, &kLicensingMigration, &kInspectionMigration, &kComplaintMigration,
    &kAppealMigration,     &kJourneyMigration,   &kPaymentMigration};

std::string ForDialect(std::string_view sql, Dialect dialect) {
  constexpr std::string_view kIdToken = "{{ID}}";
  const std::string_view id = dialect == Dialect::kSqlite
                                  ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                  : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  std::string text(sql);
  for (auto at = text.find(kIdToken); at != std::string::npos; at = text.find(kIdToken, at)) {
    text.replace(at, kIdToken.size(), id);
    at += id.size();
  }
  return text;
}

Status EnsureMigrationTable(Connection& connection) {
  return connection.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
}

}  // namespace

std::span<const Migration> AllMigrations() {
  static const std::vector<Migration> all = [] {
    std::vector<Migration> migrations;
    for (const Migration* migration : kMigrations) {
      PSL_CHECK(static_cast<int>(migrations.size()) + 1 == migration->version,
                "migrations are numbered 1, 2, 3, ... in order");
      migrations.push_back(*migration);
    }
    return migrations;
  }();
  return all;
}

Result<int> CurrentSchemaVersion(Connection& connection) {
  PSL_RETURN_IF_ERROR(EnsureMigrationTable(connection));
  PSL_ASSIGN_OR_RETURN(Rows rows,
                       connection.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  return static_cast<int>(rows.at(0).Int(0));
}

Status MigrateToLatest(Connection& connection, std::int64_t now_unix_seconds) {
  PSL_ASSIGN_OR_RETURN(const int current, CurrentSchemaVersion(connection));
  const int latest = AllMigrations().back().version;
  if (current > latest) {
    return Status(ErrorCode::kFailedPrecondition,
                  "the database has schema version " + std::to_string(current) +
                      " but this psl knows only up to " + std::to_string(latest) +
                      "; use a newer psl");
  }
  for (const Migration& migration : AllMigrations()) {
    if (migration.version <= current) continue;
    PSL_RETURN_IF_ERROR(connection.Begin(true));
    // Re-check inside the write transaction: another process may have migrated meanwhile.
    auto applied = connection.Query("SELECT 1 FROM schema_migrations WHERE version = $1",
                                    {std::int64_t{migration.version}});
    if (!applied.ok() || !applied->empty()) {
      (void)connection.Rollback();
      if (!applied.ok()) return applied.status();
      continue;
    }
    const std::string_view extra = connection.dialect() == Dialect::kSqlite
                                       ? migration.sqlite_sql
                                       : migration.postgres_sql;
    Status status = migration.portable_sql.empty()
                        ? Status::Ok()
                        : connection.ExecuteScript(ForDialect(migration.portable_sql,
                                                              connection.dialect()));
    if (status.ok() && !extra.empty()) status = connection.ExecuteScript(extra);
    if (status.ok()) {
      auto recorded = connection.Execute(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
          {std::int64_t{migration.version}, std::string(migration.name), now_unix_seconds});
      if (!recorded.ok()) status = recorded.status();
    }
    if (status.ok()) status = connection.Commit();
    if (!status.ok()) {
      (void)connection.Rollback();
      return Status(status.code(), "migration " + std::to_string(migration.version) + " (" +
                                       std::string(migration.name) +
                                       ") failed: " + status.message());
    }
  }
  return Status::Ok();
}

}  // namespace psl::store
