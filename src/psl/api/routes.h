// THE route table: every HTTP route, who may call it, and what it does, in one place.
// The server registers exactly these routes, the OpenAPI document is generated from them, and
// the permission test walks every route for every role and for no login.
#pragma once

#include <span>
#include <vector>
#include <string_view>

#include "psl/access/role.h"
#include "psl/api/api_types.h"

namespace psl::api {

class Metrics;

struct Services {
  app::App& app;
  const Metrics& metrics;
};

using Handler = ApiResponse (*)(Services& services, const ApiRequest& request);

struct Route {
  std::string_view method;        // GET, POST, DELETE
  std::string_view path;          // "/api/v1/ledger/postings/{id}": {name} is one path segment
  access::RoleSet allowed;        // includes Role::kPublic when no login is needed
  std::string_view operation_id;  // OpenAPI operationId
  std::string_view tag;           // OpenAPI tag
  std::string_view summary;
  std::string_view request_schema;   // OpenAPI component for the body; empty when none
  std::string_view response_schema;  // OpenAPI component for success; empty when no content
  std::string_view query;            // comma-separated query parameters, for OpenAPI
  int success_status;
  Handler handler;
};

// Every route: the areas' tables below, joined in this order.
std::span<const Route> AllRoutes();

// Each area keeps its routes in its own file (handlers beside them).
std::span<const Route> FoundationRoutes();  // routes.cc: sessions, users, audit, ledger, ops
std::span<const Route> LicensingRoutes();   // licensing_routes.cc: LIC-1..8, REG-1
std::span<const Route> InspectionRoutes();  // inspection_routes.cc: REG-2 mystery shopping
std::span<const Route> ComplaintRoutes();   // complaint_routes.cc: REG-3, CHO-6
std::span<const Route> AppealRoutes();      // appeal_routes.cc: REG-5 appeals and disputes
std::span<const Route> JourneyRoutes();     // journey_routes.cc: OUT, ENT, ASM, TAR, CHO
std::span<const Route> PaymentRoutes();     // payment_routes.cc: PAY-1..3, PAY-5, PAY-8, splits, runs
std::span<const Route> ClaimRoutes();       // claim_routes.cc: PAY-4, PAY-7, PAY-11, evidence feeds
std::span<const Route> SurveyRoutes();      // survey_routes.cc: PAY-6
std::span<const Route> SkunkworksRoutes();  // skunkworks_routes.cc: OUT-4, INN-2
std::span<const Route> BudgetRoutes();      // budget_routes.cc: PAY-10, payment settings, modes

// The OpenAPI 3 document describing AllRoutes().
const std::string& OpenApiDocument();

}  // namespace psl::api
