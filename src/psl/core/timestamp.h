// Timestamp: an instant as whole seconds since 1970-01-01T00:00:00Z. The core never reads the
// clock: callers pass instants in (app/clock.h), so tests and the simulator drive time.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "psl/core/date.h"
#include "psl/core/result.h"

namespace psl {

class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp FromUnixSeconds(std::int64_t seconds) { return Timestamp(seconds); }
  constexpr std::int64_t unix_seconds() const { return seconds_; }

  constexpr Timestamp PlusSeconds(std::int64_t seconds) const {
    return Timestamp(seconds_ + seconds);
  }
  // The UTC calendar date of this instant.
  Date UtcDate() const;
  // "2026-11-23T12:42:32Z".
  std::string ToIso8601() const;
  // Accepts exactly the form ToIso8601 writes.
  static Result<Timestamp> ParseIso8601(std::string_view text);

  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;

 private:
  constexpr explicit Timestamp(std::int64_t seconds) : seconds_(seconds) {}
  std::int64_t seconds_ = 0;
};

}  // namespace psl
