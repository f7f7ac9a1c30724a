#include "psl/store/postgres/postgres_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

namespace psl::store {
namespace {

// Type OIDs from the server's pg_type catalogue; they are fixed for built-in types.
constexpr Oid kUnknownOid = 0;  // lets the server infer the type from the context
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kNumericOid = 1700;

// Server-side prepared statements per connection before they are all dropped and rebuilt.
// A program has a bounded set of SQL texts, so this only guards against ad-hoc SQL.
constexpr std::size_t kMaxPreparedStatements = 512;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// libpq messages end in a newline and may span lines ("...failed: ...\n\tIs the server..."):
// fold them into one line.
std::string OneLine(std::string_view text) {
  std::string line;
  bool pending_space = false;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      pending_space = !line.empty();
      continue;
    }
    if (pending_space) line.push_back(' ');
    pending_space = false;
    line.push_back(c);
  }
  return line;
}

ErrorCode CodeForSqlState(std::string_view state) {
  if (state == "23505") return ErrorCode::kAlreadyExists;  // unique_violation
  // serialization_failure, deadlock_detected: the transaction lost a race and may be retried.
  if (state == "40001" || state == "40P01") return ErrorCode::kConflict;
  // Class 08 (connection exceptions), the server shutting down or starting up, too many
  // connections, a lock not available (NOWAIT, lock_timeout).
  // 08P01 (protocol_violation) is also what a wrong parameter count gets: a bug, not an outage
  // (a connection that really broke is caught by the connection status in ErrorFrom).
  if (state == "08P01") return ErrorCode::kInternal;
  if (state.starts_with("08") || state.starts_with("57P") || state == "53300" || state == "55P03") {
    return ErrorCode::kUnavailable;
  }
  return ErrorCode::kInternal;
}

bool ContainsNul(std::string_view text) { return text.find('\0') != std::string_view::npos; }

// Converts one non-NULL result value. Integers come back as integers; numeric values without a
// fraction (SUM() of integers is numeric) too, unless they leave the 64-bit range.
Result<SqlValue> ConvertValue(Oid type, const char* text, int length) {
  std::string_view view(text, static_cast<std::size_t>(length));
  const bool integer_type = type == kInt2Oid || type == kInt4Oid || type == kInt8Oid;
  const bool whole_numeric = type == kNumericOid && view.find('.') == std::string_view::npos;
  if (!integer_type && !whole_numeric) return SqlValue(std::string(view));
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (error == std::errc::result_out_of_range) {
    return Status(ErrorCode::kOverflow,
                  "postgres: integer result " + std::string(view) + " is outside 64 bits");
  }
  if (error != std::errc() || end != view.data() + view.size()) {
    if (whole_numeric) return SqlValue(std::string(view));  // NaN, Infinity and the like
    return Status(ErrorCode::kInternal, "postgres: unreadable integer " + std::string(view));
  }
  return SqlValue(value);
}

Result<Rows> ToRows(const PGresult* result) {
  const int row_count = PQntuples(result);
  const int column_count = PQnfields(result);
  std::vector<Oid> types(static_cast<std::size_t>(column_count));
  for (int column = 0; column < column_count; ++column) {
    types[static_cast<std::size_t>(column)] = PQftype(result, column);
  }
  Rows rows;
  rows.reserve(static_cast<std::size_t>(row_count));
  for (int row = 0; row < row_count; ++row) {
    std::vector<SqlValue> values;
    values.reserve(static_cast<std::size_t>(column_count));
    for (int column = 0; column < column_count; ++column) {
      if (PQgetisnull(result, row, column)) {
        values.emplace_back(nullptr);
        continue;
      }
      PSL_ASSIGN_OR_RETURN(SqlValue value, ConvertValue(types[static_cast<std::size_t>(column)],
                                                        PQgetvalue(result, row, column),
                                                        PQgetlength(result, row, column)));
      values.push_back(std::move(value));
    }
    rows.emplace_back(std::move(values));
  }
  return rows;
}

bool Succeeded(const PGresult* result) {
  if (result == nullptr) return false;
  switch (PQresultStatus(result)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return true;
    default:
      return false;
  }
}

