// Mystery shopping (REG-2) through real HTTP: inspectors record and edit drafts, the Regulator
// publishes, anyone reads what is published, drafts stay hidden, bad input changes nothing, and
// every change leaves its audit line.
#include "api_test_support.h"
#include "psl/store/inspection_table.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

json CompleteVisit(std::int64_t provider_id) {
  return {{"provider_id", provider_id},
          {"visit_date", "2025-01-03"},
          {"scores",
           {{"courtesy", 4},
            {"accessibility", 4},
            {"accuracy_of_information", 3},
            {"safeguarding", 5},
            {"inducements_offered", false},
            {"marketing_within_guidelines", true}}},
          {"finding", "Friendly reception; the leaflet overstated job outcomes."},
          {"malpractice", false}};
}

struct RowCounts {
  std::int64_t inspections = 0;
  std::int64_t scores = 0;
  friend bool operator==(const RowCounts&, const RowCounts&) = default;
};

class InspectionApiTest : public ApiTest {
 protected:
  std::int64_t DemoProviderId() {
    const Reply me = server().SendAs(Role::kProvider, "GET", "/api/v1/me");
    EXPECT_EQ(me.status, 200) << me.Describe();
    return me.json.value("provider_id", std::int64_t{0});
  }

  // A second inspector, created once per server, logged in.
  Credentials OtherInspector() {
    const app::RequestContext context{access::Principal::System("test"), "test"};
    app::NewUser user{"inspector2", "psl-test-inspector2", Role::kInspector, {}, {}};
    auto created = server().app().CreateUser(context, user);
    EXPECT_TRUE(created.ok() || created.status().code() == ErrorCode::kAlreadyExists)
        << created.status().ToString();
    const Reply login = server().Login("inspector2", "psl-test-inspector2");
    EXPECT_EQ(login.status, 201) << login.Describe();
    return Credentials::Bearer(login.json.value("token", ""));
  }

