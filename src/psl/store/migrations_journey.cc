// Schema version 6: the citizen journey (OUT, ENT, ASM, TAR, CHO).
//
// - config_versions: the published versions of the outcomes catalogue, the questionnaire, its
//   rules and the rules of choice, each a JSON document, never changed once written (OUT-3,
//   ASM-1, ASM-2, CHO-1).
// - tariffs: versioned, effective-dated tariffs; proposed by one regulator and approved by a
//   different one (X-5) before they price anything (TAR-4).
// - unemployment_rates: the monthly series the cyclical weight reads (TAR-2).
// - citizens gain their identity; entries record every way in (ENT-1); one record per citizen
//   (ENT-2) is held by unique indexes on the National Insurance number and, for records
//   without one, on the fallback key.
// - assessments (ASM-1..3) are append-only: a reassessment is a new row.
// - choices: one open choice per citizen and End Result, with its format, deadline and
//   shortlist (CHO-1, CHO-3); reopened after a revocation (CHO-7).
// - registrations: one active provider per citizen and End Result (CHO-4, CHO-5), and the
//   registered outcomes with their locked prices and explanation (TAR-4), which no statement
//   can change.
#include "psl/store/migrations.h"

namespace psl::store {
namespace {

constexpr std::string_view kPortable = R"sql(
CREATE TABLE config_versions (
  kind TEXT NOT NULL CHECK (kind IN ('catalogue', 'questionnaire', 'rules', 'choice_rules')),
  version BIGINT NOT NULL,
  document TEXT NOT NULL,
  published_by_user_id BIGINT REFERENCES users(id),
  published_at BIGINT NOT NULL,
  PRIMARY KEY (kind, version)
);
CREATE TABLE tariffs (
  version BIGINT PRIMARY KEY,
  effective_from TEXT NOT NULL,
  document TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'approved')),
  proposed_by_user_id BIGINT REFERENCES users(id),
  proposed_at BIGINT NOT NULL,
  approved_by_user_id BIGINT REFERENCES users(id),
  approved_at BIGINT,
  CHECK ((status = 'approved') = (approved_at IS NOT NULL)),
  CHECK (approved_by_user_id IS NULL OR proposed_by_user_id IS NULL
         OR approved_by_user_id <> proposed_by_user_id)
);
CREATE INDEX tariffs_in_force ON tariffs(status, effective_from, version);
CREATE TABLE unemployment_rates (
  month TEXT PRIMARY KEY,
  rate_tenths BIGINT NOT NULL CHECK (rate_tenths >= 0 AND rate_tenths <= 1000)
);
ALTER TABLE citizens ADD COLUMN full_name TEXT;
ALTER TABLE citizens ADD COLUMN date_of_birth TEXT;
ALTER TABLE citizens ADD COLUMN area_code TEXT REFERENCES areas(code);
ALTER TABLE citizens ADD COLUMN national_insurance TEXT;
ALTER TABLE citizens ADD COLUMN fallback_key TEXT;
ALTER TABLE citizens ADD COLUMN email TEXT;
CREATE UNIQUE INDEX citizens_by_national_insurance ON citizens(national_insurance);
CREATE UNIQUE INDEX citizens_by_fallback_key ON citizens(fallback_key)
  WHERE national_insurance IS NULL;
CREATE INDEX citizens_by_key ON citizens(fallback_key);
CREATE TABLE entries (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens(id),
  route TEXT NOT NULL CHECK (route IN ('life_event', 'referral', 'self_referral')),
  source TEXT NOT NULL,
  recorded_by_user_id BIGINT REFERENCES users(id),
  notes TEXT NOT NULL,
  matched_existing BIGINT NOT NULL CHECK (matched_existing IN (0, 1)),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX entries_by_citizen ON entries(citizen_id, id);
CREATE INDEX entries_by_recorder ON entries(recorded_by_user_id, citizen_id);
CREATE TABLE assessments (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens(id),
  entry_id BIGINT NOT NULL REFERENCES entries(id),
  questionnaire_version BIGINT NOT NULL,
  rules_version BIGINT NOT NULL,
  catalogue_version BIGINT NOT NULL,
  answers TEXT NOT NULL,
  barriers TEXT NOT NULL,
  eligible_outcomes TEXT NOT NULL,
  recommendations TEXT NOT NULL,
  assessed_by_user_id BIGINT NOT NULL REFERENCES users(id),
  taken_on TEXT NOT NULL,
  taken_at BIGINT NOT NULL
);
CREATE INDEX assessments_by_citizen ON assessments(citizen_id, id);
CREATE INDEX assessments_by_assessor ON assessments(assessed_by_user_id, citizen_id);
CREATE TABLE choices (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens(id),
  end_result TEXT NOT NULL,
  assessment_id BIGINT NOT NULL REFERENCES assessments(id),
  format TEXT NOT NULL CHECK (format IN ('free', 'assisted', 'professional')),
  reason TEXT NOT NULL CHECK (reason IN ('assessment', 'revocation')),
  deadline TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'registered', 'superseded')),
  shortlist TEXT,
  shortlisted_by_user_id BIGINT REFERENCES users(id),
  previous_registration_id BIGINT,
  opened_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX choices_one_open ON choices(citizen_id, end_result) WHERE status = 'open';
