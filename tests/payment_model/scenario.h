// One randomised history of paying by results, played against the real system (through the app
// layer, on a manual clock) and the reference model side by side, then compared.
//
// A history is a seed. From it: licence dates for the market's providers (2013-12 .. 2016-01, so
// registrations fall in every band of the sliding scale), claw-back modes switched on and off,
// registrations for lower crime and individual prosperity over about three years, claims (valid
// ones mostly, some breaking a rule) on binary and graded outcomes, verifications and
// rejections, and payment runs prepared and released at various dates, sometimes twice for the
// same date, sometimes while a run is still open. The actions are drawn as the history unfolds,
// from what the model says is open, so most claims are valid and most runs carry lines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "payment_model.h"
#include "psl/store/store.h"
#include "scenario_market.h"

namespace psl::payment_model {

struct HistoryReport {
  int registrations = 0;
  int claims_accepted = 0;
  int claims_refused = 0;
  int verified = 0;
  int rejected = 0;
  int runs_released = 0;
  int prepares_refused = 0;  // while a run was open (as the model expects)
  int clawback_providers = 0;
  // Every disagreement between the system and the model, in words (empty: they agree).
  std::vector<std::string> disagreements;
};

struct HistoryOptions {
  int steps = 30;
};

struct RegisteredCitizen {
  std::int64_t id = 0;
  Date on;
  std::vector<ModelOutcome> outcomes;  // with their locked prices
};

// A new citizen referred (by a court for lower crime, else a jobcentre for individual
// prosperity, shortlisted with `others`), assessed and registered with `provider` today,
// through the journey's use cases.
Result<RegisteredCitizen> RegisterCitizen(app::App& app, const ScenarioMarket& market,
                                          const MarketProvider& provider, bool crime, bool deprived,
                                          const std::string& name, int n,
                                          const std::vector<ProviderId>& others);

// Plays history `seed` on `store`, already seeded with `market`.
HistoryReport PlayHistory(store::Store& store, const ScenarioMarket& market, std::uint64_t seed,
                          const HistoryOptions& options = {});

}  // namespace psl::payment_model