std::string_view SqlState(const PGresult* result) {
  if (result == nullptr) return {};
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  return state == nullptr ? std::string_view() : std::string_view(state);
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* connection) : connection_(connection) {}
  ~PostgresConnection() override { PQfinish(connection_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  using Connection::Execute;
  using Connection::Query;

  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<Rows> Query(std::string_view sql, std::span<const SqlValue> parameters) override {
    PSL_ASSIGN_OR_RETURN(ResultPtr result, Run(sql, parameters));
    return ToRows(result.get());
  }

  Result<std::int64_t> Execute(std::string_view sql,
                               std::span<const SqlValue> parameters) override {
    PSL_ASSIGN_OR_RETURN(ResultPtr result, Run(sql, parameters));
    std::string_view count = PQcmdTuples(result.get());
    if (count.empty()) return std::int64_t{0};  // statements that change no rows (DDL, SET...)
    std::int64_t changed = 0;
    auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), changed);
    if (error != std::errc() || end != count.data() + count.size()) {
      return Status(ErrorCode::kInternal,
                    "postgres: unreadable row count '" + std::string(count) + "'");
    }
    return changed;
  }

  Result<std::optional<std::int64_t>> InsertReturningId(
      std::string_view sql, std::span<const SqlValue> parameters) override {
    std::string returning(sql);
    returning += " RETURNING id";
    PSL_ASSIGN_OR_RETURN(Rows rows, Query(returning, parameters));
    if (rows.empty()) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(rows.front().Int(0));
  }

  Status ExecuteScript(std::string_view sql) override {
    if (ContainsNul(sql)) {
      return Status(ErrorCode::kInvalidArgument, "postgres: SQL text contains a NUL character");
    }
    PSL_RETURN_IF_ERROR(EnsureConnected());
    return RunSimple(std::string(sql).c_str());
  }

  Status Begin(bool /*write*/) override {
    // PostgreSQL takes row locks as it goes and has no lock upgrade to ask for up front.
    if (in_transaction_) {
      return Status(ErrorCode::kInternal, "postgres: Begin() inside an open transaction");
    }
    PSL_RETURN_IF_ERROR(EnsureConnected());
    PSL_RETURN_IF_ERROR(RunSimple("BEGIN"));
    in_transaction_ = true;
    return Status::Ok();
  }

  Status Commit() override {
    if (!in_transaction_) {
      return Status(ErrorCode::kInternal, "postgres: Commit() without an open transaction");
    }
    in_transaction_ = false;
    if (PQstatus(connection_) != CONNECTION_OK) {
      return Status(ErrorCode::kUnavailable,
                    "postgres: the connection was lost; the transaction was not committed");
    }
    if (PQtransactionStatus(connection_) == PQTRANS_INERROR) {
      // COMMIT would quietly roll back; say so instead.
      ResultPtr rollback(PQexec(connection_, "ROLLBACK"));
      return Status(ErrorCode::kInternal,
                    "postgres: the transaction failed earlier and was rolled back, not committed");
    }
    ResultPtr result(PQexec(connection_, "COMMIT"));
    if (!Succeeded(result.get())) return ErrorFrom(result.get());
    if (std::string_view(PQcmdStatus(result.get())) != "COMMIT") {
      return Status(ErrorCode::kInternal,
                    "postgres: COMMIT answered " + std::string(PQcmdStatus(result.get())));
    }
    return Status::Ok();
  }

  // Ends the transaction if one is open; without one it does nothing, so that cleanup code can
  // call it whatever happened before (a failed Begin(), a failed Commit()).
  Status Rollback() override {
    in_transaction_ = false;
    // A lost connection has taken its transaction with it: nothing is left to undo.
    if (PQstatus(connection_) != CONNECTION_OK) return Status::Ok();
    if (PQtransactionStatus(connection_) == PQTRANS_IDLE) return Status::Ok();
    Status status = RunSimple("ROLLBACK");
    if (!status.ok() && PQstatus(connection_) != CONNECTION_OK) return Status::Ok();
    return status;
  }

  // Session settings, after connecting and after every reconnect.
  Status Configure() { return RunSimple("SET client_min_messages TO warning"); }

 private:
  Status ErrorFrom(const PGresult* result) const {
    std::string message;
    std::string_view state = SqlState(result);
    ErrorCode code = CodeForSqlState(state);
    if (PQstatus(connection_) != CONNECTION_OK) code = ErrorCode::kUnavailable;
    const char* primary =
        result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    if (primary != nullptr) {
      message = primary;
      // The detail helps debugging but can quote row values ("Key (email)=(...) already
      // exists"): keep it out of messages that may reach a client.
      const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
      if (detail != nullptr && code == ErrorCode::kInternal) {
        message += " (";
        message += detail;
        message += ")";
      }
    } else if (result != nullptr && *PQresultErrorMessage(result) != '\0') {
      message = OneLine(PQresultErrorMessage(result));
    } else {
      message = OneLine(PQerrorMessage(connection_));
    }
    if (message.empty()) message = "unknown error";
    std::string prefix = "postgres";
    if (!state.empty()) {
      prefix += " ";
      prefix += state;
    }
    return Status(code, prefix + ": " + message);
  }

  // Runs text without parameters through the simple protocol (several statements allowed).
  Status RunSimple(const char* sql) {
    ResultPtr result(PQexec(connection_, sql));
    if (!Succeeded(result.get())) return ErrorFrom(result.get());
    return Status::Ok();
  }

  // Reconnects a broken connection, unless a transaction was open on it: then the caller must
  // end the transaction first, so that it learns the transaction is gone.
  Status EnsureConnected() {
    if (PQstatus(connection_) == CONNECTION_OK) return Status::Ok();
    if (in_transaction_) {
      return Status(ErrorCode::kUnavailable,
                    "postgres: the connection was lost during the transaction");
    }
    prepared_.clear();  // server-side statements died with the old session
    PQreset(connection_);
    if (PQstatus(connection_) != CONNECTION_OK) {
      return Status(ErrorCode::kUnavailable,
                    "postgres: cannot reconnect: " + OneLine(PQerrorMessage(connection_)));
    }
    return Configure();
  }

  // Returns the name of a server-side statement for `key` (SQL text plus parameter types),
  // preparing it on first use.
  Result<std::string> Prepare(const std::string& key, const std::string& sql,
                              const std::vector<Oid>& types) {
    if (auto found = prepared_.find(key); found != prepared_.end()) return found->second;
    if (prepared_.size() >= kMaxPreparedStatements &&
        PQtransactionStatus(connection_) == PQTRANS_IDLE) {
      PSL_RETURN_IF_ERROR(RunSimple("DEALLOCATE ALL"));
      prepared_.clear();
    }
    std::string name = "psl_" + std::to_string(next_statement_++);
    ResultPtr result(PQprepare(connection_, name.c_str(), sql.c_str(),
                               static_cast<int>(types.size()), types.data()));
    if (!Succeeded(result.get())) return ErrorFrom(result.get());
    prepared_.emplace(key, name);
    return name;
  }

  Result<ResultPtr> Run(std::string_view sql, std::span<const SqlValue> parameters) {
    if (ContainsNul(sql)) {
      return Status(ErrorCode::kInvalidArgument, "postgres: SQL text contains a NUL character");
    }
    PSL_RETURN_IF_ERROR(EnsureConnected());

    std::vector<std::string> integers;    // owns the decimal text of integer parameters
    integers.reserve(parameters.size());  // no reallocation: `values` points into it
    std::vector<const char*> values(parameters.size(), nullptr);
    std::vector<Oid> types(parameters.size(), kUnknownOid);
    std::string sql_text(sql);
    std::string key = sql_text;
    key.push_back('\0');
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      const SqlValue& parameter = parameters[i];
      if (const auto* integer = std::get_if<std::int64_t>(&parameter)) {
        integers.push_back(std::to_string(*integer));
        values[i] = integers.back().c_str();
        types[i] = kInt8Oid;
        key.push_back('i');
      } else if (const auto* text = std::get_if<std::string>(&parameter)) {
        if (ContainsNul(*text)) {
          return Status(
              ErrorCode::kInvalidArgument,
              "postgres: text parameter $" + std::to_string(i + 1) + " contains a NUL character");
        }
        values[i] = text->c_str();
        key.push_back('u');
      } else {
        key.push_back('u');  // NULL: a null pointer of unknown type
      }
    }

    // A cached statement can go stale: a schema change that alters its result columns
    // (SQLSTATE 0A000) or DEALLOCATE run by hand (26000). Prepare it afresh; run it again only
    // outside a transaction, where the failed attempt changed nothing and aborted nothing.
    for (int attempt = 0;; ++attempt) {
      PSL_ASSIGN_OR_RETURN(std::string name, Prepare(key, sql_text, types));
      ResultPtr result(PQexecPrepared(connection_, name.c_str(), static_cast<int>(values.size()),
                                      values.data(), nullptr, nullptr, 0));
      if (Succeeded(result.get())) return result;
      std::string_view state = SqlState(result.get());
      if ((state == "0A000" || state == "26000") && attempt == 0) {
        prepared_.erase(key);
        if (PQtransactionStatus(connection_) == PQTRANS_IDLE) continue;
      }
      return ErrorFrom(result.get());
    }
  }

  PGconn* connection_;
  bool in_transaction_ = false;  // between a successful Begin() and Commit()/Rollback()
  std::unordered_map<std::string, std::string> prepared_;  // key -> statement name
  std::uint64_t next_statement_ = 0;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenPostgres(std::string_view url) {
  std::string conninfo(url);
  if (ContainsNul(conninfo)) {
    return Status(ErrorCode::kInvalidArgument, "postgres: connection string contains NUL");
  }
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (options == nullptr) {
    std::string message = parse_error != nullptr ? OneLine(parse_error) : "out of memory";
    PQfreemem(parse_error);
    return Status(ErrorCode::kInvalidArgument, "postgres: bad connection string: " + message);
  }
  PQconninfoFree(options);

  // Later keywords win, so a connect_timeout inside the string overrides this default.
  const char* const keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* const values[] = {"10", conninfo.c_str(), nullptr};
  PGconn* raw = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (raw == nullptr) return Status(ErrorCode::kInternal, "postgres: out of memory");
  auto connection = std::make_unique<PostgresConnection>(raw);  // owns `raw` from here
  if (PQstatus(raw) != CONNECTION_OK) {
    return Status(ErrorCode::kUnavailable,
                  "postgres: cannot connect: " + OneLine(PQerrorMessage(raw)));
  }
  PSL_RETURN_IF_ERROR(connection->Configure());
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace psl::store
