// Claims and the evidence feed through real HTTP: the routes, the claim JSON, who sees what
// (another provider's claim is "not found"), and every refusal answered with a JSON error
// naming the field while nothing is written (audit log and ledger unchanged).
#include <gtest/gtest.h>

#include "api_test_support.h"
#include "claims_test_support.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

class ClaimsApiTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    market_ = std::make_unique<app::testing::ClaimsMarket>(server().store());
    ASSERT_EQ(market_->Seed(), "");
  }
  static void TearDownTestSuite() {
    market_.reset();
    ApiTest::TearDownTestSuite();
  }

  // The server's clock on `date` at 09:00, with fresh sessions.
  static void On(Date date) {
    server().clock().Set(Timestamp::FromUnixSeconds(date.DaysSinceEpoch() * 86'400 + 9 * 3600));
    server().ForgetTokens();
  }
  static Credentials Provider(const std::string& username) {
    const Reply login = server().Login(username, "a-long-password");
    EXPECT_EQ(login.status, 201) << login.Describe();
    return Credentials::Bearer(login.json.value("token", ""));
  }
  static json Claim(const app::testing::Customer& customer, Date achieved) {
    return {{"registration_id", customer.registration_id},
            {"outcome", "employment_sustained_2y"},
            {"achieved_on", achieved.ToString()},
            {"evidence", "HMRC RTI extract"}};
  }

  static std::unique_ptr<app::testing::ClaimsMarket> market_;
};

std::unique_ptr<app::testing::ClaimsMarket> ClaimsApiTest::market_;

TEST_F(ClaimsApiTest, AClaimIsMadeVerifiedAndListed) {
  const auto customer = market_->Register("Hana Http", "AB123456C", market_->m().general_a);
  const Date achieved = app::testing::StartDate().AddDays(15);
  On(achieved.AddMonths(24));
  const Credentials alpha = Provider("alpha");
  const Reply made = server().Post("/api/v1/claims", Claim(customer, achieved).dump(), alpha);
  ASSERT_EQ(made.status, 201) << made.Describe();
  const std::int64_t id = made.json["id"];
  EXPECT_EQ(made.json["status"], "pending");
  EXPECT_EQ(made.json["fraction"], "1.000000");
  EXPECT_EQ(made.json["provider_id"], market_->m().general_a.value());
  EXPECT_EQ(made.json["citizen_id"], customer.citizen.value());
  EXPECT_EQ(made.json["claimed_on"], achieved.AddMonths(24).ToString());
  for (const char* empty : {"decided_by_user_id", "decided_on", "reason", "verified_by_feed",
                            "payment_pence", "held_reason"}) {
    EXPECT_TRUE(made.json[empty].is_null()) << empty;
  }
  EXPECT_EQ(made.json.size(), 16u);
  const std::string path = "/api/v1/claims/" + std::to_string(id);
  EXPECT_EQ(server().Get(path, alpha).status, 200);
  EXPECT_TRUE(IsError(server().Get(path, Provider("beta")), 404, "id"));
  EXPECT_TRUE(IsError(server().Get(path, server().As(Role::kCitizen)), 403));
  EXPECT_TRUE(IsError(server().Get(path), 401));

  const Reply verified = server().Post(path + "/verify", "{}", server().As(Role::kRegulator));
  ASSERT_EQ(verified.status, 200) << verified.Describe();
  EXPECT_EQ(verified.json["status"], "verified");
  EXPECT_GT(verified.json["payment_pence"].get<std::int64_t>(), 0);
  EXPECT_FALSE(verified.json["decided_by_user_id"].is_null());

  const Reply mine = server().Get("/api/v1/claims?status=verified&limit=1", alpha);
  ASSERT_EQ(mine.status, 200) << mine.Describe();
  ASSERT_EQ(mine.json["items"].size(), 1u);
  EXPECT_EQ(mine.json["items"][0]["id"], id);
  const Reply theirs = server().Get("/api/v1/claims", Provider("beta"));
  ASSERT_EQ(theirs.status, 200);
  EXPECT_TRUE(theirs.json["items"].empty());
  EXPECT_TRUE(theirs.json["next_before"].is_null());
}

TEST_F(ClaimsApiTest, RefusalsNameTheFieldAndWriteNothing) {
  const auto customer = market_->Register("Ivo Invalid", "AB123457C", market_->m().general_a);
  const Date achieved = app::testing::StartDate().AddDays(15);
  On(achieved.AddMonths(24));
  const Credentials alpha = Provider("alpha");
  const Credentials beta = Provider("beta");
  const Credentials regulator = server().As(Role::kRegulator);
  const Reply pending = server().Post("/api/v1/claims", Claim(customer, achieved).dump(), alpha);
  ASSERT_EQ(pending.status, 201) << pending.Describe();
  const std::string path = "/api/v1/claims/" + pending.json["id"].dump();
  const auto other = market_->Register("Una Other", "AB123458C", market_->m().general_a);

  const WriteSnapshot before = server().Snapshot();
  EXPECT_TRUE(IsError(server().Post("/api/v1/claims", Claim(other, achieved).dump(), beta), 404,
                      "registration_id"));
  EXPECT_TRUE(IsError(server().Post("/api/v1/claims", Claim(customer, achieved).dump(), alpha), 409,
                      "outcome"));
  EXPECT_TRUE(
      IsError(server().Post("/api/v1/claims", Claim(other, achieved.AddDays(1)).dump(), alpha), 422,
              "achieved_on"));
  EXPECT_TRUE(
      IsError(server().Post("/api/v1/claims",
                            Claim(other, app::testing::StartDate().AddDays(-1)).dump(), alpha),
              422, "achieved_on"));
  json with_fraction = Claim(other, achieved);
  with_fraction["fraction"] = "0.5";
  EXPECT_TRUE(
      IsError(server().Post("/api/v1/claims", with_fraction.dump(), alpha), 400, "fraction"));
  json graded = Claim(other, achieved);
  graded["outcome"] = "median_wage_fraction_3y";
  EXPECT_TRUE(IsError(server().Post("/api/v1/claims", graded.dump(), alpha), 400, "fraction"));
  graded["fraction"] = "1.5";
  EXPECT_TRUE(IsError(server().Post("/api/v1/claims", graded.dump(), alpha), 400, "fraction"));
  graded["fraction"] = 0.5;
  EXPECT_TRUE(IsError(server().Post("/api/v1/claims", graded.dump(), alpha), 400, "fraction"));
  json unknown = Claim(other, achieved);
  unknown["amount_pence"] = 100;
  EXPECT_TRUE(IsError(server().Post("/api/v1/claims", unknown.dump(), alpha), 400, "amount_pence"));
  json bad_date = Claim(other, achieved);
  bad_date["achieved_on"] = "15/01/2025";
  EXPECT_TRUE(IsError(server().Post("/api/v1/claims", bad_date.dump(), alpha), 400, "achieved_on"));
  EXPECT_TRUE(IsError(server().Post("/api/v1/claims", "[]", alpha), 400));
  EXPECT_TRUE(
      IsError(server().Post("/api/v1/claims", Claim(other, achieved).dump(), regulator), 403));
  EXPECT_TRUE(IsError(server().Post(path + "/reject", "{}", regulator), 400, "reason"));
  EXPECT_TRUE(
      IsError(server().Post(path + "/reject", R"({"reason":" "})", regulator), 400, "reason"));
  EXPECT_TRUE(IsError(server().Post(path + "/verify", R"({"x":1})", regulator), 400));
  EXPECT_TRUE(IsError(server().Post(path + "/verify", "{}", alpha), 403));
  EXPECT_TRUE(IsError(server().Post("/api/v1/claims/999999/verify", "{}", regulator), 404, "id"));
  EXPECT_TRUE(IsError(server().Post("/api/v1/claims/abc/verify", "{}", regulator), 400));
  EXPECT_TRUE(IsError(server().Get("/api/v1/claims?status=paid", regulator), 400, "status"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/claims?colour=red", regulator), 400));
  EXPECT_TRUE(
      IsError(server().Post("/api/v1/evidence-feeds",
                            json{{"name", "RTI"}, {"csv", "citizen,employer\n"}}.dump(), regulator),
              400, "csv"));
  EXPECT_TRUE(
      IsError(server().Post("/api/v1/evidence-feeds", json{{"name", "RTI"}}.dump(), regulator), 400,
              "csv"));
  EXPECT_TRUE(IsError(
      server().Post("/api/v1/evidence-feeds",
                    json{{"name", "RTI"}, {"csv", "citizen,employer,start,end,earnings\n"}}.dump(),
                    alpha),
      403));
  EXPECT_EQ(server().Snapshot(), before);

  // Decided once: a rejected claim is neither verified nor rejected again.
  const Reply rejected =
      server().Post(path + "/reject", R"({"reason":"No payslips attached."})", regulator);
  ASSERT_EQ(rejected.status, 200) << rejected.Describe();
  EXPECT_EQ(rejected.json["reason"], "No payslips attached.");
  const WriteSnapshot decided = server().Snapshot();
  EXPECT_TRUE(IsError(server().Post(path + "/verify", "{}", regulator), 409, "id"));
  EXPECT_TRUE(
      IsError(server().Post(path + "/reject", R"({"reason":"again"})", regulator), 409, "id"));
  EXPECT_EQ(server().Snapshot(), decided);
}

TEST_F(ClaimsApiTest, AFeedImportVerifiesMatchingClaims) {
  const auto customer = market_->Register("Fay Feed", "AB999999C", market_->m().general_a);
  const Date achieved = app::testing::StartDate().AddDays(15);
  On(achieved.AddMonths(24).AddDays(1));
  const Reply made =
      server().Post("/api/v1/claims", Claim(customer, achieved).dump(), Provider("alpha"));
  ASSERT_EQ(made.status, 201) << made.Describe();
  EXPECT_EQ(made.json["status"], "pending");
  const std::string csv =
      "citizen,employer,start,end,earnings\nAB999999C,Acme," + achieved.ToString() + ",,23450.00\n";
  const Reply imported =
      server().Post("/api/v1/evidence-feeds", json{{"name", "HMRC RTI"}, {"csv", csv}}.dump(),
                    server().As(Role::kRegulator));
  ASSERT_EQ(imported.status, 201) << imported.Describe();
  EXPECT_EQ(imported.json["rows"], 1);
  EXPECT_EQ(imported.json["matched_citizens"], 1);
  EXPECT_EQ(imported.json["claims_verified"], json::array({made.json["id"]}));
  const Reply claim =
      server().Get("/api/v1/claims/" + made.json["id"].dump(), server().As(Role::kRegulator));
  ASSERT_EQ(claim.status, 200);
  EXPECT_EQ(claim.json["status"], "verified");
  EXPECT_EQ(claim.json["verified_by_feed"], imported.json["feed_id"]);
  EXPECT_TRUE(claim.json["decided_by_user_id"].is_null());
}

}  // namespace
}  // namespace psl::api::testing
