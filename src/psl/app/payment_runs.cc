// Payment runs (PAY-8): prepare in one transaction, release provider by provider so that a crash
// loses nothing and a retry pays nobody twice. docs/payment.md sections 2, 5 and 8.
#include "psl/app/payment_runs.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "psl/app/audit_writer.h"
#include "psl/app/journey_internal.h"
#include "psl/app/payment_accrual.h"
#include "psl/ledger/account.h"
#include "psl/payment/budget.h"
#include "psl/payment/netting.h"
#include "psl/payment/satisfaction.h"
#include "psl/store/budget_table.h"
#include "psl/store/survey_table.h"

namespace psl::app {

using access::Role;
using journey::RequireRole;

namespace {

constexpr int kMaxStatementLines = 100'000;

std::string RunTarget(std::int64_t id) { return "payment_run:" + std::to_string(id); }

// PAY-5: outcomes whose claim deadline has passed with no claim pending or verified are missed;
// in claw-back mode the outcome part paid at registration comes back.
Result<std::int64_t> MarkMissed(store::Transaction& transaction, Date as_of, Timestamp now) {
  PSL_ASSIGN_OR_RETURN(
      const store::Rows rows,
      transaction.connection().Query(
          "SELECT d.registration_id, d.outcome, d.deadline_on, r.provider_id, r.end_result, "
          "ro.tariff_version, COALESCE(s.outcome_pence, 0), COALESCE(s.clawback, 0) "
          "FROM outcome_deadlines d JOIN registrations r ON r.id = d.registration_id "
          "JOIN registered_outcomes ro ON ro.registration_id = d.registration_id AND "
          "ro.outcome = d.outcome LEFT JOIN outcome_splits s ON s.registration_id = "
          "d.registration_id AND s.outcome = d.outcome WHERE d.deadline_on < $1 AND "
          "ro.status = 'open' AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.registration_id = "
          "d.registration_id AND c.outcome = d.outcome AND c.status IN ('pending', 'verified')) "
          "ORDER BY d.deadline_on, d.registration_id, d.outcome",
          {as_of.ToString()}));
  store::RegistrationTable registrations(transaction.connection());
  for (const store::Row& row : rows) {
    const std::int64_t registration_id = row.Int(0);
    const std::string outcome = row.Text(1);
    PSL_RETURN_IF_ERROR(registrations.SetOutcomeStatus(registration_id, outcome, "missed"));
    const Money part = Money::FromPence(row.Int(6));
    if (row.Int(7) != 1 || part.IsZero()) continue;
    store::PaymentLineRecord line;
    line.idempotency_key = "clawback:" + std::to_string(registration_id) + ":" + outcome;
    line.provider = ProviderId(row.Int(3));
    line.kind = "clawback";
    line.amount = Money::FromPence(-part.pence());
    line.due_on = as_of;
    line.end_result = row.Text(4);
    line.registration_id = registration_id;
    line.outcome = outcome;
    line.tariff_version = static_cast<int>(row.Int(5));
    line.rule = "outcome part " + part.Format() + " paid at registration clawed back: not " +
                "verified by its deadline " + row.Text(2) + " (PAY-5)";
    PSL_RETURN_IF_ERROR(
        payments::AccrueDue(
            transaction, line, "registration:" + std::to_string(registration_id),
            "Claw-back of " + outcome + ", registration " + std::to_string(registration_id), now)
            .ToStatus());
  }
  return static_cast<std::int64_t>(rows.size());
}

// INN-2: held skunkworks payments become due once the provider has published its methodology.
Status ReleasePublishedHolds(store::Transaction& transaction, Date as_of, Timestamp now) {
  PSL_ASSIGN_OR_RETURN(
      const store::Rows rows,
      transaction.connection().Query(
          "SELECT l.idempotency_key FROM payment_lines l WHERE l.held_reason IS NOT NULL AND "
          "EXISTS (SELECT 1 FROM skunkworks_methodologies m WHERE m.provider_id = l.provider_id "
          "AND m.variant = l.outcome AND m.published_on <= $1) ORDER BY l.id",
          {as_of.ToString()}));
  store::PaymentLineTable lines(transaction.connection());
  for (const store::Row& row : rows) {
    PSL_ASSIGN_OR_RETURN(const auto line, lines.FindByKey(row.Text(0)));
    if (!line) continue;
    PSL_RETURN_IF_ERROR(payments::ReleaseHeld(transaction, *line, as_of, now));
  }
  return Status::Ok();
}

// PAY-6: satisfaction parts due by `as_of` pay part x the provider's recommend rate over the
// settings' window (the national rate below the minimum sample). With no valid answer anywhere
// they wait in the queue.
Status AccrueSatisfaction(store::Transaction& transaction, const payment::PaymentSettings& settings,
                          Date as_of, Timestamp now) {
  // The window's answers: the day after as_of minus the window, through as_of.
  const Date from = as_of.AddMonths(-settings.satisfaction_window_months).AddDays(1);
  PSL_ASSIGN_OR_RETURN(auto answered,
                       store::SurveyTable(transaction.connection()).CountsByProvider(from, as_of));
  std::map<std::int64_t, payment::AnswerCounts> by_provider;
  payment::AnswerCounts national;
  for (const store::ProviderSurveyCounts& row : answered) {
    by_provider[row.provider.value()] = {row.counts.recommending, row.counts.valid};
    national.recommending += row.counts.recommending;
    national.valid += row.counts.valid;
  }
  PSL_ASSIGN_OR_RETURN(
      const store::Rows due,
      transaction.connection().Query(
          "SELECT q.registration_id, q.outcome, q.due_on, r.provider_id, r.end_result, "
          "s.satisfaction_pence, ro.tariff_version FROM satisfaction_due q JOIN registrations r "
          "ON r.id = q.registration_id JOIN outcome_splits s ON s.registration_id = "
          "q.registration_id AND s.outcome = q.outcome JOIN registered_outcomes ro ON "
          "ro.registration_id = q.registration_id AND ro.outcome = q.outcome WHERE q.due_on <= "
          "$1 ORDER BY q.due_on, q.registration_id, q.outcome",
          {as_of.ToString()}));
  for (const store::Row& row : due) {
    const std::int64_t registration_id = row.Int(0);
    const std::string outcome = row.Text(1);
    const ProviderId provider(row.Int(3));
    const auto counts = by_provider.find(provider.value());
    const auto rate =
        payment::ChooseRate(counts == by_provider.end() ? payment::AnswerCounts{} : counts->second,
                            national, settings.minimum_answers);
    if (!rate) continue;
    const Money part = Money::FromPence(row.Int(5));
    PSL_ASSIGN_OR_RETURN(const Money amount, payment::SatisfactionPayment(part, rate->rate));
    store::PaymentLineRecord line;
    line.idempotency_key = "satisfaction:" + std::to_string(registration_id) + ":" + outcome;
    line.provider = provider;
    line.kind = "satisfaction";
    line.amount = amount;
    line.due_on = as_of;
    line.end_result = row.Text(4);
    line.registration_id = registration_id;
    line.outcome = outcome;
    line.tariff_version = static_cast<int>(row.Int(6));
    line.rule = "satisfaction part " + part.Format() + " x recommend rate " +
                rate->rate.ToString() + " (" + (rate->national ? "national" : "provider") + ": " +
                std::to_string(rate->counts.recommending) + " of " +
                std::to_string(rate->counts.valid) + " answers from " + from.ToString() + " to " +
                as_of.ToString() + ", PAY-6)";
    PSL_RETURN_IF_ERROR(payments::AccrueDue(transaction, line,
                                            "registration:" + std::to_string(registration_id),
                                            "Satisfaction payment for " + outcome +
                                                ", registration " + std::to_string(registration_id),
                                            now)
                            .ToStatus());
    PSL_RETURN_IF_ERROR(transaction.connection()
                            .Execute("DELETE FROM satisfaction_due WHERE registration_id = $1 AND "
                                     "outcome = $2",
                                     {registration_id, outcome})
                            .ToStatus());
  }
  return Status::Ok();
}

// The payout posting of one provider (docs/payment.md §2): what is paid leaves through the bank,
// what is recovered clears the receivable, a shortfall moves into it. Empty when nothing moves.
std::optional<ledger::PostingRequest> PayoutPosting(const store::PaymentRunRecord& run,
                                                    const store::RunProviderRecord& row,
                                                    Date today) {
  const std::int64_t payable = row.paid.pence() + row.recovered.pence() - row.shortfall.pence();
  const std::int64_t receivable = row.shortfall.pence() - row.recovered.pence();
  ledger::PostingRequest posting;
  posting.idempotency_key =
      "payout:run:" + std::to_string(run.id) + ":provider:" + std::to_string(row.provider.value());
  posting.effective_date = today;
  posting.description = "Payment run " + std::to_string(run.id) + " (due up to " +
                        run.as_of.ToString() + "): provider " +
                        std::to_string(row.provider.value());
  posting.cause = RunTarget(run.id);
  if (payable != 0) {
    posting.lines.push_back(
        {ledger::ProviderPayableAccount(row.provider), Money::FromPence(payable)});
  }
  if (row.paid.pence() != 0) {
    posting.lines.push_back(
        {std::string(ledger::kBankAccount), Money::FromPence(-row.paid.pence())});
  }
  if (receivable != 0) {
    posting.lines.push_back(
        {ledger::ProviderReceivableAccount(row.provider), Money::FromPence(receivable)});
  }
  if (posting.lines.size() < 2) return std::nullopt;
  return posting;
}

// X-5 needs two people, so each step is taken by a named regulator, never by the anonymous
// system operator (at the command line: --as USERNAME).
Status RequireNamedRegulator(const RequestContext& context, std::string_view what) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kRegulator}, what));
  if (!context.principal.user_id.valid()) {
    return Status(ErrorCode::kPermissionDenied,
                  "only a named regulator may " + std::string(what) +
                      " (four eyes); at the command line give --as USERNAME",
                  "user");
  }
  return Status::Ok();
}

