#include "psl/app/clock.h"

#include <chrono>

namespace psl::app {

Timestamp SystemClock::Now() const {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp::FromUnixSeconds(
      std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count());
}

}  // namespace psl::app
