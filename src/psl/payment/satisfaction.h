// Customer satisfaction (PAY-6): the "would you recommend this service to a friend" answer, the
// recommend rate, who is surveyed, and what a satisfaction part pays.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "psl/core/money.h"
#include "psl/core/result.h"
#include "psl/core/weight.h"

namespace psl::payment {

enum class Answer {
  kExtremelyLikely,
  kLikely,
  kNeither,
  kUnlikely,
  kExtremelyUnlikely,
  kDontKnow
};

// "extremely_likely", "likely", "neither", "unlikely", "extremely_unlikely", "dont_know".
std::string_view AnswerName(Answer answer);
// kInvalidArgument (field "answer") naming the accepted values.
Result<Answer> ParseAnswer(std::string_view text);
// Valid answers are all but "don't know"; recommending ones are extremely likely and likely.
bool IsValidAnswer(Answer answer);
bool IsRecommending(Answer answer);

struct AnswerCounts {
  std::int64_t recommending = 0;
  std::int64_t valid = 0;  // answers other than "don't know"
};

struct RateChoice {
  Weight rate;              // recommending / valid, six decimals, rounded half away from zero
  bool national = false;    // true when the provider had fewer than the minimum valid answers
  AnswerCounts counts;      // the counts the rate was computed from
};

// The provider's rate, or the national rate below `minimum_answers` valid answers; nullopt when
// neither has a single valid answer (nothing can be paid yet).
std::optional<RateChoice> ChooseRate(const AnswerCounts& provider, const AnswerCounts& national,
                                     int minimum_answers);

// part × rate, rounded once to the penny (half away from zero, core/weight.h).
Result<Money> SatisfactionPayment(Money part, Weight rate);

// Whether the registration is in the random sample invited at this wave: a fixed hash of the
// registration id and the wave (so re-running the job invites exactly the same people), below
// `sample_percent` of 100. Independent of anything the citizen or provider does.
bool InSurveySample(std::int64_t registration_id, int wave_months, int sample_percent);

}  // namespace psl::payment
