#include "scenario_market.h"

#include "psl/app/demo.h"
#include "psl/app/licensing.h"

namespace psl::payment_model {
namespace {

licensing::Evidence GoodEvidence() {
  return {{"accountable_officer", "Jo Bloggs, chief executive"},
          {"governance_structure", "Board of five trustees"},
          {"safeguarding_policy", "Safeguarding policy v3, March 2013"},
          {"staff_vetting", "yes"},
          {"data_protection_registration", "ZA123456"},
          {"complaints_procedure", "Complaints procedure, January 2013"},
          {"insurance", "yes"},
          {"latest_accounts", "Year to 31 March 2013, filed at Companies House"},
          {"liquidity_ratio", "1.35"},
          {"insolvency_proceedings", "no"}};
}

Result<access::Principal> LogIn(app::App& app, const std::string& username) {
  PSL_ASSIGN_OR_RETURN(const app::SessionGrant session,
                       app.Login(username, "psl-demo-" + username, "scenario"));
  return app.Authenticate(session.token);
}

}  // namespace

Date MarketOpens() { return *Date::FromCivil(2013, 12, 2); }

Timestamp At(Date date) {
  return Timestamp::FromUnixSeconds(date.DaysSinceEpoch() * 86'400 + 36'000);
}

std::string SeedScenarioMarket(store::Store& store, ScenarioMarket& market, int providers) {
  app::ManualClock clock(At(*Date::FromCivil(2013, 11, 1)));
  app::App app(store, clock);
  if (auto seeded = app::SeedDemo(app); !seeded.ok()) {
    return "SeedDemo: " + seeded.status().ToString();
  }
  for (auto [name, principal] :
       {std::pair{"regulator", &market.regulator}, std::pair{"regulator2", &market.regulator2},
        std::pair{"referrer", &market.referrer}}) {
    auto logged_in = LogIn(app, name);
    if (!logged_in.ok()) return std::string(name) + ": " + logged_in.status().ToString();
    *principal = *logged_in;
  }
  app::Licensing licensing(app);
  const app::RequestContext system{access::Principal::System("payment scenarios"), "scenario"};
  if (Status imported = licensing.ImportAreas(
          system, {{kNeutralArea, "Hillingdon", "London", 18'223'000, "live"},
                   {kDeprivedArea, "Blackpool", "North West", 45'039'000, "live"}});
      !imported.ok()) {
    return "ImportAreas: " + imported.ToString();
  }
  const app::RequestContext anyone{access::Principal::Public(), "scenario"};
  for (int i = 0; i < providers; ++i) {
    const std::string username = "provider" + std::to_string(i + 1);
    licensing::Organisation organisation{
        "Scenario Provider " + std::to_string(i + 1), "charity", "small", {"employment"}, {}};
    auto registered =
        licensing.RegisterOrganisation(anyone, organisation, username, "a-long-password");
    if (!registered.ok()) return username + ": " + registered.status().ToString();
    MarketProvider provider;
    provider.id = registered->provider_id;
    provider.principal = access::Principal{
        registered->user_id, username, access::Role::kProvider, registered->provider_id, {}};
    market.providers.push_back(provider);
  }
  return "";
}

std::string GrantGeneralLicence(app::App& app, const ScenarioMarket& market,
                                const MarketProvider& provider) {
  app::Licensing licensing(app);
  const app::RequestContext as_provider{provider.principal, "scenario"};
  const app::RequestContext as_regulator{market.regulator, "scenario"};
  auto applied = licensing.Apply(as_provider, "general", GoodEvidence());
  if (!applied.ok()) return "Apply: " + applied.status().ToString();
  if (auto review = licensing.StartReview(as_regulator, applied->licence.id); !review.ok()) {
    return "StartReview: " + review.status().ToString();
  }
  if (auto decided = licensing.Decide(as_regulator, applied->licence.id, true,
                                      "All competencies evidenced.", std::nullopt);
      !decided.ok()) {
    return "Decide: " + decided.status().ToString();
  }
  return "";
}

}  // namespace psl::payment_model
