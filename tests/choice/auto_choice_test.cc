// CHO-3: the auto-choice default. Report, "Auto-choice": "the default choice is always a
// provider from the upper quartile of performance"; "Provide mystery shopper data": in the first
// years, before outcomes mature, mystery shopping is the signal. The algorithm is choice.h's.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "psl/choice/choice.h"

namespace psl::choice {
namespace {

ProviderInformation Provider(std::int64_t id, std::optional<std::int64_t> rate,
                             std::optional<std::int64_t> mystery = std::nullopt) {
  ProviderInformation information;
  information.provider = ProviderId(id);
  information.success_rate = rate;
  information.mystery_shopping_score_percent = mystery;
  return information;
}

std::set<std::int64_t> ChosenOverSeeds(const std::vector<ProviderInformation>& providers,
                                       std::uint64_t seeds) {
  std::set<std::int64_t> chosen;
  for (std::uint64_t seed = 0; seed < seeds; ++seed) {
    chosen.insert(ChooseDefault(providers, seed)->provider.value());
  }
  return chosen;
}

TEST(ChooseDefault, NoProvidersGivesNothing) {
  EXPECT_EQ(ChooseDefault(std::vector<ProviderInformation>{}, 7), std::nullopt);
}

TEST(ChooseDefault, PicksOnlyFromTheUpperQuartileByPerformance) {
  // Eight providers with data: the top ceil(8/4) = 2 are 5 (9000) and 2 (8000).
  const std::vector<ProviderInformation> providers = {
      Provider(1, 1000), Provider(2, 8000),      Provider(3, 3000),
      Provider(4, 7000), Provider(5, 9000),      Provider(6, 2000),
      Provider(7, 4000), Provider(8, 5000, 100), Provider(9, std::nullopt, 100)};
  EXPECT_EQ(ChosenOverSeeds(providers, 50), (std::set<std::int64_t>{2, 5}));
  const auto choice = ChooseDefault(providers, 0);
  EXPECT_EQ(choice->basis, "performance");
  EXPECT_EQ(choice->pool_size, 2u);
  // Pool order is (rate desc, id asc): seed 0 is the best, seed 1 the next.
  EXPECT_EQ(choice->provider, ProviderId(5));
  EXPECT_EQ(ChooseDefault(providers, 1)->provider, ProviderId(2));
  EXPECT_EQ(ChooseDefault(providers, 2)->provider, ProviderId(5));
}

TEST(ChooseDefault, QuartileRoundsUpAndTiesGoToTheLowerId) {
  // Five with data: ceil(5/4) = 2. Three share the best rate; ids 3 and 4 make the pool.
  const std::vector<ProviderInformation> providers = {
      Provider(9, 6000), Provider(4, 6000), Provider(3, 6000), Provider(1, 100), Provider(2, 200)};
  EXPECT_EQ(ChosenOverSeeds(providers, 20), (std::set<std::int64_t>{3, 4}));
  EXPECT_EQ(ChooseDefault(providers, 0)->provider, ProviderId(3));
  // Exactly four: a pool of one.
  const std::vector<ProviderInformation> four = {Provider(1, 10), Provider(2, 40), Provider(3, 30),
                                                 Provider(4, 20)};
  EXPECT_EQ(ChosenOverSeeds(four, 20), (std::set<std::int64_t>{2}));
  EXPECT_EQ(ChooseDefault(four, 3)->pool_size, 1u);
}

TEST(ChooseDefault, FewerThanFourWithDataFallsBackToMysteryShopping) {
  // Three with outcome data (the first years): the best of them by outcomes is ignored.
  const std::vector<ProviderInformation> providers = {
      Provider(1, 9900, 40),         Provider(2, 5000, 70),     Provider(3, 1000, 90),
      Provider(4, std::nullopt, 95), Provider(5, std::nullopt), Provider(6, std::nullopt, 10)};
  // Five published scores: ceil(5/4) = 2, scores 95 (4) and 90 (3).
  EXPECT_EQ(ChosenOverSeeds(providers, 20), (std::set<std::int64_t>{3, 4}));
  const auto choice = ChooseDefault(providers, 0);
  EXPECT_EQ(choice->basis, "mystery_shopping");
  EXPECT_EQ(choice->pool_size, 2u);
  EXPECT_EQ(choice->provider, ProviderId(4));
}

TEST(ChooseDefault, OneMysteryShoppingScoreIsEnough) {
  const std::vector<ProviderInformation> providers = {Provider(1, std::nullopt),
                                                      Provider(2, std::nullopt, 30)};
  EXPECT_EQ(ChosenOverSeeds(providers, 10), (std::set<std::int64_t>{2}));
  EXPECT_EQ(ChooseDefault(providers, 5)->basis, "mystery_shopping");
}

TEST(ChooseDefault, WithNeitherSignalAnyEligibleProviderInIdOrder) {
  const std::vector<ProviderInformation> providers = {
      Provider(30, std::nullopt), Provider(10, 5000), Provider(20, std::nullopt)};
  const auto choice = ChooseDefault(providers, 1);
  EXPECT_EQ(choice->basis, "any_eligible");
  EXPECT_EQ(choice->pool_size, 3u);
  EXPECT_EQ(choice->provider, ProviderId(20));  // sorted 10, 20, 30; 1 mod 3 = 1
  EXPECT_EQ(ChooseDefault(providers, 5)->provider, ProviderId(30));
  EXPECT_EQ(ChosenOverSeeds(providers, 3), (std::set<std::int64_t>{10, 20, 30}));
}

TEST(ChooseDefault, LargeSeedsStayInThePool) {
  const std::vector<ProviderInformation> providers = {Provider(1, std::nullopt),
                                                      Provider(2, std::nullopt)};
  EXPECT_EQ(ChooseDefault(providers, UINT64_MAX)->provider, ProviderId(2));  // odd
  EXPECT_EQ(ChooseDefault(providers, UINT64_MAX - 1)->provider, ProviderId(1));
}

rc::Gen<std::optional<std::int64_t>> Maybe(std::int64_t low, std::int64_t high) {
  return rc::gen::map(rc::gen::pair(rc::gen::inRange(0, 3), rc::gen::inRange(low, high)),
                      [](const std::pair<int, std::int64_t>& p) {
                        return p.first == 0 ? std::nullopt : std::optional<std::int64_t>(p.second);
                      });
}

// Generated markets: some providers with outcome data, some with mystery-shopping scores, unique
// ids. Rates come from a small set often, so that ties are common.
rc::Gen<std::vector<ProviderInformation>> AnyMarket() {
  using Pair = std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>;
  const auto rate = rc::gen::weightedOneOf<std::optional<std::int64_t>>(
      {{2, Maybe(0, 10001)}, {1, Maybe(4000, 4003)}});
  return rc::gen::map(
      rc::gen::container<std::vector<Pair>>(rc::gen::pair(rate, Maybe(0, 101))),
      [](const std::vector<Pair>& pairs) {
        std::vector<ProviderInformation> providers;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
          const auto n = static_cast<std::int64_t>(i);
          providers.push_back(Provider(n * 101 + n * 7 % 101 + 1, pairs[i].first, pairs[i].second));
        }
        return providers;
      });
}

RC_GTEST_PROP(ChooseDefault, ChosenRateIsAtLeastTheQuartileCut, (std::uint64_t seed)) {
  // At least four with data, among others with or without.
  auto providers = *AnyMarket();
  const auto count = *rc::gen::inRange<std::size_t>(4, 60);
  const auto added = *rc::gen::container<std::vector<std::int64_t>>(
      count,
      rc::gen::weightedOneOf<std::int64_t>({{2, rc::gen::inRange<std::int64_t>(0, 10001)},
                                            {1, rc::gen::inRange<std::int64_t>(4000, 4003)}}));
  for (std::size_t i = 0; i < added.size(); ++i) {
    providers.push_back(Provider(1'000'000 + static_cast<std::int64_t>(i), added[i]));
  }
  std::vector<std::int64_t> rates;
  for (const auto& p : providers) {
    if (p.success_rate) rates.push_back(*p.success_rate);
  }
  std::sort(rates.rbegin(), rates.rend());
  const std::size_t top = (rates.size() + 3) / 4;
  const std::int64_t cut = rates[top - 1];
  const auto choice = ChooseDefault(providers, seed);
  RC_ASSERT(choice.has_value());
  RC_ASSERT(choice->basis == "performance");
  RC_ASSERT(choice->pool_size == top);
  const auto chosen = std::find_if(providers.begin(), providers.end(),
                                   [&](const auto& p) { return p.provider == choice->provider; });
  RC_ASSERT(chosen != providers.end());
  RC_ASSERT(*chosen->success_rate >= cut);
  // At most a quarter (rounded up) of those with data are strictly better.
  const auto better = std::count_if(rates.begin(), rates.end(),
                                    [&](std::int64_t r) { return r > *chosen->success_rate; });
  RC_ASSERT(static_cast<std::size_t>(better) < top);
}

RC_GTEST_PROP(ChooseDefault, BasisFollowsTheAvailableSignal, (std::uint64_t seed)) {
  const auto providers = *AnyMarket();
  const auto choice = ChooseDefault(providers, seed);
  if (providers.empty()) {
    RC_ASSERT(!choice.has_value());
    return;
  }
  RC_ASSERT(choice.has_value());
  const auto with_rate = std::count_if(providers.begin(), providers.end(),
                                       [](const auto& p) { return p.success_rate.has_value(); });
  const auto with_score = std::count_if(providers.begin(), providers.end(), [](const auto& p) {
    return p.mystery_shopping_score_percent.has_value();
  });
  const auto chosen = std::find_if(providers.begin(), providers.end(),
                                   [&](const auto& p) { return p.provider == choice->provider; });
  RC_ASSERT(chosen != providers.end());
  if (with_rate >= 4) {
    RC_ASSERT(choice->basis == "performance");
  } else if (with_score >= 1) {
    RC_ASSERT(choice->basis == "mystery_shopping");
    RC_ASSERT(choice->pool_size == static_cast<std::size_t>((with_score + 3) / 4));
    RC_ASSERT(chosen->mystery_shopping_score_percent.has_value());
    const auto better = std::count_if(providers.begin(), providers.end(), [&](const auto& p) {
      return p.mystery_shopping_score_percent &&
             *p.mystery_shopping_score_percent > *chosen->mystery_shopping_score_percent;
    });
    RC_ASSERT(static_cast<std::size_t>(better) < choice->pool_size);
  } else {
    RC_ASSERT(choice->basis == "any_eligible");
    RC_ASSERT(choice->pool_size == providers.size());
  }
}

RC_GTEST_PROP(ChooseDefault, IsDeterministicAndIndependentOfInputOrder, (std::uint64_t seed)) {
  auto providers = *AnyMarket();
  RC_PRE(!providers.empty());
  const auto first = ChooseDefault(providers, seed);
  const auto again = ChooseDefault(providers, seed);
  RC_ASSERT(first->provider == again->provider);
  auto shuffled = providers;
  std::mt19937_64 random(*rc::gen::arbitrary<std::uint64_t>());
  std::shuffle(shuffled.begin(), shuffled.end(), random);
  const auto reordered = ChooseDefault(shuffled, seed);
  RC_ASSERT(reordered->provider == first->provider);
  RC_ASSERT(reordered->basis == first->basis);
}

// Spread: consecutive seeds (citizen ids) walk the whole pool, so defaults do not all go to the
// single best provider.
RC_GTEST_PROP(ChooseDefault, SeedsSpreadOverThePool, ()) {
  const auto providers = *AnyMarket();
  RC_PRE(!providers.empty());
  const std::size_t pool = ChooseDefault(providers, 0)->pool_size;
  std::set<std::int64_t> chosen;
  const std::uint64_t start = *rc::gen::arbitrary<std::uint64_t>() / 2;
  for (std::uint64_t seed = start; seed < start + pool; ++seed) {
    chosen.insert(ChooseDefault(providers, seed)->provider.value());
  }
  RC_ASSERT(chosen.size() == pool);
}

}  // namespace
}  // namespace psl::choice
