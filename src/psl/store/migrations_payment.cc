// Schema version 7: paying by results (PAY-1..11, OUT-4, INN-1, INN-2). docs/payment.md.
//
// - payment_settings: versioned payment settings documents (splits, sliding scale, surveys, ...).
// - provider_payment_modes: each provider's claw-back opt-in over time (PAY-5).
// - outcome_splits: every registered outcome's split, locked with its price (PAY-1..3).
// - evidence_feeds / employment_spells: trusted data imported to verify claims (PAY-7).
// - claims: outcome claims with evidence and the Regulator's (or the feed's) decision (PAY-7).
// - survey_invitations / survey_waves: the satisfaction survey (PAY-6).
// - skunkworks_placements / skunkworks_methodologies: INN-2.
// - payment_lines: every amount due to (or clawed back from) a provider, with its cause; the
//   lines of a run are the providers' statements (PAY-8, PAY-9).
// - payment_runs / payment_run_providers: prepared by one regulator, released by another (X-5).
// - budget_envelopes: government's envelope per End Result and period (PAY-10).
#include "psl/store/migrations.h"

namespace psl::store {
namespace {

constexpr std::string_view kPortable = R"sql(
-- The survey job walks registrations by date (PAY-6).
CREATE INDEX registrations_by_date ON registrations(registered_on, id);
CREATE TABLE payment_settings (
  version BIGINT PRIMARY KEY,
  document TEXT NOT NULL,
  published_by BIGINT REFERENCES users(id),
  published_at BIGINT NOT NULL
);
CREATE TABLE provider_payment_modes (
  id {{ID}},
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  clawback BIGINT NOT NULL CHECK (clawback IN (0, 1)),
  effective_from TEXT NOT NULL,
  set_by BIGINT REFERENCES users(id),
  set_at BIGINT NOT NULL
);
CREATE INDEX provider_payment_modes_by_provider ON provider_payment_modes(provider_id, id);
CREATE TABLE outcome_splits (
  registration_id BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  upfront_pence BIGINT NOT NULL CHECK (upfront_pence >= 0),
  outcome_pence BIGINT NOT NULL CHECK (outcome_pence >= 0),
  satisfaction_pence BIGINT NOT NULL CHECK (satisfaction_pence >= 0),
  upfront_percent BIGINT NOT NULL,
  outcome_percent BIGINT NOT NULL,
  satisfaction_percent BIGINT NOT NULL,
  rule TEXT NOT NULL,
  clawback BIGINT NOT NULL CHECK (clawback IN (0, 1)),
  settings_version BIGINT NOT NULL,
  PRIMARY KEY (registration_id, outcome),
  FOREIGN KEY (registration_id, outcome) REFERENCES registered_outcomes(registration_id, outcome)
);
-- Work queues, so a run touches only what is due and not the whole history: an open outcome's
-- claim deadline (left when the outcome closes) and a satisfaction part's due date (left when its
-- line is written, or when the outcome is transferred). The database keeps them in step.
CREATE TABLE outcome_deadlines (
  registration_id BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  deadline_on TEXT NOT NULL,
  PRIMARY KEY (registration_id, outcome)
);
CREATE INDEX outcome_deadlines_by_date ON outcome_deadlines(deadline_on);
CREATE TABLE satisfaction_due (
  registration_id BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  due_on TEXT NOT NULL,
  PRIMARY KEY (registration_id, outcome)
);
CREATE INDEX satisfaction_due_by_date ON satisfaction_due(due_on);
CREATE TABLE evidence_feeds (
  id {{ID}},
  name TEXT NOT NULL,
  imported_by BIGINT REFERENCES users(id),
  imported_on TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  row_count BIGINT NOT NULL
);
CREATE TABLE employment_spells (
  id {{ID}},
  feed_id BIGINT NOT NULL REFERENCES evidence_feeds(id),
  citizen_id BIGINT REFERENCES citizens(id),
  citizen_key TEXT NOT NULL,
  employer TEXT NOT NULL,
  started_on TEXT NOT NULL,
  ended_on TEXT,
  earnings_pence BIGINT NOT NULL CHECK (earnings_pence >= 0)
);
CREATE INDEX employment_spells_by_citizen ON employment_spells(citizen_id, started_on);
CREATE TABLE claims (
  id {{ID}},
  registration_id BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  citizen_id BIGINT NOT NULL REFERENCES citizens(id),
  achieved_on TEXT NOT NULL,
  fraction_micros BIGINT NOT NULL CHECK (fraction_micros BETWEEN 0 AND 1000000),
  evidence TEXT NOT NULL,
  claimed_by BIGINT REFERENCES users(id),
  claimed_on TEXT NOT NULL,
  claimed_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'rejected')),
  decided_by BIGINT REFERENCES users(id),
  decided_on TEXT,
  decided_at BIGINT,
  reason TEXT,
  verified_by_feed BIGINT REFERENCES evidence_feeds(id),
  FOREIGN KEY (registration_id, outcome) REFERENCES registered_outcomes(registration_id, outcome),
  CHECK ((status = 'pending') = (decided_on IS NULL)),
  CHECK (status <> 'rejected' OR reason IS NOT NULL)
);
-- PAY-7: at most one live claim per outcome, so an outcome is paid at most once.
CREATE UNIQUE INDEX claims_one_live ON claims(registration_id, outcome)
  WHERE status IN ('pending', 'verified');
