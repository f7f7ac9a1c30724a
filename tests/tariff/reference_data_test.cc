// Tests for the built-in reference data (src/psl/reference/reference_data.h) and for the
// derivation of the default tariff's reference values from it (docs/tariff.md). Expected
// values are read off the files in data/ (sources in data/SOURCES.md) and off
// ../shared/data/SOURCES.md ("from 5.5 for Hart to 45.0 for Blackpool"; "the monthly rate goes
// from 5.2 in Jan 2008 to 8.5 in Oct 2011, then back to 3.8 in 2019").
#include "psl/reference/reference_data.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "psl/tariff/tariff.h"
#include "tariff_test_support.h"

namespace psl::reference {
namespace {

using tariff::Area;
using tariff::DefaultTariff;
using tariff::MonthlyRate;

const Area* FindArea(std::string_view code) {
  for (const Area& area : BuiltInAreas()) {
    if (area.code == code) return &area;
  }
  return nullptr;
}

TEST(BuiltInAreas, AllEnglishDistricts) {
  const auto& areas = BuiltInAreas();
  ASSERT_EQ(areas.size(), 317u);
  EXPECT_EQ(areas.front(), (Area{"E06000001", "Hartlepool", 35'037}));
  ASSERT_NE(FindArea("E06000009"), nullptr);
  EXPECT_EQ(FindArea("E06000009")->name, "Blackpool");
  EXPECT_EQ(FindArea("E06000009")->imd_score_milli, 45'039);
  ASSERT_NE(FindArea("E07000089"), nullptr);
  EXPECT_EQ(FindArea("E07000089")->name, "Hart");
  EXPECT_EQ(FindArea("E07000089")->imd_score_milli, 5'544);
  // A quoted name with a comma (RFC 4180) and a score with two decimals in the file (40.46).
  ASSERT_NE(FindArea("E06000010"), nullptr);
  EXPECT_EQ(FindArea("E06000010")->name, "Kingston upon Hull, City of");
  EXPECT_EQ(FindArea("E06000002")->imd_score_milli, 40'460);
  // Blackpool is the most deprived, Hart the least.
  const auto [least, most] = std::minmax_element(
      areas.begin(), areas.end(),
      [](const Area& a, const Area& b) { return a.imd_score_milli < b.imd_score_milli; });
  EXPECT_EQ(least->name, "Hart");
  EXPECT_EQ(most->name, "Blackpool");
}

TEST(BuiltInUnemployment, MonthlyMgsx1971To2020) {
  const auto& months = BuiltInUnemployment().months;
  ASSERT_EQ(months.size(), 597u);
  EXPECT_EQ(months.front(), (MonthlyRate{1971, 2, 38}));
  EXPECT_EQ(months.back(), (MonthlyRate{2020, 10, 50}));
  // Contiguous: every month from February 1971 to October 2020 once.
  for (std::size_t i = 1; i < months.size(); ++i) {
    EXPECT_EQ(months[i].year * 12 + months[i].month,
              months[i - 1].year * 12 + months[i - 1].month + 1);
  }
  auto january_2008 = tariff::RateFor(BuiltInUnemployment(), Date::FromCivil(2008, 1, 9).value());
  ASSERT_TRUE(january_2008.ok());
  EXPECT_EQ(january_2008->rate.rate_tenths, 52);
  auto october_2011 = tariff::RateFor(BuiltInUnemployment(), Date::FromCivil(2011, 10, 1).value());
  ASSERT_TRUE(october_2011.ok());
  EXPECT_EQ(october_2011->rate.rate_tenths, 85);
  EXPECT_FALSE(BuiltInUnemploymentCsv().empty());
  EXPECT_TRUE(BuiltInAreasCsv().starts_with("lad_code,lad_name,region,imd_average_score\n"));
}

// docs/tariff.md: the geographic reference is the median of the 317 district scores, which is
// one district's own score (317 is odd), so that district has weight exactly 1.
TEST(DefaultParameters, GeographicReferenceIsTheMedianDistrict) {
  std::vector<Area> areas = BuiltInAreas();
  std::sort(areas.begin(), areas.end(),
            [](const Area& a, const Area& b) { return a.imd_score_milli < b.imd_score_milli; });
  const Area& median = areas[areas.size() / 2];
  EXPECT_EQ(median.name, "Hillingdon");
  EXPECT_EQ(median.code, "E09000017");
  EXPECT_EQ(DefaultTariff().geographic.reference_score_milli, median.imd_score_milli);
  EXPECT_EQ(tariff::GeographicWeight(DefaultTariff().geographic, median.imd_score_milli),
            Weight::One());
}

// docs/tariff.md: the cyclical reference is the long-run mean of the monthly series, rounded to
// the published tenth: 40,961 tenths over 597 months = 68.61 tenths -> 69 (6.9%).
TEST(DefaultParameters, CyclicalReferenceIsTheLongRunMean) {
  const auto& months = BuiltInUnemployment().months;
  std::int64_t total = 0;
  for (const MonthlyRate& month : months) total += month.rate_tenths;
  const std::int64_t count = static_cast<std::int64_t>(months.size());
  const std::int64_t rounded = (2 * total + count) / (2 * count);  // half up; all positive
  EXPECT_EQ(rounded, 69);
  EXPECT_EQ(DefaultTariff().cyclical.reference_rate_tenths, rounded);
}

// The bounds are safeguards: every real district and every published month falls strictly
// inside them, so the weights follow the data everywhere they can be checked.
TEST(DefaultParameters, RealDataIsInsideTheBounds) {
  const tariff::Tariff& t = DefaultTariff();
  for (const Area& area : BuiltInAreas()) {
    const Weight w = tariff::GeographicWeight(t.geographic, area.imd_score_milli);
    EXPECT_LT(t.geographic.minimum, w) << area.name;
    EXPECT_LT(w, t.geographic.maximum) << area.name;
  }
  for (const MonthlyRate& month : BuiltInUnemployment().months) {
    const Weight w = tariff::CyclicalWeight(t.cyclical, month.rate_tenths);
    EXPECT_LT(t.cyclical.minimum, w) << month.year << "-" << month.month;
    EXPECT_LT(w, t.cyclical.maximum) << month.year << "-" << month.month;
  }
}

// The report's £11,000 with the real data: Hillingdon in January 2014 (MGSX 6.9%).
TEST(DefaultParameters, ReportExampleOnTheBuiltInData) {
  auto quote =
      tariff::PriceOutcome(DefaultTariff(), *FindArea("E09000017"), BuiltInUnemployment(),
                           tariff::QuoteRequest{"employment_sustained_2y",
                                                {"illiterate", "english_second_language",
                                                 "childhood_abuse", "no_fixed_abode", "dyslexic"},
                                                Date::FromCivil(2014, 1, 31).value()});
  ASSERT_TRUE(quote.ok()) << quote.status().ToString();
  EXPECT_EQ(quote->price.pence(), 1'100'000);
  // After the series: October 2020's 5.0% carries forward.
  auto later = tariff::PriceOutcome(
      DefaultTariff(), *FindArea("E09000017"), BuiltInUnemployment(),
      tariff::QuoteRequest{"employment_sustained_2y", {}, Date::FromCivil(2026, 1, 1).value()});
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->items[2].id, "2020-10");
  EXPECT_NE(later->items[2].label.find("carried forward from 2020-10"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Parser errors name the line and column.

void ExpectError(const Status& status, std::string_view message_part, std::string_view field) {
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(status.message().find(message_part), std::string::npos) << status.ToString();
  EXPECT_EQ(status.field(), field) << status.ToString();
}

constexpr std::string_view kAreasHeader = "lad_code,lad_name,region,imd_average_score\n";

TEST(ParseAreasCsv, Errors) {
  ExpectError(ParseAreasCsv("").ToStatus(), "header", "");
  ExpectError(ParseAreasCsv("code,name\n").ToStatus(), "line 1", "");
  ExpectError(ParseAreasCsv(kAreasHeader).ToStatus(), "no districts", "");
  ExpectError(ParseAreasCsv(std::string(kAreasHeader) + "E1,A,B\n").ToStatus(), "line 2", "");
  ExpectError(ParseAreasCsv(std::string(kAreasHeader) + "E1,A,B,12.3456\n").ToStatus(),
              "line 2, column 4", "imd_average_score");
  ExpectError(ParseAreasCsv(std::string(kAreasHeader) + "E1,A,B,-1\n").ToStatus(),
              "line 2, column 4", "imd_average_score");
  ExpectError(ParseAreasCsv(std::string(kAreasHeader) + "E1,A,B,1\ne2,A,B,1\n").ToStatus(),
              "line 3, column 1", "lad_code");
  ExpectError(ParseAreasCsv(std::string(kAreasHeader) + "E1,A,B,1\nE1,C,D,2\n").ToStatus(),
              "listed twice", "lad_code");
  ExpectError(ParseAreasCsv(std::string(kAreasHeader) + "E1,\"A,B,1\n").ToStatus(), "not closed",
              "");
  ExpectError(ParseAreasCsv(std::string(kAreasHeader) + "E1,A\"x\",B,1\n").ToStatus(), "quote", "");
  ExpectError(ParseAreasCsv(std::string(kAreasHeader) + "\nE1,A,B,1\n").ToStatus(), "empty", "");
  ExpectError(ParseAreasCsv(std::string(kAreasHeader) + "E1,,B,1\n").ToStatus(), "column 2",
              "lad_name");
}

TEST(ParseAreasCsv, AcceptsCrlfAndQuotes) {
  auto areas = ParseAreasCsv(
      "lad_code,lad_name,region,imd_average_score\r\nE1,\"Say \"\"hi\"\", "
      "there\",R,7.5\r\nE2,B,R,8");
  ASSERT_TRUE(areas.ok()) << areas.status().ToString();
  ASSERT_EQ(areas->size(), 2u);
  EXPECT_EQ((*areas)[0], (Area{"E1", "Say \"hi\", there", 7'500}));
  EXPECT_EQ((*areas)[1], (Area{"E2", "B", 8'000}));
}

constexpr std::string_view kRatesHeader = "period,date,MGSX\n";

TEST(ParseUnemploymentCsv, Errors) {
  ExpectError(ParseUnemploymentCsv("period,date,rate\n").ToStatus(), "header", "");
  ExpectError(ParseUnemploymentCsv(kRatesHeader).ToStatus(), "no months", "");
  ExpectError(ParseUnemploymentCsv(std::string(kRatesHeader) + "x,1971-13,3.8\n").ToStatus(),
              "line 2, column 2", "date");
  ExpectError(ParseUnemploymentCsv(std::string(kRatesHeader) + "x,1971-2,3.8\n").ToStatus(),
              "line 2, column 2", "date");
  ExpectError(ParseUnemploymentCsv(std::string(kRatesHeader) + "x,1971-02,3.85\n").ToStatus(),
              "line 2, column 3", "MGSX");
  ExpectError(ParseUnemploymentCsv(std::string(kRatesHeader) + "x,1971-02,4\n").ToStatus(),
              "line 2, column 3", "MGSX");
  ExpectError(ParseUnemploymentCsv(std::string(kRatesHeader) + "x,1971-02,100.1\n").ToStatus(),
              "column 3", "MGSX");
  ExpectError(ParseUnemploymentCsv(std::string(kRatesHeader) + ",1971-02,4.0\n").ToStatus(),
              "column 1", "period");
  ExpectError(
      ParseUnemploymentCsv(std::string(kRatesHeader) + "a,1971-03,3.8\nb,1971-02,3.9\n").ToStatus(),
      "line 3, column 2", "date");
  ExpectError(
      ParseUnemploymentCsv(std::string(kRatesHeader) + "a,1971-03,3.8\nb,1971-03,3.9\n").ToStatus(),
      "ascending", "date");
}

TEST(ParseUnemploymentCsv, ParsesTenths) {
  auto series =
      ParseUnemploymentCsv("period,date,MGSX\n1971 FEB,1971-02,3.8\n1971 MAR,1971-03,10.0\n");
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  EXPECT_EQ(series->months, (std::vector<MonthlyRate>{{1971, 2, 38}, {1971, 3, 100}}));
}

// The parsers read outside text: whatever it is, they answer without crashing, and what they
// accept is within their documented limits.
RC_GTEST_PROP(ReferenceParsers, NeverCrashOnRandomText, (const std::string& text)) {
  for (const std::string& input :
       {text, std::string(kAreasHeader) + text, std::string(kRatesHeader) + text}) {
    auto areas = ParseAreasCsv(input);
    if (areas.ok()) {
      RC_ASSERT(!areas->empty());
      for (const Area& area : *areas) RC_ASSERT(area.imd_score_milli >= 0);
    } else {
      RC_ASSERT(areas.status().code() == ErrorCode::kInvalidArgument);
    }
    auto series = ParseUnemploymentCsv(input);
    if (series.ok()) {
      for (const MonthlyRate& month : series->months) {
        RC_ASSERT(month.month >= 1 && month.month <= 12);
        RC_ASSERT(month.rate_tenths >= 0 && month.rate_tenths <= 1000);
      }
    } else {
      RC_ASSERT(series.status().code() == ErrorCode::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace psl::reference
