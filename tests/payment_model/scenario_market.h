// The market the payment scenarios play in: the demo users, live districts and registered
// organisations, seeded once into a SQLite file that each history copies (or afresh in a
// PostgreSQL scratch schema). Each history then licenses the organisations on dates of its own
// through the licensing use cases, so registrations fall in every band of the sliding scale
// (PAY-3). Principals are built from the seeded users, so a history needs no (Argon2) login.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/app/clock.h"
#include "psl/store/store.h"

namespace psl::payment_model {

struct MarketProvider {
  ProviderId id;
  access::Principal principal;
};

inline constexpr int kProviders = 6;

struct ScenarioMarket {
  std::vector<MarketProvider> providers;
  access::Principal regulator;
  access::Principal regulator2;
  access::Principal referrer;
};

// 2013-12-02: the first licences; the tariff starts on 2014-01-01.
Date MarketOpens();

// Seeds `store` (migrated) with the market at 2013-11-01: `providers` organisations, not yet
// licensed. Returns the error text or empty.
std::string SeedScenarioMarket(store::Store& store, ScenarioMarket& market,
                               int providers = kProviders);

// Applies for, reviews and grants the provider's general licence today (the app's clock).
// Returns the error text or empty.
std::string GrantGeneralLicence(app::App& app, const ScenarioMarket& market,
                                const MarketProvider& provider);

// 10:00 UTC on `date`: when the events of a history happen.
Timestamp At(Date date);

inline constexpr const char* kNeutralArea = "E09000017";   // Hillingdon: weight 1
inline constexpr const char* kDeprivedArea = "E06000009";  // Blackpool

}  // namespace psl::payment_model
