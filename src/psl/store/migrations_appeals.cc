// Schema version 5: appeals and disputes (REG-5).
#include "psl/store/migrations.h"

namespace psl::store {

const Migration kAppealMigration = {5, "appeals", "", "", ""};

}  // namespace psl::store