  RowCounts Counts() {
    RowCounts counts;
    const Status status = server().store().Read([&](store::Transaction& transaction) -> Status {
      store::InspectionTable table(transaction.connection());
      PSL_ASSIGN_OR_RETURN(counts.inspections, table.Count());
      PSL_ASSIGN_OR_RETURN(counts.scores, table.CountScores());
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return counts;
  }

  // The newest audit line.
  json NewestAudit() {
    const Reply audit = server().SendAs(Role::kRegulator, "GET", "/api/v1/audit?limit=1");
    EXPECT_EQ(audit.status, 200) << audit.Describe();
    if (!audit.json.contains("items") || audit.json["items"].empty()) return json::object();
    return audit.json["items"][0];
  }

  std::int64_t Record(const json& body) {
    const Reply reply =
        server().SendAs(Role::kInspector, "POST", "/api/v1/inspections", body.dump());
    EXPECT_EQ(reply.status, 201) << reply.Describe();
    return reply.json.value("id", std::int64_t{0});
  }

  // Logs every demo role in first, so that logins do not interleave with the audit lines.
  void LogEveryoneIn() {
    for (Role role : access::kAllRoles) {
      if (role != Role::kPublic) {
        ASSERT_FALSE(server().Token(role).empty());
      }
    }
  }
};

std::string InspectionPath(std::int64_t id) { return "/api/v1/inspections/" + std::to_string(id); }

bool ListHas(const Reply& reply, std::int64_t id) {
  if (!reply.json.contains("items")) return false;
  for (const json& item : reply.json["items"]) {
    if (item.value("id", std::int64_t{0}) == id) return true;
  }
  return false;
}

TEST_F(InspectionApiTest, TheRubricIsPublic) {
  const Reply reply = server().Get("/api/v1/rubric");
  ASSERT_EQ(reply.status, 200) << reply.Describe();
  EXPECT_EQ(reply.json["version"], 1);
  ASSERT_EQ(reply.json["criteria"].size(), 6u);
  EXPECT_EQ(reply.json["criteria"][0]["key"], "courtesy");
  EXPECT_EQ(reply.json["criteria"][0]["kind"], "score");
  EXPECT_TRUE(reply.json["criteria"][0]["adverse_answer"].is_null());
  EXPECT_EQ(reply.json["criteria"][4]["key"], "inducements_offered");
  EXPECT_EQ(reply.json["criteria"][4]["kind"], "flag");
  EXPECT_EQ(reply.json["criteria"][4]["adverse_answer"], true);
}

TEST_F(InspectionApiTest, InspectorRecordsAndEditsRegulatorPublishesPublicReads) {
  LogEveryoneIn();
  const std::int64_t provider = DemoProviderId();
  ASSERT_GT(provider, 0);
  const Credentials other = OtherInspector();

  // Record a draft.
  json visit = CompleteVisit(provider);
  visit["scores"].erase("safeguarding");
  const Reply created =
      server().SendAs(Role::kInspector, "POST", "/api/v1/inspections", visit.dump());
  ASSERT_EQ(created.status, 201) << created.Describe();
  const std::int64_t id = created.json["id"];
  EXPECT_EQ(created.json["status"], "draft");
  EXPECT_EQ(created.json["provider_id"], provider);
  EXPECT_EQ(created.json["rubric_version"], 1);
  EXPECT_EQ(created.json["visit_date"], "2025-01-03");
  EXPECT_EQ(created.json["overall_score"], "3.7");  // 4, 4, 3
  EXPECT_EQ(created.json["overall_score_tenths"], 37);
  EXPECT_EQ(created.json["suspension_suggested"], false);
  EXPECT_TRUE(created.json["published_at"].is_null());
  EXPECT_TRUE(created.json["inspector_id"].is_number()) << "staff see who visited";
  json audit = NewestAudit();
  EXPECT_EQ(audit["action"], "inspection.create");
  EXPECT_EQ(audit["target"], "inspection:" + std::to_string(id));
  EXPECT_EQ(audit["username"], "inspector");

  // Publishing an incomplete draft is refused, and writes nothing.
  RowCounts before = Counts();
  WriteSnapshot snapshot = server().Snapshot();
  Reply refused = server().SendAs(Role::kRegulator, "POST", InspectionPath(id) + "/publish", "{}");
  EXPECT_TRUE(IsError(refused, 422, "scores.safeguarding"));
  EXPECT_EQ(server().Snapshot(), snapshot);

  // The inspector completes it.
  const Reply edited =
      server().SendAs(Role::kInspector, "POST", InspectionPath(id), CompleteVisit(provider).dump());
  ASSERT_EQ(edited.status, 200) << edited.Describe();
  EXPECT_EQ(edited.json["scores"]["safeguarding"], 5);
  EXPECT_EQ(edited.json["overall_score"], "4.0");
  audit = NewestAudit();
  EXPECT_EQ(audit["action"], "inspection.update");
  EXPECT_EQ(audit["target"], "inspection:" + std::to_string(id));
  EXPECT_EQ(Counts().inspections, before.inspections);

  // Another inspector can neither edit nor see it; nothing is written.
  before = Counts();
  snapshot = server().Snapshot();
  json rewrite = CompleteVisit(provider);
  rewrite["finding"] = "rewritten by someone else";
  EXPECT_TRUE(IsError(server().Send("POST", InspectionPath(id), rewrite.dump(), other), 404));
  EXPECT_TRUE(IsError(server().Send("GET", InspectionPath(id), "", other), 404));
  EXPECT_FALSE(ListHas(server().Send("GET", "/api/v1/inspections", "", other), id));
  EXPECT_EQ(Counts(), before);
  EXPECT_EQ(server().Snapshot(), snapshot);

  // The draft is invisible to the provider, the public and everyone but staff: 404, not 403.
  for (Role role :
       {Role::kPublic, Role::kProvider, Role::kCitizen, Role::kGovernment, Role::kReferrer}) {
    const Reply hidden = server().SendAs(role, "GET", InspectionPath(id));
    EXPECT_TRUE(IsError(hidden, 404)) << access::RoleName(role);
  }
  const std::string findings = "/api/v1/providers/" + std::to_string(provider) + "/findings";
  EXPECT_FALSE(ListHas(server().Get(findings), id));
  EXPECT_TRUE(IsError(server().Get(findings + "/latest"), 404));
  EXPECT_FALSE(ListHas(server().Get("/api/v1/findings/latest"), id));

  // Its inspector and the Regulator see it in the drafts.
  EXPECT_TRUE(ListHas(server().SendAs(Role::kInspector, "GET", "/api/v1/inspections"), id));
  EXPECT_TRUE(ListHas(server().SendAs(Role::kRegulator, "GET", "/api/v1/inspections"), id));
  EXPECT_EQ(server().SendAs(Role::kRegulator, "GET", InspectionPath(id)).status, 200);

  // Only the Regulator publishes.
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kInspector, "POST", InspectionPath(id) + "/publish", "{}"), 403));
  const Reply published =
      server().SendAs(Role::kRegulator, "POST", InspectionPath(id) + "/publish", "{}");
  ASSERT_EQ(published.status, 200) << published.Describe();
  EXPECT_EQ(published.json["status"], "published");
  EXPECT_EQ(published.json["published_at"], "2025-01-06T09:00:00Z");
  audit = NewestAudit();
  EXPECT_EQ(audit["action"], "inspection.publish");
  EXPECT_EQ(audit["target"], "inspection:" + std::to_string(id));
  EXPECT_EQ(audit["username"], "regulator");

  // Now anyone reads it, without learning which inspector visited.
  const Reply read = server().Get(InspectionPath(id));
  ASSERT_EQ(read.status, 200) << read.Describe();
  EXPECT_EQ(read.json["finding"], "Friendly reception; the leaflet overstated job outcomes.");
  EXPECT_TRUE(read.json["inspector_id"].is_null());
  EXPECT_TRUE(read.json["published_by"].is_null());
  EXPECT_TRUE(ListHas(server().Get(findings), id));
  const Reply latest = server().Get(findings + "/latest");
  ASSERT_EQ(latest.status, 200) << latest.Describe();
  EXPECT_EQ(latest.json["id"], id);
  EXPECT_TRUE(ListHas(server().Get("/api/v1/findings/latest"), id));
  EXPECT_TRUE(ListHas(server().SendAs(Role::kProvider, "GET", findings), id));
  EXPECT_FALSE(ListHas(server().SendAs(Role::kInspector, "GET", "/api/v1/inspections"), id))
      << "the drafts list no longer holds it";
  EXPECT_TRUE(ListHas(
      server().SendAs(Role::kInspector, "GET", "/api/v1/inspections?status=published"), id));

  // A published finding never changes.
  before = Counts();
  snapshot = server().Snapshot();
  EXPECT_TRUE(IsError(server().SendAs(Role::kInspector, "POST", InspectionPath(id), rewrite.dump()),
                      422, "status"));
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kRegulator, "POST", InspectionPath(id) + "/publish", "{}"), 422));
  EXPECT_EQ(Counts(), before);
  EXPECT_EQ(server().Snapshot(), snapshot);
  EXPECT_EQ(server().Get(InspectionPath(id)).json["finding"],
            "Friendly reception; the leaflet overstated job outcomes.");
}

