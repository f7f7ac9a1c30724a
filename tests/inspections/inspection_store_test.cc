// InspectionTable and migration 3 on SQLite and PostgreSQL: the stored default rubric, rubric
// versions, drafts and publication, and the database refusing to change published findings.
#include <gtest/gtest.h>

#include "psl/store/inspection_table.h"
#include "psl/store/store.h"
#include "test_database.h"

namespace psl::store {
namespace {

using regulation::Answer;
using regulation::Inspection;
using regulation::InspectionId;
using regulation::InspectionStatus;
using testing::Engine;
using testing::TestDatabase;

const Timestamp kNow = Timestamp::FromUnixSeconds(1'736'154'000);  // 2025-01-06

Date D(const char* text) { return *Date::Parse(text); }

InspectionFilter Filter(InspectionStatus status, std::optional<ProviderId> provider,
                        std::optional<UserId> inspector) {
  InspectionFilter filter;
  filter.status = status;
  filter.provider = provider;
  filter.inspector = inspector;
  filter.limit = 10;
  return filter;
}

class InspectionStore : public ::testing::TestWithParam<Engine> {
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
              access::User user;
              user.username = "shopper";
              user.password_hash = "x";
              user.role = access::Role::kInspector;
              user.created_at = kNow;
              PSL_ASSIGN_OR_RETURN(inspector_, transaction.users().Insert(user));
              return Status::Ok();
            })
            .ok());
  }

  Inspection Draft(ProviderId provider, const char* date) {
    Inspection inspection;
    inspection.record.provider_id = provider;
    inspection.record.visit_date = D(date);
    inspection.record.answers = {{"courtesy", Answer::Score(4)},
                                 {"inducements_offered", Answer::Flag(true)}};
    inspection.record.finding = "finding";
    inspection.inspector_id = inspector_;
    inspection.rubric_version = 1;
    inspection.created_at = kNow;
    inspection.updated_at = kNow;
    return inspection;
  }

  Result<InspectionId> Insert(const Inspection& inspection) {
    InspectionId id;
    Status status = store_->Write([&](Transaction& transaction) -> Status {
      InspectionTable table(transaction.connection());
      PSL_ASSIGN_OR_RETURN(id, table.Insert(inspection));
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return id;
  }

  Status Publish(InspectionId id) {
    return store_->Write([&](Transaction& transaction) -> Status {
      return InspectionTable(transaction.connection()).Publish(id, inspector_, kNow);
    });
  }

  std::optional<Inspection> Find(InspectionId id) {
    std::optional<Inspection> found;
    EXPECT_TRUE(store_
                    ->Read([&](Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(found,
                                           InspectionTable(transaction.connection()).Find(id));
                      return Status::Ok();
                    })
                    .ok());
    return found;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<Store> store_;
  ProviderId provider_a_;
  ProviderId provider_b_;
  UserId inspector_;
};

TEST_P(InspectionStore, MigrationStoresTheDefaultRubricAsVersionOne) {
  regulation::Rubric current;
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& transaction) -> Status {
                    PSL_ASSIGN_OR_RETURN(current,
                                         InspectionTable(transaction.connection()).CurrentRubric());
                    return Status::Ok();
                  })
                  .ok());
  const regulation::Rubric expected = regulation::DefaultRubric();
  EXPECT_EQ(current.version, 1);
  EXPECT_EQ(current.criteria, expected.criteria);
}

