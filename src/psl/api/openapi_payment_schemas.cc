#include "psl/api/openapi_schemas.h"

namespace psl::api::openapi {

void AddPaymentSchemas(json& schemas) { (void)schemas; }

}  // namespace psl::api::openapi
