// Tests for psl::Money (src/psl/core/money.h). Expected values come from SPEC TAR-6 (money is
// exact integer pence), the TAR-1 worked example, and the parse/format contract in money.h.
#include "psl/core/money.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <string>

#include "test_support.h"

namespace psl {
namespace {

using testing_support::AnyInt64;
using testing_support::kInt64Max;
using testing_support::kInt64Min;

// The literals below spell £ in UTF-8, as money.cc does ("\xC2\xA3").
static_assert(sizeof("£") == 3 && "£"[0] == '\xC2' && "£"[1] == '\xA3');

std::int64_t ParsePence(std::string_view text) {
  auto money = Money::Parse(text);
  EXPECT_TRUE(money.ok()) << "'" << text << "': " << money.status().ToString();
  return money.ok() ? money->pence() : -424242;
}

// ---------------------------------------------------------------------------------------------
// Parse: accepted forms (money.h Parse comment lists each of these).

TEST(MoneyParse, AcceptsDocumentedForms) {
  // TAR-1 worked example total: £11,000 = 1,100,000 pence.
  EXPECT_EQ(ParsePence("£11,000.00"), 1'100'000);
  EXPECT_EQ(ParsePence("11000.00"), 1'100'000);
  EXPECT_EQ(ParsePence("11,000.00"), 1'100'000);
  // money.h: a leading minus either before or after the pound sign.
  EXPECT_EQ(ParsePence("-£5.50"), -550);
  EXPECT_EQ(ParsePence("£-5.50"), -550);
  // money.h: no decimals means whole pounds, one decimal means tens of pence.
  EXPECT_EQ(ParsePence("12"), 1200);
  EXPECT_EQ(ParsePence("12.5"), 1250);
  EXPECT_EQ(ParsePence("0.01"), 1);
  EXPECT_EQ(ParsePence("0"), 0);
  EXPECT_EQ(ParsePence("-0.00"), 0);
  EXPECT_EQ(ParsePence("1,000,000"), 100'000'000);
  EXPECT_EQ(ParsePence("100,000.99"), 10'000'099);
}

TEST(MoneyParse, AcceptsTheInt64Limits) {
  // Limits of int64 pence (TAR-6: integer minor units in a signed 64-bit count).
  EXPECT_EQ(ParsePence("92233720368547758.07"), kInt64Max);
  EXPECT_EQ(ParsePence("£92,233,720,368,547,758.07"), kInt64Max);
  EXPECT_EQ(ParsePence("-92233720368547758.08"), kInt64Min);
  EXPECT_EQ(ParsePence("-£92,233,720,368,547,758.08"), kInt64Min);
}

// money.h: grouping must be by three, at most two decimals (a third would be a fraction of a
// penny and is refused rather than rounded), and there must be digits.
TEST(MoneyParse, RejectsMalformedText) {
  for (const char* text : {
           "1,00",       // group of two
           "12.345",     // fraction of a penny
           "",           // nothing
           "£",          // only the symbol
           "-",          // only the sign
           "-£",         // sign and symbol
           "abc",        // not digits
           "1,0000.00",  // group of four
           ",100",       // leading separator
           "100,",       // trailing separator
           "1,000,",     // trailing separator after a good group
           "1,0,00",     // groups of one and two
           "1,0,0",      // groups of one
           "12,3,45",    // groups of one and two after a good start
           "12,3,4",     // groups of one, total length that looks right
           "1,,00",      // empty group
           "1234,567",   // first group longer than three
           "12.",        // no digits after the point
           ".50",        // no digits before the point
           "1.2.3",      // two points
           "12.3a",      // bad decimal
           "12.-5",      // sign inside the decimals
           "--5",        // two signs
           "-£-5",       // two signs around the symbol
           "+5",         // plus sign is not a documented form
           " 5",         // surrounding space
           "5 ",         //
           "5£",         // symbol after the digits
           "££5",        // two symbols
           "$5",         // another currency
           "1e3",        // exponent
       }) {
    auto money = Money::Parse(text);
    EXPECT_FALSE(money.ok()) << "'" << text << "' parsed as " << money->pence();
    if (!money.ok()) {
      EXPECT_EQ(money.status().code(), ErrorCode::kInvalidArgument) << text;
    }
  }
}

TEST(MoneyParse, RejectsAmountsOutsideInt64) {
  // One penny past each int64 limit, and a number far too large for int64 pounds.
  for (const char* text :
       {"92233720368547758.08", "-92233720368547758.09", "92,233,720,368,547,758.08",
        "99999999999999999999", "-99999999999999999999", "100000000000000000000.00"}) {
    auto money = Money::Parse(text);
    EXPECT_FALSE(money.ok()) << "'" << text << "' parsed as " << money->pence();
  }
  // The range check on the pence itself reports kOverflow (money.h: out of range).
  auto just_over = Money::Parse("92233720368547758.08");
  ASSERT_FALSE(just_over.ok());
  EXPECT_EQ(just_over.status().code(), ErrorCode::kOverflow);
}

TEST(MoneyParse, ErrorMessageQuotesTheInput) {
  auto money = Money::Parse("1,00");
  ASSERT_FALSE(money.ok());
  EXPECT_NE(money.status().message().find("'1,00'"), std::string::npos) << money.status().message();
}

// ---------------------------------------------------------------------------------------------
// Format (money.h: "£11,000.00", "-£5.50"; FormatPlain "11000.00", "-5.50").

TEST(MoneyFormat, FormatsDocumentedExamples) {
  EXPECT_EQ(Money::FromPence(1'100'000).Format(), "£11,000.00");
  EXPECT_EQ(Money::FromPence(1'100'000).FormatPlain(), "11000.00");
  EXPECT_EQ(Money::FromPence(-550).Format(), "-£5.50");
  EXPECT_EQ(Money::FromPence(-550).FormatPlain(), "-5.50");
  EXPECT_EQ(Money::Zero().Format(), "£0.00");
  EXPECT_EQ(Money::FromPence(1).FormatPlain(), "0.01");
  EXPECT_EQ(Money::FromPence(-1).Format(), "-£0.01");
  EXPECT_EQ(Money::FromPence(-99).FormatPlain(), "-0.99");
  EXPECT_EQ(Money::FromPence(100).Format(), "£1.00");
  EXPECT_EQ(Money::FromPence(99'999).Format(), "£999.99");
  EXPECT_EQ(Money::FromPence(100'000).Format(), "£1,000.00");
  EXPECT_EQ(Money::FromPence(-123'456'789).Format(), "-£1,234,567.89");
}

TEST(MoneyFormat, FormatsTheInt64Limits) {
  // INT64_MIN has no positive counterpart; money.cc formats via the unsigned magnitude.
  EXPECT_EQ(Money::FromPence(kInt64Min).Format(), "-£92,233,720,368,547,758.08");
  EXPECT_EQ(Money::FromPence(kInt64Min).FormatPlain(), "-92233720368547758.08");
  EXPECT_EQ(Money::FromPence(kInt64Max).Format(), "£92,233,720,368,547,758.07");
  EXPECT_EQ(Money::FromPence(kInt64Max).FormatPlain(), "92233720368547758.07");
}

TEST(MoneyFormat, RoundTripsBriefExamples) {
  for (const char* text : {"£11,000.00", "-£5.50", "£0.01", "£12.50"}) {
    auto money = Money::Parse(text);
    ASSERT_TRUE(money.ok()) << text;
    EXPECT_EQ(money->Format(), text);
  }
  // "£-5.50" and "12.5" are accepted but written in the canonical form.
  EXPECT_EQ(Money::Parse("£-5.50")->Format(), "-£5.50");
  EXPECT_EQ(Money::Parse("12.5")->FormatPlain(), "12.50");
  EXPECT_EQ(Money::Parse("12")->FormatPlain(), "12.00");
}

// ---------------------------------------------------------------------------------------------
// Accessors and ordering.

TEST(Money, AccessorsAndOrdering) {
  EXPECT_TRUE(Money().IsZero());
  EXPECT_TRUE(Money::Zero().IsZero());
  EXPECT_FALSE(Money::FromPence(1).IsZero());
  EXPECT_TRUE(Money::FromPence(-1).IsNegative());
  EXPECT_FALSE(Money::Zero().IsNegative());
  EXPECT_LT(Money::FromPence(-1), Money::Zero());
  EXPECT_LT(Money::FromPence(kInt64Min), Money::FromPence(kInt64Max));
  EXPECT_EQ(Money::FromPence(5), Money::FromPence(5));
}

// ---------------------------------------------------------------------------------------------
// Checked arithmetic (money.h: kOverflow when the exact result does not fit in int64 pence).

void ExpectOverflow(const Result<Money>& result) {
  ASSERT_FALSE(result.ok()) << "got " << result->pence();
  EXPECT_EQ(result.status().code(), ErrorCode::kOverflow);
}

TEST(MoneyArithmetic, AddsAndSubtracts) {
  // TAR-1 worked example: core £2,000 + £1,500 + £1,000 + £3,000 + £3,000 + £500 = £11,000.
  Money total = Money::Zero();
  for (std::int64_t pounds : {2000, 1500, 1000, 3000, 3000, 500}) {
    total = total.Add(Money::FromPence(pounds * 100)).value();
  }
  EXPECT_EQ(total.Format(), "£11,000.00");
  EXPECT_EQ(Money::FromPence(5).Subtract(Money::FromPence(8))->pence(), -3);
  EXPECT_EQ(Money::FromPence(7).MultiplyBy(-3)->pence(), -21);
  EXPECT_EQ(Money::FromPence(7).Negate()->pence(), -7);
  EXPECT_EQ(Money::Zero().Negate()->pence(), 0);
}

TEST(MoneyArithmetic, ReportsOverflowAtTheLimits) {
  const Money max = Money::FromPence(kInt64Max);
  const Money min = Money::FromPence(kInt64Min);
  const Money one = Money::FromPence(1);

  ExpectOverflow(max.Add(one));
  ExpectOverflow(min.Add(Money::FromPence(-1)));
  ExpectOverflow(min.Subtract(one));
  ExpectOverflow(max.Subtract(Money::FromPence(-1)));
  ExpectOverflow(Money::Zero().Subtract(min));
  ExpectOverflow(max.MultiplyBy(2));
  ExpectOverflow(min.MultiplyBy(-1));
  ExpectOverflow(Money::FromPence(kInt64Max / 2 + 1).MultiplyBy(2));
  ExpectOverflow(min.Negate());

  // Right at the limits nothing overflows.
  EXPECT_EQ(max.Add(Money::Zero())->pence(), kInt64Max);
  EXPECT_EQ(Money::FromPence(kInt64Max - 1).Add(one)->pence(), kInt64Max);
  EXPECT_EQ(Money::FromPence(kInt64Min + 1).Subtract(one)->pence(), kInt64Min);
  EXPECT_EQ(max.Add(min)->pence(), -1);
  EXPECT_EQ(max.Negate()->pence(), kInt64Min + 1);
  EXPECT_EQ(Money::FromPence(kInt64Min + 1).Negate()->pence(), kInt64Max);
  EXPECT_EQ(max.MultiplyBy(-1)->pence(), kInt64Min + 1);
  EXPECT_EQ(Money::FromPence(kInt64Min / 2).MultiplyBy(2)->pence(), kInt64Min);
  EXPECT_EQ(min.MultiplyBy(1)->pence(), kInt64Min);
  EXPECT_EQ(min.MultiplyBy(0)->pence(), 0);
}

// ---------------------------------------------------------------------------------------------
// Properties. __int128 is the independent reference for the mathematical result.

bool FitsInt64(__int128 value) { return value >= kInt64Min && value <= kInt64Max; }

RC_GTEST_PROP(MoneyProperty, ParseInvertsFormat, ()) {
  const std::int64_t pence = *AnyInt64();
  const Money money = Money::FromPence(pence);
  const auto parsed = Money::Parse(money.Format());
  RC_ASSERT(parsed.ok());
  RC_ASSERT(parsed->pence() == pence);
}

RC_GTEST_PROP(MoneyProperty, ParseInvertsFormatPlain, ()) {
  const std::int64_t pence = *AnyInt64();
  const auto parsed = Money::Parse(Money::FromPence(pence).FormatPlain());
  RC_ASSERT(parsed.ok());
  RC_ASSERT(parsed->pence() == pence);
}

RC_GTEST_PROP(MoneyProperty, FormatPlainIsFormatWithoutSymbolAndCommas, ()) {
  const Money money = Money::FromPence(*AnyInt64());
  std::string stripped;
  const std::string formatted = money.Format();
  for (std::size_t i = 0; i < formatted.size(); ++i) {
    if (formatted.compare(i, 2, "£") == 0) {
      ++i;
      continue;
    }
    if (formatted[i] != ',') stripped += formatted[i];
  }
  RC_ASSERT(stripped == money.FormatPlain());
}

RC_GTEST_PROP(MoneyProperty, AddReportsOverflowExactlyWhenTheSumLeavesInt64, ()) {
  const std::int64_t a = *AnyInt64();
  const std::int64_t b = *AnyInt64();
  const __int128 exact = static_cast<__int128>(a) + b;
  const auto sum = Money::FromPence(a).Add(Money::FromPence(b));
  RC_ASSERT(sum.ok() == FitsInt64(exact));
  if (sum.ok()) {
    RC_ASSERT(static_cast<__int128>(sum->pence()) == exact);
  } else {
    RC_ASSERT(sum.status().code() == ErrorCode::kOverflow);
  }
}

RC_GTEST_PROP(MoneyProperty, SubtractReportsOverflowExactlyWhenTheDifferenceLeavesInt64, ()) {
  const std::int64_t a = *AnyInt64();
  const std::int64_t b = *AnyInt64();
  const __int128 exact = static_cast<__int128>(a) - b;
  const auto difference = Money::FromPence(a).Subtract(Money::FromPence(b));
  RC_ASSERT(difference.ok() == FitsInt64(exact));
  if (difference.ok()) RC_ASSERT(static_cast<__int128>(difference->pence()) == exact);
}

RC_GTEST_PROP(MoneyProperty, MultiplyReportsOverflowExactlyWhenTheProductLeavesInt64, ()) {
  const std::int64_t a = *AnyInt64();
  const std::int64_t factor = *AnyInt64();
  const __int128 exact = static_cast<__int128>(a) * factor;
  const auto product = Money::FromPence(a).MultiplyBy(factor);
  RC_ASSERT(product.ok() == FitsInt64(exact));
  if (product.ok()) RC_ASSERT(static_cast<__int128>(product->pence()) == exact);
}

RC_GTEST_PROP(MoneyProperty, NegateReportsOverflowOnlyForInt64Min, ()) {
  const std::int64_t a = *AnyInt64();
  const auto negated = Money::FromPence(a).Negate();
  RC_ASSERT(negated.ok() == (a != kInt64Min));
  if (negated.ok()) RC_ASSERT(static_cast<__int128>(negated->pence()) == -static_cast<__int128>(a));
}

RC_GTEST_PROP(MoneyProperty, AddIsCommutative, ()) {
  const Money a = Money::FromPence(*AnyInt64());
  const Money b = Money::FromPence(*AnyInt64());
  const auto ab = a.Add(b);
  const auto ba = b.Add(a);
  RC_ASSERT(ab.ok() == ba.ok());
  if (ab.ok()) RC_ASSERT(ab->pence() == ba->pence());
}

RC_GTEST_PROP(MoneyProperty, AddIsAssociativeWhenNothingOverflows, ()) {
  const Money a = Money::FromPence(*AnyInt64());
  const Money b = Money::FromPence(*AnyInt64());
  const Money c = Money::FromPence(*AnyInt64());
  const auto ab = a.Add(b);
  const auto bc = b.Add(c);
  RC_PRE(ab.ok() && bc.ok());
  const auto left = ab->Add(c);
  const auto right = a.Add(*bc);
  RC_PRE(left.ok() && right.ok());
  RC_ASSERT(left->pence() == right->pence());
}

RC_GTEST_PROP(MoneyProperty, AddThenSubtractIsIdentity, ()) {
  const Money a = Money::FromPence(*AnyInt64());
  const Money b = Money::FromPence(*AnyInt64());
  const auto sum = a.Add(b);
  RC_PRE(sum.ok());
  const auto back = sum->Subtract(b);
  RC_ASSERT(back.ok());
  RC_ASSERT(back->pence() == a.pence());
}

}  // namespace
}  // namespace psl
