// Operations endpoints: liveness, Prometheus metrics, the OpenAPI document, and the headers every
// response carries.
#include "api_test_support.h"

#include <chrono>
#include <thread>

namespace psl::api::testing {
namespace {

using access::Role;

class OperationsTest : public ApiTest {};

TEST_F(OperationsTest, HealthzSaysOk) {
  const Reply reply = server().Get("/healthz");
  ASSERT_EQ(reply.status, 200) << reply.Describe();
  EXPECT_NE(reply.Header("Content-Type").find("application/json"), std::string::npos);
  ASSERT_TRUE(reply.json.is_object()) << reply.Describe();
  EXPECT_EQ(reply.json.value("status", ""), "ok");
  ASSERT_TRUE(reply.json.contains("schema_version"));
  EXPECT_TRUE(reply.json["schema_version"].is_number_integer());
  EXPECT_GT(reply.json["schema_version"].get<int>(), 0);
}

TEST_F(OperationsTest, MetricsCountRequestsByRouteAndStatus) {
  ASSERT_EQ(server().Get("/healthz").status, 200);
  ASSERT_EQ(server().Get("/api/v1/me").status, 401);
  // A request is counted by cpp-httplib's logger hook, which runs just after its response is
  // sent: poll briefly (bounded) until the /api/v1/me request is counted.
  const std::string counted = R"(psl_http_requests_total{route="/api/v1/me",status="401"})";
  Reply reply = server().Get("/metrics");
  const std::string health = R"(psl_http_requests_total{route="/healthz",status="200"})";
  for (int attempt = 0; attempt < 50 && (reply.body.find(counted) == std::string::npos ||
                                         reply.body.find(health) == std::string::npos);
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    reply = server().Get("/metrics");
  }
  ASSERT_EQ(reply.status, 200) << reply.Describe();
  EXPECT_NE(reply.Header("Content-Type").find("text/plain"), std::string::npos);
  EXPECT_NE(reply.body.find("# TYPE psl_http_requests_total counter"), std::string::npos)
      << reply.body;
  EXPECT_NE(reply.body.find(R"(psl_http_requests_total{route="/healthz",status="200"})"),
            std::string::npos)
      << reply.body;
  EXPECT_NE(reply.body.find(R"(psl_http_requests_total{route="/api/v1/me",status="401"})"),
            std::string::npos)
      << reply.body;
  EXPECT_NE(reply.body.find("psl_http_request_duration_seconds_bucket"), std::string::npos);
  // Counts and durations only: no tokens or usernames.
  EXPECT_EQ(reply.body.find("psl_s_"), std::string::npos);
}

TEST_F(OperationsTest, OpenApiDocumentIsOpenApi3Json) {
  const Reply reply = server().Get("/api/v1/openapi.json");
  ASSERT_EQ(reply.status, 200) << reply.Describe();
  EXPECT_NE(reply.Header("Content-Type").find("application/json"), std::string::npos);
  ASSERT_TRUE(reply.json.is_object()) << "not JSON: " << reply.Describe();
  ASSERT_TRUE(reply.json.contains("openapi"));
  EXPECT_TRUE(reply.json["openapi"].get<std::string>().starts_with("3.")) << reply.json["openapi"];
  EXPECT_TRUE(reply.json["info"].contains("title"));
  EXPECT_TRUE(reply.json["info"].contains("version"));
  ASSERT_TRUE(reply.json["paths"].is_object());
  EXPECT_FALSE(reply.json["paths"].empty());
  ASSERT_TRUE(reply.json["components"]["schemas"].is_object());
  // Every $ref points at a schema that exists.
  const nlohmann::json& schemas = reply.json["components"]["schemas"];
  const std::string prefix = "#/components/schemas/";
  std::size_t references = 0;
  std::string text = reply.body;
  for (auto at = text.find("\"$ref\""); at != std::string::npos;
       at = text.find("\"$ref\"", at + 1)) {
    const auto open = text.find('"', text.find(':', at) + 1);
    const auto close = text.find('"', open + 1);
    const std::string target = text.substr(open + 1, close - open - 1);
    ASSERT_TRUE(target.starts_with(prefix)) << target;
    EXPECT_TRUE(schemas.contains(target.substr(prefix.size()))) << "dangling " << target;
    ++references;
  }
  EXPECT_GT(references, 0u);
}

TEST_F(OperationsTest, EveryResponseCarriesTheSecurityHeaders) {
  const std::vector<Reply> replies = {
      server().Get("/healthz"),
      server().Get("/api/v1/me", server().As(Role::kCitizen)),
      server().Get("/api/v1/me"),
      server().Get("/api/v1/nope"),
      server().Post("/api/v1/sessions", "not json"),
  };
  for (const Reply& reply : replies) {
    SCOPED_TRACE(reply.Describe());
    EXPECT_NE(reply.status, 0);
    EXPECT_FALSE(reply.Header("X-Request-Id").empty());
    EXPECT_EQ(reply.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(reply.Header("Referrer-Policy"), "no-referrer");
    EXPECT_FALSE(reply.Header("Content-Security-Policy").empty());
  }
}

TEST_F(OperationsTest, ASecondServerCannotTakeTheSamePort) {
  // Two servers sharing a port would split the requests between them, perhaps between two
  // databases: the second must be told the port is taken.
  ServerOptions options;
  options.port = server().port();
  options.log = nullptr;
  Server second(server().app(), options);
  const Result<int> bound = second.Bind();
  ASSERT_FALSE(bound.ok()) << "bound to port " << server().port() << " a second time";
  EXPECT_EQ(bound.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(server().Get("/healthz").status, 200);
}

}  // namespace
}  // namespace psl::api::testing
