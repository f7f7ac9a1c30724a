// Shared by the payment use cases (payment_runs.cc, claims.cc, skunkworks.cc, the registration
// in journey_choice.cc): the one way an amount becomes due to a provider (docs/payment.md §2).
// Not part of the app's API.
#pragma once

#include <string>

#include "psl/app/app.h"
#include "psl/payment/settings.h"
#include "psl/payment/split.h"
#include "psl/store/journey_tables.h"
#include "psl/store/payment_tables.h"

namespace psl::app::payments {

// Posts the accrual (debit programme_expense:<end_result>, credit provider_payable:<provider>;
// reversed for a negative amount, i.e. a claw-back), keyed by the line's idempotency key and with
// the line's cause, effective on its due date; then records the due line pointing at it. A zero
// amount moves nothing and records nothing (returns nullopt). Replaying the same key returns the
// existing line's id and posts nothing. `cause` is "<kind>:<id>" (PAY-9), e.g. "registration:17" or
// "claim:5".
Result<std::optional<std::int64_t>> AccrueDue(store::Transaction& transaction,
                                              store::PaymentLineRecord line,
                                              const std::string& cause,
                                              const std::string& description, Timestamp now);

// Records a held line (line.held_reason set, no posting): INN-2's skunkworks payments before the
// methodology is published. Replays return nullopt.
Result<std::optional<std::int64_t>> RecordHeld(store::Transaction& transaction,
                                               const store::PaymentLineRecord& line);

// Lifts a hold: posts the held line's accrual now (effective `on`) and records the posting.
Status ReleaseHeld(store::Transaction& transaction, const store::PaymentLineRecord& line, Date on,
                   Timestamp now);

// Locks one registered outcome's split (PAY-1..3) and queues its claim deadline and satisfaction
// due date for the payment runs: the one way a split is written (registration and skunkworks).
// `window_months + sustain_months` come from the registration's catalogue version.
Result<payment::Split> LockSplit(store::Transaction& transaction,
                                 const store::RegistrationRecord& registration,
                                 const store::RegisteredOutcomeRecord& outcome,
                                 const payment::PaymentSettings& settings, Date licensed_on,
                                 bool clawback, int window_months, int sustain_months);

// PAY-1..3, PAY-5: locks the split of every registered outcome of a registration just written
// (sliding scale from the provider's licence grant, overrides, claw-back mode on the day) and
// accrues the upfront parts (with the outcome parts in claw-back mode), one due line each.
Status LockSplitsAndAccrueUpfront(store::Transaction& transaction, std::int64_t registration_id,
                                  Timestamp now);

// The latest published payment settings (version 1 = payment::DefaultPaymentSettings()).
Result<payment::PaymentSettings> LoadPaymentSettings(store::Transaction& transaction);

// The general licence's first grant date of a provider (the sliding scale's start, PAY-3);
// kFailedPrecondition when the provider has never held a granted general licence.
Result<Date> LicensedOn(store::Transaction& transaction, ProviderId provider);

}  // namespace psl::app::payments
