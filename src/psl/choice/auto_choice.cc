// CHO-3: the auto-choice default, drawn from the upper quartile and spread across it by a seed.
// docs/choice.md gives the reasoning.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "psl/choice/choice.h"

namespace psl::choice {
namespace {

// Performance needs at least this many providers with enough data: with fewer, a "quartile" is a
// single provider picked on very little evidence.
constexpr std::size_t kMinimumForPerformance = 4;

struct Candidate {
  std::int64_t score;
  ProviderId provider;
};

// The top ceil(n/4) of the candidates by (score desc, provider id asc).
std::vector<Candidate> UpperQuartile(std::vector<Candidate> candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.provider < b.provider;
  });
  candidates.resize((candidates.size() + 3) / 4);
  return candidates;
}

AutoChoice Pick(const std::vector<Candidate>& pool, std::uint64_t seed, const char* basis) {
  PSL_CHECK(!pool.empty(), "auto-choice from an empty pool");
  const Candidate& chosen = pool[seed % pool.size()];
  return AutoChoice{chosen.provider, basis, pool.size()};
}

}  // namespace

std::optional<AutoChoice> ChooseDefault(std::span<const ProviderInformation> providers,
                                        std::uint64_t seed) {
  if (providers.empty()) return std::nullopt;

  std::vector<Candidate> performance;
  for (const ProviderInformation& p : providers) {
    if (p.success_rate) performance.push_back({*p.success_rate, p.provider});
  }
  if (performance.size() >= kMinimumForPerformance) {
    return Pick(UpperQuartile(std::move(performance)), seed, "performance");
  }

  std::vector<Candidate> mystery_shopping;
  for (const ProviderInformation& p : providers) {
    if (p.mystery_shopping_score_percent) {
      mystery_shopping.push_back({*p.mystery_shopping_score_percent, p.provider});
    }
  }
  if (!mystery_shopping.empty()) {
    return Pick(UpperQuartile(std::move(mystery_shopping)), seed, "mystery_shopping");
  }

  std::vector<Candidate> any;
  for (const ProviderInformation& p : providers) any.push_back({0, p.provider});
  std::sort(any.begin(), any.end(),
            [](const Candidate& a, const Candidate& b) { return a.provider < b.provider; });
  return Pick(any, seed, "any_eligible");
}

}  // namespace psl::choice