Status RequireProviderScope(const RequestContext& context, ProviderId provider) {
  if (context.principal.role == Role::kRegulator) return Status::Ok();
  if (context.principal.role == Role::kProvider && context.principal.provider_id &&
      *context.principal.provider_id == provider) {
    return Status::Ok();
  }
  return Status(ErrorCode::kNotFound, "no statement for this provider", "provider_id");
}

}  // namespace

Result<payment::Split> PaymentRuns::PreviewSplit(const SplitRequest& request) {
  payment::PaymentSettings settings;
  std::string end_result;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(settings, payments::LoadPaymentSettings(transaction));
    if (request.outcome) {
      PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                           journey::LoadCatalogue(transaction, std::nullopt));
      const catalogue::KingOutcome* outcome = catalogue.FindOutcome(*request.outcome);
      if (outcome == nullptr) {
        return Status(ErrorCode::kNotFound, "no King Outcome '" + *request.outcome + "'",
                      "outcome");
      }
      end_result = outcome->end_result;
    }
    return Status::Ok();
  }));
  if (request.registered_on < request.licensed_on) {
    return Status(ErrorCode::kInvalidArgument, "a registration cannot precede the licence",
                  "registered_on");
  }
  return payment::SplitFor(settings, request.price, request.licensed_on, request.registered_on,
                           end_result, request.outcome.value_or(""));
}

