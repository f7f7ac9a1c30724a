// The store test suite: the same tests against SQLite and PostgreSQL, through the Store
// and its tables, so both engines provably behave the same.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "psl/store/migrations.h"
#include "psl/store/store.h"
#include "test_database.h"

namespace psl::store {
namespace {

using testing::Engine;
using testing::TestDatabase;

const Timestamp kNow = Timestamp::FromUnixSeconds(1'790'000'000);  // 2026-09-21

Date D(const char* text) { return *Date::Parse(text); }

ledger::PostingRequest TwoLine(std::string key, const char* date, std::int64_t pence,
                               std::string debit = "bank", std::string credit = "fee_income") {
  ledger::PostingRequest request;
  request.idempotency_key = std::move(key);
  request.effective_date = D(date);
  request.description = "licence application fee";
  request.cause = "application:1";
  request.lines = {{std::move(debit), Money::FromPence(pence)},
                   {std::move(credit), Money::FromPence(-pence)}};
  return request;
}

class StoreSuite : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    if (auto why = database_->Create()) GTEST_SKIP() << *why;
    auto store = Store::Open(database_->StoreUrl(), {.max_connections = 4});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate(kNow).ok());
  }

  // Runs `work` in a write transaction and returns its status.
  Status Write(const std::function<Status(Transaction&)>& work) { return store_->Write(work); }

  Result<ledger::PostResult> Post(const ledger::PostingRequest& request) {
    ledger::PostResult result;
    Status status = Write([&](Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(result, transaction.ledger().Post(request, kNow));
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return result;
  }

  LedgerCheck Check() {
    LedgerCheck check;
    EXPECT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                        PSL_ASSIGN_OR_RETURN(check, transaction.ledger().Check());
                        return Status::Ok();
                      }).ok());
    return check;
  }

  Money Balance(const std::string& account, std::optional<Date> as_of = std::nullopt) {
    Money balance;
    EXPECT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                        PSL_ASSIGN_OR_RETURN(balance, transaction.ledger().Balance(account, as_of));
                        return Status::Ok();
                      }).ok());
    return balance;
  }

  access::User NewUser(std::string username, access::Role role) {
    access::User user;
    user.username = std::move(username);
    user.password_hash = "$argon2id$placeholder";
    user.role = role;
    user.created_at = kNow;
    return user;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreSuite, MigrationsAreRecordedAndIdempotent) {
  auto version = store_->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, AllMigrations().back().version);
  EXPECT_TRUE(store_->Migrate(kNow).ok());  // a second run changes nothing
  EXPECT_EQ(*store_->SchemaVersion(), *version);
}

TEST_P(StoreSuite, UsersAreUniqueByUsernameAndKeepTheirScope) {
  UserId regulator;
  ProviderId provider;
  ASSERT_TRUE(Write([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(regulator, transaction.users().Insert(
                                                    NewUser("alice", access::Role::kRegulator)));
                PSL_ASSIGN_OR_RETURN(provider, transaction.parties().InsertProvider("Acme", kNow));
                auto provider_user = NewUser("bob", access::Role::kProvider);
                provider_user.provider_id = provider;
                return transaction.users().Insert(provider_user).ToStatus();
              }).ok());
  Status duplicate = Write([&](Transaction& transaction) -> Status {
    return transaction.users().Insert(NewUser("alice", access::Role::kInspector)).ToStatus();
  });
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.code(), ErrorCode::kAlreadyExists) << duplicate.ToString();

  ASSERT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(auto bob, transaction.users().FindByUsername("bob"));
                EXPECT_TRUE(bob.has_value());
                EXPECT_EQ(bob->role, access::Role::kProvider);
                EXPECT_EQ(bob->provider_id, provider);
                PSL_ASSIGN_OR_RETURN(auto alice, transaction.users().FindById(regulator));
                EXPECT_EQ(alice->username, "alice");
                EXPECT_FALSE(alice->provider_id.has_value());
                PSL_ASSIGN_OR_RETURN(auto nobody, transaction.users().FindByUsername("carol"));
                EXPECT_FALSE(nobody.has_value());
                return Status::Ok();
              }).ok());
}

TEST_P(StoreSuite, TheDatabaseRefusesAProviderUserWithoutAProvider) {
  Status status = Write([&](Transaction& transaction) -> Status {
    return transaction.users().Insert(NewUser("eve", access::Role::kProvider)).ToStatus();
  });
  EXPECT_FALSE(status.ok());  // CHECK constraint: role provider <=> provider_id set
}

