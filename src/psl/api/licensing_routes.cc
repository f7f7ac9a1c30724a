// Routes and handlers for LIC-1..8 licensing.
#include "psl/api/routes.h"

namespace psl::api {

std::span<const Route> LicensingRoutes() { return {}; }

}  // namespace psl::api
