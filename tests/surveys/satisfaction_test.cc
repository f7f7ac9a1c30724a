// The satisfaction rules (PAY-6): answers, the recommend rate and the national fallback, what a
// satisfaction part pays, and the survey sample. Worked examples first, then properties.
#include "psl/payment/satisfaction.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace psl::payment {
namespace {

TEST(SurveyAnswers, NamesRoundTripAndOnlyDontKnowIsInvalid) {
  for (Answer answer : {Answer::kExtremelyLikely, Answer::kLikely, Answer::kNeither,
                        Answer::kUnlikely, Answer::kExtremelyUnlikely, Answer::kDontKnow}) {
    auto parsed = ParseAnswer(AnswerName(answer));
    ASSERT_TRUE(parsed.ok()) << AnswerName(answer);
    EXPECT_EQ(*parsed, answer);
    EXPECT_EQ(IsValidAnswer(answer), answer != Answer::kDontKnow);
  }
  EXPECT_TRUE(IsRecommending(Answer::kExtremelyLikely));
  EXPECT_TRUE(IsRecommending(Answer::kLikely));
  EXPECT_FALSE(IsRecommending(Answer::kNeither));
  EXPECT_FALSE(IsRecommending(Answer::kDontKnow));
}

TEST(SurveyAnswers, AnUnknownAnswerIsRefusedNamingTheField) {
  for (const char* text : {"", "Likely", "very_likely", "dont know", "likely "}) {
    auto parsed = ParseAnswer(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().field(), "answer");
    EXPECT_NE(parsed.status().message().find("extremely_unlikely"), std::string::npos);
  }
}

TEST(RecommendRate, TheProvidersOwnRateFromTheMinimumUp) {
  // 26 of 32 valid answers recommend: 0.8125 exactly.
  auto chosen = ChooseRate({26, 32}, {500, 1000}, 30);
  ASSERT_TRUE(chosen.has_value());
  EXPECT_FALSE(chosen->national);
  EXPECT_EQ(chosen->rate.ToString(), "0.812500");
  EXPECT_EQ(chosen->counts.valid, 32);
  // Exactly at the minimum still counts as enough.
  chosen = ChooseRate({10, 30}, {500, 1000}, 30);
  ASSERT_TRUE(chosen.has_value());
  EXPECT_FALSE(chosen->national);
  EXPECT_EQ(chosen->rate.ToString(), "0.333333");  // 1/3 rounded half away from zero
}

TEST(RecommendRate, BelowTheMinimumTheNationalRateIsUsed) {
  auto chosen = ChooseRate({29, 29}, {2, 3}, 30);
  ASSERT_TRUE(chosen.has_value());
  EXPECT_TRUE(chosen->national);
  EXPECT_EQ(chosen->rate.ToString(), "0.666667");
  EXPECT_EQ(chosen->counts.valid, 3);
}

TEST(RecommendRate, NoValidAnswerAnywhereMeansNothingCanBePaid) {
  EXPECT_FALSE(ChooseRate({0, 0}, {0, 0}, 30).has_value());
  // A minimum of zero does not make an empty provider's rate 0: the national one is used.
  auto chosen = ChooseRate({0, 0}, {1, 4}, 0);
  ASSERT_TRUE(chosen.has_value());
  EXPECT_TRUE(chosen->national);
  EXPECT_EQ(chosen->rate.ToString(), "0.250000");
}

TEST(SatisfactionPayment, PartTimesRateRoundedOnceToThePenny) {
  // £110.00 satisfaction part × 0.812500 = £89.375 -> £89.38 (half away from zero).
  auto paid = SatisfactionPayment(Money::FromPence(11'000), Weight::FromMicros(812'500));
  ASSERT_TRUE(paid.ok());
  EXPECT_EQ(paid->pence(), 8'938);
  auto zero = SatisfactionPayment(Money::FromPence(11'000), Weight());
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->pence(), 0);
  auto all = SatisfactionPayment(Money::FromPence(11'000), Weight::One());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->pence(), 11'000);
}

TEST(SatisfactionPayment, RefusesANegativePartOrARateOutsideZeroToOne) {
  EXPECT_EQ(SatisfactionPayment(Money::FromPence(-1), Weight::One()).status().field(), "part");
  EXPECT_EQ(
      SatisfactionPayment(Money::FromPence(1), Weight::FromMicros(1'000'001)).status().field(),
      "rate");
  EXPECT_EQ(SatisfactionPayment(Money::FromPence(1), Weight::FromMicros(-1)).status().field(),
            "rate");
}

TEST(SurveySample, EdgesAndWavesDrawIndependently) {
  int differ = 0;
  for (std::int64_t id = 1; id <= 1000; ++id) {
    EXPECT_FALSE(InSurveySample(id, 3, 0));
    EXPECT_TRUE(InSurveySample(id, 3, 100));
    if (InSurveySample(id, 3, 50) != InSurveySample(id, 12, 50)) ++differ;
  }
  // Independent draws at 50% disagree about half the time; a hash that ignored the wave would
  // never disagree.
  EXPECT_GT(differ, 400);
  EXPECT_LT(differ, 600);
}

// --- Properties ---

RC_GTEST_PROP(RecommendRateProperty, TheRateIsBetweenZeroAndOneAndFollowsTheMinimum, ()) {
  const auto valid = *rc::gen::inRange<std::int64_t>(0, 1'000'000);
  const auto recommending = *rc::gen::inRange<std::int64_t>(0, valid + 1);
  const auto national_valid = *rc::gen::inRange<std::int64_t>(0, 10'000'000);
  const auto national_recommending = *rc::gen::inRange<std::int64_t>(0, national_valid + 1);
  const int minimum = *rc::gen::inRange(0, 100);
  const auto chosen =
      ChooseRate({recommending, valid}, {national_recommending, national_valid}, minimum);
  if (!chosen) {
    RC_ASSERT(valid == 0 || valid < minimum);
    RC_ASSERT(national_valid == 0);
    return;
  }
  RC_ASSERT(chosen->rate >= Weight());
  RC_ASSERT(chosen->rate <= Weight::One());
  RC_ASSERT(chosen->national == (valid == 0 || valid < minimum));
  const AnswerCounts used = chosen->counts;
  // Within half a micro of the exact ratio: |rate × valid − recommending × 10^6| <= valid / 2.
  const __int128 error = static_cast<__int128>(chosen->rate.micros()) * used.valid -
                         static_cast<__int128>(used.recommending) * Weight::kScale;
  RC_ASSERT(2 * (error < 0 ? -error : error) <= used.valid);
}

RC_GTEST_PROP(SatisfactionPaymentProperty, NeverMoreThanThePartNorLessThanNothing, ()) {
  const Money part = Money::FromPence(*rc::gen::inRange<std::int64_t>(0, 1'000'000'000'000));
  const Weight rate = Weight::FromMicros(*rc::gen::inRange<std::int64_t>(0, Weight::kScale + 1));
  const auto paid = SatisfactionPayment(part, rate);
  RC_ASSERT(paid.ok());
  RC_ASSERT(paid->pence() >= 0);
  RC_ASSERT(*paid <= part);
  // Rounded once: within half a penny of part × rate.
  const __int128 exact = static_cast<__int128>(part.pence()) * rate.micros();
  const __int128 error = static_cast<__int128>(paid->pence()) * Weight::kScale - exact;
  RC_ASSERT(2 * (error < 0 ? -error : error) <= Weight::kScale);
}

RC_GTEST_PROP(SurveySampleProperty, TheShareIsCloseToThePercent, ()) {
  const int percent = *rc::gen::inRange(1, 100);
  const int wave = *rc::gen::element(3, 12, 24);
  const auto first = *rc::gen::inRange<std::int64_t>(1, 1'000'000'000);
  constexpr int kIds = 20'000;
  int sampled = 0;
  for (std::int64_t id = first; id < first + kIds; ++id) {
    if (InSurveySample(id, wave, percent)) ++sampled;
  }
  // Binomial standard deviation is at most 0.5% of 20,000 ids (70.7): allow six of them.
  const double share = 100.0 * sampled / kIds;
  RC_ASSERT(share > percent - 2.2);
  RC_ASSERT(share < percent + 2.2);
}

RC_GTEST_PROP(SurveySampleProperty, SameInputsSameSampleAndMorePercentNeverDropsAnyone, ()) {
  const auto id = *rc::gen::inRange<std::int64_t>(1, 1'000'000'000'000);
  const int wave = *rc::gen::inRange(1, 120);
  const int percent = *rc::gen::inRange(0, 100);
  RC_ASSERT(InSurveySample(id, wave, percent) == InSurveySample(id, wave, percent));
  if (InSurveySample(id, wave, percent)) RC_ASSERT(InSurveySample(id, wave, percent + 1));
}

}  // namespace
}  // namespace psl::payment
