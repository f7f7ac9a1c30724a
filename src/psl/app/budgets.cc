// Payment settings versions, the claw-back mode and budgets (docs/payment.md §1, §5, §9).
#include "psl/app/budgets.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "psl/app/audit_writer.h"
#include "psl/app/journey_internal.h"
#include "psl/app/payment_accrual.h"
#include "psl/config/config_json.h"
#include "psl/ledger/account.h"
#include "psl/payment/budget.h"
#include "psl/store/payment_tables.h"
#include "psl/store/user_tables.h"

namespace psl::app {

using access::Role;
using access::RoleSet;

const char* const kExpectedSuccessNote =
    "Committed spend is an estimate: for the registrations made in each month, the upfront "
    "parts plus the outcome and satisfaction parts times the expected success of each King "
    "Outcome, which is its national share of closed outcomes achieved (achieved / (achieved + "
    "missed)), or 50% while fewer than 20 have closed; rounded down to the penny once per King "
    "Outcome and month. Paid spend is what has been accrued to the End Result's programme "
    "expense account (claw-backs net), by month of the posting's effective date.";

// --- Payment settings ------------------------------------------------------------------------

namespace {

std::optional<UserId> Publisher(const RequestContext& context) {
  if (!context.principal.user_id.valid()) return std::nullopt;
  return context.principal.user_id;
}

Result<PaymentSettingsView> ViewOf(const store::PaymentSettingsRecord& record) {
  auto parsed = config::ParsePaymentSettings(record.document);
  if (!parsed.ok()) {
    return Status(ErrorCode::kInternal, "stored payment settings version " +
                                            std::to_string(record.version) +
                                            " do not parse: " + parsed.status().message());
  }
  return PaymentSettingsView{record.version, record.published_at, std::move(parsed).value()};
}

PaymentSettingsView BuiltIn() { return {1, std::nullopt, payment::DefaultPaymentSettings()}; }

}  // namespace

Result<PaymentSettingsView> PaymentSettingsAdmin::Get(std::optional<int> version) {
  PaymentSettingsView view;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::PaymentSettingsTable table(transaction.connection());
    std::optional<store::PaymentSettingsRecord> record;
    if (version) {
      PSL_ASSIGN_OR_RETURN(record, table.Get(*version));
    } else {
      PSL_ASSIGN_OR_RETURN(record, table.Latest());
    }
    if (!record) {
      if (!version || *version == 1) {
        view = BuiltIn();
        return Status::Ok();
      }
      return Status(ErrorCode::kNotFound,
                    "there is no payment settings version " + std::to_string(*version), "version");
    }
    PSL_ASSIGN_OR_RETURN(view, ViewOf(*record));
    return Status::Ok();
  }));
  return view;
}

Result<PaymentSettingsView> PaymentSettingsAdmin::Publish(const RequestContext& context,
                                                          payment::PaymentSettings settings,
                                                          std::optional<int> expected_version) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kRegulator}));
  PaymentSettingsView view;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::PaymentSettingsTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto latest, table.Latest());
    const int next = (latest ? latest->version : 1) + 1;
    if (expected_version && *expected_version != next) {
      return Status(ErrorCode::kConflict,
                    "the next payment settings version is " + std::to_string(next), "version");
    }
    settings.version = next;
    PSL_RETURN_IF_ERROR(payment::ValidatePaymentSettings(settings));
    const Timestamp now = app_.clock().Now();
    PSL_RETURN_IF_ERROR(
        table.Insert({next, config::PaymentSettingsToJson(settings), Publisher(context), now}));
    view = PaymentSettingsView{next, now, settings};
    return WriteAudit(transaction, context, now, "payment_settings.publish",
                      "payment_settings:" + std::to_string(next),
                      nlohmann::json{{"end_result_splits", settings.end_result_splits.size()},
                                     {"outcome_splits", settings.outcome_splits.size()},
                                     {"relative_results_end_results",
                                      settings.relative_results_end_results.size()}}
                          .dump());
  }));
  return view;
}

// --- Claw-back mode (PAY-5) --------------------------------------------------------------------

