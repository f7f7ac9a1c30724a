// Schema version 2: licensing (LIC-1..8).
#include "psl/store/migrations.h"

namespace psl::store {

const Migration kLicensingMigration = {2, "licensing", "", "", ""};

}  // namespace psl::store
