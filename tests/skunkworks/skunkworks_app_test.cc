// Skunkworks outcomes through the application layer on SQLite and PostgreSQL (OUT-4, INN-2;
// docs/payment.md section 6): the variant priced and split on the registration's locked terms,
// the base outcome transferred, a bigger upfront part topped up once, the 10% cap, refusals that
// write nothing, and the methodologies.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "market_test.h"
#include "psl/app/skunkworks.h"
#include "psl/store/journey_tables.h"
#include "psl/store/payment_tables.h"
#include "psl/store/skunkworks_table.h"
#include "skunkworks_test_support.h"
#include "test_database.h"

namespace psl::app::testing {
namespace {

using store::testing::Engine;
using store::testing::TestDatabase;

class SkunkworksAppTest : public MarketTest<JourneyMarket> {
 protected:
  Skunkworks skunkworks() { return Skunkworks(market_->app()); }
  RequestContext As(const std::string& username) {
    if (username == "alpha" || username == "beta") {
      auto found = providers_.find(username);
      if (found == providers_.end()) {
        found = providers_.emplace(username, AsProvider(*market_, username)).first;
      }
      return found->second;
    }
    return market_->As(username);
  }
  const Market& m() const { return market_->market(); }

  std::int64_t Register(ProviderId provider) {
    std::string why;
    const std::int64_t id =
        RegisterWith(*market_, provider, "Customer " + std::to_string(++people_), why);
    EXPECT_NE(id, 0) << why;
    return id;
  }

  std::int64_t Count(const std::string& table) {
    std::int64_t count = -1;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(
                                                          "SELECT COUNT(*) FROM " + table));
                      count = rows.at(0).Int(0);
                      return Status::Ok();
                    })
                    .ok());
    return count;
  }

  // Everything a placement writes, to show a refusal wrote nothing.
  std::vector<std::int64_t> Written() {
    return {Count("skunkworks_placements"),   Count("registered_outcomes"), Count("outcome_splits"),
            Count("payment_lines"),           Count("ledger_postings"),     Count("audit_log"),
            Count("skunkworks_methodologies")};
  }

  store::RegistrationRecord Registration(std::int64_t id) {
    std::optional<store::RegistrationRecord> found;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(
                          found, store::RegistrationTable(transaction.connection()).Get(id));
                      return Status::Ok();
                    })
                    .ok());
    PSL_CHECK(found.has_value(), "the registration exists");
    return *found;
  }

  std::optional<store::OutcomeSplitRecord> Split(std::int64_t id, const std::string& outcome) {
    std::optional<store::OutcomeSplitRecord> found;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(
                          found,
                          store::OutcomeSplitTable(transaction.connection()).Get(id, outcome));
                      return Status::Ok();
                    })
                    .ok());
    return found;
  }

  std::vector<store::PaymentLineRecord> Lines(std::int64_t id) {
    std::vector<store::PaymentLineRecord> lines;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(
                          lines,
                          store::PaymentLineTable(transaction.connection()).ForRegistration(id));
                      return Status::Ok();
                    })
                    .ok());
    return lines;
  }

  bool Published(ProviderId provider, const std::string& variant) {
    bool published = false;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(published,
                                           store::SkunkworksTable(transaction.connection())
                                               .MethodologyPublished(provider, variant));
                      return Status::Ok();
                    })
                    .ok());
    return published;
  }

  static const store::RegisteredOutcomeRecord* Find(const store::RegistrationRecord& r,
                                                    const std::string& outcome) {
    for (const auto& o : r.outcomes) {
      if (o.outcome == outcome) return &o;
    }
    return nullptr;
  }

  std::map<std::string, RequestContext> providers_;
  int people_ = 0;
};

