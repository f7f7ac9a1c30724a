// Routes and handlers for skunkworks outcomes (OUT-4, INN-2). Who may do what is in
// app/skunkworks.h; the handlers decode, call one use case, and encode.
#include <array>

#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"
#include "psl/api/skunkworks_decoding.h"
#include "psl/app/skunkworks.h"

namespace psl::api {
namespace {

using access::Role;
using access::RoleSet;
using nlohmann::json;

json PlacementJson(const app::SkunkworksPlacement& p) {
  return {{"registration_id", p.registration_id},
          {"base_outcome", p.base_outcome},
          {"variant", p.variant},
          {"price_pence", p.price.pence()},
          {"upfront_pence", p.upfront.pence()},
          {"outcome_pence", p.outcome.pence()},
          {"satisfaction_pence", p.satisfaction.pence()},
          {"top_up_pence", p.top_up.pence()},
          {"rule", p.rule},
          {"placed_on", p.placed_on.ToString()}};
}

json MethodologyJson(const store::SkunkworksMethodologyRecord& m) {
  return {{"provider_id", m.provider.value()},
          {"provider_name", m.provider_name},
          {"variant", m.variant},
          {"title", m.title},
          {"methodology", m.methodology},
          {"published_on", m.published_on.ToString()}};
}

json OverviewJson(const app::SkunkworksOverview& overview) {
  json variants = json::array();
  for (const auto& v : overview.variants) {
    variants.push_back(
        {{"variant", v.variant}, {"base_outcome", v.base_outcome}, {"label", v.label}});
  }
  json methodologies = json::array();
  for (const auto& m : overview.methodologies) methodologies.push_back(MethodologyJson(m));
  json providers = json::array();
  for (const auto& share : overview.providers) {
    providers.push_back({{"provider_id", share.provider.value()},
                         {"provider_name", share.provider_name},
                         {"placed", share.placed},
                         {"active", share.active},
                         {"share_basis_points", app::ShareBasisPoints(share)}});
  }
  return {{"max_percent", overview.max_percent},
          {"variants", variants},
          {"methodologies", methodologies},
          {"providers", providers}};
}

template <typename T, typename Encode>
ApiResponse Respond(int status, const Result<T>& result, Encode encode) {
  if (!result.ok()) return ErrorResponse(result.status());
  return ApiResponse::Json(status, encode(*result));
}

ApiResponse Place(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = DecodeSkunkworksPlacementRequest(request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  return Respond(
      201, app::Skunkworks(services.app).Place(request.context, *id, body->outcome, body->variant),
      PlacementJson);
}

ApiResponse PublishMethodology(Services& services, const ApiRequest& request) {
  auto body = DecodeMethodologyRequest(request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  return Respond(
      201,
      app::Skunkworks(services.app)
          .PublishMethodology(request.context, body->variant, body->title, body->methodology),
      MethodologyJson);
}

ApiResponse Overview(Services& services, const ApiRequest& request) {
  if (auto refused = RefuseUnknownQuery(request.query, {}); !refused.ok()) {
    return ErrorResponse(refused);
  }
  return Respond(200, app::Skunkworks(services.app).Overview(request.context), OverviewJson);
}

constexpr RoleSet kPublic = RoleSet::Everyone();
constexpr RoleSet kProvider{Role::kProvider};

// clang-format off
constexpr std::array kRoutes = {
  Route{"POST", "/api/v1/registrations/{id}/skunkworks", kProvider, "placeSkunkworks",
        "skunkworks",
        "Move an open King Outcome of the provider's own registration onto its skunkworks "
        "variant: priced and split on the registration's terms, a bigger upfront part topped up; "
        "at most the settings' share of active registrations (OUT-4, INN-2)",
        "SkunkworksPlacementRequest", "SkunkworksPlacement", "", 201, Place},
  Route{"POST", "/api/v1/skunkworks/methodologies", kProvider, "publishSkunkworksMethodology",
        "skunkworks",
        "Publish the provider's methodology for a skunkworks variant, once; its skunkworks "
        "outcome payments are held until then (INN-2)",
        "MethodologyRequest", "SkunkworksMethodology", "", 201, PublishMethodology},
  Route{"GET", "/api/v1/skunkworks", kPublic, "getSkunkworks", "skunkworks",
        "The skunkworks register: the cap, the variants of the latest catalogue, the published "
        "methodologies and each provider's share of its active caseload (INN-2)",
        "", "Skunkworks", "", 200, Overview},
};
// clang-format on

}  // namespace

std::span<const Route> SkunkworksRoutes() { return kRoutes; }

}  // namespace psl::api
