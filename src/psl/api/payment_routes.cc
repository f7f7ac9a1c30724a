// Placeholder: the payment routes are being written.
#include "psl/api/routes.h"

namespace psl::api {

std::span<const Route> PaymentRoutes() { return {}; }

}  // namespace psl::api
