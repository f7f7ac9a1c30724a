// Payment settings versions, the claw-back mode and budgets through the application layer, on
// SQLite and on PostgreSQL (docs/payment.md §1, §5, §9): who may do what, what is written (and
// that refusals write nothing), good standing, and committed and paid spend against envelopes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "journey_test_support.h"
#include "market_test.h"
#include "psl/app/budgets.h"
#include "psl/app/payment_accrual.h"
#include "psl/ledger/account.h"
#include "psl/payment/budget.h"
#include "psl/store/payment_tables.h"
#include "test_database.h"

namespace psl::app::testing {
namespace {

using store::testing::Engine;
using store::testing::TestDatabase;

Date Day(int year, int month, int day) { return Date::FromCivil(year, month, day).value(); }

class BudgetAppTest : public MarketTest<JourneyMarket> {
 protected:
  App& app() { return market_->app(); }
  RequestContext As(const std::string& username) { return market_->As(username); }
  const Market& m() const { return market_->market(); }
  Date Today() { return market_->clock().Now().UtcDate(); }

  // A provider of the market, logged in with the password the market gave it.
  RequestContext Provider(const std::string& username) { return market_->As(username); }

  std::int64_t Count(const std::string& table) {
    std::int64_t count = -1;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(
                                                          "SELECT COUNT(*) FROM " + table));
                      count = rows.at(0).Int(0);
                      return Status::Ok();
                    })
                    .ok());
    return count;
  }

  Money Balance(const std::string& account) {
    Money balance;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(balance,
                                           transaction.ledger().Balance(account, std::nullopt));
                      return Status::Ok();
                    })
                    .ok());
    return balance;
  }

  // The Regulator records money received from (or, negative, lent to) a provider on its
  // receivable account, effective `on`.
  void Receive(ProviderId provider, Money amount, Date on, const std::string& key) {
    ledger::PostingRequest posting;
    posting.idempotency_key = key;
    posting.effective_date = on;
    posting.description = "Received from the provider";
    posting.cause = "test";
    posting.lines = {
        {std::string(ledger::kBankAccount), amount},
        {ledger::ProviderReceivableAccount(provider), Money::FromPence(-amount.pence())}};
    auto posted = app().PostToLedger(As("regulator"), posting);
    ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  }

  // Clears what the provider owes (its licence fees, since the market opened in 2013).
  void SettleReceivable(ProviderId provider) {
    const Money owed = Balance(ledger::ProviderReceivableAccount(provider));
    ASSERT_GT(owed.pence(), 0) << "the market's providers owe their licence fees";
    Receive(provider, owed, Today(), "settle:" + std::to_string(provider.value()));
  }

  bool ClawbackOn(ProviderId provider, Date on) {
    bool on_mode = false;
    EXPECT_TRUE(
        store_
            ->Read([&](store::Transaction& transaction) -> Status {
              PSL_ASSIGN_OR_RETURN(
                  on_mode,
                  store::PaymentModeTable(transaction.connection()).ClawbackOn(provider, on));
              return Status::Ok();
            })
            .ok());
    return on_mode;
  }

  // Refers, assesses and registers a jobseeker with `provider` for individual_prosperity today.
  std::int64_t RegisterJobseeker(const std::string& name, ProviderId provider) {
    Journey journey(app());
    const CitizenId citizen = market_->Refer(name, "jobcentre");
    auto assessed = journey.Assess(As("referrer"), citizen, UnemployedAnswers(), "");
    EXPECT_TRUE(assessed.ok()) << assessed.status().ToString();
    auto options = journey.Options(As("referrer"), citizen, "individual_prosperity");
    EXPECT_TRUE(options.ok()) << options.status().ToString();
    auto shortlisted = journey.Shortlist(As("referrer"), citizen, "individual_prosperity",
                                         {m().general_a, m().general_b, m().general_c});
    EXPECT_TRUE(shortlisted.ok()) << shortlisted.status().ToString();
    auto registered = journey.Register(As("referrer"), citizen, "individual_prosperity", provider);
    EXPECT_TRUE(registered.ok()) << registered.status().ToString();
    return registered.ok() ? registered->id : 0;
  }

  std::vector<store::OutcomeSplitRecord> Splits(std::int64_t registration) {
    std::vector<store::OutcomeSplitRecord> splits;
    EXPECT_TRUE(
        store_
            ->Read([&](store::Transaction& transaction) -> Status {
              PSL_ASSIGN_OR_RETURN(
                  splits,
                  store::OutcomeSplitTable(transaction.connection()).ForRegistration(registration));
              return Status::Ok();
            })
            .ok());
    return splits;
  }
};

