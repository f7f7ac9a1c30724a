// The use cases (app/): authorisation by role and scope, lock-out with back-off, sessions that
// expire, and the audit line written in the same transaction as each change.
#include <gtest/gtest.h>

#include <filesystem>

#include "psl/app/app.h"
#include "psl/app/credentials.h"
#include "psl/app/demo.h"
#include "psl/app/licensing.h"

#include <map>

namespace psl::app {
namespace {

using access::Role;

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("psl_app_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto store = store::Store::Open("sqlite:" + path_.string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate(clock_.Now()).ok());
    app_ = std::make_unique<App>(*store_, clock_);
    auto logins = SeedDemo(*app_);
    ASSERT_TRUE(logins.ok()) << logins.status().ToString();
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  RequestContext As(const std::string& username) {
    auto grant = app_->Login(username, "psl-demo-" + username, "test");
    EXPECT_TRUE(grant.ok()) << grant.status().ToString();
    auto principal = app_->Authenticate(grant->token);
    EXPECT_TRUE(principal.ok());
    return {*principal, "test"};
  }

  std::vector<audit::AuditEntry> Audit() {
    auto page = app_->ListAudit(As("regulator"), std::nullopt, 500);
    EXPECT_TRUE(page.ok());
    return page->items;
  }

  std::int64_t AuditCount() {
    std::vector<audit::AuditEntry> entries;
    EXPECT_TRUE(store_->Read([&](store::Transaction& transaction) -> Status {
                        PSL_ASSIGN_OR_RETURN(entries,
                                             transaction.audit().PageNewestFirst(std::nullopt, 500));
                        return Status::Ok();
                      }).ok());
    return static_cast<std::int64_t>(entries.size());
  }

  ManualClock clock_{Timestamp::FromUnixSeconds(1'790'000'000)};
  std::filesystem::path path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<App> app_;
};

TEST_F(AppTest, PasswordsAreStoredOnlyAsArgon2idHashes) {
  std::optional<access::User> user;
  ASSERT_TRUE(store_->Read([&](store::Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(user, transaction.users().FindByUsername("regulator"));
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(user.has_value());
  EXPECT_TRUE(user->password_hash.starts_with("$argon2id$")) << user->password_hash;
  EXPECT_EQ(user->password_hash.find("psl-demo-regulator"), std::string::npos);
  EXPECT_TRUE(VerifyPassword("psl-demo-regulator", user->password_hash));
  EXPECT_FALSE(VerifyPassword("psl-demo-regulatoR", user->password_hash));
}

TEST_F(AppTest, LoginGivesATokenThatAuthenticatesAsTheUserWithTheirScope) {
  auto grant = app_->Login("provider", "psl-demo-provider", "r1");
  ASSERT_TRUE(grant.ok());
  EXPECT_TRUE(grant->token.starts_with(kSessionTokenPrefix));
  EXPECT_EQ(grant->role, Role::kProvider);
  EXPECT_EQ(grant->expires_at, clock_.Now().PlusSeconds(8 * 3600));
  auto principal = app_->Authenticate(grant->token);
  ASSERT_TRUE(principal.ok());
  EXPECT_EQ(principal->username, "provider");
  EXPECT_TRUE(principal->provider_id.has_value());
  EXPECT_FALSE(principal->citizen_id.has_value());
  const auto entries = Audit();
  const auto created = std::find_if(entries.begin(), entries.end(), [](const auto& e) {
    return e.action == "session.create" && e.username == "provider";
  });
  ASSERT_NE(created, entries.end());
  EXPECT_EQ(created->request_id, "r1");
  EXPECT_EQ(created->role, Role::kProvider);
}

TEST_F(AppTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  auto wrong = app_->Login("regulator", "not-the-password", "r");
  auto unknown = app_->Login("nobody-here", "not-the-password", "r");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
}

TEST_F(AppTest, RepeatedFailuresLockTheAccountWithGrowingBackOff) {
  // Default policy: 5 free attempts, then 60 s, doubling per further failure, capped at 1 h.
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(app_->Login("citizen", "wrong-password", "r").status().code(),
              ErrorCode::kUnauthenticated);
  }
  EXPECT_TRUE(app_->Login("citizen", "psl-demo-citizen", "r").ok());  // 4 failures: no lock
  for (int i = 0; i < 5; ++i) (void)app_->Login("citizen", "wrong-password", "r");
  // The fifth failure locked the account for 60 s: even the right password is refused.
  auto locked = app_->Login("citizen", "psl-demo-citizen", "r");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().code(), ErrorCode::kResourceExhausted);
  clock_.Advance(61);
  EXPECT_EQ(app_->Login("citizen", "wrong-password", "r").status().code(),
            ErrorCode::kUnauthenticated);  // sixth failure: locked for 120 s
  clock_.Advance(119);
  EXPECT_EQ(app_->Login("citizen", "psl-demo-citizen", "r").status().code(),
            ErrorCode::kResourceExhausted);
  clock_.Advance(2);
  EXPECT_TRUE(app_->Login("citizen", "psl-demo-citizen", "r").ok());  // and success resets
  EXPECT_EQ(app_->Login("citizen", "wrong-password", "r").status().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_TRUE(app_->Login("citizen", "psl-demo-citizen", "r").ok());
}

TEST(Lockout, BackOffDoublesAndIsCapped) {
  const access::LockoutPolicy policy;
  const Timestamp now = Timestamp::FromUnixSeconds(1000);
  EXPECT_EQ(access::LockedUntilAfterFailure(policy, 4, now), now);
  EXPECT_EQ(access::LockedUntilAfterFailure(policy, 5, now), now.PlusSeconds(60));
  EXPECT_EQ(access::LockedUntilAfterFailure(policy, 6, now), now.PlusSeconds(120));
  EXPECT_EQ(access::LockedUntilAfterFailure(policy, 7, now), now.PlusSeconds(240));
  EXPECT_EQ(access::LockedUntilAfterFailure(policy, 12, now), now.PlusSeconds(3600));
  EXPECT_EQ(access::LockedUntilAfterFailure(policy, 1'000'000, now), now.PlusSeconds(3600));
}

TEST_F(AppTest, SessionsExpireAndLogoutEndsThem) {
  auto grant = app_->Login("referrer", "psl-demo-referrer", "r");
  ASSERT_TRUE(grant.ok());
  clock_.Advance(8 * 3600 - 1);
  EXPECT_TRUE(app_->Authenticate(grant->token).ok());
  clock_.Advance(1);
  EXPECT_EQ(app_->Authenticate(grant->token).status().code(), ErrorCode::kUnauthenticated);

  auto second = app_->Login("referrer", "psl-demo-referrer", "r");
  ASSERT_TRUE(second.ok());
  auto principal = app_->Authenticate(second->token);
  ASSERT_TRUE(principal.ok());
  ASSERT_TRUE(app_->Logout({*principal, "r"}, second->token).ok());
  EXPECT_EQ(app_->Authenticate(second->token).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(app_->Logout({*principal, "r"}, second->token).code(), ErrorCode::kUnauthenticated);
}

TEST_F(AppTest, ForgedTokensAreRefused) {
  for (const std::string& token :
       {std::string(), std::string("psl_s_"), std::string("psl_s_") + std::string(64, 'a'),
        std::string("psl_k_") + std::string(64, '0'), std::string("Bearer x"),
        std::string(10'000, 'z')}) {
    auto principal = app_->Authenticate(token);
    ASSERT_FALSE(principal.ok()) << token;
    EXPECT_EQ(principal.status().code(), ErrorCode::kUnauthenticated);
  }
}

TEST_F(AppTest, ApiKeysActAsTheirOwnerUntilTheyAreTheOnlyCredential) {
  const RequestContext provider = As("provider");
  auto key = app_->CreateApiKey(provider, "nightly upload");
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(key->key.starts_with(kApiKeyPrefix));
  auto principal = app_->Authenticate(key->key);
  ASSERT_TRUE(principal.ok());
  EXPECT_EQ(principal->username, "provider");
  EXPECT_EQ(principal->role, Role::kProvider);
  EXPECT_EQ(app_->CreateApiKey(provider, "").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(app_->CreateApiKey({access::Principal::Public(), "r"}, "x").status().code(),
            ErrorCode::kUnauthenticated);
}

TEST_F(AppTest, OnlyTheRegulatorCreatesUsersAndScopesAreChecked) {
  const NewUser inspector{"ian.inspector", "a-long-password", Role::kInspector, {}, {}};
  for (const char* who : {"government", "inspector", "referrer", "provider", "citizen"}) {
    EXPECT_EQ(app_->CreateUser(As(who), inspector).status().code(),
              ErrorCode::kPermissionDenied)
        << who;
  }
  const std::int64_t before = AuditCount();
  EXPECT_EQ(app_->CreateUser(As("regulator"),
                             {"pat", "a-long-password", Role::kProvider, {}, {}})
                .status()
                .field(),
            "provider_id");
  EXPECT_EQ(app_->CreateUser(As("regulator"),
                             {"pat", "a-long-password", Role::kProvider, ProviderId(999), {}})
                .status()
                .code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(app_->CreateUser(As("regulator"), {"pat", "short", Role::kInspector, {}, {}})
                .status()
                .field(),
            "password");
  EXPECT_EQ(app_->CreateUser(As("regulator"),
                             {"Bad Name", "a-long-password", Role::kInspector, {}, {}})
                .status()
                .field(),
            "username");
  EXPECT_EQ(app_->CreateUser(As("regulator"),
                             {"regulator", "a-long-password", Role::kInspector, {}, {}})
                .status()
                .code(),
            ErrorCode::kAlreadyExists);
  // Each As() above logged in (one audit line each); the refused creations wrote nothing.
  EXPECT_EQ(AuditCount(), before + 5);

  auto created = app_->CreateUser(As("regulator"), inspector);
  ASSERT_TRUE(created.ok());
  const auto entries = Audit();
  EXPECT_EQ(entries[1].action, "user.create");  // [0] is the login inside Audit()
  EXPECT_EQ(entries[1].target, "user:" + std::to_string(created->value()));
  EXPECT_EQ(entries[1].username, "regulator");
}

TEST_F(AppTest, TheAuditLogIsForTheRegulatorAndPagesByCursor) {
  for (const char* who : {"government", "inspector", "referrer", "provider", "citizen"}) {
    EXPECT_EQ(app_->ListAudit(As(who), std::nullopt, 10).status().code(),
              ErrorCode::kPermissionDenied);
  }
  const RequestContext regulator = As("regulator");
  EXPECT_EQ(app_->ListAudit(regulator, std::nullopt, 0).status().field(), "limit");
  EXPECT_EQ(app_->ListAudit(regulator, std::nullopt, 501).status().field(), "limit");
  auto first = app_->ListAudit(regulator, std::nullopt, 3);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->items.size(), 3u);
  ASSERT_TRUE(first->next_before.has_value());
  auto second = app_->ListAudit(regulator, first->next_before, 3);
  ASSERT_TRUE(second.ok());
  EXPECT_LT(second->items.front().id, first->items.back().id);
  std::int64_t seen = 0;
  std::optional<AuditEntryId> cursor;
  do {
    auto page = app_->ListAudit(regulator, cursor, 4);
    ASSERT_TRUE(page.ok());
    seen += static_cast<std::int64_t>(page->items.size());
    cursor = page->next_before;
  } while (cursor);
  EXPECT_EQ(seen, AuditCount());
}

TEST_F(AppTest, LedgerPostingsAreAuditedOnceAndReplaysAreFree) {
  const RequestContext regulator = As("regulator");
  ledger::PostingRequest fee;
  fee.idempotency_key = "fee:application:1";
  fee.effective_date = *Date::Parse("2026-09-21");
  fee.description = "licence application fee";
  fee.cause = "application:1";
  fee.lines = {{"provider_receivable:1", Money::FromPence(25'000)},
               {"fee_income", Money::FromPence(-25'000)}};
  EXPECT_EQ(app_->PostToLedger(As("government"), fee).status().code(),
            ErrorCode::kPermissionDenied);
  const std::int64_t before = AuditCount();
  auto first = app_->PostToLedger(regulator, fee);
  ASSERT_TRUE(first.ok());
  auto replay = app_->PostToLedger(regulator, fee);
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(AuditCount(), before + 1);

  auto reversal = app_->ReversePosting(regulator, first->id, "reverse:1",
                                       *Date::Parse("2026-09-22"), "fee waived");
  ASSERT_TRUE(reversal.ok());
  auto check = app_->CheckLedger(As("government"));
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->Sound());
  EXPECT_EQ(check->posting_count, 2);
  auto balances = app_->LedgerBalances(regulator, std::nullopt, "", 10);
  ASSERT_TRUE(balances.ok());
  for (const auto& balance : *balances) EXPECT_TRUE(balance.balance.IsZero());
  EXPECT_EQ(app_->CheckLedger(As("provider")).status().code(), ErrorCode::kPermissionDenied);
}

TEST_F(AppTest, TheDemoSeedIsIdempotent) {
  auto again = SeedDemo(*app_);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 7u);  // one per role, and regulator2 for four eyes
  for (const auto& login : *again) EXPECT_FALSE(login.created) << login.username;
}

}  // namespace
}  // namespace psl::app

namespace psl::app {
namespace {

TEST_F(AppTest, TheDemonstrationMarketHasEverythingThePagesShow) {
  const Timestamp now = clock_.Now();
  const std::vector<store::AreaRecord> areas = {
      {"E08000003", "Manchester", "North West", 40'037'000, "live"},
      {"E06000001", "Hartlepool", "North East", 35'037'000, "live"},
      {"E09000007", "Camden", "London", 20'001'000, "live"}};
  auto market = SeedDemoMarket(*store_, now, areas);
  ASSERT_TRUE(market.ok()) << market.status().ToString();
  EXPECT_TRUE(market->created);
  EXPECT_EQ(market->providers, 40);

  std::map<std::string, int> by_status;
  int top_ups = 0, recent = 0, mature = 0;
  ASSERT_TRUE(store_->Read([&](store::Transaction& transaction) -> Status {
                store::LicenceFilter filter;
                filter.limit = 500;
                PSL_ASSIGN_OR_RETURN(auto licences,
                                     store::LicenceTable(transaction.connection()).List(filter));
                for (const auto& licence : licences) {
                  ++by_status[std::string(licensing::LicenceStatusName(licence.status))];
                  top_ups += licensing::IsTopUp(licence.kind);
                  if (licence.granted_on) {
                    const int months = WholeMonthsBetween(*licence.granted_on, now.UtcDate());
                    recent += months < 3;   // PAY-3's first band
                    mature += months >= 18;  // PAY-3's last band
                  }
                }
                return Status::Ok();
              }).ok());
  EXPECT_GE(by_status["granted"], 30);
  EXPECT_EQ(by_status["applied"], 1);
  EXPECT_EQ(by_status["under_review"], 1);
  EXPECT_EQ(by_status["refused"], 1);
  EXPECT_EQ(by_status["suspended"], 1);
  EXPECT_GE(top_ups, 4);
  EXPECT_GE(recent, 1);
  EXPECT_GE(mature, 5);

  auto again = SeedDemoMarket(*store_, now, areas);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
}

}  // namespace
}  // namespace psl::app
