// Routes and handlers for outcome claims and the trusted evidence feed (PAY-4, PAY-7, PAY-11).
// Who may do what, and what each role sees, is in app/claims.h; the handlers decode, call one
// use case, and encode.
#include <array>

#include "psl/api/claim_decoding.h"
#include "psl/api/licensing_decoding.h"
#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"
#include "psl/app/claims.h"

namespace psl::api {
namespace {

using access::Role;
using access::RoleSet;
using nlohmann::json;

json NullableText(const std::optional<std::string>& text) {
  return text ? json(*text) : json(nullptr);
}

json NullableInt(const std::optional<std::int64_t>& value) {
  return value ? json(*value) : json(nullptr);
}

json ClaimJson(const store::ClaimRecord& c) {
  return {{"id", c.id},
          {"registration_id", c.registration_id},
          {"outcome", c.outcome},
          {"provider_id", c.provider.value()},
          {"citizen_id", c.citizen.value()},
          {"achieved_on", c.achieved_on.ToString()},
          {"fraction", c.fraction.ToString()},
          {"evidence", c.evidence},
          {"claimed_on", c.claimed_on.ToString()},
          {"status", c.status},
          {"decided_by_user_id", c.decided_by ? json(c.decided_by->value()) : json(nullptr)},
          {"decided_on", c.decided_on ? json(c.decided_on->ToString()) : json(nullptr)},
          {"reason", NullableText(c.reason)},
          {"verified_by_feed", NullableInt(c.verified_by_feed)},
          {"payment_pence", NullableInt(c.payment_pence)},
          {"held_reason", NullableText(c.held_reason)}};
}

template <typename T, typename Encode>
ApiResponse Respond(int status, const Result<T>& result, Encode encode) {
  if (!result.ok()) return ErrorResponse(result.status());
  return ApiResponse::Json(status, encode(*result));
}

Result<std::int64_t> PathClaim(const ApiRequest& request) {
  return DecodePathId(request.path_parameters.at(0), "id");
}

ApiResponse SubmitClaim(Services& services, const ApiRequest& request) {
  auto input = DecodeClaimRequest(request.body);
  if (!input.ok()) return ErrorResponse(input.status());
  return Respond(201, app::Claims(services.app).Submit(request.context, *input), ClaimJson);
}

ApiResponse ListClaims(Services& services, const ApiRequest& request) {
  if (auto refused = RefuseUnknownQuery(request.query, {"status", "before", "limit"});
      !refused.ok()) {
    return ErrorResponse(refused);
  }
  auto status = DecodeOptionalText(request.query, "status", 16);
  if (!status.ok()) return ErrorResponse(status.status());
  auto before = DecodeOptionalId(request.query, "before");
  if (!before.ok()) return ErrorResponse(before.status());
  auto limit = DecodeLimit(request.query);
  if (!limit.ok()) return ErrorResponse(limit.status());
  return Respond(
      200, app::Claims(services.app).List(request.context, *status, before->value_or(0), *limit),
      [](const app::ClaimPage& page) {
        json items = json::array();
        for (const auto& claim : page.items) items.push_back(ClaimJson(claim));
        return json{{"items", items}, {"next_before", NullableInt(page.next_before)}};
      });
}

ApiResponse GetClaim(Services& services, const ApiRequest& request) {
  auto id = PathClaim(request);
  if (!id.ok()) return ErrorResponse(id.status());
  return Respond(200, app::Claims(services.app).Get(request.context, *id), ClaimJson);
}

ApiResponse VerifyClaim(Services& services, const ApiRequest& request) {
  auto id = PathClaim(request);
  if (!id.ok()) return ErrorResponse(id.status());
  if (auto empty = DecodeEmptyRequest(request.body); !empty.ok()) return ErrorResponse(empty);
  return Respond(200, app::Claims(services.app).Verify(request.context, *id), ClaimJson);
}

ApiResponse RejectClaim(Services& services, const ApiRequest& request) {
  auto id = PathClaim(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto reason = DecodeRejectClaimRequest(request.body);
  if (!reason.ok()) return ErrorResponse(reason.status());
  return Respond(200, app::Claims(services.app).Reject(request.context, *id, *reason), ClaimJson);
}

ApiResponse ImportFeed(Services& services, const ApiRequest& request) {
  auto feed = DecodeEvidenceFeedRequest(request.body);
  if (!feed.ok()) return ErrorResponse(feed.status());
  return Respond(201, app::Claims(services.app).ImportFeed(request.context, feed->name, feed->csv),
                 [](const app::FeedImport& report) {
                   return json{{"feed_id", report.feed_id},
                               {"rows", report.rows},
                               {"matched_citizens", report.matched_citizens},
                               {"claims_verified", report.claims_verified}};
                 });
}

constexpr RoleSet kProvider{Role::kProvider};
constexpr RoleSet kRegulator{Role::kRegulator};
constexpr RoleSet kRegulatorOrProvider{Role::kRegulator, Role::kProvider};

// clang-format off
constexpr std::array kRoutes = {
  Route{"POST", "/api/v1/claims", kProvider, "submitClaim", "payment",
        "Claim an open outcome of one's own registration, with the date reached, the fraction "
        "for a graded outcome and the evidence (PAY-4, PAY-7); verified at once when the trusted "
        "feed already shows it", "ClaimRequest", "Claim", "", 201, SubmitClaim},
  Route{"GET", "/api/v1/claims", kRegulatorOrProvider, "listClaims", "payment",
        "Claims, newest first (a provider sees its own); ?status=pending|verified|rejected", "",
        "ClaimPage", "status,before,limit", 200, ListClaims},
  Route{"GET", "/api/v1/claims/{id}", kRegulatorOrProvider, "getClaim", "payment",
        "One claim with its decision and what it accrued", "", "Claim", "", 200, GetClaim},
  Route{"POST", "/api/v1/claims/{id}/verify", kRegulator, "verifyClaim", "payment",
        "Verify a pending claim: the outcome is achieved and its payment accrues (PAY-7, "
        "PAY-11)", "EmptyRequest", "Claim", "", 200, VerifyClaim},
  Route{"POST", "/api/v1/claims/{id}/reject", kRegulator, "rejectClaim", "payment",
        "Reject a pending claim with the reason; the outcome may be claimed again within its "
        "deadline", "RejectClaimRequest", "Claim", "", 200, RejectClaim},
  Route{"POST", "/api/v1/evidence-feeds", kRegulator, "importEvidenceFeed", "payment",
        "Import a trusted feed of employment spells (CSV citizen,employer,start,end,earnings); "
        "matching pending claims are verified (PAY-7)", "EvidenceFeedRequest",
        "EvidenceFeedImport", "", 201, ImportFeed},
};
// clang-format on

}  // namespace

std::span<const Route> ClaimRoutes() { return kRoutes; }

}  // namespace psl::api
