// Licensing through real HTTP (LIC-1..8, REG-1, X-5): an organisation registers and applies,
// the fee is charged, the Regulator reviews and grants, the licence shows on the public
// register; suspension and revocation take four eyes; scopes, top-ups, areas and checklists.
#include <gtest/gtest.h>

#include "api_test_support.h"
#include "psl/app/licensing.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

json GoodEvidence() {
  return {{"accountable_officer", "Jo Bloggs, chief executive"},
          {"governance_structure", "Board of five trustees"},
          {"safeguarding_policy", "Safeguarding policy v3, March 2026"},
          {"staff_vetting", "yes"},
          {"data_protection_registration", "ZA123456"},
          {"complaints_procedure", "Complaints procedure, January 2026"},
          {"insurance", "yes"},
          {"latest_accounts", "Year to 31 March 2026, filed at Companies House"},
          {"liquidity_ratio", "1.35"},
          {"insolvency_proceedings", "no"}};
}

class LicensingApiTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    const app::RequestContext system{access::Principal::System("licensing test"), "test"};
    app::Licensing licensing(server().app());
    const Status imported = licensing
                    .ImportAreas(system, {{"E08000003", "Manchester", "North West", 40'037'000, "live"},
                                          {"E06000001", "Hartlepool", "North East", 35'037'000, "live"},
                                          {"E09000007", "Camden", "London", 20'001'000, "live"}});
    ASSERT_TRUE(imported.ok()) << imported.ToString();
    // The demo seed includes regulator2, the second regulator for four-eyes decisions.
  }

  // Registers an organisation with its provider user and returns that user's credentials.
  Credentials NewProvider(const std::string& name, const std::string& username,
                          std::int64_t* provider_id = nullptr) {
    const json body = {{"name", name},           {"legal_form", "charity"},
                       {"size", "small"},        {"sectors", {"employment", "addiction"}},
                       {"areas", {"E08000003"}}, {"username", username},
                       {"password", "a-long-password"}};
    const Reply registered = server().Post("/api/v1/organisations", body.dump());
    EXPECT_EQ(registered.status, 201) << registered.Describe();
    if (provider_id != nullptr) *provider_id = registered.json.value("provider_id", 0);
    const Reply login = server().Login(username, "a-long-password");
    EXPECT_EQ(login.status, 201) << login.Describe();
    return Credentials::Bearer(login.json.value("token", ""));
  }

  Credentials SecondRegulator() {
    const Reply login = server().Login("regulator2", "psl-demo-regulator2");
    EXPECT_EQ(login.status, 201) << login.Describe();
    return Credentials::Bearer(login.json.value("token", ""));
  }

  std::int64_t Apply(const Credentials& provider, const std::string& kind = "general",
                     json evidence = GoodEvidence()) {
    const Reply applied = server().Post("/api/v1/licences",
                                        json{{"kind", kind}, {"evidence", evidence}}.dump(),
                                        provider);
    EXPECT_EQ(applied.status, 201) << applied.Describe();
    return applied.json.value("id", 0);
  }

  Reply Act(const std::string& path, const json& body,
            std::optional<Credentials> as = std::nullopt) {
    return server().Post(path, body.dump(), as ? *as : server().As(Role::kRegulator));
  }

  std::int64_t Granted(const Credentials& provider, const std::string& kind = "general") {
    const std::int64_t id = Apply(provider, kind);
    const std::string path = "/api/v1/licences/" + std::to_string(id);
    EXPECT_EQ(Act(path + "/review", json::object()).status, 200);
    const Reply granted = Act(path + "/decision", {{"decision", "grant"},
                                                   {"reasons", "All competencies evidenced."}});
    EXPECT_EQ(granted.status, 200) << granted.Describe();
    return id;
  }
};

