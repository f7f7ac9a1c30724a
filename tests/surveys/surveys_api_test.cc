// The satisfaction survey through real HTTP (PAY-6): the job route, a citizen's invitations and
// answer, the public rates; who may call what; bad input refused naming the field with nothing
// written.
#include <gtest/gtest.h>

#include "api_test_support.h"
#include "psl/payment/satisfaction.h"
#include "psl/store/survey_table.h"
#include "survey_test_support.h"

namespace psl::api::testing {
namespace {

using access::Role;
using app::testing::Day;
using nlohmann::json;

class SurveysApiTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    TestServer& s = server();
    const app::RequestContext system = app::testing::RegulatorContext();
    auto provider = s.app().CreateProvider(system, "Alpha Works");
    ASSERT_TRUE(provider.ok()) << provider.status().ToString();
    provider_ = *provider;
    auto me = s.app().Authenticate(s.Token(Role::kCitizen));
    ASSERT_TRUE(me.ok() && me->citizen_id.has_value()) << "the demo citizen has a record";
    me_ = *me->citizen_id;
    auto others = app::testing::WriteCitizens(s.store(), 1, s.clock().Now());
    ASSERT_TRUE(others.ok());
    other_ = others->front();
    auto assessor = s.app().Authenticate(s.Token(Role::kReferrer));
    ASSERT_TRUE(assessor.ok());
    // One registration each, over a year old; their 3-month invitations are written directly so
    // that these tests do not depend on which ids the sample draws.
    auto ids = app::testing::WriteRegistrations(s.store(), assessor->user_id,
                                                {{me_, provider_, Day("2024-01-02"), false},
                                                 {other_, provider_, Day("2024-01-02"), false}});
    ASSERT_TRUE(ids.ok()) << ids.status().ToString();
    const Status invited = s.store().Write([&](store::Transaction& transaction) -> Status {
      store::SurveyTable table(transaction.connection());
      store::SurveyInvitationRecord invitation;
      invitation.registration_id = (*ids)[0];
      invitation.citizen = me_;
      invitation.provider = provider_;
      invitation.wave_months = 3;
      invitation.invited_on = Day("2024-04-02");
      PSL_ASSIGN_OR_RETURN(auto mine, table.Invite(invitation));
      invitation.registration_id = (*ids)[1];
      invitation.citizen = other_;
      PSL_ASSIGN_OR_RETURN(auto theirs, table.Invite(invitation));
      mine_ = mine.value_or(0);
      theirs_ = theirs.value_or(0);
      return Status::Ok();
    });
    ASSERT_TRUE(invited.ok()) << invited.ToString();
    registrations_ = *ids;
    // Log every role in now: a login is audited, and the tests compare the audit log.
    for (Role role : access::kAllRoles) {
      if (role != Role::kPublic) {
        ASSERT_FALSE(s.Token(role).empty());
      }
    }
  }

  static std::string AnswerPath(std::int64_t id) {
    return "/api/v1/surveys/" + std::to_string(id) + "/answer";
  }

  static std::optional<std::string> StoredAnswer(std::int64_t id) {
    std::optional<std::string> answer;
    EXPECT_TRUE(server()
                    .store()
                    .Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(auto invitation,
                                           store::SurveyTable(transaction.connection()).Get(id));
                      if (invitation) answer = invitation->answer;
                      return Status::Ok();
                    })
                    .ok());
    return answer;
  }

  static ProviderId provider_;
  static CitizenId me_;
  static CitizenId other_;
  static std::int64_t mine_;
  static std::int64_t theirs_;
  static std::vector<std::int64_t> registrations_;
};

ProviderId SurveysApiTest::provider_;
CitizenId SurveysApiTest::me_;
CitizenId SurveysApiTest::other_;
std::int64_t SurveysApiTest::mine_ = 0;
std::int64_t SurveysApiTest::theirs_ = 0;
std::vector<std::int64_t> SurveysApiTest::registrations_;

