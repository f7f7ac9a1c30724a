// Randomised histories of paying by results (issue 5, PAY-1..9): each history is played through
// the application layer on a fresh database and against the reference model, then compared per
// provider (paid to the bank, payable, receivable, accrued, due lines), per End Result
// (programme expense) and as a whole (the ledger balances; the bank equals the model's total).
//
// SQLite: the market is seeded once into a file that each history copies; two threads play
// histories side by side. PostgreSQL: fewer histories, each in its own scratch schema.
// PSL_PAYMENT_HISTORIES overrides the SQLite count (for longer soaks).
#include "scenario.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include "test_database.h"

namespace psl::payment_model {
namespace {

using store::testing::Engine;
using store::testing::TestDatabase;

constexpr int kSqliteHistories = 2000;
constexpr int kPostgresHistories = 12;  // each seeds its own schema (logins: Argon2)
constexpr std::uint64_t kFirstSeed = 20'260'501;

struct Totals {
  std::mutex mutex;
  int histories = 0;
  HistoryReport sum;
  std::vector<std::string> disagreements;

  void Add(const HistoryReport& report) {
    std::lock_guard lock(mutex);
    ++histories;
    sum.registrations += report.registrations;
    sum.claims_accepted += report.claims_accepted;
    sum.claims_refused += report.claims_refused;
    sum.verified += report.verified;
    sum.rejected += report.rejected;
    sum.runs_released += report.runs_released;
    sum.prepares_refused += report.prepares_refused;
    sum.clawback_providers += report.clawback_providers;
    for (const std::string& what : report.disagreements) {
      if (disagreements.size() < 20) disagreements.push_back(what);
    }
  }

  void Print(const char* engine, double seconds) {
    std::printf(
        "%s: %d histories in %.1f s: %d registrations, %d claims accepted, %d refused, %d "
        "verified, %d rejected, %d runs released, %d second prepares refused, %d claw-back "
        "switches\n",
        engine, histories, seconds, sum.registrations, sum.claims_accepted, sum.claims_refused,
        sum.verified, sum.rejected, sum.runs_released, sum.prepares_refused,
        sum.clawback_providers);
  }
};

int SqliteHistories() {
  if (const char* text = std::getenv("PSL_PAYMENT_HISTORIES")) return std::atoi(text);
  return kSqliteHistories;
}

TEST(PaymentScenarios, SqliteHistoriesAgreeWithTheModel) {
  const auto start = std::chrono::steady_clock::now();
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("psl_payment_model_" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  const std::filesystem::path seeded = folder / "market.db";
  ScenarioMarket market;
  {
    auto store = store::Store::Open("sqlite:" + seeded.string(), {.max_connections = 1});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Migrate(Timestamp::FromUnixSeconds(1'380'000'000)).ok());
    ASSERT_EQ(SeedScenarioMarket(**store, market), "");
  }
  Totals totals;
  const int count = SqliteHistories();
  std::atomic<int> next{0};
  const auto worker = [&](int thread) {
    const std::filesystem::path copy = folder / ("history" + std::to_string(thread) + ".db");
    for (int i = next++; i < count; i = next++) {
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(copy.string() + suffix);
      }
      std::filesystem::copy_file(seeded, copy);
      auto store = store::Store::Open("sqlite:" + copy.string(),
                                      {.max_connections = 1, .sync_every_commit = false});
      if (!store.ok()) {
        HistoryReport failed;
        failed.disagreements.push_back("open: " + store.status().ToString());
        totals.Add(failed);
        continue;
      }
      totals.Add(PlayHistory(**store, market, kFirstSeed + static_cast<std::uint64_t>(i)));
    }
  };
  std::thread second(worker, 1);
  worker(0);
  second.join();
  std::filesystem::remove_all(folder);
  totals.Print("SQLite",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  EXPECT_EQ(totals.histories, count);
  EXPECT_GT(totals.sum.registrations, count);
  EXPECT_GT(totals.sum.runs_released, count);
  for (const std::string& what : totals.disagreements) ADD_FAILURE() << what;
}

TEST(PaymentScenarios, PostgresHistoriesAgreeWithTheModel) {
  const auto start = std::chrono::steady_clock::now();
  Totals totals;
  for (int i = 0; i < kPostgresHistories; ++i) {
    TestDatabase database(Engine::kPostgres);
    if (auto why = database.Create()) GTEST_SKIP() << *why;
    auto store = store::Store::Open(database.StoreUrl(), {.max_connections = 2});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Migrate(Timestamp::FromUnixSeconds(1'380'000'000)).ok());
    ScenarioMarket market;
    ASSERT_EQ(SeedScenarioMarket(**store, market), "");
    // Seeds of their own, not the SQLite ones: more ground covered.
    totals.Add(PlayHistory(**store, market, kFirstSeed + 1'000'000 + static_cast<std::uint64_t>(i),
                           {.steps = 45}));
  }
  totals.Print("PostgreSQL",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  EXPECT_GT(totals.sum.runs_released, kPostgresHistories);
  for (const std::string& what : totals.disagreements) ADD_FAILURE() << what;
}

}  // namespace
}  // namespace psl::payment_model
