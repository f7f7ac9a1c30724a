#include "psl/payment/satisfaction.h"

#include <array>
#include <string>

namespace psl::payment {
namespace {

struct Named {
  Answer answer;
  std::string_view name;
};

constexpr std::array<Named, 6> kAnswers = {{{Answer::kExtremelyLikely, "extremely_likely"},
                                            {Answer::kLikely, "likely"},
                                            {Answer::kNeither, "neither"},
                                            {Answer::kUnlikely, "unlikely"},
                                            {Answer::kExtremelyUnlikely, "extremely_unlikely"},
                                            {Answer::kDontKnow, "dont_know"}}};

// splitmix64's finaliser (Steele, Lea, Flood 2014): every input bit moves every output bit, so
// consecutive registration ids fall in and out of the sample independently; the wave is mixed in
// after the id, so a registration's draws at 3 and 12 months are independent too.
constexpr std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::optional<Weight> RateOf(const AnswerCounts& counts) {
  if (counts.valid <= 0 || counts.recommending < 0 || counts.recommending > counts.valid) {
    return std::nullopt;
  }
  auto rate = Weight::FromRatio(counts.recommending, counts.valid);
  if (!rate.ok()) return std::nullopt;
  return *rate;
}

}  // namespace

std::string_view AnswerName(Answer answer) {
  for (const Named& named : kAnswers) {
    if (named.answer == answer) return named.name;
  }
  return "dont_know";
}

Result<Answer> ParseAnswer(std::string_view text) {
  for (const Named& named : kAnswers) {
    if (named.name == text) return named.answer;
  }
  std::string accepted;
  for (const Named& named : kAnswers) {
    if (!accepted.empty()) accepted += ", ";
    accepted += named.name;
  }
  return Status(
      ErrorCode::kInvalidArgument,
      "\"would you recommend this service to a friend?\" is answered with one of: " + accepted,
      "answer");
}

bool IsValidAnswer(Answer answer) { return answer != Answer::kDontKnow; }

bool IsRecommending(Answer answer) {
  return answer == Answer::kExtremelyLikely || answer == Answer::kLikely;
}

std::optional<RateChoice> ChooseRate(const AnswerCounts& provider, const AnswerCounts& national,
                                     int minimum_answers) {
  if (provider.valid >= minimum_answers) {
    if (auto rate = RateOf(provider)) return RateChoice{*rate, false, provider};
  }
  if (auto rate = RateOf(national)) return RateChoice{*rate, true, national};
  return std::nullopt;
}

Result<Money> SatisfactionPayment(Money part, Weight rate) {
  if (part.IsNegative()) {
    return Status(ErrorCode::kInvalidArgument, "a satisfaction part is never negative", "part");
  }
  if (rate < Weight() || rate > Weight::One()) {
    return Status(ErrorCode::kInvalidArgument, "a recommend rate is between 0 and 1", "rate");
  }
  return ApplyWeights(part, {rate});
}

bool InSurveySample(std::int64_t registration_id, int wave_months, int sample_percent) {
  if (sample_percent <= 0) return false;
  if (sample_percent >= 100) return true;
  const std::uint64_t mixed =
      Mix(Mix(static_cast<std::uint64_t>(registration_id)) ^
          static_cast<std::uint64_t>(static_cast<std::uint32_t>(wave_months)));
  return mixed % 100 < static_cast<std::uint64_t>(sample_percent);
}

}  // namespace psl::payment
