// Strict reading of JSON documents from outside (API request bodies, configuration files),
// shared by every area's decoders and the configuration parsers: malformed JSON, a
// body that is not an object, wrong types, missing fields and unknown fields are all refused
// with kInvalidArgument naming the field. Pure functions of their input (no I/O).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "psl/core/date.h"
#include "psl/core/result.h"

namespace psl::config {

inline constexpr std::size_t kMaxJsonBodyBytes = 64 * 1024;

// Parses a request body that must be one JSON object (at most 64 KiB).
inline Result<nlohmann::json> ParseJsonObject(std::string_view body) {
  if (body.size() > kMaxJsonBodyBytes) {
    return Status(ErrorCode::kResourceExhausted, "the body is larger than 64 KiB", "");
  }
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Status(ErrorCode::kInvalidArgument, "the body is not valid JSON; send a JSON object",
                  "");
  }
  if (!parsed.is_object()) {
    return Status(ErrorCode::kInvalidArgument, "the body must be a JSON object", "");
  }
  return parsed;
}

// Reads the fields of one JSON object, remembering which were read so that Finish() can refuse
// the ones nobody asked for. `prefix` names nested objects in errors ("lines[1].").
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, std::string prefix)
      : object_(object), prefix_(std::move(prefix)) {}

  Result<std::string> String(const std::string& name, std::size_t max_length) {
    PSL_ASSIGN_OR_RETURN(const nlohmann::json* value, Required(name));
    return StringValue(name, *value, max_length);
  }

  Result<std::optional<std::string>> OptionalString(const std::string& name,
                                                    std::size_t max_length) {
    const nlohmann::json* value = Find(name);
    if (value == nullptr || value->is_null()) return std::optional<std::string>();
    PSL_ASSIGN_OR_RETURN(std::string text, StringValue(name, *value, max_length));
    return std::optional<std::string>(std::move(text));
  }

  Result<std::int64_t> Integer(const std::string& name, std::int64_t min, std::int64_t max) {
    PSL_ASSIGN_OR_RETURN(const nlohmann::json* value, Required(name));
    return IntegerValue(name, *value, min, max);
  }

  Result<std::optional<std::int64_t>> OptionalInteger(const std::string& name, std::int64_t min,
                                                      std::int64_t max) {
    const nlohmann::json* value = Find(name);
    if (value == nullptr || value->is_null()) return std::optional<std::int64_t>();
    PSL_ASSIGN_OR_RETURN(const std::int64_t number, IntegerValue(name, *value, min, max));
    return std::optional<std::int64_t>(number);
  }

  Result<bool> Bool(const std::string& name) {
    PSL_ASSIGN_OR_RETURN(const nlohmann::json* value, Required(name));
    if (!value->is_boolean()) return Invalid("must be true or false", prefix_ + name);
    return value->get<bool>();
  }

  Result<std::optional<bool>> OptionalBool(const std::string& name) {
    const nlohmann::json* value = Find(name);
    if (value == nullptr || value->is_null()) return std::optional<bool>();
    if (!value->is_boolean()) return Invalid("must be true or false", prefix_ + name);
    return std::optional<bool>(value->get<bool>());
  }

  // A "YYYY-MM-DD" date.
  Result<Date> DateValue(const std::string& name) {
    PSL_ASSIGN_OR_RETURN(const std::string text, String(name, 10));
    auto date = Date::Parse(text);
    if (!date.ok()) return Invalid(date.status().message(), prefix_ + name);
    return *date;
  }

  Result<const nlohmann::json*> Array(const std::string& name, std::size_t max_items) {
    PSL_ASSIGN_OR_RETURN(const nlohmann::json* value, Required(name));
    if (!value->is_array()) return Invalid("must be an array", prefix_ + name);
    if (value->size() > max_items) {
      return Invalid("at most " + std::to_string(max_items) + " items", prefix_ + name);
    }
    return value;
  }

  // A nested object with at most `max_members` members; read it with its own ObjectReader, or
  // walk it when its member names are data (a map).
  Result<const nlohmann::json*> Object(const std::string& name, std::size_t max_members) {
    PSL_ASSIGN_OR_RETURN(const nlohmann::json* value, Required(name));
    if (!value->is_object()) return Invalid("must be an object", prefix_ + name);
    if (value->size() > max_members) {
      return Invalid("at most " + std::to_string(max_members) + " members", prefix_ + name);
    }
    return value;
  }

  Status Finish() const {
    for (const auto& [key, value] : object_.items()) {
      if (!read_.contains(key)) {
        return Invalid("unknown field '" + key + "'; remove it", prefix_ + key);
      }
    }
    return Status::Ok();
  }

 private:
  static Status Invalid(std::string message, std::string field) {
    return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
  }

  const nlohmann::json* Find(const std::string& name) {
    read_.insert(name);
    auto found = object_.find(name);
    return found == object_.end() ? nullptr : &*found;
  }

  Result<const nlohmann::json*> Required(const std::string& name) {
    const nlohmann::json* value = Find(name);
    if (value == nullptr || value->is_null()) return Invalid("is required", prefix_ + name);
    return value;
  }

  Result<std::string> StringValue(const std::string& name, const nlohmann::json& value,
                                  std::size_t max_length) {
    if (!value.is_string()) return Invalid("must be a string", prefix_ + name);
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > max_length) {
      return Invalid("must be at most " + std::to_string(max_length) + " characters",
                     prefix_ + name);
    }
    return text;
  }

  Result<std::int64_t> IntegerValue(const std::string& name, const nlohmann::json& value,
                                    std::int64_t min, std::int64_t max) {
    // Whole numbers only: 1.0 or "1" are refused, so nobody sends pounds where pence are meant.
    if (!value.is_number_integer()) return Invalid("must be a whole number", prefix_ + name);
    std::int64_t number = 0;
    if (value.is_number_unsigned()) {
      const auto unsigned_number = value.get<std::uint64_t>();
      if (unsigned_number > static_cast<std::uint64_t>(max)) {
        return Invalid("must be at most " + std::to_string(max), prefix_ + name);
      }
      number = static_cast<std::int64_t>(unsigned_number);
    } else {
      number = value.get<std::int64_t>();
    }
    if (number < min || number > max) {
      return Invalid("must be between " + std::to_string(min) + " and " + std::to_string(max),
                     prefix_ + name);
    }
    return number;
  }

  const nlohmann::json& object_;
  std::string prefix_;
  std::set<std::string> read_;
};

}  // namespace psl::config

// The API's decoders read request bodies with the same reader.
namespace psl::api {
using config::kMaxJsonBodyBytes;
using config::ObjectReader;
using config::ParseJsonObject;
}  // namespace psl::api
