// The demonstration payment history (issue 5 item 9): `psl demo`'s seeding (users, the market
// over every district, the citizens and, along their timeline, DemoPayments) into a temporary
// SQLite store, then read back through the use cases: the figures the payment pages show must
// be real ones (released four-eyes runs, statements with every kind of line, a sound ledger,
// survey answers, receivables, budgets with committed and paid spend).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "psl/app/budgets.h"
#include "psl/app/demo.h"
#include "psl/app/licensing.h"
#include "psl/app/payment_runs.h"
#include "psl/app/surveys.h"

namespace psl::app {
namespace {

constexpr int kCitizens = 700;

class PayDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                      ("psl_paydemo_test_" + std::to_string(::getpid()) + ".db"));
    std::filesystem::remove(*path_);
    now_ = Timestamp::ParseIso8601("2026-06-15T12:00:00Z").value();
    clock_ = new ManualClock(now_);
    auto store = store::Store::Open("sqlite:" + path_->string(), {.sync_every_commit = false});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value().release();
    ASSERT_TRUE(store_->Migrate(now_).ok());
    app_ = new App(*store_, *clock_);
    ASSERT_TRUE(SeedDemo(*app_).ok());
    std::ifstream file(PSL_AREAS_CSV);
    std::stringstream contents;
    contents << file.rdbuf();
    auto areas = ParseAreasCsv(contents.str());
    ASSERT_TRUE(areas.ok()) << areas.status().ToString();
    auto market = SeedDemoMarket(*store_, now_, *areas);
    ASSERT_TRUE(market.ok()) << market.status().ToString();
    auto summary = SeedDemoJourney(*store_, now_, kCitizens);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    summary_ = new DemoJourneySummary(*summary);
    const DemoPaymentSummary& p = summary->payments;
    std::printf(
        "registrations %d; runs %d released + %d prepared; claims %d (verified %d, by feed "
        "%d, rejected %d, pending %d); surveys %d invited, %d answered; budgets %d\n",
        summary->registrations, p.runs_released, p.runs_prepared, p.claims_submitted,
        p.claims_verified, p.claims_verified_by_feed, p.claims_rejected, p.claims_pending,
        p.survey_invitations, p.survey_answers, p.budgets);
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete app_;
    delete store_;
    delete clock_;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_->string() + suffix);
    }
    delete path_;
  }

  static RequestContext As(const std::string& username) {
    std::optional<access::User> user;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(user, transaction.users().FindByUsername(username));
                      return Status::Ok();
                    })
                    .ok());
    EXPECT_TRUE(user.has_value()) << username;
    return {user ? user->AsPrincipal() : access::Principal::Public(), "test"};
  }

  static std::int64_t Count(const std::string& sql) {
    std::int64_t count = -1;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(const store::Rows rows,
                                           transaction.connection().Query(sql));
                      count = rows.front().Int(0);
                      return Status::Ok();
                    })
                    .ok());
    return count;
  }

  static std::vector<store::PaymentRunRecord> AllRuns() {
    PaymentRuns runs(*app_);
    auto page = runs.List(As("regulator"), std::numeric_limits<std::int64_t>::max(), 100);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->items : std::vector<store::PaymentRunRecord>{};
  }

  static inline std::filesystem::path* path_ = nullptr;
  static inline Timestamp now_;
  static inline ManualClock* clock_ = nullptr;
  static inline store::Store* store_ = nullptr;
  static inline App* app_ = nullptr;
  static inline DemoJourneySummary* summary_ = nullptr;
};

