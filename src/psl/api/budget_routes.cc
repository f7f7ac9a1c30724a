// Routes and handlers for the payment settings versions, the claw-back mode and budgets
// (docs/payment.md §1, §5, §9). Who may do what is in app/budgets.h; the handlers decode, call
// one use case, and encode.
#include <array>

#include "psl/api/budget_decoding.h"
#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"
#include "psl/app/budgets.h"
#include "psl/config/config_json.h"

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

json SettingsViewJson(const app::PaymentSettingsView& view) {
  return {{"version", view.version},
          {"published_at", view.published_at ? json(view.published_at->ToIso8601()) : json()},
          {"settings", json::parse(config::PaymentSettingsToJson(view.settings), nullptr, false)}};
}

json PaymentModeJson(const app::PaymentModeView& view) {
  return {{"provider_id", view.provider.value()},
          {"clawback", view.clawback},
          {"effective_from", view.effective_from ? json(view.effective_from->ToString()) : json()},
          {"good_standing", view.good_standing},
          {"good_standing_reason",
           view.good_standing_reason ? json(*view.good_standing_reason) : json()}};
}

json EnvelopeJson(const store::BudgetEnvelopeRecord& envelope) {
  return {{"id", envelope.id},
          {"end_result", envelope.end_result},
          {"period_from", envelope.period_from.ToString()},
          {"period_to", envelope.period_to.ToString()},
          {"amount_pence", envelope.amount.pence()},
          {"set_by_user_id", envelope.set_by ? json(envelope.set_by->value()) : json()},
          {"set_at", envelope.set_at.ToIso8601()}};
}

json BudgetJson(const app::BudgetView& view) {
  json months = json::array();
  for (const app::BudgetMonth& month : view.months) {
    months.push_back({{"month", month.month},
                      {"committed_pence", month.committed.pence()},
                      {"paid_pence", month.paid.pence()}});
  }
  return {{"id", view.envelope.id},
          {"end_result", view.envelope.end_result},
          {"period_from", view.envelope.period_from.ToString()},
          {"period_to", view.envelope.period_to.ToString()},
          {"amount_pence", view.envelope.amount.pence()},
          {"committed_pence", view.committed.pence()},
          {"paid_pence", view.paid.pence()},
          {"months", std::move(months)}};
}

Result<ProviderId> PathProvider(const ApiRequest& request) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t id, DecodePathId(request.path_parameters.at(0), "id"));
  return ProviderId(id);
}

// --- Payment settings ---

ApiResponse GetPaymentSettings(Services& services, const ApiRequest& request) {
  if (auto refused = RefuseUnknownQuery(request.query, {"version"}); !refused.ok()) {
    return ErrorResponse(refused);
  }
  auto version = DecodeOptionalId(request.query, "version");
  if (!version.ok()) return ErrorResponse(version.status());
  std::optional<int> wanted;
  if (*version) {
    if (**version > 1'000'000'000) {
      return ErrorResponse(Status(ErrorCode::kNotFound, "no such version", "version"));
    }
    wanted = static_cast<int>(**version);
  }
  return Respond(200, app::PaymentSettingsAdmin(services.app).Get(wanted), SettingsViewJson);
}

ApiResponse PublishPaymentSettings(Services& services, const ApiRequest& request) {
  auto decoded = DecodePaymentSettingsRequest(request.body);
  if (!decoded.ok()) return ErrorResponse(decoded.status());
  return Respond(201,
                 app::PaymentSettingsAdmin(services.app)
                     .Publish(request.context, decoded->settings, decoded->version),
                 SettingsViewJson);
}

// --- Claw-back mode ---

ApiResponse GetPaymentMode(Services& services, const ApiRequest& request) {
  auto provider = PathProvider(request);
  if (!provider.ok()) return ErrorResponse(provider.status());
  return Respond(200, app::PaymentModes(services.app).Get(request.context, *provider),
                 PaymentModeJson);
}

