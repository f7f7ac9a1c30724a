// Payment settings, the claw-back mode and budgets through real HTTP (docs/payment.md §1, §5,
// §9): the response shapes, who may call what (401, 403, 404), and bad input refused with the
// field named and nothing written.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "api_test_support.h"
#include "journey_test_support.h"
#include "psl/ledger/account.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

class BudgetApiTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    market_ = std::make_unique<app::testing::JourneyMarket>(server().store());
    ASSERT_EQ(market_->Seed(), "");
  }
  static void TearDownTestSuite() {
    market_.reset();
    ApiTest::TearDownTestSuite();
  }

  static const app::testing::Market& m() { return market_->market(); }

  static Credentials Provider(const std::string& username) {
    const Reply login = server().Login(username, "a-long-password");
    EXPECT_EQ(login.status, 201) << login.Describe();
    return Credentials::Bearer(login.json.value("token", ""));
  }

  static std::int64_t Count(const std::string& table) {
    std::int64_t count = -1;
    EXPECT_TRUE(server()
                    .store()
                    .Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(
                                                          "SELECT COUNT(*) FROM " + table));
                      count = rows.at(0).Int(0);
                      return Status::Ok();
                    })
                    .ok());
    return count;
  }

  static json ExampleSettings() {
    std::ifstream file(std::string(PSL_SOURCE_DIR) + "/docs/examples/payment_settings_v2.json");
    std::stringstream text;
    text << file.rdbuf();
    return json::parse(text.str());
  }

  static std::string Mode(ProviderId provider) {
    return "/api/v1/providers/" + std::to_string(provider.value()) + "/payment-mode";
  }

  static std::unique_ptr<app::testing::JourneyMarket> market_;
};

std::unique_ptr<app::testing::JourneyMarket> BudgetApiTest::market_;

TEST_F(BudgetApiTest, SettingsArePublicAndTheRegulatorPublishesTheNextVersion) {
  const Reply current = server().Get("/api/v1/payment-settings");
  ASSERT_EQ(current.status, 200) << current.Describe();
  const int latest = current.json["version"];
  if (latest == 1) {
    EXPECT_TRUE(current.json["published_at"].is_null());
    EXPECT_EQ(current.json["settings"]["default_split"]["upfront_percent"], 30);
    EXPECT_EQ(current.json["settings"]["relative_floor"], "0.500000");
  }

  json document = ExampleSettings();
  document.erase("version");
  const Reply published =
      server().Post("/api/v1/payment-settings", document.dump(), server().As(Role::kRegulator));
  ASSERT_EQ(published.status, 201) << published.Describe();
  EXPECT_EQ(published.json["version"], latest + 1);
  EXPECT_EQ(published.json["published_at"], "2025-01-06T09:00:00Z");
  EXPECT_EQ(published.json["settings"]["version"], latest + 1);
  EXPECT_EQ(
      published.json["settings"]["end_result_splits"]["better_physical_health"]["upfront_percent"],
      50);
  EXPECT_EQ(published.json["settings"]["relative_results_end_results"],
            json::array({"individual_prosperity"}));

  const Reply now = server().Get("/api/v1/payment-settings");
  EXPECT_EQ(now.json["version"], latest + 1);
  const Reply first = server().Get("/api/v1/payment-settings?version=1");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.json["version"], 1);
  EXPECT_TRUE(first.json["settings"]["end_result_splits"].empty());
  EXPECT_TRUE(IsError(server().Get("/api/v1/payment-settings?version=99"), 404, "version"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/payment-settings?version=x"), 400, "version"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/payment-settings?v=1"), 400));

  // Naming the version: the next one only.
  document["version"] = latest + 2;
  const Reply named =
      server().Post("/api/v1/payment-settings", document.dump(), server().As(Role::kRegulator));
  ASSERT_EQ(named.status, 201) << named.Describe();
  EXPECT_EQ(named.json["version"], latest + 2);
}

TEST_F(BudgetApiTest, SettingsRefusalsWriteNothing) {
  // Logging in is audited: every credential first, then the snapshot.
  const Credentials alpha = Provider("alpha");
  const Credentials government = server().As(Role::kGovernment);
  const Credentials regulator = server().As(Role::kRegulator);
  const WriteSnapshot before = server().Snapshot();
  const std::int64_t versions = Count("payment_settings");
  const json good = ExampleSettings();
  const auto post = [&](const json& body, const Credentials& who) {
    return server().Post("/api/v1/payment-settings", body.dump(), who);
  };
  EXPECT_TRUE(IsError(post(good, Credentials::None()), 401));
  EXPECT_TRUE(IsError(post(good, government), 403));
  EXPECT_TRUE(IsError(post(good, alpha), 403));
  EXPECT_TRUE(IsError(server().Post("/api/v1/payment-settings", "{\"version\":", regulator), 400));
  json unknown = good;
  unknown["discount_percent"] = 5;
  EXPECT_TRUE(IsError(post(unknown, regulator), 400, "discount_percent"));
  json shares = good;
  shares["default_split"]["satisfaction_percent"] = 11;
  EXPECT_TRUE(IsError(post(shares, regulator), 400, "default_split"));
  json band = good;
  band["sliding_scale"][1]["from_months"] = "3";
  EXPECT_TRUE(IsError(post(band, regulator), 400, "sliding_scale[1].from_months"));
  json stale = good;
  stale["version"] = 1;
  EXPECT_TRUE(IsError(post(stale, regulator), 409, "version"));
  json missing = good;
  missing.erase("survey_months");
  EXPECT_TRUE(IsError(post(missing, regulator), 400, "survey_months"));
  EXPECT_EQ(server().Snapshot(), before);
  EXPECT_EQ(Count("payment_settings"), versions);
}

