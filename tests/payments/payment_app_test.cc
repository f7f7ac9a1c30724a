// Paying by results through the application layer, on SQLite and on PostgreSQL: the split
// locked at registration with the upfront part accrued (PAY-1..3), payment runs prepared by one
// regulator and released by another (PAY-8, X-5), claw-back and netting with receivables (PAY-5),
// satisfaction payments at the recommend rate (PAY-6), statements tracing every line (PAY-9).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "journey_test_support.h"
#include "market_test.h"
#include "psl/app/payment_runs.h"
#include "psl/ledger/account.h"
#include "psl/store/journey_tables.h"
#include "psl/store/payment_tables.h"
#include "test_database.h"

namespace psl::app::testing {
namespace {

using store::testing::Engine;
using store::testing::TestDatabase;

Timestamp At(int y, int m, int d) {
  return Timestamp::FromUnixSeconds(Date::FromCivil(y, m, d)->DaysSinceEpoch() * 86'400 +
                                    9 * 3'600);
}

class PaymentAppTest : public MarketTest<JourneyMarket> {
 protected:
  Journey journey() { return Journey(market_->app()); }
  PaymentRuns runs() { return PaymentRuns(market_->app()); }
  RequestContext As(const std::string& username) { return market_->As(username); }
  const Market& m() const { return market_->market(); }

  // A jobcentre referral registered for individual prosperity with `provider` (assisted choice).
  store::RegistrationRecord Register(ProviderId provider, const std::string& name) {
    const CitizenId citizen = market_->Refer(name, "jobcentre");
    const auto assessed = journey().Assess(As("referrer"), citizen, UnemployedAnswers(), "");
    EXPECT_TRUE(assessed.ok()) << assessed.status().ToString();
    const auto shortlisted = journey().Shortlist(As("referrer"), citizen, "individual_prosperity",
                                                 {m().general_a, m().general_b, m().general_c});
    EXPECT_TRUE(shortlisted.ok()) << shortlisted.status().ToString();
    auto registered =
        journey().Register(As("referrer"), citizen, "individual_prosperity", provider);
    EXPECT_TRUE(registered.ok()) << registered.status().ToString();
    return registered.ok() ? *registered : store::RegistrationRecord{};
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

  std::int64_t Scalar(const std::string& sql) {
    std::int64_t value = -1;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(sql));
                      value = rows.at(0).IsNull(0) ? 0 : rows.at(0).Int(0);
                      return Status::Ok();
                    })
                    .ok());
    return value;
  }

  void ExpectSoundLedger() {
    store::LedgerCheck check;
    ASSERT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(check, transaction.ledger().Check());
                      return Status::Ok();
                    })
                    .ok());
    EXPECT_TRUE(check.Sound());
  }

  RunView PrepareAndRelease(Date as_of) {
    auto prepared = runs().Prepare(As("regulator"), as_of);
    EXPECT_TRUE(prepared.ok()) << prepared.status().ToString();
    if (!prepared.ok()) return {};
    auto released = runs().Release(As("regulator2"), prepared->run.id);
    EXPECT_TRUE(released.ok()) << released.status().ToString();
    return released.ok() ? *released : RunView{};
  }

  static std::int64_t Sum(const store::RegistrationRecord& r,
                          std::int64_t store::RegisteredOutcomeRecord::Split::*part) {
    std::int64_t total = 0;
    for (const auto& o : r.outcomes) total += o.split ? (*o.split).*part : 0;
    return total;
  }
};

TEST_P(PaymentAppTest, RegistrationLocksTheSplitAndAccruesTheUpfrontPart) {
  const auto registration = Register(m().general_a, "Pat Split");
  ASSERT_FALSE(registration.outcomes.empty());
  std::int64_t upfront = 0;
  for (const auto& outcome : registration.outcomes) {
    ASSERT_TRUE(outcome.split.has_value()) << outcome.outcome;
    const auto& split = *outcome.split;
    // Licensed in December 2013, registering in 2025: an established provider, 30/60/10.
    EXPECT_EQ(split.rule, "default");
    EXPECT_EQ(split.upfront_pence, outcome.price_pence * 30 / 100);
    EXPECT_EQ(split.satisfaction_pence, outcome.price_pence * 10 / 100);
    EXPECT_EQ(split.upfront_pence + split.outcome_pence + split.satisfaction_pence,
              outcome.price_pence);
    EXPECT_FALSE(split.clawback);
    upfront += split.upfront_pence;
  }
  EXPECT_GT(upfront, 0);
  EXPECT_EQ(Balance(ledger::ProgrammeExpenseAccount("individual_prosperity")).pence(), upfront);
  EXPECT_EQ(Balance(ledger::ProviderPayableAccount(m().general_a)).pence(), -upfront);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM payment_lines WHERE kind = 'upfront' AND "
                   "registration_id = " +
                   std::to_string(registration.id)),
            static_cast<std::int64_t>(registration.outcomes.size()));
  ExpectSoundLedger();
}

