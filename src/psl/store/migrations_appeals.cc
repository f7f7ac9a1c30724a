// Schema version 5: appeals and disputes (REG-5): appeals against licence decisions (one open
// per licence), disputes between providers or a provider and government, and the append-only
// record of the Regulator's arbitration decisions on both.
#include "psl/store/migrations.h"

namespace psl::store {
namespace {

constexpr std::string_view kPortable = R"sql(
CREATE TABLE appeals (
  id {{ID}},
  licence_id BIGINT NOT NULL REFERENCES licences(id),
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  appealed_status TEXT NOT NULL CHECK (appealed_status IN ('refused', 'suspended', 'revoked')),
  grounds TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'lodged' CHECK (status IN ('lodged', 'upheld', 'dismissed')),
  lodged_by BIGINT REFERENCES users(id),
  lodged_at BIGINT NOT NULL,
  licence_status_after TEXT,
  decided_at BIGINT,
  CHECK ((status = 'lodged') = (decided_at IS NULL)),
  CHECK ((status = 'lodged') = (licence_status_after IS NULL))
);
CREATE INDEX appeals_by_provider ON appeals(provider_id);
CREATE UNIQUE INDEX appeals_one_open ON appeals(licence_id) WHERE status = 'lodged';
CREATE TABLE disputes (
  id {{ID}},
  claimant_kind TEXT NOT NULL CHECK (claimant_kind IN ('provider', 'government')),
  claimant_provider_id BIGINT REFERENCES providers(id),
  respondent_kind TEXT NOT NULL CHECK (respondent_kind IN ('provider', 'government')),
  respondent_provider_id BIGINT REFERENCES providers(id),
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  filed_by BIGINT REFERENCES users(id),
  filed_at BIGINT NOT NULL,
  resolved_at BIGINT,
  CHECK ((claimant_kind = 'provider') = (claimant_provider_id IS NOT NULL)),
  CHECK ((respondent_kind = 'provider') = (respondent_provider_id IS NOT NULL)),
  CHECK (claimant_kind = 'provider' OR respondent_kind = 'provider'),
  CHECK (claimant_provider_id IS NULL OR respondent_provider_id IS NULL OR
         claimant_provider_id <> respondent_provider_id),
  CHECK ((status = 'open') = (resolved_at IS NULL))
);
CREATE INDEX disputes_by_claimant ON disputes(claimant_provider_id);
CREATE INDEX disputes_by_respondent ON disputes(respondent_provider_id);
CREATE TABLE arbitration_decisions (
  id {{ID}},
  appeal_id BIGINT UNIQUE REFERENCES appeals(id),
  dispute_id BIGINT UNIQUE REFERENCES disputes(id),
  outcome TEXT NOT NULL,
  terms TEXT,
  reasons TEXT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at BIGINT NOT NULL,
  CHECK ((appeal_id IS NULL) <> (dispute_id IS NULL)),
  CHECK (appeal_id IS NULL OR (outcome IN ('upheld', 'dismissed') AND terms IS NULL)),
  CHECK (dispute_id IS NULL OR (outcome IN ('for_claimant', 'for_respondent', 'partly') AND
                                terms IS NOT NULL))
);
)sql";

constexpr std::string_view kSqlite = R"sql(
CREATE TRIGGER arbitration_decisions_no_update BEFORE UPDATE ON arbitration_decisions
  BEGIN SELECT RAISE(ABORT, 'arbitration_decisions is append-only'); END;
CREATE TRIGGER arbitration_decisions_no_delete BEFORE DELETE ON arbitration_decisions
  BEGIN SELECT RAISE(ABORT, 'arbitration_decisions is append-only'); END;
)sql";

constexpr std::string_view kPostgres = R"sql(
CREATE TRIGGER arbitration_decisions_append_only BEFORE UPDATE OR DELETE
  ON arbitration_decisions FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER arbitration_decisions_no_truncate BEFORE TRUNCATE ON arbitration_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
)sql";

}  // namespace

const Migration kAppealMigration = {5, "appeals", kPortable, kSqlite, kPostgres};

}  // namespace psl::store
