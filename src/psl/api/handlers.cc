#include "psl/api/handlers.h"

#include "psl/api/metrics.h"
#include "psl/api/request_decoding.h"

namespace psl::api::handlers {
namespace {

using nlohmann::json;

json Nullable(std::optional<std::int64_t> value) {
  return value ? json(*value) : json(nullptr);
}

json PostingJson(const ledger::Posting& posting) {
  json lines = json::array();
  for (const auto& line : posting.content.lines) {
    lines.push_back({{"account", line.account_code},
                     {"amount_pence", line.amount.pence()},
                     {"amount", line.amount.Format()}});
  }
  return {{"id", posting.id.value()},
          {"idempotency_key", posting.content.idempotency_key},
          {"effective_date", posting.content.effective_date.ToString()},
          {"recorded_at", posting.recorded_at.ToIso8601()},
          {"description", posting.content.description},
          {"cause", posting.content.cause},
          {"reverses", posting.content.reverses
                           ? json(posting.content.reverses->value())
                           : json(nullptr)},
          {"lines", lines}};
}

ApiResponse PostResultResponse(const ledger::PostResult& result) {
  // A replay answers 200 with the original posting id: nothing new was created.
  return ApiResponse::Json(result.replayed ? 200 : 201,
                           {{"posting_id", result.id.value()}, {"replayed", result.replayed}});
}

}  // namespace

ApiResponse Health(Services& services, const ApiRequest&) {
  auto version = services.app.store().SchemaVersion();
  if (!version.ok()) return ErrorResponse(version.status());
  return ApiResponse::Json(200, {{"status", "ok"}, {"schema_version", *version}});
}

ApiResponse MetricsText(Services& services, const ApiRequest&) {
  return {200, "text/plain; version=0.0.4", services.metrics.PrometheusText()};
}

ApiResponse OpenApi(Services&, const ApiRequest&) {
  return {200, "application/json", OpenApiDocument()};
}

ApiResponse CreateSession(Services& services, const ApiRequest& request) {
  auto login = DecodeLoginRequest(request.body);
  if (!login.ok()) return ErrorResponse(login.status());
  auto grant = services.app.Login(login->username, login->password, request.context.request_id);
  if (!grant.ok()) return ErrorResponse(grant.status());
  return ApiResponse::Json(201, {{"token", grant->token},
                                 {"expires_at", grant->expires_at.ToIso8601()},
                                 {"role", access::RoleName(grant->role)}});
}

ApiResponse DeleteSession(Services& services, const ApiRequest& request) {
  Status status = services.app.Logout(request.context, request.bearer_token);
  if (!status.ok()) return ErrorResponse(status);
  return ApiResponse::Empty(204);
}

ApiResponse Me(Services&, const ApiRequest& request) {
  const access::Principal& principal = request.context.principal;
  return ApiResponse::Json(
      200, {{"user_id", principal.user_id.value()},
            {"username", principal.username},
            {"role", access::RoleName(principal.role)},
            {"provider_id", Nullable(principal.provider_id
                                         ? std::optional(principal.provider_id->value())
                                         : std::nullopt)},
            {"citizen_id", Nullable(principal.citizen_id
                                        ? std::optional(principal.citizen_id->value())
                                        : std::nullopt)}});
}

ApiResponse CreateUser(Services& services, const ApiRequest& request) {
  auto user = DecodeNewUserRequest(request.body);
  if (!user.ok()) return ErrorResponse(user.status());
  auto id = services.app.CreateUser(request.context, *user);
  if (!id.ok()) return ErrorResponse(id.status());
  return ApiResponse::Json(201, {{"id", id->value()}});
}

ApiResponse CreateApiKey(Services& services, const ApiRequest& request) {
  auto decoded = DecodeApiKeyRequest(request.body);
  if (!decoded.ok()) return ErrorResponse(decoded.status());
  auto key = services.app.CreateApiKey(request.context, decoded->name);
  if (!key.ok()) return ErrorResponse(key.status());
  return ApiResponse::Json(201, {{"id", key->id.value()}, {"name", key->name}, {"key", key->key}});
}

ApiResponse ListAudit(Services& services, const ApiRequest& request) {
  if (Status known = RefuseUnknownQuery(request.query, {"limit", "before"}); !known.ok()) {
    return ErrorResponse(known);
  }
  auto limit = DecodeLimit(request.query);
  if (!limit.ok()) return ErrorResponse(limit.status());
  auto before = DecodeOptionalId(request.query, "before");
  if (!before.ok()) return ErrorResponse(before.status());
  auto page = services.app.ListAudit(
      request.context, *before ? std::optional(AuditEntryId(**before)) : std::nullopt, *limit);
  if (!page.ok()) return ErrorResponse(page.status());
  json items = json::array();
  for (const audit::AuditEntry& entry : page->items) {
    json detail = json::parse(entry.detail_json, nullptr, false);
    items.push_back({{"id", entry.id.value()},
                     {"at", entry.at.ToIso8601()},
                     {"user_id", entry.user_id.valid() ? json(entry.user_id.value()) : json()},
                     {"username", entry.username},
                     {"role", access::RoleName(entry.role)},
                     {"action", entry.action},
                     {"target", entry.target},
                     {"request_id", entry.request_id},
                     {"detail", detail.is_discarded() ? json::object() : detail}});
  }
  return ApiResponse::Json(
      200, {{"items", items},
            {"next_before", page->next_before ? json(page->next_before->value()) : json()}});
}

ApiResponse CreatePosting(Services& services, const ApiRequest& request) {
  auto posting = DecodePostingRequest(request.body);
  if (!posting.ok()) return ErrorResponse(posting.status());
  auto result = services.app.PostToLedger(request.context, *posting);
  if (!result.ok()) return ErrorResponse(result.status());
  return PostResultResponse(*result);
}

ApiResponse GetPosting(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto posting = services.app.GetPosting(request.context, PostingId(*id));
  if (!posting.ok()) return ErrorResponse(posting.status());
  return ApiResponse::Json(200, PostingJson(*posting));
}

ApiResponse ReversePosting(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto reversal = DecodeReversalRequest(request.body);
  if (!reversal.ok()) return ErrorResponse(reversal.status());
  auto result = services.app.ReversePosting(request.context, PostingId(*id),
                                            reversal->idempotency_key, reversal->effective_date,
                                            reversal->reason);
  if (!result.ok()) return ErrorResponse(result.status());
  return PostResultResponse(*result);
}

ApiResponse LedgerBalances(Services& services, const ApiRequest& request) {
  if (Status known = RefuseUnknownQuery(request.query, {"as_of", "after", "limit"}); !known.ok()) {
    return ErrorResponse(known);
  }
  auto limit = DecodeLimit(request.query);
  if (!limit.ok()) return ErrorResponse(limit.status());
  auto as_of = DecodeOptionalDate(request.query, "as_of");
  if (!as_of.ok()) return ErrorResponse(as_of.status());
  auto after = DecodeOptionalText(request.query, "after", 100);
  if (!after.ok()) return ErrorResponse(after.status());
  auto balances = services.app.LedgerBalances(request.context, *as_of, *after, *limit);
  if (!balances.ok()) return ErrorResponse(balances.status());
  json items = json::array();
  for (const store::AccountBalance& balance : *balances) {
    items.push_back({{"account", balance.account_code},
                     {"kind", ledger::AccountKindName(balance.kind)},
                     {"balance_pence", balance.balance.pence()},
                     {"balance", balance.balance.Format()}});
  }
  const bool full = static_cast<int>(balances->size()) == *limit;
  return ApiResponse::Json(
      200, {{"as_of", *as_of ? json((*as_of)->ToString()) : json()},
            {"items", items},
            {"next_after", full ? json(balances->back().account_code) : json()}});
}

ApiResponse LedgerCheck(Services& services, const ApiRequest& request) {
  auto check = services.app.CheckLedger(request.context);
  if (!check.ok()) return ErrorResponse(check.status());
  return ApiResponse::Json(200, {{"sound", check->Sound()},
                                 {"postings", check->posting_count},
                                 {"lines", check->line_count},
                                 {"total_pence", check->total.pence()},
                                 {"unbalanced_postings", check->unbalanced_postings},
                                 {"incomplete_postings", check->incomplete_postings}});
}

}  // namespace psl::api::handlers
