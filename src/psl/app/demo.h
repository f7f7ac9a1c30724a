// The demonstration market for `make run` and the browser tests. For now one user per role;
// later issues grow it. Idempotent: users that exist are left as they are.
#pragma once

#include <string>
#include <vector>

#include "psl/app/app.h"

namespace psl::app {

struct DemoLogin {
  std::string username;
  std::string password;
  access::Role role;
  bool created = false;
};

// Username = the role's name; password = "psl-demo-<role>". Printed by `psl serve` and in the
// README: these are demonstration credentials, never for a real deployment.
Result<std::vector<DemoLogin>> SeedDemo(App& app);

}  // namespace psl::app
