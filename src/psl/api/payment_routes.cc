// Routes and handlers for the split preview, payment runs, statements and receivables (PAY-1..3,
// PAY-5, PAY-8, X-5). Who may do what is in app/payment_runs.h; the handlers decode, call one use
// case, and encode.
#include <array>
#include <limits>

#include "psl/api/licensing_decoding.h"
#include "psl/api/payment_decoding.h"
#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"
#include "psl/app/payment_runs.h"

namespace psl::api {
namespace {

using access::Role;
using access::RoleSet;
using nlohmann::json;

template <typename T, typename Encode>
ApiResponse Respond(int status, const Result<T>& result, Encode encode) {
  if (!result.ok()) return ErrorResponse(result.status());
  return ApiResponse::Json(status, encode(*result));
}

template <typename Id>
json NullableId(const std::optional<Id>& id) {
  return id ? json(id->value()) : json(nullptr);
}

json SplitJson(const payment::Split& split) {
  return {{"upfront_pence", split.upfront.pence()},
          {"outcome_pence", split.outcome.pence()},
          {"satisfaction_pence", split.satisfaction.pence()},
          {"rule", split.rule}};
}

json RunJson(const store::PaymentRunRecord& run) {
  return {{"id", run.id},
          {"as_of", run.as_of.ToString()},
          {"status", run.status},
          {"prepared_by_user_id", NullableId(run.prepared_by)},
          {"prepared_at", run.prepared_at.ToIso8601()},
          {"released_by_user_id", NullableId(run.released_by)},
          {"released_at", run.released_at ? json(run.released_at->ToIso8601()) : json(nullptr)},
          {"line_count", run.line_count},
          {"total_pence", run.total.pence()}};
}

json RunProviderJson(const store::RunProviderRecord& row) {
  return {{"run_id", row.run_id},
          {"as_of", row.run_as_of.ToString()},
          {"provider_id", row.provider.value()},
          {"provider_name", row.provider_name},
          {"line_count", row.line_count},
          {"gross_pence", row.gross.pence()},
          {"clawback_pence", row.clawbacks.pence()},
          {"receivable_pence", row.receivable.pence()},
          {"recovered_pence", row.recovered.pence()},
          {"paid_pence", row.paid.pence()},
          {"shortfall_pence", row.shortfall.pence()},
          {"status", row.status},
          {"posting_id", NullableId(row.posting)}};
}

json RunViewJson(const app::RunView& view) {
  json result = RunJson(view.run);
  json providers = json::array();
  for (const auto& row : view.providers) providers.push_back(RunProviderJson(row));
  result["providers"] = providers;
  return result;
}

json LineJson(const store::PaymentLineRecord& line) {
  auto optional = [](const auto& value) { return value ? json(*value) : json(nullptr); };
  return {{"id", line.id},
          {"kind", line.kind},
          {"amount_pence", line.amount.pence()},
          {"due_on", line.due_on.ToString()},
          {"end_result", line.end_result},
          {"registration_id", optional(line.registration_id)},
          {"citizen_id", optional(line.citizen_id)},
          {"citizen_name", line.citizen_name},
          {"outcome", optional(line.outcome)},
          {"claim_id", optional(line.claim_id)},
          {"tariff_version", optional(line.tariff_version)},
          {"rule", line.rule},
          {"posting_id", NullableId(line.posting)}};
}

json StatementJson(const app::Statement& statement) {
  json lines = json::array();
  for (const auto& line : statement.lines) lines.push_back(LineJson(line));
  return {{"run", RunJson(statement.run)},
          {"summary", RunProviderJson(statement.summary)},
          {"lines", lines}};
}

Result<std::int64_t> PathRun(const ApiRequest& request) {
  return DecodePathId(request.path_parameters.at(0), "id");
}

Result<ProviderId> PathProvider(const ApiRequest& request, std::size_t at) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t id,
                       DecodePathId(request.path_parameters.at(at), "provider_id"));
  return ProviderId(id);
}

// --- Handlers ---

ApiResponse PostSplit(Services& services, const ApiRequest& request) {
  auto input = DecodeSplitRequest(request.body);
  if (!input.ok()) return ErrorResponse(input.status());
  return Respond(200, app::PaymentRuns(services.app).PreviewSplit(*input), SplitJson);
}

ApiResponse PrepareRun(Services& services, const ApiRequest& request) {
  auto as_of = DecodePaymentRunRequest(request.body);
  if (!as_of.ok()) return ErrorResponse(as_of.status());
  return Respond(201, app::PaymentRuns(services.app).Prepare(request.context, *as_of), RunViewJson);
}

ApiResponse ReleaseRun(Services& services, const ApiRequest& request) {
  auto id = PathRun(request);
  if (!id.ok()) return ErrorResponse(id.status());
  if (auto empty = DecodeEmptyRequest(request.body); !empty.ok()) return ErrorResponse(empty);
  return Respond(200, app::PaymentRuns(services.app).Release(request.context, *id), RunViewJson);
}

ApiResponse GetRun(Services& services, const ApiRequest& request) {
  auto id = PathRun(request);
  if (!id.ok()) return ErrorResponse(id.status());
  return Respond(200, app::PaymentRuns(services.app).Get(request.context, *id), RunViewJson);
}

