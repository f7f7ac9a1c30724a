// Placeholder: the skunkworks routes are being written.
#include "psl/api/routes.h"

namespace psl::api {

std::span<const Route> SkunkworksRoutes() { return {}; }

}  // namespace psl::api
