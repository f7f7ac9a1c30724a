// Routes and handlers for REG-5 appeals and disputes.
#include "psl/api/routes.h"

namespace psl::api {

std::span<const Route> AppealRoutes() { return {}; }

}  // namespace psl::api
