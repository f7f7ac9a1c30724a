// Shared set-up for the HTTP API tests: a real psl::api::Server on a loopback port, backed by a
// temporary SQLite database with the demonstration users, and a clock the tests move by hand.
// Every request goes through real HTTP with cpp-httplib's client.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "psl/access/role.h"
#include "psl/api/server.h"
#include "psl/app/app.h"
#include "psl/app/clock.h"
#include "psl/store/store.h"

namespace psl::api::testing {

// 2025-01-06T09:00:00Z, a Monday morning.
inline constexpr std::int64_t kStartUnixSeconds = 1'736'154'000;

// One HTTP response as the tests see it.
struct Reply {
  int status = 0;  // 0 when no response arrived (the connection failed)
  std::string body;
  httplib::Headers headers;
  nlohmann::json json;  // discarded when the body is not JSON

  std::string Header(const std::string& name) const;
  // "403 {"error":...}" for failure messages; long bodies are shortened.
  std::string Describe() const;
};

// Who sends a request: a role's demo session, a raw Authorization header, or nobody.
struct Credentials {
  std::optional<std::string> authorization;  // the whole header value; none when absent
  static Credentials None() { return {}; }
  static Credentials Bearer(const std::string& token) { return {"Bearer " + token}; }
  static Credentials Raw(std::string header) { return {std::move(header)}; }
};

// What the audit log and the ledger hold, read straight from the store: two snapshots compare
// equal when nothing was written in between.
struct WriteSnapshot {
  std::int64_t newest_audit_id = 0;
  std::int64_t postings = 0;
  std::int64_t ledger_lines = 0;
  friend bool operator==(const WriteSnapshot&, const WriteSnapshot&) = default;
};
void PrintTo(const WriteSnapshot& snapshot, std::ostream* out);

class TestServer {
 public:
  // Opens a fresh database in a temporary folder, seeds the demo users, binds port 0 and serves
  // on a background thread. On failure returns null and says why in `error`.
  static std::unique_ptr<TestServer> Start(std::string& error);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return port_; }
  app::ManualClock& clock() { return clock_; }
  store::Store& store() { return *store_; }
  app::App& app() { return *app_; }

  Reply Send(std::string_view method, const std::string& target, const std::string& body,
             const Credentials& credentials);
  Reply Get(const std::string& target, const Credentials& credentials = Credentials::None());
  Reply Post(const std::string& target, const std::string& body,
             const Credentials& credentials = Credentials::None());
  Reply Delete(const std::string& target, const Credentials& credentials = Credentials::None());

  // Sends as the demo user holding `role` (no Authorization header for Role::kPublic).
  Reply SendAs(access::Role role, std::string_view method, const std::string& target,
               const std::string& body = "");

  Reply Login(const std::string& username, const std::string& password);
  // The demo user's session token, logged in once and reused until it expires by the clock.
  std::string Token(access::Role role);
  Credentials As(access::Role role);
  // Drops the remembered tokens (after a test logged them out).
  void ForgetTokens() { tokens_.clear(); }

  WriteSnapshot Snapshot();

 private:
  TestServer() : clock_(Timestamp::FromUnixSeconds(kStartUnixSeconds)) {}

  struct CachedToken {
    std::string token;
    Timestamp expires_at;
  };

  std::string folder_;
  app::ManualClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<app::App> app_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::map<access::Role, CachedToken> tokens_;
};

// Checks the error body every 4xx and 5xx carries: {"error":{"code","message","field"}} with a
// non-empty code and message and a field that is a string or null.
::testing::AssertionResult IsJsonError(const Reply& reply);
// IsJsonError, plus the status and, when given, error.field ("" expects null).
::testing::AssertionResult IsError(const Reply& reply, int status,
                                   std::optional<std::string> field = std::nullopt);

std::string DemoPassword(access::Role role);

// One server per test suite: SetUpTestSuite starts it, TearDownTestSuite stops it. Each test
// file derives its own fixture so that each suite starts from a fresh database.
class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  static TestServer& server() { return *server_; }

 private:
  static std::unique_ptr<TestServer> server_;
  static std::string start_error_;
};

}  // namespace psl::api::testing
