// CHO-2: the figures shown for each provider. Expected values follow choice.h (basis points,
// rounded half away from zero) and SPEC CHO-2 ("figures from too few cases are shown as 'not
// enough data', never as a number").
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

#include "psl/choice/choice.h"

namespace psl::choice {
namespace {

ProviderRecord Record(std::int64_t id, std::int64_t achieved, std::int64_t closed) {
  ProviderRecord record;
  record.provider = ProviderId(id);
  record.name = "Provider " + std::to_string(id);
  record.achieved = achieved;
  record.closed = closed;
  return record;
}

TEST(Inform, NineteenClosedOutcomesAreNotEnoughDataTwentyAreANumber) {
  const std::vector<ProviderRecord> records = {Record(1, 19, 19), Record(2, 10, 20)};
  const auto informed = Inform(records, Thresholds{});
  ASSERT_EQ(informed.size(), 2u);
  EXPECT_EQ(informed[0].success_rate, std::nullopt);
  EXPECT_EQ(informed[1].success_rate, 5000);
  EXPECT_EQ(informed[0].provider, ProviderId(1));
  EXPECT_EQ(informed[0].name, "Provider 1");
}

TEST(Inform, ThresholdsAreConfigurable) {
  const std::vector<ProviderRecord> records = {Record(1, 1, 5)};
  EXPECT_EQ(Inform(records, Thresholds{5, 20})[0].success_rate, 2000);
  EXPECT_EQ(Inform(records, Thresholds{6, 20})[0].success_rate, std::nullopt);
  // A zero threshold never divides by zero.
  EXPECT_EQ(Inform(std::vector<ProviderRecord>{Record(1, 0, 0)}, Thresholds{0, 0})[0].success_rate,
            std::nullopt);
}

TEST(Inform, RatesRoundHalfAwayFromZero) {
  struct {
    std::int64_t achieved, closed, expected;
  } const cases[] = {
      {1, 3, 3333},                       // 3333.33 down
      {2, 3, 6667},                       // 6666.67 up
      {1, 80000, 0},                      // 0.125 down
      {1, 20000, 1},                      // 0.5: half, away from zero
      {3, 20000, 2},                      // 1.5 -> 2
      {5, 20000, 3},                      // 2.5 -> 3 (not to even)
      {20, 20, 10000},                    // everyone
      {0, 20, 0},                         // no one
      {7, 32, 2188},                      // 2187.5 -> 2188
      {INT64_MAX - 1, INT64_MAX, 10000},  // no overflow
  };
  for (const auto& c : cases) {
    const auto informed =
        Inform(std::vector<ProviderRecord>{Record(1, c.achieved, c.closed)}, Thresholds{1, 1});
    EXPECT_EQ(informed[0].success_rate, c.expected) << c.achieved << "/" << c.closed;
  }
}

TEST(Inform, LocalRateAndSatisfactionHaveTheirOwnThresholds) {
  ProviderRecord record = Record(1, 30, 40);
  record.local_achieved = 5;
  record.local_closed = 19;
  record.satisfaction_recommend = 18;
  record.satisfaction_answers = 24;
  auto informed = Inform(std::vector<ProviderRecord>{record}, Thresholds{20, 25});
  EXPECT_EQ(informed[0].success_rate, 7500);
  EXPECT_EQ(informed[0].local_success_rate, std::nullopt);  // 19 < 20 outcomes
  EXPECT_EQ(informed[0].satisfaction_rate, std::nullopt);   // 24 < 25 answers
  record.local_closed = 20;
  record.satisfaction_answers = 25;
  informed = Inform(std::vector<ProviderRecord>{record}, Thresholds{20, 25});
  EXPECT_EQ(informed[0].local_success_rate, 2500);
  EXPECT_EQ(informed[0].satisfaction_rate, 7200);
}

TEST(Inform, GapsCompareOnlyProvidersWithEnoughData) {
  std::vector<ProviderRecord> records = {Record(1, 10, 20), Record(2, 15, 20), Record(3, 19, 19),
                                         Record(4, 12, 20)};
  // Local: 1 and 4 have enough data; 2 has a better local rate on too few cases.
  records[0].local_achieved = 6;
  records[0].local_closed = 20;
  records[1].local_achieved = 10;
  records[1].local_closed = 10;
  records[3].local_achieved = 9;
  records[3].local_closed = 20;
  const auto informed = Inform(records, Thresholds{});
  // National: best with enough data is provider 2 at 7500 (3's 100% is on 19 cases).
  EXPECT_EQ(informed[0].gap_to_best_national, 2500);
  EXPECT_EQ(informed[1].gap_to_best_national, 0);
  EXPECT_EQ(informed[2].gap_to_best_national, std::nullopt);
  EXPECT_EQ(informed[3].gap_to_best_national, 1500);
  // Local: best is provider 4 at 4500.
  EXPECT_EQ(informed[0].gap_to_best_local, 1500);
  EXPECT_EQ(informed[1].gap_to_best_local, std::nullopt);
  EXPECT_EQ(informed[2].gap_to_best_local, std::nullopt);
  EXPECT_EQ(informed[3].gap_to_best_local, 0);
}

TEST(Inform, MysteryShoppingPassesThroughAndEmptyGivesEmpty) {
  ProviderRecord record = Record(7, 0, 0);
  record.mystery_shopping_score_percent = 82;
  record.mystery_shopping_summary = "Friendly, clear about what happens next";
  const auto informed = Inform(std::vector<ProviderRecord>{record}, Thresholds{});
  EXPECT_EQ(informed[0].mystery_shopping_score_percent, 82);
  EXPECT_EQ(informed[0].mystery_shopping_summary, "Friendly, clear about what happens next");
  EXPECT_EQ(informed[0].success_rate, std::nullopt);
  EXPECT_TRUE(Inform(std::vector<ProviderRecord>{}, Thresholds{}).empty());
}

RC_GTEST_PROP(Inform, RatesAndGapsAreConsistent, ()) {
  const auto counts =
      *rc::gen::container<std::vector<std::pair<std::int64_t, std::int64_t>>>(rc::gen::pair(
          rc::gen::inRange<std::int64_t>(0, 100), rc::gen::inRange<std::int64_t>(0, 100)));
  std::vector<ProviderRecord> records;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const auto [a, b] = counts[i];
    records.push_back(Record(static_cast<std::int64_t>(i) + 1, std::min(a, b), std::max(a, b)));
  }
  const auto informed = Inform(records, Thresholds{});
  RC_ASSERT(informed.size() == records.size());
  std::optional<std::int64_t> best;
  for (std::size_t i = 0; i < informed.size(); ++i) {
    const ProviderRecord& r = records[i];
    RC_ASSERT(informed[i].success_rate.has_value() == (r.closed >= 20));
    RC_ASSERT(informed[i].gap_to_best_national.has_value() == (r.closed >= 20));
    if (informed[i].success_rate) {
      const std::int64_t rate = *informed[i].success_rate;
      // |rate − achieved × 10000 / closed| <= 1/2: 2 × |rate × closed − achieved × 10000| <= closed
      RC_ASSERT(2 * std::abs(rate * r.closed - r.achieved * 10000) <= r.closed);
      best = best ? std::max(*best, rate) : rate;
    }
  }
  for (const auto& information : informed) {
    if (!information.success_rate) continue;
    RC_ASSERT(*information.gap_to_best_national == *best - *information.success_rate);
    RC_ASSERT(*information.gap_to_best_national >= 0);
  }
}

}  // namespace
}  // namespace psl::choice