ApiResponse ListRuns(Services& services, const ApiRequest& request) {
  if (auto refused = RefuseUnknownQuery(request.query, {"before", "limit"}); !refused.ok()) {
    return ErrorResponse(refused);
  }
  auto before = DecodeOptionalId(request.query, "before");
  if (!before.ok()) return ErrorResponse(before.status());
  auto limit = DecodeLimit(request.query);
  if (!limit.ok()) return ErrorResponse(limit.status());
  return Respond(200,
                 app::PaymentRuns(services.app)
                     .List(request.context,
                           before->value_or(std::numeric_limits<std::int64_t>::max()), *limit),
                 [](const app::RunPage& page) {
                   json items = json::array();
                   for (const auto& run : page.items) items.push_back(RunJson(run));
                   return json{
                       {"items", items},
                       {"next_before", page.next_before ? json(*page.next_before) : json(nullptr)}};
                 });
}

Result<app::Statement> LoadStatement(Services& services, const ApiRequest& request) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t run, PathRun(request));
  PSL_ASSIGN_OR_RETURN(const ProviderId provider, PathProvider(request, 1));
  return app::PaymentRuns(services.app).GetStatement(request.context, run, provider);
}

ApiResponse GetStatement(Services& services, const ApiRequest& request) {
  return Respond(200, LoadStatement(services, request), StatementJson);
}

ApiResponse GetStatementCsv(Services& services, const ApiRequest& request) {
  auto statement = LoadStatement(services, request);
  if (!statement.ok()) return ErrorResponse(statement.status());
  return {200, "text/csv; charset=utf-8", app::StatementCsv(*statement)};
}

ApiResponse ListProviderStatements(Services& services, const ApiRequest& request) {
  auto provider = PathProvider(request, 0);
  if (!provider.ok()) return ErrorResponse(provider.status());
  return Respond(200, app::PaymentRuns(services.app).ProviderStatements(request.context, *provider),
                 [](const std::vector<store::RunProviderRecord>& rows) {
                   json items = json::array();
                   for (const auto& row : rows) items.push_back(RunProviderJson(row));
                   return json{{"items", items}};
                 });
}

ApiResponse ListReceivables(Services& services, const ApiRequest& request) {
  return Respond(
      200, app::PaymentRuns(services.app).Receivables(request.context),
      [](const std::vector<app::ReceivableView>& views) {
        json items = json::array();
        for (const auto& view : views) {
          items.push_back({{"provider_id", view.provider.value()},
                           {"provider_name", view.provider_name},
                           {"outstanding_pence", view.outstanding.pence()},
                           {"oldest_unrecovered", view.oldest_unrecovered
                                                      ? json(view.oldest_unrecovered->ToString())
                                                      : json(nullptr)},
                           {"age_days", view.age_days}});
        }
        return json{{"items", items}};
      });
}

constexpr RoleSet kPublic = RoleSet::Everyone();
constexpr RoleSet kRegulator{Role::kRegulator};
constexpr RoleSet kRunReaders{Role::kRegulator, Role::kGovernment};
constexpr RoleSet kStatementReaders{Role::kRegulator, Role::kProvider};

// clang-format off
constexpr std::array kRoutes = {
  Route{"POST", "/api/v1/splits", kPublic, "previewSplit", "payments",
        "The split of a price into upfront, outcome and satisfaction parts under the current "
        "rules (PAY-1..3), as `psl split` prints it", "SplitRequest", "Split", "", 200, PostSplit},
  Route{"POST", "/api/v1/payment-runs", kRegulator, "preparePaymentRun", "payments",
        "Prepare a payment run settling everything due up to a date (PAY-8)", "PaymentRunRequest",
        "PaymentRunView", "", 201, PrepareRun},
  Route{"GET", "/api/v1/payment-runs", kRunReaders, "listPaymentRuns", "payments",
        "Payment runs, newest first", "", "PaymentRunPage", "before,limit", 200, ListRuns},
  Route{"GET", "/api/v1/payment-runs/{id}", kRunReaders, "getPaymentRun", "payments",
        "A payment run with each provider's totals", "", "PaymentRunView", "", 200, GetRun},
  Route{"POST", "/api/v1/payment-runs/{id}/release", kRegulator, "releasePaymentRun", "payments",
        "Release a prepared run: a different regulator from the one who prepared it (X-5); "
        "resumable and idempotent", "EmptyRequest", "PaymentRunView", "", 200, ReleaseRun},
  Route{"GET", "/api/v1/payment-runs/{id}/statements/{provider_id}", kStatementReaders,
        "getPaymentStatement", "payments",
        "A provider's statement in a run: every line with its registration, claim, tariff "
        "version and rule (PAY-8, PAY-9)", "", "PaymentStatement", "", 200, GetStatement},
  Route{"GET", "/api/v1/payment-runs/{id}/statements/{provider_id}/csv", kStatementReaders,
        "getPaymentStatementCsv", "payments", "The same statement as CSV", "", "", "", 200,
        GetStatementCsv},
  Route{"GET", "/api/v1/providers/{id}/statements", kStatementReaders, "listProviderStatements",
        "payments", "A provider's statements, newest first", "", "ProviderStatementList", "", 200,
        ListProviderStatements},
  Route{"GET", "/api/v1/receivables", kRegulator, "listReceivables", "payments",
        "Providers owing PSL money (claw-back shortfalls, fees) and the age of each debt (PAY-5)",
        "", "ReceivableList", "", 200, ListReceivables},
};
// clang-format on

}  // namespace

std::span<const Route> PaymentRoutes() { return kRoutes; }

}  // namespace psl::api