TEST_F(SurveysApiTest, OnlyTheRegulatorRunsTheJobAndBadDatesAreRefusedWritingNothing) {
  const auto before = server().Snapshot();
  EXPECT_TRUE(IsError(server().Post("/api/v1/jobs/surveys", R"({"date":"2025-01-06"})"), 401));
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kCitizen, "POST", "/api/v1/jobs/surveys", R"({"date":"2025-01-06"})"),
      403));
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kProvider, "POST", "/api/v1/jobs/surveys", R"({"date":"2025-01-06"})"),
      403));
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {"{}", "date"},
           {R"({"date":"2025-02-30"})", "date"},
           {R"({"date":20250106})", "date"},
           {R"({"date":"2025-01-06","wave":3})", "wave"},
           {R"({"date":"2025-01-07"})", "date"},  // tomorrow
           {"[]", ""},
           {"not json", ""}}) {
    EXPECT_TRUE(IsError(server().SendAs(Role::kRegulator, "POST", "/api/v1/jobs/surveys", body),
                        400, field))
        << body;
  }
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(SurveysApiTest, TheJobReportsWhatItConsideredAndInvited) {
  const Reply first =
      server().SendAs(Role::kRegulator, "POST", "/api/v1/jobs/surveys", R"({"date":"2025-01-06"})");
  ASSERT_EQ(first.status, 200) << first.Describe();
  // Both registrations reached both waves; the directly written 3-month invitations stand.
  const int sample = 50;
  std::int64_t expected = 0;
  for (auto id : registrations_) {
    expected += payment::InSurveySample(id, 12, sample) ? 1 : 0;
  }
  EXPECT_EQ(first.json, (json{{"considered", 4}, {"invited", expected}}));
  const Reply again =
      server().SendAs(Role::kRegulator, "POST", "/api/v1/jobs/surveys", R"({"date":"2025-01-06"})");
  ASSERT_EQ(again.status, 200) << again.Describe();
  EXPECT_EQ(again.json, (json{{"considered", 0}, {"invited", 0}}));
}

TEST_F(SurveysApiTest, ACitizenSeesOnlyTheirOwnInvitations) {
  const Reply reply = server().SendAs(Role::kCitizen, "GET", "/api/v1/me/surveys");
  ASSERT_EQ(reply.status, 200) << reply.Describe();
  ASSERT_TRUE(reply.json["items"].is_array());
  bool found = false;
  for (const json& item : reply.json["items"]) {
    EXPECT_NE(item["id"], theirs_);
    EXPECT_NE(item["registration_id"], registrations_[1]);
    if (item["id"] == mine_) {
      found = true;
      EXPECT_EQ(item["registration_id"], registrations_[0]);
      EXPECT_EQ(item["provider_id"], provider_.value());
      EXPECT_EQ(item["provider_name"], "Alpha Works");
      EXPECT_EQ(item["end_result"], "individual_prosperity");
      EXPECT_EQ(item["wave_months"], 3);
      EXPECT_EQ(item["invited_on"], "2024-04-02");
      EXPECT_TRUE(item.contains("answer"));
      EXPECT_TRUE(item.contains("answered_on"));
    }
  }
  EXPECT_TRUE(found) << reply.body;
  EXPECT_TRUE(IsError(server().SendAs(Role::kRegulator, "GET", "/api/v1/me/surveys"), 403));
  EXPECT_TRUE(IsError(server().Get("/api/v1/me/surveys"), 401));
  EXPECT_TRUE(
      IsError(server().SendAs(Role::kCitizen, "GET", "/api/v1/me/surveys?all=1"), 400, "all"));
}

