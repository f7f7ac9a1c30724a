// The appeal tables on both engines: migration 5, one open appeal per licence, the
// database's own checks on disputes, and the append-only record of arbitration decisions.
#include <gtest/gtest.h>

#include "psl/store/appeal_table.h"
#include "psl/store/licensing_tables.h"
#include "psl/store/migrations.h"
#include "psl/store/store.h"
#include "test_database.h"

namespace psl::store {
namespace {

using licensing::LicenceStatus;
using regulation::AppealStatus;
using regulation::Party;
using testing::Engine;
using testing::TestDatabase;

const Timestamp kNow = Timestamp::FromUnixSeconds(1'790'000'000);

class AppealStoreSuite : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    if (auto why = database_->Create()) GTEST_SKIP() << *why;
    auto store = Store::Open(database_->StoreUrl(), {.max_connections = 2});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate(kNow).ok());
    ASSERT_TRUE(Write([&](Transaction& transaction) -> Status {
                  Connection& connection = transaction.connection();
                  licensing::Organisation organisation{"A", "charity", "small", {"skills"}, {}};
                  PSL_ASSIGN_OR_RETURN(provider_a_,
                                       OrganisationTable(connection).Insert(organisation, kNow));
                  organisation.name = "B";
                  PSL_ASSIGN_OR_RETURN(provider_b_,
                                       OrganisationTable(connection).Insert(organisation, kNow));
                  PSL_RETURN_IF_ERROR(ChecklistTable(connection).Insert(1, "[]", UserId(), kNow));
                  LicenceRecord licence;
                  licence.provider_id = provider_a_;
                  licence.kind = "general";
                  licence.status = LicenceStatus::kRefused;
                  licence.checklist_version = 1;
                  licence.evidence_json = "{}";
                  licence.applied_at = kNow;
                  PSL_ASSIGN_OR_RETURN(licence_, LicenceTable(connection).Insert(licence));
                  return Status::Ok();
                }).ok());
  }

  Status Write(const std::function<Status(Transaction&)>& work) { return store_->Write(work); }

  Status Sql(const std::string& sql) {
    return Write([&](Transaction& transaction) -> Status {
      return transaction.connection().Execute(sql).ToStatus();
    });
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<Store> store_;
  ProviderId provider_a_;
  ProviderId provider_b_;
  LicenceId licence_;
};

TEST_P(AppealStoreSuite, OneOpenAppealPerLicenceAndTheDecisionIsReadBack) {
  regulation::AppealId first;
  ASSERT_TRUE(Write([&](Transaction& transaction) -> Status {
                PSL_ASSIGN_OR_RETURN(
                    first, AppealTable(transaction.connection())
                               .Insert(licence_, provider_a_, LicenceStatus::kRefused, "grounds",
                                       UserId(), kNow));
                return Status::Ok();
              }).ok());
  const Status second = Write([&](Transaction& transaction) -> Status {
    return AppealTable(transaction.connection())
        .Insert(licence_, provider_a_, LicenceStatus::kRefused, "again", UserId(), kNow)
        .ToStatus();
  });
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.code(), ErrorCode::kAlreadyExists) << second.ToString();

