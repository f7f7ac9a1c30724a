// Claims through the application layer on SQLite and PostgreSQL: a verified claim makes
// the outcome achieved and accrues outcome part × fraction × relative factor once (PAY-4, PAY-7,
// PAY-9); the refusals write nothing; the trusted feed verifies claims on import and when they
// are made; claw-back mode moves only the difference (PAY-5).
#include <gtest/gtest.h>

#include "claims_test_support.h"
#include "market_test.h"
#include "psl/app/payment_accrual.h"
#include "psl/config/config_json.h"
#include "psl/store/payment_tables.h"
#include "test_database.h"

namespace psl::app::testing {
namespace {

using store::testing::Engine;
using store::testing::TestDatabase;

constexpr const char* kEmployment = "employment_sustained_2y";
constexpr const char* kWage = "median_wage_fraction_3y";

class ClaimsAppTest : public MarketTest<ClaimsMarket> {
 protected:
  Claims claims() { return Claims(market_->app()); }
  ClaimsMarket& market() { return *market_; }
  void At(std::int64_t days) { market_->journey().clock().Set(DayAfterStart(days)); }
  void On(Date date) {
    market_->journey().clock().Set(
        Timestamp::FromUnixSeconds(date.DaysSinceEpoch() * 86'400 + 9 * 3600));
  }

  std::int64_t OutcomePart(std::int64_t registration, const std::string& outcome) {
    return market_->Number("SELECT outcome_pence FROM outcome_splits WHERE registration_id = " +
                           std::to_string(registration) + " AND outcome = '" + outcome + "'");
  }
  std::string OutcomeStatus(std::int64_t registration, const std::string& outcome) {
    return market_->Text("SELECT status FROM registered_outcomes WHERE registration_id = " +
                         std::to_string(registration) + " AND outcome = '" + outcome + "'");
  }

  struct Written {
    std::int64_t claims, audit, lines, postings, spells, feeds;
    friend bool operator==(const Written&, const Written&) = default;
  };
  Written Snapshot() {
    return {market_->Number("SELECT COUNT(*) FROM claims"),
            market_->Number("SELECT COUNT(*) FROM audit_log"),
            market_->Number("SELECT COUNT(*) FROM payment_lines"),
            market_->Number("SELECT COUNT(*) FROM ledger_postings"),
            market_->Number("SELECT COUNT(*) FROM employment_spells"),
            market_->Number("SELECT COUNT(*) FROM evidence_feeds")};
  }

  ClaimInput Employment(const Customer& customer, Date achieved) {
    return {customer.registration_id, kEmployment, achieved, std::nullopt,
            "HMRC RTI extract, 24 months of pay"};
  }
};

TEST_P(ClaimsAppTest, AVerifiedClaimAccruesTheOutcomePartOnceAndTheOutcomeIsAchieved) {
  const Customer customer = market().Register("Kim Claim", "AB123456C", market().m().general_a);
  ASSERT_GT(customer.registration_id, 0);
  const Customer graded_customer =
      market().Register("Gil Graded", "AB123457C", market().m().general_a);
  const std::int64_t part = OutcomePart(customer.registration_id, kEmployment);
  ASSERT_GT(part, 0);
  const Date achieved = StartDate().AddDays(30);
  On(achieved.AddMonths(24));
  auto claim = claims().Submit(market().Provider("alpha"), Employment(customer, achieved));
  ASSERT_TRUE(claim.ok()) << claim.status().ToString();
  EXPECT_EQ(claim->status, "pending");
  EXPECT_EQ(claim->fraction, Weight::One());
  EXPECT_EQ(claim->citizen, customer.citizen);
  EXPECT_FALSE(claim->payment_pence.has_value());
  EXPECT_EQ(OutcomeStatus(customer.registration_id, kEmployment), "open");

  auto verified = claims().Verify(market().As("regulator"), claim->id);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->status, "verified");
  EXPECT_EQ(verified->payment_pence, part);
  EXPECT_TRUE(verified->decided_by.has_value());
  EXPECT_EQ(verified->decided_on, achieved.AddMonths(24));
  EXPECT_EQ(OutcomeStatus(customer.registration_id, kEmployment), "achieved");
  const std::string id = std::to_string(claim->id);
  EXPECT_EQ(market().Number("SELECT amount_pence FROM payment_lines WHERE idempotency_key = "
                            "'outcome:claim:" +
                            id + "' AND kind = 'outcome' AND claim_id = " + id),
            part);
  EXPECT_EQ(market().Text("SELECT rule FROM payment_lines WHERE claim_id = " + id),
            "outcome part " + Money::FromPence(part).FormatPlain() +
                " x fraction 1.000000 x relative 1.000000 (default)");
  // The accrual's posting names its cause and moves the same amount to the provider.
  EXPECT_EQ(
      market().Number("SELECT COUNT(*) FROM ledger_postings WHERE cause = 'claim:" + id + "'"), 1);
  // Verified once: again is a conflict, and nothing more is paid.
  const auto again = claims().Verify(market().As("regulator"), claim->id);
  EXPECT_EQ(again.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(market().Number("SELECT COUNT(*) FROM payment_lines WHERE claim_id = " + id), 1);
  // Only the Regulator verifies; the provider sees its own claim, another provider does not.
  EXPECT_EQ(claims().Verify(market().Provider("alpha"), claim->id).status().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(claims().Get(market().Provider("alpha"), claim->id).ok());
  EXPECT_EQ(claims().Get(market().Provider("beta"), claim->id).status().code(),
            ErrorCode::kNotFound);
  auto theirs = claims().List(market().Provider("beta"), "", 0, 50);
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(theirs->items.empty());
  auto all = claims().List(market().As("regulator"), "verified", 0, 50);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->items.size(), 1u);
  EXPECT_EQ(all->items[0].id, claim->id);

  // A graded outcome pays the fraction, rounded once.

  const std::int64_t graded_part = OutcomePart(graded_customer.registration_id, kWage);
  ASSERT_GT(graded_part, 0);
  On(StartDate().AddMonths(30));
  ClaimInput input{graded_customer.registration_id, kWage, StartDate().AddMonths(30),
                   Weight::FromMicros(333'333), "Payslips: £12,476 a year"};
  auto graded = claims().Submit(market().Provider("alpha"), input);
  ASSERT_TRUE(graded.ok()) << graded.status().ToString();
  auto graded_verified = claims().Verify(market().As("regulator"), graded->id);
  ASSERT_TRUE(graded_verified.ok()) << graded_verified.status().ToString();
  EXPECT_EQ(graded_verified->payment_pence,
            ApplyWeights(Money::FromPence(graded_part), {Weight::FromMicros(333'333)})->pence());
}

TEST_P(ClaimsAppTest, RefusedClaimsNameTheFieldAndWriteNothing) {
  const Customer customer = market().Register("Rae Refused", "AB123458C", market().m().general_a);
  const Date achieved = StartDate().AddDays(10);
  On(achieved.AddMonths(24));
  const RequestContext alpha = market().Provider("alpha");
  const RequestContext beta = market().Provider("beta");  // logs in (audited) before the snapshot
  const Written before = Snapshot();
  const auto refused = [&](const ClaimInput& input, ErrorCode code, const std::string& field,
                           const RequestContext& who) {
    const auto result = claims().Submit(who, input);
    ASSERT_FALSE(result.ok()) << field;
    EXPECT_EQ(result.status().code(), code) << result.status().ToString();
    EXPECT_EQ(result.status().field(), field) << result.status().ToString();
  };
  // Another provider's customer: not found.
  refused(Employment(customer, achieved), ErrorCode::kNotFound, "registration_id", beta);
  ClaimInput input = Employment(customer, achieved);
  input.registration_id = 999'999;
  refused(input, ErrorCode::kNotFound, "registration_id", alpha);
  input = Employment(customer, achieved);
  input.outcome = "no_custody_3y";
  refused(input, ErrorCode::kNotFound, "outcome", alpha);
  // Outside the window, before sustainment, after the deadline.
  refused(Employment(customer, StartDate().AddMonths(12).AddDays(1)),
          ErrorCode::kFailedPrecondition, "achieved_on", alpha);
  refused(Employment(customer, achieved.AddDays(1)), ErrorCode::kFailedPrecondition, "achieved_on",
          alpha);
  // Fractions: a binary outcome with one, a graded one without.
  input = Employment(customer, achieved);
  input.fraction = Weight::FromMicros(500'000);
  refused(input, ErrorCode::kInvalidArgument, "fraction", alpha);
  refused({customer.registration_id, kWage, achieved, std::nullopt, "payslips"},
          ErrorCode::kInvalidArgument, "fraction", alpha);
  input = Employment(customer, achieved);
  input.evidence = "   ";
  refused(input, ErrorCode::kInvalidArgument, "evidence", alpha);
  refused(Employment(customer, achieved), ErrorCode::kPermissionDenied, "",
          market().As("regulator"));
  EXPECT_EQ(Snapshot(), before);

  On(StartDate().AddMonths(36).AddDays(1));
  refused(Employment(customer, achieved), ErrorCode::kFailedPrecondition, "achieved_on", alpha);
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(ClaimsAppTest, OneLiveClaimPerOutcomeRejectionNeedsAReasonAndAllowsAnother) {
  const Customer customer = market().Register("Ola Once", "AB123459C", market().m().general_a);
  const Date achieved = StartDate().AddDays(10);
  On(achieved.AddMonths(24));
  const RequestContext alpha = market().Provider("alpha");
  auto first = claims().Submit(alpha, Employment(customer, achieved));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Written before = Snapshot();
  auto second = claims().Submit(alpha, Employment(customer, achieved));
  EXPECT_EQ(second.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(second.status().field(), "outcome");
  auto no_reason = claims().Reject(market().As("regulator"), first->id, "  ");
  EXPECT_EQ(no_reason.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(no_reason.status().field(), "reason");
  EXPECT_EQ(claims().Reject(market().As("regulator"), 999'999, "no").status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(Snapshot(), before);

  auto rejected = claims().Reject(market().As("regulator"), first->id, "The payslips are forged.");
  ASSERT_TRUE(rejected.ok()) << rejected.status().ToString();
  EXPECT_EQ(rejected->status, "rejected");
  EXPECT_EQ(rejected->reason, "The payslips are forged.");
  EXPECT_FALSE(rejected->payment_pence.has_value());
  EXPECT_EQ(OutcomeStatus(customer.registration_id, kEmployment), "open");
  before = Snapshot();
  EXPECT_EQ(claims().Verify(market().As("regulator"), first->id).status().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(claims().Reject(market().As("regulator"), first->id, "again").status().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(Snapshot(), before);
  // Claimed again within the deadline.
  auto again = claims().Submit(alpha, Employment(customer, achieved));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_NE(again->id, first->id);
}

TEST_P(ClaimsAppTest, AnOutcomeThatIsNotOpenCannotBeClaimedOrPaid) {
  const Customer customer = market().Register("Tod Moved", "AB123450C", market().m().general_a);
  const Date achieved = StartDate().AddDays(10);
  On(achieved.AddMonths(24));
  auto claim = claims().Submit(market().Provider("alpha"), Employment(customer, achieved));
  ASSERT_TRUE(claim.ok()) << claim.status().ToString();
  ASSERT_TRUE(store_
                  ->Write([&](store::Transaction& transaction) {
                    return store::RegistrationTable(transaction.connection())
                        .SetOutcomeStatus(customer.registration_id, kEmployment, "transferred");
                  })
                  .ok());
  const Written before = Snapshot();
  const auto verified = claims().Verify(market().As("regulator"), claim->id);
  EXPECT_EQ(verified.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(verified.status().field(), "outcome");
  ASSERT_TRUE(claims().Reject(market().As("regulator"), claim->id, "moved").ok());
  const Written after_reject = Snapshot();
  const auto resubmitted =
      claims().Submit(market().Provider("alpha"), Employment(customer, achieved));
  EXPECT_EQ(resubmitted.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(resubmitted.status().field(), "outcome");
  EXPECT_EQ(Snapshot(), after_reject);
  EXPECT_EQ(before.lines, after_reject.lines);
}

TEST_P(ClaimsAppTest, TheFeedVerifiesPendingClaimsOnImportAndNewClaimsAtOnce) {
  const Customer kim = market().Register("Kim Feed", "AB111111C", market().m().general_a);
  const Customer lee = market().Register("Lee Feed", "AB222222C", market().m().general_a);
  const Customer max = market().Register("Max Feed", "AB333333C", market().m().general_a);
  const Date achieved = StartDate().AddDays(20);
  On(achieved.AddMonths(24).AddDays(5));
  const RequestContext alpha = market().Provider("alpha");
  auto kim_claim = claims().Submit(alpha, Employment(kim, achieved));
  ASSERT_TRUE(kim_claim.ok()) << kim_claim.status().ToString();
  EXPECT_EQ(kim_claim->status, "pending");
  auto max_claim = claims().Submit(alpha, Employment(max, achieved));
  ASSERT_TRUE(max_claim.ok());

  // Kim by National Insurance number (spaced), Lee by PSL id; Max's job ended too soon; one
  // citizen unknown to PSL.
  const std::string csv =
      "citizen,employer,start,end,earnings\n"
      "AB 11 11 11 C,Acme Ltd," +
      achieved.ToString() + ",,23450.00\n" + std::to_string(lee.citizen.value()) +
      ",\"Smith, Jones\"," + achieved.ToString() +
      ",,19000.00\n"
      "AB333333C,Brief Co," +
      achieved.ToString() + "," + achieved.AddMonths(6).ToString() +
      ",30000.00\n"
      "ZZ999999D,Nobody Ltd,2025-01-01,,1.00\n";
  // Bad input first: nothing is written.
  const Written before = Snapshot();
  EXPECT_EQ(claims().ImportFeed(market().As("regulator"), "", csv).status().field(), "name");
  const auto bad = claims().ImportFeed(market().As("regulator"), "RTI",
                                       csv + "AB111111C,Acme,2025-13-01,,1.00\n");
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "csv");
  EXPECT_NE(bad.status().message().find("row 6, column start"), std::string::npos)
      << bad.status().message();
  EXPECT_EQ(claims().ImportFeed(alpha, "RTI", csv).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Snapshot(), before);

  auto imported = claims().ImportFeed(market().As("regulator"), "HMRC RTI 2027-02", csv);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->rows, 4);
  EXPECT_EQ(imported->matched_citizens, 3);
  EXPECT_EQ(imported->claims_verified, std::vector<std::int64_t>{kim_claim->id});
  auto kim_after = claims().Get(market().As("regulator"), kim_claim->id);
  ASSERT_TRUE(kim_after.ok());
  EXPECT_EQ(kim_after->status, "verified");
  EXPECT_EQ(kim_after->verified_by_feed, imported->feed_id);
  EXPECT_EQ(kim_after->payment_pence, OutcomePart(kim.registration_id, kEmployment));
  EXPECT_EQ(claims().Get(market().As("regulator"), max_claim->id)->status, "pending");
  EXPECT_EQ(market().Number("SELECT COUNT(*) FROM employment_spells WHERE citizen_id IS NULL"), 1);

  // Lee's claim is verified the moment it is made, from the stored spell.
  auto lee_claim = claims().Submit(alpha, Employment(lee, achieved));
  ASSERT_TRUE(lee_claim.ok()) << lee_claim.status().ToString();
  EXPECT_EQ(lee_claim->status, "verified");
  EXPECT_EQ(lee_claim->verified_by_feed, imported->feed_id);
  EXPECT_FALSE(lee_claim->decided_by.has_value());
  EXPECT_EQ(OutcomeStatus(lee.registration_id, kEmployment), "achieved");

  // The graded wage outcome takes the feed's fraction: £19,000 / £37,430.
  auto wage = claims().Submit(
      alpha, {lee.registration_id, kWage, achieved, Weight::FromMicros(900'000), "RTI"});
  ASSERT_TRUE(wage.ok()) << wage.status().ToString();
  EXPECT_EQ(wage->status, "verified");
  const Weight fraction = *Weight::FromRatio(1'900'000, 3'743'000);
  EXPECT_EQ(wage->fraction, fraction);
  EXPECT_EQ(
      wage->payment_pence,
      ApplyWeights(Money::FromPence(OutcomePart(lee.registration_id, kWage)), {fraction})->pence());
}

TEST_P(ClaimsAppTest, InClawbackModeVerificationMovesOnlyTheDifference) {
  ASSERT_TRUE(store_
                  ->Write([&](store::Transaction& transaction) {
                    store::PaymentModeRecord mode;
                    mode.provider = market().m().general_b;
                    mode.clawback = true;
                    mode.effective_from = StartDate().AddDays(-1);
                    mode.set_at = Timestamp::FromUnixSeconds(kStart);
                    return store::PaymentModeTable(transaction.connection()).Insert(mode);
                  })
                  .ok());
  const Customer customer = market().Register("Cal Back", "AB444444C", market().m().general_b);
  ASSERT_EQ(market().Number("SELECT clawback FROM outcome_splits WHERE registration_id = " +
                            std::to_string(customer.registration_id) + " AND outcome = '" +
                            kEmployment + "'"),
            1);
  const std::int64_t part = OutcomePart(customer.registration_id, kWage);
  const Date achieved = StartDate().AddDays(10);
  On(achieved.AddMonths(24));
  const RequestContext beta = market().Provider("beta");
  auto binary = claims().Submit(beta, Employment(customer, achieved));
  ASSERT_TRUE(binary.ok()) << binary.status().ToString();
  auto full = claims().Verify(market().As("regulator"), binary->id);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  EXPECT_EQ(full->payment_pence, 0);  // paid at registration already
  auto graded = claims().Submit(
      beta, {customer.registration_id, kWage, achieved, Weight::FromMicros(250'000), "payslips"});
  ASSERT_TRUE(graded.ok()) << graded.status().ToString();
  auto quarter = claims().Verify(market().As("regulator"), graded->id);
  ASSERT_TRUE(quarter.ok()) << quarter.status().ToString();
  const std::int64_t kept =
      ApplyWeights(Money::FromPence(part), {Weight::FromMicros(250'000)})->pence();
  EXPECT_EQ(quarter->payment_pence, kept - part);
  EXPECT_EQ(market().Text("SELECT kind FROM payment_lines WHERE idempotency_key = "
                          "'clawback:claim:" +
                          std::to_string(graded->id) + "'"),
            "clawback");
}

TEST_P(ClaimsAppTest, RelativeResultsExplainTheFactorInTheRule) {
  ASSERT_TRUE(store_
                  ->Write([&](store::Transaction& transaction) {
                    payment::PaymentSettings settings = payment::DefaultPaymentSettings();
                    settings.version = 2;
                    settings.relative_results_end_results = {"individual_prosperity"};
                    store::PaymentSettingsRecord record;
                    record.version = 2;
                    record.document = config::PaymentSettingsToJson(settings);
                    record.published_at = Timestamp::FromUnixSeconds(kStart);
                    return store::PaymentSettingsTable(transaction.connection()).Insert(record);
                  })
                  .ok());
  const Customer customer = market().Register("Rel Ative", "AB555555C", market().m().general_a);
  const Date achieved = StartDate().AddDays(10);
  On(achieved.AddMonths(24));
  auto claim = claims().Submit(market().Provider("alpha"), Employment(customer, achieved));
  ASSERT_TRUE(claim.ok());
  ASSERT_TRUE(claims().Verify(market().As("regulator"), claim->id).ok());
  // Fewer than 20 closed outcomes: the factor is 1, and the rule says why.
  const std::string rule =
      market().Text("SELECT rule FROM payment_lines WHERE claim_id = " + std::to_string(claim->id));
  EXPECT_NE(rule.find("relative 1.000000 (provider 0/0 closed outcomes, fewer than 20)"),
            std::string::npos)
      << rule;
}

INSTANTIATE_TEST_SUITE_P(Engines, ClaimsAppTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return store::testing::EngineName(info.param); });

}  // namespace
}  // namespace psl::app::testing