TEST_F(BudgetApiTest, PaymentModeForTheProviderItselfAndTheRegulator) {
  const Credentials alpha = Provider("alpha");
  const Credentials beta = Provider("beta");
  const Reply own = server().Get(Mode(m().general_a), alpha);
  ASSERT_EQ(own.status, 200) << own.Describe();
  EXPECT_EQ(own.json["provider_id"], m().general_a.value());
  EXPECT_EQ(own.json["clawback"], false);
  EXPECT_TRUE(own.json["effective_from"].is_null());
  EXPECT_EQ(own.json["good_standing"], false);  // its licence fee is owed since 2013
  EXPECT_TRUE(own.json["good_standing_reason"].is_string());

  EXPECT_TRUE(IsError(server().Get(Mode(m().general_a), beta), 404));
  EXPECT_TRUE(IsError(server().Get(Mode(m().general_a), server().As(Role::kCitizen)), 403));
  EXPECT_TRUE(IsError(server().Get(Mode(m().general_a)), 401));
  EXPECT_TRUE(IsError(server().Get("/api/v1/providers/0/payment-mode", alpha), 400, "id"));

  const WriteSnapshot before = server().Snapshot();
  const std::int64_t modes = Count("provider_payment_modes");
  EXPECT_TRUE(
      IsError(server().Post(Mode(m().general_a), R"({"clawback":true})", alpha), 422, "clawback"));
  EXPECT_TRUE(
      IsError(server().Post(Mode(m().general_a), R"({"clawback":"yes"})", alpha), 400, "clawback"));
  EXPECT_TRUE(IsError(server().Post(Mode(m().general_a), R"({})", alpha), 400, "clawback"));
  EXPECT_TRUE(
      IsError(server().Post(Mode(m().general_a), R"({"clawback":true,"from":"2025-01-01"})", alpha),
              400, "from"));
  EXPECT_TRUE(IsError(server().Post(Mode(m().general_a), R"({"clawback":false})", beta), 404));
  EXPECT_EQ(server().Snapshot(), before);
  EXPECT_EQ(Count("provider_payment_modes"), modes);

  // The fee is paid: now in good standing, and the mode applies from tomorrow.
  Money owed;
  ASSERT_TRUE(server()
                  .store()
                  .Read([&](store::Transaction& transaction) -> Status {
                    PSL_ASSIGN_OR_RETURN(
                        owed, transaction.ledger().Balance(
                                  ledger::ProviderReceivableAccount(m().general_a), std::nullopt));
                    return Status::Ok();
                  })
                  .ok());
  const json receipt = {{"idempotency_key", "fee-received-alpha"},
                        {"effective_date", "2025-01-06"},
                        {"description", "Licence fee received"},
                        {"cause", "test"},
                        {"lines",
                         {{{"account", "bank"}, {"amount_pence", owed.pence()}},
                          {{"account", ledger::ProviderReceivableAccount(m().general_a)},
                           {"amount_pence", -owed.pence()}}}}};
  const Reply posted =
      server().Post("/api/v1/ledger/postings", receipt.dump(), server().As(Role::kRegulator));
  ASSERT_EQ(posted.status, 201) << posted.Describe();
  const Reply opted = server().Post(Mode(m().general_a), R"({"clawback":true})", alpha);
  ASSERT_EQ(opted.status, 200) << opted.Describe();
  EXPECT_EQ(opted.json["clawback"], true);
  EXPECT_EQ(opted.json["effective_from"], "2025-01-07");
  EXPECT_EQ(opted.json["good_standing"], true);
  EXPECT_TRUE(opted.json["good_standing_reason"].is_null());
  const Reply seen = server().Get(Mode(m().general_a), server().As(Role::kRegulator));
  EXPECT_EQ(seen.json["clawback"], true);
}

