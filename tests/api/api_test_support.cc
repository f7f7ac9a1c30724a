#include "api_test_support.h"

#include <cstdlib>
#include <filesystem>

#include "psl/app/demo.h"

namespace psl::api::testing {

std::string Reply::Header(const std::string& name) const {
  const auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

std::string Reply::Describe() const {
  constexpr std::size_t kShown = 300;
  std::string text = std::to_string(status) + " ";
  text += body.size() > kShown ? body.substr(0, kShown) + "..." : body;
  return text;
}

void PrintTo(const WriteSnapshot& snapshot, std::ostream* out) {
  *out << "{newest_audit_id=" << snapshot.newest_audit_id << ", postings=" << snapshot.postings
       << ", ledger_lines=" << snapshot.ledger_lines << "}";
}

std::string DemoPassword(access::Role role) {
  return "psl-demo-" + std::string(access::RoleName(role));
}

std::unique_ptr<TestServer> TestServer::Start(std::string& error) {
  std::unique_ptr<TestServer> server(new TestServer());
  std::string pattern = (std::filesystem::temp_directory_path() / "psl-api-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    error = "cannot create a temporary folder";
    return nullptr;
  }
  server->folder_ = pattern;

  auto store = store::Store::Open("sqlite:" + server->folder_ + "/psl.db");
  if (!store.ok()) {
    error = "Store::Open: " + store.status().ToString();
    return nullptr;
  }
  server->store_ = std::move(*store);
  if (Status migrated = server->store_->Migrate(server->clock_.Now()); !migrated.ok()) {
    error = "Migrate: " + migrated.ToString();
    return nullptr;
  }
  server->app_ = std::make_unique<app::App>(*server->store_, server->clock_);
  if (auto seeded = app::SeedDemo(*server->app_); !seeded.ok()) {
    error = "SeedDemo: " + seeded.status().ToString();
    return nullptr;
  }

  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.web_root = "";
  options.threads = 4;
  options.log = nullptr;
  server->server_ = std::make_unique<Server>(*server->app_, options);
  auto port = server->server_->Bind();
  if (!port.ok()) {
    error = "Bind: " + port.status().ToString();
    return nullptr;
  }
  server->port_ = *port;
  server->thread_ = std::thread([raw = server->server_.get()] { raw->Run(); });
  return server;
}

TestServer::~TestServer() {
  if (thread_.joinable()) {
    server_->Stop();
    thread_.join();
  }
  server_.reset();
  app_.reset();
  store_.reset();
  if (!folder_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }
}

Reply TestServer::Send(std::string_view method, const std::string& target, const std::string& body,
                       const Credentials& credentials) {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(5);
  client.set_read_timeout(20);
  client.set_write_timeout(20);
  httplib::Request request;
  request.method = std::string(method);
  request.path = target;
  request.body = body;
  if (!body.empty()) request.set_header("Content-Type", "application/json");
  if (credentials.authorization) request.set_header("Authorization", *credentials.authorization);

  Reply reply;
  const httplib::Result result = client.send(request);
  if (!result) {
    reply.body = "no response: " + httplib::to_string(result.error());
    reply.json = nlohmann::json(nlohmann::json::value_t::discarded);
    return reply;
  }
  reply.status = result->status;
  reply.body = result->body;
  reply.headers = result->headers;
  reply.json = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  return reply;
}

Reply TestServer::Get(const std::string& target, const Credentials& credentials) {
  return Send("GET", target, "", credentials);
}

Reply TestServer::Post(const std::string& target, const std::string& body,
                       const Credentials& credentials) {
  return Send("POST", target, body, credentials);
}

Reply TestServer::Delete(const std::string& target, const Credentials& credentials) {
  return Send("DELETE", target, "", credentials);
}

Reply TestServer::SendAs(access::Role role, std::string_view method, const std::string& target,
                         const std::string& body) {
  return Send(method, target, body, As(role));
}

Reply TestServer::Login(const std::string& username, const std::string& password) {
  const nlohmann::json body = {{"username", username}, {"password", password}};
  return Post("/api/v1/sessions", body.dump());
}

std::string TestServer::Token(access::Role role) {
  if (role == access::Role::kPublic) return "";
  const auto cached = tokens_.find(role);
  if (cached != tokens_.end() && clock_.Now() < cached->second.expires_at) {
    return cached->second.token;
  }
  const Reply reply = Login(std::string(access::RoleName(role)), DemoPassword(role));
  if (reply.status != 201 || !reply.json.is_object() || !reply.json.contains("token")) {
    ADD_FAILURE() << "the demo user '" << access::RoleName(role)
                  << "' cannot log in: " << reply.Describe();
    return "";
  }
  auto expires_at = Timestamp::ParseIso8601(reply.json.value("expires_at", ""));
  CachedToken token{reply.json["token"].get<std::string>(),
                    expires_at.ok() ? *expires_at : clock_.Now()};
  tokens_[role] = token;
  return token.token;
}

Credentials TestServer::As(access::Role role) {
  if (role == access::Role::kPublic) return Credentials::None();
  return Credentials::Bearer(Token(role));
}

WriteSnapshot TestServer::Snapshot() {
  WriteSnapshot snapshot;
  const Status status = store_->Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(auto newest, transaction.audit().PageNewestFirst(std::nullopt, 1));
    snapshot.newest_audit_id = newest.empty() ? 0 : newest.front().id.value();
    PSL_ASSIGN_OR_RETURN(const store::LedgerCheck check, transaction.ledger().Check());
    snapshot.postings = check.posting_count;
    snapshot.ledger_lines = check.line_count;
    return Status::Ok();
  });
  if (!status.ok()) ADD_FAILURE() << "cannot read the store: " << status.ToString();
  return snapshot;
}

