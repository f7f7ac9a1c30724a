// Killing the process with SIGKILL in the middle of a stream of ledger postings leaves a ledger
// that balances and holds no partial posting; rerunning the stream adds exactly what was
// missing (nothing lost, nothing twice). PAY-8, PAY-9, X-2.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "psl/store/store.h"

namespace {

constexpr int kTrials = 40;
constexpr int kStreamLength = 100'000;  // far more than a trial has time to write

int RunWriter(const std::string& url, const std::string& stream, int count,
              std::chrono::milliseconds kill_after) {
  const pid_t child = fork();
  if (child == 0) {
    const std::string count_text = std::to_string(count);
    execl(PSL_LEDGER_WRITER, PSL_LEDGER_WRITER, url.c_str(), stream.c_str(), count_text.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  if (kill_after.count() > 0) {
    std::this_thread::sleep_for(kill_after);
    kill(child, SIGKILL);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return status;
}

struct Counts {
  std::int64_t stream_postings = 0;
  std::int64_t max_index = -1;
  psl::store::LedgerCheck check;
};

Counts Inspect(psl::store::Store& store, const std::string& stream) {
  Counts counts;
  EXPECT_TRUE(store.Read([&](psl::store::Transaction& transaction) -> psl::Status {
                     PSL_ASSIGN_OR_RETURN(counts.check, transaction.ledger().Check());
                     PSL_ASSIGN_OR_RETURN(
                         auto rows, transaction.connection().Query(
                                        "SELECT COUNT(*) FROM ledger_postings WHERE "
                                        "idempotency_key LIKE $1",
                                        {stream + ":%"}));
                     counts.stream_postings = rows.at(0).Int(0);
                     return psl::Status::Ok();
                   }).ok());
  return counts;
}

TEST(LedgerCrash, SigkillMidStreamLeavesABalancedLedgerAndAReplayCompletesIt) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("psl_crash_" + std::to_string(getpid()) + ".db");
  const std::string url = "sqlite:" + path.string();
  std::mt19937 random(20261123);  // fixed seed: the same kill points every run
  std::uniform_int_distribution<int> kill_ms(1, 120);

  std::int64_t previous_total = 0;
  int killed_mid_stream = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string stream = "trial" + std::to_string(trial);
    const int status = RunWriter(url, stream, kStreamLength,
                                 std::chrono::milliseconds(kill_ms(random)));
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ++killed_mid_stream;

    auto store = psl::store::Store::Open(url);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    const Counts counts = Inspect(**store, stream);
    ASSERT_TRUE(counts.check.Sound())
        << "trial " << trial << ": total " << counts.check.total.Format() << ", unbalanced "
        << counts.check.unbalanced_postings << ", incomplete "
        << counts.check.incomplete_postings;
    EXPECT_EQ(counts.check.line_count, 3 * counts.check.posting_count);
    EXPECT_GE(counts.check.posting_count, previous_total);  // nothing committed was lost
    previous_total = counts.check.posting_count;

    // Replaying the first part of the stream (what landed plus a little more) adds exactly the
    // missing postings: the landed ones come back as replays, never twice.
    const int replay_length = static_cast<int>(counts.stream_postings) + 5;
    ASSERT_EQ(RunWriter(url, stream, replay_length, std::chrono::milliseconds(0)), 0);
    const Counts after = Inspect(**store, stream);
    EXPECT_EQ(after.stream_postings, replay_length) << "trial " << trial;
    EXPECT_EQ(after.check.posting_count, counts.check.posting_count + 5);
    EXPECT_TRUE(after.check.Sound());
    previous_total = after.check.posting_count;
  }
  // The test is only meaningful if most kills landed mid-stream.
  EXPECT_GE(killed_mid_stream, kTrials * 3 / 4);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
}

}  // namespace
