#include "psl/core/date.h"

#include <cstdio>

namespace psl {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days, public-domain algorithms.
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t z, int& year, int& month, int& day) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int>(y + (m <= 2));
  month = static_cast<int>(m);
  day = static_cast<int>(d);
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  PSL_CHECK(month >= 1 && month <= 12, "month out of range");
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

Result<Date> Date::FromCivil(int year, int month, int day) {
  if (year < 1 || year > 9999) {
    return Status(ErrorCode::kInvalidArgument, "year must be between 1 and 9999");
  }
  if (month < 1 || month > 12) {
    return Status(ErrorCode::kInvalidArgument, "month must be between 1 and 12");
  }
  if (day < 1 || day > DaysInMonth(year, month)) {
    return Status(ErrorCode::kInvalidArgument, "day does not exist in that month");
  }
  return Date(year, month, day);
}

Result<Date> Date::Parse(std::string_view text) {
  auto bad = [&] {
    return Status(ErrorCode::kInvalidArgument,
                  "not a date: '" + std::string(text) + "'; write it as YYYY-MM-DD");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = 0; i < lengths[p]; ++i) {
      const char c = text[starts[p] + i];
      if (c < '0' || c > '9') return bad();
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  auto date = FromCivil(parts[0], parts[1], parts[2]);
  if (!date.ok()) {
    return Status(ErrorCode::kInvalidArgument,
                  "not a date: '" + std::string(text) + "' (" + date.status().message() + ")");
  }
  return date;
}

Date Date::FromDaysSinceEpoch(std::int64_t days) {
  int y = 0, m = 0, d = 0;
  CivilFromDays(days, y, m, d);
  return Date(y, m, d);
}

std::int64_t Date::DaysSinceEpoch() const {
  return DaysFromCivil(year_, static_cast<unsigned>(month_), static_cast<unsigned>(day_));
}

Date Date::AddMonths(int months) const {
  const std::int64_t index = static_cast<std::int64_t>(year_) * 12 + (month_ - 1) + months;
  const auto year = static_cast<int>(index >= 0 ? index / 12 : (index - 11) / 12);
  const int month = static_cast<int>(index - static_cast<std::int64_t>(year) * 12) + 1;
  const int last = DaysInMonth(year, month);
  return Date(year, month, day_ <= last ? day_ : last);
}

Date Date::AddDays(std::int64_t days) const { return FromDaysSinceEpoch(DaysSinceEpoch() + days); }

std::string Date::ToString() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year_, month_, day_);
  return buffer;
}

int WholeMonthsBetween(const Date& start, const Date& end) {
  if (end < start) return -WholeMonthsBetween(end, start);
  int months = (end.year() - start.year()) * 12 + (end.month() - start.month());
  if (start.AddMonths(months) > end) --months;
  return months;
}

}  // namespace psl
