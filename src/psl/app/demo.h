// The demonstration market for `make run` and the browser tests. For now one user per role;
// later issues grow it. Idempotent: users that exist are left as they are.
#pragma once

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

}  // namespace psl::app