Result<RunView> PaymentRuns::Prepare(const RequestContext& context, Date as_of) {
  PSL_RETURN_IF_ERROR(RequireNamedRegulator(context, "prepare a payment run (PAY-8)"));
  const Timestamp now = app_.clock().Now();
  if (now.UtcDate() < as_of) {
    return Status(ErrorCode::kInvalidArgument,
                  "a run settles what is due up to a date that has come; " + as_of.ToString() +
                      " is in the future",
                  "as_of");
  }
  std::int64_t run_id = 0;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::PaymentRunTable runs(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto open, runs.Open());
    if (open) {
      return Status(ErrorCode::kConflict,
                    "payment run " + std::to_string(open->id) + " (due up to " +
                        open->as_of.ToString() +
                        ") is still open: release it before preparing another",
                    "as_of");
    }
    store::PaymentRunRecord run;
    run.as_of = as_of;
    run.status = "prepared";
    run.prepared_by = context.principal.user_id;
    run.prepared_at = now;
    auto inserted = runs.Insert(run);
    if (!inserted.ok() && inserted.status().code() == ErrorCode::kAlreadyExists) {
      return Status(ErrorCode::kConflict, "another payment run was opened meanwhile", "as_of");
    }
    PSL_ASSIGN_OR_RETURN(run_id, std::move(inserted));
    PSL_ASSIGN_OR_RETURN(const payment::PaymentSettings settings,
                         payments::LoadPaymentSettings(transaction));
    PSL_ASSIGN_OR_RETURN(const std::int64_t missed, MarkMissed(transaction, as_of, now));
    PSL_RETURN_IF_ERROR(ReleasePublishedHolds(transaction, as_of, now));
    PSL_RETURN_IF_ERROR(AccrueSatisfaction(transaction, settings, as_of, now));
    PSL_ASSIGN_OR_RETURN(const std::int64_t assigned, runs.AssignDueLines(run_id, as_of));
    PSL_RETURN_IF_ERROR(runs.SummariseProviders(run_id));
    PSL_ASSIGN_OR_RETURN(auto providers, runs.Providers(run_id));
    std::int64_t total = 0;
    for (store::RunProviderRecord& row : providers) {
      PSL_ASSIGN_OR_RETURN(row.receivable,
                           transaction.ledger().Balance(
                               ledger::ProviderReceivableAccount(row.provider), std::nullopt));
      const payment::Netting netting =
          payment::Net(Money::FromPence(row.gross.pence() + row.clawbacks.pence()), row.receivable);
      row.recovered = netting.recovered;
      row.paid = netting.paid;
      row.shortfall = netting.shortfall;
      PSL_RETURN_IF_ERROR(runs.SetNetting(row));
      total += row.gross.pence() + row.clawbacks.pence();
    }
    PSL_RETURN_IF_ERROR(runs.SetTotals(run_id, assigned, Money::FromPence(total)));
    return WriteAudit(transaction, context, now, "payment_run.prepare", RunTarget(run_id),
                      nlohmann::json{{"as_of", as_of.ToString()},
                                     {"lines", assigned},
                                     {"providers", providers.size()},
                                     {"missed_outcomes", missed},
                                     {"total_pence", total}}
                          .dump());
  }));
  return Get(context, run_id);
}

