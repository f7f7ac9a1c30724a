// Lock-out with back-off after repeated failed logins. Pure: the caller passes the time.
#pragma once

#include <cstdint>

#include "psl/core/timestamp.h"

namespace psl::access {

struct LockoutPolicy {
  int free_attempts = 5;                  // failures allowed before the first lock
  std::int64_t first_lock_seconds = 60;   // the first lock; each further failure doubles it
  std::int64_t max_lock_seconds = 3600;   // the longest lock
};

// After the `failed_count`-th consecutive failure at `now`: when the account is locked until
// (a time <= now means not locked).
Timestamp LockedUntilAfterFailure(const LockoutPolicy& policy, std::int64_t failed_count,
                                  Timestamp now);

}  // namespace psl::access