::testing::AssertionResult IsJsonError(const Reply& reply) {
  if (!reply.json.is_object()) {
    return ::testing::AssertionFailure() << "the body is not a JSON object: " << reply.Describe();
  }
  if (reply.json.size() != 1 || !reply.json.contains("error") || !reply.json["error"].is_object()) {
    return ::testing::AssertionFailure()
           << "the body is not {\"error\":{...}}: " << reply.Describe();
  }
  const nlohmann::json& error = reply.json["error"];
  for (const char* key : {"code", "message", "field"}) {
    if (!error.contains(key)) {
      return ::testing::AssertionFailure()
             << "error." << key << " is missing: " << reply.Describe();
    }
  }
  if (!error["code"].is_string() || error["code"].get<std::string>().empty()) {
    return ::testing::AssertionFailure()
           << "error.code is not a non-empty string: " << reply.Describe();
  }
  if (!error["message"].is_string() || error["message"].get<std::string>().empty()) {
    return ::testing::AssertionFailure()
           << "error.message is not a non-empty string: " << reply.Describe();
  }
  if (!error["field"].is_string() && !error["field"].is_null()) {
    return ::testing::AssertionFailure()
           << "error.field is neither a string nor null: " << reply.Describe();
  }
  if (reply.Header("Content-Type").find("application/json") == std::string::npos) {
    return ::testing::AssertionFailure()
           << "Content-Type is '" << reply.Header("Content-Type") << "', not JSON";
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult IsError(const Reply& reply, int status,
                                   std::optional<std::string> field) {
  if (reply.status != status) {
    return ::testing::AssertionFailure()
           << "expected status " << status << ", got " << reply.Describe();
  }
  if (auto json_error = IsJsonError(reply); !json_error) return json_error;
  if (field) {
    const nlohmann::json& actual = reply.json["error"]["field"];
    const bool matches = field->empty() ? actual.is_null()
                                        : actual.is_string() && actual.get<std::string>() == *field;
    if (!matches) {
      return ::testing::AssertionFailure()
             << "expected error.field " << (field->empty() ? "null" : "'" + *field + "'")
             << ", got " << actual.dump() << " in " << reply.Describe();
    }
  }
  return ::testing::AssertionSuccess();
}

std::unique_ptr<TestServer> ApiTest::server_;
std::string ApiTest::start_error_;

void ApiTest::SetUpTestSuite() {
  start_error_.clear();
  server_ = TestServer::Start(start_error_);
}

void ApiTest::TearDownTestSuite() { server_.reset(); }

void ApiTest::SetUp() {
  ASSERT_NE(server_, nullptr) << "the test server did not start: " << start_error_;
}

}  // namespace psl::api::testing
