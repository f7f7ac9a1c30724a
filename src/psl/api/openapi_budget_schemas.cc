#include "psl/api/openapi_schemas.h"

namespace psl::api::openapi {

void AddBudgetSchemas(json& schemas) { (void)schemas; }

}  // namespace psl::api::openapi
