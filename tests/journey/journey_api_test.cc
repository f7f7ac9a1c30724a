// The citizen journey through real HTTP: quotes (TAR-1..3, TAR-5) with the report's worked
// example, the journey from referral to registration, who may see whom, and bad input that is
// refused with a clear error and writes nothing.
#include <gtest/gtest.h>

#include "api_test_support.h"
#include "journey_test_support.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

class JourneyApiTest : public ApiTest {
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

  // A referral by the demo referrer through HTTP; returns the citizen id.
  std::int64_t Refer(const std::string& name, const std::string& source) {
    const json body = {{"route", "referral"},
                       {"source", source},
                       {"notes", "Met at the " + source},
                       {"person",
                        {{"full_name", name},
                         {"date_of_birth", "1991-05-" + std::to_string(10 + (++people_ % 18))},
                         {"area_code", app::testing::kNeutralArea}}}};
    const Reply reply = server().Post("/api/v1/entries", body.dump(), server().As(Role::kReferrer));
    EXPECT_EQ(reply.status, 201) << reply.Describe();
    return reply.json.value("citizen_id", 0);
  }

  static json Answers(const assessment::Answers& answers) { return json(answers); }

  static std::unique_ptr<app::testing::JourneyMarket> market_;
  static int people_;
};

std::unique_ptr<app::testing::JourneyMarket> JourneyApiTest::market_;
int JourneyApiTest::people_ = 0;

json ReportExampleQuote() {
  // Hillingdon's IMD score is the reference (weight 1); January 2014's MGSX rate, 6.9%, is the
  // long-run reference (weight 1): docs/tariff.md.
  return {
      {"outcome", "employment_sustained_2y"},
      {"barriers",
       {"illiterate", "english_second_language", "childhood_abuse", "no_fixed_abode", "dyslexic"}},
      {"area", app::testing::kNeutralArea},
      {"date", "2014-01-15"}};
}

