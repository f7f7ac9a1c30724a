#include "real_system.h"

#include "psl/app/claims.h"
#include "psl/app/payment_runs.h"
#include "psl/ledger/account.h"
#include "psl/store/payment_tables.h"

namespace psl::payment_model {

Result<std::int64_t> SubmitClaim(app::App& app, const app::RequestContext& provider,
                                 const ClaimInput& claim) {
  app::ClaimInput input;
  input.registration_id = claim.registration;
  input.outcome = claim.outcome;
  input.achieved_on = claim.achieved_on;
  if (claim.fraction_micros) input.fraction = Weight::FromMicros(*claim.fraction_micros);
  input.evidence = "Scenario evidence for " + claim.outcome;
  PSL_ASSIGN_OR_RETURN(const store::ClaimRecord record, app::Claims(app).Submit(provider, input));
  return record.id;
}

Result<std::int64_t> VerifyClaim(app::App& app, const app::RequestContext& regulator,
                                 std::int64_t claim) {
  PSL_ASSIGN_OR_RETURN(const store::ClaimRecord record, app::Claims(app).Verify(regulator, claim));
  return record.payment_pence.value_or(0);
}

Status RejectClaim(app::App& app, const app::RequestContext& regulator, std::int64_t claim) {
  return app::Claims(app)
      .Reject(regulator, claim, "Evidence does not show the outcome.")
      .ToStatus();
}

Status SetClawback(app::App& app, ProviderId provider, Date from, bool on) {
  return app.store().Write([&](store::Transaction& transaction) {
    store::PaymentModeRecord record;
    record.provider = provider;
    record.clawback = on;
    record.effective_from = from;
    record.set_at = app.clock().Now();
    return store::PaymentModeTable(transaction.connection()).Insert(record);
  });
}

Result<RealRun> PrepareRun(app::App& app, const app::RequestContext& regulator, Date as_of) {
  PSL_ASSIGN_OR_RETURN(const app::RunView view, app::PaymentRuns(app).Prepare(regulator, as_of));
  RealRun run;
  run.id = view.run.id;
  for (const store::RunProviderRecord& record : view.providers) {
    run.providers.push_back({record.provider, record.line_count, record.gross.pence(),
                             record.clawbacks.pence(), record.receivable.pence(),
                             record.recovered.pence(), record.paid.pence(),
                             record.shortfall.pence()});
  }
  return run;
}

Status ReleaseRun(app::App& app, const app::RequestContext& regulator, std::int64_t run) {
  return app::PaymentRuns(app).Release(regulator, run).ToStatus();
}

Result<std::optional<std::int64_t>> OpenRun(store::Store& store) {
  std::optional<std::int64_t> id;
  PSL_RETURN_IF_ERROR(store.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const auto open, store::PaymentRunTable(transaction.connection()).Open());
    if (open) id = open->id;
    return Status::Ok();
  }));
  return id;
}

Result<RealPosition> ReadPosition(store::Transaction& transaction, ProviderId provider) {
  RealPosition position;
  PSL_ASSIGN_OR_RETURN(const Money payable,
                       transaction.ledger().Balance(ledger::ProviderPayableAccount(provider), {}));
  PSL_ASSIGN_OR_RETURN(
      const Money receivable,
      transaction.ledger().Balance(ledger::ProviderReceivableAccount(provider), {}));
  position.payable = -payable.pence();
  position.receivable = receivable.pence();
  store::Connection& connection = transaction.connection();
  PSL_ASSIGN_OR_RETURN(
      auto paid, connection.Query("SELECT COALESCE(SUM(l.amount_pence), 0) FROM ledger_lines l "
                                  "JOIN ledger_postings p ON p.id = l.posting_id "
                                  "WHERE l.account_code = 'bank' AND p.idempotency_key LIKE $1",
                                  {"payout:%:provider:" + std::to_string(provider.value())}));
  position.paid = -paid.at(0).Int(0);
  PSL_ASSIGN_OR_RETURN(auto lines,
                       connection.Query("SELECT COUNT(*), COALESCE(SUM(amount_pence), 0) FROM "
                                        "payment_lines WHERE provider_id = $1 AND posting_id IS "
                                        "NOT NULL",
                                        {provider.value()}));
  position.lines = lines.at(0).Int(0);
  position.accrued = lines.at(0).Int(1);
  return position;
}

}  // namespace psl::payment_model
