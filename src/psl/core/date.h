// Date: a civil (proleptic Gregorian) calendar date with no time zone, as the report's rules
// speak of dates ("months since licence", "window of 2 years"). A plain value type.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "psl/core/result.h"

namespace psl {

class Date {
 public:
  Date() = default;  // 1970-01-01
  // Valid dates only: years 1..9999. Use FromCivil or Parse for unchecked input.
  static Result<Date> FromCivil(int year, int month, int day);
  // "YYYY-MM-DD", exactly.
  static Result<Date> Parse(std::string_view text);
  // Days since 1970-01-01 (negative before).
  static Date FromDaysSinceEpoch(std::int64_t days);

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }
  std::int64_t DaysSinceEpoch() const;

  // Adds whole calendar months. When the day does not exist in the target month it becomes the
  // month's last day: one month after 31 January is 28 (or 29) February.
  Date AddMonths(int months) const;
  Date AddDays(std::int64_t days) const;

  std::string ToString() const;  // "YYYY-MM-DD"

  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  Date(int year, int month, int day) : year_(year), month_(month), day_(day) {}
  int year_ = 1970;
  int month_ = 1;
  int day_ = 1;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Whole months completed from `start` to `end`: the largest n with start.AddMonths(n) <= end.
// A month is complete on the same day-of-month, or on the month's last day when that day does
// not exist (31 January -> 28 February is one month). When end is before start the answer is
// minus the months from end to start.
int WholeMonthsBetween(const Date& start, const Date& end);

}  // namespace psl
