// The payment routes through real HTTP: the split preview (PAY-1..3) with the same answers as
// `psl split`, a payment run prepared and released by two regulators, statements as JSON and
// CSV, who may see what, and bad input refused with the field named and nothing written.
#include <gtest/gtest.h>

#include "api_test_support.h"
#include "journey_test_support.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

class PaymentApiTest : public ApiTest {
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

  // Registered through the use cases (the journey's own HTTP tests cover those routes).
  static store::RegistrationRecord Register(ProviderId provider, const std::string& name) {
    app::Journey journey(market_->app());
    const CitizenId citizen = market_->Refer(name, "jobcentre");
    EXPECT_TRUE(
        journey.Assess(market_->As("referrer"), citizen, app::testing::UnemployedAnswers(), "")
            .ok());
    EXPECT_TRUE(journey
                    .Shortlist(market_->As("referrer"), citizen, "individual_prosperity",
                               {m().general_a, m().general_b, m().general_c})
                    .ok());
    auto registered =
        journey.Register(market_->As("referrer"), citizen, "individual_prosperity", provider);
    EXPECT_TRUE(registered.ok()) << registered.status().ToString();
    return registered.ok() ? *registered : store::RegistrationRecord{};
  }

  Credentials Regulator2() {
    const Reply login = server().Login("regulator2", "psl-demo-regulator2");
    EXPECT_EQ(login.status, 201) << login.Describe();
    return Credentials::Bearer(login.json.value("token", ""));
  }

  static std::unique_ptr<app::testing::JourneyMarket> market_;
};

std::unique_ptr<app::testing::JourneyMarket> PaymentApiTest::market_;