CREATE INDEX claims_by_status ON claims(status, id);
CREATE INDEX claims_by_provider ON claims(provider_id, id);
CREATE TABLE survey_invitations (
  id {{ID}},
  registration_id BIGINT NOT NULL REFERENCES registrations(id),
  citizen_id BIGINT NOT NULL REFERENCES citizens(id),
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  wave_months BIGINT NOT NULL,
  invited_on TEXT NOT NULL,
  answer TEXT CHECK (answer IS NULL OR answer IN ('extremely_likely', 'likely', 'neither',
                                                  'unlikely', 'extremely_unlikely', 'dont_know')),
  answered_on TEXT,
  answered_at BIGINT,
  CHECK ((answer IS NULL) = (answered_on IS NULL)),
  UNIQUE (registration_id, wave_months)
);
CREATE INDEX survey_invitations_by_citizen ON survey_invitations(citizen_id, id);
CREATE INDEX survey_answers_by_provider ON survey_invitations(provider_id, answered_on);
CREATE INDEX survey_answers_by_date ON survey_invitations(answered_on);
-- How far each wave's job has looked: registrations dated on or before done_through are done.
CREATE TABLE survey_waves (
  wave_months BIGINT PRIMARY KEY,
  done_through TEXT NOT NULL
);
CREATE TABLE skunkworks_placements (
  registration_id BIGINT NOT NULL REFERENCES registrations(id),
  base_outcome TEXT NOT NULL,
  variant TEXT NOT NULL,
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  placed_by BIGINT REFERENCES users(id),
  placed_on TEXT NOT NULL,
  placed_at BIGINT NOT NULL,
  PRIMARY KEY (registration_id, base_outcome)
);
CREATE INDEX skunkworks_placements_by_provider ON skunkworks_placements(provider_id);
CREATE TABLE skunkworks_methodologies (
  id {{ID}},
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  variant TEXT NOT NULL,
  title TEXT NOT NULL,
  methodology TEXT NOT NULL,
  published_by BIGINT REFERENCES users(id),
  published_on TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  UNIQUE (provider_id, variant)
);
CREATE TABLE payment_runs (
  id {{ID}},
  as_of TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('prepared', 'releasing', 'released')),
  prepared_by BIGINT REFERENCES users(id),
  prepared_at BIGINT NOT NULL,
  released_by BIGINT REFERENCES users(id),
  released_at BIGINT,
  line_count BIGINT NOT NULL,
  total_pence BIGINT NOT NULL
);
-- One run open at a time: its lines are spoken for until it is released.
CREATE UNIQUE INDEX payment_runs_one_open ON payment_runs((status <> 'released'))
  WHERE status <> 'released';
CREATE TABLE payment_run_providers (
  run_id BIGINT NOT NULL REFERENCES payment_runs(id),
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  line_count BIGINT NOT NULL,
  gross_pence BIGINT NOT NULL,
  clawback_pence BIGINT NOT NULL,
  receivable_pence BIGINT NOT NULL,
  recovered_pence BIGINT NOT NULL,
  paid_pence BIGINT NOT NULL,
  shortfall_pence BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('prepared', 'paid')),
  posting_id BIGINT REFERENCES ledger_postings(id),
  paid_at BIGINT,
  PRIMARY KEY (run_id, provider_id)
);
CREATE INDEX payment_run_providers_by_provider ON payment_run_providers(provider_id, run_id);
CREATE TABLE payment_lines (
  id {{ID}},
  idempotency_key TEXT NOT NULL UNIQUE,
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  kind TEXT NOT NULL CHECK (kind IN ('upfront', 'outcome', 'satisfaction', 'clawback',
                                     'adjustment')),
  amount_pence BIGINT NOT NULL,
  due_on TEXT NOT NULL,
  end_result TEXT NOT NULL,
  registration_id BIGINT REFERENCES registrations(id),
  outcome TEXT,
  claim_id BIGINT REFERENCES claims(id),
  tariff_version BIGINT,
  rule TEXT NOT NULL,
  posting_id BIGINT REFERENCES ledger_postings(id),
  held_reason TEXT,
  run_id BIGINT REFERENCES payment_runs(id),
  CHECK ((held_reason IS NULL) = (posting_id IS NOT NULL)),
  CHECK (held_reason IS NULL OR run_id IS NULL)
);
CREATE INDEX payment_lines_unpaid ON payment_lines(due_on) WHERE run_id IS NULL;
CREATE INDEX payment_lines_by_run ON payment_lines(run_id, provider_id, id);
CREATE INDEX payment_lines_by_registration ON payment_lines(registration_id);
CREATE INDEX payment_lines_held ON payment_lines(provider_id) WHERE held_reason IS NOT NULL;
CREATE TABLE budget_envelopes (
  id {{ID}},
  end_result TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence >= 0),
  set_by BIGINT REFERENCES users(id),
  set_at BIGINT NOT NULL,
  CHECK (period_from <= period_to)
);
CREATE INDEX budget_envelopes_by_period ON budget_envelopes(end_result, period_from, id);
)sql";

