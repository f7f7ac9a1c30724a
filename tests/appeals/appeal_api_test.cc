// Appeals and disputes through real HTTP (REG-5, LIC-5, REG-1, X-1, X-2): a refused applicant
// appeals and the application is reopened; a suspension appeal is dismissed; a revocation set
// aside leaves the licence suspended; only the provider's own refused, suspended or revoked
// licences can be appealed, once at a time; disputes are seen by their parties only and
// resolved by the Regulator; bad input names the field and writes nothing.
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

struct NewOrganisation {
  Credentials credentials;
  std::int64_t provider_id = 0;
};

class AppealApiTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    const app::RequestContext system{access::Principal::System("appeals test"), "test"};
    ASSERT_TRUE(
        app::Licensing(server().app())
            .ImportAreas(system, {{"E08000003", "Manchester", "North West", 40'037'000, "live"}})
            .ok());
    // The second regulator (four eyes) is one of the demo users; older seeds lack it.
    (void)server().app().CreateUser(
        system, {"regulator2", "psl-demo-regulator2", Role::kRegulator, {}, {}});
  }

  NewOrganisation NewProvider(const std::string& name, const std::string& username) {
    const json body = {{"name", name},
                       {"legal_form", "charity"},
                       {"size", "small"},
                       {"sectors", {"employment"}},
                       {"areas", {"E08000003"}},
                       {"username", username},
                       {"password", "a-long-password"}};
    const Reply registered = server().Post("/api/v1/organisations", body.dump());
    EXPECT_EQ(registered.status, 201) << registered.Describe();
    const Reply login = server().Login(username, "a-long-password");
    EXPECT_EQ(login.status, 201) << login.Describe();
    return {Credentials::Bearer(login.json.value("token", "")),
            registered.json.value("provider_id", std::int64_t{0})};
  }

  Credentials Regulator() { return server().As(Role::kRegulator); }

  Credentials SecondRegulator() {
    const Reply login = server().Login("regulator2", "psl-demo-regulator2");
    EXPECT_EQ(login.status, 201) << login.Describe();
    return Credentials::Bearer(login.json.value("token", ""));
  }

  Reply Post(const std::string& path, const json& body, const Credentials& as) {
    return server().Post(path, body.dump(), as);
  }

  static std::string LicencePath(std::int64_t id) {
    return "/api/v1/licences/" + std::to_string(id);
  }

  // An application taken to under_review.
  std::int64_t UnderReview(const Credentials& provider, json evidence = GoodEvidence()) {
    const Reply applied =
        Post("/api/v1/licences", {{"kind", "general"}, {"evidence", evidence}}, provider);
    EXPECT_EQ(applied.status, 201) << applied.Describe();
    const std::int64_t id = applied.json.value("id", std::int64_t{0});
    EXPECT_EQ(Post(LicencePath(id) + "/review", json::object(), Regulator()).status, 200);
    return id;
  }

  std::int64_t Refused(const Credentials& provider) {
    json evidence = GoodEvidence();
    evidence["liquidity_ratio"] = "0.8";
    const std::int64_t id = UnderReview(provider, evidence);
    const Reply refused =
        Post(LicencePath(id) + "/decision",
             {{"decision", "refuse"}, {"reasons", "Liquidity below 1.0."}}, Regulator());
    EXPECT_EQ(refused.status, 200) << refused.Describe();
    return id;
  }

  std::int64_t Granted(const Credentials& provider) {
    const std::int64_t id = UnderReview(provider);
    const Reply granted = Post(LicencePath(id) + "/decision",
                               {{"decision", "grant"}, {"reasons", "All evidenced."}}, Regulator());
    EXPECT_EQ(granted.status, 200) << granted.Describe();
    return id;
  }

  // Four eyes: proposed by the demo regulator, confirmed by regulator2.
  void ProposeAndConfirm(std::int64_t id, const std::string& action) {
    const Reply proposed = Post(LicencePath(id) + "/proposal",
                                {{"action", action},
                                 {"grounds", "poor_customer_experience"},
                                 {"reasons", "Satisfaction far below peers."}},
                                Regulator());
    EXPECT_EQ(proposed.status, 201) << proposed.Describe();
    const Reply confirmed =
        Post(LicencePath(id) + "/proposal/confirmation", json::object(), SecondRegulator());
    EXPECT_EQ(confirmed.status, 200) << confirmed.Describe();
  }

  std::int64_t Suspended(const Credentials& provider) {
    const std::int64_t id = Granted(provider);
    ProposeAndConfirm(id, "suspend");
    return id;
  }

  Reply Lodge(std::int64_t licence, const Credentials& provider,
              const std::string& grounds = "The Regulator misread our audited accounts.") {
    return Post("/api/v1/appeals", {{"licence_id", licence}, {"grounds", grounds}}, provider);
  }

  Reply DecideAppeal(std::int64_t appeal, const std::string& decision, const std::string& reasons) {
    return Post("/api/v1/appeals/" + std::to_string(appeal) + "/decision",
                {{"decision", decision}, {"reasons", reasons}}, Regulator());
  }

  std::string NewestAuditAction() {
    const Reply audit = server().Get("/api/v1/audit?limit=1", Regulator());
    EXPECT_EQ(audit.status, 200) << audit.Describe();
    return audit.json["items"][0].value("action", "");
  }

  std::size_t Count(const std::string& path) {
    const Reply page = server().Get(path + "?limit=500", Regulator());
    EXPECT_EQ(page.status, 200) << page.Describe();
    return page.json["items"].size();
  }
};

