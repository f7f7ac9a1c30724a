// Tests for the tariff pricing engine (src/psl/tariff/tariff.h). Expected values come from the
// report (Reform, "Markets for good", 2014: chapter 5 "Example of tariff payment", and
// Recommendation 4: "£2,000 ... + £300 more if they are blind + £3,500 more if they have a
// history of homelessness"), from SPEC TAR-1..6, and from the real data in data/ with the
// default parameters of docs/tariff.md.
#include "psl/tariff/tariff.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "psl/core/date.h"
#include "tariff_test_support.h"

namespace psl::tariff {
namespace {

using testing_support::SeriesFrom;

Money Pounds(std::int64_t pounds) { return Money::FromPence(pounds * 100); }
Date D(int year, int month, int day) { return Date::FromCivil(year, month, day).value(); }

// An area whose score is the default reference (Hillingdon, the median district), and a series
// whose rate in January 2014 is the default reference (6.9%): both weights are exactly 1.
Area ReferenceArea() { return Area{"E09000017", "Hillingdon", 18'223}; }
UnemploymentSeries FlatSeries() { return SeriesFrom(2014, 1, std::vector<int>(12, 69)); }

const std::vector<std::string> kReportBarriers = {"illiterate", "english_second_language",
                                                  "childhood_abuse", "no_fixed_abode", "dyslexic"};

Quote Price(const Tariff& tariff, const Area& area, const UnemploymentSeries& series,
            const std::string& outcome, std::vector<std::string> barriers, Date date) {
  auto quote = PriceOutcome(tariff, area, series, QuoteRequest{outcome, std::move(barriers), date});
  EXPECT_TRUE(quote.ok()) << quote.status().ToString();
  return quote.ok() ? *quote : Quote{};
}

// ---------------------------------------------------------------------------------------------
// The report's worked examples (TAR-1).

// Report chapter 5, "Example of tariff payment": employment sustained for two years, core
// £2,000 + illiterate £1,500 + English as a second language £1,000 + abuse as a child £3,000 +
// no fixed abode £3,000 + dyslexic £500 = £11,000; SPEC TAR-1 with both weights 1.0.
TEST(WorkedExample, ReportElevenThousandPounds) {
  const Quote quote = Price(DefaultTariff(), ReferenceArea(), FlatSeries(),
                            "employment_sustained_2y", kReportBarriers, D(2014, 1, 15));
  EXPECT_EQ(quote.base.pence(), 1'100'000);
  EXPECT_EQ(quote.geographic_weight, Weight::One());
  EXPECT_EQ(quote.cyclical_weight, Weight::One());
  EXPECT_EQ(quote.geographic_weight.ToString(), "1.000000");
  EXPECT_EQ(quote.price.pence(), 1'100'000);
  EXPECT_EQ(quote.price.Format(),
            "\xC2\xA3"
            "11,000.00");
  EXPECT_EQ(quote.outcome, "employment_sustained_2y");
  EXPECT_EQ(quote.tariff_version, 1);

  // TAR-3: core, each supplement in the order given, each weight, the rounding.
  ASSERT_EQ(quote.items.size(), 9u);
  EXPECT_EQ(quote.items[0].kind, "core");
  EXPECT_EQ(quote.items[0].id, "employment_sustained_2y");
  EXPECT_EQ(quote.items[0].amount, Pounds(2'000));
  const std::vector<std::int64_t> pounds = {1'500, 1'000, 3'000, 3'000, 500};
  for (std::size_t i = 0; i < kReportBarriers.size(); ++i) {
    EXPECT_EQ(quote.items[1 + i].kind, "supplement");
    EXPECT_EQ(quote.items[1 + i].id, kReportBarriers[i]);
    EXPECT_EQ(quote.items[1 + i].amount, Pounds(pounds[i]));
    EXPECT_FALSE(quote.items[1 + i].weight.has_value());
  }
  EXPECT_EQ(quote.items[6].kind, "geographic_weight");
  EXPECT_EQ(quote.items[6].id, "E09000017");
  EXPECT_EQ(quote.items[6].weight, Weight::One());
  EXPECT_NE(quote.items[6].label.find("Hillingdon"), std::string::npos) << quote.items[6].label;
  EXPECT_NE(quote.items[6].label.find("18.223"), std::string::npos) << quote.items[6].label;
  EXPECT_EQ(quote.items[7].kind, "cyclical_weight");
  EXPECT_EQ(quote.items[7].id, "2014-01");
  EXPECT_EQ(quote.items[7].weight, Weight::One());
  EXPECT_NE(quote.items[7].label.find("6.9%"), std::string::npos) << quote.items[7].label;
  EXPECT_EQ(quote.items[7].label.find("carried forward"), std::string::npos);
  EXPECT_EQ(quote.items[8].kind, "rounding");
  EXPECT_FALSE(quote.items[8].amount.has_value());
  EXPECT_FALSE(quote.items[8].weight.has_value());
  EXPECT_NE(quote.items[8].label.find("= \xC2\xA3"
                                      "11,000.00 exactly"),
            std::string::npos)
      << quote.items[8].label;
  EXPECT_NE(quote.items[8].label.find("half away from zero"), std::string::npos);
}

// Report Recommendation 4: "£2,000 to get someone into sustained employment + £300 more if
// they are blind + £3,500 more if they have a history of homelessness".
TEST(WorkedExample, ReportBlindAndHomelessness) {
  const Quote quote =
      Price(DefaultTariff(), ReferenceArea(), FlatSeries(), "employment_sustained_2y",
            {"blind", "homelessness_history"}, D(2014, 6, 30));
  EXPECT_EQ(quote.base, Pounds(2'000 + 300 + 3'500));
  EXPECT_EQ(quote.price, Pounds(5'800));
  EXPECT_EQ(quote.items[1].amount, Pounds(300));
  EXPECT_EQ(quote.items[2].amount, Pounds(3'500));
}

// The core alone, in a more deprived area in a recession month: the weights change the price,
// rounded once (hand computed: 200000 × 1.100000 × 1.040000 = 228800 pence exactly).
TEST(WorkedExample, WeightsMultiplyTheBase) {
  const Area deprived{"E99999999", "Somewhere", 28'223};        // reference + 10 points: 1.100000
  const UnemploymentSeries series = SeriesFrom(2014, 1, {89});  // reference + 2.0 pp: 1.040000
  const Quote quote =
      Price(DefaultTariff(), deprived, series, "employment_sustained_2y", {}, D(2014, 1, 1));
  EXPECT_EQ(quote.geographic_weight.ToString(), "1.100000");
  EXPECT_EQ(quote.cyclical_weight.ToString(), "1.040000");
  EXPECT_EQ(quote.price.pence(), 228'800);
}

// Rounding once (TAR-6): £0.05 × 1.1 × 1.1 = 6.05p -> 6p; rounding each step would give
// round(round(5.5) × 1.1) = round(6.6) = 7p.
TEST(WorkedExample, RoundsOnceAtTheEnd) {
  Tariff tariff = DefaultTariff();
  tariff.outcomes[0].core = Money::FromPence(5);
  tariff.geographic.maximum = Weight::FromMicros(2'000'000);
  tariff.cyclical.maximum = Weight::FromMicros(2'000'000);
  tariff.cyclical.slope_micros_per_tenth = 100'000;
  const Area area{"E99999999", "Somewhere", 28'223};
  const Quote quote =
      Price(tariff, area, SeriesFrom(2014, 1, {70}), tariff.outcomes[0].outcome, {}, D(2014, 1, 1));
  EXPECT_EQ(quote.geographic_weight.ToString(), "1.100000");
  EXPECT_EQ(quote.cyclical_weight.ToString(), "1.100000");
  EXPECT_EQ(quote.price.pence(), 6);
  EXPECT_NE(quote.items.back().label.find("\xC2\xA3"
                                          "0.0605 exactly"),
            std::string::npos)
      << quote.items.back().label;
}

// ---------------------------------------------------------------------------------------------
// The default tariff (docs/tariff.md).

TEST(DefaultTariff, KnowsExactlyTheSeventeenBarriers) {
  std::set<std::string> barriers;
  for (const auto& [id, amount] : DefaultTariff().supplements) barriers.insert(id);
  const std::set<std::string> expected = {"illiterate",
                                          "english_second_language",
                                          "childhood_abuse",
                                          "no_fixed_abode",
                                          "dyslexic",
                                          "blind",
                                          "homelessness_history",
                                          "heroin_addiction",
                                          "alcohol_dependency",
                                          "criminal_record",
                                          "severe_mental_illness",
                                          "learning_disability",
                                          "physical_disability",
                                          "care_leaver",
                                          "lone_parent",
                                          "long_term_unemployed",
                                          "debt_problems"};
  EXPECT_EQ(barriers, expected);
}

TEST(DefaultTariff, VersionDatesAndEveryOutcomePriced) {
  const Tariff& tariff = DefaultTariff();
  EXPECT_TRUE(ValidateTariff(tariff).ok());
  EXPECT_EQ(tariff.version, 1);
  EXPECT_EQ(tariff.effective_from, D(2014, 1, 1));
  EXPECT_EQ(tariff.catalogue_version, 1);
  const std::vector<std::string> outcomes = {"no_custody_3y",
                                             "no_custody_4y",
                                             "reduced_police_contact",
                                             "drug_free_2y",
                                             "drug_free_3y",
                                             "sober_2y",
                                             "healthy_bmi_2y",
                                             "quit_smoking_sustained",
                                             "employment_sustained_2y",
                                             "median_wage_fraction_3y",
                                             "debt_reduced_2y",
                                             "clinical_scale_improvement",
                                             "loneliness_quality_of_life",
                                             "child_development_3_5",
                                             "attainment_16_relative",
                                             "not_neet_18"};
  EXPECT_EQ(tariff.outcomes.size(), outcomes.size());
  for (const std::string& id : outcomes) {
    const OutcomeTariff* outcome = tariff.Find(id);
    ASSERT_NE(outcome, nullptr) << id;
    EXPECT_GT(outcome->core.pence(), 0) << id;
  }
  EXPECT_EQ(tariff.Find("employment_sustained_2y")->core, Pounds(2'000));
  EXPECT_TRUE(tariff.Find("employment_sustained_2y")->supplements.empty());
  EXPECT_EQ(tariff.Find("nothing_of_the_kind"), nullptr);
}

TEST(DefaultTariff, OutcomeOverrideReplacesTheDefault) {
  const Quote quote = Price(DefaultTariff(), ReferenceArea(), FlatSeries(), "drug_free_2y",
                            {"heroin_addiction", "blind"}, D(2014, 1, 1));
  EXPECT_EQ(quote.items[1].amount, Pounds(6'000));  // drug_free_2y's own amount
  EXPECT_NE(quote.items[1].label.find("own amount"), std::string::npos) << quote.items[1].label;
  EXPECT_EQ(quote.items[2].amount, Pounds(300));  // the default
  EXPECT_EQ(quote.base, Pounds(4'000 + 6'000 + 300));
  const Quote custody = Price(DefaultTariff(), ReferenceArea(), FlatSeries(), "no_custody_3y",
                              {"criminal_record"}, D(2014, 1, 1));
  EXPECT_EQ(custody.base, Pounds(4'000));
  EXPECT_EQ(custody.items[1].amount, Money::Zero());
}

// ---------------------------------------------------------------------------------------------
// Errors name what is wrong.

TEST(PriceOutcomeErrors, UnknownOutcomeNamesIt) {
  auto quote = PriceOutcome(DefaultTariff(), ReferenceArea(), FlatSeries(),
                            QuoteRequest{"world_peace", {}, D(2014, 1, 1)});
  ASSERT_FALSE(quote.ok());
  EXPECT_EQ(quote.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(quote.status().field(), "outcome");
  EXPECT_NE(quote.status().message().find("world_peace"), std::string::npos);
}

TEST(PriceOutcomeErrors, UnknownBarrierNamesIt) {
  auto quote = PriceOutcome(
      DefaultTariff(), ReferenceArea(), FlatSeries(),
      QuoteRequest{"employment_sustained_2y", {"illiterate", "left_handed"}, D(2014, 1, 1)});
  ASSERT_FALSE(quote.ok());
  EXPECT_EQ(quote.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(quote.status().field(), "barriers");
  EXPECT_NE(quote.status().message().find("left_handed"), std::string::npos);
}

TEST(PriceOutcomeErrors, DuplicateBarrierIsRefused) {
  for (std::size_t extra : {0u, 30u}) {  // the pairwise and the sorted check
    std::vector<std::string> barriers = {"blind", "dyslexic", "blind"};
    for (std::size_t i = 0; i < extra; ++i)
      barriers.insert(barriers.begin(), "x" + std::to_string(i));
    auto quote = PriceOutcome(DefaultTariff(), ReferenceArea(), FlatSeries(),
                              QuoteRequest{"employment_sustained_2y", barriers, D(2014, 1, 1)});
    ASSERT_FALSE(quote.ok());
    EXPECT_EQ(quote.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(quote.status().field(), "barriers");
    EXPECT_NE(quote.status().message().find("blind"), std::string::npos);
  }
}

TEST(PriceOutcomeErrors, DateBeforeTheSeriesIsRefused) {
  auto quote = PriceOutcome(DefaultTariff(), ReferenceArea(), FlatSeries(),
                            QuoteRequest{"employment_sustained_2y", {}, D(2013, 12, 31)});
  ASSERT_FALSE(quote.ok());
  EXPECT_EQ(quote.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(quote.status().field(), "date");
}

TEST(PriceOutcomeErrors, OverflowIsReportedNotWrapped) {
  Tariff tariff = DefaultTariff();
  tariff.outcomes[0].core = Money::FromPence(INT64_MAX);
  auto quote = PriceOutcome(tariff, ReferenceArea(), FlatSeries(),
                            QuoteRequest{tariff.outcomes[0].outcome, {"blind"}, D(2014, 1, 1)});
  ASSERT_FALSE(quote.ok());
  EXPECT_EQ(quote.status().code(), ErrorCode::kOverflow);
}

// The labels are built in a fixed buffer that spills into a string: a long name is kept whole.
TEST(PriceOutcome, LongDistrictNameIsKeptWhole) {
  const std::string name(3000, 'n');
  const Area area{"E99999999", name, 18'223};
  const Quote quote =
      Price(DefaultTariff(), area, FlatSeries(), "employment_sustained_2y", {}, D(2014, 1, 1));
  const std::string& label = quote.items[1].label;
  EXPECT_NE(label.find("Geographic weight for " + name + " (E99999999)"), std::string::npos);
  EXPECT_TRUE(label.ends_with("(bounded to 0.850000..1.300000).")) << label.substr(3000);
}

// The engine formats amounts itself (the hot path); it writes them as Money::Format does.
RC_GTEST_PROP(PriceProperties, LabelsWriteAmountsAsMoneyFormat, ()) {
  Tariff tariff = DefaultTariff();
  tariff.outcomes[0].core = Money::FromPence(*rc::gen::inRange<std::int64_t>(0, INT64_MAX / 4));
  const Quote quote =
      Price(tariff, ReferenceArea(), FlatSeries(), tariff.outcomes[0].outcome, {}, D(2014, 1, 1));
  const std::string formatted = tariff.outcomes[0].core.Format();
  RC_ASSERT(quote.items[0].label.find(": " + formatted + " (tariff") != std::string::npos);
  RC_ASSERT(quote.items.back().label.starts_with(formatted + " \xC3\x97 1.000000"));
  RC_ASSERT(quote.items.back().label.ends_with(": " + formatted + "."));
}

// ---------------------------------------------------------------------------------------------
// The unemployment rate of a month (ONS MGSX: 1971-02 .. 2020-10 in data/).

TEST(RateFor, MonthInsideTheSeries) {
  const UnemploymentSeries series = SeriesFrom(1971, 2, {38, 39, 40, 41});
  auto rate = RateFor(series, D(1971, 4, 30));
  ASSERT_TRUE(rate.ok());
  EXPECT_EQ(rate->rate, (MonthlyRate{1971, 4, 40}));
  EXPECT_FALSE(rate->carried_forward);
}

TEST(RateFor, FirstMonthAndTheDayBefore) {
  const UnemploymentSeries series = SeriesFrom(1971, 2, {38, 39});
  auto first = RateFor(series, D(1971, 2, 1));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->rate.rate_tenths, 38);
  auto before = RateFor(series, D(1971, 1, 31));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(before.status().field(), "date");
  EXPECT_NE(before.status().message().find("1971-02"), std::string::npos);
}

TEST(RateFor, AfterTheSeriesTheLastMonthCarriesForward) {
  const UnemploymentSeries series = SeriesFrom(2020, 9, {49, 50});
  auto last = RateFor(series, D(2020, 10, 31));
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->rate, (MonthlyRate{2020, 10, 50}));
  EXPECT_FALSE(last->carried_forward);
  auto later = RateFor(series, D(2031, 3, 1));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->rate, (MonthlyRate{2020, 10, 50}));
  EXPECT_TRUE(later->carried_forward);
}

TEST(RateFor, GapAndEmptySeries) {
  UnemploymentSeries gap;
  gap.months = {{2000, 1, 50}, {2000, 2, 51}, {2000, 6, 55}};
  auto inside = RateFor(gap, D(2000, 4, 10));
  ASSERT_TRUE(inside.ok());
  EXPECT_EQ(inside->rate, (MonthlyRate{2000, 2, 51}));
  EXPECT_TRUE(inside->carried_forward);
  auto june = RateFor(gap, D(2000, 6, 1));
  ASSERT_TRUE(june.ok());
  EXPECT_EQ(june->rate.rate_tenths, 55);
  EXPECT_FALSE(june->carried_forward);
  auto empty = RateFor(UnemploymentSeries{}, D(2000, 1, 1));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), ErrorCode::kFailedPrecondition);
}

TEST(PriceOutcome, CarriedForwardRateIsSaidInTheItem) {
  const UnemploymentSeries series = SeriesFrom(2020, 9, {49, 50});
  const Quote quote =
      Price(DefaultTariff(), ReferenceArea(), series, "employment_sustained_2y", {}, D(2023, 5, 2));
  const QuoteItem& cyclical = quote.items[2];
  EXPECT_EQ(cyclical.kind, "cyclical_weight");
  EXPECT_EQ(cyclical.id, "2020-10");
  EXPECT_NE(cyclical.label.find("2023-05"), std::string::npos) << cyclical.label;
  EXPECT_NE(cyclical.label.find("carried forward from 2020-10"), std::string::npos)
      << cyclical.label;
  // 5.0% against 6.9%: 1 + 0.02 × (5.0 − 6.9) = 0.962000.
  EXPECT_EQ(quote.cyclical_weight.ToString(), "0.962000");
}

// ---------------------------------------------------------------------------------------------
// The weights (TAR-2).

// IMD 2019 average scores (data/areas.csv): Blackpool 45.039 (the most deprived district),
// Hart 5.544 (the least). 1 + 0.00001 × (45039 − 18223) = 1.268160 and
// 1 + 0.00001 × (5544 − 18223) = 0.873210.
TEST(GeographicWeight, BlackpoolAndHart) {
  const GeographicWeighting& weighting = DefaultTariff().geographic;
  const Weight blackpool = GeographicWeight(weighting, 45'039);
  const Weight hart = GeographicWeight(weighting, 5'544);
  EXPECT_EQ(blackpool.ToString(), "1.268160");
  EXPECT_EQ(hart.ToString(), "0.873210");
  EXPECT_LT(hart, Weight::One());
  EXPECT_LT(Weight::One(), blackpool);
  for (Weight weight : {blackpool, hart}) {
    EXPECT_LE(weighting.minimum, weight);
    EXPECT_LE(weight, weighting.maximum);
  }
  EXPECT_EQ(GeographicWeight(weighting, 18'223), Weight::One());
}

TEST(GeographicWeight, Bounded) {
  const GeographicWeighting& weighting = DefaultTariff().geographic;
  EXPECT_EQ(GeographicWeight(weighting, 100'000), weighting.maximum);
  EXPECT_EQ(GeographicWeight(weighting, 0), weighting.minimum);
  EXPECT_EQ(GeographicWeight(weighting, INT64_MAX), weighting.maximum);
  EXPECT_EQ(GeographicWeight(weighting, INT64_MIN), weighting.minimum);
}

// MGSX extremes (data/unemployment_monthly.csv): 3.4% and 11.9%.
TEST(CyclicalWeight, SeriesExtremes) {
  const CyclicalWeighting& weighting = DefaultTariff().cyclical;
  EXPECT_EQ(CyclicalWeight(weighting, 34).ToString(), "0.930000");
  EXPECT_EQ(CyclicalWeight(weighting, 119).ToString(), "1.100000");
  EXPECT_EQ(CyclicalWeight(weighting, 69), Weight::One());
  EXPECT_EQ(CyclicalWeight(weighting, 1000), weighting.maximum);
  EXPECT_EQ(CyclicalWeight(weighting, 0), weighting.minimum);
}

TEST(PriceOutcome, ClampedWeightIsSaidInTheItem) {
  const Area extreme{"E99999999", "Anywhere", 90'000};
  const Quote quote =
      Price(DefaultTariff(), extreme, FlatSeries(), "employment_sustained_2y", {}, D(2014, 1, 1));
  EXPECT_EQ(quote.geographic_weight, DefaultTariff().geographic.maximum);
  EXPECT_NE(quote.items[1].label.find("so the maximum 1.300000"), std::string::npos)
      << quote.items[1].label;
}

// ---------------------------------------------------------------------------------------------
// The tariff in force (TAR-4).

TEST(TariffInForce, LatestEffectiveThenHighestVersion) {
  std::vector<Tariff> tariffs(4, DefaultTariff());
  tariffs[0].version = 1;
  tariffs[0].effective_from = D(2014, 1, 1);
  tariffs[1].version = 2;
  tariffs[1].effective_from = D(2015, 4, 1);
  tariffs[2].version = 4;  // a correction published for the same day as version 3
  tariffs[2].effective_from = D(2016, 4, 1);
  tariffs[3].version = 3;
  tariffs[3].effective_from = D(2016, 4, 1);
  auto version = [&](Date date) {
    auto tariff = TariffInForce(tariffs, date);
    return tariff.ok() ? (*tariff)->version : -1;
  };
  EXPECT_EQ(version(D(2014, 1, 1)), 1);
  EXPECT_EQ(version(D(2015, 3, 31)), 1);
  EXPECT_EQ(version(D(2015, 4, 1)), 2);
  EXPECT_EQ(version(D(2016, 4, 1)), 4);
  EXPECT_EQ(version(D(2030, 1, 1)), 4);
  auto none = TariffInForce(tariffs, D(2013, 12, 31));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(none.status().field(), "date");
  EXPECT_FALSE(TariffInForce({}, D(2020, 1, 1)).ok());
}

// ---------------------------------------------------------------------------------------------
// Validation names the field.

TEST(ValidateTariff, ErrorsNameTheField) {
  struct Case {
    const char* field;
    void (*mutate)(Tariff&);
  };
  const Case cases[] = {
      {"version", [](Tariff& t) { t.version = 0; }},
      {"catalogue_version", [](Tariff& t) { t.catalogue_version = 0; }},
      {"supplements_pence.blind", [](Tariff& t) { t.supplements["blind"] = Money::FromPence(-1); }},
      {"supplements_pence.blind",
       [](Tariff& t) { t.supplements["blind"] = Money::FromPence(kMaxAmountPence + 1); }},
      {"supplements_pence.Bad-Id", [](Tariff& t) { t.supplements["Bad-Id"] = Money::Zero(); }},
      {"outcomes", [](Tariff& t) { t.outcomes.clear(); }},
      {"outcomes[2].outcome", [](Tariff& t) { t.outcomes[2].outcome = "Not Snake"; }},
      {"outcomes[3].outcome", [](Tariff& t) { t.outcomes[3].outcome = t.outcomes[1].outcome; }},
      {"outcomes[1].core_pence", [](Tariff& t) { t.outcomes[1].core = Money::FromPence(-5); }},
      {"outcomes[0].supplements_pence.left_handed",
       [](Tariff& t) { t.outcomes[0].supplements["left_handed"] = Money::Zero(); }},
      {"outcomes[4].supplements_pence.blind",
       [](Tariff& t) { t.outcomes[4].supplements["blind"] = Money::FromPence(-1); }},
      {"geographic.reference_score_milli",
       [](Tariff& t) { t.geographic.reference_score_milli = -1; }},
      {"geographic.slope_micros_per_milli_point",
       [](Tariff& t) { t.geographic.slope_micros_per_milli_point = -1; }},
      {"geographic.minimum", [](Tariff& t) { t.geographic.minimum = Weight(); }},
      {"geographic.minimum",
       [](Tariff& t) { t.geographic.minimum = Weight::FromMicros(1'000'001); }},
      {"geographic.maximum", [](Tariff& t) { t.geographic.maximum = Weight::FromMicros(999'999); }},
      {"geographic.maximum",
       [](Tariff& t) { t.geographic.maximum = Weight::FromMicros(3'000'001); }},
      {"cyclical.reference_rate_tenths",
       [](Tariff& t) { t.cyclical.reference_rate_tenths = 1001; }},
      {"cyclical.slope_micros_per_tenth",
       [](Tariff& t) { t.cyclical.slope_micros_per_tenth = -2; }},
      {"cyclical.minimum", [](Tariff& t) { t.cyclical.minimum = Weight::FromMicros(-1); }},
      {"cyclical.maximum", [](Tariff& t) { t.cyclical.maximum = Weight::FromMicros(500'000); }},
  };
  for (const Case& c : cases) {
    Tariff tariff = DefaultTariff();
    c.mutate(tariff);
    const Status status = ValidateTariff(tariff);
    ASSERT_FALSE(status.ok()) << c.field;
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(status.field(), c.field) << status.ToString();
    EXPECT_FALSE(status.message().empty());
  }
}

// ---------------------------------------------------------------------------------------------
// Properties.

// The weights are monotone non-decreasing in their input and within their bounds (TAR-2).
RC_GTEST_PROP(WeightProperties, GeographicMonotoneAndBounded, ()) {
  const GeographicWeighting weighting = *testing_support::AnyGeographicWeighting();
  const auto a = *::psl::testing_support::AnyInt64();
  const auto b = *::psl::testing_support::AnyInt64();
  const Weight wa = GeographicWeight(weighting, std::min(a, b));
  const Weight wb = GeographicWeight(weighting, std::max(a, b));
  RC_ASSERT(wa <= wb);
  for (Weight w : {wa, wb}) {
    RC_ASSERT(weighting.minimum <= w);
    RC_ASSERT(w <= weighting.maximum);
  }
}

RC_GTEST_PROP(WeightProperties, CyclicalMonotoneAndBounded, ()) {
  const CyclicalWeighting weighting = *testing_support::AnyCyclicalWeighting();
  const auto a = *::psl::testing_support::AnyInt64();
  const auto b = *::psl::testing_support::AnyInt64();
  const Weight wa = CyclicalWeight(weighting, std::min(a, b));
  const Weight wb = CyclicalWeight(weighting, std::max(a, b));
  RC_ASSERT(wa <= wb);
  for (Weight w : {wa, wb}) {
    RC_ASSERT(weighting.minimum <= w);
    RC_ASSERT(w <= weighting.maximum);
  }
}

// A request on a generated tariff: an outcome of it and some of its barriers, in any order.
struct Scenario {
  Tariff tariff;
  std::string outcome;
  std::vector<std::string> barriers;
  std::int64_t score_milli = 0;
  int rate_tenths = 0;
};

rc::Gen<Scenario> AnyScenario() {
  return rc::gen::exec([] {
    Scenario s;
    s.tariff = *testing_support::AnyTariff();
    s.outcome = (*rc::gen::elementOf(s.tariff.outcomes)).outcome;
    for (const auto& [id, amount] : s.tariff.supplements) {
      if (*rc::gen::inRange(0, 3) == 0) s.barriers.push_back(id);
    }
    for (std::size_t i = s.barriers.size(); i > 1; --i) {  // any order
      std::swap(s.barriers[i - 1], s.barriers[*rc::gen::inRange<std::size_t>(0, i)]);
    }
    s.score_milli = *rc::gen::inRange<std::int64_t>(0, 100'001);
    s.rate_tenths = *rc::gen::inRange(0, 301);
    return s;
  });
}

Quote PriceScenario(const Scenario& s, std::int64_t score_milli, int rate_tenths,
                    const std::vector<std::string>& barriers) {
  const Area area{"E99999999", "Test", score_milli};
  auto quote = PriceOutcome(s.tariff, area, SeriesFrom(2000, 1, {rate_tenths}),
                            QuoteRequest{s.outcome, barriers, D(2000, 1, 1)});
  RC_ASSERT(quote.ok());
  return *quote;
}

// base = core + Σ supplements (the outcome's own amount if any, else the default); price =
// ApplyWeights(base, {gw, cw}), rounded once: within half a penny of the exact product (TAR-6).
RC_GTEST_PROP(PriceProperties, BaseAndRoundingOnce, ()) {
  const Scenario s = *AnyScenario();
  const Quote quote = PriceScenario(s, s.score_milli, s.rate_tenths, s.barriers);
  const OutcomeTariff& outcome = *s.tariff.Find(s.outcome);
  std::int64_t base = outcome.core.pence();
  for (const std::string& barrier : s.barriers) {
    const auto own = outcome.supplements.find(barrier);
    base += own != outcome.supplements.end() ? own->second.pence()
                                             : s.tariff.supplements.at(barrier).pence();
  }
  RC_ASSERT(quote.base.pence() == base);
  RC_ASSERT(quote.geographic_weight == GeographicWeight(s.tariff.geographic, s.score_milli));
  RC_ASSERT(quote.cyclical_weight == CyclicalWeight(s.tariff.cyclical, s.rate_tenths));
  const auto expected = ApplyWeights(quote.base, {quote.geographic_weight, quote.cyclical_weight});
  RC_ASSERT(expected.ok());
  RC_ASSERT(quote.price == *expected);
  const __int128 exact = static_cast<__int128>(base) * quote.geographic_weight.micros() *
                         quote.cyclical_weight.micros();
  const __int128 scale = static_cast<__int128>(1'000'000'000'000);
  const __int128 difference = static_cast<__int128>(quote.price.pence()) * scale - exact;
  RC_ASSERT(2 * (difference < 0 ? -difference : difference) <= scale);
  RC_ASSERT(quote.items.size() == s.barriers.size() + 4);
}

// The price is monotone non-decreasing in the deprivation score and in the unemployment rate.
RC_GTEST_PROP(PriceProperties, MonotoneInEachWeightInput, ()) {
  const Scenario s = *AnyScenario();
  const auto other_score = *rc::gen::inRange<std::int64_t>(0, 100'001);
  const auto other_rate = *rc::gen::inRange(0, 301);
  const Quote low_score =
      PriceScenario(s, std::min(s.score_milli, other_score), s.rate_tenths, s.barriers);
  const Quote high_score =
      PriceScenario(s, std::max(s.score_milli, other_score), s.rate_tenths, s.barriers);
  RC_ASSERT(low_score.price <= high_score.price);
  const Quote low_rate =
      PriceScenario(s, s.score_milli, std::min(s.rate_tenths, other_rate), s.barriers);
  const Quote high_rate =
      PriceScenario(s, s.score_milli, std::max(s.rate_tenths, other_rate), s.barriers);
  RC_ASSERT(low_rate.price <= high_rate.price);
}

// Adding a barrier never lowers the price (supplements are never negative).
RC_GTEST_PROP(PriceProperties, AddingABarrierNeverLowersThePrice, ()) {
  Scenario s = *AnyScenario();
  // One of the tariff's barriers, taken out of the request if it was there, then added back.
  const std::string extra = (*rc::gen::elementOf(s.tariff.supplements)).first;
  std::erase(s.barriers, extra);
  std::vector<std::string> more = s.barriers;
  const auto position = *rc::gen::inRange<std::size_t>(0, more.size() + 1);
  more.insert(more.begin() + static_cast<std::ptrdiff_t>(position), extra);
  const Quote before = PriceScenario(s, s.score_milli, s.rate_tenths, s.barriers);
  const Quote after = PriceScenario(s, s.score_milli, s.rate_tenths, more);
  RC_ASSERT(before.base <= after.base);
  RC_ASSERT(before.price <= after.price);
}

// Pricing is a function of its arguments: the same request twice, the same quote.
RC_GTEST_PROP(PriceProperties, Deterministic, ()) {
  const Scenario s = *AnyScenario();
  RC_ASSERT(PriceScenario(s, s.score_milli, s.rate_tenths, s.barriers) ==
            PriceScenario(s, s.score_milli, s.rate_tenths, s.barriers));
}

// Generated tariffs are valid (the generator's own check).
RC_GTEST_PROP(TariffProperties, GeneratedTariffsAreValid, ()) {
  const Tariff tariff = *testing_support::AnyTariff();
  const Status status = ValidateTariff(tariff);
  RC_ASSERT(status.ok());
}

}  // namespace
}  // namespace psl::tariff
