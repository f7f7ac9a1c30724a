#include "psl/store/connection.h"

namespace psl::store {

bool Row::IsNull(std::size_t column) const {
  return std::holds_alternative<std::nullptr_t>(Value(column));
}

std::int64_t Row::Int(std::size_t column) const {
  const SqlValue& value = Value(column);
  PSL_CHECK(std::holds_alternative<std::int64_t>(value), "column is not an integer");
  return std::get<std::int64_t>(value);
}

const std::string& Row::Text(std::size_t column) const {
  const SqlValue& value = Value(column);
  PSL_CHECK(std::holds_alternative<std::string>(value), "column is not text");
  return std::get<std::string>(value);
}

const SqlValue& Row::Value(std::size_t column) const {
  PSL_CHECK(column < values_.size(), "column index out of range");
  return values_[column];
}

}  // namespace psl::store
