// Complaints over real HTTP (REG-3, CHO-6; X-1 scopes and audit; X-2 bad input changes
// nothing). The demo data has provider A (user `provider`) and one citizen (user `citizen`);
// the suite adds provider B and a second citizen.
#include <algorithm>
#include <string>
#include <vector>

#include "api_test_support.h"
#include "psl/store/complaint_table.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

constexpr char kProviderBPassword[] = "psl-test-provider-b";
constexpr char kCitizenBPassword[] = "psl-test-citizen-b";

class ComplaintApiTest : public ApiTest {
 protected:
  // Adds provider B and a second citizen once per suite (the first test's SetUp does it).
  static void AddSecondParties() {
    const app::RequestContext regulator{access::Principal::System("complaints test"),
                                        "test:complaints"};
    app::App& app = server().app();
    auto provider = app.CreateProvider(regulator, "Second Provider Ltd");
    ASSERT_TRUE(provider.ok()) << provider.status().ToString();
    auto user = app.CreateUser(
        regulator, {"provider-b", kProviderBPassword, Role::kProvider, *provider, std::nullopt});
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    auto citizen = app.CreateCitizen(regulator);
    ASSERT_TRUE(citizen.ok()) << citizen.status().ToString();
    auto citizen_user = app.CreateUser(
        regulator, {"citizen-b", kCitizenBPassword, Role::kCitizen, std::nullopt, *citizen});
    ASSERT_TRUE(citizen_user.ok()) << citizen_user.status().ToString();
    provider_b_ = provider->value();
  }

  void SetUp() override {
    ApiTest::SetUp();
    if (provider_b_ == 0) {
      ASSERT_NO_FATAL_FAILURE(AddSecondParties());
    }
    const Reply provider = server().Get("/api/v1/me", server().As(Role::kProvider));
    ASSERT_EQ(provider.status, 200) << provider.Describe();
    provider_a_ = provider.json["provider_id"].get<std::int64_t>();
    const Reply citizen = server().Get("/api/v1/me", server().As(Role::kCitizen));
    ASSERT_EQ(citizen.status, 200) << citizen.Describe();
    citizen_a_ = citizen.json["citizen_id"].get<std::int64_t>();
    ASSERT_NE(provider_a_, provider_b_);
  }

  static Credentials Login(const std::string& username, const std::string& password) {
    const Reply reply = server().Login(username, password);
    EXPECT_EQ(reply.status, 201) << reply.Describe();
    return Credentials::Bearer(reply.json.value("token", ""));
  }
  static Credentials ProviderB() { return Login("provider-b", kProviderBPassword); }
  static Credentials CitizenB() { return Login("citizen-b", kCitizenBPassword); }

