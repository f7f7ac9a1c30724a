// Schema version 4: complaints (REG-3, CHO-6).
#include "psl/store/migrations.h"

namespace psl::store {

const Migration kComplaintMigration = {4, "complaints", "", "", ""};

}  // namespace psl::store