TEST_P(PaymentAppTest, ANewEntrantIsPaidEverythingUpfront) {
  // The report's example month: providers were licensed on 2 December 2013, one month before.
  market_->clock().Set(At(2014, 1, 6));
  const auto registration = Register(m().general_b, "Nell Entrant");
  for (const auto& outcome : registration.outcomes) {
    ASSERT_TRUE(outcome.split.has_value());
    EXPECT_EQ(outcome.split->rule, "sliding_scale:0");
    EXPECT_EQ(outcome.split->upfront_pence, outcome.price_pence);
    EXPECT_EQ(outcome.split->outcome_pence, 0);
  }
  // Eight months in: 60/30/10.
  market_->clock().Set(At(2014, 8, 4));
  const auto later = Register(m().general_b, "Otto Later");
  for (const auto& outcome : later.outcomes) {
    EXPECT_EQ(outcome.split->rule, "sliding_scale:6");
    EXPECT_EQ(outcome.split->upfront_pence, outcome.price_pence * 60 / 100);
  }
}

TEST_P(PaymentAppTest, ARunPaysWhatIsDueOnceWithFourEyes) {
  const auto a = Register(m().general_a, "Ann One");
  const auto b = Register(m().general_b, "Bob Two");
  const Date today = market_->clock().Now().UtcDate();
  const std::int64_t upfront_a = Sum(a, &store::RegisteredOutcomeRecord::Split::upfront_pence);
  const std::int64_t upfront_b = Sum(b, &store::RegisteredOutcomeRecord::Split::upfront_pence);

  EXPECT_EQ(runs().Prepare(As("regulator"), today.AddDays(1)).status().field(), "as_of");
  EXPECT_EQ(runs().Prepare(As("provider"), today).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(runs().Prepare({access::Principal::System("cli"), "t"}, today).status().code(),
            ErrorCode::kPermissionDenied);
  auto prepared = runs().Prepare(As("regulator"), today);
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  EXPECT_EQ(prepared->run.status, "prepared");
  EXPECT_EQ(prepared->run.line_count,
            static_cast<std::int64_t>(a.outcomes.size() + b.outcomes.size()));
  EXPECT_EQ(prepared->run.total.pence(), upfront_a + upfront_b);
  // Only one open run at a time.
  EXPECT_EQ(runs().Prepare(As("regulator2"), today).status().code(), ErrorCode::kConflict);

  // the preparer cannot release; nothing moves.
  const std::int64_t postings = Scalar("SELECT COUNT(*) FROM ledger_postings");
  EXPECT_EQ(runs().Release(As("regulator"), prepared->run.id).status().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM ledger_postings"), postings);
  EXPECT_EQ(Balance(std::string(ledger::kBankAccount)).pence(), 0);

  std::vector<std::pair<std::int64_t, std::int64_t>> progress;
  auto released = runs().Release(
      As("regulator2"), prepared->run.id,
      [&](std::int64_t done, std::int64_t total) { progress.emplace_back(done, total); });
  ASSERT_TRUE(released.ok()) << released.status().ToString();
  EXPECT_EQ(released->run.status, "released");
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress.back(), std::make_pair(std::int64_t{2}, std::int64_t{2}));
  // Each provider still owed its licence fee (LIC-3): netted first, the rest paid (PAY-5).
  std::int64_t paid = 0;
  for (const auto& row : released->providers) {
    EXPECT_EQ(row.status, "paid");
    EXPECT_EQ(row.receivable.pence(), 25'000);
    EXPECT_EQ(row.recovered.pence(), 25'000);
    EXPECT_EQ(row.paid.pence() + row.recovered.pence(),
              row.provider == m().general_a ? upfront_a : upfront_b);
    paid += row.paid.pence();
  }
  EXPECT_EQ(Balance(std::string(ledger::kBankAccount)).pence(), -paid);
  EXPECT_EQ(Balance(ledger::ProviderPayableAccount(m().general_a)).pence(), 0);
  EXPECT_EQ(Balance(ledger::ProviderPayableAccount(m().general_b)).pence(), 0);
  EXPECT_EQ(Balance(ledger::ProviderReceivableAccount(m().general_a)).pence(), 0);

  // Idempotent: releasing again and running again pay nothing more.
  EXPECT_EQ(runs().Release(As("regulator2"), prepared->run.id).status().code(),
            ErrorCode::kConflict);
  const RunView again = PrepareAndRelease(today);
  EXPECT_EQ(again.run.line_count, 0);
  EXPECT_TRUE(again.providers.empty());
  EXPECT_EQ(Balance(std::string(ledger::kBankAccount)).pence(), -paid);
  ExpectSoundLedger();
}

TEST_P(PaymentAppTest, StatementsTraceEveryLineAndOnlyTheProviderSeesItsOwn) {
  const auto a = Register(m().general_a, "Cy Three");
  const RunView run = PrepareAndRelease(market_->clock().Now().UtcDate());
  auto statement = runs().GetStatement(As("regulator"), run.run.id, m().general_a);
  ASSERT_TRUE(statement.ok()) << statement.status().ToString();
  ASSERT_EQ(statement->lines.size(), a.outcomes.size());
  for (const auto& line : statement->lines) {
    EXPECT_EQ(line.kind, "upfront");
    EXPECT_EQ(line.registration_id, a.id);
    EXPECT_EQ(line.citizen_name, "Cy Three");
    EXPECT_TRUE(line.outcome.has_value());
    EXPECT_EQ(line.tariff_version, a.tariff_version);
    EXPECT_NE(line.rule.find("(default)"), std::string::npos) << line.rule;
    EXPECT_TRUE(line.posting.has_value());
  }
  const std::string csv = StatementCsv(*statement);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'),
            static_cast<std::ptrdiff_t>(a.outcomes.size() + 1));
  EXPECT_EQ(csv.rfind("run_id,as_of,provider_id,line_id,kind,amount", 0), 0u);
  // Alpha's user sees its statement; Beta's is told there is none (scope, not existence).
  EXPECT_TRUE(runs().GetStatement(As("alpha"), run.run.id, m().general_a).ok());
  EXPECT_EQ(runs().GetStatement(As("beta"), run.run.id, m().general_a).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(runs().ProviderStatements(As("beta"), m().general_a).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(runs().GetStatement(As("citizen"), run.run.id, m().general_a).status().code(),
            ErrorCode::kPermissionDenied);
}

TEST_P(PaymentAppTest, ClawBackModePaysUpfrontAndOutcomeThenClawsBackMissedOutcomes) {
  ASSERT_TRUE(store_
                  ->Write([&](store::Transaction& transaction) -> Status {
                    store::PaymentModeRecord mode;
                    mode.provider = m().general_c;
                    mode.clawback = true;
                    mode.effective_from = *Date::FromCivil(2024, 1, 1);
                    mode.set_at = Timestamp::FromUnixSeconds(kStart);
                    return store::PaymentModeTable(transaction.connection()).Insert(mode);
                  })
                  .ok());
  const auto registration = Register(m().general_c, "Di Claw");
  const std::int64_t upfront =
      Sum(registration, &store::RegisteredOutcomeRecord::Split::upfront_pence);
  const std::int64_t outcome =
      Sum(registration, &store::RegisteredOutcomeRecord::Split::outcome_pence);
  for (const auto& o : registration.outcomes) EXPECT_TRUE(o.split->clawback);
  const RunView first = PrepareAndRelease(market_->clock().Now().UtcDate());
  ASSERT_EQ(first.providers.size(), 1u);
  EXPECT_EQ(first.providers[0].paid.pence() + first.providers[0].recovered.pence(),
            upfront + outcome);

  // Every window has closed (the longest: 12 + 24 or 36 + 0 months) with no claim.
  market_->clock().Set(market_->clock().Now().PlusSeconds(37LL * 31 * 86'400));
  const RunView second = PrepareAndRelease(market_->clock().Now().UtcDate());
  ASSERT_EQ(second.providers.size(), 1u);
  EXPECT_EQ(second.providers[0].clawbacks.pence(), -outcome);
  EXPECT_EQ(second.providers[0].paid.pence(), 0);
  EXPECT_EQ(second.providers[0].shortfall.pence(), outcome);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM registered_outcomes WHERE status = 'missed' AND "
                   "registration_id = " +
                   std::to_string(registration.id)),
            static_cast<std::int64_t>(registration.outcomes.size()));
  EXPECT_EQ(Balance(ledger::ProviderReceivableAccount(m().general_c)).pence(), outcome);
  auto receivables = runs().Receivables(As("regulator"));
  ASSERT_TRUE(receivables.ok());
  const auto owing =
      std::find_if(receivables->begin(), receivables->end(),
                   [&](const ReceivableView& v) { return v.provider == m().general_c; });
  ASSERT_NE(owing, receivables->end());
  EXPECT_EQ(owing->outstanding.pence(), outcome);
  ASSERT_TRUE(owing->oldest_unrecovered.has_value());
  EXPECT_EQ(owing->age_days, 0);

  // The debt is netted from the next payment before anything is paid out.
  const auto next = Register(m().general_c, "Ed Next");
  const std::int64_t next_due = Sum(next, &store::RegisteredOutcomeRecord::Split::upfront_pence) +
                                Sum(next, &store::RegisteredOutcomeRecord::Split::outcome_pence);
  const RunView third = PrepareAndRelease(market_->clock().Now().UtcDate());
  ASSERT_EQ(third.providers.size(), 1u);
  EXPECT_EQ(third.providers[0].recovered.pence(), std::min(next_due, outcome));
  EXPECT_EQ(third.providers[0].paid.pence(), std::max<std::int64_t>(next_due - outcome, 0));
  ExpectSoundLedger();
}

TEST_P(PaymentAppTest, MissedOutcomesWithoutClawBackMoveNoMoney) {
  Register(m().general_a, "Flo Miss");
  PrepareAndRelease(market_->clock().Now().UtcDate());
  const Money bank = Balance(std::string(ledger::kBankAccount));
  market_->clock().Set(market_->clock().Now().PlusSeconds(37LL * 31 * 86'400));
  const RunView later = PrepareAndRelease(market_->clock().Now().UtcDate());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM payment_lines WHERE kind = 'clawback'"), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM registered_outcomes WHERE status = 'missed'"),
            Scalar("SELECT COUNT(*) FROM registered_outcomes"));
  // No survey answers anywhere: the satisfaction parts wait (docs/payment.md section 4).
  EXPECT_EQ(later.run.line_count, 0);
  EXPECT_EQ(Balance(std::string(ledger::kBankAccount)), bank);
  EXPECT_GT(Scalar("SELECT COUNT(*) FROM satisfaction_due"), 0);
}

TEST_P(PaymentAppTest, SatisfactionPaysThePartTimesTheRecommendRate) {
  const auto a = Register(m().general_a, "Gil Happy");
  const auto b = Register(m().general_a, "Hal Unsure");
  PrepareAndRelease(market_->clock().Now().UtcDate());
  // Four answers (fewer than the minimum of 30, so the national rate applies: the same four):
  // three recommend, one does not; a "don't know" does not count. Rate 0.75.
  const Date answered = market_->clock().Now().UtcDate().AddMonths(4);
  const std::vector<std::tuple<std::int64_t, int, std::string>> answers = {
      {a.id, 3, "extremely_likely"},
      {a.id, 12, "likely"},
      {b.id, 3, "likely"},
      {b.id, 12, "unlikely"},
      {b.id, 24, "dont_know"}};
  ASSERT_TRUE(store_
                  ->Write([&](store::Transaction& transaction) -> Status {
                    for (const auto& [registration, wave, answer] : answers) {
                      const auto& r = registration == a.id ? a : b;
                      PSL_RETURN_IF_ERROR(
                          transaction.connection()
                              .Execute("INSERT INTO survey_invitations (registration_id, "
                                       "citizen_id, provider_id, wave_months, invited_on, answer, "
                                       "answered_on, answered_at) VALUES ($1, $2, $3, $4, $5, $6, "
                                       "$5, 0)",
                                       {registration, r.citizen_id.value(), r.provider_id.value(),
                                        std::int64_t{wave}, answered.ToString(), answer})
                              .ToStatus());
                    }
                    return Status::Ok();
                  })
                  .ok());
  market_->clock().Set(market_->clock().Now().PlusSeconds(366LL * 86'400));
  const RunView run = PrepareAndRelease(market_->clock().Now().UtcDate());
  std::int64_t expected = 0;
  for (const auto* r : {&a, &b}) {
    for (const auto& o : r->outcomes) {
      // part x 0.75, rounded once to the nearest penny (half away from zero).
      expected += (o.split->satisfaction_pence * 3 + 2) / 4;
    }
  }
  ASSERT_EQ(run.providers.size(), 1u);
  EXPECT_EQ(run.providers[0].gross.pence(), expected);
  auto statement = runs().GetStatement(As("regulator"), run.run.id, m().general_a);
  ASSERT_TRUE(statement.ok());
  for (const auto& line : statement->lines) {
    EXPECT_EQ(line.kind, "satisfaction");
    EXPECT_NE(line.rule.find("0.750000 (national: 3 of 4 answers"), std::string::npos) << line.rule;
  }
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM satisfaction_due"), 0);
  ExpectSoundLedger();
}

INSTANTIATE_TEST_SUITE_P(Engines, PaymentAppTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return store::testing::EngineName(info.param); });

}  // namespace
}  // namespace psl::app::testing
