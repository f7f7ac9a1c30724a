// Placeholder: the budget routes are being written.
#include "psl/api/routes.h"

namespace psl::api {

std::span<const Route> BudgetRoutes() { return {}; }

}  // namespace psl::api
