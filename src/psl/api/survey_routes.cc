// Placeholder: the survey routes are being written.
#include "psl/api/routes.h"

namespace psl::api {

std::span<const Route> SurveyRoutes() { return {}; }

}  // namespace psl::api