TEST_F(AppealApiTest, ARefusedApplicantAppealsAndTheUpheldAppealReopensTheApplication) {
  const NewOrganisation provider = NewProvider("Fresh Start Employment", "freshstart");
  const std::int64_t licence = Refused(provider.credentials);
  const Reply lodged = Lodge(licence, provider.credentials);
  ASSERT_EQ(lodged.status, 201) << lodged.Describe();
  EXPECT_EQ(lodged.json["status"], "lodged");
  EXPECT_EQ(lodged.json["appealed_status"], "refused");
  EXPECT_EQ(lodged.json["licence_id"], licence);
  EXPECT_EQ(lodged.json["provider_id"], provider.provider_id);
  EXPECT_EQ(lodged.json["lodged_by"], "freshstart");
  EXPECT_TRUE(lodged.json["decision"].is_null());
  EXPECT_EQ(NewestAuditAction(), "appeal.lodge");
  const std::int64_t appeal = lodged.json["id"];

  // The Regulator sees it among all appeals; lodging changed nothing on the licence yet.
  const Reply listed = server().Get("/api/v1/appeals?status=lodged", Regulator());
  ASSERT_EQ(listed.status, 200) << listed.Describe();
  bool found = false;
  for (const json& item : listed.json["items"]) found = found || item["id"] == appeal;
  EXPECT_TRUE(found);
  EXPECT_EQ(server().Get(LicencePath(licence), provider.credentials).json["status"], "refused");

  const Reply upheld =
      DecideAppeal(appeal, "uphold", "The ratio was 1.08 on the audited accounts.");
  ASSERT_EQ(upheld.status, 200) << upheld.Describe();
  EXPECT_EQ(upheld.json["status"], "upheld");
  EXPECT_EQ(upheld.json["licence_status_after"], "under_review");
  EXPECT_EQ(upheld.json["decision"]["outcome"], "upheld");
  EXPECT_EQ(upheld.json["decision"]["reasons"], "The ratio was 1.08 on the audited accounts.");
  EXPECT_EQ(upheld.json["decision"]["decided_by"], "regulator");
  EXPECT_EQ(NewestAuditAction(), "appeal.decide");

  // LIC-5, REG-1: the licence is back under review, with the decision and reasons recorded.
  const Reply after = server().Get(LicencePath(licence), provider.credentials);
  ASSERT_EQ(after.status, 200) << after.Describe();
  EXPECT_EQ(after.json["status"], "under_review");
  const json& last = after.json["decisions"].back();
  EXPECT_EQ(last["from"], "refused");
  EXPECT_EQ(last["to"], "under_review");
  EXPECT_EQ(last["decided_by"], "regulator");
  EXPECT_NE(last["reasons"].get<std::string>().find("The ratio was 1.08"), std::string::npos);
  EXPECT_NE(last["reasons"].get<std::string>().find("upheld"), std::string::npos);

  // The provider sees its own appeal with the outcome; it cannot be decided twice.
  const Reply mine =
      server().Get("/api/v1/appeals/" + std::to_string(appeal), provider.credentials);
  ASSERT_EQ(mine.status, 200) << mine.Describe();
  EXPECT_EQ(mine.json["status"], "upheld");
  const WriteSnapshot before_again = server().Snapshot();
  EXPECT_TRUE(IsError(DecideAppeal(appeal, "dismiss", "Second thoughts."), 422, "id"));
  EXPECT_EQ(server().Snapshot(), before_again);
}

