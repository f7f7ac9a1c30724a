// Always-on invariant checks for programmer errors (never for bad input or business outcomes).
// A failed check prints where and why, then aborts: continuing would risk wrong money.
#pragma once

#include <string_view>

namespace psl {

// PSL_CHECK passes the place as __FILE__ and __LINE__: std::source_location is missing from
// clang 14 with libstdc++ 12 (the fuzz preset's compiler).
[[noreturn]] void CheckFailed(std::string_view condition, std::string_view message,
                              const char* file, unsigned line);

}  // namespace psl

#define PSL_CHECK(condition, message)                                                              \
  do {                                                                                             \
    if (!(condition)) [[unlikely]] {                                                               \
      ::psl::CheckFailed(#condition, (message), __FILE__, __LINE__);                               \
    }                                                                                              \
  } while (false)
