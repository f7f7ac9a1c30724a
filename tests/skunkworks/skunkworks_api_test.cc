// Skunkworks through real HTTP (OUT-4, INN-2): moving an outcome onto its variant, publishing a
// methodology, the public register; who may call what, and bad input refused naming the field
// with nothing written.
#include <gtest/gtest.h>

#include "api_test_support.h"
#include "skunkworks_test_support.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

class SkunkworksApiTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    market_ = std::make_unique<app::testing::JourneyMarket>(server().store());
    ASSERT_EQ(market_->Seed(), "");
    ASSERT_EQ(app::testing::PublishVersionTwo(*market_), "");
    for (int i = 0; i < 10; ++i) {
      std::string why;
      const std::int64_t id = app::testing::RegisterWith(*market_, market_->market().general_a,
                                                         "Api Customer " + std::to_string(i), why);
      ASSERT_NE(id, 0) << why;
      registrations_.push_back(id);
    }
  }
  static void TearDownTestSuite() {
    market_.reset();
    registrations_.clear();
    ApiTest::TearDownTestSuite();
  }

  static Credentials Provider(const std::string& username) {
    const Reply login = server().Login(username, "a-long-password");
    EXPECT_EQ(login.status, 201) << login.Describe();
    return Credentials::Bearer(login.json.value("token", ""));
  }

  static std::string PlacePath(std::int64_t id) {
    return "/api/v1/registrations/" + std::to_string(id) + "/skunkworks";
  }

  static std::unique_ptr<app::testing::JourneyMarket> market_;
  static std::vector<std::int64_t> registrations_;
};

std::unique_ptr<app::testing::JourneyMarket> SkunkworksApiTest::market_;
std::vector<std::int64_t> SkunkworksApiTest::registrations_;

const json kPlacement = {{"outcome", app::testing::kBase}, {"variant", app::testing::kVariant}};

TEST_F(SkunkworksApiTest, AProviderMovesAnOutcomeOntoItsVariantOnceWithinTheCap) {
  const Credentials alpha = Provider("alpha");
  const Credentials beta = Provider("beta");
  const Credentials regulator = server().As(Role::kRegulator);  // logins are audited
  const std::int64_t id = registrations_.at(0);
  const WriteSnapshot before = server().Snapshot();
  // Who may: a provider, for its own registration only.
  EXPECT_TRUE(IsError(server().Post(PlacePath(id), kPlacement.dump()), 401));
  EXPECT_TRUE(IsError(server().Post(PlacePath(id), kPlacement.dump(), regulator), 403));
  EXPECT_TRUE(
      IsError(server().Post(PlacePath(id), kPlacement.dump(), beta), 404, "registration_id"));
  // Bad input names the field.
  json unknown = kPlacement;
  unknown["price_pence"] = 1;
  EXPECT_TRUE(IsError(server().Post(PlacePath(id), unknown.dump(), alpha), 400, "price_pence"));
  EXPECT_TRUE(
      IsError(server().Post(PlacePath(id), R"({"outcome":"employment_sustained_2y"})", alpha), 400,
              "variant"));
  EXPECT_TRUE(IsError(server().Post(PlacePath(id), R"({"outcome":7,"variant":"x"})", alpha), 400,
                      "outcome"));
  EXPECT_TRUE(IsError(server().Post(PlacePath(id), "[", alpha), 400));
  EXPECT_TRUE(IsError(
      server().Post("/api/v1/registrations/abc/skunkworks", kPlacement.dump(), alpha), 400, "id"));
  json not_variant = kPlacement;
  not_variant["variant"] = "median_wage_fraction_3y";
  EXPECT_TRUE(IsError(server().Post(PlacePath(id), not_variant.dump(), alpha), 422, "variant"));
  EXPECT_EQ(server().Snapshot(), before);

  const Reply placed = server().Post(PlacePath(id), kPlacement.dump(), alpha);
  ASSERT_EQ(placed.status, 201) << placed.Describe();
  EXPECT_EQ(placed.json["registration_id"], id);
  EXPECT_EQ(placed.json["base_outcome"], app::testing::kBase);
  EXPECT_EQ(placed.json["variant"], app::testing::kVariant);
  const std::int64_t price = placed.json["price_pence"];
  EXPECT_EQ(placed.json["upfront_pence"].get<std::int64_t>() +
                placed.json["outcome_pence"].get<std::int64_t>() +
                placed.json["satisfaction_pence"].get<std::int64_t>(),
            price);
  EXPECT_EQ(placed.json["upfront_pence"], price * 30 / 100);
  EXPECT_GT(placed.json["top_up_pence"].get<std::int64_t>(), 0);
  EXPECT_EQ(placed.json["rule"], "default");
  EXPECT_EQ(placed.json["placed_on"], "2025-01-06");
  EXPECT_NE(server().Snapshot(), before);

  // Once only; and a second registration would pass Alpha's 10% of 10.
  const WriteSnapshot after = server().Snapshot();
  EXPECT_TRUE(IsError(server().Post(PlacePath(id), kPlacement.dump(), alpha), 409, "outcome"));
  const Reply capped = server().Post(PlacePath(registrations_.at(1)), kPlacement.dump(), alpha);
  EXPECT_TRUE(IsError(capped, 422, "variant"));
  EXPECT_NE(capped.body.find("2 of 10"), std::string::npos) << capped.body;
  EXPECT_EQ(server().Snapshot(), after);

  // The public register shows Alpha's share.
  const Reply overview = server().Get("/api/v1/skunkworks");
  ASSERT_EQ(overview.status, 200) << overview.Describe();
  EXPECT_EQ(overview.json["max_percent"], 10);
  bool found = false;
  for (const json& share : overview.json["providers"]) {
    if (share["provider_id"] != market_->market().general_a.value()) continue;
    found = true;
    EXPECT_EQ(share["provider_name"], "Alpha Employment");
    EXPECT_EQ(share["placed"], 1);
    EXPECT_EQ(share["active"], 10);
    EXPECT_EQ(share["share_basis_points"], 1000);
  }
  EXPECT_TRUE(found) << overview.body;
}