TEST_P(InspectionStore, RubricVersionsAreAppended) {
  regulation::Rubric rubric;
  rubric.criteria = {{"courtesy", "Courtesy", regulation::CriterionKind::kScore, std::nullopt},
                     {"cash_offered", "Cash?", regulation::CriterionKind::kFlag, true}};
  std::int64_t version = 0;
  regulation::Rubric current;
  std::optional<regulation::Rubric> first;
  ASSERT_TRUE(store_
                  ->Write([&](Transaction& transaction) -> Status {
                    InspectionTable table(transaction.connection());
                    PSL_ASSIGN_OR_RETURN(version, table.InsertRubric(rubric, inspector_, kNow));
                    PSL_ASSIGN_OR_RETURN(current, table.CurrentRubric());
                    PSL_ASSIGN_OR_RETURN(first, table.FindRubric(1));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(version, 2);
  EXPECT_EQ(current.version, 2);
  EXPECT_EQ(current.criteria, rubric.criteria);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->criteria, regulation::DefaultRubric().criteria);
  // The database refuses to rewrite a version.
  Status rewrite = store_->Write([&](Transaction& transaction) -> Status {
    auto changed = transaction.connection().Execute(
        "UPDATE inspection_rubric_criteria SET label = 'x' WHERE version = 1");
    return changed.ok() ? Status::Ok() : changed.status();
  });
  EXPECT_FALSE(rewrite.ok());
}

TEST_P(InspectionStore, DraftsAreEditedThenPublishedAndThenNeverChange) {
  auto id = Insert(Draft(provider_a_, "2025-01-02"));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto found = Find(*id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, InspectionStatus::kDraft);
  EXPECT_EQ(found->record.answers.at("courtesy"), Answer::Score(4));
  EXPECT_EQ(found->record.answers.at("inducements_offered"), Answer::Flag(true));
  EXPECT_EQ(found->record.visit_date, D("2025-01-02"));
  EXPECT_EQ(found->inspector_id, inspector_);

  Inspection edited = *found;
  edited.record.answers = {{"safeguarding", Answer::Score(2)}};
  edited.record.malpractice = true;
  edited.updated_at = kNow.PlusSeconds(60);
  ASSERT_TRUE(store_
                  ->Write([&](Transaction& transaction) -> Status {
                    return InspectionTable(transaction.connection()).UpdateDraft(edited);
                  })
                  .ok());
  found = Find(*id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->record.answers.size(), 1u);
  EXPECT_TRUE(found->record.malpractice);
  EXPECT_EQ(found->updated_at, kNow.PlusSeconds(60));

  ASSERT_TRUE(Publish(*id).ok());
  found = Find(*id);
  EXPECT_EQ(found->status, InspectionStatus::kPublished);
  EXPECT_EQ(found->published_at, kNow);

  // The table refuses: a second publication, and an edit.
  EXPECT_EQ(Publish(*id).code(), ErrorCode::kFailedPrecondition);
  Status update = store_->Write([&](Transaction& transaction) -> Status {
    return InspectionTable(transaction.connection()).UpdateDraft(edited);
  });
  EXPECT_EQ(update.code(), ErrorCode::kFailedPrecondition);

  // And so does the database, whatever SQL reaches it.
  for (const char* sql :
       {"UPDATE inspections SET finding = 'rewritten'", "DELETE FROM inspections",
        "UPDATE inspection_scores SET value = 5", "DELETE FROM inspection_scores"}) {
    Status raw = store_->Write([&](Transaction& transaction) -> Status {
      auto changed = transaction.connection().Execute(sql);
      return changed.ok() ? Status::Ok() : changed.status();
    });
    EXPECT_FALSE(raw.ok()) << sql;
  }
  Status insert = store_->Write([&](Transaction& transaction) -> Status {
    auto changed = transaction.connection().Execute(
        "INSERT INTO inspection_scores (inspection_id, criterion, kind, value) VALUES ($1, "
        "'courtesy', 'score', 5)",
        {id->value()});
    return changed.ok() ? Status::Ok() : changed.status();
  });
  EXPECT_FALSE(insert.ok());
  found = Find(*id);
  EXPECT_EQ(found->record.finding, "finding");
  EXPECT_EQ(found->record.answers.size(), 1u);
}

TEST_P(InspectionStore, ListsAndTheLatestPublishedFindingPerProvider) {
  auto a_old = Insert(Draft(provider_a_, "2024-11-01"));
  auto a_new = Insert(Draft(provider_a_, "2024-12-01"));
  auto a_draft = Insert(Draft(provider_a_, "2025-01-01"));
  auto b_only = Insert(Draft(provider_b_, "2024-10-01"));
  ASSERT_TRUE(a_old.ok() && a_new.ok() && a_draft.ok() && b_only.ok());
  // Published in another order than visited: the latest is by visit date.
  ASSERT_TRUE(Publish(*a_new).ok());
  ASSERT_TRUE(Publish(*a_old).ok());
  ASSERT_TRUE(Publish(*b_only).ok());

  std::vector<Inspection> latest;
  std::vector<Inspection> published_a;
  std::vector<Inspection> drafts;
  std::int64_t count = 0;
  ASSERT_TRUE(
      store_
          ->Read([&](Transaction& transaction) -> Status {
            InspectionTable table(transaction.connection());
            PSL_ASSIGN_OR_RETURN(latest, table.LatestPublishedPerProvider({}, 10));
            PSL_ASSIGN_OR_RETURN(published_a, table.List(Filter(InspectionStatus::kPublished,
                                                                provider_a_, std::nullopt)));
            PSL_ASSIGN_OR_RETURN(
                drafts, table.List(Filter(InspectionStatus::kDraft, std::nullopt, inspector_)));
            PSL_ASSIGN_OR_RETURN(count, table.Count());
            return Status::Ok();
          })
          .ok());
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].id, *a_new);
  EXPECT_EQ(latest[1].id, *b_only);
  EXPECT_EQ(latest[0].record.answers.size(), 2u) << "answers are loaded with lists";
  ASSERT_EQ(published_a.size(), 2u);
  EXPECT_EQ(published_a[0].id, *a_new) << "newest id first";
  EXPECT_EQ(published_a[1].id, *a_old);
  ASSERT_EQ(drafts.size(), 1u);
  EXPECT_EQ(drafts[0].id, *a_draft);
  EXPECT_EQ(count, 4);

  // Paging: after provider A comes only B; before a_new comes only a_old.
  ASSERT_TRUE(store_
                  ->Read([&](Transaction& transaction) -> Status {
                    InspectionTable table(transaction.connection());
                    PSL_ASSIGN_OR_RETURN(latest, table.LatestPublishedPerProvider(provider_a_, 10));
                    InspectionFilter filter =
                        Filter(InspectionStatus::kPublished, provider_a_, std::nullopt);
                    filter.before = *a_new;
                    PSL_ASSIGN_OR_RETURN(published_a, table.List(filter));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].record.provider_id, provider_b_);
  ASSERT_EQ(published_a.size(), 1u);
  EXPECT_EQ(published_a[0].id, *a_old);
}

INSTANTIATE_TEST_SUITE_P(Engines, InspectionStore,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testing::EngineName(info.param); });

}  // namespace
}  // namespace psl::store
