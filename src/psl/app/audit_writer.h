// Writes one audit line inside the caller's transaction, so the line commits or rolls
// back with the change it records. Every use case that changes state calls this.
#pragma once

#include <string>

#include "psl/app/app.h"

namespace psl::app {

Status WriteAudit(store::Transaction& transaction, const RequestContext& context, Timestamp at,
                  std::string action, std::string target, std::string detail_json);

}  // namespace psl::app
