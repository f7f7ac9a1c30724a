// The fixture every area's use-case tests share: a fresh database on the parameter's engine
// (SQLite, or PostgreSQL through scripts/with_postgres.sh; skipped when none is available),
// migrated, with a market seeded by `Market` (JourneyMarket, or an area's own that wraps it).
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "journey_test_support.h"
#include "psl/store/store.h"
#include "test_database.h"

namespace psl::app::testing {

template <typename Market = JourneyMarket>
class MarketTest : public ::testing::TestWithParam<store::testing::Engine> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (auto why = database_->Create()) GTEST_SKIP() << *why;
    auto store = store::Store::Open(database_->StoreUrl(), {.max_connections = 2});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate(Timestamp::FromUnixSeconds(kStart)).ok());
    market_ = std::make_unique<Market>(*store_);
    ASSERT_EQ(market_->Seed(), "");
  }

  std::unique_ptr<store::testing::TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Market> market_;
};

}  // namespace psl::app::testing