TEST_F(AppealApiTest, ASuspensionAppealDismissedLeavesTheLicenceSuspended) {
  const NewOrganisation provider = NewProvider("Steady Steps Recovery", "steadysteps");
  const std::int64_t licence = Suspended(provider.credentials);
  const Reply lodged = Lodge(licence, provider.credentials, "Our satisfaction survey was skewed.");
  ASSERT_EQ(lodged.status, 201) << lodged.Describe();
  EXPECT_EQ(lodged.json["appealed_status"], "suspended");
  const std::int64_t appeal = lodged.json["id"];

  const Reply dismissed = DecideAppeal(appeal, "dismiss", "The survey sample was representative.");
  ASSERT_EQ(dismissed.status, 200) << dismissed.Describe();
  EXPECT_EQ(dismissed.json["status"], "dismissed");
  EXPECT_EQ(dismissed.json["licence_status_after"], "suspended");

  const Reply after = server().Get(LicencePath(licence), Regulator());
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.json["status"], "suspended");
  const json& last = after.json["decisions"].back();  // the dismissal is on the record too
  EXPECT_EQ(last["from"], "suspended");
  EXPECT_EQ(last["to"], "suspended");
  EXPECT_NE(last["reasons"].get<std::string>().find("dismissed"), std::string::npos);

  // The provider's list holds its own appeal only.
  const Reply mine = server().Get("/api/v1/appeals", provider.credentials);
  ASSERT_EQ(mine.status, 200) << mine.Describe();
  ASSERT_EQ(mine.json["items"].size(), 1u);
  EXPECT_EQ(mine.json["items"][0]["id"], appeal);
  EXPECT_EQ(mine.json["items"][0]["decision"]["outcome"], "dismissed");

  // Decided, the licence may be appealed again (one open appeal at a time, not one ever).
  EXPECT_EQ(Lodge(licence, provider.credentials, "New evidence of improvement.").status, 201);
}

TEST_F(AppealApiTest, AnUpheldSuspensionAppealReinstatesTheLicence) {
  const NewOrganisation provider = NewProvider("Second Wind Skills", "secondwind");
  const std::int64_t licence = Suspended(provider.credentials);
  const Reply lodged = Lodge(licence, provider.credentials);
  ASSERT_EQ(lodged.status, 201) << lodged.Describe();
  const Reply upheld = DecideAppeal(lodged.json["id"], "uphold", "Suspension was premature.");
  ASSERT_EQ(upheld.status, 200) << upheld.Describe();
  EXPECT_EQ(upheld.json["licence_status_after"], "granted");
  EXPECT_EQ(server().Get(LicencePath(licence), Regulator()).json["status"], "granted");
}

TEST_F(AppealApiTest, AnUpheldRevocationAppealLeavesTheLicenceSuspendedForFourEyes) {
  const NewOrganisation provider = NewProvider("Harbour Lights Trust", "harbour");
  const std::int64_t licence = Suspended(provider.credentials);
  ProposeAndConfirm(licence, "revoke");
  ASSERT_EQ(server().Get(LicencePath(licence), Regulator()).json["status"], "revoked");
  const Reply lodged = Lodge(licence, provider.credentials);
  ASSERT_EQ(lodged.status, 201) << lodged.Describe();
  EXPECT_EQ(lodged.json["appealed_status"], "revoked");
  const Reply upheld = DecideAppeal(lodged.json["id"], "uphold", "Revocation disproportionate.");
  ASSERT_EQ(upheld.status, 200) << upheld.Describe();
  EXPECT_EQ(upheld.json["licence_status_after"], "suspended");
  const Reply after = server().Get(LicencePath(licence), Regulator());
  EXPECT_EQ(after.json["status"], "suspended");
  EXPECT_EQ(after.json["decisions"].back()["from"], "revoked");
  // And the public register shows the history with the reasons (REG-1).
  const Reply entry = server().Get("/api/v1/register/" + std::to_string(licence));
  ASSERT_EQ(entry.status, 200) << entry.Describe();
  EXPECT_EQ(entry.json["status"], "suspended");
}