  ASSERT_TRUE(
      Write([&](Transaction& transaction) -> Status {
        AppealTable appeals(transaction.connection());
        PSL_ASSIGN_OR_RETURN(const bool decided, appeals.Decide(first, AppealStatus::kUpheld,
                                                                LicenceStatus::kUnderReview, kNow));
        EXPECT_TRUE(decided);
        PSL_ASSIGN_OR_RETURN(const bool again, appeals.Decide(first, AppealStatus::kDismissed,
                                                              LicenceStatus::kRefused, kNow));
        EXPECT_FALSE(again);  // no longer lodged
        return ArbitrationTable(transaction.connection())
            .AppendForAppeal(first, AppealStatus::kUpheld, "reasons", UserId(), kNow);
      }).ok());
  std::optional<AppealRecord> read;
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& transaction) -> Status {
                    PSL_ASSIGN_OR_RETURN(read, AppealTable(transaction.connection()).Get(first));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->status, AppealStatus::kUpheld);
  EXPECT_EQ(read->licence_status_after, LicenceStatus::kUnderReview);
  ASSERT_TRUE(read->decision.has_value());
  EXPECT_EQ(read->decision->outcome, "upheld");
  EXPECT_EQ(read->decision->reasons, "reasons");
  EXPECT_EQ(read->provider_name, "A");

  // Decided, the licence can be appealed again.
  EXPECT_TRUE(Write([&](Transaction& transaction) -> Status {
                return AppealTable(transaction.connection())
                    .Insert(licence_, provider_a_, LicenceStatus::kRefused, "new", UserId(), kNow)
                    .ToStatus();
              }).ok());

  // A second decision on the same appeal, and any change to the record, are refused.
  EXPECT_FALSE(Write([&](Transaction& transaction) -> Status {
                 return ArbitrationTable(transaction.connection())
                     .AppendForAppeal(first, AppealStatus::kDismissed, "x", UserId(), kNow);
               }).ok());
  EXPECT_FALSE(Sql("UPDATE arbitration_decisions SET reasons = 'rewritten'").ok());
  EXPECT_FALSE(Sql("DELETE FROM arbitration_decisions").ok());
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& transaction) -> Status {
                    PSL_ASSIGN_OR_RETURN(read, AppealTable(transaction.connection()).Get(first));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(read->decision->reasons, "reasons");
}

TEST_P(AppealStoreSuite, DisputesAreListedByPartyAndTheDatabaseChecksTheParties) {
  ASSERT_TRUE(
      Write([&](Transaction& transaction) -> Status {
        DisputeTable disputes(transaction.connection());
        PSL_RETURN_IF_ERROR(disputes
                                .Insert(Party::Provider(provider_a_), Party::Provider(provider_b_),
                                        "s1", "d1", UserId(), kNow)
                                .ToStatus());
        return disputes
            .Insert(Party::Government(), Party::Provider(provider_b_), "s2", "d2", UserId(), kNow)
            .ToStatus();
      }).ok());
  auto list = [&](std::optional<Party> party) {
    std::vector<DisputeRecord> found;
    EXPECT_TRUE(store_
                    ->Read([&](Transaction& transaction) -> Status {
                      DisputeFilter filter;
                      filter.party = party;
                      PSL_ASSIGN_OR_RETURN(found,
                                           DisputeTable(transaction.connection()).List(filter));
                      return Status::Ok();
                    })
                    .ok());
    return found;
  };
  EXPECT_EQ(list(std::nullopt).size(), 2u);
  EXPECT_EQ(list(Party::Provider(provider_a_)).size(), 1u);
  EXPECT_EQ(list(Party::Provider(provider_b_)).size(), 2u);
  const auto government = list(Party::Government());
  ASSERT_EQ(government.size(), 1u);
  EXPECT_EQ(government[0].claimant_name, "government");
  EXPECT_EQ(government[0].respondent_name, "B");

  // The schema refuses what the domain refuses: government against itself, a provider
  // against itself.
  EXPECT_FALSE(Sql("INSERT INTO disputes (claimant_kind, respondent_kind, subject, description, "
                   "filed_at) VALUES ('government', 'government', 's', 'd', 1)")
                   .ok());
  EXPECT_FALSE(Sql("INSERT INTO disputes (claimant_kind, claimant_provider_id, respondent_kind, "
                   "respondent_provider_id, subject, description, filed_at) VALUES ('provider', " +
                   std::to_string(provider_a_.value()) + ", 'provider', " +
                   std::to_string(provider_a_.value()) + ", 's', 'd', 1)")
                   .ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, AppealStoreSuite,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testing::EngineName(info.param); });

}  // namespace
}  // namespace psl::store
