// Tests for psl::Date and WholeMonthsBetween (src/psl/core/date.h). Expected values come from
// the Gregorian calendar (cross-checked with Python's datetime), the end-of-month rule in
// date.h, and the PAY-3 sliding scale ("months since licence grant at the date of registration").
#include "psl/core/date.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "test_support.h"

namespace psl {
namespace {

using testing_support::AnyDate;
using testing_support::kFirstDay;
using testing_support::kLastDay;

Date D(std::string_view text) {
  auto date = Date::Parse(text);
  EXPECT_TRUE(date.ok()) << text << ": " << date.status().ToString();
  return date.ok() ? *date : Date::FromDaysSinceEpoch(0);
}

// ---------------------------------------------------------------------------------------------
// Parse, FromCivil, ToString (date.h: "YYYY-MM-DD", exactly; years 1..9999).

TEST(DateParse, ParsesAndPrintsBack) {
  for (const char* text : {"2024-02-29", "1970-01-01", "0001-01-01", "9999-12-31", "2023-12-31",
                           "2000-02-29", "1999-09-09"}) {
    EXPECT_EQ(D(text).ToString(), text);
  }
  const Date date = D("2024-03-07");
  EXPECT_EQ(date.year(), 2024);
  EXPECT_EQ(date.month(), 3);
  EXPECT_EQ(date.day(), 7);
}

TEST(DateParse, RejectsInvalidDates) {
  for (const char* text : {
           "2023-02-29",   // 2023 is not a leap year
           "1900-02-29",   // century not divisible by 400
           "2024-02-30",   // February never has 30 days
           "2024-04-31",   // April has 30 days
           "2024-13-01",   // month 13
           "2024-00-10",   // month 0
           "2024-01-00",   // day 0
           "2024-01-32",   // day 32
           "0000-01-01",   // year 0 is outside 1..9999
           "2024-1-01",    // month not two digits
           "2024-01-1",    // day not two digits
           "24-01-01",     // year not four digits
           "20240101",     // no separators
           "2024/01/01",   // wrong separators
           "2024-01-01 ",  // trailing space
           " 2024-01-01",  // leading space
           "2024-01-0a",   // not a digit
           "+024-01-01",   // sign
           "2024-0-101",   // separators in the wrong place
           "",             //
       }) {
    auto date = Date::Parse(text);
    EXPECT_FALSE(date.ok()) << "'" << text << "' parsed as " << date->ToString();
    if (!date.ok()) {
      EXPECT_EQ(date.status().code(), ErrorCode::kInvalidArgument);
    }
  }
}

TEST(DateFromCivil, ChecksRanges) {
  EXPECT_TRUE(Date::FromCivil(1, 1, 1).ok());
  EXPECT_TRUE(Date::FromCivil(9999, 12, 31).ok());
  EXPECT_FALSE(Date::FromCivil(0, 12, 31).ok());
  EXPECT_FALSE(Date::FromCivil(10000, 1, 1).ok());
  EXPECT_FALSE(Date::FromCivil(-1, 1, 1).ok());
  EXPECT_FALSE(Date::FromCivil(2024, 0, 1).ok());
  EXPECT_FALSE(Date::FromCivil(2024, 13, 1).ok());
  EXPECT_FALSE(Date::FromCivil(2024, 6, 31).ok());
  EXPECT_FALSE(Date::FromCivil(2024, 6, 0).ok());
  EXPECT_TRUE(Date::FromCivil(2024, 2, 29).ok());
  EXPECT_FALSE(Date::FromCivil(2023, 2, 29).ok());
  EXPECT_EQ(Date::FromCivil(2023, 2, 29).status().code(), ErrorCode::kInvalidArgument);
}

// ---------------------------------------------------------------------------------------------
// Leap years and month lengths (Gregorian rule: divisible by 4, except centuries not
// divisible by 400).

TEST(DateCalendar, LeapYears) {
  for (int year : {4, 1600, 1996, 2000, 2004, 2024, 2400, 9996})
    EXPECT_TRUE(IsLeapYear(year)) << year;
  for (int year : {1, 100, 1700, 1800, 1900, 2023, 2100, 2200, 2300, 9999}) {
    EXPECT_FALSE(IsLeapYear(year)) << year;
  }
}

TEST(DateCalendar, DaysInMonth) {
  const int expected[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int month = 1; month <= 12; ++month) {
    EXPECT_EQ(DaysInMonth(2023, month), expected[month - 1]) << month;
    EXPECT_EQ(DaysInMonth(2024, month), month == 2 ? 29 : expected[month - 1]) << month;
  }
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
}

TEST(DateCalendarDeathTest, DaysInMonthChecksTheMonth) {
  // date.cc: an out-of-range month is a programmer error (PSL_CHECK aborts).
  EXPECT_DEATH((void)DaysInMonth(2024, 13), "month out of range");
  EXPECT_DEATH((void)DaysInMonth(2024, 0), "month out of range");
}

// ---------------------------------------------------------------------------------------------
// Days since epoch. Expected values: Python (date(y, m, d) - date(1970, 1, 1)).days.

TEST(DateEpoch, KnownDayNumbers) {
  struct Case {
    const char* date;
    std::int64_t days;
  };
  for (const Case& c : {Case{"1970-01-01", 0}, Case{"1969-12-31", -1}, Case{"2000-01-01", 10957},
                        Case{"2024-02-29", 19782}, Case{"1600-03-01", -135080},
                        Case{"0001-01-01", -719162}, Case{"9999-12-31", 2932896}}) {
    EXPECT_EQ(D(c.date).DaysSinceEpoch(), c.days) << c.date;
    EXPECT_EQ(Date::FromDaysSinceEpoch(c.days).ToString(), c.date) << c.days;
  }
}

TEST(DateEpoch, AddDays) {
  EXPECT_EQ(D("2024-02-28").AddDays(1).ToString(), "2024-02-29");
  EXPECT_EQ(D("2024-02-29").AddDays(1).ToString(), "2024-03-01");
  EXPECT_EQ(D("2023-02-28").AddDays(1).ToString(), "2023-03-01");
  EXPECT_EQ(D("2023-12-31").AddDays(1).ToString(), "2024-01-01");
  EXPECT_EQ(D("2024-01-01").AddDays(-1).ToString(), "2023-12-31");
  EXPECT_EQ(D("2024-01-01").AddDays(366).ToString(), "2025-01-01");  // 2024 has 366 days
  EXPECT_EQ(D("2024-01-01").AddDays(0).ToString(), "2024-01-01");
}

TEST(DateOrdering, ComparesChronologically) {
  EXPECT_LT(D("2023-12-31"), D("2024-01-01"));
  EXPECT_LT(D("2024-01-31"), D("2024-02-01"));
  EXPECT_LT(D("2024-02-01"), D("2024-02-02"));
  EXPECT_EQ(D("2024-02-01"), D("2024-02-01"));
  EXPECT_GT(D("0010-01-01"), D("0009-12-31"));
}

// ---------------------------------------------------------------------------------------------
// AddMonths: end-of-month rule (date.h: a day that does not exist becomes the month's last day).

TEST(DateAddMonths, ClampsToTheLastDayOfTheMonth) {
  EXPECT_EQ(D("2024-01-31").AddMonths(1).ToString(), "2024-02-29");  // leap year
  EXPECT_EQ(D("2023-01-31").AddMonths(1).ToString(), "2023-02-28");  // common year
  EXPECT_EQ(D("2024-03-31").AddMonths(-1).ToString(), "2024-02-29");
  EXPECT_EQ(D("2023-03-31").AddMonths(-1).ToString(), "2023-02-28");
  EXPECT_EQ(D("2024-05-31").AddMonths(1).ToString(), "2024-06-30");
  EXPECT_EQ(D("2024-01-30").AddMonths(1).ToString(), "2024-02-29");
  EXPECT_EQ(D("2024-01-29").AddMonths(1).ToString(), "2024-02-29");
  EXPECT_EQ(D("2024-01-28").AddMonths(1).ToString(), "2024-02-28");
  EXPECT_EQ(D("2024-02-29").AddMonths(12).ToString(), "2025-02-28");
  EXPECT_EQ(D("2024-02-29").AddMonths(48).ToString(), "2028-02-29");
  // Clamping does not carry: the day-of-month comes from the start, not the previous step.
  EXPECT_EQ(D("2024-01-31").AddMonths(2).ToString(), "2024-03-31");
}

TEST(DateAddMonths, CrossesYears) {
  EXPECT_EQ(D("2024-12-15").AddMonths(1).ToString(), "2025-01-15");
  EXPECT_EQ(D("2024-01-15").AddMonths(-1).ToString(), "2023-12-15");
  EXPECT_EQ(D("2024-01-15").AddMonths(-13).ToString(), "2022-12-15");
  EXPECT_EQ(D("2024-06-15").AddMonths(18).ToString(), "2025-12-15");
  EXPECT_EQ(D("2024-06-15").AddMonths(19).ToString(), "2026-01-15");
  EXPECT_EQ(D("2024-06-15").AddMonths(-6).ToString(), "2023-12-15");
  EXPECT_EQ(D("2024-06-15").AddMonths(-5).ToString(), "2024-01-15");
  EXPECT_EQ(D("2024-06-15").AddMonths(0).ToString(), "2024-06-15");
  EXPECT_EQ(D("0001-03-31").AddMonths(-1).ToString(), "0001-02-28");
  EXPECT_EQ(D("9999-11-30").AddMonths(1).ToString(), "9999-12-30");
}

// ---------------------------------------------------------------------------------------------
// WholeMonthsBetween (date.h contract; the table is from the task brief).

TEST(DateWholeMonths, Table) {
  struct Case {
    const char* start;
    const char* end;
    int months;
  };
  for (const Case& c : {
           Case{"2024-01-31", "2024-02-29", 1},  // month end in a leap year completes a month
           Case{"2023-01-31", "2023-02-27", 0},  // not yet the last day of February
           Case{"2023-01-31", "2023-02-28", 1},  // last day of February completes it
           Case{"2024-01-15", "2024-04-14", 2},  // one day short of three months
           Case{"2024-01-15", "2024-04-15", 3},  // same day-of-month completes it
           Case{"2024-01-15", "2024-01-15", 0},  // same date
           Case{"2024-01-31", "2024-03-30", 1},  // 2024-01-31 + 2 months is 03-31
           Case{"2024-01-31", "2024-03-31", 2},
           Case{"2024-02-29", "2024-03-28", 0},
           Case{"2024-02-29", "2024-03-29", 1},
           Case{"2024-02-29", "2025-02-28", 12},  // leap day anniversary in a common year
           Case{"2023-12-31", "2024-01-01", 0},
           Case{"2023-12-15", "2024-01-15", 1},
           Case{"2000-01-01", "2024-01-01", 288},
       }) {
    EXPECT_EQ(WholeMonthsBetween(D(c.start), D(c.end)), c.months) << c.start << " -> " << c.end;
    // date.h: when end is before start the answer is minus the months from end to start.
    EXPECT_EQ(WholeMonthsBetween(D(c.end), D(c.start)), -c.months) << c.end << " -> " << c.start;
  }
}

// PAY-3 sliding scale bands: 0 to <3, 3 to <6, 6 to <12, 12 to <18, 18 and more months since
// licence grant at the date of registration. Each boundary: the day that completes the month
// count, and the day before it.
TEST(DateWholeMonths, Pay3SlidingScaleBoundaries) {
  struct Case {
    const char* licence;
    const char* registration;
    int months;
  };
  for (const Case& c : {
           Case{"2024-01-31", "2024-01-31", 0},  // registered on the licence day: band 0..<3
           Case{"2024-01-31", "2024-04-29", 2},  // still 100% upfront
           Case{"2024-01-31", "2024-04-30", 3},  // April has no 31st: 30th completes 3 months
           Case{"2024-01-31", "2024-07-30", 5},
           Case{"2024-01-31", "2024-07-31", 6},  // band 6..<12
           Case{"2024-01-31", "2025-01-30", 11},
           Case{"2024-01-31", "2025-01-31", 12},  // band 12..<18
           Case{"2024-01-31", "2025-07-30", 17},
           Case{"2024-01-31", "2025-07-31", 18},  // band 18 and more
           Case{"2023-08-31", "2024-02-28", 5},
           Case{"2023-08-31", "2024-02-29", 6},  // leap day completes six months
           Case{"2023-11-30", "2024-02-28", 2},
           Case{"2023-11-30", "2024-02-29", 3},
           Case{"2022-11-30", "2023-02-28", 3},  // common year: 28th completes it
           Case{"2024-02-29", "2025-02-27", 11},
           Case{"2024-02-29", "2025-02-28", 12},
           Case{"2024-02-29", "2025-08-28", 17},
           Case{"2024-02-29", "2025-08-29", 18},
       }) {
    EXPECT_EQ(WholeMonthsBetween(D(c.licence), D(c.registration)), c.months)
        << c.licence << " -> " << c.registration;
  }
}

// ---------------------------------------------------------------------------------------------
// Properties.

// Dates a <= b: b a few days either side of a whole number of months after a (where the
// end-of-month rule bites), within a few years, or anywhere later.
rc::Gen<std::pair<Date, Date>> OrderedDates() {
  return rc::gen::mapcat(AnyDate(), [](Date a) {
    const std::int64_t room = kLastDay - a.DaysSinceEpoch();
    auto near = rc::gen::inRange<std::int64_t>(0, std::min<std::int64_t>(room, 800) + 1);
    auto far = rc::gen::inRange<std::int64_t>(0, room + 1);
    auto by_days = rc::gen::map(rc::gen::weightedOneOf<std::int64_t>({{3, near}, {1, far}}),
                                [a](std::int64_t offset) { return a.AddDays(offset); });
    auto by_months = rc::gen::map(
        rc::gen::pair(
            rc::gen::inRange(0, 40),
            rc::gen::weightedOneOf<int>({{3, rc::gen::just(0)}, {1, rc::gen::inRange(-3, 4)}})),
        [a](const std::pair<int, int>& step) {
          const Date b = a.AddMonths(step.first);
          if (b.year() > 9999) return a;
          const Date shifted =
              b.DaysSinceEpoch() + step.second > kLastDay ? b : b.AddDays(step.second);
          return shifted < a ? a : shifted;
        });
    return rc::gen::map(rc::gen::weightedOneOf<Date>({{1, by_days}, {1, by_months}}),
                        [a](Date b) { return std::make_pair(a, b); });
  });
}

RC_GTEST_PROP(DateProperty, WholeMonthsIsTheLargestCompletedCount, ()) {
  const auto [a, b] = *OrderedDates();
  const int n = WholeMonthsBetween(a, b);
  RC_ASSERT(n >= 0);
  RC_ASSERT(a.AddMonths(n) <= b);
  RC_ASSERT(a.AddMonths(n + 1) > b);
}

RC_GTEST_PROP(DateProperty, WholeMonthsIsAntisymmetric, ()) {
  const Date a = *AnyDate();
  const Date b = *AnyDate();
  RC_ASSERT(WholeMonthsBetween(a, b) == -WholeMonthsBetween(b, a));
}

RC_GTEST_PROP(DateProperty, WholeMonthsIsMonotoneInTheEnd, ()) {
  const auto [a, b] = *OrderedDates();
  const Date c = *AnyDate();
  // Moving the end later never lowers the count, whatever the start.
  RC_ASSERT(WholeMonthsBetween(c, a) <= WholeMonthsBetween(c, b));
  // One more day adds at most one month and never removes one.
  if (b.DaysSinceEpoch() < kLastDay) {
    const int step = WholeMonthsBetween(c, b.AddDays(1)) - WholeMonthsBetween(c, b);
    RC_ASSERT(step == 0 || step == 1);
  }
}

RC_GTEST_PROP(DateProperty, AddMonthsMatchesAnIndependentCalendarWalk, ()) {
  const Date a = *AnyDate();
  const int months = *rc::gen::inRange(-1200, 1201);
  // Walk month by month, then clamp the day (date.h rule); the month length comes from day
  // numbers, not from DaysInMonth.
  int year = a.year();
  int month = a.month();
  for (int i = 0; i < (months < 0 ? -months : months); ++i) {
    month += months < 0 ? -1 : 1;
    if (month == 0) {
      month = 12;
      --year;
    } else if (month == 13) {
      month = 1;
      ++year;
    }
  }
  RC_PRE(year >= 1 && year <= 9999);
  const int next_year = month == 12 ? year + 1 : year;
  const int next_month = month == 12 ? 1 : month + 1;
  const std::int64_t first = Date::FromCivil(year, month, 1)->DaysSinceEpoch();
  const std::int64_t next_first = next_year <= 9999
                                      ? Date::FromCivil(next_year, next_month, 1)->DaysSinceEpoch()
                                      : kLastDay + 1;
  const int length = static_cast<int>(next_first - first);
  const Date expected = Date::FromCivil(year, month, std::min(a.day(), length)).value();
  RC_ASSERT(a.AddMonths(months) == expected);
}

RC_GTEST_PROP(DateProperty, AddMonthsZeroIsIdentityAndNegativeUndoesPositiveMidMonth, ()) {
  const Date a = *AnyDate();
  RC_ASSERT(a.AddMonths(0) == a);
  const int months = *rc::gen::inRange(0, 600);
  const Date there = a.AddMonths(months);
  RC_PRE(there.year() <= 9999);
  if (a.day() <= 28) RC_ASSERT(there.AddMonths(-months) == a);  // no clamping below 29
}

RC_GTEST_PROP(DateProperty, DaysSinceEpochRoundTrips, ()) {
  const std::int64_t days = *rc::gen::inRange<std::int64_t>(kFirstDay, kLastDay + 1);
  const Date date = Date::FromDaysSinceEpoch(days);
  RC_ASSERT(date.DaysSinceEpoch() == days);
  RC_ASSERT(Date::FromCivil(date.year(), date.month(), date.day()).ok());
  const auto reparsed = Date::Parse(date.ToString());
  RC_ASSERT(reparsed.ok());
  RC_ASSERT(*reparsed == date);
}

RC_GTEST_PROP(DateProperty, NextDayFollowsTheCalendar, ()) {
  const std::int64_t days = *rc::gen::inRange<std::int64_t>(kFirstDay, kLastDay);
  const Date today = Date::FromDaysSinceEpoch(days);
  const Date tomorrow = Date::FromDaysSinceEpoch(days + 1);
  // The civil successor, from the leap-year rule alone.
  const bool leap = (today.year() % 4 == 0 && today.year() % 100 != 0) || today.year() % 400 == 0;
  const int lengths[12] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y = today.year(), m = today.month(), d = today.day() + 1;
  if (d > lengths[m - 1]) {
    d = 1;
    ++m;
  }
  if (m > 12) {
    m = 1;
    ++y;
  }
  RC_ASSERT(tomorrow.year() == y);
  RC_ASSERT(tomorrow.month() == m);
  RC_ASSERT(tomorrow.day() == d);
  RC_ASSERT(today < tomorrow);
}

RC_GTEST_PROP(DateProperty, AddDaysAgreesWithDaysSinceEpoch, ()) {
  const Date a = *AnyDate();
  const std::int64_t offset = *rc::gen::inRange<std::int64_t>(kFirstDay - a.DaysSinceEpoch(),
                                                              kLastDay - a.DaysSinceEpoch() + 1);
  const Date b = a.AddDays(offset);
  RC_ASSERT(b.DaysSinceEpoch() == a.DaysSinceEpoch() + offset);
  RC_ASSERT((offset < 0) == (b < a));
  RC_ASSERT(b.AddDays(-offset) == a);
}

RC_GTEST_PROP(DateProperty, LeapYearMatchesTheYearLength, ()) {
  const int year = *rc::gen::inRange(1, 9999);
  const std::int64_t length = Date::FromCivil(year + 1, 1, 1)->DaysSinceEpoch() -
                              Date::FromCivil(year, 1, 1)->DaysSinceEpoch();
  RC_ASSERT(length == (IsLeapYear(year) ? 366 : 365));
  RC_ASSERT(DaysInMonth(year, 2) == (IsLeapYear(year) ? 29 : 28));
}

}  // namespace
}  // namespace psl
