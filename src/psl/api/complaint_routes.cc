// Routes and handlers for REG-3 and CHO-6 complaints.
#include "psl/api/routes.h"

namespace psl::api {

std::span<const Route> ComplaintRoutes() { return {}; }

}  // namespace psl::api