TEST_F(BudgetApiTest, GovernmentSetsEnvelopesAndBothSeeThem) {
  const json envelope = {{"end_result", "fair_start"},
                         {"period_from", "2025-01-01"},
                         {"period_to", "2025-06-30"},
                         {"amount_pence", 250'000'000}};
  const Reply set =
      server().Post("/api/v1/budgets", envelope.dump(), server().As(Role::kGovernment));
  ASSERT_EQ(set.status, 201) << set.Describe();
  EXPECT_GT(set.json["id"].get<std::int64_t>(), 0);
  EXPECT_EQ(set.json["end_result"], "fair_start");
  EXPECT_EQ(set.json["amount_pence"], 250'000'000);
  EXPECT_EQ(set.json["period_to"], "2025-06-30");

  for (Role role : {Role::kGovernment, Role::kRegulator}) {
    const Reply listed =
        server().Get("/api/v1/budgets?from=2025-03-01&to=2025-03-31", server().As(role));
    ASSERT_EQ(listed.status, 200) << listed.Describe();
    EXPECT_TRUE(listed.json["expected_success_note"].is_string());
    json found;
    for (const json& item : listed.json["items"]) {
      if (item["id"] == set.json["id"]) found = item;
    }
    ASSERT_TRUE(found.is_object()) << listed.body;
    EXPECT_EQ(found["committed_pence"], 0);
    EXPECT_EQ(found["paid_pence"], 0);
    ASSERT_EQ(found["months"].size(), 6u);
    EXPECT_EQ(found["months"][0]["month"], "2025-01");
    EXPECT_EQ(found["months"][5]["month"], "2025-06");
    EXPECT_EQ(found["months"][5]["committed_pence"], 0);
  }
  const Reply outside =
      server().Get("/api/v1/budgets?from=2025-07-01", server().As(Role::kRegulator));
  ASSERT_EQ(outside.status, 200);
  for (const json& item : outside.json["items"]) EXPECT_NE(item["id"], set.json["id"]);
}

TEST_F(BudgetApiTest, BudgetRefusalsWriteNothing) {
  const Credentials alpha = Provider("alpha");
  const Credentials government = server().As(Role::kGovernment);
  const Credentials regulator = server().As(Role::kRegulator);
  const Credentials citizen = server().As(Role::kCitizen);
  const WriteSnapshot before = server().Snapshot();
  const std::int64_t envelopes = Count("budget_envelopes");
  const json good = {{"end_result", "lower_crime"},
                     {"period_from", "2025-04-01"},
                     {"period_to", "2026-03-31"},
                     {"amount_pence", 100}};
  const auto post = [&](const json& body, const Credentials& who) {
    return server().Post("/api/v1/budgets", body.dump(), who);
  };
  EXPECT_TRUE(IsError(post(good, Credentials::None()), 401));
  EXPECT_TRUE(IsError(post(good, regulator), 403));
  EXPECT_TRUE(IsError(post(good, alpha), 403));
  json field = good;
  field["end_result"] = "world_peace";
  EXPECT_TRUE(IsError(post(field, government), 400, "end_result"));
  field = good;
  field["period_to"] = "2025-03-31";
  EXPECT_TRUE(IsError(post(field, government), 400, "period_to"));
  field = good;
  field["period_from"] = "2025-02-30";
  EXPECT_TRUE(IsError(post(field, government), 400, "period_from"));
  field = good;
  field["amount_pence"] = -1;
  EXPECT_TRUE(IsError(post(field, government), 400, "amount_pence"));
  field["amount_pence"] = "100";
  EXPECT_TRUE(IsError(post(field, government), 400, "amount_pence"));
  field["amount_pence"] = 1.5;
  EXPECT_TRUE(IsError(post(field, government), 400, "amount_pence"));
  field["amount_pence"] = 18446744073709551615ULL;
  EXPECT_TRUE(IsError(post(field, government), 400, "amount_pence"));
  field = good;
  field["rebate_pence"] = 5;
  EXPECT_TRUE(IsError(post(field, government), 400, "rebate_pence"));
  field = good;
  field["period_to"] = "2036-03-31";
  EXPECT_TRUE(IsError(post(field, government), 400, "period_to"));
  EXPECT_TRUE(IsError(server().Post("/api/v1/budgets", "[]", government), 400));
  EXPECT_EQ(server().Snapshot(), before);
  EXPECT_EQ(Count("budget_envelopes"), envelopes);

  EXPECT_TRUE(IsError(server().Get("/api/v1/budgets", alpha), 403));
  EXPECT_TRUE(IsError(server().Get("/api/v1/budgets", citizen), 403));
  EXPECT_TRUE(IsError(server().Get("/api/v1/budgets"), 401));
  EXPECT_TRUE(IsError(server().Get("/api/v1/budgets?from=tomorrow", government), 400, "from"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/budgets?from=2025-02-01&to=2025-01-01", government),
                      400, "to"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/budgets?limit=5", government), 400));
}

}  // namespace
}  // namespace psl::api::testing
