// Placeholder: the claim routes are being written.
#include "psl/api/routes.h"

namespace psl::api {

std::span<const Route> ClaimRoutes() { return {}; }

}  // namespace psl::api
