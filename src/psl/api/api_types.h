// What a route handler sees and returns: decoded from and encoded to HTTP by server.cc, so
// handlers never touch cpp-httplib.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "psl/app/app.h"

namespace psl::api {

struct ApiRequest {
  app::RequestContext context;
  std::string bearer_token;                          // empty for the public
  std::vector<std::string> path_parameters;          // in the order of the route's {names}
  std::multimap<std::string, std::string> query;
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;

  static ApiResponse Json(int status, const nlohmann::json& value) {
    return {status, "application/json", value.dump()};
  }
  static ApiResponse Empty(int status) { return {status, "application/json", ""}; }
};

// The error body every 4xx and 5xx carries: {"error":{"code","message","field"}}.
ApiResponse ErrorResponse(const Status& status);
int HttpStatusFor(ErrorCode code);

}  // namespace psl::api
