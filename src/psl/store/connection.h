// Connection: the one seam between PSL's SQL and a database engine. SQLite (store/sqlite/) and
// PostgreSQL (store/postgres/) implement it; everything above (tables, migrations, Store) is
// written once against it.
//
// SQL dialect rules, so one text runs on both engines:
// - parameters are written $1, $2, ... (PostgreSQL's form; the SQLite adapter binds by name);
// - values are only NULL, 64-bit integers and UTF-8 text (money in pence, instants in Unix
//   seconds, dates as 'YYYY-MM-DD', flags as 0/1, hashes as hex): no floats, no blobs;
// - integer results come back as integers on both engines (the PostgreSQL adapter converts
//   int2/int4/int8/numeric-without-scale columns, including SUM() and COUNT()).
//
// A Connection is used by one thread at a time (the Store hands them out from a pool).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "psl/core/result.h"

namespace psl::store {

enum class Dialect { kSqlite, kPostgres };

using SqlValue = std::variant<std::nullptr_t, std::int64_t, std::string>;

class Row {
 public:
  explicit Row(std::vector<SqlValue> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t column) const;
  // Programmer errors (wrong column, wrong type) trip PSL_CHECK: the SQL and the reader are
  // written together, so a mismatch is a bug, not bad input.
  std::int64_t Int(std::size_t column) const;
  const std::string& Text(std::size_t column) const;
  const SqlValue& Value(std::size_t column) const;

 private:
  std::vector<SqlValue> values_;
};

using Rows = std::vector<Row>;

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;

  // Runs one statement with parameters and returns its rows (empty for statements without
  // RETURNING). A unique-constraint violation is reported as kAlreadyExists; an unreachable or
  // locked database as kUnavailable; anything else as kInternal with the engine's message.
  virtual Result<Rows> Query(std::string_view sql, std::span<const SqlValue> parameters) = 0;

  // Runs one statement and returns the number of rows it changed.
  virtual Result<std::int64_t> Execute(std::string_view sql,
                                       std::span<const SqlValue> parameters) = 0;

  // Runs one INSERT into a table whose key column is `id` and returns the new row's id, or
  // nullopt when the statement inserted nothing (ON CONFLICT DO NOTHING). Each engine does it
  // its fastest way: SQLite reads the last rowid, PostgreSQL appends RETURNING id.
  virtual Result<std::optional<std::int64_t>> InsertReturningId(
      std::string_view sql, std::span<const SqlValue> parameters) = 0;

  // Runs several statements separated by semicolons, without parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // Transactions. `write` asks for the write lock up front (SQLite BEGIN IMMEDIATE), so that
  // two writers queue instead of deadlocking on lock upgrade.
  virtual Status Begin(bool write) = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Convenience overloads for literal parameter lists.
  Result<Rows> Query(std::string_view sql, std::initializer_list<SqlValue> parameters = {}) {
    return Query(sql, std::span<const SqlValue>(parameters.begin(), parameters.size()));
  }
  Result<std::int64_t> Execute(std::string_view sql,
                               std::initializer_list<SqlValue> parameters = {}) {
    return Execute(sql, std::span<const SqlValue>(parameters.begin(), parameters.size()));
  }
  Result<std::optional<std::int64_t>> InsertReturningId(
      std::string_view sql, std::initializer_list<SqlValue> parameters) {
    return InsertReturningId(sql,
                             std::span<const SqlValue>(parameters.begin(), parameters.size()));
  }
};

}  // namespace psl::store