TEST_F(SurveysApiTest, AnAnswerIsTheCitizensOwnOnceAndBadAnswersWriteNothing) {
  const auto before = server().Snapshot();
  // Someone else's invitation: not found, not forbidden, and untouched.
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kCitizen, "POST", AnswerPath(theirs_), R"({"answer":"likely"})"), 404));
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kCitizen, "POST", AnswerPath(999'999), R"({"answer":"likely"})"), 404));
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kProvider, "POST", AnswerPath(mine_), R"({"answer":"likely"})"), 403));
  EXPECT_TRUE(IsError(server().Post(AnswerPath(mine_), R"({"answer":"likely"})"), 401));
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"answer":"very_likely"})", "answer"},
           {R"({"answer":"Likely"})", "answer"},
           {R"({"answer":5})", "answer"},
           {"{}", "answer"},
           {R"({"answer":"likely","comment":"great"})", "comment"},
           {"", ""}}) {
    EXPECT_TRUE(
        IsError(server().SendAs(Role::kCitizen, "POST", AnswerPath(mine_), body), 400, field))
        << body;
  }
  EXPECT_TRUE(IsError(server().SendAs(Role::kCitizen, "POST", "/api/v1/surveys/abc/answer",
                                      R"({"answer":"likely"})"),
                      400, "id"));
  EXPECT_EQ(server().Snapshot(), before);
  EXPECT_FALSE(StoredAnswer(mine_).has_value());
  EXPECT_FALSE(StoredAnswer(theirs_).has_value());

  const Reply answered =
      server().SendAs(Role::kCitizen, "POST", AnswerPath(mine_), R"({"answer":"likely"})");
  ASSERT_EQ(answered.status, 200) << answered.Describe();
  EXPECT_EQ(answered.json["id"], mine_);
  EXPECT_EQ(answered.json["answer"], "likely");
  EXPECT_EQ(answered.json["answered_on"], "2025-01-06");
  EXPECT_EQ(StoredAnswer(mine_), std::optional<std::string>("likely"));

  const auto after = server().Snapshot();
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kCitizen, "POST", AnswerPath(mine_), R"({"answer":"unlikely"})"), 409));
  EXPECT_EQ(server().Snapshot(), after);
  EXPECT_EQ(StoredAnswer(mine_), std::optional<std::string>("likely"));

  // The public rates now count it (one valid answer: below the minimum, so national is used).
  const Reply rates = server().Get("/api/v1/satisfaction?from=2025-01-01&to=2025-01-31");
  ASSERT_EQ(rates.status, 200) << rates.Describe();
  EXPECT_EQ(rates.json["from"], "2025-01-01");
  EXPECT_EQ(rates.json["to"], "2025-01-31");
  EXPECT_EQ(rates.json["minimum_answers"], 30);
  EXPECT_EQ(rates.json["national"],
            (json{{"recommending", 1}, {"valid", 1}, {"rate", "1.000000"}}));
  ASSERT_EQ(rates.json["providers"].size(), 1u);
  EXPECT_EQ(rates.json["providers"][0], (json{{"provider_id", provider_.value()},
                                              {"provider_name", "Alpha Works"},
                                              {"recommending", 1},
                                              {"valid", 1},
                                              {"rate", "1.000000"},
                                              {"uses_national", true}}));
}

TEST_F(SurveysApiTest, TheRatesArePublicAndTheirQueryIsStrict) {
  const Reply empty = server().Get("/api/v1/satisfaction?from=2019-01-01&to=2019-12-31");
  ASSERT_EQ(empty.status, 200) << empty.Describe();
  EXPECT_EQ(empty.json["national"], (json{{"recommending", 0}, {"valid", 0}, {"rate", nullptr}}));
  EXPECT_EQ(empty.json["providers"], json::array());
  EXPECT_EQ(
      server()
          .SendAs(Role::kProvider, "GET", "/api/v1/satisfaction?from=2019-01-01&to=2019-12-31")
          .status,
      200);
  EXPECT_TRUE(IsError(server().Get("/api/v1/satisfaction?from=2019-01-01"), 400, "to"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/satisfaction?to=2019-01-01"), 400, "from"));
  EXPECT_TRUE(
      IsError(server().Get("/api/v1/satisfaction?from=2019-13-01&to=2019-12-31"), 400, "from"));
  EXPECT_TRUE(
      IsError(server().Get("/api/v1/satisfaction?from=2019-12-31&to=2019-01-01"), 400, "to"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/satisfaction?from=2019-01-01&to=2019-12-31&provider=1"),
                      400, "provider"));
  EXPECT_TRUE(
      IsError(server().Get("/api/v1/satisfaction?from=2019-01-01&from=2019-02-01&to=2019-12-31"),
              400, "from"));
}

}  // namespace
}  // namespace psl::api::testing
