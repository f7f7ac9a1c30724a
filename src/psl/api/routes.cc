#include "psl/api/routes.h"

#include <array>

#include "psl/api/handlers.h"

namespace psl::api {
namespace {

using access::Role;
using access::RoleSet;

constexpr RoleSet kPublic = RoleSet::Everyone();
constexpr RoleSet kAnyUser = RoleSet::AnyUser();
constexpr RoleSet kRegulator{Role::kRegulator};
constexpr RoleSet kLedgerReaders{Role::kRegulator, Role::kGovernment};

// clang-format off
constexpr std::array kRoutes = {
  Route{"GET", "/healthz", kPublic, "getHealth", "operations",
        "Liveness and schema version", "", "Health", "", 200, handlers::Health},
  Route{"GET", "/metrics", kPublic, "getMetrics", "operations",
        "Prometheus text metrics (counts and durations only, nothing personal)", "", "", "", 200,
        handlers::MetricsText},
  Route{"GET", "/api/v1/openapi.json", kPublic, "getOpenApi", "operations",
        "This OpenAPI document", "", "", "", 200, handlers::OpenApi},
  Route{"POST", "/api/v1/sessions", kPublic, "createSession", "sessions",
        "Log in with a username and password; returns a bearer token", "LoginRequest",
        "Session", "", 201, handlers::CreateSession},
  Route{"DELETE", "/api/v1/sessions/current", kAnyUser, "deleteSession", "sessions",
        "Log out: ends the session whose token is presented", "", "", "", 204,
        handlers::DeleteSession},
  Route{"GET", "/api/v1/me", kAnyUser, "getMe", "sessions",
        "Who the token belongs to: user, role and scope", "", "Me", "", 200, handlers::Me},
  Route{"POST", "/api/v1/users", kRegulator, "createUser", "users",
        "Create a user with a role (and a provider or citizen scope)", "NewUser", "Created", "",
        201, handlers::CreateUser},
  Route{"POST", "/api/v1/api-keys", kAnyUser, "createApiKey", "users",
        "Create an API key acting as the caller, for machine clients; shown once",
        "ApiKeyRequest", "ApiKey", "", 201, handlers::CreateApiKey},
  Route{"GET", "/api/v1/audit", kRegulator, "listAudit", "audit",
        "The audit log, newest first, paged with `before`", "", "AuditPage", "limit,before", 200,
        handlers::ListAudit},
  Route{"POST", "/api/v1/ledger/postings", kRegulator, "createPosting", "ledger",
        "Post a balanced, idempotent ledger entry (a replay returns the original)",
        "PostingRequest", "PostResult", "", 201, handlers::CreatePosting},
  Route{"GET", "/api/v1/ledger/postings/{id}", kLedgerReaders, "getPosting", "ledger",
        "One posting with its lines", "", "Posting", "", 200, handlers::GetPosting},
  Route{"POST", "/api/v1/ledger/postings/{id}/reversal", kRegulator, "reversePosting", "ledger",
        "Reverse a posting with a new posting that negates every line", "ReversalRequest",
        "PostResult", "", 201, handlers::ReversePosting},
  Route{"GET", "/api/v1/ledger/accounts", kLedgerReaders, "listLedgerBalances", "ledger",
        "Every account's balance as of a date", "", "BalancePage", "as_of,after,limit", 200,
        handlers::LedgerBalances},
  Route{"GET", "/api/v1/ledger/check", kLedgerReaders, "checkLedger", "ledger",
        "Check that debits equal credits overall and in every posting", "", "LedgerCheck", "", 200,
        handlers::LedgerCheck},
};
// clang-format on

}  // namespace

std::span<const Route> FoundationRoutes() { return kRoutes; }

std::span<const Route> AllRoutes() {
  static const std::vector<Route> all = [] {
    std::vector<Route> routes;
    for (auto area : {FoundationRoutes(), LicensingRoutes(), InspectionRoutes(), ComplaintRoutes(),
                      AppealRoutes(), JourneyRoutes(), PaymentRoutes(), ClaimRoutes(),
                      SurveyRoutes(), SkunkworksRoutes(), BudgetRoutes()}) {
      routes.insert(routes.end(), area.begin(), area.end());
    }
    return routes;
  }();
  return all;
}

}  // namespace psl::api