TEST_F(PaymentApiTest, TheSplitPreviewFollowsTheRules) {
  const json example = {
      {"price_pence", 1'100'000}, {"licensed_on", "2014-01-01"}, {"registered_on", "2014-08-01"}};
  const Reply reply = server().Post("/api/v1/splits", example.dump());
  ASSERT_EQ(reply.status, 200) << reply.Describe();
  EXPECT_EQ(reply.json, (json{{"upfront_pence", 660'000},
                              {"outcome_pence", 330'000},
                              {"satisfaction_pence", 110'000},
                              {"rule", "sliding_scale:6"}}));
  json established = example;
  established["registered_on"] = "2016-01-01";
  established["outcome"] = "employment_sustained_2y";
  const Reply later = server().Post("/api/v1/splits", established.dump());
  ASSERT_EQ(later.status, 200) << later.Describe();
  EXPECT_EQ(later.json["upfront_pence"], 330'000);
  EXPECT_EQ(later.json["rule"], "default");
}

TEST_F(PaymentApiTest, BadSplitRequestsNameTheField) {
  const WriteSnapshot before = server().Snapshot();
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"licensed_on", "2014-01-01"}, {"registered_on", "2014-08-01"}}, "price_pence"},
      {{{"price_pence", -1}, {"licensed_on", "2014-01-01"}, {"registered_on", "2014-08-01"}},
       "price_pence"},
      {{{"price_pence", "11000"}, {"licensed_on", "2014-01-01"}, {"registered_on", "2014-08-01"}},
       "price_pence"},
      {{{"price_pence", 100}, {"licensed_on", "2014-13-01"}, {"registered_on", "2014-08-01"}},
       "licensed_on"},
      {{{"price_pence", 100}, {"licensed_on", "2015-01-01"}, {"registered_on", "2014-08-01"}},
       "registered_on"},
      {{{"price_pence", 100},
        {"licensed_on", "2014-01-01"},
        {"registered_on", "2014-08-01"},
        {"discount", 5}},
       "discount"},
  };
  for (const auto& [body, field] : cases) {
    EXPECT_TRUE(IsError(server().Post("/api/v1/splits", body.dump()), 400, field)) << body.dump();
  }
  json unknown = {{"price_pence", 100},
                  {"licensed_on", "2014-01-01"},
                  {"registered_on", "2014-08-01"},
                  {"outcome", "no_such_outcome"}};
  EXPECT_TRUE(IsError(server().Post("/api/v1/splits", unknown.dump()), 404, "outcome"));
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(PaymentApiTest, ARunIsPreparedByOneRegulatorAndReleasedByAnother) {
  const auto registration = Register(m().general_a, "Ivy Paid");
  std::int64_t upfront = 0;
  for (const auto& o : registration.outcomes) upfront += o.split->upfront_pence;
  const std::string today = server().clock().Now().UtcDate().ToString();

  EXPECT_TRUE(IsError(server().SendAs(Role::kProvider, "POST", "/api/v1/payment-runs",
                                      json{{"as_of", today}}.dump()),
                      403));
  EXPECT_TRUE(IsError(server().SendAs(Role::kRegulator, "POST", "/api/v1/payment-runs",
                                      json{{"as_of", "2099-01-01"}}.dump()),
                      400, "as_of"));
  EXPECT_TRUE(IsError(server().SendAs(Role::kRegulator, "POST", "/api/v1/payment-runs",
                                      json{{"as_of", today}, {"extra", 1}}.dump()),
                      400, "extra"));
  const Reply prepared = server().SendAs(Role::kRegulator, "POST", "/api/v1/payment-runs",
                                         json{{"as_of", today}}.dump());
  ASSERT_EQ(prepared.status, 201) << prepared.Describe();
  const std::int64_t id = prepared.json["id"];
  EXPECT_EQ(prepared.json["status"], "prepared");
  EXPECT_EQ(prepared.json["total_pence"], upfront);
  const std::string path = "/api/v1/payment-runs/" + std::to_string(id);

  // Four eyes: the preparer is refused and nothing is written.
  const WriteSnapshot before = server().Snapshot();
  EXPECT_TRUE(IsError(server().SendAs(Role::kRegulator, "POST", path + "/release", "{}"), 422));
  EXPECT_EQ(server().Snapshot(), before);

  const Reply released = server().Post(path + "/release", "{}", Regulator2());
  ASSERT_EQ(released.status, 200) << released.Describe();
  EXPECT_EQ(released.json["status"], "released");
  ASSERT_EQ(released.json["providers"].size(), 1u);
  // The licence fee still owed (LIC-3) is netted first (PAY-5).
  EXPECT_EQ(released.json["providers"][0]["recovered_pence"], 25'000);
  EXPECT_EQ(released.json["providers"][0]["paid_pence"], upfront - 25'000);
  EXPECT_TRUE(IsError(server().Post(path + "/release", "{}", Regulator2()), 409));

  // Government sees runs; a provider does not.
  EXPECT_EQ(server().SendAs(Role::kGovernment, "GET", path).status, 200);
  EXPECT_EQ(server().SendAs(Role::kGovernment, "GET", "/api/v1/payment-runs").status, 200);
  EXPECT_TRUE(IsError(server().SendAs(Role::kProvider, "GET", path), 403));

  // The statement, as JSON and as CSV.
  const std::string statement = path + "/statements/" + std::to_string(m().general_a.value());
  const Reply lines = server().SendAs(Role::kRegulator, "GET", statement);
  ASSERT_EQ(lines.status, 200) << lines.Describe();
  EXPECT_EQ(lines.json["lines"].size(), registration.outcomes.size());
  for (const json& line : lines.json["lines"]) {
    EXPECT_EQ(line["registration_id"], registration.id);
    EXPECT_EQ(line["tariff_version"], registration.tariff_version);
    EXPECT_FALSE(line["rule"].get<std::string>().empty());
  }
  const Reply csv = server().SendAs(Role::kRegulator, "GET", statement + "/csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.Header("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'),
            static_cast<std::ptrdiff_t>(registration.outcomes.size() + 1));
  // The demo provider user is another provider: not its statement.
  EXPECT_TRUE(IsError(server().SendAs(Role::kProvider, "GET", statement), 404));
  EXPECT_TRUE(IsError(server().SendAs(Role::kCitizen, "GET", statement + "/csv"), 403));
  EXPECT_TRUE(IsError(server().SendAs(Role::kRegulator, "GET", path + "/statements/999999"), 404));
  EXPECT_EQ(server().SendAs(Role::kRegulator, "GET", "/api/v1/receivables").status, 200);
}

}  // namespace
}  // namespace psl::api::testing
