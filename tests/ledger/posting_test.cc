// The ledger's domain rules (PAY-9): balanced postings only, valid accounts, exact reversals.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "psl/ledger/account.h"
#include "psl/ledger/posting.h"

namespace psl::ledger {
namespace {

PostingRequest Fee(std::int64_t pence) {
  PostingRequest request;
  request.idempotency_key = "fee:application:1";
  request.effective_date = *Date::Parse("2026-01-10");
  request.description = "licence application fee (LIC-3)";
  request.cause = "application:1";
  request.lines = {{"provider_receivable:1", Money::FromPence(pence)},
                   {std::string(kFeeIncomeAccount), Money::FromPence(-pence)}};
  return request;
}

TEST(AccountCodes, FamiliesFixTheKind) {
  EXPECT_EQ(*ParseAccountCode("government_budget:employment"), AccountKind::kEquity);
  EXPECT_EQ(*ParseAccountCode("programme_expense:employment"), AccountKind::kExpense);
  EXPECT_EQ(*ParseAccountCode("provider_payable:12"), AccountKind::kLiability);
  EXPECT_EQ(*ParseAccountCode("provider_receivable:12"), AccountKind::kAsset);
  EXPECT_EQ(*ParseAccountCode("fee_income"), AccountKind::kIncome);
  EXPECT_EQ(*ParseAccountCode("bank"), AccountKind::kAsset);
  EXPECT_EQ(ProviderPayableAccount(ProviderId(7)), "provider_payable:7");
  EXPECT_EQ(GovernmentBudgetAccount("fair_start"), "government_budget:fair_start");
}

TEST(AccountCodes, MalformedCodesAreRefused) {
  for (const char* code : {"", "bank:1", "fee_income:x", "provider_payable", "provider_payable:",
                           "provider_payable:0", "provider_payable:01", "provider_payable:abc",
                           "government_budget:Employment", "government_budget:1x",
                           "unknown:1", "provider_payable:-1"}) {
    auto kind = ParseAccountCode(code);
    EXPECT_FALSE(kind.ok()) << code;
    if (!kind.ok()) {
      EXPECT_EQ(kind.status().field(), "account");
    }
  }
}

TEST(ValidatePosting, AcceptsTheLicenceFee) {
  EXPECT_TRUE(ValidatePosting(Fee(25'000)).ok());  // LIC-3 default fee £250
}

TEST(ValidatePosting, RefusesWhatIsNotAWellFormedBalancedPosting) {
  struct Case {
    const char* why;
    std::function<void(PostingRequest&)> spoil;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"unbalanced", [](PostingRequest& p) { p.lines[1].amount = Money::FromPence(-24'999); },
       "lines"},
      {"one line", [](PostingRequest& p) { p.lines.pop_back(); }, "lines"},
      {"zero line",
       [](PostingRequest& p) {
         p.lines.push_back({"bank", Money::Zero()});
       },
       "lines[2].amount"},
      {"bad account", [](PostingRequest& p) { p.lines[0].account_code = "nowhere"; },
       "lines[0].account"},
      {"empty key", [](PostingRequest& p) { p.idempotency_key.clear(); }, "idempotency_key"},
      {"long key", [](PostingRequest& p) { p.idempotency_key.assign(201, 'k'); },
       "idempotency_key"},
      {"control character", [](PostingRequest& p) { p.description = "a\nb"; }, "description"},
      {"no cause", [](PostingRequest& p) { p.cause.clear(); }, "cause"},
      {"huge line",
       [](PostingRequest& p) {
         p.lines[0].amount = Money::FromPence(kMaxLineMagnitudePence + 1);
         p.lines[1].amount = Money::FromPence(-kMaxLineMagnitudePence - 1);
       },
       "lines[0].amount"},
      {"too many lines",
       [](PostingRequest& p) {
         p.lines.assign(101, {"bank", Money::FromPence(1)});
       },
       "lines"},
  };
  for (const Case& c : cases) {
    PostingRequest request = Fee(25'000);
    c.spoil(request);
    Status status = ValidatePosting(request);
    EXPECT_FALSE(status.ok()) << c.why;
    if (!status.ok()) {
      EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << c.why;
      EXPECT_EQ(status.field(), c.field) << c.why;
    }
  }
}

TEST(MakeReversal, NegatesEveryLineAndPointsBack) {
  Posting original{PostingId(5), Timestamp::FromUnixSeconds(0), Fee(25'000)};
  PostingRequest reversal =
      MakeReversal(original, "reverse:5", *Date::Parse("2026-02-01"), "fee refunded");
  EXPECT_EQ(reversal.reverses, PostingId(5));
  EXPECT_EQ(reversal.cause, "posting:5");
  ASSERT_EQ(reversal.lines.size(), 2u);
  EXPECT_EQ(reversal.lines[0].amount, Money::FromPence(-25'000));
  EXPECT_EQ(reversal.lines[1].amount, Money::FromPence(25'000));
  EXPECT_TRUE(ValidatePosting(reversal).ok());
}

TEST(SameContent, DetectsAnyDifference) {
  const PostingRequest base = Fee(25'000);
  EXPECT_TRUE(SameContent(base, base));
  PostingRequest other = base;
  other.description = "different";
  EXPECT_FALSE(SameContent(base, other));
  other = base;
  other.effective_date = *Date::Parse("2026-01-11");
  EXPECT_FALSE(SameContent(base, other));
  other = base;
  std::swap(other.lines[0], other.lines[1]);
  EXPECT_FALSE(SameContent(base, other));
}

// Random postings: any set of non-zero bounded amounts closed by one balancing line is valid,
// and changing any single amount by any non-zero delta makes it invalid.
RC_GTEST_PROP(ValidatePosting, BalancedIffTheLinesSumToZero, ()) {
  const auto amounts = *rc::gen::container<std::vector<std::int64_t>>(
      *rc::gen::inRange<std::size_t>(1, 50),
      rc::gen::suchThat(rc::gen::inRange<std::int64_t>(-1'000'000'000'000, 1'000'000'000'000),
                        [](std::int64_t v) { return v != 0; }));
  PostingRequest request = Fee(1);
  request.lines.clear();
  std::int64_t sum = 0;
  for (std::int64_t amount : amounts) {
    request.lines.push_back({"bank", Money::FromPence(amount)});
    sum += amount;
  }
  RC_PRE(sum != 0);
  request.lines.push_back({"fee_income", Money::FromPence(-sum)});
  RC_ASSERT(ValidatePosting(request).ok());
  RC_ASSERT(IsBalanced(request));

  const auto index = *rc::gen::inRange<std::size_t>(0, request.lines.size());
  const auto delta = *rc::gen::suchThat(rc::gen::inRange<std::int64_t>(-1000, 1000),
                                        [](std::int64_t v) { return v != 0; });
  const std::int64_t changed = request.lines[index].amount.pence() + delta;
  RC_PRE(changed != 0);
  request.lines[index].amount = Money::FromPence(changed);
  RC_ASSERT(!ValidatePosting(request).ok());
  RC_ASSERT(!IsBalanced(request));
}

RC_GTEST_PROP(MakeReversal, AReversalAlwaysBalancesAndUndoesTheOriginal, ()) {
  const auto pence = *rc::gen::inRange<std::int64_t>(1, kMaxLineMagnitudePence);
  Posting original{PostingId(1), Timestamp::FromUnixSeconds(0), Fee(pence)};
  const PostingRequest reversal = MakeReversal(original, "r", *Date::Parse("2026-01-11"), "undo");
  RC_ASSERT(ValidatePosting(reversal).ok());
  for (std::size_t i = 0; i < reversal.lines.size(); ++i) {
    RC_ASSERT(reversal.lines[i].amount.pence() + original.content.lines[i].amount.pence() == 0);
  }
}

}  // namespace
}  // namespace psl::ledger