TEST_P(SkunkworksAppTest, TheVariantIsPricedOnTheRegistrationsLockedTermsAndTheUpfrontToppedUp) {
  ASSERT_EQ(PublishVersionTwo(*market_), "");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(Register(m().general_a));
  const std::int64_t id = ids.front();
  const store::RegistrationRecord before = Registration(id);
  ASSERT_EQ(before.tariff_version, 2);
  ASSERT_EQ(before.catalogue_version, 2);
  const store::RegisteredOutcomeRecord* base = Find(before, kBase);
  ASSERT_NE(base, nullptr);

  // A later tariff prices the variant higher; the registration keeps version 2's price (TAR-4).
  const Date later = before.registered_on.AddMonths(2);
  Journey journey(market_->app());
  ASSERT_TRUE(journey
                  .ProposeTariff(As("regulator"),
                                 TariffForCatalogueTwo(3, later, Money::FromPence(900'000)))
                  .ok());
  ASSERT_TRUE(journey.ApproveTariff(As("regulator2"), 3).ok());
  market_->clock().Set(Timestamp::FromUnixSeconds(kStart + 70 * 86'400));
  const auto expected =
      journey.Quote({kVariant, {}, kNeutralArea, before.registered_on});  // version 2 that day
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  ASSERT_EQ(expected->tariff_version, 2);

  auto placed = skunkworks().Place(As("alpha"), id, kBase, kVariant);
  ASSERT_TRUE(placed.ok()) << placed.status().ToString();
  EXPECT_EQ(placed->price, expected->price);
  EXPECT_GT(placed->price.pence(), base->price_pence);
  EXPECT_EQ(placed->upfront.pence() + placed->outcome.pence() + placed->satisfaction.pence(),
            placed->price.pence());
  EXPECT_EQ(placed->rule, "default");
  EXPECT_EQ(placed->upfront.pence(), placed->price.pence() * 30 / 100);

  const store::RegistrationRecord after = Registration(id);
  const store::RegisteredOutcomeRecord* moved = Find(after, kVariant);
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->status, "open");
  EXPECT_EQ(moved->price_pence, expected->price.pence());
  EXPECT_EQ(moved->tariff_version, 2);
  EXPECT_EQ(moved->base_pence, kVariantCorePence);
  EXPECT_NE(moved->explanation_json.find("skunkworks"), std::string::npos);
  EXPECT_EQ(Find(after, kBase)->status, "transferred");
  EXPECT_EQ(Find(after, kBase)->price_pence, base->price_pence);

  // The split is locked with it, and the upfront difference is due now, once.
  const auto variant_split = Split(id, kVariant);
  ASSERT_TRUE(variant_split.has_value());
  EXPECT_EQ(variant_split->upfront, placed->upfront);
  EXPECT_EQ(variant_split->outcome_part, placed->outcome);
  EXPECT_FALSE(variant_split->clawback);
  const auto base_split = Split(id, kBase);
  ASSERT_TRUE(base_split.has_value()) << "registration locks the base outcome's split";
  std::int64_t top_ups = 0;
  for (const auto& line : Lines(id)) {
    if (line.idempotency_key != "skunkworks-upfront:" + std::to_string(id) + ":" + kVariant) {
      continue;
    }
    ++top_ups;
    EXPECT_EQ(line.amount.pence(), variant_split->upfront.pence() - base_split->upfront.pence());
    EXPECT_EQ(line.kind, "upfront");
    EXPECT_EQ(line.rule, "skunkworks top-up");
    EXPECT_EQ(line.outcome, kVariant);
    EXPECT_EQ(line.tariff_version, 2);
    EXPECT_TRUE(line.posting.has_value());
  }
  EXPECT_EQ(top_ups, 1);
  EXPECT_EQ(placed->top_up.pence(), variant_split->upfront.pence() - base_split->upfront.pence());

  // Placing again is refused and accrues nothing more.
  const auto written = Written();
  auto again = skunkworks().Place(As("alpha"), id, kBase, kVariant);
  EXPECT_EQ(again.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(again.status().field(), "outcome");
  EXPECT_EQ(Written(), written);
}

TEST_P(SkunkworksAppTest, AtMostTenPercentOfActiveRegistrationsHoldASkunkworksOutcome) {
  ASSERT_EQ(PublishVersionTwo(*market_), "");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 9; ++i) ids.push_back(Register(m().general_a));
  // 1 of 9 is 11.11%: refused, with the numbers.
  auto refused = skunkworks().Place(As("alpha"), ids[0], kBase, kVariant);
  ASSERT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().field(), "variant");
  EXPECT_NE(refused.status().message().find("1 of 9"), std::string::npos)
      << refused.status().message();
  EXPECT_NE(refused.status().message().find("10%"), std::string::npos);
  // Another provider's registrations do not count towards Alpha's.
  Register(m().general_b);
  ids.push_back(Register(m().general_a));  // 1 of 10 is 10%
  ASSERT_TRUE(skunkworks().Place(As("alpha"), ids[0], kBase, kVariant).ok());
  auto second = skunkworks().Place(As("alpha"), ids[1], kBase, kVariant);
  ASSERT_EQ(second.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("2 of 10"), std::string::npos)
      << second.status().message();
  for (int i = 0; i < 10; ++i) ids.push_back(Register(m().general_a));  // 20 active
  ASSERT_TRUE(skunkworks().Place(As("alpha"), ids[1], kBase, kVariant).ok());
  EXPECT_FALSE(skunkworks().Place(As("alpha"), ids[2], kBase, kVariant).ok());

  auto overview = skunkworks().Overview({access::Principal::Public(), "test"});
  ASSERT_TRUE(overview.ok()) << overview.status().ToString();
  EXPECT_EQ(overview->max_percent, 10);
  ASSERT_EQ(overview->variants.size(), 1u);
  EXPECT_EQ(overview->variants[0].variant, kVariant);
  EXPECT_EQ(overview->variants[0].base_outcome, kBase);
  bool alpha = false;
  for (const auto& share : overview->providers) {
    if (share.provider != m().general_a) continue;
    alpha = true;
    EXPECT_EQ(share.placed, 2);
    EXPECT_EQ(share.active, 20);
    EXPECT_EQ(ShareBasisPoints(share), 1'000);
    EXPECT_EQ(share.provider_name, "Alpha Employment");
  }
  EXPECT_TRUE(alpha);
}

TEST_P(SkunkworksAppTest, RefusalsNameTheProblemAndWriteNothing) {
  const std::int64_t under_v1 = Register(m().general_a);  // catalogue 1 has no variants
  ASSERT_EQ(PublishVersionTwo(*market_), "");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(Register(m().general_a));
  const std::int64_t id = ids.front();
  for (const char* user : {"alpha", "beta", "regulator"}) As(user);  // logins are audited
  const auto written = Written();
  const auto expect = [&](const Result<SkunkworksPlacement>& result, ErrorCode code,
                          const std::string& field) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), code) << result.status().ToString();
    EXPECT_EQ(result.status().field(), field) << result.status().ToString();
    EXPECT_EQ(Written(), written) << result.status().ToString();
  };
  expect(skunkworks().Place(As("regulator"), id, kBase, kVariant), ErrorCode::kPermissionDenied,
         "");
  expect(skunkworks().Place(As("beta"), id, kBase, kVariant), ErrorCode::kNotFound,
         "registration_id");
  expect(skunkworks().Place(As("alpha"), 999'999, kBase, kVariant), ErrorCode::kNotFound,
         "registration_id");
  expect(skunkworks().Place(As("alpha"), id, "no_custody_3y", kVariant), ErrorCode::kNotFound,
         "outcome");
  expect(skunkworks().Place(As("alpha"), id, kBase, "median_wage_fraction_3y"),
         ErrorCode::kFailedPrecondition, "variant");
  expect(skunkworks().Place(As("alpha"), id, "median_wage_fraction_3y", kVariant),
         ErrorCode::kFailedPrecondition, "variant");
  expect(skunkworks().Place(As("alpha"), under_v1, kBase, kVariant), ErrorCode::kFailedPrecondition,
         "variant");
  // After the outcome's window (12 months) it can no longer move.
  market_->clock().Set(Timestamp::FromUnixSeconds(kStart + 370 * 86'400));
  expect(skunkworks().Place(As("alpha"), id, kBase, kVariant), ErrorCode::kFailedPrecondition,
         "outcome");
}

TEST_P(SkunkworksAppTest, OneMethodologyPerProviderAndVariant) {
  const RequestContext anyone{access::Principal::Public(), "test"};
  // Before catalogue 2 there is no variant to publish for.
  EXPECT_EQ(skunkworks().PublishMethodology(As("alpha"), kVariant, "T", "M").status().field(),
            "variant");
  ASSERT_EQ(PublishVersionTwo(*market_), "");
  EXPECT_FALSE(Published(m().general_a, kVariant));
  As("referrer");  // logins are audited
  const auto written = Written();
  EXPECT_EQ(skunkworks().PublishMethodology(As("alpha"), kVariant, "  ", "M").status().field(),
            "title");
  EXPECT_EQ(
      skunkworks()
          .PublishMethodology(As("alpha"), kVariant, "T", std::string(kMaxMethodologyText + 1, 'x'))
          .status()
          .field(),
      "methodology");
  EXPECT_EQ(skunkworks().PublishMethodology(As("referrer"), kVariant, "T", "M").status().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(skunkworks().PublishMethodology(As("alpha"), kBase, "T", "M").status().field(),
            "variant");
  EXPECT_EQ(Written(), written);

  auto published = skunkworks().PublishMethodology(
      As("alpha"), kVariant, "Job coaching with wage progression",
      "Weekly coaching for two years, and negotiation support at each pay review.");
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->provider, m().general_a);
  EXPECT_EQ(published->provider_name, "Alpha Employment");
  EXPECT_TRUE(Published(m().general_a, kVariant));
  EXPECT_FALSE(Published(m().general_b, kVariant));
  auto twice = skunkworks().PublishMethodology(As("alpha"), kVariant, "Again", "Again");
  EXPECT_EQ(twice.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(twice.status().field(), "variant");
  ASSERT_TRUE(skunkworks().PublishMethodology(As("beta"), kVariant, "Beta's way", "Text").ok());

  auto overview = skunkworks().Overview(anyone);
  ASSERT_TRUE(overview.ok());
  ASSERT_EQ(overview->methodologies.size(), 2u);
  EXPECT_EQ(overview->methodologies[0].title, "Job coaching with wage progression");
  EXPECT_EQ(overview->methodologies[0].published_on, market_->clock().Now().UtcDate());
  EXPECT_EQ(overview->methodologies[1].provider_name, "Beta Futures");
}

INSTANTIATE_TEST_SUITE_P(Engines, SkunkworksAppTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return store::testing::EngineName(info.param); });

}  // namespace
}  // namespace psl::app::testing
