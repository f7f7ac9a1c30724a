// Status and Result<T>: how operating errors (bad input, storage, parsing) travel without
// exceptions. Business outcomes use their own typed result codes; programmer errors use PSL_CHECK.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "psl/core/check.h"

namespace psl {

// Each code maps to one HTTP status at the API edge (see api/error_response.cc) and one exit
// code in the CLI. Add a code only when callers must react to it differently.
enum class ErrorCode {
  kInvalidArgument,     // the caller sent something malformed or out of range
  kNotFound,            // the thing named does not exist (or is not visible to the caller)
  kAlreadyExists,       // a unique name or key is taken
  kConflict,            // the same idempotency key with different content, or a lost race
  kFailedPrecondition,  // the request is well-formed but the state forbids it
  kUnauthenticated,     // no valid credentials
  kPermissionDenied,    // valid credentials, wrong role or scope
  kResourceExhausted,   // too large, too many, locked out for now
  kOverflow,            // an amount left the representable range
  kUnavailable,         // the database or another dependency is not reachable
  kInternal,            // a bug or an unexpected failure of a dependency
};

std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message, std::string field = {})
      : ok_(false), code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return ok_; }
  ErrorCode code() const {
    PSL_CHECK(!ok_, "code() of an OK status");
    return code_;
  }
  const std::string& message() const { return message_; }
  // The request field the error is about, as a JSON-pointer-like dotted path; empty when none.
  const std::string& field() const { return field_; }

  std::string ToString() const;

 private:
  bool ok_ = true;
  ErrorCode code_ = ErrorCode::kInternal;
  std::string message_;
  std::string field_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : value_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    PSL_CHECK(!std::get<Status>(value_).ok(), "a Result cannot hold an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(value_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    PSL_CHECK(ok(), "value() of an error Result");
    return std::get<T>(value_);
  }
  T& value() & {
    PSL_CHECK(ok(), "value() of an error Result");
    return std::get<T>(value_);
  }
  T&& value() && {
    PSL_CHECK(ok(), "value() of an error Result");
    return std::get<T>(std::move(value_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Status& status() const& {
    PSL_CHECK(!ok(), "status() of an OK Result");
    return std::get<Status>(value_);
  }
  // OK when this holds a value, else the error: for callers that need only success or failure.
  Status ToStatus() const { return ok() ? Status::Ok() : std::get<Status>(value_); }

  Status status() && {
    PSL_CHECK(!ok(), "status() of an OK Result");
    return std::get<Status>(std::move(value_));
  }

 private:
  std::variant<T, Status> value_;
};

}  // namespace psl

// Propagates an error Status from an expression that yields a Status.
#define PSL_RETURN_IF_ERROR(expression)                                                            \
  do {                                                                                             \
    if (::psl::Status psl_status_ = (expression); !psl_status_.ok()) return psl_status_;           \
  } while (false)

#define PSL_CONCAT_INNER(a, b) a##b
#define PSL_CONCAT(a, b) PSL_CONCAT_INNER(a, b)
// Declares `lhs` from a Result-yielding expression, or returns its error Status.
#define PSL_ASSIGN_OR_RETURN(lhs, expression)                                                      \
  auto PSL_CONCAT(psl_result_, __LINE__) = (expression);                                           \
  if (!PSL_CONCAT(psl_result_, __LINE__).ok())                                                     \
    return std::move(PSL_CONCAT(psl_result_, __LINE__)).status();                                  \
  lhs = std::move(PSL_CONCAT(psl_result_, __LINE__)).value()