TEST_F(InspectionApiTest, PublishedMalpracticeSuggestsSuspension) {
  LogEveryoneIn();
  const std::int64_t provider = DemoProviderId();
  json visit = CompleteVisit(provider);
  visit["malpractice"] = true;
  visit["scores"]["inducements_offered"] = true;
  visit["finding"] = "Offered a £50 voucher to sign up today.";
  const std::int64_t id = Record(visit);
  ASSERT_GT(id, 0);
  const Reply draft = server().SendAs(Role::kRegulator, "GET", InspectionPath(id));
  EXPECT_EQ(draft.json["suspension_suggested"], false) << "a draft suggests nothing";
  EXPECT_EQ(draft.json["adverse_flags"], json::array({"inducements_offered"}));

  ASSERT_EQ(server().SendAs(Role::kRegulator, "POST", InspectionPath(id) + "/publish", "").status,
            200)
      << "an empty body publishes too";
  const Reply read = server().Get(InspectionPath(id));
  EXPECT_EQ(read.json["malpractice"], true);
  EXPECT_EQ(read.json["suspension_suggested"], true);
  EXPECT_EQ(read.json["adverse_flags"], json::array({"inducements_offered"}));
  const Reply latest =
      server().Get("/api/v1/providers/" + std::to_string(provider) + "/findings/latest");
  EXPECT_EQ(latest.json["suspension_suggested"], true);
}