Result<RunView> PaymentRuns::Release(const RequestContext& context, std::int64_t run_id,
                                     const RunProgress& progress) {
  PSL_RETURN_IF_ERROR(RequireNamedRegulator(context, "release a payment run (X-5)"));
  std::vector<store::RunProviderRecord> providers;
  store::PaymentRunRecord run;
  // Step 1: four eyes, and the run marked as releasing (so a crash leaves it visibly half done).
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::PaymentRunTable runs(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto found, runs.Get(run_id));
    if (!found) return Status(ErrorCode::kNotFound, "no such payment run", "id");
    run = *found;
    if (run.status == "released") {
      return Status(ErrorCode::kConflict,
                    "payment run " + std::to_string(run_id) + " is already released", "id");
    }
    if (run.prepared_by && *run.prepared_by == context.principal.user_id) {
      return Status(ErrorCode::kFailedPrecondition,
                    "four eyes (X-5): a different regulator must release the payment run you "
                    "prepared",
                    "id");
    }
    if (run.status == "prepared") {
      const Timestamp now = app_.clock().Now();
      PSL_RETURN_IF_ERROR(runs.SetStatus(run_id, "releasing", context.principal.user_id, now));
      PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now, "payment_run.release",
                                     RunTarget(run_id),
                                     nlohmann::json{{"as_of", run.as_of.ToString()}}.dump()));
    }
    PSL_ASSIGN_OR_RETURN(providers, runs.Providers(run_id));
    return Status::Ok();
  }));
  // Step 2: each provider in its own transaction, keyed, so a retry skips those already paid.
  std::int64_t done = 0;
  const auto total = static_cast<std::int64_t>(providers.size());
  for (const store::RunProviderRecord& listed : providers) {
    PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
      store::PaymentRunTable runs(transaction.connection());
      PSL_ASSIGN_OR_RETURN(const auto row, runs.Provider(run_id, listed.provider));
      if (!row || row->status == "paid") return Status::Ok();
      const Timestamp now = app_.clock().Now();
      std::optional<PostingId> posting_id;
      if (auto posting = PayoutPosting(run, *row, now.UtcDate())) {
        PSL_ASSIGN_OR_RETURN(const ledger::PostResult posted,
                             transaction.ledger().Post(*posting, now));
        posting_id = posted.id;
      }
      PSL_RETURN_IF_ERROR(runs.MarkPaid(run_id, row->provider, posting_id, now));
      return WriteAudit(transaction, context, now, "payment_run.pay",
                        RunTarget(run_id) + ":provider:" + std::to_string(row->provider.value()),
                        nlohmann::json{{"paid_pence", row->paid.pence()},
                                       {"recovered_pence", row->recovered.pence()},
                                       {"shortfall_pence", row->shortfall.pence()}}
                            .dump());
    }));
    ++done;
    if (progress) progress(done, total);
  }
  // Step 3: closed.
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::PaymentRunTable runs(transaction.connection());
    const Timestamp now = app_.clock().Now();
    PSL_RETURN_IF_ERROR(runs.SetStatus(run_id, "released", std::nullopt, now));
    return WriteAudit(transaction, context, now, "payment_run.released", RunTarget(run_id),
                      nlohmann::json{{"providers", total}}.dump());
  }));
  return Get(context, run_id);
}