TEST_F(LicensingApiTest, ApplyReviewGrantAndTheRegisterShowsIt) {
  std::int64_t provider_id = 0;
  const Credentials provider = NewProvider("Northern Lights Employment CIC", "northern", &provider_id);
  const WriteSnapshot before = server().Snapshot();
  const std::int64_t id = Apply(provider);
  // LIC-3: the £250 fee is charged through the ledger with the application.
  const WriteSnapshot after = server().Snapshot();
  EXPECT_EQ(after.postings, before.postings + 1);
  const Reply licence = server().Get("/api/v1/licences/" + std::to_string(id), provider);
  ASSERT_EQ(licence.status, 200) << licence.Describe();
  EXPECT_EQ(licence.json["status"], "applied");
  EXPECT_EQ(licence.json["checklist_version"], 1);
  ASSERT_TRUE(licence.json["fee_posting_id"].is_number());
  const Reply fee = server().Get(
      "/api/v1/ledger/postings/" + std::to_string(licence.json["fee_posting_id"].get<int>()),
      server().As(Role::kRegulator));
  ASSERT_EQ(fee.status, 200) << fee.Describe();
  EXPECT_EQ(fee.json["lines"][0]["account"], "provider_receivable:" + std::to_string(provider_id));
  EXPECT_EQ(fee.json["lines"][0]["amount_pence"], 25'000);
  EXPECT_EQ(fee.json["lines"][1]["account"], "fee_income");

  // Not on the public register while it is only an application.
  EXPECT_EQ(server().Get("/api/v1/register/" + std::to_string(id)).status, 404);
  EXPECT_EQ(server().Get("/api/v1/register?name=northern%20lights").json["items"].size(), 0u);

  const std::string path = "/api/v1/licences/" + std::to_string(id);
  EXPECT_EQ(Act(path + "/review", json::object()).json["status"], "under_review");
  const Reply granted = Act(path + "/decision", {{"decision", "grant"},
                                                 {"reasons", "All competencies evidenced."}});
  ASSERT_EQ(granted.status, 200) << granted.Describe();
  EXPECT_EQ(granted.json["status"], "granted");
  EXPECT_EQ(granted.json["granted_on"], "2025-01-06");  // the test clock's date

  const Reply search = server().Get("/api/v1/register?name=northern%20lights");
  ASSERT_EQ(search.status, 200) << search.Describe();
  ASSERT_EQ(search.json["items"].size(), 1u);
  EXPECT_EQ(search.json["items"][0]["status"], "granted");
  EXPECT_EQ(search.json["items"][0]["provider_name"], "Northern Lights Employment CIC");
  const Reply entry = server().Get("/api/v1/register/" + std::to_string(id));
  ASSERT_EQ(entry.status, 200);
  EXPECT_FALSE(entry.json.contains("evidence"));  // the public sees decisions, not evidence
  EXPECT_EQ(entry.json["provider"]["legal_form"], "charity");
  const json& decisions = entry.json["decisions"];
  ASSERT_EQ(decisions.size(), 3u);  // submitted, under review, granted
  EXPECT_EQ(decisions[2]["to"], "granted");
  EXPECT_EQ(decisions[2]["reasons"], "All competencies evidenced.");
  EXPECT_EQ(decisions[2]["decided_by"], "regulator");
  // Name search matches word prefixes in any case and order, and every word must match.
  EXPECT_EQ(server().Get("/api/v1/register?name=LIGHTS%20north").json["items"].size(), 1u);
  EXPECT_EQ(server().Get("/api/v1/register?name=north%20lightz").json["items"].size(), 0u);
  EXPECT_EQ(server().Get("/api/v1/register?name=cic%20employ").json["items"].size(), 1u);
  // Search by sector and area (LIC-8).
  EXPECT_GE(server().Get("/api/v1/register?sector=addiction&area=E08000003").json["items"].size(),
            1u);
  EXPECT_EQ(server().Get("/api/v1/register?name=northern&area=E09000007").json["items"].size(), 0u);
}

TEST_F(LicensingApiTest, SuspensionAndRevocationNeedASecondRegulator) {
  const Credentials provider = NewProvider("Rapid Results Ltd", "rapid");
  const std::int64_t id = Granted(provider);
  const std::string path = "/api/v1/licences/" + std::to_string(id);
  const Reply proposed = Act(path + "/proposal", {{"action", "suspend"},
                                                  {"grounds", "malpractice"},
                                                  {"reasons", "Inducements found by inspection."}});
  ASSERT_EQ(proposed.status, 201) << proposed.Describe();
  EXPECT_EQ(proposed.json["status"], "granted");  // nothing happens until confirmed
  EXPECT_EQ(proposed.json["open_proposal"]["proposed_by"], "regulator");
  // A second proposal while one is open is refused.
  EXPECT_TRUE(IsError(Act(path + "/proposal", {{"action", "suspend"},
                                                {"grounds", "malpractice"},
                                                {"reasons", "Again."}}),
                      409));
  // Four eyes: the proposer cannot confirm.
  const Reply self = Act(path + "/proposal/confirmation", json::object());
  EXPECT_TRUE(IsError(self, 422)) << self.Describe();
  EXPECT_EQ(server().Get(path, server().As(Role::kRegulator)).json["status"], "granted");

  const Credentials second = SecondRegulator();
  const Reply confirmed = Act(path + "/proposal/confirmation", json::object(), second);
  ASSERT_EQ(confirmed.status, 200) << confirmed.Describe();
  EXPECT_EQ(confirmed.json["status"], "suspended");
  EXPECT_TRUE(confirmed.json["open_proposal"].is_null());

  // Revocation, proposed by the second regulator and confirmed by the first.
  ASSERT_EQ(Act(path + "/proposal", {{"action", "revoke"},
                                     {"grounds", "malpractice"},
                                     {"reasons", "No improvement after suspension."}},
                second)
                .status,
            201);
  const Reply revoked = Act(path + "/proposal/confirmation", json::object());
  ASSERT_EQ(revoked.status, 200) << revoked.Describe();
  EXPECT_EQ(revoked.json["status"], "revoked");
  const Reply entry = server().Get("/api/v1/register/" + std::to_string(id));
  ASSERT_EQ(entry.status, 200);
  EXPECT_EQ(entry.json["status"], "revoked");
  const json& last = entry.json["decisions"].back();
  EXPECT_EQ(last["to"], "revoked");
  EXPECT_EQ(last["grounds"], "malpractice");
  EXPECT_EQ(last["proposed_by"], "regulator2");
  EXPECT_EQ(last["decided_by"], "regulator");
  // A revoked licence goes nowhere; the provider may apply again.
  EXPECT_TRUE(IsError(Act(path + "/reinstatement", {{"reasons", "Please"}}), 422));
}

TEST_F(LicensingApiTest, WithdrawAndReinstate) {
  const std::int64_t id = Granted(NewProvider("Second Chances Trust", "chances"));
  const std::string path = "/api/v1/licences/" + std::to_string(id);
  ASSERT_EQ(Act(path + "/proposal", {{"action", "suspend"},
                                     {"grounds", "poor_customer_experience"},
                                     {"reasons", "Satisfaction far below peers."}})
                .status,
            201);
  EXPECT_EQ(Act(path + "/proposal/withdrawal", json::object()).status, 200);
  EXPECT_TRUE(IsError(Act(path + "/proposal/confirmation", json::object(), SecondRegulator()),
                      422));
  // Suspend properly, then reinstate with reasons.
  ASSERT_EQ(Act(path + "/proposal", {{"action", "suspend"},
                                     {"grounds", "underperformance"},
                                     {"reasons", "Outcomes far below expected."}})
                .status,
            201);
  ASSERT_EQ(Act(path + "/proposal/confirmation", json::object(), SecondRegulator()).status, 200);
  const Reply reinstated = Act(path + "/reinstatement", {{"reasons", "Improvement plan met."}});
  ASSERT_EQ(reinstated.status, 200) << reinstated.Describe();
  EXPECT_EQ(reinstated.json["status"], "granted");
}

TEST_F(LicensingApiTest, FailingEvidenceCannotBeGrantedAndIsRefusedWithReasons) {
  json evidence = GoodEvidence();
  evidence["liquidity_ratio"] = "0.8";
  const std::int64_t id = Apply(NewProvider("Thin Ice Services", "thinice"), "general", evidence);
  const std::string path = "/api/v1/licences/" + std::to_string(id);
  // Deciding before the review started is not a LIC-5 transition.
  EXPECT_TRUE(IsError(Act(path + "/decision", {{"decision", "refuse"}, {"reasons", "x"}}), 422));
  ASSERT_EQ(Act(path + "/review", json::object()).status, 200);
  const Reply grant = Act(path + "/decision", {{"decision", "grant"}, {"reasons", "Looks fine"}});
  ASSERT_TRUE(IsError(grant, 422, "decision")) << grant.Describe();
  EXPECT_NE(grant.json["error"]["message"].get<std::string>().find("liquidity_ratio"),
            std::string::npos);
  const Reply refused = Act(path + "/decision", {{"decision", "refuse"},
                                                 {"reasons", "Liquidity ratio 0.8 is below 1.0."}});
  ASSERT_EQ(refused.status, 200) << refused.Describe();
  EXPECT_EQ(refused.json["status"], "refused");
  bool liquidity_failed = false;
  for (const json& item : refused.json["assessment"]) {
    if (item["item"] == "liquidity_ratio") liquidity_failed = !item["passed"].get<bool>();
  }
  EXPECT_TRUE(liquidity_failed);
  EXPECT_EQ(server().Get("/api/v1/register/" + std::to_string(id)).json["status"], "refused");
}

TEST_F(LicensingApiTest, TopUpsNeedAGrantedGeneralLicence) {
  const Credentials provider = NewProvider("Mindful Futures", "mindful");
  const std::int64_t top_up = Apply(provider, "clinical_governance");
  const std::string path = "/api/v1/licences/" + std::to_string(top_up);
  ASSERT_EQ(Act(path + "/review", json::object()).status, 200);
  EXPECT_TRUE(IsError(Act(path + "/decision", {{"decision", "grant"}, {"reasons", "Good"}}), 422,
                      "decision"));
  Granted(provider, "general");
  const Reply granted = Act(path + "/decision", {{"decision", "grant"}, {"reasons", "Good"}});
  ASSERT_EQ(granted.status, 200) << granted.Describe();
  EXPECT_EQ(server().Get("/api/v1/register?kind=clinical_governance&name=mindful").json["items"]
                .size(),
            1u);
}

TEST_F(LicensingApiTest, ProvidersSeeOnlyTheirOwnLicencesAndCannotApplyTwice) {
  const Credentials first = NewProvider("First Steps Ltd", "firststeps");
  const Credentials second = NewProvider("Second Steps Ltd", "secondsteps");
  const std::int64_t id = Apply(first);
  const std::string path = "/api/v1/licences/" + std::to_string(id);
  EXPECT_EQ(server().Get(path, first).status, 200);
  EXPECT_TRUE(IsError(server().Get(path, second), 404));
  Apply(second);
  const Reply own = server().Get("/api/v1/licences?limit=500", second);
  ASSERT_EQ(own.status, 200) << own.Describe();
  EXPECT_EQ(own.json["items"].size(), 1u);  // only its own application
  for (const json& item : own.json["items"]) {
    EXPECT_EQ(item["provider_name"], "Second Steps Ltd");
  }
  EXPECT_TRUE(IsError(server().Post("/api/v1/licences",
                                    json{{"kind", "general"}, {"evidence", GoodEvidence()}}.dump(),
                                    first),
                      409, "kind"));
  // Providers cannot decide anything.
  EXPECT_TRUE(IsError(server().Post(path + "/review", "{}", first), 403));
}

TEST_F(LicensingApiTest, ScopeRestrictionsAreSetAndLifted) {
  const std::int64_t id = Granted(NewProvider("Transition Works", "transition"));
  const std::string path = "/api/v1/licences/" + std::to_string(id);
  const Reply restricted = Act(path + "/scope", {{"scope_restriction", "employment"},
                                                 {"reasons", "Employment only during transition."}});
  ASSERT_EQ(restricted.status, 200) << restricted.Describe();
  EXPECT_EQ(restricted.json["scope_restriction"], "employment");
  const Reply lifted =
      Act(path + "/scope", {{"scope_restriction", nullptr}, {"reasons", "Sectors merged."}});
  ASSERT_EQ(lifted.status, 200) << lifted.Describe();
  EXPECT_TRUE(lifted.json["scope_restriction"].is_null());
  EXPECT_TRUE(IsError(Act(path + "/scope", {{"reasons", "x"}}), 400, "scope_restriction"));
  EXPECT_TRUE(IsError(Act(path + "/scope", {{"scope_restriction", "astrology"}, {"reasons", "x"}}),
                      400, "scope_restriction"));
}

TEST_F(LicensingApiTest, AreasAreLiveOrControl) {
  const Reply control = Act("/api/v1/areas/E06000001/mode", {{"mode", "control"}});
  ASSERT_EQ(control.status, 200) << control.Describe();
  EXPECT_EQ(control.json["mode"], "control");
  const Reply listed = server().Get("/api/v1/areas?mode=control");
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.json["items"].size(), 1u);
  EXPECT_EQ(listed.json["items"][0]["name"], "Hartlepool");
  EXPECT_EQ(listed.json["items"][0]["imd_average_score"], "35.037000");
  EXPECT_TRUE(IsError(Act("/api/v1/areas/E06000001/mode", {{"mode", "dormant"}}), 400, "mode"));
  EXPECT_TRUE(IsError(Act("/api/v1/areas/X99999999/mode", {{"mode", "live"}}), 404));
  EXPECT_EQ(Act("/api/v1/areas/E06000001/mode", {{"mode", "live"}}).status, 200);
}

