// Shared helpers for the core tests: gtest printers for the value types and rapidcheck
// generators that favour the edges (int64 limits, month ends, leap days).
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <limits>
#include <ostream>
#include <tuple>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/money.h"
#include "psl/core/result.h"
#include "psl/core/timestamp.h"
#include "psl/core/weight.h"

namespace psl {

// Readable failure messages in gtest instead of raw bytes.
inline void PrintTo(const Money& money, std::ostream* out) { *out << money.FormatPlain(); }
inline void PrintTo(const Date& date, std::ostream* out) { *out << date.ToString(); }
inline void PrintTo(const Weight& weight, std::ostream* out) { *out << weight.ToString(); }
inline void PrintTo(const Timestamp& t, std::ostream* out) { *out << t.ToIso8601(); }
inline void PrintTo(const Status& status, std::ostream* out) { *out << status.ToString(); }

namespace testing_support {

constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

// Days since epoch of 0001-01-01 and 9999-12-31, the range Date::FromCivil accepts
// (Python: (date(1,1,1) - date(1970,1,1)).days and likewise for 9999-12-31).
constexpr std::int64_t kFirstDay = -719162;
constexpr std::int64_t kLastDay = 2932896;

// Any int64, with the limits and their neighbours drawn often.
inline rc::Gen<std::int64_t> AnyInt64() {
  return rc::gen::weightedOneOf<std::int64_t>({
      {6, rc::gen::arbitrary<std::int64_t>()},
      {1, rc::gen::elementOf(std::vector<std::int64_t>{kInt64Min, kInt64Min + 1, kInt64Max - 1,
                                                       kInt64Max, -1, 0, 1, 99, 100, -100})},
  });
}

// A valid date in years 1..9999, often the last days of a month and leap days.
inline rc::Gen<Date> AnyDate() {
  auto uniform = rc::gen::map(rc::gen::inRange<std::int64_t>(kFirstDay, kLastDay + 1),
                              [](std::int64_t days) { return Date::FromDaysSinceEpoch(days); });
  auto month_end =
      rc::gen::map(rc::gen::tuple(rc::gen::inRange(1, 10000), rc::gen::inRange(1, 13),
                                  rc::gen::weightedElement<int>({{3, 0}, {1, 1}, {1, 2}, {1, 3}})),
                   [](const std::tuple<int, int, int>& t) {
                     const auto [year, month, back] = t;
                     const int last = DaysInMonth(year, month);
                     return Date::FromCivil(year, month, last - back).value();
                   });
  return rc::gen::weightedOneOf<Date>({{1, uniform}, {1, month_end}});
}

}  // namespace testing_support
}  // namespace psl