TEST_F(PayDemoTest, MonthlyRunsOverAYearAreReleasedByASecondRegulatorAndTheLastWaits) {
  const DemoPaymentSummary& s = summary_->payments;
  EXPECT_GE(s.runs_released, 12);
  EXPECT_EQ(s.runs_prepared, 1);
  const std::vector<store::PaymentRunRecord> runs = AllRuns();
  ASSERT_EQ(static_cast<int>(runs.size()), s.runs_released + s.runs_prepared);
  const access::Principal first = As("regulator").principal;
  const access::Principal second = As("regulator2").principal;
  int released = 0;
  std::set<std::string> months;
  Money paid;
  PaymentRuns payment_runs(*app_);
  for (const store::PaymentRunRecord& run : runs) {
    ASSERT_TRUE(run.prepared_by.has_value());
    EXPECT_EQ(*run.prepared_by, first.user_id);
    if (run.status == "released") {
      ++released;
      ASSERT_TRUE(run.released_by.has_value());
      EXPECT_EQ(*run.released_by, second.user_id);  // four eyes
      months.insert(run.as_of.ToString().substr(0, 7));
      auto view = payment_runs.Get(As("regulator"), run.id);
      ASSERT_TRUE(view.ok());
      for (const store::RunProviderRecord& row : view->providers) {
        EXPECT_EQ(row.status, "paid");
        paid = Money::FromPence(paid.pence() + row.paid.pence());
      }
    } else {
      EXPECT_EQ(run.status, "prepared");
      EXPECT_EQ(run.id, runs.front().id);  // the newest
      EXPECT_GT(run.line_count, 0);
    }
  }
  EXPECT_EQ(released, s.runs_released);
  EXPECT_GE(months.size(), 12u);  // a year or more of history, one run a month
  EXPECT_GT(paid.pence(), 0);
  EXPECT_EQ(paid, s.paid);
  // Everything paid left through the bank, exactly.
  EXPECT_EQ(Count("SELECT COALESCE(SUM(amount_pence), 0) FROM ledger_lines WHERE account_code = "
                  "'bank'"),
            -paid.pence());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'payment_run.prepare'"),
            static_cast<std::int64_t>(runs.size()));
}

TEST_F(PayDemoTest, StatementsHoldLinesOfEveryKindThatAddUp) {
  PaymentRuns payment_runs(*app_);
  std::map<std::string, int> kinds;
  std::set<std::string> rules;
  int statements = 0;
  for (const store::PaymentRunRecord& run : AllRuns()) {
    auto view = payment_runs.Get(As("regulator"), run.id);
    ASSERT_TRUE(view.ok());
    for (const store::RunProviderRecord& row : view->providers) {
      auto statement = payment_runs.GetStatement(As("regulator"), run.id, row.provider);
      ASSERT_TRUE(statement.ok()) << statement.status().ToString();
      ++statements;
      std::int64_t gross = 0;
      std::int64_t clawbacks = 0;
      for (const store::PaymentLineRecord& line : statement->lines) {
        ++kinds[line.kind];
        EXPECT_TRUE(line.posting.has_value());
        EXPECT_FALSE(line.rule.empty());
        (line.amount.IsNegative() ? clawbacks : gross) += line.amount.pence();
      }
      EXPECT_EQ(static_cast<std::int64_t>(statement->lines.size()), row.line_count);
      EXPECT_EQ(gross, row.gross.pence());
      EXPECT_EQ(clawbacks, row.clawbacks.pence());
      // Netting: what was due either reached the bank, cleared a receivable or became one.
      EXPECT_EQ(row.gross.pence() + row.clawbacks.pence(),
                row.paid.pence() + row.recovered.pence() - row.shortfall.pence());
    }
  }
  EXPECT_GT(statements, 100);
  for (const char* kind : {"upfront", "outcome", "satisfaction", "clawback"}) {
    EXPECT_GT(kinds[kind], 0) << kind;
  }
}