TEST_F(SkunkworksApiTest, MethodologiesArePublishedOncePerProviderAndVariantAndShownToAll) {
  const Credentials gamma = Provider("gamma");
  const json body = {{"variant", app::testing::kVariant},
                     {"title", "Wage progression coaching"},
                     {"methodology", "Two years of weekly coaching, with pay-review support."}};
  const Credentials government = server().As(Role::kGovernment);  // logins are audited
  const WriteSnapshot before = server().Snapshot();
  EXPECT_TRUE(IsError(server().Post("/api/v1/skunkworks/methodologies", body.dump()), 401));
  EXPECT_TRUE(
      IsError(server().Post("/api/v1/skunkworks/methodologies", body.dump(), government), 403));
  json unknown = body;
  unknown["author"] = "me";
  EXPECT_TRUE(IsError(server().Post("/api/v1/skunkworks/methodologies", unknown.dump(), gamma), 400,
                      "author"));
  json long_title = body;
  long_title["title"] = std::string(201, 't');
  EXPECT_TRUE(IsError(server().Post("/api/v1/skunkworks/methodologies", long_title.dump(), gamma),
                      400, "title"));
  json blank = body;
  blank["methodology"] = " ";
  EXPECT_TRUE(IsError(server().Post("/api/v1/skunkworks/methodologies", blank.dump(), gamma), 400,
                      "methodology"));
  EXPECT_EQ(server().Snapshot(), before);

  const Reply published = server().Post("/api/v1/skunkworks/methodologies", body.dump(), gamma);
  ASSERT_EQ(published.status, 201) << published.Describe();
  EXPECT_EQ(published.json["provider_id"], market_->market().general_c.value());
  EXPECT_EQ(published.json["provider_name"], "Gamma Works");
  EXPECT_EQ(published.json["title"], "Wage progression coaching");
  EXPECT_EQ(published.json["published_on"], "2025-01-06");
  EXPECT_TRUE(IsError(server().Post("/api/v1/skunkworks/methodologies", body.dump(), gamma), 409,
                      "variant"));

  const Reply overview = server().Get("/api/v1/skunkworks");
  ASSERT_EQ(overview.status, 200);
  ASSERT_EQ(overview.json["variants"].size(), 1u);
  EXPECT_EQ(overview.json["variants"][0],
            (json{{"variant", app::testing::kVariant},
                  {"base_outcome", app::testing::kBase},
                  {"label", "In work for 2 years without breaks, at or above the median wage"}}));
  bool listed = false;
  for (const json& m : overview.json["methodologies"]) {
    if (m["provider_name"] == "Gamma Works") listed = m["methodology"] == body["methodology"];
  }
  EXPECT_TRUE(listed) << overview.body;
  EXPECT_TRUE(IsError(server().Get("/api/v1/skunkworks?x=1"), 400, "x"));
}

}  // namespace
}  // namespace psl::api::testing