TEST_F(AppealApiTest, OnlyARefusedSuspendedOrRevokedLicenceOfOnesOwnCanBeAppealedOnceAtATime) {
  const NewOrganisation owner = NewProvider("Bright Paths CIC", "brightpaths");
  const NewOrganisation other = NewProvider("Other Road Ltd", "otherroad");
  const std::int64_t refused = Refused(owner.credentials);
  const std::int64_t granted = Granted(other.credentials);
  // A refusal since replaced by a new application cannot be appealed: upholding it would leave
  // two live general licences (LIC-1 allows one of each kind).
  const NewOrganisation reapplied = NewProvider("Try Again Trust", "tryagain");
  const std::int64_t old_refusal = Refused(reapplied.credentials);
  UnderReview(reapplied.credentials);
  EXPECT_TRUE(IsError(Lodge(old_refusal, reapplied.credentials), 422, "licence_id"));
  const std::size_t appeals_before = Count("/api/v1/appeals");
  WriteSnapshot before = server().Snapshot();

  // A granted licence: nothing to appeal (422 naming the licence).
  const Reply on_granted = Lodge(granted, other.credentials);
  EXPECT_TRUE(IsError(on_granted, 422, "licence_id")) << on_granted.Describe();
  // Another provider's licence, or no licence at all: not found (404), indistinguishably.
  EXPECT_TRUE(IsError(Lodge(refused, other.credentials), 404, "licence_id"));
  EXPECT_TRUE(IsError(Lodge(999'999, owner.credentials), 404, "licence_id"));
  EXPECT_EQ(server().Snapshot(), before);
  EXPECT_EQ(Count("/api/v1/appeals"), appeals_before);

  // One open appeal per licence: the second is a conflict (409).
  const Reply first = Lodge(refused, owner.credentials);
  ASSERT_EQ(first.status, 201) << first.Describe();
  before = server().Snapshot();
  EXPECT_TRUE(IsError(Lodge(refused, owner.credentials, "Again."), 409, "licence_id"));
  EXPECT_EQ(server().Snapshot(), before);
  EXPECT_EQ(Count("/api/v1/appeals"), appeals_before + 1);

  // Another provider neither sees the appeal nor finds it in its list.
  const std::string path = "/api/v1/appeals/" + std::to_string(first.json["id"].get<int>());
  EXPECT_TRUE(IsError(server().Get(path, other.credentials), 404, "id"));
  EXPECT_EQ(server().Get("/api/v1/appeals", other.credentials).json["items"].size(), 0u);
}

TEST_F(AppealApiTest, DisputesAreSeenByTheirPartiesAndResolvedByTheRegulator) {
  const NewOrganisation claimant = NewProvider("Alpha Employment", "alphaemp");
  const NewOrganisation respondent = NewProvider("Beta Employment", "betaemp");
  const NewOrganisation bystander = NewProvider("Gamma Employment", "gammaemp");
  const Reply filed =
      Post("/api/v1/disputes",
           {{"respondent_kind", "provider"},
            {"respondent_provider_id", respondent.provider_id},
            {"subject", "Outcome claimed twice for a transferred customer"},
            {"description", "Both of us claimed the job outcome for customer transferred in May."}},
           claimant.credentials);
  ASSERT_EQ(filed.status, 201) << filed.Describe();
  EXPECT_EQ(filed.json["status"], "open");
  EXPECT_EQ(filed.json["claimant"]["provider_id"], claimant.provider_id);
  EXPECT_EQ(filed.json["claimant"]["name"], "Alpha Employment");
  EXPECT_EQ(filed.json["respondent"]["provider_id"], respondent.provider_id);
  EXPECT_TRUE(filed.json["resolution"].is_null());
  EXPECT_EQ(NewestAuditAction(), "dispute.file");
  const std::string path = "/api/v1/disputes/" + std::to_string(filed.json["id"].get<int>());

  // Both parties see it; a third provider and government (not a party) do not.
  EXPECT_EQ(server().Get(path, claimant.credentials).status, 200);
  EXPECT_EQ(server().Get(path, respondent.credentials).status, 200);
  EXPECT_EQ(server().Get("/api/v1/disputes", respondent.credentials).json["items"].size(), 1u);
  EXPECT_TRUE(IsError(server().Get(path, bystander.credentials), 404, "id"));
  EXPECT_EQ(server().Get("/api/v1/disputes", bystander.credentials).json["items"].size(), 0u);
  EXPECT_TRUE(IsError(server().Get(path, server().As(Role::kGovernment)), 404, "id"));

  // The Regulator resolves it with a finding, terms and reasons; both parties see the result.
  const Reply resolved = Post(path + "/resolution",
                              {{"finding", "for_claimant"},
                               {"decision", "The outcome payment belongs to Alpha Employment."},
                               {"reasons", "The transfer completed before the job start."}},
                              Regulator());
  ASSERT_EQ(resolved.status, 200) << resolved.Describe();
  EXPECT_EQ(resolved.json["status"], "resolved");
  EXPECT_EQ(resolved.json["resolution"]["outcome"], "for_claimant");
  EXPECT_EQ(resolved.json["resolution"]["decided_by"], "regulator");
  EXPECT_EQ(NewestAuditAction(), "dispute.resolve");
  const Reply seen = server().Get(path, respondent.credentials);
  EXPECT_EQ(seen.json["resolution"]["decision"],
            "The outcome payment belongs to Alpha Employment.");
  // Resolved once only.
  const WriteSnapshot before = server().Snapshot();
  EXPECT_TRUE(
      IsError(Post(path + "/resolution",
                   {{"finding", "partly"}, {"decision", "x"}, {"reasons", "y"}}, Regulator()),
              422, "id"));
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(AppealApiTest, GovernmentAndAProviderCanBeInDispute) {
  const NewOrganisation provider = NewProvider("Delta Skills", "deltaskills");
  const Reply by_government =
      Post("/api/v1/disputes",
           {{"respondent_kind", "provider"},
            {"respondent_provider_id", provider.provider_id},
            {"subject", "Claw-back of an outcome payment"},
            {"description", "The sustainment evidence does not cover the full period."}},
           server().As(Role::kGovernment));
  ASSERT_EQ(by_government.status, 201) << by_government.Describe();
  EXPECT_EQ(by_government.json["claimant"]["kind"], "government");
  EXPECT_TRUE(by_government.json["claimant"]["provider_id"].is_null());
  const Reply by_provider = Post("/api/v1/disputes",
                                 {{"respondent_kind", "government"},
                                  {"subject", "Late budget confirmation"},
                                  {"description", "The area budget came three months late."}},
                                 provider.credentials);
  ASSERT_EQ(by_provider.status, 201) << by_provider.Describe();
  EXPECT_EQ(by_provider.json["respondent"]["kind"], "government");
  EXPECT_EQ(server().Get("/api/v1/disputes", provider.credentials).json["items"].size(), 2u);
  const Reply government_list = server().Get("/api/v1/disputes", server().As(Role::kGovernment));
  ASSERT_EQ(government_list.status, 200);
  EXPECT_GE(government_list.json["items"].size(), 2u);
  for (const json& item : government_list.json["items"]) {
    EXPECT_TRUE(item["claimant"]["kind"] == "government" ||
                item["respondent"]["kind"] == "government");
  }
}

TEST_F(AppealApiTest, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  const NewOrganisation provider = NewProvider("Epsilon Care", "epsiloncare");
  const NewOrganisation other = NewProvider("Zeta Care", "zetacare");
  const std::int64_t refused = Refused(provider.credentials);
  const Reply lodged = Lodge(refused, provider.credentials);
  ASSERT_EQ(lodged.status, 201);
  const std::string decide =
      "/api/v1/appeals/" + std::to_string(lodged.json["id"].get<int>()) + "/decision";
  const std::size_t appeals = Count("/api/v1/appeals");
  const std::size_t disputes = Count("/api/v1/disputes");
  const WriteSnapshot before = server().Snapshot();
  const Credentials& as = provider.credentials;

  struct Case {
    std::string path;
    std::string body;
    Credentials credentials;
    int status;
    std::string field;
  };
  const std::string long_text(5001, 'x');
  const Case cases[] = {
      {"/api/v1/appeals", R"({"licence_id":1})", as, 400, "grounds"},
      {"/api/v1/appeals", json{{"licence_id", refused}, {"grounds", "  "}}.dump(), as, 400,
       "grounds"},
      {"/api/v1/appeals", json{{"licence_id", refused}, {"grounds", long_text}}.dump(), as, 400,
       "grounds"},
      {"/api/v1/appeals", json{{"licence_id", "7"}, {"grounds", "g"}}.dump(), as, 400,
       "licence_id"},
      {"/api/v1/appeals", json{{"licence_id", 0}, {"grounds", "g"}}.dump(), as, 400, "licence_id"},
      {"/api/v1/appeals", json{{"licence_id", refused}, {"grounds", "g"}, {"urgent", true}}.dump(),
       as, 400, "urgent"},
      {"/api/v1/appeals", "not json", as, 400, ""},
      {decide, json{{"decision", "maybe"}, {"reasons", "r"}}.dump(), Regulator(), 400, "decision"},
      {decide, json{{"decision", "uphold"}}.dump(), Regulator(), 400, "reasons"},
      {decide, json{{"decision", "uphold"}, {"reasons", long_text}}.dump(), Regulator(), 400,
       "reasons"},
      {"/api/v1/appeals/abc/decision", json{{"decision", "uphold"}, {"reasons", "r"}}.dump(),
       Regulator(), 400, "id"},
      {"/api/v1/appeals/999999/decision", json{{"decision", "uphold"}, {"reasons", "r"}}.dump(),
       Regulator(), 404, "id"},
      {"/api/v1/disputes",
       json{{"respondent_kind", "citizen"}, {"subject", "s"}, {"description", "d"}}.dump(), as, 400,
       "respondent_kind"},
      {"/api/v1/disputes",
       json{{"respondent_kind", "provider"}, {"subject", "s"}, {"description", "d"}}.dump(), as,
       400, "respondent_provider_id"},
      {"/api/v1/disputes",
       json{{"respondent_kind", "provider"},
            {"respondent_provider_id", provider.provider_id},
            {"subject", "s"},
            {"description", "d"}}
           .dump(),
       as, 400, "respondent_provider_id"},
      {"/api/v1/disputes",
       json{{"respondent_kind", "provider"},
            {"respondent_provider_id", 999'999},
            {"subject", "s"},
            {"description", "d"}}
           .dump(),
       as, 404, "respondent_provider_id"},
      {"/api/v1/disputes",
       json{{"respondent_kind", "provider"},
            {"respondent_provider_id", other.provider_id},
            {"subject", std::string(201, 's')},
            {"description", "d"}}
           .dump(),
       as, 400, "subject"},
      {"/api/v1/disputes",
       json{{"respondent_kind", "provider"},
            {"respondent_provider_id", other.provider_id},
            {"subject", "s"},
            {"description", long_text}}
           .dump(),
       as, 400, "description"},
      {"/api/v1/disputes",
       json{{"respondent_kind", "government"}, {"subject", "s"}, {"description", "d"}}.dump(),
       server().As(Role::kGovernment), 400, "respondent_kind"},
      {"/api/v1/disputes",
       json{{"respondent_kind", "government"},
            {"respondent_provider_id", other.provider_id},
            {"subject", "s"},
            {"description", "d"}}
           .dump(),
       as, 400, "respondent_provider_id"},
      {"/api/v1/disputes/1/resolution",
       json{{"finding", "draw"}, {"decision", "x"}, {"reasons", "y"}}.dump(), Regulator(), 400,
       "finding"},
      {"/api/v1/disputes/1/resolution", json{{"finding", "partly"}, {"reasons", "y"}}.dump(),
       Regulator(), 400, "decision"},
  };
  for (const Case& c : cases) {
    const Reply reply = server().Post(c.path, c.body, c.credentials);
    EXPECT_TRUE(IsError(reply, c.status, c.field))
        << c.path << " " << c.body.substr(0, 120) << " -> " << reply.Describe();
  }
  // Queries: page limits 1..500, known parameters and statuses only.
  for (const char* query : {"/api/v1/appeals?limit=0", "/api/v1/appeals?limit=501",
                            "/api/v1/disputes?limit=0", "/api/v1/disputes?limit=501"}) {
    EXPECT_TRUE(IsError(server().Get(query, Regulator()), 400, "limit")) << query;
  }
  EXPECT_TRUE(IsError(server().Get("/api/v1/appeals?status=open", Regulator()), 400, "status"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/disputes?status=lodged", Regulator()), 400, "status"));
  EXPECT_TRUE(IsError(server().Get("/api/v1/appeals?sort=id", Regulator()), 400, "sort"));
  EXPECT_EQ(server().Get("/api/v1/appeals?limit=500", Regulator()).status, 200);
  EXPECT_EQ(server().Get("/api/v1/disputes?limit=1", Regulator()).status, 200);

  // Nothing was written: no audit line, no appeal, no dispute, and the appeal is still open.
  EXPECT_EQ(server().Snapshot(), before);
  EXPECT_EQ(Count("/api/v1/appeals"), appeals);
  EXPECT_EQ(Count("/api/v1/disputes"), disputes);
  EXPECT_EQ(server()
                .Get("/api/v1/appeals/" + std::to_string(lodged.json["id"].get<int>()), as)
                .json["status"],
            "lodged");
}

}  // namespace
}  // namespace psl::api::testing