// A due line's content never changes: only a hold may be lifted (once, with its posting) and a
// line assigned to one run (once).
constexpr std::string_view kSqlite = R"sql(
CREATE TRIGGER payment_settings_append_only BEFORE UPDATE ON payment_settings
  BEGIN SELECT RAISE(ABORT, 'payment_settings is append-only'); END;
CREATE TRIGGER outcome_splits_append_only BEFORE UPDATE ON outcome_splits
  BEGIN SELECT RAISE(ABORT, 'a locked split is never changed'); END;
CREATE TRIGGER outcome_splits_no_delete BEFORE DELETE ON outcome_splits
  BEGIN SELECT RAISE(ABORT, 'a locked split is never changed'); END;
CREATE TRIGGER payment_lines_no_delete BEFORE DELETE ON payment_lines
  BEGIN SELECT RAISE(ABORT, 'payment lines are never deleted'); END;
CREATE TRIGGER payment_lines_content_locked BEFORE UPDATE OF idempotency_key, provider_id, kind,
  amount_pence, due_on, end_result, registration_id, outcome, claim_id, tariff_version, rule
  ON payment_lines
  BEGIN SELECT RAISE(ABORT, 'a payment line is never changed'); END;
CREATE TRIGGER payment_lines_run_once BEFORE UPDATE OF run_id ON payment_lines
  WHEN OLD.run_id IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'a payment line belongs to one run'); END;
CREATE TRIGGER payment_lines_posting_once BEFORE UPDATE OF posting_id ON payment_lines
  WHEN OLD.posting_id IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'a payment line is posted once'); END;
CREATE TRIGGER payment_runs_no_delete BEFORE DELETE ON payment_runs
  BEGIN SELECT RAISE(ABORT, 'payment runs are never deleted'); END;
CREATE TRIGGER registered_outcomes_leave_deadlines AFTER UPDATE OF status ON registered_outcomes
  WHEN NEW.status <> 'open'
  BEGIN DELETE FROM outcome_deadlines WHERE registration_id = NEW.registration_id
    AND outcome = NEW.outcome; END;
CREATE TRIGGER registered_outcomes_leave_satisfaction AFTER UPDATE OF status
  ON registered_outcomes WHEN NEW.status = 'transferred'
  BEGIN DELETE FROM satisfaction_due WHERE registration_id = NEW.registration_id
    AND outcome = NEW.outcome; END;
)sql";

// psl_refuse_change() is defined by migration 1.
constexpr std::string_view kPostgres = R"sql(
CREATE TRIGGER payment_settings_append_only BEFORE UPDATE OR DELETE ON payment_settings
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER outcome_splits_append_only BEFORE UPDATE OR DELETE ON outcome_splits
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER payment_lines_no_delete BEFORE DELETE ON payment_lines
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER payment_lines_content_locked BEFORE UPDATE OF idempotency_key, provider_id, kind,
  amount_pence, due_on, end_result, registration_id, outcome, claim_id, tariff_version, rule
  ON payment_lines FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER payment_lines_run_once BEFORE UPDATE OF run_id ON payment_lines
  FOR EACH ROW WHEN (OLD.run_id IS NOT NULL) EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER payment_lines_posting_once BEFORE UPDATE OF posting_id ON payment_lines
  FOR EACH ROW WHEN (OLD.posting_id IS NOT NULL) EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER payment_runs_no_delete BEFORE DELETE ON payment_runs
  FOR EACH ROW EXECUTE FUNCTION psl_refuse_change();
CREATE TRIGGER payment_no_truncate BEFORE TRUNCATE ON payment_lines
  FOR EACH STATEMENT EXECUTE FUNCTION psl_refuse_change();
CREATE FUNCTION psl_outcome_status_queues() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'open' THEN
    DELETE FROM outcome_deadlines WHERE registration_id = NEW.registration_id
      AND outcome = NEW.outcome;
  END IF;
  IF NEW.status = 'transferred' THEN
    DELETE FROM satisfaction_due WHERE registration_id = NEW.registration_id
      AND outcome = NEW.outcome;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER registered_outcomes_status_queues AFTER UPDATE OF status ON registered_outcomes
  FOR EACH ROW EXECUTE FUNCTION psl_outcome_status_queues();
)sql";

}  // namespace

const Migration kPaymentMigration = {7, "paying by results", kPortable, kSqlite, kPostgres};

}  // namespace psl::store