namespace {

Status NoSuchProvider() { return Status(ErrorCode::kNotFound, "no such provider", "id"); }

// The Regulator sees every provider; a provider only itself; anyone else is told not found
// (after the role check, so the public still hears that it must sign in).
Status CheckScope(store::Transaction& transaction, const RequestContext& context,
                  ProviderId provider) {
  if (context.principal.role == Role::kProvider && context.principal.provider_id != provider) {
    return NoSuchProvider();
  }
  PSL_ASSIGN_OR_RETURN(const bool exists,
                       store::PartyTable(transaction.connection()).ProviderExists(provider));
  if (!exists) return NoSuchProvider();
  return Status::Ok();
}

Result<payment::GoodStanding> StandingOf(store::Transaction& transaction, ProviderId provider,
                                         const payment::PaymentSettings& settings, Date today) {
  store::BudgetTable table(transaction.connection());
  PSL_ASSIGN_OR_RETURN(const std::vector<std::string> statuses,
                       table.GeneralLicenceStatuses(provider));
  bool granted = false;
  for (const std::string& status : statuses) granted = granted || status == "granted";
  std::string problem = "the provider holds no granted general licence";
  if (!granted && !statuses.empty() &&
      (statuses.back() == "suspended" || statuses.back() == "revoked")) {
    problem = "the general licence is " + statuses.back();
  }
  PSL_ASSIGN_OR_RETURN(const std::vector<store::DatedAmount> lines,
                       table.AccountMovements(ledger::ProviderReceivableAccount(provider), today));
  std::vector<payment::ReceivableMovement> movements;
  movements.reserve(lines.size());
  for (const store::DatedAmount& line : lines) movements.push_back({line.on, line.amount});
  PSL_ASSIGN_OR_RETURN(const payment::ReceivableAge age, payment::AgeReceivable(movements));
  return payment::CheckGoodStanding(granted, problem, age, today, settings.receivable_overdue_days);
}

Result<PaymentModeView> LoadMode(store::Transaction& transaction, ProviderId provider,
                                 const payment::PaymentSettings& settings, Date today) {
  PaymentModeView view;
  view.provider = provider;
  PSL_ASSIGN_OR_RETURN(const auto history,
                       store::PaymentModeTable(transaction.connection()).History(provider));
  // History is oldest first, and the latest choice wins (PaymentModeTable::ClawbackOn).
  const store::PaymentModeRecord* latest = nullptr;
  for (const store::PaymentModeRecord& record : history) {
    if (latest == nullptr || record.effective_from > latest->effective_from ||
        (record.effective_from == latest->effective_from && record.id > latest->id)) {
      latest = &record;
    }
  }
  if (latest != nullptr) {
    view.clawback = latest->clawback;
    view.effective_from = latest->effective_from;
  }
  PSL_ASSIGN_OR_RETURN(const payment::GoodStanding standing,
                       StandingOf(transaction, provider, settings, today));
  view.good_standing = standing.good;
  view.good_standing_reason = standing.reason;
  return view;
}

}  // namespace

Result<PaymentModeView> PaymentModes::Get(const RequestContext& context, ProviderId provider) {
  PSL_RETURN_IF_ERROR(
      access::RequireRole(context.principal, RoleSet{Role::kRegulator, Role::kProvider}));
  PaymentModeView view;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(CheckScope(transaction, context, provider));
    PSL_ASSIGN_OR_RETURN(const payment::PaymentSettings settings,
                         payments::LoadPaymentSettings(transaction));
    PSL_ASSIGN_OR_RETURN(view,
                         LoadMode(transaction, provider, settings, app_.clock().Now().UtcDate()));
    return Status::Ok();
  }));
  return view;
}

Result<PaymentModeView> PaymentModes::Set(const RequestContext& context, ProviderId provider,
                                          bool clawback) {
  PSL_RETURN_IF_ERROR(
      access::RequireRole(context.principal, RoleSet{Role::kRegulator, Role::kProvider}));
  PaymentModeView view;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(CheckScope(transaction, context, provider));
    PSL_ASSIGN_OR_RETURN(const payment::PaymentSettings settings,
                         payments::LoadPaymentSettings(transaction));
    const Timestamp now = app_.clock().Now();
    const Date today = now.UtcDate();
    PSL_ASSIGN_OR_RETURN(view, LoadMode(transaction, provider, settings, today));
    if (clawback && settings.clawback_requires_good_standing && !view.good_standing) {
      return Status(ErrorCode::kFailedPrecondition,
                    "the claw-back mode is for providers in good standing: " +
                        view.good_standing_reason.value_or("not in good standing"),
                    "clawback");
    }
    // Never chosen counts as "off": choosing off then writes nothing either.
    if (view.clawback == clawback) return Status::Ok();
    const Date tomorrow = today.AddDays(1);
    PSL_RETURN_IF_ERROR(store::PaymentModeTable(transaction.connection())
                            .Insert({0, provider, clawback, tomorrow, Publisher(context), now}));
    view.clawback = clawback;
    view.effective_from = tomorrow;
    return WriteAudit(transaction, context, now, "payment_mode.set",
                      "provider:" + std::to_string(provider.value()),
                      nlohmann::json{{"clawback", clawback},
                                     {"effective_from", tomorrow.ToString()},
                                     {"good_standing", view.good_standing}}
                          .dump());
  }));
  return view;
}

// --- Budgets (PAY-10) ----------------------------------------------------------------------

namespace {

int MonthIndex(const Date& date) { return date.year() * 12 + (date.month() - 1); }

// "2026-04", as the store's substr(date, 1, 7) groups months (years always four digits).
std::string MonthOf(int index) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", index / 12, index % 12 + 1);
  return text;
}

