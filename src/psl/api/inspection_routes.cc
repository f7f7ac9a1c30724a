// Routes and handlers for REG-2 mystery shopping.
#include "psl/api/routes.h"

namespace psl::api {

std::span<const Route> InspectionRoutes() { return {}; }

}  // namespace psl::api
