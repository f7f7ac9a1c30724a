// Payment runs killed with SIGKILL (PAY-8, PAY-9, X-2): a history of providers, registrations,
// claw-back modes and a first released run is built once through the app layer; then, in each
// trial, a copy of it is settled by payment_run_writer (Prepare, then Release one provider per
// transaction), killed at a random moment, and restarted until it finishes. Afterwards the
// ledger must equal the reference model exactly: every provider's bank payments, payable and
// receivable, the bank's total, debits equal to credits; so nothing was lost and nothing paid
// twice, however the kill fell.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "payment_model.h"
#include "psl/ledger/account.h"
#include "real_system.h"
#include "scenario.h"
#include "scenario_market.h"

namespace psl::payment_model {
namespace {

constexpr int kTrials = 100;
constexpr int kProvidersInRun = 50;
constexpr const char* kAsOf = "2020-06-01";
constexpr const char* kToday = "2020-06-02";

using Clock = std::chrono::steady_clock;

struct WriterRun {
  int status = 0;
  double prepared_at = -1;  // seconds after the start when "prepared" was printed
  double finished_at = 0;
  bool killed = false;
};

// Runs the writer; kills it `kill_after` seconds in (never when negative). Reads its progress.
WriterRun RunWriter(const std::string& url, double kill_after) {
  int pipe_fds[2];
  PSL_CHECK(pipe(pipe_fds) == 0, "pipe");
  const auto start = Clock::now();
  const pid_t child = fork();
  if (child == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    execl(PSL_PAYMENT_RUN_WRITER, PSL_PAYMENT_RUN_WRITER, url.c_str(), kAsOf, kToday,
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_fds[1]);
  WriterRun run;
  std::thread killer;
  if (kill_after >= 0) {
    killer = std::thread([child, kill_after] {
      std::this_thread::sleep_for(std::chrono::duration<double>(kill_after));
      kill(child, SIGKILL);
    });
  }
  std::string pending;
  char buffer[4096];
  for (ssize_t got; (got = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) {
    pending.append(buffer, static_cast<std::size_t>(got));
    if (run.prepared_at < 0 && pending.find("prepared") != std::string::npos) {
      run.prepared_at = std::chrono::duration<double>(Clock::now() - start).count();
    }
  }
  close(pipe_fds[0]);
  waitpid(child, &run.status, 0);
  run.finished_at = std::chrono::duration<double>(Clock::now() - start).count();
  if (killer.joinable()) killer.join();
  run.killed = WIFSIGNALED(run.status) && WTERMSIG(run.status) == SIGKILL;
  return run;
}

// What a kill left behind: where in the run it fell.
enum class Stage { kBeforePrepare, kPreparedNonePaid, kMidRelease, kAfterRelease };

struct Inspection {
  Stage stage = Stage::kBeforePrepare;
  std::vector<std::string> differences;  // against the model (only when the run is complete)
};

Inspection Inspect(const std::string& url, const Model& model, bool complete) {
  Inspection inspection;
  auto store = store::Store::Open(url, {.max_connections = 1});
  if (!store.ok()) {
    inspection.differences.push_back("open: " + store.status().ToString());
    return inspection;
  }
  const Status read = (*store)->Read([&](store::Transaction& transaction) -> Status {
    store::Connection& connection = transaction.connection();
    PSL_ASSIGN_OR_RETURN(auto runs,
                         connection.Query("SELECT id, status FROM payment_runs WHERE as_of = $1",
                                          {std::string(kAsOf)}));
    if (runs.empty()) {
      inspection.stage = Stage::kBeforePrepare;
    } else if (runs.at(0).Text(1) == "released") {
      inspection.stage = Stage::kAfterRelease;
    } else {
      PSL_ASSIGN_OR_RETURN(auto paid, connection.Query("SELECT COUNT(*) FROM "
                                                       "payment_run_providers WHERE run_id = $1 "
                                                       "AND status = 'paid'",
                                                       {runs.at(0).Int(0)}));
      inspection.stage = paid.at(0).Int(0) == 0 ? Stage::kPreparedNonePaid : Stage::kMidRelease;
    }
    PSL_ASSIGN_OR_RETURN(const store::LedgerCheck check, transaction.ledger().Check());
    if (!check.Sound()) {
      inspection.differences.push_back("ledger unsound: total " + check.total.Format());
    }
    if (!complete) return Status::Ok();
    if (inspection.stage != Stage::kAfterRelease) {
      inspection.differences.push_back("the run is not released after the restart");
    }
    PSL_ASSIGN_OR_RETURN(auto count, connection.Query("SELECT COUNT(*) FROM payment_runs"));
    if (count.at(0).Int(0) != 2) {
      inspection.differences.push_back(std::to_string(count.at(0).Int(0)) + " runs, not 2");
    }
    PSL_ASSIGN_OR_RETURN(const Money bank, transaction.ledger().Balance("bank", std::nullopt));
    if (-bank.pence() != model.BankTotal()) {
      inspection.differences.push_back("bank " + std::to_string(-bank.pence()) + ", model " +
                                       std::to_string(model.BankTotal()));
    }
    for (const auto& [provider, want] : model.positions()) {
      PSL_ASSIGN_OR_RETURN(const RealPosition real,
                           ReadPosition(transaction, ProviderId(provider)));
      if (real.paid != want.paid || real.payable != want.payable ||
          real.receivable != want.receivable || real.lines != want.lines) {
        inspection.differences.push_back(
            "provider " + std::to_string(provider) + ": paid " + std::to_string(real.paid) +
            " (model " + std::to_string(want.paid) + "), payable " + std::to_string(real.payable) +
            " (" + std::to_string(want.payable) + "), receivable " +
            std::to_string(real.receivable) + " (" + std::to_string(want.receivable) + "), lines " +
            std::to_string(real.lines) + " (" + std::to_string(want.lines) + ")");
      }
    }
    return Status::Ok();
  });
  if (!read.ok()) inspection.differences.push_back("read: " + read.ToString());
  return inspection;
}

// The history: providers licensed over 18 months (every band of the sliding scale), a quarter
// of them in claw-back mode, registrations in 2014-15 and a first run released mid-2015, more
// registrations after it. The writer's run (as of 2020) pays the later upfronts and claws back
// every missed outcome of the claw-back providers (shortfalls become debts).
std::string BuildHistory(const std::string& url, Model& model) {
  auto opened = store::Store::Open(url, {.max_connections = 1});
  if (!opened.ok()) return opened.status().ToString();
  store::Store& store = **opened;
  if (Status migrated = store.Migrate(Timestamp::FromUnixSeconds(1'380'000'000)); !migrated.ok()) {
    return migrated.ToString();
  }
  ScenarioMarket market;
  if (std::string why = SeedScenarioMarket(store, market, kProvidersInRun); !why.empty()) {
    return why;
  }
  app::ManualClock clock(At(MarketOpens()));
  app::App app(store, clock);
  for (std::size_t i = 0; i < market.providers.size(); ++i) {
    const Date licensed = MarketOpens().AddDays(static_cast<std::int64_t>(i) * 5);
    clock.Set(At(licensed));
    const MarketProvider& provider = market.providers[i];
    if (std::string why = GrantGeneralLicence(app, market, provider); !why.empty()) return why;
    std::int64_t owed = 0;
    const Status read = store.Read([&](store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(const Money balance,
                           transaction.ledger().Balance(
                               ledger::ProviderReceivableAccount(provider.id), std::nullopt));
      owed = balance.pence();
      return Status::Ok();
    });
    if (!read.ok()) return read.ToString();
    model.AddProvider(provider.id.value(), licensed, owed);
    if (i % 4 == 1) {
      const Date from = *Date::FromCivil(2013, 1, 1);
      if (Status set = SetClawback(app, provider.id, from, true); !set.ok()) return set.ToString();
      model.SetClawback(provider.id.value(), from, true);
    }
  }
  int n = 0;
  const auto register_all = [&](Date first, int rounds) -> std::string {
    for (int round = 0; round < rounds; ++round) {
      const Date on = first.AddDays(round * 41);
      clock.Set(At(on));
      std::vector<ProviderId> licensed;
      for (std::size_t i = 0; i < market.providers.size(); ++i) {
        if (MarketOpens().AddDays(static_cast<std::int64_t>(i) * 5) <= on) {
          licensed.push_back(market.providers[i].id);
        }
      }
      for (std::size_t i = 0; i < market.providers.size(); ++i) {
        if (MarketOpens().AddDays(static_cast<std::int64_t>(i) * 5) > on) continue;
        if ((i + static_cast<std::size_t>(round)) % 2 == 1) continue;
        ++n;
        auto registered = RegisterCitizen(app, market, market.providers[i], n % 2 == 0, n % 3 == 0,
                                          "Crash Citizen " + std::to_string(n), n, licensed);
        if (!registered.ok()) return registered.status().ToString();
        model.Register(registered->id, market.providers[i].id.value(), registered->on,
                       registered->outcomes);
      }
    }
    return "";
  };
  if (std::string why = register_all(*Date::FromCivil(2014, 1, 6), 8); !why.empty()) return why;
  const Date first_as_of = *Date::FromCivil(2015, 6, 30);
  clock.Set(At(first_as_of.AddDays(1)));
  auto first = PrepareRun(app, {market.regulator, "crash"}, first_as_of);
  if (!first.ok()) return "first run: " + first.status().ToString();
  if (Status released = ReleaseRun(app, {market.regulator2, "crash"}, first->id); !released.ok()) {
    return "first release: " + released.ToString();
  }
  model.Prepare(first->id, first_as_of);
  model.Release();
  if (std::string why = register_all(*Date::FromCivil(2015, 8, 3), 3); !why.empty()) return why;
  // The writer's run, in the model.
  model.Prepare(first->id + 1, *Date::Parse(kAsOf));
  model.Release();
  return "";
}

TEST(PaymentCrash, SigkillDuringARunLosesNothingAndPaysNothingTwice) {
  const auto started = Clock::now();
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("psl_payment_crash_" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  const std::filesystem::path history = folder / "history.db";
  Model model;
  ASSERT_EQ(BuildHistory("sqlite:" + history.string(), model), "");
  const std::filesystem::path trial_db = folder / "trial.db";
  const std::string url = "sqlite:" + trial_db.string();
  const auto fresh_copy = [&] {
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(trial_db.string() + suffix);
    std::filesystem::copy_file(history, trial_db);
  };

  // Calibration: one uninterrupted run says when the release starts and ends.
  fresh_copy();
  const WriterRun whole = RunWriter(url, -1);
  ASSERT_EQ(whole.status, 0);
  ASSERT_GE(whole.prepared_at, 0);
  const Inspection calibrated = Inspect(url, model, true);
  for (const std::string& what : calibrated.differences) ADD_FAILURE() << "uninterrupted: " << what;
  std::printf("uninterrupted run: prepared after %.3f s, released after %.3f s; %lld due lines\n",
              whole.prepared_at, whole.finished_at, static_cast<long long>(model.LineCount()));

  std::mt19937_64 random(20'260'502);
  int stages[4] = {0, 0, 0, 0};
  int killed = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    fresh_copy();
    // Seven kills in ten aimed at the release, the rest anywhere in the run.
    const double low = trial % 10 < 7 ? whole.prepared_at : 0.0;
    const double span = whole.finished_at - low;
    const double at = low + span * static_cast<double>(random() % 10'000) / 10'000.0;
    const WriterRun cut = RunWriter(url, at);
    if (cut.killed) ++killed;
    const Inspection after_kill = Inspect(url, model, false);
    ++stages[static_cast<int>(after_kill.stage)];
    for (const std::string& what : after_kill.differences) {
      ADD_FAILURE() << "trial " << trial << " after the kill: " << what;
    }
    // Restart until done (the first restart should finish it).
    WriterRun restart;
    for (int attempt = 0; attempt < 3; ++attempt) {
      restart = RunWriter(url, -1);
      if (restart.status == 0) break;
    }
    ASSERT_EQ(restart.status, 0) << "trial " << trial << ": the restarted writer failed";
    const Inspection done = Inspect(url, model, true);
    for (const std::string& what : done.differences) {
      ADD_FAILURE() << "trial " << trial << " (killed at " << at << " s): " << what;
    }
  }
  std::filesystem::remove_all(folder);
  std::printf(
      "%d trials in %.1f s: %d killed; the kill fell before the prepare committed %d, after it "
      "with nobody paid %d, mid-release %d, after the release %d\n",
      kTrials, std::chrono::duration<double>(Clock::now() - started).count(), killed, stages[0],
      stages[1], stages[2], stages[3]);
  // Only meaningful if many kills interrupted the release itself.
  EXPECT_GE(stages[static_cast<int>(Stage::kMidRelease)], kTrials / 4);
}

}  // namespace
}  // namespace psl::payment_model