  static std::int64_t ComplaintCount() {
    std::int64_t count = -1;
    const Status status = server().store().Read([&](store::Transaction& transaction) -> Status {
      store::ComplaintTable table(transaction.connection());
      PSL_ASSIGN_OR_RETURN(count, table.Count());
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return count;
  }

  static json Body(std::int64_t provider, std::string category = "inducements",
                   std::string text = "They offered me a £50 voucher to choose them.") {
    return {{"provider_id", provider}, {"category", category}, {"text", text}};
  }

  // Files as the public (with an email) and returns the new id.
  std::int64_t FileAsPublic(std::int64_t provider, std::string category = "inducements") {
    json body = Body(provider, std::move(category));
    body["contact_email"] = "member.of.public@example.org";
    const Reply reply = server().Post("/api/v1/complaints", body.dump());
    EXPECT_EQ(reply.status, 201) << reply.Describe();
    return reply.json.value("id", std::int64_t{0});
  }

  std::int64_t FileAs(const Credentials& credentials, std::int64_t provider) {
    const Reply reply = server().Post("/api/v1/complaints", Body(provider).dump(), credentials);
    EXPECT_EQ(reply.status, 201) << reply.Describe();
    return reply.json.value("id", std::int64_t{0});
  }

  // The newest audit line, read straight from the store (reading it through the API would log
  // the Regulator in, which writes its own line).
  static json NewestAudit() {
    json line = json::object();
    const Status status = server().store().Read([&](store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(auto newest, transaction.audit().PageNewestFirst(std::nullopt, 1));
      if (newest.empty()) return Status::Ok();
      const audit::AuditEntry& entry = newest.front();
      line = {{"action", entry.action},
              {"target", entry.target},
              {"role", access::RoleName(entry.role)},
              {"request_id", entry.request_id},
              {"detail", json::parse(entry.detail_json, nullptr, false)}};
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return line;
  }

  static std::vector<std::int64_t> ListedIds(const Reply& reply) {
    std::vector<std::int64_t> ids;
    EXPECT_EQ(reply.status, 200) << reply.Describe();
    if (!reply.json.contains("items")) return ids;
    for (const json& item : reply.json["items"]) ids.push_back(item["id"].get<std::int64_t>());
    return ids;
  }

  static bool Contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  static std::string Path(std::int64_t id, std::string_view tail = "") {
    return "/api/v1/complaints/" + std::to_string(id) + std::string(tail);
  }

  static inline std::int64_t provider_b_ = 0;
  std::int64_t provider_a_ = 0;
  std::int64_t citizen_a_ = 0;
};

TEST_F(ComplaintApiTest, ThePublicFilesWithAContactEmailAndTheLineIsAudited) {
  const std::int64_t before = ComplaintCount();
  json body = Body(provider_a_);
  body["contact_email"] = "jo.bloggs@example.org";
  const Reply reply = server().Post("/api/v1/complaints", body.dump());
  ASSERT_EQ(reply.status, 201) << reply.Describe();
  EXPECT_EQ(ComplaintCount(), before + 1);
  const json& complaint = reply.json;
  EXPECT_EQ(complaint["provider_id"], provider_a_);
  EXPECT_EQ(complaint["category"], "inducements");
  EXPECT_EQ(complaint["complainant"], "public");
  EXPECT_EQ(complaint["contact_email"], "jo.bloggs@example.org");
  EXPECT_EQ(complaint["status"], "open");
  EXPECT_EQ(complaint["overdue"], false);
  EXPECT_TRUE(complaint["citizen_id"].is_null());
  EXPECT_TRUE(complaint["response"].is_null());
  EXPECT_TRUE(complaint["outcome"].is_null());
  // REG-3 deadline: the filing date plus 20 days.
  const Date today = server().clock().Now().UtcDate();
  EXPECT_EQ(complaint["response_due"], today.AddDays(20).ToString());

  const json audit = NewestAudit();
  EXPECT_EQ(audit["action"], "complaint.create");
  EXPECT_EQ(audit["target"], "complaint:" + std::to_string(complaint["id"].get<std::int64_t>()));
  EXPECT_EQ(audit["role"], "public");
  EXPECT_EQ(audit["detail"]["provider_id"], provider_a_);
  EXPECT_EQ(audit["detail"]["category"], "inducements");
  // Personal data stays out of the audit log.
  const std::string detail = audit["detail"].dump();
  EXPECT_EQ(detail.find("jo.bloggs"), std::string::npos);
  EXPECT_EQ(detail.find("voucher"), std::string::npos);
}

TEST_F(ComplaintApiTest, ACitizenFilesAndSeesOnlyTheirOwn) {
  const std::int64_t before = ComplaintCount();
  const std::int64_t mine = FileAs(server().As(Role::kCitizen), provider_a_);
  ASSERT_GT(mine, 0);
  EXPECT_EQ(ComplaintCount(), before + 1);
  const Credentials citizen_b = CitizenB();
  const std::int64_t theirs = FileAs(citizen_b, provider_b_);
  const std::int64_t anonymous = FileAsPublic(provider_a_);

  const Reply read = server().Get(Path(mine), server().As(Role::kCitizen));
  ASSERT_EQ(read.status, 200) << read.Describe();
  EXPECT_EQ(read.json["complainant"], "citizen");
  EXPECT_EQ(read.json["citizen_id"], citizen_a_);
  EXPECT_TRUE(read.json["contact_email"].is_null());
  EXPECT_EQ(NewestAudit()["action"], "complaint.create");

  const auto ids = ListedIds(server().Get("/api/v1/complaints", server().As(Role::kCitizen)));
  EXPECT_TRUE(Contains(ids, mine));
  EXPECT_FALSE(Contains(ids, theirs));
  EXPECT_FALSE(Contains(ids, anonymous));
  const Reply all = server().Get("/api/v1/complaints", server().As(Role::kCitizen));
  for (const json& item : all.json["items"]) EXPECT_EQ(item["citizen_id"], citizen_a_);

  // Another citizen's complaint, and the public's, do not exist for this citizen.
  EXPECT_TRUE(IsError(server().Get(Path(theirs), server().As(Role::kCitizen)), 404, "id"));
  EXPECT_TRUE(IsError(server().Get(Path(anonymous), server().As(Role::kCitizen)), 404, "id"));
  EXPECT_TRUE(IsError(server().Get(Path(mine), citizen_b), 404, "id"));
  const auto ids_b = ListedIds(server().Get("/api/v1/complaints", citizen_b));
  EXPECT_TRUE(Contains(ids_b, theirs));
  EXPECT_FALSE(Contains(ids_b, mine));
}

TEST_F(ComplaintApiTest, AProviderSeesOnlyComplaintsAboutItself) {
  const std::int64_t about_a = FileAs(server().As(Role::kCitizen), provider_a_);
  const std::int64_t about_b = FileAsPublic(provider_b_);
  const Credentials provider_b = ProviderB();

  const Reply list_a = server().Get("/api/v1/complaints?limit=500", server().As(Role::kProvider));
  const auto ids_a = ListedIds(list_a);
  EXPECT_TRUE(Contains(ids_a, about_a));
  EXPECT_FALSE(Contains(ids_a, about_b));
  for (const json& item : list_a.json["items"]) EXPECT_EQ(item["provider_id"], provider_a_);

  // B's complaint is not found for A, exactly like one that does not exist.
  const Reply other = server().Get(Path(about_b), server().As(Role::kProvider));
  EXPECT_TRUE(IsError(other, 404, "id"));
  const Reply missing = server().Get(Path(999'999), server().As(Role::kProvider));
  EXPECT_TRUE(IsError(missing, 404, "id"));
  EXPECT_EQ(other.json["error"]["message"], missing.json["error"]["message"]);
  // Asking for B's complaints by filter is refused.
  EXPECT_TRUE(IsError(server().Get("/api/v1/complaints?provider_id=" + std::to_string(provider_b_),
                                   server().As(Role::kProvider)),
                      403, "provider_id"));

  // A reads its own: the text, but not which citizen record or user filed it.
  const Reply own = server().Get(Path(about_a), server().As(Role::kProvider));
  ASSERT_EQ(own.status, 200) << own.Describe();
  EXPECT_EQ(own.json["complainant"], "citizen");
  EXPECT_FALSE(own.json["text"].get<std::string>().empty());
  EXPECT_TRUE(own.json["citizen_id"].is_null());
  EXPECT_TRUE(own.json["filed_by_user_id"].is_null());

  const auto ids_b = ListedIds(server().Get("/api/v1/complaints", provider_b));
  EXPECT_TRUE(Contains(ids_b, about_b));
  EXPECT_FALSE(Contains(ids_b, about_a));
  EXPECT_TRUE(IsError(server().Get(Path(about_a), provider_b), 404, "id"));
  const Reply public_one = server().Get(Path(about_b), provider_b);
  ASSERT_EQ(public_one.status, 200) << public_one.Describe();
  EXPECT_EQ(public_one.json["contact_email"], "member.of.public@example.org");

  // The Regulator sees everything, including who filed.
  const Reply regulator = server().Get(Path(about_a), server().As(Role::kRegulator));
  ASSERT_EQ(regulator.status, 200) << regulator.Describe();
  EXPECT_EQ(regulator.json["citizen_id"], citizen_a_);
}

TEST_F(ComplaintApiTest, TheProviderRespondsOnceAndOnlyToItsOwn) {
  const std::int64_t about_a = FileAsPublic(provider_a_);
  const std::int64_t about_b = FileAsPublic(provider_b_);

  // Not A's: not found, nothing written.
  WriteSnapshot before = server().Snapshot();
  EXPECT_TRUE(IsError(server().Post(Path(about_b, "/response"), R"({"response":"Not ours."})",
                                    server().As(Role::kProvider)),
                      404, "id"));
  EXPECT_EQ(server().Snapshot(), before);

  const Reply responded = server().Post(Path(about_a, "/response"),
                                        R"({"response":"We have retrained the staff member."})",
                                        server().As(Role::kProvider));
  ASSERT_EQ(responded.status, 200) << responded.Describe();
  EXPECT_EQ(responded.json["status"], "responded");
  EXPECT_EQ(responded.json["response"], "We have retrained the staff member.");
  EXPECT_FALSE(responded.json["responded_at"].is_null());
  const json audit = NewestAudit();
  EXPECT_EQ(audit["action"], "complaint.respond");
  EXPECT_EQ(audit["target"], "complaint:" + std::to_string(about_a));
  EXPECT_EQ(audit["role"], "provider");

  before = server().Snapshot();
  const Reply again = server().Post(Path(about_a, "/response"), R"({"response":"More."})",
                                    server().As(Role::kProvider));
  EXPECT_TRUE(IsError(again, 422));
  EXPECT_EQ(server().Snapshot(), before);
  const Reply read = server().Get(Path(about_a), server().As(Role::kRegulator));
  EXPECT_EQ(read.json["response"], "We have retrained the staff member.");
}

TEST_F(ComplaintApiTest, TheRegulatorClosesOnceWithAnOutcome) {
  const std::int64_t responded = FileAsPublic(provider_a_);
  ASSERT_EQ(server()
                .Post(Path(responded, "/response"), R"({"response":"Sorry."})",
                      server().As(Role::kProvider))
                .status,
            200);
  const Reply closed = server().Post(
      Path(responded, "/closure"),
      R"({"outcome":"upheld","reasons":"The provider offered an inducement (CHO-6)."})",
      server().As(Role::kRegulator));
  ASSERT_EQ(closed.status, 200) << closed.Describe();
  EXPECT_EQ(closed.json["status"], "closed");
  EXPECT_EQ(closed.json["outcome"], "upheld");
  EXPECT_EQ(closed.json["outcome_reasons"], "The provider offered an inducement (CHO-6).");
  EXPECT_EQ(closed.json["response"], "Sorry.");
  EXPECT_FALSE(closed.json["closed_by_user_id"].is_null());
  const json audit = NewestAudit();
  EXPECT_EQ(audit["action"], "complaint.close");
  EXPECT_EQ(audit["target"], "complaint:" + std::to_string(responded));
  EXPECT_EQ(audit["detail"]["outcome"], "upheld");

  // A second close is refused and changes nothing.
  WriteSnapshot before = server().Snapshot();
  const Reply again =
      server().Post(Path(responded, "/closure"), R"({"outcome":"not_upheld","reasons":"Oops."})",
                    server().As(Role::kRegulator));
  EXPECT_TRUE(IsError(again, 422, "status"));
  EXPECT_EQ(server().Snapshot(), before);
  EXPECT_EQ(server().Get(Path(responded), server().As(Role::kRegulator)).json["outcome"], "upheld");

  // A response after closing is refused too.
  EXPECT_TRUE(IsError(server().Post(Path(responded, "/response"), R"({"response":"Late."})",
                                    server().As(Role::kProvider)),
                      422, "status"));
  EXPECT_EQ(server().Snapshot(), before);

  // open -> closed directly.
  const std::int64_t open = FileAsPublic(provider_b_);
  const Reply withdrawn = server().Post(
      Path(open, "/closure"), R"({"outcome":"withdrawn","reasons":"The complainant withdrew."})",
      server().As(Role::kRegulator));
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.Describe();
  EXPECT_EQ(withdrawn.json["outcome"], "withdrawn");
  EXPECT_TRUE(withdrawn.json["response"].is_null());

  // The citizen who filed sees the outcome, without staff user ids.
  const std::int64_t citizens = FileAs(server().As(Role::kCitizen), provider_a_);
  ASSERT_EQ(
      server()
          .Post(Path(citizens, "/closure"), R"({"outcome":"partly_upheld","reasons":"Partly."})",
                server().As(Role::kRegulator))
          .status,
      200);
  const Reply seen = server().Get(Path(citizens), server().As(Role::kCitizen));
  ASSERT_EQ(seen.status, 200) << seen.Describe();
  EXPECT_EQ(seen.json["outcome"], "partly_upheld");
  EXPECT_TRUE(seen.json["closed_by_user_id"].is_null());
}

TEST_F(ComplaintApiTest, TheRegulatorListsAllWithFilters) {
  const std::int64_t safeguarding = FileAsPublic(provider_b_, "safeguarding");
  const std::int64_t marketing = FileAsPublic(provider_a_, "misleading_marketing");
  const Credentials regulator = server().As(Role::kRegulator);

  const auto all = ListedIds(server().Get("/api/v1/complaints?limit=500", regulator));
  EXPECT_TRUE(Contains(all, safeguarding));
  EXPECT_TRUE(Contains(all, marketing));

  const Reply by_category =
      server().Get("/api/v1/complaints?category=safeguarding&limit=500", regulator);
  EXPECT_TRUE(Contains(ListedIds(by_category), safeguarding));
  EXPECT_FALSE(Contains(ListedIds(by_category), marketing));
  for (const json& item : by_category.json["items"]) EXPECT_EQ(item["category"], "safeguarding");

  const Reply by_provider = server().Get(
      "/api/v1/complaints?limit=500&provider_id=" + std::to_string(provider_b_), regulator);
  EXPECT_TRUE(Contains(ListedIds(by_provider), safeguarding));
  EXPECT_FALSE(Contains(ListedIds(by_provider), marketing));

  const Reply open = server().Get("/api/v1/complaints?status=open&limit=500", regulator);
  for (const json& item : open.json["items"]) EXPECT_EQ(item["status"], "open");
  EXPECT_TRUE(Contains(ListedIds(open), marketing));

  // Paging: newest first, next_before continues.
  const Reply first = server().Get("/api/v1/complaints?limit=1", regulator);
  ASSERT_EQ(first.json["items"].size(), 1u);
  ASSERT_FALSE(first.json["next_before"].is_null());
  const Reply second =
      server().Get("/api/v1/complaints?limit=1&before=" +
                       std::to_string(first.json["next_before"].get<std::int64_t>()),
                   regulator);
  ASSERT_EQ(second.json["items"].size(), 1u);
  EXPECT_LT(second.json["items"][0]["id"].get<std::int64_t>(),
            first.json["items"][0]["id"].get<std::int64_t>());
}

TEST_F(ComplaintApiTest, AnOpenComplaintBecomesOverdueAfterItsDeadline) {
  const std::int64_t late = FileAsPublic(provider_a_);
  const std::int64_t answered = FileAsPublic(provider_a_);
  ASSERT_EQ(server()
                .Post(Path(answered, "/response"), R"({"response":"Answered in time."})",
                      server().As(Role::kProvider))
                .status,
            200);
  const Credentials regulator = server().As(Role::kRegulator);
  EXPECT_FALSE(Contains(
      ListedIds(server().Get("/api/v1/complaints?overdue=true&limit=500", regulator)), late));

  server().clock().Advance(21 * 24 * 3600);                 // past the 20-day deadline
  const Credentials later = server().As(Role::kRegulator);  // a fresh session
  const Reply overdue = server().Get("/api/v1/complaints?overdue=true&limit=500", later);
  EXPECT_TRUE(Contains(ListedIds(overdue), late));
  EXPECT_FALSE(Contains(ListedIds(overdue), answered));
  for (const json& item : overdue.json["items"]) {
    EXPECT_EQ(item["overdue"], true);
    EXPECT_EQ(item["status"], "open");
  }
  const Reply not_overdue = server().Get("/api/v1/complaints?overdue=false&limit=500", later);
  EXPECT_FALSE(Contains(ListedIds(not_overdue), late));
  EXPECT_TRUE(Contains(ListedIds(not_overdue), answered));
  EXPECT_EQ(server().Get(Path(late), later).json["overdue"], true);
}

TEST_F(ComplaintApiTest, TheTextMayBeExactlyFiveThousandCharacters) {
  json body = Body(provider_a_, "other", std::string(5000, 'x'));
  body["contact_email"] = "a@example.org";
  const Reply reply = server().Post("/api/v1/complaints", body.dump());
  EXPECT_EQ(reply.status, 201) << reply.Describe();
}

TEST_F(ComplaintApiTest, BadFilingsAreRefusedNamingTheFieldAndWriteNothing) {
  const auto with_email = [](json body) {
    body["contact_email"] = "someone@example.org";
    return body.dump();
  };
  const json valid = Body(provider_a_);
  json unknown_category = valid;
  unknown_category["category"] = "bribery";
  json empty_text = valid;
  empty_text["text"] = "";
  json blank_text = valid;
  blank_text["text"] = "   ";
  json long_text = valid;
  long_text["text"] = std::string(5001, 'x');
  json extra = valid;
  extra["priority"] = "high";
  json provider_as_text = valid;
  provider_as_text["provider_id"] = std::to_string(provider_a_);
  json provider_fraction = valid;
  provider_fraction["provider_id"] = 1.5;
  json text_as_number = valid;
  text_as_number["text"] = 42;
  json category_null = valid;
  category_null["category"] = nullptr;
  json no_provider = valid;
  no_provider.erase("provider_id");
  json provider_zero = valid;
  provider_zero["provider_id"] = 0;
  json bad_email = valid;
  bad_email["contact_email"] = "not-an-email";
  json email_as_number = valid;
  email_as_number["contact_email"] = 7;
  json unknown_provider = valid;
  unknown_provider["provider_id"] = 999'999;

  struct Case {
    std::string name;
    std::string body;
    int status;
    std::string field;  // "" = null
  };
  const std::vector<Case> cases = {
      {"unknown category", with_email(unknown_category), 400, "category"},
      {"empty text", with_email(empty_text), 400, "text"},
      {"blank text", with_email(blank_text), 400, "text"},
      {"text too long", with_email(long_text), 400, "text"},
      {"unknown field", with_email(extra), 400, "priority"},
      {"provider id as text", with_email(provider_as_text), 400, "provider_id"},
      {"provider id with a fraction", with_email(provider_fraction), 400, "provider_id"},
      {"text as a number", with_email(text_as_number), 400, "text"},
      {"category null", with_email(category_null), 400, "category"},
      {"no provider", with_email(no_provider), 400, "provider_id"},
      {"provider zero", with_email(provider_zero), 400, "provider_id"},
      {"bad email", bad_email.dump(), 400, "contact_email"},
      {"email as a number", email_as_number.dump(), 400, "contact_email"},
      {"public without an email", valid.dump(), 400, "contact_email"},
      {"unknown provider", with_email(unknown_provider), 404, "provider_id"},
      {"not JSON", "{\"provider_id\":", 400, ""},
      {"an array", "[]", 400, ""},
      {"empty object", "{}", 400, "provider_id"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    const std::int64_t count = ComplaintCount();
    const WriteSnapshot before = server().Snapshot();
    EXPECT_TRUE(IsError(server().Post("/api/v1/complaints", test.body), test.status, test.field));
    // A citizen gets the same answers (except the email, which is optional for them).
    if (test.name != "public without an email") {
      EXPECT_TRUE(
          IsError(server().Post("/api/v1/complaints", test.body, server().As(Role::kCitizen)),
                  test.status, test.field));
    }
    EXPECT_EQ(ComplaintCount(), count);
    EXPECT_EQ(server().Snapshot(), before);
  }
}

TEST_F(ComplaintApiTest, BadResponsesClosuresAndQueriesAreRefusedNamingTheField) {
  const std::int64_t id = FileAsPublic(provider_a_);
  const Credentials provider = server().As(Role::kProvider);
  const Credentials regulator = server().As(Role::kRegulator);
  struct Case {
    std::string name;
    std::string method;
    std::string target;
    std::string body;
    Credentials who;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"no response", "POST", Path(id, "/response"), "{}", provider, 400, "response"},
      {"empty response", "POST", Path(id, "/response"), R"({"response":""})", provider, 400,
       "response"},
      {"response as a number", "POST", Path(id, "/response"), R"({"response":5})", provider, 400,
       "response"},
      {"response too long", "POST", Path(id, "/response"),
       json{{"response", std::string(5001, 'r')}}.dump(), provider, 400, "response"},
      {"unknown response field", "POST", Path(id, "/response"), R"({"response":"x","by":"me"})",
       provider, 400, "by"},
      {"bad path id", "POST", "/api/v1/complaints/abc/response", R"({"response":"x"})", provider,
       400, "id"},
      {"unknown outcome", "POST", Path(id, "/closure"), R"({"outcome":"maybe","reasons":"x"})",
       regulator, 400, "outcome"},
      {"no reasons", "POST", Path(id, "/closure"), R"({"outcome":"upheld"})", regulator, 400,
       "reasons"},
      {"blank reasons", "POST", Path(id, "/closure"), R"({"outcome":"upheld","reasons":" "})",
       regulator, 400, "reasons"},
      {"outcome as a list", "POST", Path(id, "/closure"), R"({"outcome":["upheld"],"reasons":"x"})",
       regulator, 400, "outcome"},
      {"unknown closure field", "POST", Path(id, "/closure"),
       R"({"outcome":"upheld","reasons":"x","fine":100})", regulator, 400, "fine"},
      {"closing a missing complaint", "POST", Path(999'999, "/closure"),
       R"({"outcome":"upheld","reasons":"x"})", regulator, 404, "id"},
      {"limit 0", "GET", "/api/v1/complaints?limit=0", "", regulator, 400, "limit"},
      {"limit 501", "GET", "/api/v1/complaints?limit=501", "", regulator, 400, "limit"},
      {"unknown status", "GET", "/api/v1/complaints?status=pending", "", regulator, 400, "status"},
      {"unknown category", "GET", "/api/v1/complaints?category=x", "", regulator, 400, "category"},
      {"overdue not a flag", "GET", "/api/v1/complaints?overdue=yes", "", regulator, 400,
       "overdue"},
      {"provider id not a number", "GET", "/api/v1/complaints?provider_id=a", "", regulator, 400,
       "provider_id"},
      {"unknown parameter", "GET", "/api/v1/complaints?sort=asc", "", regulator, 400, "sort"},
      {"repeated parameter", "GET", "/api/v1/complaints?limit=1&limit=2", "", regulator, 400,
       "limit"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    const std::int64_t count = ComplaintCount();
    const WriteSnapshot before = server().Snapshot();
    EXPECT_TRUE(IsError(server().Send(test.method, test.target, test.body, test.who), test.status,
                        test.field));
    EXPECT_EQ(ComplaintCount(), count);
    EXPECT_EQ(server().Snapshot(), before);
  }
  EXPECT_EQ(server().Get(Path(id), regulator).json["status"], "open");
}

TEST_F(ComplaintApiTest, RolesOutsideTheTableAreRefused) {
  const std::int64_t id = FileAsPublic(provider_a_);
  const std::string body = Body(provider_a_).dump();
  EXPECT_TRUE(
      IsError(server().Post("/api/v1/complaints", body, server().As(Role::kRegulator)), 403));
  EXPECT_TRUE(
      IsError(server().Post("/api/v1/complaints", body, server().As(Role::kProvider)), 403));
  EXPECT_TRUE(IsError(server().Get("/api/v1/complaints", server().As(Role::kInspector)), 403));
  EXPECT_TRUE(IsError(server().Get("/api/v1/complaints"), 401));
  EXPECT_TRUE(IsError(server().Get(Path(id)), 401));
  EXPECT_TRUE(IsError(server().Get(Path(id), server().As(Role::kReferrer)), 403));
  EXPECT_TRUE(IsError(
      server().Post(Path(id, "/response"), R"({"response":"x"})", server().As(Role::kRegulator)),
      403));
  EXPECT_TRUE(IsError(server().Post(Path(id, "/closure"), R"({"outcome":"upheld","reasons":"x"})",
                                    server().As(Role::kProvider)),
                      403));
}

}  // namespace
}  // namespace psl::api::testing
