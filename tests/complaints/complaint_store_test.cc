// ComplaintTable on both engines: the same SQL on SQLite and PostgreSQL, the lifecycle
// guard on Update, the filters, and the database's own refusals (CHECK constraints, no delete).
#include <gtest/gtest.h>

#include "psl/store/complaint_table.h"
#include "psl/store/store.h"
#include "test_database.h"

namespace psl::store {
namespace {

using regulation::Complaint;
using regulation::ComplaintStatus;
using testing::Engine;
using testing::TestDatabase;

const Timestamp kNow = Timestamp::FromUnixSeconds(1'736'154'000);  // 2025-01-06T09:00:00Z

class ComplaintStore : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    if (auto why = database_->Create()) GTEST_SKIP() << *why;
    auto store = Store::Open(database_->StoreUrl(), {.max_connections = 2});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate(kNow).ok());
    ASSERT_TRUE(
        store_
            ->Write([&](Transaction& transaction) -> Status {
              PSL_ASSIGN_OR_RETURN(provider_a_, transaction.parties().InsertProvider("A", kNow));
              PSL_ASSIGN_OR_RETURN(provider_b_, transaction.parties().InsertProvider("B", kNow));
              PSL_ASSIGN_OR_RETURN(citizen_, transaction.parties().InsertCitizen(kNow));
              access::User user;
              user.username = "citizen";
              user.password_hash = "x";
              user.role = access::Role::kCitizen;
              user.citizen_id = citizen_;
              user.created_at = kNow;
              PSL_ASSIGN_OR_RETURN(citizen_user_, transaction.users().Insert(user));
              return Status::Ok();
            })
            .ok());
  }

  Complaint Public(ProviderId provider,
                   regulation::ComplaintCategory category = regulation::ComplaintCategory::kOther) {
    regulation::ComplaintFiling filing{provider, category, "text", "a@example.org"};
    auto complaint = regulation::FileComplaint(filing, regulation::Complainant::Public(), kNow,
                                               regulation::ComplaintPolicy{});
    EXPECT_TRUE(complaint.ok());
    return *complaint;
  }

