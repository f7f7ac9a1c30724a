// Skunkworks tests' shared set-up: catalogue version 2 (docs/examples/catalogue_v2.json, which adds
// the skunkworks variant employment_sustained_2y_median_wage) and a tariff version 2 that prices
// it, published on the JourneyMarket; then citizens registered under both.
#pragma once

#include <string>

#include "journey_test_support.h"
#include "psl/tariff/tariff.h"

namespace psl::app::testing {

inline constexpr const char* kBase = "employment_sustained_2y";
inline constexpr const char* kVariant = "employment_sustained_2y_median_wage";
inline constexpr std::int64_t kVariantCorePence = 350'000;  // tariff v2's core for the variant

// Catalogue v2 and tariff v2 (effective today, approved by a second regulator); why not, or "".
std::string PublishVersionTwo(JourneyMarket& market);

// A tariff `version` for catalogue 2 effective `from`, with the variant's core `variant_core`.
tariff::Tariff TariffForCatalogueTwo(int version, Date from, Money variant_core);

// The context of a market provider's own login ("alpha", "beta", ...).
RequestContext AsProvider(JourneyMarket& market, const std::string& username);

// A referral from a school (free choice of provider for individual_prosperity), assessed as an
// unemployed working-age person and registered with `provider`; returns the registration id
// (0 on failure, with the reason in `why`).
std::int64_t RegisterWith(JourneyMarket& market, ProviderId provider, const std::string& name,
                          std::string& why);

}  // namespace psl::app::testing