// --- Payment settings ---

TEST_P(BudgetAppTest, VersionOneIsBuiltInAndTheRegulatorPublishesTheNext) {
  PaymentSettingsAdmin admin(app());
  auto built_in = admin.Get(std::nullopt);
  ASSERT_TRUE(built_in.ok()) << built_in.status().ToString();
  EXPECT_EQ(built_in->version, 1);
  EXPECT_FALSE(built_in->published_at.has_value());
  EXPECT_EQ(built_in->settings, payment::DefaultPaymentSettings());

  payment::PaymentSettings next = payment::DefaultPaymentSettings();
  next.end_result_splits["better_physical_health"] = {50, 40, 10};
  next.relative_results_end_results = {"individual_prosperity"};
  auto published = admin.Publish(As("regulator"), next, std::nullopt);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->version, 2);
  EXPECT_EQ(published->settings.version, 2);
  EXPECT_EQ(Count("payment_settings"), 1);

  // Everyone's path: the lead's LoadPaymentSettings reads the stored document through the codec.
  payment::PaymentSettings loaded;
  ASSERT_TRUE(store_
                  ->Read([&](store::Transaction& transaction) -> Status {
                    PSL_ASSIGN_OR_RETURN(loaded, payments::LoadPaymentSettings(transaction));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(loaded.version, 2);
  EXPECT_EQ(loaded.end_result_splits.at("better_physical_health"),
            (payment::SplitShares{50, 40, 10}));
  EXPECT_TRUE(loaded.relative_results_end_results.contains("individual_prosperity"));

  auto latest = admin.Get(std::nullopt);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->published_at, market_->clock().Now());
  EXPECT_EQ(admin.Get(1)->settings, payment::DefaultPaymentSettings());
  EXPECT_EQ(admin.Get(3).status().code(), ErrorCode::kNotFound);

  // Naming the version: only the next one is accepted.
  auto stale = admin.Publish(As("regulator"), next, 2);
  EXPECT_EQ(stale.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(stale.status().field(), "version");
  auto third = admin.Publish(As("regulator"), next, 3);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->version, 3);
  EXPECT_EQ(Count("payment_settings"), 2);
  EXPECT_EQ(Count("audit_log WHERE action = 'payment_settings.publish'"), 2);
}

TEST_P(BudgetAppTest, OnlyTheRegulatorPublishesValidSettings) {
  PaymentSettingsAdmin admin(app());
  // Logging in is audited: every context first, then the count.
  const RequestContext alpha = Provider("alpha");
  for (const char* who : {"government", "referrer", "citizen", "regulator"}) As(who);
  const std::int64_t audit = Count("audit_log");
  for (const char* who : {"government", "referrer", "citizen"}) {
    EXPECT_EQ(
        admin.Publish(As(who), payment::DefaultPaymentSettings(), std::nullopt).status().code(),
        ErrorCode::kPermissionDenied)
        << who;
  }
  EXPECT_EQ(admin.Publish(alpha, payment::DefaultPaymentSettings(), std::nullopt).status().code(),
            ErrorCode::kPermissionDenied);
  payment::PaymentSettings bad = payment::DefaultPaymentSettings();
  bad.default_split = {30, 60, 11};
  auto refused = admin.Publish(As("regulator"), bad, std::nullopt);
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "default_split");
  EXPECT_EQ(Count("payment_settings"), 0);
  EXPECT_EQ(Count("audit_log"), audit);
}

// --- Claw-back mode (PAY-5) ---