TEST_F(LicensingApiTest, TheRegulatorPublishesANewChecklistVersion) {
  const Reply current = server().Get("/api/v1/checklist");
  ASSERT_EQ(current.status, 200);
  json items = current.json["items"];
  items.push_back({{"id", "trauma_informed_training"},
                   {"section", "operational"},
                   {"question", "Are front-line staff trained in trauma-informed practice?"},
                   {"kind", "yes"},
                   {"threshold", nullptr}});
  const Reply published = Act("/api/v1/checklist", {{"items", items}});
  ASSERT_EQ(published.status, 201) << published.Describe();
  const int version = published.json["version"];
  EXPECT_GE(version, 2);
  EXPECT_EQ(server().Get("/api/v1/checklist").json["items"].size(), items.size());
  // New applications answer the new item too.
  const Credentials provider = NewProvider("New Rules Ltd", "newrules");
  const Reply missing = server().Post(
      "/api/v1/licences", json{{"kind", "general"}, {"evidence", GoodEvidence()}}.dump(), provider);
  EXPECT_TRUE(IsError(missing, 400, "evidence.trauma_informed_training")) << missing.Describe();
  json evidence = GoodEvidence();
  evidence["trauma_informed_training"] = "yes";
  const std::int64_t id = Apply(provider, "general", evidence);
  EXPECT_EQ(server().Get("/api/v1/licences/" + std::to_string(id), provider)
                .json["checklist_version"],
            version);
  // Restore the default items so other tests in this suite are unaffected.
  ASSERT_EQ(Act("/api/v1/checklist", {{"items", current.json["items"]}}).status, 201);
}

