#include "psl/core/timestamp.h"

#include <cstdio>

namespace psl {
namespace {
constexpr std::int64_t kSecondsPerDay = 86'400;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

Date Timestamp::UtcDate() const {
  return Date::FromDaysSinceEpoch(FloorDiv(seconds_, kSecondsPerDay));
}

std::string Timestamp::ToIso8601() const {
  const std::int64_t days = FloorDiv(seconds_, kSecondsPerDay);
  const std::int64_t second_of_day = seconds_ - days * kSecondsPerDay;
  const Date date = Date::FromDaysSinceEpoch(days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ", date.ToString().c_str(),
                static_cast<int>(second_of_day / 3600), static_cast<int>(second_of_day / 60 % 60),
                static_cast<int>(second_of_day % 60));
  return buffer;
}

Result<Timestamp> Timestamp::ParseIso8601(std::string_view text) {
  auto bad = [&] {
    return Status(ErrorCode::kInvalidArgument,
                  "not a timestamp: '" + std::string(text) + "'; write it as YYYY-MM-DDTHH:MM:SSZ");
  };
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return bad();
  }
  auto date = Date::Parse(text.substr(0, 10));
  if (!date.ok()) return bad();
  int fields[3] = {0, 0, 0};
  for (int f = 0; f < 3; ++f) {
    for (int i = 0; i < 2; ++i) {
      const char c = text[static_cast<std::size_t>(11 + f * 3 + i)];
      if (c < '0' || c > '9') return bad();
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  if (fields[0] > 23 || fields[1] > 59 || fields[2] > 59) return bad();
  return Timestamp(date->DaysSinceEpoch() * kSecondsPerDay + fields[0] * 3600 + fields[1] * 60 +
                   fields[2]);
}

}  // namespace psl