TEST_P(StoreSuite, SessionsLiveUntilTheyExpireOrAreRevoked) {
  UserId id;
  ASSERT_TRUE(Write([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(id, transaction.users().Insert(
                                             NewUser("alice", access::Role::kRegulator)));
                return transaction.sessions().Insert({"hash1", id, kNow, kNow.PlusSeconds(60)});
              }).ok());
  auto live_at = [&](Timestamp at) {
    bool live = false;
    EXPECT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                        PSL_ASSIGN_OR_RETURN(auto user,
                                             transaction.sessions().FindLiveUser("hash1", at));
                        live = user.has_value();
                        return Status::Ok();
                      }).ok());
    return live;
  };
  EXPECT_TRUE(live_at(kNow.PlusSeconds(59)));
  EXPECT_FALSE(live_at(kNow.PlusSeconds(60)));
  bool revoked = false;
  ASSERT_TRUE(Write([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(revoked, transaction.sessions().Revoke("hash1", kNow));
                return Status::Ok();
              }).ok());
  EXPECT_TRUE(revoked);
  EXPECT_FALSE(live_at(kNow.PlusSeconds(1)));
}

TEST_P(StoreSuite, TheAuditLogPagesNewestFirstAndCannotBeAlteredOrDeleted) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(Write([&](Transaction& transaction) -> Status {
                  audit::AuditEntry entry;
                  entry.at = kNow;
                  entry.username = "alice";
                  entry.role = access::Role::kRegulator;
                  entry.action = "test.event";
                  entry.target = "thing:" + std::to_string(i);
                  entry.request_id = "r" + std::to_string(i);
                  entry.detail_json = "{}";
                  return transaction.audit().Append(entry).ToStatus();
                }).ok());
  }
  std::vector<audit::AuditEntry> page;
  ASSERT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(page, transaction.audit().PageNewestFirst(std::nullopt, 3));
                return Status::Ok();
              }).ok());
  ASSERT_EQ(page.size(), 3u);
  EXPECT_EQ(page[0].target, "thing:4");
  EXPECT_EQ(page[2].target, "thing:2");
  std::vector<audit::AuditEntry> older;
  ASSERT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(older, transaction.audit().PageNewestFirst(page[2].id, 10));
                return Status::Ok();
              }).ok());
  ASSERT_EQ(older.size(), 2u);
  EXPECT_EQ(older[1].target, "thing:0");

  for (const char* sql : {"UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"}) {
    Status status = Write([&](Transaction& transaction) -> Status {
      return transaction.connection().Execute(sql).ToStatus();
    });
    EXPECT_FALSE(status.ok()) << sql;
  }
  ASSERT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(page, transaction.audit().PageNewestFirst(std::nullopt, 10));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(page.size(), 5u);
  EXPECT_EQ(page[0].action, "test.event");
}