TEST_F(PayDemoTest, TheLedgerIsSound) {
  store::LedgerCheck check;
  ASSERT_TRUE(store_
                  ->Read([&](store::Transaction& transaction) -> Status {
                    PSL_ASSIGN_OR_RETURN(check, transaction.ledger().Check());
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(check.Sound()) << check.unbalanced_postings << " " << check.incomplete_postings;
  EXPECT_GT(check.posting_count, 1000);
  // Every accrued line points at its posting, whose amount it carries.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_lines l JOIN ledger_lines g ON g.posting_id = "
                  "l.posting_id AND g.account_code LIKE 'programme_expense:%' WHERE g.amount_pence "
                  "<> l.amount_pence"),
            0);
}

TEST_F(PayDemoTest, ClaimsAreMadeVerifiedRejectedAndVerifiedByTheFeed) {
  const DemoPaymentSummary& s = summary_->payments;
  EXPECT_GT(s.claims_submitted, 50);
  EXPECT_GT(s.claims_verified_by_feed, 0);
  EXPECT_GT(s.feeds, 0);
  EXPECT_GT(s.claims_rejected, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM claims"), s.claims_submitted);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM claims WHERE status = 'verified'"), s.claims_verified);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM claims WHERE verified_by_feed IS NOT NULL"),
            s.claims_verified_by_feed);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM claims WHERE status = 'rejected'"), s.claims_rejected);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM claims WHERE status = 'pending'"), s.claims_pending);
  // A verified claim's outcome is achieved, and the stand-in never closed a claimed outcome.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM claims c JOIN registered_outcomes o ON "
                  "o.registration_id = c.registration_id AND o.outcome = c.outcome WHERE "
                  "(c.status = 'verified') <> (o.status = 'achieved') AND c.status <> 'rejected'"),
            0);
  EXPECT_GE(summary_->outcomes_achieved, s.claims_verified);
}

TEST_F(PayDemoTest, ClawbackProvidersAreInClawbackMode) {
  EXPECT_EQ(summary_->payments.clawback_providers, 2);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT provider_id) FROM provider_payment_modes WHERE clawback "
                  "= 1"),
            2);
  EXPECT_GT(Count("SELECT COUNT(*) FROM outcome_splits WHERE clawback = 1"), 0);
}

TEST_F(PayDemoTest, CitizensAnswerTheSurvey) {
  const DemoPaymentSummary& s = summary_->payments;
  EXPECT_GT(s.survey_invitations, 0);
  EXPECT_GT(s.survey_answers, 30);
  EXPECT_LT(s.survey_answers, s.survey_invitations);
  Surveys surveys(*app_);
  const Date today = now_.UtcDate();
  auto rates = surveys.Rates({access::Principal::Public(), "test"}, today.AddMonths(-12), today);
  ASSERT_TRUE(rates.ok()) << rates.status().ToString();
  EXPECT_GT(rates->national.valid, 0);
  ASSERT_TRUE(rates->national_rate.has_value());
  EXPECT_GT(rates->national_rate->micros(), 0);
  EXPECT_LT(rates->national_rate->micros(), Weight::One().micros());
}

TEST_F(PayDemoTest, ReceivablesAreShown) {
  PaymentRuns runs(*app_);
  auto receivables = runs.Receivables(As("regulator"));
  ASSERT_TRUE(receivables.ok()) << receivables.status().ToString();
  ASSERT_FALSE(receivables->empty());
  for (const ReceivableView& view : *receivables) EXPECT_GT(view.outstanding.pence(), 0);
}

TEST_F(PayDemoTest, BudgetsShowEnvelopesCommittedAndPaidSpend) {
  EXPECT_GE(summary_->payments.budgets, 10);  // five End Results, two financial years or more
  Budgets budgets(*app_);
  auto views = budgets.List(As("government"), std::nullopt, std::nullopt);
  ASSERT_TRUE(views.ok()) << views.status().ToString();
  std::set<std::string> end_results;
  std::int64_t committed = 0;
  std::int64_t paid = 0;
  for (const BudgetView& view : *views) {
    end_results.insert(view.envelope.end_result);
    EXPECT_GT(view.envelope.amount.pence(), 0);
    committed += view.committed.pence();
    paid += view.paid.pence();
  }
  EXPECT_EQ(end_results.size(), 5u);
  EXPECT_GT(committed, 0);
  EXPECT_GT(paid, 0);
}

}  // namespace
}  // namespace psl::app