Result<RunView> PaymentRuns::Get(const RequestContext& context, std::int64_t run_id) {
  PSL_RETURN_IF_ERROR(
      RequireRole(context, {Role::kRegulator, Role::kGovernment}, "see payment runs"));
  RunView view;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::PaymentRunTable runs(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto run, runs.Get(run_id));
    if (!run) return Status(ErrorCode::kNotFound, "no such payment run", "id");
    view.run = *run;
    PSL_ASSIGN_OR_RETURN(view.providers, runs.Providers(run_id));
    return Status::Ok();
  }));
  return view;
}

Result<RunPage> PaymentRuns::List(const RequestContext& context, std::int64_t before, int limit) {
  PSL_RETURN_IF_ERROR(
      RequireRole(context, {Role::kRegulator, Role::kGovernment}, "see payment runs"));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  RunPage page;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(page.items,
                         store::PaymentRunTable(transaction.connection()).List(before, limit + 1));
    return Status::Ok();
  }));
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.next_before = page.items.back().id;
  }
  return page;
}

Result<Statement> PaymentRuns::GetStatement(const RequestContext& context, std::int64_t run_id,
                                            ProviderId provider) {
  PSL_RETURN_IF_ERROR(
      RequireRole(context, {Role::kRegulator, Role::kProvider}, "see a payment statement"));
  PSL_RETURN_IF_ERROR(RequireProviderScope(context, provider));
  Statement statement;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::PaymentRunTable runs(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto run, runs.Get(run_id));
    if (!run) return Status(ErrorCode::kNotFound, "no such payment run", "id");
    PSL_ASSIGN_OR_RETURN(const auto summary, runs.Provider(run_id, provider));
    if (!summary) {
      return Status(ErrorCode::kNotFound, "the provider has no statement in this run",
                    "provider_id");
    }
    statement.run = *run;
    statement.summary = *summary;
    PSL_ASSIGN_OR_RETURN(statement.lines, store::PaymentLineTable(transaction.connection())
                                              .ForRun(run_id, provider, 0, kMaxStatementLines));
    return Status::Ok();
  }));
  return statement;
}

