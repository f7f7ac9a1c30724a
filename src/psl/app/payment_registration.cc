// PAY-1..3, PAY-5 at registration: the split is locked with the price, and the upfront part
// (with the outcome part in claw-back mode) becomes due to the provider at once.
#include <algorithm>
#include <string>

#include "psl/app/journey_internal.h"
#include "psl/app/payment_accrual.h"
#include "psl/payment/split.h"
#include "psl/store/journey_tables.h"

namespace psl::app::payments {

namespace {

std::string UpfrontRule(const payment::Split& split, const store::RegisteredOutcomeRecord& outcome,
                        bool clawback) {
  std::string rule = "upfront " + std::to_string(split.shares.upfront_percent) + "% of " +
                     Money::FromPence(outcome.price_pence).Format() + " (" + split.rule + ")";
  if (clawback) {
    rule += " + outcome " + std::to_string(split.shares.outcome_percent) +
            "% paid now in claw-back mode (PAY-5)";
  }
  return rule;
}

}  // namespace

Result<payment::Split> LockSplit(store::Transaction& transaction,
                                 const store::RegistrationRecord& registration,
                                 const store::RegisteredOutcomeRecord& outcome,
                                 const payment::PaymentSettings& settings, Date licensed_on,
                                 bool clawback, int window_months, int sustain_months) {
  PSL_ASSIGN_OR_RETURN(
      const payment::Split split,
      payment::SplitFor(settings, Money::FromPence(outcome.price_pence), licensed_on,
                        registration.registered_on, registration.end_result, outcome.outcome));
  store::OutcomeSplitRecord record;
  record.registration_id = registration.id;
  record.outcome = outcome.outcome;
  record.upfront = split.upfront;
  record.outcome_part = split.outcome;
  record.satisfaction = split.satisfaction;
  record.upfront_percent = split.shares.upfront_percent;
  record.outcome_percent = split.shares.outcome_percent;
  record.satisfaction_percent = split.shares.satisfaction_percent;
  record.rule = split.rule;
  record.clawback = clawback;
  record.settings_version = settings.version;
  store::OutcomeSplitTable splits(transaction.connection());
  PSL_RETURN_IF_ERROR(splits.Insert(record));
  // docs/payment.md §3: claims close window + sustainment months after registration; §4: the
  // satisfaction part falls due at the last survey wave.
  const Date deadline = registration.registered_on.AddMonths(window_months + sustain_months);
  const int last_wave = settings.survey_months.empty() ? 12 : settings.survey_months.back();
  PSL_RETURN_IF_ERROR(
      splits.Queue(registration.id, outcome.outcome, deadline,
                   split.satisfaction.IsZero()
                       ? std::nullopt
                       : std::optional<Date>(registration.registered_on.AddMonths(last_wave))));
  return split;
}

Status LockSplitsAndAccrueUpfront(store::Transaction& transaction, std::int64_t registration_id,
                                  Timestamp now) {
  store::RegistrationTable registrations(transaction.connection());
  PSL_ASSIGN_OR_RETURN(const auto registration, registrations.Get(registration_id));
  if (!registration) return Status(ErrorCode::kNotFound, "no such registration", "registration_id");
  PSL_ASSIGN_OR_RETURN(const payment::PaymentSettings settings, LoadPaymentSettings(transaction));
  PSL_ASSIGN_OR_RETURN(const Date licensed_on, LicensedOn(transaction, registration->provider_id));
  PSL_ASSIGN_OR_RETURN(const bool clawback,
                       store::PaymentModeTable(transaction.connection())
                           .ClawbackOn(registration->provider_id, registration->registered_on));
  PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                       journey::LoadCatalogue(transaction, registration->catalogue_version));
  for (const store::RegisteredOutcomeRecord& outcome : registration->outcomes) {
    if (outcome.status != "open") continue;
    const catalogue::KingOutcome* king = catalogue.FindOutcome(outcome.outcome);
    if (king == nullptr) {
      return Status(ErrorCode::kInternal, "a registered outcome is missing from its catalogue");
    }
    PSL_ASSIGN_OR_RETURN(const payment::Split split,
                         LockSplit(transaction, *registration, outcome, settings, licensed_on,
                                   clawback, king->window_months, king->sustain_months));
    store::PaymentLineRecord line;
    line.idempotency_key = "upfront:" + std::to_string(registration_id) + ":" + outcome.outcome;
    line.provider = registration->provider_id;
    line.kind = "upfront";
    line.amount =
        clawback ? Money::FromPence(split.upfront.pence() + split.outcome.pence()) : split.upfront;
    line.due_on = registration->registered_on;
    line.end_result = registration->end_result;
    line.registration_id = registration_id;
    line.outcome = outcome.outcome;
    line.tariff_version = outcome.tariff_version;
    line.rule = UpfrontRule(split, outcome, clawback);
    PSL_RETURN_IF_ERROR(AccrueDue(transaction, line,
                                  "registration:" + std::to_string(registration_id),
                                  "Upfront payment for " + outcome.outcome + ", registration " +
                                      std::to_string(registration_id),
                                  now)
                            .ToStatus());
  }
  return Status::Ok();
}

}  // namespace psl::app::payments
