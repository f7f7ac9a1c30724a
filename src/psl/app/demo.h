// The demonstration market for `make run` and the browser tests. For now one user per role;
// later issues grow it. Idempotent: users that exist are left as they are.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/store/licensing_tables.h"

namespace psl::app {

struct DemoLogin {
  std::string username;
  std::string password;
  access::Role role;
  bool created = false;
};

// Username = the role's name (and `regulator2`, a second regulator for four-eyes decisions);
// password = "psl-demo-<username>". Printed by `psl serve` and in the README: demonstration
// credentials, never for a real deployment.
Result<std::vector<DemoLogin>> SeedDemo(App& app);

struct DemoMarketSummary {
  bool created = false;  // false when the market was already there
  int providers = 0;
  int licences = 0;
};

// The demonstration market (issue 3): every English district from `areas`, about 40 providers
// of varied size, sector and legal form over real areas, licensed at different times in the
// last two years (so the sliding scale matters), some with top-ups, applications waiting for
// review, a refused application and a suspended licence. Needs SeedDemo's users. Acts at
// backdated times through its own clock, ending at `now`. Idempotent.
Result<DemoMarketSummary> SeedDemoMarket(store::Store& store, Timestamp now,
                                         const std::vector<store::AreaRecord>& areas);

struct DemoJourneySummary {
  bool created = false;  // false when the citizens were already there (or none were asked for)
  int citizens = 0;      // records made, besides the `citizen` login's own
  int logins = 0;        // citizens with a login of their own (besides `citizen`)
  int entries = 0;
  int assessments = 0;
  int shortlists = 0;
  int registrations = 0;
  int open_choices = 0;
  int outcomes_achieved = 0;  // outcome history (stands in for verified claims until PAY-7)
  int outcomes_missed = 0;
  std::map<std::string, int> by_route;   // entries: life_event, referral, self_referral
  std::map<std::string, int> by_format;  // registrations: free, assisted, professional
  std::map<std::string, int> by_basis;   // registrations: citizen, professional, auto_*
  std::map<int, int> barrier_histogram;  // assessments by number of barriers
};

// The demonstration citizens (issue 4): `citizens` people spread over the live districts (more
// in more deprived ones), entering by the three routes over the last ~18 months, assessed,
// shortlisted and registered through the journey's use cases at backdated times, with the
// choice-deadline job run daily in between (CHO-3); the `citizen` login gets a story of its
// own (a self-referral, an assessment, a registration and an open choice). Needs SeedDemo's
// users and SeedDemoMarket's market. Deterministic. Idempotent: does nothing when citizens
// besides the `citizen` login's record exist. `progress` is called every 500 citizens.
Result<DemoJourneySummary> SeedDemoJourney(
    store::Store& store, Timestamp now, int citizens,
    const std::function<void(int done, int total)>& progress = {});

}  // namespace psl::app
