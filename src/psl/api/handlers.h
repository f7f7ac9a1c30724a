// The route handlers: decode, call one App use case, encode. No rule lives here.
#pragma once

#include "psl/api/routes.h"

namespace psl::api::handlers {

ApiResponse Health(Services& services, const ApiRequest& request);
ApiResponse MetricsText(Services& services, const ApiRequest& request);
ApiResponse OpenApi(Services& services, const ApiRequest& request);
ApiResponse CreateSession(Services& services, const ApiRequest& request);
ApiResponse DeleteSession(Services& services, const ApiRequest& request);
ApiResponse Me(Services& services, const ApiRequest& request);
ApiResponse CreateUser(Services& services, const ApiRequest& request);
ApiResponse CreateApiKey(Services& services, const ApiRequest& request);
ApiResponse ListAudit(Services& services, const ApiRequest& request);
ApiResponse CreatePosting(Services& services, const ApiRequest& request);
ApiResponse GetPosting(Services& services, const ApiRequest& request);
ApiResponse ReversePosting(Services& services, const ApiRequest& request);
ApiResponse LedgerBalances(Services& services, const ApiRequest& request);
ApiResponse LedgerCheck(Services& services, const ApiRequest& request);

}  // namespace psl::api::handlers