TEST_F(InspectionApiTest, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  LogEveryoneIn();
  const std::int64_t provider = DemoProviderId();
  struct Case {
    std::string what;
    std::string body;
    int status;
    std::string field;
  };
  auto with = [&](const char* key, json value) {
    json body = CompleteVisit(provider);
    body[key] = std::move(value);
    return body.dump();
  };
  auto with_score = [&](const char* key, json value) {
    json body = CompleteVisit(provider);
    body["scores"][key] = std::move(value);
    return body.dump();
  };
  json missing = CompleteVisit(provider);
  missing.erase("provider_id");
  const std::vector<Case> cases = {
      {"score above 5", with_score("courtesy", 6), 400, "scores.courtesy"},
      {"score below 1", with_score("safeguarding", 0), 400, "scores.safeguarding"},
      {"huge score", with_score("courtesy", json(18446744073709551615ull)), 400, "scores.courtesy"},
      {"fractional score", with_score("courtesy", 3.5), 400, "scores.courtesy"},
      {"text score", with_score("courtesy", "4"), 400, "scores.courtesy"},
      {"flag as a number", with_score("inducements_offered", 1), 400, "scores.inducements_offered"},
      {"unknown criterion", with_score("tidiness", 3), 400, "scores.tidiness"},
      {"unknown field", with("colour", "blue"), 400, "colour"},
      {"bad date", with("visit_date", "2025-02-30"), 400, "visit_date"},
      {"date with time", with("visit_date", "2025-01-03T10:00"), 400, "visit_date"},
      {"future date", with("visit_date", "2025-01-07"), 400, "visit_date"},
      {"scores not an object", with("scores", json::array()), 400, "scores"},
      {"malpractice as text", with("malpractice", "yes"), 400, "malpractice"},
      {"finding too long", with("finding", std::string(5001, 'x')), 400, "finding"},
      {"missing provider", missing.dump(), 400, "provider_id"},
      {"unknown provider", with("provider_id", 999999), 404, "provider_id"},
      {"not JSON", "{\"provider_id\":", 400, ""},
      {"not an object", "[1,2]", 400, ""},
  };
  const std::int64_t draft = Record(CompleteVisit(provider));
  ASSERT_GT(draft, 0);
  const RowCounts before = Counts();
  const WriteSnapshot snapshot = server().Snapshot();
  for (const Case& test : cases) {
    EXPECT_TRUE(IsError(server().SendAs(Role::kInspector, "POST", "/api/v1/inspections", test.body),
                        test.status, test.field))
        << "create: " << test.what;
    EXPECT_TRUE(IsError(server().SendAs(Role::kInspector, "POST", InspectionPath(draft), test.body),
                        test.status, test.field))
        << "edit: " << test.what;
  }
  // Query strings: page limits 1..500, known statuses, known parameters.
  for (const auto& [target, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/inspections?limit=0", "limit"},
           {"/api/v1/inspections?limit=501", "limit"},
           {"/api/v1/inspections?status=final", "status"},
           {"/api/v1/inspections?colour=blue", "colour"},
           {"/api/v1/inspections?before=x", "before"},
       }) {
    EXPECT_TRUE(IsError(server().SendAs(Role::kRegulator, "GET", target), 400, field)) << target;
  }
  for (const auto& [target, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/providers/" + std::to_string(provider) + "/findings?limit=501", "limit"},
           {"/api/v1/findings/latest?limit=0", "limit"},
           {"/api/v1/findings/latest?after_provider=-1", "after_provider"},
           {"/api/v1/inspections/abc", "id"},
       }) {
    EXPECT_TRUE(IsError(server().Get(target), 400, field)) << target;
  }
  EXPECT_TRUE(IsError(server().Get("/api/v1/providers/999999/findings"), 404, "id"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/inspections/999999"), 404, "id"));
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kRegulator, "POST", InspectionPath(draft) + "/publish", "{\"a\":1}"),
      400, "a"));
  EXPECT_EQ(Counts(), before);
  EXPECT_EQ(server().Snapshot(), snapshot);
  // The valid limits are accepted.
  EXPECT_EQ(server().SendAs(Role::kRegulator, "GET", "/api/v1/inspections?limit=500").status, 200);
  EXPECT_EQ(server().SendAs(Role::kRegulator, "GET", "/api/v1/inspections?limit=1").status, 200);
}

TEST_F(InspectionApiTest, OnlyTheRightRolesMayWrite) {
  LogEveryoneIn();
  const std::string body = CompleteVisit(DemoProviderId()).dump();
  const RowCounts before = Counts();
  for (Role role :
       {Role::kRegulator, Role::kProvider, Role::kCitizen, Role::kGovernment, Role::kReferrer}) {
    EXPECT_TRUE(IsError(server().SendAs(role, "POST", "/api/v1/inspections", body), 403))
        << access::RoleName(role);
    if (role == Role::kRegulator) continue;
    EXPECT_TRUE(IsError(server().SendAs(role, "GET", "/api/v1/inspections"), 403))
        << access::RoleName(role);
  }
  EXPECT_TRUE(IsError(server().Post("/api/v1/inspections", body), 401));
  EXPECT_TRUE(IsError(server().Get("/api/v1/inspections"), 401));
  EXPECT_TRUE(IsError(server().SendAs(Role::kInspector, "POST", "/api/v1/rubric", "{}"), 403));
  EXPECT_EQ(Counts(), before);
}

