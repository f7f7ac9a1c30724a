// Tests for psl::Timestamp (src/psl/core/timestamp.h). Expected instants were computed with
// Python: datetime(..., tzinfo=timezone.utc).timestamp().
#include "psl/core/timestamp.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <string>

#include "test_support.h"

namespace psl {
namespace {

using testing_support::kFirstDay;
using testing_support::kLastDay;

constexpr std::int64_t kDay = 86'400;

TEST(Timestamp, FormatsAndParsesKnownInstants) {
  struct Case {
    std::int64_t seconds;
    const char* iso;
  };
  for (const Case& c : {
           Case{0, "1970-01-01T00:00:00Z"},
           Case{-1, "1969-12-31T23:59:59Z"},
           Case{1'795'437'752, "2026-11-23T12:42:32Z"},  // timestamp.h example
           Case{1'709'251'199, "2024-02-29T23:59:59Z"},
           Case{-62'135'596'800, "0001-01-01T00:00:00Z"},
           Case{253'402'300'799, "9999-12-31T23:59:59Z"},
       }) {
    const Timestamp t = Timestamp::FromUnixSeconds(c.seconds);
    EXPECT_EQ(t.ToIso8601(), c.iso);
    auto parsed = Timestamp::ParseIso8601(c.iso);
    ASSERT_TRUE(parsed.ok()) << c.iso << ": " << parsed.status().ToString();
    EXPECT_EQ(parsed->unix_seconds(), c.seconds) << c.iso;
  }
}

TEST(Timestamp, UtcDateAtDayBoundaries) {
  EXPECT_EQ(Timestamp::FromUnixSeconds(0).UtcDate().ToString(), "1970-01-01");
  EXPECT_EQ(Timestamp::FromUnixSeconds(kDay - 1).UtcDate().ToString(), "1970-01-01");
  EXPECT_EQ(Timestamp::FromUnixSeconds(kDay).UtcDate().ToString(), "1970-01-02");
  // Negative seconds floor towards the earlier day, not towards zero.
  EXPECT_EQ(Timestamp::FromUnixSeconds(-1).UtcDate().ToString(), "1969-12-31");
  EXPECT_EQ(Timestamp::FromUnixSeconds(-kDay).UtcDate().ToString(), "1969-12-31");
  EXPECT_EQ(Timestamp::FromUnixSeconds(-kDay - 1).UtcDate().ToString(), "1969-12-30");
  EXPECT_EQ(Timestamp::FromUnixSeconds(-kDay + 1).UtcDate().ToString(), "1969-12-31");
  EXPECT_EQ(Timestamp::FromUnixSeconds(1'709'251'199).UtcDate().ToString(), "2024-02-29");
  EXPECT_EQ(Timestamp::FromUnixSeconds(1'709'251'200).UtcDate().ToString(), "2024-03-01");
}

TEST(Timestamp, PlusSecondsAndOrdering) {
  const Timestamp t = Timestamp::FromUnixSeconds(1'709'251'199);
  EXPECT_EQ(t.PlusSeconds(1).ToIso8601(), "2024-03-01T00:00:00Z");
  EXPECT_EQ(t.PlusSeconds(-kDay).ToIso8601(), "2024-02-28T23:59:59Z");
  EXPECT_LT(t, t.PlusSeconds(1));
  EXPECT_EQ(Timestamp().unix_seconds(), 0);
}

TEST(Timestamp, ParseRejectsOtherForms) {
  for (const char* text : {
           "",                           //
           "2026-11-23",                 // a date only
           "2026-11-23T12:42:32",        // no Z
           "2026-11-23T12:42:32z",       // lowercase z
           "2026-11-23 12:42:32Z",       // space instead of T
           "2026-11-23T12:42:32+00:00",  // offset form
           "2026-11-23T12:42:32.000Z",   // fractional seconds
           "2026-11-23T12:42Z",          // no seconds
           "2026-11-23T24:00:00Z",       // hour 24
           "2026-11-23T12:60:00Z",       // minute 60
           "2026-11-23T12:00:60Z",       // leap second
           "2026-02-30T00:00:00Z",       // no such date
           "2026-11-23T1a:42:32Z",       // not a digit
           "2026-11-23T12-42-32Z",       // wrong separators
           "2026-1-23T12:42:32Z ",       // short month, padded to length
           " 2026-11-23T12:42:32Z",      //
       }) {
    auto parsed = Timestamp::ParseIso8601(text);
    EXPECT_FALSE(parsed.ok()) << "'" << text << "' parsed as " << parsed->unix_seconds();
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument);
    }
  }
}

// Instants in years 1..9999, the range Date supports.
rc::Gen<std::int64_t> AnySeconds() {
  return rc::gen::weightedOneOf<std::int64_t>({
      {3, rc::gen::inRange<std::int64_t>(kFirstDay * kDay, (kLastDay + 1) * kDay)},
      {1, rc::gen::inRange<std::int64_t>(-3 * kDay, 3 * kDay)},
  });
}

RC_GTEST_PROP(TimestampProperty, IsoRoundTrips, ()) {
  const std::int64_t seconds = *AnySeconds();
  const std::string iso = Timestamp::FromUnixSeconds(seconds).ToIso8601();
  RC_ASSERT(iso.size() == 20u);
  const auto parsed = Timestamp::ParseIso8601(iso);
  RC_ASSERT(parsed.ok());
  RC_ASSERT(parsed->unix_seconds() == seconds);
}

RC_GTEST_PROP(TimestampProperty, UtcDateIsTheDatePartAndTheFloorDay, ()) {
  const std::int64_t seconds = *AnySeconds();
  const Timestamp t = Timestamp::FromUnixSeconds(seconds);
  const Date date = t.UtcDate();
  RC_ASSERT(t.ToIso8601().substr(0, 10) == date.ToString());
  // The day's first second is at or before the instant, the next day's first second after it.
  RC_ASSERT(date.DaysSinceEpoch() * kDay <= seconds);
  RC_ASSERT(seconds < (date.DaysSinceEpoch() + 1) * kDay);
}

}  // namespace
}  // namespace psl