TEST_F(LicensingApiTest, BadInputIsRefusedAndWritesNothing) {
  const Credentials provider = NewProvider("Careful Applicants", "careful");
  const WriteSnapshot before = server().Snapshot();
  struct Case {
    const char* why;
    std::string path;
    json body;
    int status;
    const char* field;
    bool as_provider;
  };
  json missing_item = GoodEvidence();
  missing_item.erase("insurance");
  json unknown_item = GoodEvidence();
  unknown_item["horoscope"] = "Leo";
  json numeric_answer = GoodEvidence();
  numeric_answer["liquidity_ratio"] = 1.35;
  const std::vector<Case> cases = {
      {"unknown kind", "/api/v1/licences", {{"kind", "magic"}, {"evidence", GoodEvidence()}}, 400,
       "kind", true},
      {"missing item", "/api/v1/licences", {{"kind", "general"}, {"evidence", missing_item}}, 400,
       "evidence.insurance", true},
      {"unknown item", "/api/v1/licences", {{"kind", "general"}, {"evidence", unknown_item}}, 400,
       "evidence.horoscope", true},
      {"number not text", "/api/v1/licences", {{"kind", "general"}, {"evidence", numeric_answer}},
       400, "evidence.liquidity_ratio", true},
      {"unknown field", "/api/v1/licences",
       {{"kind", "general"}, {"evidence", GoodEvidence()}, {"discount", 10}}, 400, "discount",
       true},
      {"bad legal form", "/api/v1/organisations",
       {{"name", "X"}, {"legal_form", "cartel"}, {"size", "small"}, {"sectors", {"skills"}},
        {"areas", json::array()}, {"username", "xx-x"}, {"password", "a-long-password"}},
       400, "legal_form", false},
      {"unknown area", "/api/v1/organisations",
       {{"name", "X"}, {"legal_form", "company"}, {"size", "small"}, {"sectors", {"skills"}},
        {"areas", {"E99999999"}}, {"username", "xx-y"}, {"password", "a-long-password"}},
       404, "areas[0]", false},
      {"taken username", "/api/v1/organisations",
       {{"name", "X"}, {"legal_form", "company"}, {"size", "small"}, {"sectors", {"skills"}},
        {"areas", json::array()}, {"username", "careful"}, {"password", "a-long-password"}},
       409, "username", false},
      {"bad decision", "/api/v1/licences/1/decision", {{"decision", "maybe"}, {"reasons", "x"}},
       400, "decision", false},
      {"empty reasons", "/api/v1/licences/1/decision", {{"decision", "grant"}, {"reasons", " "}},
       400, "reasons", false},
      {"bad grounds", "/api/v1/licences/1/proposal",
       {{"action", "suspend"}, {"grounds", "whim"}, {"reasons", "x"}}, 400, "grounds", false},
      {"bad action", "/api/v1/licences/1/proposal",
       {{"action", "fine"}, {"grounds", "malpractice"}, {"reasons", "x"}}, 400, "action", false},
      {"body on confirm", "/api/v1/licences/1/proposal/confirmation", {{"force", true}}, 400,
       "force", false},
      {"checklist without financial items", "/api/v1/checklist",
       {{"items",
         {{{"id", "a"}, {"section", "managerial"}, {"question", "Q?"}, {"kind", "text"}}}}},
       400, "items", false},
  };
  for (const Case& c : cases) {
    const Credentials as = c.as_provider ? provider
                           : c.path == "/api/v1/organisations" ? Credentials::None()
                                                               : server().As(Role::kRegulator);
    const Reply reply = server().Post(c.path, c.body.dump(), as);
    EXPECT_TRUE(IsError(reply, c.status, std::string(c.field))) << c.why << ": " << reply.Describe();
  }
  EXPECT_EQ(server().Snapshot().postings, before.postings);
  // Regulator logins for the cases above add session lines to the audit log, nothing else.
  const Reply audit = server().Get("/api/v1/audit?limit=500", server().As(Role::kRegulator));
  for (const json& entry : audit.json["items"]) {
    if (entry["id"].get<std::int64_t>() <= before.newest_audit_id) break;
    EXPECT_EQ(entry["action"].get<std::string>().rfind("session.", 0), 0u) << entry.dump();
  }
  EXPECT_TRUE(IsError(server().Get("/api/v1/register?status=applied"), 400, "status"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/register?sector=astrology"), 400, "sector"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/register?colour=red"), 400, "colour"));
}

}  // namespace
}  // namespace psl::api::testing