TEST_P(StoreSuite, APostingIsWrittenWholeAndReadBack) {
  auto result = Post(TwoLine("fee:1", "2026-01-10", 25'000));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->replayed);
  std::optional<ledger::Posting> posting;
  ASSERT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(posting, transaction.ledger().Get(result->id));
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(posting.has_value());
  EXPECT_TRUE(ledger::SameContent(TwoLine("fee:1", "2026-01-10", 25'000), posting->content));
  EXPECT_EQ(posting->recorded_at, kNow);
  EXPECT_EQ(Balance("bank"), Money::FromPence(25'000));
  EXPECT_EQ(Balance("fee_income"), Money::FromPence(-25'000));
  EXPECT_TRUE(Check().Sound());
}

TEST_P(StoreSuite, AReplayReturnsTheOriginalAndADifferentContentIsAConflict) {
  auto first = Post(TwoLine("fee:1", "2026-01-10", 25'000));
  ASSERT_TRUE(first.ok());
  auto replay = Post(TwoLine("fee:1", "2026-01-10", 25'000));
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->id, first->id);
  auto different = Post(TwoLine("fee:1", "2026-01-10", 26'000));
  ASSERT_FALSE(different.ok());
  EXPECT_EQ(different.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(different.status().field(), "idempotency_key");
  EXPECT_EQ(Balance("bank"), Money::FromPence(25'000));  // paid once, never twice
  EXPECT_EQ(Check().posting_count, 1);
}

TEST_P(StoreSuite, AnUnbalancedPostingIsRefusedAndWritesNothing) {
  auto request = TwoLine("bad:1", "2026-01-10", 100);
  request.lines[1].amount = Money::FromPence(-99);
  auto result = Post(request);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Check().posting_count, 0);
  EXPECT_EQ(Check().line_count, 0);
}

TEST_P(StoreSuite, AFailedUnitOfWorkLeavesNoTrace) {
  Status status = Write([&](Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(
        transaction.ledger().Post(TwoLine("fee:1", "2026-01-10", 100), kNow).ToStatus());
    return Status(ErrorCode::kFailedPrecondition, "a later step of the same action failed");
  });
  EXPECT_EQ(status.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Check().posting_count, 0);
  EXPECT_TRUE(Balance("bank").IsZero());
}

TEST_P(StoreSuite, ReversalsNegateOnceAndOnlyOnce) {
  auto original = Post(TwoLine("fee:1", "2026-01-10", 25'000));
  ASSERT_TRUE(original.ok());
  std::optional<ledger::Posting> stored;
  ASSERT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(stored, transaction.ledger().Get(original->id));
                return Status::Ok();
              }).ok());
  auto reversal = ledger::MakeReversal(*stored, "reverse:1", D("2026-02-01"), "fee refunded");
  ASSERT_TRUE(Post(reversal).ok());
  EXPECT_TRUE(Balance("bank").IsZero());
  EXPECT_EQ(Balance("bank", D("2026-01-31")), Money::FromPence(25'000));  // as of a date

  auto again = ledger::MakeReversal(*stored, "reverse:2", D("2026-02-02"), "twice");
  auto twice = Post(again);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), ErrorCode::kConflict);

  auto not_negated = TwoLine("reverse:3", "2026-02-03", 100);
  not_negated.reverses = original->id;
  auto wrong = Post(not_negated);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), ErrorCode::kConflict);
  EXPECT_TRUE(Check().Sound());
}

TEST_P(StoreSuite, LedgerRowsCannotBeAlteredOrDeleted) {
  ASSERT_TRUE(Post(TwoLine("fee:1", "2026-01-10", 100)).ok());
  for (const char* sql :
       {"UPDATE ledger_lines SET amount_pence = 5", "DELETE FROM ledger_lines",
        "UPDATE ledger_postings SET description = 'x'", "DELETE FROM ledger_postings"}) {
    Status status = Write([&](Transaction& transaction) -> Status {
      return transaction.connection().Execute(sql).ToStatus();
    });
    EXPECT_FALSE(status.ok()) << sql;
  }
  EXPECT_EQ(Balance("bank"), Money::FromPence(100));
  EXPECT_TRUE(Check().Sound());
}

TEST_P(StoreSuite, BalancesAsOfADateArePagedByAccount) {
  ASSERT_TRUE(Post(TwoLine("a", "2026-01-10", 100, "bank", "fee_income")).ok());
  ASSERT_TRUE(Post(TwoLine("b", "2026-03-10", 300, "provider_receivable:7", "fee_income")).ok());
  std::vector<AccountBalance> page;
  ASSERT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(page,
                                     transaction.ledger().Balances(D("2026-02-01"), "", 2));
                return Status::Ok();
              }).ok());
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].account_code, "bank");
  EXPECT_EQ(page[0].balance, Money::FromPence(100));
  EXPECT_EQ(page[1].account_code, "fee_income");
  EXPECT_EQ(page[1].balance, Money::FromPence(-100));  // the March fee is after the date
  EXPECT_EQ(page[1].kind, ledger::AccountKind::kIncome);
  ASSERT_TRUE(store_->Read([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(page, transaction.ledger().Balances(std::nullopt,
                                                                         "fee_income", 10));
                return Status::Ok();
              }).ok());
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].account_code, "provider_receivable:7");
  EXPECT_EQ(page[0].balance, Money::FromPence(300));
}

TEST_P(StoreSuite, ConcurrentWritersNeitherLoseNorDuplicatePostings) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Every thread also replays the same shared keys: exactly one copy of each must land.
        const std::string key = i % 5 == 0 ? "shared:" + std::to_string(i)
                                           : "t" + std::to_string(t) + ":" + std::to_string(i);
        if (!Post(TwoLine(key, "2026-01-10", 100)).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  const int shared = kPerThread / 5;
  const LedgerCheck check = Check();
  EXPECT_EQ(check.posting_count, kThreads * (kPerThread - shared) + shared);
  EXPECT_TRUE(check.Sound());
  EXPECT_EQ(Balance("bank"), Money::FromPence(100 * check.posting_count));
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreSuite,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testing::EngineName(info.param); });

}  // namespace
}  // namespace psl::store
