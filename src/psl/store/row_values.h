// Small conversions between table records and SQL values, shared by the table files (the older
// tables keep private copies; new tables use these).
#pragma once

#include <optional>
#include <string>

#include "psl/core/check.h"
#include "psl/core/date.h"
#include "psl/core/money.h"
#include "psl/store/connection.h"

namespace psl::store::rows {

inline SqlValue TextOrNull(const std::optional<std::string>& text) {
  if (text) return *text;
  return nullptr;
}

template <typename Id>
SqlValue IdOrNull(const std::optional<Id>& id) {
  if (id && id->valid()) return id->value();
  return nullptr;
}

inline SqlValue IntOrNull(const std::optional<std::int64_t>& value) {
  if (value) return *value;
  return nullptr;
}

inline SqlValue DateOrNull(const std::optional<Date>& date) {
  if (date) return date->ToString();
  return nullptr;
}

inline std::optional<std::string> OptionalText(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Text(column);
}

template <typename Id>
std::optional<Id> OptionalId(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return Id(row.Int(column));
}

inline std::optional<std::int64_t> OptionalInt(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

inline Date DateFromColumn(const Row& row, std::size_t column) {
  auto date = Date::Parse(row.Text(column));
  PSL_CHECK(date.ok(), "dates are stored as YYYY-MM-DD");
  return *date;
}

inline std::optional<Date> OptionalDate(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return DateFromColumn(row, column);
}

inline Money MoneyFromColumn(const Row& row, std::size_t column) {
  return Money::FromPence(row.Int(column));
}

// The first row read by `read`, or nothing when there are no rows.
template <typename Read>
auto FirstOf(const Rows& rows, Read read) -> std::optional<decltype(read(rows.front()))> {
  if (rows.empty()) return std::nullopt;
  return read(rows.front());
}

}  // namespace psl::store::rows