Result<std::vector<store::RunProviderRecord>> PaymentRuns::ProviderStatements(
    const RequestContext& context, ProviderId provider) {
  PSL_RETURN_IF_ERROR(
      RequireRole(context, {Role::kRegulator, Role::kProvider}, "see payment statements"));
  PSL_RETURN_IF_ERROR(RequireProviderScope(context, provider));
  std::vector<store::RunProviderRecord> rows;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(
        rows, store::PaymentRunTable(transaction.connection()).ForProvider(provider, kMaxPageSize));
    return Status::Ok();
  }));
  return rows;
}

Result<std::vector<ReceivableView>> PaymentRuns::Receivables(const RequestContext& context) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kRegulator}, "see receivables (PAY-5)"));
  const Date today = app_.clock().Now().UtcDate();
  std::vector<ReceivableView> views;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(
        const store::Rows owing,
        transaction.connection().Query(
            "SELECT p.id, p.name, SUM(l.amount_pence) FROM ledger_lines l JOIN providers p ON "
            "l.account_code = 'provider_receivable:' || CAST(p.id AS TEXT) GROUP BY p.id, p.name "
            "HAVING SUM(l.amount_pence) > 0 ORDER BY p.id"));
    for (const store::Row& row : owing) {
      ReceivableView view;
      view.provider = ProviderId(row.Int(0));
      view.provider_name = row.Text(1);
      view.outstanding = Money::FromPence(row.Int(2));
      // Its age: first in, first out (payment::AgeReceivable, the good-standing rule's own).
      PSL_ASSIGN_OR_RETURN(const auto lines,
                           store::BudgetTable(transaction.connection())
                               .AccountMovements(ledger::ProviderReceivableAccount(view.provider),
                                                 today));
      std::vector<payment::ReceivableMovement> movements;
      movements.reserve(lines.size());
      for (const auto& line : lines) movements.push_back({line.on, line.amount});
      PSL_ASSIGN_OR_RETURN(const payment::ReceivableAge age, payment::AgeReceivable(movements));
      if (age.since) {
        view.oldest_unrecovered = *age.since;
        view.age_days = today.DaysSinceEpoch() - age.since->DaysSinceEpoch();
      }
      views.push_back(std::move(view));
    }
    return Status::Ok();
  }));
  return views;
}

namespace {

// RFC 4180: quote a field that holds a comma, quote or line break; double the quotes.
// A text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
std::string CsvField(const std::string& raw) {
  std::string text = raw;
  if (!text.empty() && std::string_view("=+-@\t").find(text.front()) != std::string_view::npos) {
    text = "'" + text;
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

template <typename T>
std::string OptionalField(const std::optional<T>& value) {
  if (!value) return "";
  if constexpr (std::is_same_v<T, std::string>) {
    return CsvField(*value);
  } else {
    return std::to_string(*value);
  }
}

}  // namespace

std::string StatementCsv(const Statement& statement) {
  std::string csv =
      "run_id,as_of,provider_id,line_id,kind,amount,due_on,end_result,registration_id,"
      "citizen_id,citizen_name,outcome,claim_id,tariff_version,rule,posting_id\r\n";
  for (const store::PaymentLineRecord& line : statement.lines) {
    std::optional<std::int64_t> posting;
    if (line.posting) posting = line.posting->value();
    csv += std::to_string(statement.run.id) + "," + statement.run.as_of.ToString() + "," +
           std::to_string(statement.summary.provider.value()) + "," + std::to_string(line.id) +
           "," + line.kind + "," + line.amount.FormatPlain() + "," + line.due_on.ToString() + "," +
           CsvField(line.end_result) + "," + OptionalField(line.registration_id) + "," +
           OptionalField(line.citizen_id) + "," + CsvField(line.citizen_name) + "," +
           OptionalField(line.outcome) + "," + OptionalField(line.claim_id) + "," +
           OptionalField(line.tariff_version) + "," + CsvField(line.rule) + "," +
           OptionalField(posting) + "\r\n";
  }
  return csv;
}

}  // namespace psl::app