  Result<regulation::ComplaintId> Insert(const Complaint& complaint) {
    regulation::ComplaintId id;
    Status status = store_->Write([&](Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(id, ComplaintTable(transaction.connection()).Insert(complaint));
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return id;
  }

  Complaint Get(regulation::ComplaintId id) {
    std::optional<Complaint> complaint;
    EXPECT_TRUE(store_
                    ->Read([&](Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(complaint,
                                           ComplaintTable(transaction.connection()).Get(id));
                      return Status::Ok();
                    })
                    .ok());
    EXPECT_TRUE(complaint.has_value());
    return complaint.value_or(Complaint{});
  }

  std::vector<Complaint> List(const ComplaintFilter& filter, int limit = 100) {
    std::vector<Complaint> complaints;
    EXPECT_TRUE(store_
                    ->Read([&](Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(
                          complaints, ComplaintTable(transaction.connection()).List(filter, limit));
                      return Status::Ok();
                    })
                    .ok());
    return complaints;
  }

  Status Update(const Complaint& complaint, ComplaintStatus expected) {
    return store_->Write([&](Transaction& transaction) -> Status {
      return ComplaintTable(transaction.connection()).Update(complaint, expected);
    });
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<Store> store_;
  ProviderId provider_a_;
  ProviderId provider_b_;
  CitizenId citizen_;
  UserId citizen_user_;
};

TEST_P(ComplaintStore, ACitizensComplaintRoundTripsThroughItsLifecycle) {
  regulation::ComplaintFiling filing{provider_a_, regulation::ComplaintCategory::kSafeguarding,
                                     "Unsafe premises.", std::nullopt};
  auto filed = regulation::FileComplaint(
      filing, regulation::Complainant::Citizen(citizen_user_, citizen_), kNow, {});
  ASSERT_TRUE(filed.ok());
  auto id = Insert(*filed);
  ASSERT_TRUE(id.ok()) << id.status().ToString();

  Complaint stored = Get(*id);
  EXPECT_EQ(stored.provider_id, provider_a_);
  EXPECT_EQ(stored.category, regulation::ComplaintCategory::kSafeguarding);
  EXPECT_EQ(stored.text, "Unsafe premises.");
  EXPECT_EQ(stored.citizen_id, citizen_);
  EXPECT_EQ(stored.filed_by, citizen_user_);
  EXPECT_FALSE(stored.contact_email.has_value());
  EXPECT_EQ(stored.filed_at, kNow);
  EXPECT_EQ(stored.response_due.ToString(), "2025-01-26");
  EXPECT_EQ(stored.status, ComplaintStatus::kOpen);

  const Timestamp later = kNow.PlusSeconds(3600);
  ASSERT_TRUE(regulation::CloseComplaint(stored, regulation::ComplaintOutcome::kUpheld, "Proven.",
                                         UserId(), later)
                  .ok());
  ASSERT_TRUE(Update(stored, ComplaintStatus::kOpen).ok());
  const Complaint closed = Get(*id);
  EXPECT_EQ(closed.status, ComplaintStatus::kClosed);
  EXPECT_EQ(closed.outcome, regulation::ComplaintOutcome::kUpheld);
  EXPECT_EQ(closed.outcome_reasons, "Proven.");
  EXPECT_EQ(closed.closed_at, later);
  EXPECT_FALSE(closed.closed_by.has_value());

  // A stale writer (expecting open) loses.
  const Status stale = Update(stored, ComplaintStatus::kOpen);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.code(), ErrorCode::kConflict);
}

TEST_P(ComplaintStore, FiltersAndPagingNewestFirst) {
  const auto a1 = *Insert(Public(provider_a_, regulation::ComplaintCategory::kInducements));
  const auto b1 = *Insert(Public(provider_b_));
  const auto a2 = *Insert(Public(provider_a_));
  Complaint responded = Get(a2);
  ASSERT_TRUE(regulation::RecordResponse(responded, "Sorry.", UserId(), kNow).ok());
  ASSERT_TRUE(Update(responded, ComplaintStatus::kOpen).ok());

  const auto ids = [](const std::vector<Complaint>& complaints) {
    std::vector<std::int64_t> out;
    for (const Complaint& complaint : complaints) out.push_back(complaint.id.value());
    return out;
  };
  EXPECT_EQ(ids(List({})), (std::vector{a2.value(), b1.value(), a1.value()}));
  EXPECT_EQ(ids(List({}, 2)), (std::vector{a2.value(), b1.value()}));
  ComplaintFilter page;
  page.before = b1;
  EXPECT_EQ(ids(List(page)), (std::vector{a1.value()}));
  ComplaintFilter by_provider;
  by_provider.provider_id = provider_a_;
  EXPECT_EQ(ids(List(by_provider)), (std::vector{a2.value(), a1.value()}));
  ComplaintFilter by_status;
  by_status.status = ComplaintStatus::kResponded;
  EXPECT_EQ(ids(List(by_status)), (std::vector{a2.value()}));
  ComplaintFilter by_category;
  by_category.category = regulation::ComplaintCategory::kInducements;
  EXPECT_EQ(ids(List(by_category)), (std::vector{a1.value()}));
  ComplaintFilter by_citizen;
  by_citizen.citizen_id = citizen_;
  EXPECT_TRUE(List(by_citizen).empty());

  ComplaintFilter overdue;
  overdue.overdue = true;
  overdue.today = *Date::Parse("2025-01-26");  // the deadline day: not yet overdue
  EXPECT_TRUE(List(overdue).empty());
  overdue.today = *Date::Parse("2025-01-27");
  EXPECT_EQ(ids(List(overdue)), (std::vector{b1.value(), a1.value()}));
  overdue.overdue = false;
  EXPECT_EQ(ids(List(overdue)), (std::vector{a2.value()}));
}

TEST_P(ComplaintStore, TheDatabaseRefusesBrokenRowsAndDeletes) {
  Complaint no_email = Public(provider_a_);
  no_email.contact_email.reset();  // the public must give one
  EXPECT_FALSE(Insert(no_email).ok());
  Complaint no_provider = Public(ProviderId(999));
  EXPECT_FALSE(Insert(no_provider).ok());

  const auto id = *Insert(Public(provider_a_));
  const Status deleted = store_->Write([&](Transaction& transaction) -> Status {
    auto changed =
        transaction.connection().Execute("DELETE FROM complaints WHERE id = $1", {id.value()});
    return changed.ok() ? Status::Ok() : changed.status();
  });
  EXPECT_FALSE(deleted.ok());
  EXPECT_EQ(Get(id).id, id);
}

INSTANTIATE_TEST_SUITE_P(Engines, ComplaintStore,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testing::EngineName(info.param); });

}  // namespace
}  // namespace psl::store