Result<BudgetView> Measure(store::BudgetTable& table, const store::BudgetEnvelopeRecord& envelope) {
  BudgetView view;
  view.envelope = envelope;
  std::map<std::string, BudgetMonth> months;
  for (int index = MonthIndex(envelope.period_from); index <= MonthIndex(envelope.period_to);
       ++index) {
    const std::string month = MonthOf(index);
    months[month] = BudgetMonth{month, Money::Zero(), Money::Zero()};
  }

  PSL_ASSIGN_OR_RETURN(
      const std::vector<store::CommittedInputsRow> inputs,
      table.CommittedInputs(envelope.end_result, envelope.period_from, envelope.period_to));
  std::vector<std::string> outcomes;
  for (const store::CommittedInputsRow& row : inputs) {
    if (std::find(outcomes.begin(), outcomes.end(), row.outcome) == outcomes.end()) {
      outcomes.push_back(row.outcome);
    }
  }
  PSL_ASSIGN_OR_RETURN(const auto closed, table.Closed(outcomes));
  for (const store::CommittedInputsRow& row : inputs) {
    const auto counts = closed.find(row.outcome);
    const payment::ExpectedSuccess success =
        counts == closed.end()
            ? payment::ExpectedSuccessFor(0, 0)
            : payment::ExpectedSuccessFor(counts->second.achieved, counts->second.missed);
    PSL_ASSIGN_OR_RETURN(
        const Money committed,
        payment::EstimateCommitted({row.upfront, row.outcome_part, row.satisfaction}, success));
    BudgetMonth& month = months[row.month];
    month.month = row.month;
    PSL_ASSIGN_OR_RETURN(month.committed, month.committed.Add(committed));
  }

  PSL_ASSIGN_OR_RETURN(const std::vector<store::MonthAmount> paid,
                       table.AccountByMonth(ledger::ProgrammeExpenseAccount(envelope.end_result),
                                            envelope.period_from, envelope.period_to));
  for (const store::MonthAmount& row : paid) {
    BudgetMonth& month = months[row.month];
    month.month = row.month;
    PSL_ASSIGN_OR_RETURN(month.paid, month.paid.Add(row.amount));
  }

  for (auto& [name, month] : months) {
    PSL_ASSIGN_OR_RETURN(view.committed, view.committed.Add(month.committed));
    PSL_ASSIGN_OR_RETURN(view.paid, view.paid.Add(month.paid));
    view.months.push_back(month);
  }
  return view;
}

}  // namespace

Result<store::BudgetEnvelopeRecord> Budgets::Set(const RequestContext& context,
                                                 const BudgetInput& input) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kGovernment}));
  if (input.amount.pence() < 0) {
    return Status(ErrorCode::kInvalidArgument, "an envelope is never negative", "amount_pence");
  }
  if (input.period_to < input.period_from) {
    return Status(ErrorCode::kInvalidArgument, "the period ends on or after it starts",
                  "period_to");
  }
  if (MonthIndex(input.period_to) - MonthIndex(input.period_from) >= kMaxBudgetMonths) {
    return Status(ErrorCode::kInvalidArgument,
                  "a period spans at most " + std::to_string(kMaxBudgetMonths) + " months",
                  "period_to");
  }
  store::BudgetEnvelopeRecord envelope;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                         journey::LoadCatalogue(transaction, std::nullopt));
    if (catalogue.FindEndResult(input.end_result) == nullptr) {
      return Status(ErrorCode::kInvalidArgument,
                    "no End Result '" + input.end_result + "' in the current catalogue",
                    "end_result");
    }
    const Timestamp now = app_.clock().Now();
    envelope = {
        0,  input.end_result, input.period_from, input.period_to, input.amount, Publisher(context),
        now};
    store::BudgetTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(envelope.id, table.Insert(envelope));
    return WriteAudit(transaction, context, now, "budget.set",
                      "budget:" + std::to_string(envelope.id),
                      nlohmann::json{{"end_result", envelope.end_result},
                                     {"period_from", envelope.period_from.ToString()},
                                     {"period_to", envelope.period_to.ToString()},
                                     {"amount_pence", envelope.amount.pence()}}
                          .dump());
  }));
  return envelope;
}

Result<std::vector<BudgetView>> Budgets::List(const RequestContext& context,
                                              std::optional<Date> from, std::optional<Date> to) {
  PSL_RETURN_IF_ERROR(
      access::RequireRole(context.principal, RoleSet{Role::kGovernment, Role::kRegulator}));
  if (from && to && *to < *from) {
    return Status(ErrorCode::kInvalidArgument, "to must be on or after from", "to");
  }
  const Date first = from.value_or(Date::FromCivil(1, 1, 1).value());
  const Date last = to.value_or(Date::FromCivil(9999, 12, 31).value());
  std::vector<BudgetView> views;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::BudgetTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto envelopes, table.InForce(first, last, kMaxBudgetEnvelopes));
    for (const store::BudgetEnvelopeRecord& envelope : envelopes) {
      PSL_ASSIGN_OR_RETURN(BudgetView view, Measure(table, envelope));
      views.push_back(std::move(view));
    }
    return Status::Ok();
  }));
  return views;
}

}  // namespace psl::app
