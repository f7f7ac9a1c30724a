#include "skunkworks_test_support.h"

#include <fstream>
#include <sstream>

#include "psl/config/config_json.h"

namespace psl::app::testing {

tariff::Tariff TariffForCatalogueTwo(int version, Date from, Money variant_core) {
  tariff::Tariff next = tariff::DefaultTariff();
  next.version = version;
  next.catalogue_version = 2;
  next.effective_from = from;
  next.outcomes.push_back({"sober_3y", Money::FromPence(400'000), {}});
  next.outcomes.push_back({kVariant, variant_core, {}});
  return next;
}

std::string PublishVersionTwo(JourneyMarket& market) {
  std::ifstream file(std::string(PSL_SOURCE_DIR) + "/docs/examples/catalogue_v2.json");
  std::stringstream text;
  text << file.rdbuf();
  auto catalogue = config::ParseCatalogue(text.str());
  if (!catalogue.ok()) return "catalogue_v2.json: " + catalogue.status().ToString();
  Journey journey(market.app());
  if (auto published = journey.PublishCatalogue(market.As("government"), *catalogue);
      !published.ok()) {
    return "PublishCatalogue: " + published.status().ToString();
  }
  const Date today = market.clock().Now().UtcDate();
  if (auto proposed = journey.ProposeTariff(
          market.As("regulator"),
          TariffForCatalogueTwo(2, today, Money::FromPence(kVariantCorePence)));
      !proposed.ok()) {
    return "ProposeTariff: " + proposed.status().ToString();
  }
  if (auto approved = journey.ApproveTariff(market.As("regulator2"), 2); !approved.ok()) {
    return "ApproveTariff: " + approved.status().ToString();
  }
  return "";
}

RequestContext AsProvider(JourneyMarket& market, const std::string& username) {
  return market.As(username);
}

std::int64_t RegisterWith(JourneyMarket& market, ProviderId provider, const std::string& name,
                          std::string& why) {
  const CitizenId citizen = market.Refer(name, "school");
  Journey journey(market.app());
  if (auto assessed = journey.Assess(market.As("referrer"), citizen, UnemployedAnswers(), "");
      !assessed.ok()) {
    why = "Assess: " + assessed.status().ToString();
    return 0;
  }
  auto registered =
      journey.Register(market.As("referrer"), citizen, "individual_prosperity", provider);
  if (!registered.ok()) {
    why = "Register: " + registered.status().ToString();
    return 0;
  }
  return registered->id;
}

}  // namespace psl::app::testing
