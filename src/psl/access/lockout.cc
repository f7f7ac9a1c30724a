#include "psl/access/lockout.h"

#include <algorithm>

namespace psl::access {

Timestamp LockedUntilAfterFailure(const LockoutPolicy& policy, std::int64_t failed_count,
                                  Timestamp now) {
  if (failed_count < policy.free_attempts) return now;
  const std::int64_t doublings = std::min<std::int64_t>(failed_count - policy.free_attempts, 30);
  const std::int64_t seconds =
      std::min(policy.max_lock_seconds, policy.first_lock_seconds << doublings);
  return now.PlusSeconds(seconds);
}

}  // namespace psl::access