// Replacing the rubric changes what later visits are scored against; a separate suite (and so
// a separate server) because it changes the current rubric.
class RubricApiTest : public InspectionApiTest {};

TEST_F(RubricApiTest, TheRegulatorReplacesTheRubricAndDraftsKeepTheirVersion) {
  LogEveryoneIn();
  const std::int64_t provider = DemoProviderId();
  const std::int64_t old_draft = Record(CompleteVisit(provider));
  ASSERT_GT(old_draft, 0);

  const json rubric = {{"criteria",
                        {{{"key", "courtesy"}, {"label", "Courtesy"}, {"kind", "score"}},
                         {{"key", "waiting_time"}, {"label", "Waiting time"}, {"kind", "score"}},
                         {{"key", "inducements_offered"},
                          {"label", "Inducements?"},
                          {"kind", "flag"},
                          {"adverse_answer", true}}}}};

  // Bad rubrics are refused naming the field, and nothing is written.
  const WriteSnapshot snapshot = server().Snapshot();
  auto broken = [&](const char* key, json value, std::size_t index = 1) {
    json body = rubric;
    body["criteria"][index][key] = std::move(value);
    return body.dump();
  };
  EXPECT_TRUE(
      IsError(server().SendAs(Role::kRegulator, "POST", "/api/v1/rubric", broken("kind", "scale")),
              400, "criteria[1].kind"));
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kRegulator, "POST", "/api/v1/rubric", broken("key", "Waiting Time")),
      400, "criteria[1].key"));
  EXPECT_TRUE(IsError(
      server().SendAs(Role::kRegulator, "POST", "/api/v1/rubric", broken("key", "courtesy")), 400,
      "criteria[1].key"));
  EXPECT_TRUE(
      IsError(server().SendAs(Role::kRegulator, "POST", "/api/v1/rubric", broken("weight", 2)), 400,
              "criteria[1].weight"));
  EXPECT_TRUE(IsError(server().SendAs(Role::kRegulator, "POST", "/api/v1/rubric",
                                      broken("adverse_answer", nullptr, 2)),
                      400, "criteria[2].adverse_answer"));
  EXPECT_TRUE(
      IsError(server().SendAs(Role::kRegulator, "POST", "/api/v1/rubric", R"({"criteria":[]})"),
              400, "criteria"));
  EXPECT_EQ(server().Snapshot(), snapshot);
  EXPECT_EQ(server().Get("/api/v1/rubric").json["version"], 1);

  const Reply replaced = server().SendAs(Role::kRegulator, "POST", "/api/v1/rubric", rubric.dump());
  ASSERT_EQ(replaced.status, 201) << replaced.Describe();
  EXPECT_EQ(replaced.json["version"], 2);
  const json audit = NewestAudit();
  EXPECT_EQ(audit["action"], "rubric.update");
  EXPECT_EQ(audit["target"], "rubric:2");
  const Reply current = server().Get("/api/v1/rubric");
  EXPECT_EQ(current.json["version"], 2);
  EXPECT_EQ(current.json["criteria"][1]["key"], "waiting_time");

  // New visits are scored against version 2: its criteria, not version 1's.
  json visit = CompleteVisit(provider);
  EXPECT_TRUE(
      IsError(server().SendAs(Role::kInspector, "POST", "/api/v1/inspections", visit.dump()), 400,
              "scores.accessibility"));
  visit["scores"] = {{"courtesy", 5}, {"waiting_time", 2}, {"inducements_offered", false}};
  const Reply created =
      server().SendAs(Role::kInspector, "POST", "/api/v1/inspections", visit.dump());
  ASSERT_EQ(created.status, 201) << created.Describe();
  EXPECT_EQ(created.json["rubric_version"], 2);
  EXPECT_EQ(created.json["overall_score"], "3.5");

  // The old draft keeps version 1, and is edited and published against it.
  const Reply edited = server().SendAs(Role::kInspector, "POST", InspectionPath(old_draft),
                                       CompleteVisit(provider).dump());
  ASSERT_EQ(edited.status, 200) << edited.Describe();
  EXPECT_EQ(edited.json["rubric_version"], 1);
  const Reply published =
      server().SendAs(Role::kRegulator, "POST", InspectionPath(old_draft) + "/publish", "{}");
  ASSERT_EQ(published.status, 200) << published.Describe();
  EXPECT_EQ(published.json["rubric_version"], 1);
}

}  // namespace
}  // namespace psl::api::testing
