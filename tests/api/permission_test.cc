// The permission walk: every route in the route table, for every role and for no login,
// answers as the table says. A route that allows the role must not refuse it (401/403) nor fail
// (5xx); a route that does not must answer 401 to the public and 403 to every other role.
#include <algorithm>
#include <cctype>
#include <iomanip>
#include <set>
#include <sstream>
#include <vector>

#include "api_test_support.h"
#include "psl/api/routes.h"

namespace psl::api::testing {
namespace {

using access::Role;

class PermissionTest : public ApiTest {};

// The route's path with every {name} replaced by 1.
std::string ConcretePath(std::string_view pattern) {
  std::string path;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      i = pattern.find('}', i);
      path += '1';
    } else {
      path += pattern[i];
    }
  }
  return path;
}

bool IsLogout(const Route& route) {
  return route.method == "DELETE" && route.path == "/api/v1/sessions/current";
}

struct Cell {
  int status = 0;
  bool ok = true;
};

TEST_F(PermissionTest, EveryRouteAnswersEveryRoleAsTheRouteTableSays) {
  // Logging out ends the session the walk uses, so that route goes last.
  std::vector<const Route*> routes;
  for (const Route& route : AllRoutes()) routes.push_back(&route);
  std::stable_partition(routes.begin(), routes.end(),
                        [](const Route* route) { return !IsLogout(*route); });
  ASSERT_FALSE(routes.empty());

  // Log everyone in first, so that the walk itself does no logins.
  for (Role role : access::kAllRoles) {
    if (role != Role::kPublic) {
      ASSERT_FALSE(server().Token(role).empty());
    }
  }

  std::map<const Route*, std::map<Role, Cell>> matrix;
  std::vector<std::string> problems;
  for (const Route* route : routes) {
    const std::string path = ConcretePath(route->path);
    const std::string body = route->method == "POST" ? "{}" : "";
    for (Role role : access::kAllRoles) {
      const Reply reply = server().SendAs(role, route->method, path, body);
      Cell& cell = matrix[route][role];
      cell.status = reply.status;
      const std::string where = std::string(route->method) + " " + path + " as " +
                                std::string(access::RoleName(role)) + ": ";
      if (route->allowed.Contains(role)) {
        if (reply.status == 0 || reply.status == 401 || reply.status == 403 ||
            reply.status >= 500) {
          cell.ok = false;
          problems.push_back(where + "allowed, but got " + reply.Describe());
        }
      } else {
        const int expected = role == Role::kPublic ? 401 : 403;
        if (reply.status != expected) {
          cell.ok = false;
          problems.push_back(where + "expected " + std::to_string(expected) + ", got " +
                             reply.Describe());
        }
      }
      if (reply.status >= 400 && reply.status < 500) {
        if (auto error = IsJsonError(reply); !error) {
          cell.ok = false;
          problems.push_back(where + error.message());
        }
      }
    }
  }

  if (!problems.empty()) {
    std::ostringstream table;
    table << "status by route and role (* = wrong; A = the route allows the role):\n";
    table << std::left << std::setw(48) << "route";
    for (Role role : access::kAllRoles) table << std::setw(12) << access::RoleName(role);
    table << "\n";
    for (const Route* route : routes) {
      table << std::setw(48) << (std::string(route->method) + " " + std::string(route->path));
      for (Role role : access::kAllRoles) {
        const Cell& cell = matrix[route][role];
        std::string text = std::to_string(cell.status);
        if (route->allowed.Contains(role)) text += "A";
        if (!cell.ok) text += "*";
        table << std::setw(12) << text;
      }
      table << "\n";
    }
    std::string list;
    for (const std::string& problem : problems) list += "  " + problem + "\n";
    ADD_FAILURE() << problems.size() << " wrong answers:\n" << list << table.str();
  }
  server().ForgetTokens();  // the walk logged every role out
}

TEST_F(PermissionTest, TheRouteTableIsSane) {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  std::set<std::string_view> operation_ids;
  for (const Route& route : AllRoutes()) {
    EXPECT_TRUE(route.method == "GET" || route.method == "POST" || route.method == "DELETE")
        << route.path;
    EXPECT_TRUE(route.path.starts_with("/")) << route.path;
    EXPECT_TRUE(seen.insert({route.method, route.path}).second)
        << "registered twice: " << route.method << " " << route.path;
    EXPECT_TRUE(operation_ids.insert(route.operation_id).second)
        << "operationId used twice: " << route.operation_id;
    EXPECT_NE(route.handler, nullptr) << route.path;
    bool anyone = false;
    for (Role role : access::kAllRoles) anyone = anyone || route.allowed.Contains(role);
    EXPECT_TRUE(anyone) << "nobody may call " << route.method << " " << route.path;
  }
}

TEST_F(PermissionTest, EveryRouteIsInTheOpenApiDocument) {
  const Reply reply = server().Get("/api/v1/openapi.json");
  ASSERT_EQ(reply.status, 200) << reply.Describe();
  ASSERT_TRUE(reply.json.is_object()) << "the document is not JSON";
  ASSERT_TRUE(reply.json.contains("paths") && reply.json["paths"].is_object());
  const nlohmann::json& paths = reply.json["paths"];
  std::size_t operations = 0;
  for (const Route& route : AllRoutes()) {
    std::string method(route.method);
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string path(route.path);
    ASSERT_TRUE(paths.contains(path)) << path << " is missing from the OpenAPI paths";
    ASSERT_TRUE(paths[path].contains(method))
        << method << " " << path << " is missing from the OpenAPI paths";
    const nlohmann::json& operation = paths[path][method];
    EXPECT_EQ(operation.value("operationId", ""), route.operation_id) << method << " " << path;
    ASSERT_TRUE(operation.contains("responses")) << method << " " << path;
    EXPECT_TRUE(operation["responses"].contains(std::to_string(route.success_status)))
        << method << " " << path << " does not document its " << route.success_status;
    if (!route.allowed.AllowsPublic()) {
      EXPECT_TRUE(operation["responses"].contains("401")) << method << " " << path;
      EXPECT_TRUE(operation["responses"].contains("403")) << method << " " << path;
    }
    ++operations;
  }
  // And nothing the server does not serve.
  std::size_t documented = 0;
  for (const auto& [path, methods] : paths.items()) documented += methods.size();
  EXPECT_EQ(documented, operations);
}

}  // namespace
}  // namespace psl::api::testing
