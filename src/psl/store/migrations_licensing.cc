// Schema version 2: licensing (LIC-1..8): organisations' details, areas, checklist versions,
// licences, their decisions (append-only) and four-eyes proposals.
#include "psl/store/migrations.h"

namespace psl::store {
namespace {

constexpr std::string_view kPortable = R"sql(
ALTER TABLE providers ADD COLUMN legal_form TEXT NOT NULL DEFAULT 'other';
ALTER TABLE providers ADD COLUMN size TEXT NOT NULL DEFAULT 'small';
CREATE TABLE provider_sectors (
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  sector TEXT NOT NULL,
  PRIMARY KEY (provider_id, sector)
);
-- Each lower-case word of each provider's name, for the register's name search (word prefixes
-- through an index instead of a scan of every name).
CREATE TABLE provider_name_words (
  word TEXT NOT NULL,
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  PRIMARY KEY (word, provider_id)
);
CREATE TABLE areas (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  imd_score_micros BIGINT NOT NULL,
  mode TEXT NOT NULL DEFAULT 'live' CHECK (mode IN ('live', 'control'))
);
CREATE TABLE provider_areas (
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  area_code TEXT NOT NULL REFERENCES areas(code),
  PRIMARY KEY (provider_id, area_code)
);
CREATE INDEX provider_areas_by_area ON provider_areas(area_code);
CREATE TABLE checklist_versions (
  version BIGINT PRIMARY KEY,
  items TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE TABLE licences (
  id {{ID}},
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'under_review', 'granted', 'refused',
                                         'suspended', 'revoked')),
  checklist_version BIGINT NOT NULL REFERENCES checklist_versions(version),
  evidence TEXT NOT NULL,
  scope_restriction TEXT,
  applied_at BIGINT NOT NULL,
  granted_on TEXT,
  fee_posting_id BIGINT REFERENCES ledger_postings(id)
);
CREATE INDEX licences_by_provider ON licences(provider_id);
CREATE INDEX licences_by_status ON licences(status);
CREATE TABLE licence_decisions (
  id {{ID}},
  licence_id BIGINT NOT NULL REFERENCES licences(id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  proposed_by BIGINT REFERENCES users(id),
  grounds TEXT,
  reasons TEXT NOT NULL,
  assessment TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX licence_decisions_by_licence ON licence_decisions(licence_id);
CREATE TABLE licence_proposals (
  id {{ID}},
  licence_id BIGINT NOT NULL REFERENCES licences(id),
  action TEXT NOT NULL CHECK (action IN ('suspend', 'revoke')),
  grounds TEXT NOT NULL,
  reasons TEXT NOT NULL,
  proposed_by BIGINT NOT NULL REFERENCES users(id),
  proposed_at BIGINT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'confirmed', 'withdrawn')),
  closed_by BIGINT REFERENCES users(id),
  closed_at BIGINT
);
CREATE UNIQUE INDEX licence_proposals_one_open ON licence_proposals(licence_id)
  WHERE state = 'open';
)sql";

constexpr std::string_view kSqlite = R"sql(
CREATE TRIGGER licence_decisions_no_update BEFORE UPDATE ON licence_decisions
  BEGIN SELECT RAISE(ABORT, 'licence_decisions is append-only'); END;
CREATE TRIGGER licence_decisions_no_delete BEFORE DELETE ON licence_decisions
  BEGIN SELECT RAISE(ABORT, 'licence_decisions is append-only'); END;
)sql";

constexpr std::string_view kPostgres = R"sql(
CREATE TRIGGER licence_decisions_append_only BEFORE UPDATE OR DELETE ON licence_decisions
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER licence_decisions_no_truncate BEFORE TRUNCATE ON licence_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
)sql";

}  // namespace

const Migration kLicensingMigration = {2, "licensing", kPortable, kSqlite, kPostgres};

}  // namespace psl::store
