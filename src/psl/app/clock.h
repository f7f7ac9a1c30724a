// The clock seam: the app asks a Clock for "now"; the server passes the system clock, tests and
// the simulator pass a clock they move by hand.
#pragma once

#include <atomic>

#include "psl/core/timestamp.h"

namespace psl::app {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : seconds_(start.unix_seconds()) {}
  Timestamp Now() const override { return Timestamp::FromUnixSeconds(seconds_.load()); }
  void Advance(std::int64_t seconds) { seconds_ += seconds; }
  void Set(Timestamp at) { seconds_ = at.unix_seconds(); }

 private:
  std::atomic<std::int64_t> seconds_;
};

}  // namespace psl::app
