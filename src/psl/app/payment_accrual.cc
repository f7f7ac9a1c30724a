#include "psl/app/payment_accrual.h"

#include "psl/config/config_json.h"
#include "psl/ledger/account.h"

namespace psl::app::payments {

namespace {

ledger::PostingRequest AccrualPosting(const store::PaymentLineRecord& line,
                                      const std::string& cause, const std::string& description,
                                      Date effective) {
  ledger::PostingRequest posting;
  posting.idempotency_key = line.idempotency_key;
  posting.effective_date = effective;
  posting.description = description.substr(0, ledger::kMaxDescriptionLength);
  posting.cause = cause.substr(0, ledger::kMaxCauseLength);
  // Debits positive: the programme's expense grows and PSL owes the provider (a claw-back, with
  // a negative amount, runs the other way).
  posting.lines = {
      {ledger::ProgrammeExpenseAccount(line.end_result), line.amount},
      {ledger::ProviderPayableAccount(line.provider), Money::FromPence(-line.amount.pence())}};
  return posting;
}

}  // namespace

Result<std::optional<std::int64_t>> AccrueDue(store::Transaction& transaction,
                                              store::PaymentLineRecord line,
                                              const std::string& cause,
                                              const std::string& description, Timestamp now) {
  if (line.amount.IsZero()) return std::optional<std::int64_t>();
  store::PaymentLineTable lines(transaction.connection());
  PSL_ASSIGN_OR_RETURN(const auto existing, lines.FindByKey(line.idempotency_key));
  if (existing) return std::optional<std::int64_t>(existing->id);
  PSL_ASSIGN_OR_RETURN(
      const ledger::PostResult posted,
      transaction.ledger().Post(AccrualPosting(line, cause, description, line.due_on), now));
  line.posting = posted.id;
  line.held_reason.reset();
  return lines.Insert(line);
}

Result<std::optional<std::int64_t>> RecordHeld(store::Transaction& transaction,
                                               const store::PaymentLineRecord& line) {
  if (line.amount.IsZero()) return std::optional<std::int64_t>();
  if (!line.held_reason) {
    return Status(ErrorCode::kInternal, "a held line needs its reason", "held_reason");
  }
  store::PaymentLineRecord held = line;
  held.posting.reset();
  return store::PaymentLineTable(transaction.connection()).Insert(held);
}

Status ReleaseHeld(store::Transaction& transaction, const store::PaymentLineRecord& line, Date on,
                   Timestamp now) {
  const std::string cause = line.claim_id ? "claim:" + std::to_string(*line.claim_id)
                                          : "payment_line:" + std::to_string(line.id);
  PSL_ASSIGN_OR_RETURN(const ledger::PostResult posted,
                       transaction.ledger().Post(
                           AccrualPosting(line, cause, "Released hold: " + line.rule, on), now));
  PSL_ASSIGN_OR_RETURN(
      const bool released,
      store::PaymentLineTable(transaction.connection()).Release(line.id, posted.id));
  if (!released) return Status(ErrorCode::kConflict, "the line was no longer held", "held_reason");
  return Status::Ok();
}

Result<payment::PaymentSettings> LoadPaymentSettings(store::Transaction& transaction) {
  store::PaymentSettingsTable table(transaction.connection());
  PSL_ASSIGN_OR_RETURN(const auto record, table.Latest());
  if (!record) return payment::DefaultPaymentSettings();
  auto parsed = config::ParsePaymentSettings(record->document);
  if (!parsed.ok()) {
    return Status(ErrorCode::kInternal,
                  "stored payment settings do not parse: " + parsed.status().message());
  }
  return std::move(parsed).value();
}

Result<Date> LicensedOn(store::Transaction& transaction, ProviderId provider) {
  PSL_ASSIGN_OR_RETURN(
      const store::Rows rows,
      transaction.connection().Query(
          "SELECT MIN(granted_on) FROM licences WHERE provider_id = $1 AND kind = 'general' "
          "AND granted_on IS NOT NULL",
          {provider.value()}));
  if (rows.empty() || rows.front().IsNull(0)) {
    return Status(ErrorCode::kFailedPrecondition, "the provider has never held a general licence",
                  "provider_id");
  }
  return Date::Parse(rows.front().Text(0));
}

}  // namespace psl::app::payments