// The report's worked example (chapter 5, "Example of tariff payment"; SPEC TAR-1):
// £2,000 + £1,500 + £1,000 + £3,000 + £3,000 + £500 = £11,000.
TEST_F(JourneyApiTest, TheReportsWorkedExampleIsElevenThousandPounds) {
  const Reply reply = server().Post("/api/v1/quotes", ReportExampleQuote().dump());
  ASSERT_EQ(reply.status, 200) << reply.Describe();
  EXPECT_EQ(reply.json["outcome"], "employment_sustained_2y");
  EXPECT_EQ(reply.json["base_pence"], 1'100'000);
  EXPECT_EQ(reply.json["geographic_weight"], "1.000000");
  EXPECT_EQ(reply.json["cyclical_weight"], "1.000000");
  EXPECT_EQ(reply.json["price_pence"], 1'100'000);
  EXPECT_EQ(reply.json["tariff_version"], 1);
  // The itemised explanation (TAR-3): the core, each supplement, both weights, the rounding.
  std::map<std::string, std::int64_t> amounts;
  std::vector<std::string> kinds;
  for (const json& item : reply.json["items"]) {
    kinds.push_back(item["kind"]);
    if (item.contains("amount_pence")) amounts[item["id"]] = item["amount_pence"];
  }
  EXPECT_EQ(amounts["employment_sustained_2y"], 200'000);
  EXPECT_EQ(amounts["illiterate"], 150'000);
  EXPECT_EQ(amounts["english_second_language"], 100'000);
  EXPECT_EQ(amounts["childhood_abuse"], 300'000);
  EXPECT_EQ(amounts["no_fixed_abode"], 300'000);
  EXPECT_EQ(amounts["dyslexic"], 50'000);
  EXPECT_EQ(kinds, (std::vector<std::string>{"core", "supplement", "supplement", "supplement",
                                             "supplement", "supplement", "geographic_weight",
                                             "cyclical_weight", "rounding"}));
  // The text's other example: + £300 if blind, + £3,500 for a history of homelessness.
  json blind = ReportExampleQuote();
  blind["barriers"] = {"blind", "homelessness_history"};
  const Reply other = server().Post("/api/v1/quotes", blind.dump());
  ASSERT_EQ(other.status, 200) << other.Describe();
  EXPECT_EQ(other.json["base_pence"], 200'000 + 30'000 + 350'000);
}

TEST_F(JourneyApiTest, MoreDeprivationOrMoreUnemploymentNeverLowersAPrice) {
  json quote = ReportExampleQuote();
  const auto price = [&](const std::string& area, const std::string& date) {
    quote["area"] = area;
    quote["date"] = date;
    const Reply reply = server().Post("/api/v1/quotes", quote.dump());
    EXPECT_EQ(reply.status, 200) << reply.Describe();
    return reply.json.value("price_pence", std::int64_t{0});
  };
  // Blackpool is more deprived than Hillingdon; January 2014 (6.9%) had more unemployment than
  // June 2019 (3.9%).
  EXPECT_GT(price(app::testing::kDeprivedArea, "2014-01-15"),
            price(app::testing::kNeutralArea, "2014-01-15"));
  EXPECT_GT(price(app::testing::kNeutralArea, "2014-01-15"),
            price(app::testing::kNeutralArea, "2019-06-15"));
  // After the series ends (October 2020) its last month carries forward, and the item says so.
  quote["area"] = app::testing::kNeutralArea;
  quote["date"] = "2026-11-23";
  const Reply later = server().Post("/api/v1/quotes", quote.dump());
  ASSERT_EQ(later.status, 200) << later.Describe();
  bool carried = false;
  for (const json& item : later.json["items"]) {
    if (item["kind"] == "cyclical_weight") {
      carried = item["label"].get<std::string>().find("carried forward") != std::string::npos;
    }
  }
  EXPECT_TRUE(carried);
}

TEST_F(JourneyApiTest, BadQuotesNameTheFieldAndNoDiscountIsPossible) {
  const Credentials referrer =
      server().As(Role::kReferrer);  // logs in (audited) before the snapshot
  const WriteSnapshot before = server().Snapshot();
  json quote = ReportExampleQuote();
  quote["outcome"] = "world_peace";
  EXPECT_TRUE(IsError(server().Post("/api/v1/quotes", quote.dump()), 404, "outcome"));
  quote = ReportExampleQuote();
  quote["barriers"].push_back("left_handed");
  const Reply barrier = server().Post("/api/v1/quotes", quote.dump());
  EXPECT_TRUE(IsError(barrier, 404, "barriers"));
  EXPECT_NE(barrier.body.find("left_handed"), std::string::npos);
  quote = ReportExampleQuote();
  quote["area"] = "E99999999";
  EXPECT_TRUE(IsError(server().Post("/api/v1/quotes", quote.dump()), 404, "area"));
  quote = ReportExampleQuote();
  quote["date"] = "15/01/2014";
  EXPECT_TRUE(IsError(server().Post("/api/v1/quotes", quote.dump()), 400, "date"));
  quote = ReportExampleQuote();
  quote["date"] = "1960-01-01";
  EXPECT_TRUE(IsJsonError(server().Post("/api/v1/quotes", quote.dump())));
  quote = ReportExampleQuote();
  quote["barriers"].push_back("dyslexic");
  EXPECT_TRUE(IsError(server().Post("/api/v1/quotes", quote.dump()), 400, "barriers"));
  // TAR-5: no discount, rebate or bid, anywhere.
  for (const char* field : {"discount", "discount_pence", "rebate", "bid"}) {
    quote = ReportExampleQuote();
    quote[field] = 100;
    EXPECT_TRUE(IsError(server().Post("/api/v1/quotes", quote.dump()), 400, field));
  }
  const Reply registration = server().Post(
      "/api/v1/citizens/1/registrations",
      json{{"end_result", "individual_prosperity"}, {"provider_id", 1}, {"discount_pence", 500}}
          .dump(),
      referrer);
  EXPECT_TRUE(IsError(registration, 400, "discount_pence"));
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(JourneyApiTest, FromReferralToRegistrationThroughHttp) {
  const std::int64_t citizen = Refer("Robin Referral", "jobcentre");
  const std::string base = "/api/v1/citizens/" + std::to_string(citizen);
  const Reply assessed =
      server().Post(base + "/assessments",
                    json{{"answers", Answers(assessment::ReportExampleAnswers())},
                         {"recommendations", "Literacy first; then supported job search."}}
                        .dump(),
                    server().As(Role::kReferrer));
  ASSERT_EQ(assessed.status, 201) << assessed.Describe();
  EXPECT_EQ(assessed.json["barriers"].size(), 5u);
  EXPECT_EQ(assessed.json["eligible_end_results"], json::array({"individual_prosperity"}));

  const Reply options = server().Get(base + "/options?end_result=individual_prosperity",
                                     server().As(Role::kReferrer));
  ASSERT_EQ(options.status, 200) << options.Describe();
  EXPECT_EQ(options.json["choice"]["format"], "assisted");
  EXPECT_GE(options.json["providers"].size(), 3u);
  for (const json& provider : options.json["providers"]) {
    EXPECT_TRUE(provider["success_rate_basis_points"].is_null());  // not enough data yet
  }
  const Reply shortlist = server().Post(
      base + "/shortlist",
      json{{"end_result", "individual_prosperity"},
           {"provider_ids", {m().general_a.value(), m().general_b.value(), m().general_c.value()}}}
          .dump(),
      server().As(Role::kReferrer));
  ASSERT_EQ(shortlist.status, 200) << shortlist.Describe();
  const Reply registered = server().Post(
      base + "/registrations",
      json{{"end_result", "individual_prosperity"}, {"provider_id", m().general_c.value()}}.dump(),
      server().As(Role::kReferrer));
  ASSERT_EQ(registered.status, 201) << registered.Describe();
  EXPECT_EQ(registered.json["provider_id"], m().general_c.value());
  EXPECT_GT(registered.json["total_price_pence"].get<std::int64_t>(), 1'100'000);
  // No switching (CHO-5).
  const Reply again = server().Post(
      base + "/registrations",
      json{{"end_result", "individual_prosperity"}, {"provider_id", m().general_a.value()}}.dump(),
      server().As(Role::kReferrer));
  EXPECT_TRUE(IsError(again, 409, "end_result"));
  // The caseload lists the citizen; the public cannot see it.
  const Reply caseload = server().Get("/api/v1/citizens", server().As(Role::kReferrer));
  ASSERT_EQ(caseload.status, 200);
  bool listed = false;
  for (const json& item : caseload.json["items"]) listed |= item["id"] == citizen;
  EXPECT_TRUE(listed);
  EXPECT_TRUE(IsError(server().Get(base), 401));
  EXPECT_TRUE(IsError(server().Get(base, server().As(Role::kCitizen)), 404, "citizen_id"));
  EXPECT_TRUE(IsError(server().Get(base, server().As(Role::kProvider)), 404, "citizen_id"));
  EXPECT_TRUE(IsError(server().Get(base, server().As(Role::kInspector)), 403));
}

TEST_F(JourneyApiTest, BadJourneyInputIsRefusedAndWritesNothing) {
  const std::int64_t citizen = Refer("Bea Input", "jobcentre");
  const std::string base = "/api/v1/citizens/" + std::to_string(citizen);
  const WriteSnapshot before = server().Snapshot();
  const Credentials referrer = server().As(Role::kReferrer);
  assessment::Answers answers = assessment::ReportExampleAnswers();
  answers["age_years"] = "-1";
  EXPECT_TRUE(IsError(
      server().Post(base + "/assessments", json{{"answers", json(answers)}}.dump(), referrer), 400,
      "answers.age_years"));
  EXPECT_TRUE(IsError(
      server().Post(base + "/assessments", json{{"answers", {{"age_years", 34}}}}.dump(), referrer),
      400, "answers.age_years"));
  EXPECT_TRUE(IsError(server().Post(base + "/assessments", "{}", referrer), 400, "answers"));
  EXPECT_TRUE(IsError(server().Post("/api/v1/entries",
                                    json{{"route", "referral"},
                                         {"source", "jobcentre"},
                                         {"person",
                                          {{"full_name", "X"},
                                           {"date_of_birth", "2999-01-01"},
                                           {"area_code", app::testing::kNeutralArea}}}}
                                        .dump(),
                                    referrer),
                      400, "person.date_of_birth"));
  EXPECT_TRUE(IsError(server().Post("/api/v1/entries",
                                    json{{"route", "referral"},
                                         {"source", "jobcentre"},
                                         {"person",
                                          {{"full_name", "X"},
                                           {"date_of_birth", "1990-01-01"},
                                           {"area_code", app::testing::kNeutralArea},
                                           {"national_insurance", "123"}}}}
                                        .dump(),
                                    referrer),
                      400, "person.national_insurance"));
  EXPECT_TRUE(IsError(server().Get(base + "/options", referrer), 400, "end_result"));
  EXPECT_TRUE(
      IsError(server().Get(base + "/options?end_result=fair_start", referrer), 422, "end_result"));
  EXPECT_TRUE(IsError(
      server().Post(base + "/registrations",
                    json{{"end_result", "individual_prosperity"}, {"provider_id", "one"}}.dump(),
                    referrer),
      400, "provider_id"));
  EXPECT_TRUE(IsError(server().Post("/api/v1/citizens/abc/assessments", "{}", referrer), 400));
  // Found by the fuzzer: a provider id of 0 (nlohmann reads it as unsigned) was accepted.
  for (const json& ids : {json{0, 2, 3}, json{-1, 2, 3}}) {
    EXPECT_TRUE(IsError(server().Post(base + "/shortlist",
                                      json{{"end_result", "individual_prosperity"},
                                           {"provider_ids", ids}}
                                          .dump(),
                                      referrer),
                        400, "provider_ids[0]"));
  }
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(JourneyApiTest, TheConfigurationIsPublicAndVersioned) {
  const Reply catalogue = server().Get("/api/v1/catalogue");
  ASSERT_EQ(catalogue.status, 200) << catalogue.Describe();
  EXPECT_EQ(catalogue.json["version"], 1);
  const Reply questionnaire = server().Get("/api/v1/assessment/questionnaire");
  ASSERT_EQ(questionnaire.status, 200);
  EXPECT_GE(questionnaire.json["questionnaire"]["questions"].size(), 12u);
  const Reply tariffs = server().Get("/api/v1/tariffs");
  ASSERT_EQ(tariffs.status, 200);
  const Reply tariff = server().Get("/api/v1/tariffs/1");
  ASSERT_EQ(tariff.status, 200) << tariff.Describe();
  EXPECT_TRUE(IsError(server().Get("/api/v1/tariffs/9"), 404, "version"));
  const Reply rules = server().Get("/api/v1/choice/rules");
  ASSERT_EQ(rules.status, 200);
  // Publishing needs the right role, and a well-formed document.
  EXPECT_TRUE(IsError(
      server().Post("/api/v1/catalogue", catalogue.body, server().As(Role::kRegulator)), 403));
  EXPECT_TRUE(IsError(
      server().Post("/api/v1/catalogue", "{\"version\":2}", server().As(Role::kGovernment)), 400));
  EXPECT_TRUE(
      IsError(server().Post("/api/v1/catalogue", catalogue.body, server().As(Role::kGovernment)),
              409, "version"));
}

TEST_F(JourneyApiTest, APersonSignsUpOnlineOnce) {
  const json body = {{"username", "new-citizen"},
                     {"password", "a-long-password"},
                     {"source", "online"},
                     {"person",
                      {{"full_name", "Nia Newcomer"},
                       {"date_of_birth", "1999-09-09"},
                       {"area_code", app::testing::kDeprivedArea}}}};
  const Reply signed_up = server().Post("/api/v1/citizens/sign-up", body.dump());
  ASSERT_EQ(signed_up.status, 201) << signed_up.Describe();
  const Reply login = server().Login("new-citizen", "a-long-password");
  ASSERT_EQ(login.status, 201);
  const Credentials me = Credentials::Bearer(login.json.value("token", ""));
  const std::string base =
      "/api/v1/citizens/" + std::to_string(signed_up.json.value("citizen_id", 0));
  const Reply assessed = server().Post(
      base + "/assessments", json{{"answers", json(app::testing::UnemployedAnswers())}}.dump(), me);
  ASSERT_EQ(assessed.status, 201) << assessed.Describe();
  const Reply options = server().Get(base + "/options?end_result=individual_prosperity", me);
  ASSERT_EQ(options.status, 200) << options.Describe();
  EXPECT_EQ(options.json["choice"]["format"], "free");
  // The same person again: no second record (ENT-2), and nothing is written.
  const WriteSnapshot before = server().Snapshot();
  json twice = body;
  twice["username"] = "new-citizen-2";
  EXPECT_TRUE(IsError(server().Post("/api/v1/citizens/sign-up", twice.dump()), 409, "person"));
  EXPECT_EQ(server().Snapshot(), before);
  // Signed-in users cannot sign up again.
  EXPECT_TRUE(IsError(server().Post("/api/v1/citizens/sign-up", twice.dump(), me), 403));
}

}  // namespace
}  // namespace psl::api::testing
