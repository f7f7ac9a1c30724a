// Schema version 3: mystery shopping (REG-2).
#include "psl/store/migrations.h"

namespace psl::store {

const Migration kInspectionMigration = {3, "inspections", "", "", ""};

}  // namespace psl::store
