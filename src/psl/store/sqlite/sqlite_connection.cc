#include "psl/store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <cstdlib>
#include <string>
#include <unordered_map>

namespace psl::store {
namespace {

constexpr int kBusyTimeoutMilliseconds = 10'000;

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* database) : database_(database) {}
  ~SqliteConnection() override {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close_v2(database_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Rows> Query(std::string_view sql, std::span<const SqlValue> parameters) override {
    Rows rows;
    PSL_RETURN_IF_ERROR(Run(sql, parameters, &rows));
    return rows;
  }

  Result<std::int64_t> Execute(std::string_view sql,
                               std::span<const SqlValue> parameters) override {
    // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, so a statement that
    // changes nothing (DDL) is recognised by the running total not moving.
    const sqlite3_int64 total_before = sqlite3_total_changes64(database_);
    PSL_RETURN_IF_ERROR(Run(sql, parameters, nullptr));
    if (sqlite3_total_changes64(database_) == total_before) return std::int64_t{0};
    return static_cast<std::int64_t>(sqlite3_changes64(database_));
  }

  Result<std::optional<std::int64_t>> InsertReturningId(
      std::string_view sql, std::span<const SqlValue> parameters) override {
    // Cheaper than RETURNING, for which SQLite builds a temporary table on every call.
    PSL_ASSIGN_OR_RETURN(const std::int64_t changed, Execute(sql, parameters));
    if (changed == 0) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(sqlite3_last_insert_rowid(database_));
  }

  Status ExecuteScript(std::string_view sql) override {
    char* message = nullptr;
    const std::string text(sql);
    const int code = sqlite3_exec(database_, text.c_str(), nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
      Status status = ErrorFor(code, message != nullptr ? message : sqlite3_errmsg(database_));
      sqlite3_free(message);
      return status;
    }
    return Status::Ok();
  }

  // Through the prepared-statement cache: these run on every request.
  Status Begin(bool write) override {
    return Run(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", {}, nullptr);
  }
  Status Commit() override { return Run("COMMIT", {}, nullptr); }
  Status Rollback() override {
    if (sqlite3_get_autocommit(database_) != 0) return Status::Ok();  // already rolled back
    return Run("ROLLBACK", {}, nullptr);
  }

 private:
  static Status ErrorFor(int code, std::string_view message) {
    const int primary = code & 0xff;
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return Status(ErrorCode::kAlreadyExists, std::string(message));
    }
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_CANTOPEN ||
        primary == SQLITE_FULL || primary == SQLITE_IOERR) {
      return Status(ErrorCode::kUnavailable, "database unavailable: " + std::string(message));
    }
    return Status(ErrorCode::kInternal, "database error: " + std::string(message));
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    auto found = statements_.find(std::string(sql));
    if (found != statements_.end()) return found->second;
    sqlite3_stmt* statement = nullptr;
    const int code = sqlite3_prepare_v3(database_, sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (code != SQLITE_OK) return ErrorFor(code, sqlite3_errmsg(database_));
    statements_.emplace(std::string(sql), statement);
    return statement;
  }

  Status Bind(sqlite3_stmt* statement, std::span<const SqlValue> parameters) {
    const int count = sqlite3_bind_parameter_count(statement);
    for (int index = 1; index <= count; ++index) {
      const char* name = sqlite3_bind_parameter_name(statement, index);
      // Parameters are written $1..$n; the number after '$' names the value.
      if (name == nullptr || name[0] != '$') {
        return Status(ErrorCode::kInternal, "SQL parameters must be written $1, $2, ...");
      }
      const long position = std::strtol(name + 1, nullptr, 10);
      if (position < 1 || static_cast<std::size_t>(position) > parameters.size()) {
        return Status(ErrorCode::kInternal,
                      std::string("SQL parameter ") + name + " has no value");
      }
      const SqlValue& value = parameters[static_cast<std::size_t>(position - 1)];
      int code = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(value)) {
        code = sqlite3_bind_null(statement, index);
      } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        code = sqlite3_bind_int64(statement, index, *integer);
      } else {
        const std::string& text = std::get<std::string>(value);
        code = sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()),
                                 SQLITE_STATIC);
      }
      if (code != SQLITE_OK) return ErrorFor(code, sqlite3_errmsg(database_));
    }
    return Status::Ok();
  }

  Status Run(std::string_view sql, std::span<const SqlValue> parameters, Rows* rows) {
    PSL_ASSIGN_OR_RETURN(sqlite3_stmt * statement, Prepare(sql));
    // Reset on every exit so that the cached statement releases its locks and bindings.
    struct Resetter {
      sqlite3_stmt* statement;
      ~Resetter() {
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
      }
    } resetter{statement};
    PSL_RETURN_IF_ERROR(Bind(statement, parameters));
    while (true) {
      const int code = sqlite3_step(statement);
      if (code == SQLITE_DONE) return Status::Ok();
      if (code != SQLITE_ROW) return ErrorFor(sqlite3_extended_errcode(database_),
                                              sqlite3_errmsg(database_));
      if (rows == nullptr) continue;
      const int columns = sqlite3_column_count(statement);
      std::vector<SqlValue> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        switch (sqlite3_column_type(statement, column)) {
          case SQLITE_NULL: values.emplace_back(nullptr); break;
          case SQLITE_INTEGER:
            values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement, column)));
            break;
          default: {
            const auto* text = sqlite3_column_text(statement, column);
            const int size = sqlite3_column_bytes(statement, column);
            values.emplace_back(std::string(reinterpret_cast<const char*>(text),
                                            static_cast<std::size_t>(size)));
          }
        }
      }
      rows->emplace_back(std::move(values));
    }
  }

  sqlite3* database_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenSqlite(std::string_view path, bool sync_every_commit) {
  sqlite3* database = nullptr;
  const std::string file(path);
  const int code = sqlite3_open_v2(file.c_str(), &database,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                       SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                                   nullptr);
  if (code != SQLITE_OK) {
    std::string message = database != nullptr ? sqlite3_errmsg(database) : "out of memory";
    sqlite3_close_v2(database);
    return Status(ErrorCode::kUnavailable, "cannot open SQLite database '" + file + "': " + message);
  }
  sqlite3_busy_timeout(database, kBusyTimeoutMilliseconds);
  auto connection = std::make_unique<SqliteConnection>(database);
  // WAL lets readers proceed during a write. FULL sync makes each commit durable before it
  // returns: money that was reported as posted survives a power cut, not only a killed process.
  PSL_RETURN_IF_ERROR(connection->ExecuteScript(
      sync_every_commit ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                        : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace psl::store
