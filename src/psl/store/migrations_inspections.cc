// Schema version 3: mystery shopping (REG-2).
//
// - inspection_rubrics / inspection_rubric_criteria: the rubric as versioned configuration.
//   Version 1 is the default rubric (regulation::DefaultRubric(); tests/inspections checks that
//   the two agree). Versions are append-only.
// - inspections / inspection_scores: one row per visit and one per answered criterion. A
//   published inspection and its scores never change: the database refuses it.
#include "psl/store/migrations.h"

namespace psl::store {
namespace {

constexpr std::string_view kV3Portable = R"sql(
CREATE TABLE inspection_rubrics (
  version BIGINT PRIMARY KEY CHECK (version >= 1),
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users(id)
);
CREATE TABLE inspection_rubric_criteria (
  version BIGINT NOT NULL REFERENCES inspection_rubrics(version),
  position BIGINT NOT NULL,
  criterion TEXT NOT NULL,
  label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('score', 'flag')),
  adverse_answer BIGINT CHECK (adverse_answer IN (0, 1)),
  PRIMARY KEY (version, position),
  UNIQUE (version, criterion),
  CHECK ((kind = 'flag') = (adverse_answer IS NOT NULL))
);
CREATE TABLE inspections (
  id {{ID}},
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  visit_date TEXT NOT NULL,
  inspector_id BIGINT NOT NULL REFERENCES users(id),
  rubric_version BIGINT NOT NULL REFERENCES inspection_rubrics(version),
  finding TEXT NOT NULL,
  malpractice BIGINT NOT NULL CHECK (malpractice IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT,
  published_by BIGINT REFERENCES users(id),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX inspections_by_provider ON inspections(provider_id, status);
CREATE INDEX inspections_by_status ON inspections(status, inspector_id);
CREATE TABLE inspection_scores (
  inspection_id BIGINT NOT NULL REFERENCES inspections(id),
  criterion TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('score', 'flag')),
  value BIGINT NOT NULL,
  PRIMARY KEY (inspection_id, criterion),
  CHECK ((kind = 'score' AND value BETWEEN 1 AND 5) OR (kind = 'flag' AND value IN (0, 1)))
);
INSERT INTO inspection_rubrics (version, created_at, created_by) VALUES (1, 0, NULL);
INSERT INTO inspection_rubric_criteria (version, position, criterion, label, kind, adverse_answer)
VALUES
  (1, 0, 'courtesy', 'Courtesy: were you treated with respect and patience?', 'score', NULL),
  (1, 1, 'accessibility', 'Accessibility: could you get in, be understood and be helped?',
   'score', NULL),
  (1, 2, 'accuracy_of_information',
   'Accuracy of information: was what you were told about the service true and complete?',
   'score', NULL),
  (1, 3, 'safeguarding', 'Safeguarding: were risks to you noticed and handled properly?',
   'score', NULL),
  (1, 4, 'inducements_offered',
   'Inducements (CHO-6): were you offered anything to choose this provider?', 'flag', 1),
  (1, 5, 'marketing_within_guidelines',
   'Marketing: did the provider''s marketing follow the Regulator''s guidelines?', 'flag', 0);
)sql";

// Published findings are immutable (REG-2): an inspection may change only while a draft (the
// publishing UPDATE itself starts from a draft), and its scores only while it is a draft.
// Rubric versions are append-only.
constexpr std::string_view kV3Sqlite = R"sql(
CREATE TRIGGER inspections_published_no_update BEFORE UPDATE ON inspections
  WHEN OLD.status = 'published'
  BEGIN SELECT RAISE(ABORT, 'published inspections are immutable'); END;
CREATE TRIGGER inspections_published_no_delete BEFORE DELETE ON inspections
  WHEN OLD.status = 'published'
  BEGIN SELECT RAISE(ABORT, 'published inspections are immutable'); END;
CREATE TRIGGER inspection_scores_published_no_insert BEFORE INSERT ON inspection_scores
  WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'published'
  BEGIN SELECT RAISE(ABORT, 'published inspections are immutable'); END;
CREATE TRIGGER inspection_scores_published_no_update BEFORE UPDATE ON inspection_scores
  WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'published'
  BEGIN SELECT RAISE(ABORT, 'published inspections are immutable'); END;
CREATE TRIGGER inspection_scores_published_no_delete BEFORE DELETE ON inspection_scores
  WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'published'
  BEGIN SELECT RAISE(ABORT, 'published inspections are immutable'); END;
CREATE TRIGGER inspection_rubrics_no_update BEFORE UPDATE ON inspection_rubrics
  BEGIN SELECT RAISE(ABORT, 'inspection_rubrics is append-only'); END;
CREATE TRIGGER inspection_rubrics_no_delete BEFORE DELETE ON inspection_rubrics
  BEGIN SELECT RAISE(ABORT, 'inspection_rubrics is append-only'); END;
CREATE TRIGGER inspection_rubric_criteria_no_update BEFORE UPDATE ON inspection_rubric_criteria
  BEGIN SELECT RAISE(ABORT, 'inspection_rubric_criteria is append-only'); END;
CREATE TRIGGER inspection_rubric_criteria_no_delete BEFORE DELETE ON inspection_rubric_criteria
  BEGIN SELECT RAISE(ABORT, 'inspection_rubric_criteria is append-only'); END;
)sql";

constexpr std::string_view kV3Postgres = R"sql(
CREATE FUNCTION psl_refuse_published_inspection_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'published inspections are immutable';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE FUNCTION psl_refuse_published_score_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent BIGINT;
BEGIN
  IF TG_OP = 'INSERT' THEN
    parent := NEW.inspection_id;
  ELSE
    parent := OLD.inspection_id;
  END IF;
  IF EXISTS (SELECT 1 FROM inspections WHERE id = parent AND status = 'published') THEN
    RAISE EXCEPTION 'published inspections are immutable';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER inspections_published_immutable BEFORE UPDATE OR DELETE ON inspections
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_published_inspection_change();
CREATE TRIGGER inspection_scores_published_immutable
  BEFORE INSERT OR UPDATE OR DELETE ON inspection_scores
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_published_score_change();
CREATE TRIGGER inspections_no_truncate BEFORE TRUNCATE ON inspections
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER inspection_scores_no_truncate BEFORE TRUNCATE ON inspection_scores
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER inspection_rubrics_append_only BEFORE UPDATE OR DELETE ON inspection_rubrics
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER inspection_rubrics_no_truncate BEFORE TRUNCATE ON inspection_rubrics
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER inspection_rubric_criteria_append_only
  BEFORE UPDATE OR DELETE ON inspection_rubric_criteria
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER inspection_rubric_criteria_no_truncate BEFORE TRUNCATE ON inspection_rubric_criteria
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
)sql";

}  // namespace

const Migration kInspectionMigration = {3, "inspections", kV3Portable, kV3Sqlite, kV3Postgres};

}  // namespace psl::store
