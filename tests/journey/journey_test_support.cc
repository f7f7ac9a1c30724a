#include "journey_test_support.h"

namespace psl::app::testing {
namespace {

licensing::Evidence GoodEvidence() {
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

}  // namespace

std::string JourneyMarket::Seed() {
  // The market opens before the tariff's first day (2014-01-01), so that tests can register
  // citizens on any date from then on: a provider must be licensed on the day of the choice.
  clock_.Set(Timestamp::FromUnixSeconds(kMarketOpens));
  const std::string why = SeedAt();
  clock_.Set(Timestamp::FromUnixSeconds(kStart));
  return why;
}

std::string JourneyMarket::SeedAt() {
  if (auto seeded = SeedDemo(app_); !seeded.ok()) return "SeedDemo: " + seeded.status().ToString();
  Licensing licensing(app_);
  const Status imported = licensing.ImportAreas(
      System(), {{kNeutralArea, "Hillingdon", "London", 18'223'000, "live"},
                 {kDeprivedArea, "Blackpool", "North West", 45'039'000, "live"},
                 {kControlArea, "Hart", "South East", 5'537'000, "live"},
                 {"E08000003", "Manchester", "North West", 40'037'000, "live"}});
  if (!imported.ok()) return "ImportAreas: " + imported.ToString();
  if (auto mode = licensing.SetAreaMode(As("regulator"), kControlArea, "control"); !mode.ok()) {
    return "SetAreaMode: " + mode.status().ToString();
  }
  const auto licensed = [&](const std::string& name, const std::string& user,
                            std::vector<std::string> kinds, ProviderId& id,
                            LicenceId* general = nullptr) -> std::string {
    auto provider = Licensed(name, user, kinds, general);
    if (!provider.ok()) return name + ": " + provider.status().ToString();
    id = *provider;
    return "";
  };
  for (std::string why :
       {licensed("Alpha Employment", "alpha", {"general"}, market_.general_a,
                 &market_.general_a_licence),
        licensed("Beta Futures", "beta", {"general"}, market_.general_b),
        licensed("Gamma Works", "gamma", {"general"}, market_.general_c),
        licensed("Delta Minds", "delta", {"general", "clinical_governance"}, market_.clinical),
        licensed("Epsilon Care", "epsilon", {"general"}, market_.suspended),
        licensed("Zeta Unlicensed", "zeta", {}, market_.unlicensed)}) {
    if (!why.empty()) return why;
  }
  // Suspend Epsilon (four eyes: regulator proposes, regulator2 confirms).
  store::LicenceFilter filter;
  filter.provider_id = market_.suspended;
  std::vector<store::LicenceRecord> licences;
  if (auto listed = licensing.List(As("regulator"), filter); listed.ok()) licences = *listed;
  if (licences.empty()) return "no licence for Epsilon";
  if (auto proposed = licensing.Propose(As("regulator"), licences.front().id, "suspend",
                                        "poor_customer_experience", "Mystery shoppers' findings.");
      !proposed.ok()) {
    return "Propose: " + proposed.status().ToString();
  }
  if (auto confirmed = licensing.ConfirmProposal(As("regulator2"), licences.front().id);
      !confirmed.ok()) {
    return "Confirm: " + confirmed.status().ToString();
  }
  return "";
}

Result<ProviderId> JourneyMarket::Licensed(const std::string& name, const std::string& username,
                                           const std::vector<std::string>& kinds,
                                           LicenceId* general) {
  Licensing licensing(app_);
  const RequestContext anyone{access::Principal::Public(), "test"};
  licensing::Organisation organisation{name, "charity", "small", {"employment"}, {}};
  PSL_ASSIGN_OR_RETURN(
      const RegisteredOrganisation registered,
      licensing.RegisterOrganisation(anyone, organisation, username, "a-long-password"));
  provider_users_.insert(username);
  PSL_ASSIGN_OR_RETURN(const SessionGrant session, app_.Login(username, "a-long-password", "test"));
  PSL_ASSIGN_OR_RETURN(const access::Principal principal, app_.Authenticate(session.token));
  const RequestContext provider{principal, "test"};
  for (const std::string& kind : kinds) {
    PSL_ASSIGN_OR_RETURN(const LicenceView applied,
                         licensing.Apply(provider, kind, GoodEvidence()));
    PSL_RETURN_IF_ERROR(licensing.StartReview(As("regulator"), applied.licence.id).ToStatus());
    PSL_RETURN_IF_ERROR(licensing
                            .Decide(As("regulator"), applied.licence.id, true,
                                    "All competencies evidenced.", std::nullopt)
                            .ToStatus());
    if (kind == "general" && general != nullptr) *general = applied.licence.id;
  }
  return registered.provider_id;
}

RequestContext JourneyMarket::As(const std::string& username) {
  if (auto found = contexts_.find(username); found != contexts_.end()) return found->second;
  const std::string password =
      provider_users_.count(username) ? "a-long-password" : "psl-demo-" + username;
  auto session = app_.Login(username, password, "test");
  PSL_CHECK(session.ok(), "the demo users and the market's providers log in");
  auto principal = app_.Authenticate(session->token);
  PSL_CHECK(principal.ok(), "a fresh session authenticates");
  RequestContext context{*principal, "test:" + username};
  contexts_.emplace(username, context);
  return context;
}

CitizenId JourneyMarket::Refer(const std::string& name, const std::string& source,
                               const std::string& area, const std::string& referrer) {
  EntryInput input;
  input.route = "referral";
  input.source = source;
  input.person.full_name = name;
  input.person.date_of_birth = *Date::FromCivil(1990, 1, 1 + (counter_++ % 28));
  input.person.area_code = area;
  auto entered = Journey(app_).RecordEntry(As(referrer), input);
  EXPECT_TRUE(entered.ok()) << entered.status().ToString();
  return entered.ok() ? entered->citizen_id : CitizenId();
}

namespace {

assessment::Answers NoBarriers() {
  assessment::Answers answers = assessment::ReportExampleAnswers();
  answers["abused_as_child"] = "no";
  answers["reading"] = "easily";
  answers["english_first_language"] = "yes";
  answers["dyslexia"] = "no";
  answers["housing_now"] = "renting";
  answers["months_since_paid_work"] = "3";
  answers["highest_qualification"] = "gcse_or_equivalent";
  answers["low_mood"] = "not_at_all";
  answers["anxious"] = "not_at_all";
  answers["receives_benefits"] = "no";
  return answers;
}

}  // namespace

assessment::Answers UnemployedAnswers() { return NoBarriers(); }

assessment::Answers OffenderAnswers() {
  assessment::Answers answers = NoBarriers();
  answers["convicted"] = "yes";
  answers["custody"] = "in_last_five_years";
  answers["working_now"] = "full_time";
  answers["months_since_paid_work"] = "0";
  return answers;
}

assessment::Answers LowMoodAnswers() {
  assessment::Answers answers = NoBarriers();
  answers["working_now"] = "full_time";
  answers["months_since_paid_work"] = "0";
  answers["low_mood"] = "nearly_every_day";
  return answers;
}

}  // namespace psl::app::testing