ApiResponse SetPaymentMode(Services& services, const ApiRequest& request) {
  auto provider = PathProvider(request);
  if (!provider.ok()) return ErrorResponse(provider.status());
  auto clawback = DecodePaymentModeRequest(request.body);
  if (!clawback.ok()) return ErrorResponse(clawback.status());
  return Respond(200, app::PaymentModes(services.app).Set(request.context, *provider, *clawback),
                 PaymentModeJson);
}

// --- Budgets ---

ApiResponse SetBudget(Services& services, const ApiRequest& request) {
  auto input = DecodeBudgetRequest(request.body);
  if (!input.ok()) return ErrorResponse(input.status());
  return Respond(201, app::Budgets(services.app).Set(request.context, *input), EnvelopeJson);
}

ApiResponse ListBudgets(Services& services, const ApiRequest& request) {
  if (auto refused = RefuseUnknownQuery(request.query, {"from", "to"}); !refused.ok()) {
    return ErrorResponse(refused);
  }
  auto from = DecodeOptionalDate(request.query, "from");
  if (!from.ok()) return ErrorResponse(from.status());
  auto to = DecodeOptionalDate(request.query, "to");
  if (!to.ok()) return ErrorResponse(to.status());
  return Respond(200, app::Budgets(services.app).List(request.context, *from, *to),
                 [](const std::vector<app::BudgetView>& views) {
                   json items = json::array();
                   for (const app::BudgetView& view : views) items.push_back(BudgetJson(view));
                   return json{{"items", std::move(items)},
                               {"expected_success_note", app::kExpectedSuccessNote}};
                 });
}

constexpr RoleSet kPublic = RoleSet::Everyone();
constexpr RoleSet kRegulator{Role::kRegulator};
constexpr RoleSet kRegulatorOrProvider{Role::kRegulator, Role::kProvider};
constexpr RoleSet kGovernment{Role::kGovernment};
constexpr RoleSet kGovernmentOrRegulator{Role::kGovernment, Role::kRegulator};

constexpr std::array kRoutes = {
    Route{"GET", "/api/v1/payment-settings", kPublic, "getPaymentSettings", "payments",
          "The payment settings in force (splits, sliding scale, surveys, relative results; "
          "PAY-2, PAY-3, PAY-6, PAY-11); ?version=N for an earlier one",
          "", "PaymentSettingsVersion", "version", 200, GetPaymentSettings},
    Route{"POST", "/api/v1/payment-settings", kRegulator, "publishPaymentSettings", "payments",
          "Publish the next payment settings version (the version is assigned: latest + 1)",
          "PaymentSettingsRequest", "PaymentSettingsVersion", "", 201, PublishPaymentSettings},
    Route{"GET", "/api/v1/providers/{id}/payment-mode", kRegulatorOrProvider, "getPaymentMode",
          "payments",
          "A provider's claw-back mode (PAY-5) and whether it is in good standing (a provider: "
          "its own)",
          "", "PaymentMode", "", 200, GetPaymentMode},
    Route{"POST", "/api/v1/providers/{id}/payment-mode", kRegulatorOrProvider, "setPaymentMode",
          "payments",
          "Opt in to or out of the claw-back mode from tomorrow (PAY-5); opting in needs good "
          "standing",
          "PaymentModeRequest", "PaymentMode", "", 200, SetPaymentMode},
    Route{"POST", "/api/v1/budgets", kGovernment, "setBudget", "payments",
          "Set the budget envelope of an End Result for a period (PAY-10); setting it again "
          "replaces it",
          "BudgetRequest", "BudgetEnvelope", "", 201, SetBudget},
    Route{"GET", "/api/v1/budgets", kGovernmentOrRegulator, "listBudgets", "payments",
          "Budget envelopes overlapping [from, to] with committed and paid spend by month "
          "(PAY-10)",
          "", "BudgetList", "from,to", 200, ListBudgets},
};

}  // namespace

std::span<const Route> BudgetRoutes() { return kRoutes; }

}  // namespace psl::api