CREATE INDEX choices_by_deadline ON choices(status, deadline);
CREATE INDEX choices_by_citizen ON choices(citizen_id, id);
CREATE TABLE registrations (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens(id),
  end_result TEXT NOT NULL,
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  choice_id BIGINT NOT NULL REFERENCES choices(id),
  assessment_id BIGINT NOT NULL REFERENCES assessments(id),
  format TEXT NOT NULL,
  basis TEXT NOT NULL CHECK (basis IN ('citizen', 'professional', 'auto_deadline',
                                       'auto_request')),
  chosen_by_user_id BIGINT REFERENCES users(id),
  registered_on TEXT NOT NULL,
  registered_at BIGINT NOT NULL,
  catalogue_version BIGINT NOT NULL,
  tariff_version BIGINT NOT NULL,
  area_code TEXT NOT NULL,
  barriers TEXT NOT NULL,
  barrier_count BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'ended')),
  ended_reason TEXT,
  replaces_registration_id BIGINT REFERENCES registrations(id),
  CHECK ((status = 'ended') = (ended_reason IS NOT NULL))
);
CREATE UNIQUE INDEX registrations_one_active ON registrations(citizen_id, end_result)
  WHERE status = 'active';
CREATE INDEX registrations_by_provider ON registrations(provider_id, id);
CREATE INDEX registrations_by_citizen ON registrations(citizen_id, id);
CREATE TABLE registered_outcomes (
  registration_id BIGINT NOT NULL REFERENCES registrations(id),
  outcome TEXT NOT NULL,
  base_pence BIGINT NOT NULL CHECK (base_pence >= 0),
  geographic_weight_micros BIGINT NOT NULL,
  cyclical_weight_micros BIGINT NOT NULL,
  price_pence BIGINT NOT NULL CHECK (price_pence >= 0),
  tariff_version BIGINT NOT NULL,
  explanation TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'achieved', 'missed', 'transferred')),
  PRIMARY KEY (registration_id, outcome)
);
-- CHO-2's success rates read only closed outcomes: few, next to the many still open.
CREATE INDEX registered_outcomes_closed ON registered_outcomes(outcome, status, registration_id);
)sql";

constexpr std::string_view kSqlite = R"sql(
CREATE TRIGGER config_versions_append_only BEFORE UPDATE ON config_versions
  BEGIN SELECT RAISE(ABORT, 'config_versions is append-only'); END;
CREATE TRIGGER config_versions_no_delete BEFORE DELETE ON config_versions
  BEGIN SELECT RAISE(ABORT, 'config_versions is append-only'); END;
CREATE TRIGGER tariffs_document_locked BEFORE UPDATE OF version, effective_from, document ON tariffs
  BEGIN SELECT RAISE(ABORT, 'a tariff version is never changed'); END;
CREATE TRIGGER tariffs_no_delete BEFORE DELETE ON tariffs
  BEGIN SELECT RAISE(ABORT, 'tariffs are never deleted'); END;
CREATE TRIGGER assessments_append_only BEFORE UPDATE ON assessments
  BEGIN SELECT RAISE(ABORT, 'assessments is append-only'); END;
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
  BEGIN SELECT RAISE(ABORT, 'assessments is append-only'); END;
CREATE TRIGGER entries_append_only BEFORE UPDATE ON entries
  BEGIN SELECT RAISE(ABORT, 'entries is append-only'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
  BEGIN SELECT RAISE(ABORT, 'entries is append-only'); END;
CREATE TRIGGER registrations_no_delete BEFORE DELETE ON registrations
  BEGIN SELECT RAISE(ABORT, 'registrations are never deleted'); END;
CREATE TRIGGER registrations_terms_locked BEFORE UPDATE OF citizen_id, end_result, provider_id,
  registered_on, catalogue_version, tariff_version, area_code, barriers ON registrations
  BEGIN SELECT RAISE(ABORT, 'a registration''s terms are locked'); END;
CREATE TRIGGER registered_outcomes_no_delete BEFORE DELETE ON registered_outcomes
  BEGIN SELECT RAISE(ABORT, 'registered outcomes are never deleted'); END;
CREATE TRIGGER registered_outcomes_price_locked BEFORE UPDATE OF registration_id, outcome,
  base_pence, geographic_weight_micros, cyclical_weight_micros, price_pence, tariff_version,
  explanation ON registered_outcomes
  BEGIN SELECT RAISE(ABORT, 'a locked price is never changed'); END;
)sql";

// psl_refuse_change() is defined by migration 1.
constexpr std::string_view kPostgres = R"sql(
CREATE TRIGGER config_versions_append_only BEFORE UPDATE OR DELETE ON config_versions
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER tariffs_document_locked BEFORE UPDATE OF version, effective_from, document
  ON tariffs FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER tariffs_no_delete BEFORE DELETE ON tariffs
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER assessments_append_only BEFORE UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER registrations_no_delete BEFORE DELETE ON registrations
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER registrations_terms_locked BEFORE UPDATE OF citizen_id, end_result, provider_id,
  registered_on, catalogue_version, tariff_version, area_code, barriers ON registrations
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER registered_outcomes_no_delete BEFORE DELETE ON registered_outcomes
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER registered_outcomes_price_locked BEFORE UPDATE OF registration_id, outcome,
  base_pence, geographic_weight_micros, cyclical_weight_micros, price_pence, tariff_version,
  explanation ON registered_outcomes FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER journey_no_truncate BEFORE TRUNCATE ON registered_outcomes
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
)sql";

}  // namespace

const Migration kJourneyMigration = {6, "citizen journey", kPortable, kSqlite, kPostgres};

}  // namespace psl::store