TEST_P(BudgetAppTest, ClawbackNeedsGoodStandingAndStartsTomorrow) {
  PaymentModes modes(app());
  const RequestContext alpha = Provider("alpha");

  // The licence fee has been owed since the market opened (2013): not in good standing.
  auto before = modes.Get(alpha, m().general_a);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_FALSE(before->clawback);
  EXPECT_FALSE(before->effective_from.has_value());
  EXPECT_FALSE(before->good_standing);
  ASSERT_TRUE(before->good_standing_reason.has_value());
  EXPECT_NE(before->good_standing_reason->find("2013-12-02"), std::string::npos)
      << *before->good_standing_reason;
  auto refused = modes.Set(alpha, m().general_a, true);
  EXPECT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().field(), "clawback");
  EXPECT_EQ(Count("provider_payment_modes"), 0);

  // Paid up, with a new debt 30 days old: that is not overdue (90 days).
  SettleReceivable(m().general_a);
  Receive(m().general_a, Money::FromPence(-2500), Today().AddDays(-30), "lent:alpha");
  auto opted = modes.Set(alpha, m().general_a, true);
  ASSERT_TRUE(opted.ok()) << opted.status().ToString();
  EXPECT_TRUE(opted->clawback);
  EXPECT_TRUE(opted->good_standing);
  EXPECT_FALSE(opted->good_standing_reason.has_value());
  EXPECT_EQ(opted->effective_from, Today().AddDays(1));
  // Registrations made today keep today's mode.
  EXPECT_FALSE(ClawbackOn(m().general_a, Today()));
  EXPECT_TRUE(ClawbackOn(m().general_a, Today().AddDays(1)));
  EXPECT_EQ(Count("audit_log WHERE action = 'payment_mode.set'"), 1);

  // The same choice again writes nothing; opting out is always allowed, also from tomorrow.
  ASSERT_TRUE(modes.Set(alpha, m().general_a, true).ok());
  EXPECT_EQ(Count("provider_payment_modes"), 1);
  auto out = modes.Set(As("regulator"), m().general_a, false);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_FALSE(out->clawback);
  EXPECT_FALSE(ClawbackOn(m().general_a, Today().AddDays(1)));
  EXPECT_EQ(Count("provider_payment_modes"), 2);

  // 91 days later the 30-day-old debt is 121 days old: good standing is lost.
  market_->clock().Set(market_->clock().Now().PlusSeconds(91 * 86'400));
  auto later = modes.Get(As("regulator"), m().general_a);
  ASSERT_TRUE(later.ok());
  EXPECT_FALSE(later->good_standing);
  EXPECT_NE(later->good_standing_reason->find("£25.00"), std::string::npos)
      << *later->good_standing_reason;
}

TEST_P(BudgetAppTest, SuspendedOrUnlicensedProvidersAreNotInGoodStanding) {
  PaymentModes modes(app());
  SettleReceivable(m().suspended);
  auto suspended = modes.Set(As("regulator"), m().suspended, true);
  EXPECT_EQ(suspended.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(suspended.status().message().find("suspended"), std::string::npos)
      << suspended.status().message();
  auto unlicensed = modes.Get(As("regulator"), m().unlicensed);
  ASSERT_TRUE(unlicensed.ok());
  EXPECT_FALSE(unlicensed->good_standing);
  EXPECT_NE(unlicensed->good_standing_reason->find("no granted general licence"),
            std::string::npos);
  EXPECT_EQ(Count("provider_payment_modes"), 0);

  // Settings may lift the restriction (PAY-5: "restricted by default").
  payment::PaymentSettings open = payment::DefaultPaymentSettings();
  open.clawback_requires_good_standing = false;
  ASSERT_TRUE(PaymentSettingsAdmin(app()).Publish(As("regulator"), open, std::nullopt).ok());
  auto allowed = modes.Set(As("regulator"), m().suspended, true);
  ASSERT_TRUE(allowed.ok()) << allowed.status().ToString();
  EXPECT_TRUE(allowed->clawback);
  EXPECT_FALSE(allowed->good_standing);
}

TEST_P(BudgetAppTest, ProvidersSeeOnlyTheirOwnMode) {
  PaymentModes modes(app());
  EXPECT_EQ(modes.Get(Provider("beta"), m().general_a).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(modes.Set(Provider("beta"), m().general_a, false).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(modes.Get(As("regulator"), ProviderId(999'999)).status().code(), ErrorCode::kNotFound);
  for (const char* who : {"government", "referrer", "citizen"}) {
    EXPECT_EQ(modes.Get(As(who), m().general_a).status().code(), ErrorCode::kPermissionDenied)
        << who;
  }
  EXPECT_TRUE(modes.Get(Provider("beta"), m().general_b).ok());
}

// --- Budgets (PAY-10) ---

TEST_P(BudgetAppTest, CommittedAndPaidSpendAgainstTheEnvelopeByMonth) {
  Budgets budgets(app());
  auto set = budgets.Set(As("government"), {"individual_prosperity", Day(2025, 1, 1),
                                            Day(2025, 3, 31), Money::FromPence(10'000'000)});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_GT(set->id, 0);

  // Two registrations in January (2025-01-06), one in February, one in April (outside).
  const std::int64_t first = RegisterJobseeker("Jan One", m().general_a);
  const std::int64_t second = RegisterJobseeker("Jan Two", m().general_b);
  market_->clock().Set(market_->clock().Now().PlusSeconds(31 * 86'400));  // 2025-02-06
  const std::int64_t third = RegisterJobseeker("Feb Three", m().general_a);
  market_->clock().Set(market_->clock().Now().PlusSeconds(60 * 86'400));  // 2025-04-07
  RegisterJobseeker("April Four", m().general_c);

  // What the estimate should be, from the locked splits: nothing has closed, so 50%.
  const auto expected = [&](std::initializer_list<std::int64_t> registrations) {
    std::map<std::string, payment::CommittedInputs> by_outcome;
    for (std::int64_t registration : registrations) {
      for (const store::OutcomeSplitRecord& split : Splits(registration)) {
        payment::CommittedInputs& sum = by_outcome[split.outcome];
        sum.upfront = *sum.upfront.Add(split.upfront);
        sum.outcome_part = *sum.outcome_part.Add(split.outcome_part);
        sum.satisfaction = *sum.satisfaction.Add(split.satisfaction);
      }
    }
    std::int64_t total = 0;
    for (const auto& [outcome, sum] : by_outcome) {
      total += sum.upfront.pence() +
               (sum.outcome_part.pence() + sum.satisfaction.pence()) / 2;  // rounded down
    }
    return total;
  };
  const std::int64_t january = expected({first, second});
  const std::int64_t february = expected({third});
  ASSERT_GT(january, 0) << "registration locks the splits";
  std::int64_t january_upfront = 0;
  for (std::int64_t registration : {first, second}) {
    for (const auto& split : Splits(registration)) january_upfront += split.upfront.pence();
  }

  auto listed = budgets.List(As("regulator"), std::nullopt, std::nullopt);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 1u);
  const BudgetView& view = listed->front();
  EXPECT_EQ(view.envelope.amount.pence(), 10'000'000);
  ASSERT_EQ(view.months.size(), 3u);
  EXPECT_EQ(view.months[0].month, "2025-01");
  EXPECT_EQ(view.months[1].month, "2025-02");
  EXPECT_EQ(view.months[2].month, "2025-03");
  EXPECT_EQ(view.months[0].committed.pence(), january);
  EXPECT_EQ(view.months[1].committed.pence(), february);
  EXPECT_EQ(view.months[2].committed.pence(), 0);
  EXPECT_EQ(view.committed.pence(), january + february);
  // Paid: the upfront parts accrued at registration, in the month they were posted.
  EXPECT_EQ(view.months[0].paid.pence(), january_upfront);
  EXPECT_EQ(view.months[2].paid.pence(), 0);
  EXPECT_EQ(view.paid.pence(), view.months[0].paid.pence() + view.months[1].paid.pence());
  // The April registration is outside the period but paid into the same expense account.
  EXPECT_GT(Balance(ledger::ProgrammeExpenseAccount("individual_prosperity")).pence(),
            view.paid.pence());
}

TEST_P(BudgetAppTest, ClosedOutcomesAreCountedNationally) {
  const std::int64_t first = RegisterJobseeker("Closed One", m().general_a);
  const std::int64_t second = RegisterJobseeker("Closed Two", m().general_b);
  ASSERT_TRUE(
      store_
          ->Write([&](store::Transaction& transaction) -> Status {
            auto& connection = transaction.connection();
            PSL_ASSIGN_OR_RETURN(
                const std::int64_t achieved,
                connection.Execute("UPDATE registered_outcomes SET status = 'achieved' WHERE "
                                   "registration_id = $1 AND outcome = $2",
                                   {first, std::string("employment_sustained_2y")}));
            PSL_ASSIGN_OR_RETURN(
                const std::int64_t missed,
                connection.Execute("UPDATE registered_outcomes SET status = 'missed' "
                                   "WHERE registration_id = $1",
                                   {second}));
            EXPECT_EQ(achieved, 1);
            EXPECT_GE(missed, 2);
            return Status::Ok();
          })
          .ok());
  std::vector<std::string> outcomes = {"no_custody_3y"};  // nobody registered for it
  for (const store::OutcomeSplitRecord& split : Splits(second)) outcomes.push_back(split.outcome);
  ASSERT_GE(outcomes.size(), 3u);
  std::map<std::string, store::AchievedMissed> closed;
  ASSERT_TRUE(store_
                  ->Read([&](store::Transaction& transaction) -> Status {
                    PSL_ASSIGN_OR_RETURN(
                        closed, store::BudgetTable(transaction.connection()).Closed(outcomes));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(closed["employment_sustained_2y"].achieved, 1);
  EXPECT_EQ(closed["employment_sustained_2y"].missed, 1);
  EXPECT_FALSE(closed.contains("no_custody_3y"));
  // Every other outcome of the second registration: one missed, none achieved.
  for (const std::string& outcome : outcomes) {
    if (outcome == "employment_sustained_2y" || outcome == "no_custody_3y") continue;
    EXPECT_EQ(closed[outcome].achieved, 0) << outcome;
    EXPECT_EQ(closed[outcome].missed, 1) << outcome;
  }
}

TEST_P(BudgetAppTest, SettingAgainReplacesAndTheFilterPicksOverlappingPeriods) {
  Budgets budgets(app());
  const RequestContext government = As("government");
  ASSERT_TRUE(budgets
                  .Set(government, {"individual_prosperity", Day(2025, 4, 1), Day(2026, 3, 31),
                                    Money::FromPence(1'000)})
                  .ok());
  auto replaced = budgets.Set(government, {"individual_prosperity", Day(2025, 4, 1),
                                           Day(2026, 3, 31), Money::FromPence(2'000)});
  ASSERT_TRUE(replaced.ok());
  ASSERT_TRUE(budgets
                  .Set(government,
                       {"lower_crime", Day(2026, 4, 1), Day(2027, 3, 31), Money::FromPence(3'000)})
                  .ok());
  auto all = budgets.List(government, std::nullopt, std::nullopt);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].envelope.end_result, "individual_prosperity");
  EXPECT_EQ((*all)[0].envelope.amount.pence(), 2'000);
  EXPECT_EQ((*all)[0].envelope.id, replaced->id);
  EXPECT_EQ((*all)[0].months.size(), 12u);
  auto later = budgets.List(government, Day(2026, 4, 1), Day(2026, 12, 31));
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ(later->front().envelope.end_result, "lower_crime");
  auto edge = budgets.List(government, Day(2025, 1, 1), Day(2025, 4, 1));
  ASSERT_TRUE(edge.ok());
  ASSERT_EQ(edge->size(), 1u);
  EXPECT_EQ(budgets.List(government, Day(2025, 2, 1), Day(2025, 1, 1)).status().field(), "to");
}

TEST_P(BudgetAppTest, BudgetRefusalsWriteNothing) {
  Budgets budgets(app());
  const RequestContext alpha = Provider("alpha");
  for (const char* who : {"government", "citizen", "regulator"}) As(who);
  const std::int64_t audit = Count("audit_log");
  const BudgetInput good{"individual_prosperity", Day(2025, 1, 1), Day(2025, 12, 31),
                         Money::FromPence(100)};
  EXPECT_EQ(budgets.Set(As("regulator"), good).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(budgets.Set(alpha, good).status().code(), ErrorCode::kPermissionDenied);
  BudgetInput unknown = good;
  unknown.end_result = "world_peace";
  EXPECT_EQ(budgets.Set(As("government"), unknown).status().field(), "end_result");
  BudgetInput backwards = good;
  backwards.period_to = Day(2024, 12, 31);
  EXPECT_EQ(budgets.Set(As("government"), backwards).status().field(), "period_to");
  BudgetInput too_long = good;
  too_long.period_to = Day(2035, 1, 1);
  EXPECT_EQ(budgets.Set(As("government"), too_long).status().field(), "period_to");
  BudgetInput negative = good;
  negative.amount = Money::FromPence(-1);
  EXPECT_EQ(budgets.Set(As("government"), negative).status().field(), "amount_pence");
  EXPECT_EQ(Count("budget_envelopes"), 0);
  EXPECT_EQ(Count("audit_log"), audit);
  EXPECT_EQ(budgets.List(alpha, std::nullopt, std::nullopt).status().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(budgets.List(As("citizen"), std::nullopt, std::nullopt).status().code(),
            ErrorCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Engines, BudgetAppTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return store::testing::EngineName(info.param); });

}  // namespace
}  // namespace psl::app::testing
