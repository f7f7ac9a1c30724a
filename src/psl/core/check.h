// Always-on invariant checks for programmer errors (never for bad input or business outcomes).
// A failed check prints where and why, then aborts: continuing would risk wrong money.
#pragma once

#include <source_location>
#include <string_view>

namespace psl {

[[noreturn]] void CheckFailed(std::string_view condition, std::string_view message,
                              std::source_location where = std::source_location::current());

}  // namespace psl

#define PSL_CHECK(condition, message)                                                              \
  do {                                                                                             \
    if (!(condition)) [[unlikely]] {                                                               \
      ::psl::CheckFailed(#condition, (message));                                                   \
    }                                                                                              \
  } while (false)
