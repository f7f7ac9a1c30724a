// Schema version 4: complaints (REG-3, CHO-6).
//
// One row per complaint, updated as it moves open -> responded -> closed (the audit log keeps
// each step). The CHECK constraints hold the domain's invariants in the database too: a
// citizen's complaint names their citizen record, the public's gives a contact email, a
// response has its time, and a complaint has an outcome exactly when it is closed. Complaints
// are never deleted.
#include "psl/store/migrations.h"

namespace psl::store {
namespace {

constexpr std::string_view kPortable = R"sql(
CREATE TABLE complaints (
  id {{ID}},
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  category TEXT NOT NULL CHECK (category IN ('service_quality', 'safeguarding', 'inducements',
                                             'misleading_marketing', 'data_protection', 'other')),
  text TEXT NOT NULL,
  complainant TEXT NOT NULL CHECK (complainant IN ('citizen', 'public')),
  filed_by_user_id BIGINT REFERENCES users(id),
  citizen_id BIGINT REFERENCES citizens(id),
  contact_email TEXT,
  filed_at BIGINT NOT NULL,
  response_due TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'responded', 'closed')),
  response TEXT,
  responded_at BIGINT,
  responded_by_user_id BIGINT REFERENCES users(id),
  outcome TEXT CHECK (outcome IN ('upheld', 'partly_upheld', 'not_upheld', 'withdrawn')),
  outcome_reasons TEXT,
  closed_at BIGINT,
  closed_by_user_id BIGINT REFERENCES users(id),
  CHECK ((complainant = 'citizen') = (citizen_id IS NOT NULL)),
  CHECK ((complainant = 'citizen') = (filed_by_user_id IS NOT NULL)),
  CHECK (complainant = 'citizen' OR contact_email IS NOT NULL),
  CHECK ((response IS NULL) = (responded_at IS NULL)),
  CHECK (status <> 'responded' OR response IS NOT NULL),
  CHECK ((status = 'closed') = (outcome IS NOT NULL)),
  CHECK ((outcome IS NULL) = (outcome_reasons IS NULL)),
  CHECK ((outcome IS NULL) = (closed_at IS NULL))
);
CREATE INDEX complaints_by_provider ON complaints(provider_id, id);
CREATE INDEX complaints_by_citizen ON complaints(citizen_id, id);
CREATE INDEX complaints_by_status ON complaints(status, response_due);
)sql";

constexpr std::string_view kSqlite = R"sql(
CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
  BEGIN SELECT RAISE(ABORT, 'complaints are never deleted'); END;
)sql";

// psl_refuse_change() is defined by migration 1.
constexpr std::string_view kPostgres = R"sql(
CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER complaints_no_truncate BEFORE TRUNCATE ON complaints
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
)sql";

}  // namespace

const Migration kComplaintMigration = {4, "complaints", kPortable, kSqlite, kPostgres};

}  // namespace psl::store
