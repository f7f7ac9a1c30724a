#include "psl/core/check.h"

#include <cstdio>
#include <cstdlib>

namespace psl {

void CheckFailed(std::string_view condition, std::string_view message, const char* file,
                 unsigned line) {
  std::fprintf(stderr, "psl: invariant failed at %s:%u: %.*s (%.*s)\n", file, line,
               static_cast<int>(condition.size()), condition.data(),
               static_cast<int>(message.size()), message.data());
  std::abort();
}

}  // namespace psl
