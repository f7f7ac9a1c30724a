#include "psl/api/openapi_schemas.h"

namespace psl::api::openapi {

void AddSkunkworksSchemas(json& schemas) { (void)schemas; }

}  // namespace psl::api::openapi
