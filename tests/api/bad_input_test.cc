// Bad input through HTTP (X-2): every mistake gets a 4xx JSON error naming the field where there
// is one, never a 5xx, and nothing is written (the audit log and the ledger are read straight
// from the store before and after each request).
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "api_test_support.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

class BadInputTest : public ApiTest {};

struct BadRequest {
  std::string name;
  Role role;
  std::string method;
  std::string target;
  std::string body;
  int status;
  std::optional<std::string> field;  // "" expects null; absent checks nothing
  std::optional<std::string> authorization = std::nullopt;  // replaces the role's header
};

// Sends each request and checks the refusal and that nothing was written.
void ExpectRefused(TestServer& server, const std::vector<BadRequest>& requests) {
  for (const BadRequest& request : requests) {
    SCOPED_TRACE(request.name + ": " + request.method + " " + request.target.substr(0, 100));
    const Credentials credentials = request.authorization
                                        ? Credentials::Raw(*request.authorization)
                                        : server.As(request.role);  // logs in before the snapshot
    const WriteSnapshot before = server.Snapshot();
    const Reply reply = server.Send(request.method, request.target, request.body, credentials);
    EXPECT_NE(reply.status, 0) << "no answer: " << reply.body;
    EXPECT_LT(reply.status, 500) << reply.Describe();
    EXPECT_TRUE(IsError(reply, request.status, request.field));
    EXPECT_FALSE(reply.Header("X-Request-Id").empty());
    EXPECT_EQ(server.Snapshot(), before) << "something was written";
  }
}

json Line(const std::string& account, json amount) {
  return {{"account", account}, {"amount_pence", std::move(amount)}};
}

json Posting(const std::string& key, json lines) {
  return {{"idempotency_key", key},
          {"effective_date", "2025-03-01"},
          {"description", "an adjustment"},
          {"cause", "test:1"},
          {"lines", std::move(lines)}};
}

json Balanced(const std::string& key, std::int64_t pence = 1000) {
  return Posting(key, {Line("bank", pence), Line("fee_income", -pence)});
}

json NewUser(const std::string& username, const std::string& role) {
  return {{"username", username}, {"password", "a-long-enough-password"}, {"role", role}};
}

template <typename Edit>
std::string Edited(json value, Edit edit) {
  edit(value);
  return value.dump();
}

TEST_F(BadInputTest, MalformedBodies) {
  const std::string users = "/api/v1/users";
  const Role regulator = Role::kRegulator;
  std::string nested(32000, '[');
  nested += std::string(32000, ']');
  ExpectRefused(
      server(),
      {
          {"malformed JSON", regulator, "POST", users, R"({"username": "x",)", 400, ""},
          {"not JSON at all", regulator, "POST", users, "username=x&password=y", 400, ""},
          {"empty body", regulator, "POST", users, "", 400, ""},
          {"trailing bytes", regulator, "POST", users,
           NewUser("trailing", "inspector").dump() + "x", 400, ""},
          {"JSON array", regulator, "POST", users, R"(["username","password"])", 400, ""},
          {"empty JSON array", regulator, "POST", users, "[]", 400, ""},
          {"JSON string", regulator, "POST", users, R"("inspector")", 400, ""},
          {"JSON null", regulator, "POST", users, "null", 400, ""},
          {"JSON number", regulator, "POST", users, "42", 400, ""},
          {"deeply nested arrays", regulator, "POST", users, nested, 400, ""},
          {"invalid UTF-8", regulator, "POST", users,
           R"({"username":")" + std::string("\xff\xfe") + R"(","password":"x","role":"citizen"})",
           400, ""},
          {"oversized body", regulator, "POST", users,
           R"({"username":")" + std::string(70 * 1024, 'a') + R"("})", 413, std::nullopt},
          {"login: oversized body", Role::kPublic, "POST", "/api/v1/sessions",
           R"({"username":"x","password":")" + std::string(65 * 1024, 'a') + R"("})", 413,
           std::nullopt},
      });
}

TEST_F(BadInputTest, ChunkedBodiesAreRefusedBeforeTheyAreRead) {
  // No Content-Length: cpp-httplib would read it whole, so the server refuses it up front (411).
  const Credentials regulator = server().As(Role::kRegulator);
  const WriteSnapshot before = server().Snapshot();
  httplib::Client client("127.0.0.1", server().port());
  client.set_read_timeout(20);
  const std::string chunk(16 * 1024, ' ');
  int sent = 0;
  const httplib::Result result = client.Post(
      "/api/v1/users", {{"Authorization", *regulator.authorization}},
      [&](std::size_t, httplib::DataSink& sink) {
        if (sent++ < 8) return sink.write(chunk.data(), chunk.size());
        sink.done();
        return true;
      },
      "application/json");
  if (result) {  // the server may also simply close the connection
    EXPECT_EQ(result->status, 411) << result->body;
    Reply reply;
    reply.status = result->status;
    reply.body = result->body;
    reply.headers = result->headers;
    reply.json = nlohmann::json::parse(reply.body, nullptr, false);
    EXPECT_TRUE(IsJsonError(reply));
  }
  EXPECT_EQ(server().Snapshot(), before);
  // And the server still answers.
  EXPECT_EQ(server().Get("/healthz").status, 200);
}

TEST_F(BadInputTest, WrongTypesMissingAndUnknownFields) {
  const std::string users = "/api/v1/users";
  const std::string sessions = "/api/v1/sessions";
  const Role regulator = Role::kRegulator;
  const json user = NewUser("new.user", "inspector");
  ExpectRefused(
      server(),
      {
          {"login: username as number", Role::kPublic, "POST", sessions,
           R"({"username":42,"password":"psl-demo-regulator"})", 400, "username"},
          {"login: password as object", Role::kPublic, "POST", sessions,
           R"({"username":"regulator","password":{"a":1}})", 400, "password"},
          {"login: missing password", Role::kPublic, "POST", sessions,
           R"({"username":"regulator"})", 400, "password"},
          {"login: null username", Role::kPublic, "POST", sessions,
           R"({"username":null,"password":"psl-demo-regulator"})", 400, "username"},
          {"login: unknown field", Role::kPublic, "POST", sessions,
           R"({"username":"regulator","password":"psl-demo-regulator","remember":true})", 400,
           "remember"},
          {"login: username too long", Role::kPublic, "POST", sessions,
           json{{"username", std::string(65, 'a')}, {"password", "x"}}.dump(), 400, "username"},
          {"user: username as number", regulator, "POST", users,
           Edited(user, [](json& v) { v["username"] = 42; }), 400, "username"},
          {"user: role as number", regulator, "POST", users,
           Edited(user, [](json& v) { v["role"] = 2; }), 400, "role"},
          {"user: provider_id as string", regulator, "POST", users,
           Edited(NewUser("new.provider", "provider"), [](json& v) { v["provider_id"] = "1"; }),
           400, "provider_id"},
          {"user: provider_id as float", regulator, "POST", users,
           Edited(NewUser("new.provider", "provider"), [](json& v) { v["provider_id"] = 1.5; }),
           400, "provider_id"},
          {"user: missing username", regulator, "POST", users,
           Edited(user, [](json& v) { v.erase("username"); }), 400, "username"},
          {"user: missing password", regulator, "POST", users,
           Edited(user, [](json& v) { v.erase("password"); }), 400, "password"},
          {"user: missing role", regulator, "POST", users,
           Edited(user, [](json& v) { v.erase("role"); }), 400, "role"},
          {"user: unknown field", regulator, "POST", users,
           Edited(user, [](json& v) { v["colour"] = "red"; }), 400, "colour"},
          {"user: unknown role", regulator, "POST", users,
           Edited(user, [](json& v) { v["role"] = "king"; }), 400, "role"},
          {"user: the public is not a role", regulator, "POST", users,
           Edited(user, [](json& v) { v["role"] = "public"; }), 400, "role"},
          {"user: bad username", regulator, "POST", users,
           Edited(user, [](json& v) { v["username"] = "Has Spaces"; }), 400, "username"},
          {"user: short password", regulator, "POST", users,
           Edited(user, [](json& v) { v["password"] = "short"; }), 400, "password"},
          {"api key: missing name", Role::kProvider, "POST", "/api/v1/api-keys", "{}", 400, "name"},
          {"api key: empty name", Role::kProvider, "POST", "/api/v1/api-keys", R"({"name":""})",
           400, "name"},
          {"api key: unknown field", Role::kProvider, "POST", "/api/v1/api-keys",
           R"({"name":"k","scope":"all"})", 400, "scope"},
      });
}

TEST_F(BadInputTest, UserScopeAndUniqueness) {
  const std::string users = "/api/v1/users";
  const Role regulator = Role::kRegulator;
  ExpectRefused(
      server(),
      {
          {"provider role without provider_id", regulator, "POST", users,
           NewUser("new.provider", "provider").dump(), 400, "provider_id"},
          {"citizen role without citizen_id", regulator, "POST", users,
           NewUser("new.citizen", "citizen").dump(), 400, "citizen_id"},
          {"inspector with a provider_id", regulator, "POST", users,
           Edited(NewUser("new.inspector", "inspector"), [](json& v) { v["provider_id"] = 1; }),
           400, "provider_id"},
          {"provider that does not exist", regulator, "POST", users,
           Edited(NewUser("new.provider", "provider"), [](json& v) { v["provider_id"] = 999999; }),
           404, "provider_id"},
          {"taken username", regulator, "POST", users, NewUser("citizen", "inspector").dump(), 409,
           "username"},
      });
  // The same request with a free username is accepted: the refusals above were about the input.
  EXPECT_EQ(server()
                .Post(users, NewUser("new.inspector", "inspector").dump(), server().As(regulator))
                .status,
            201);
  ExpectRefused(server(), {{"taken username, just created", regulator, "POST", users,
                            NewUser("new.inspector", "referrer").dump(), 409, "username"}});
}

TEST_F(BadInputTest, UnknownRoutes) {
  ExpectRefused(
      server(),
      {
          {"unknown route", Role::kPublic, "GET", "/api/v1/nope", "", 404, std::nullopt},
          {"unknown route, logged in", Role::kRegulator, "GET", "/api/v1/nope", "", 404,
           std::nullopt},
          {"unknown route, POST", Role::kRegulator, "POST", "/api/v1/nope", "{}", 404,
           std::nullopt},
          {"unknown version", Role::kRegulator, "GET", "/api/v2/me", "", 404, std::nullopt},
          {"trailing segment", Role::kRegulator, "GET", "/api/v1/me/more", "", 404, std::nullopt},
          {"no web root", Role::kPublic, "GET", "/index.html", "", 404, std::nullopt},
          {"PUT is not a method of the API", Role::kRegulator, "PUT", "/api/v1/me", "{}", 404,
           std::nullopt},
          {"PATCH on a posting", Role::kRegulator, "PATCH", "/api/v1/ledger/postings/1", "{}", 404,
           std::nullopt},
          {"GET on a POST-only route", Role::kRegulator, "GET", "/api/v1/users", "", 404,
           std::nullopt},
          {"POST on a GET-only route", Role::kRegulator, "POST", "/api/v1/me", "{}", 404,
           std::nullopt},
      });
}

TEST_F(BadInputTest, OversizedHeaders) {
  const Role regulator = Role::kRegulator;
  ExpectRefused(server(), {
                              {"Authorization beyond 8 KiB", Role::kPublic, "GET", "/api/v1/me", "",
                               400, std::nullopt, "Bearer psl_s_" + std::string(9000, 'a')},
                              {"path beyond 8 KiB", regulator, "GET",
                               "/api/v1/" + std::string(9000, 'a'), "", 414, std::nullopt},
                          });
}

TEST_F(BadInputTest, QueryParameters) {
  const Role regulator = Role::kRegulator;
  const std::string audit = "/api/v1/audit";
  const std::string accounts = "/api/v1/ledger/accounts";
  ExpectRefused(
      server(),
      {
          {"unknown parameter", regulator, "GET", audit + "?colour=red", "", 400, "colour"},
          {"unknown parameter after a good one", regulator, "GET", audit + "?limit=5&page=2", "",
           400, "page"},
          {"limit=0", regulator, "GET", audit + "?limit=0", "", 400, "limit"},
          {"limit=501", regulator, "GET", audit + "?limit=501", "", 400, "limit"},
          {"limit=abc", regulator, "GET", audit + "?limit=abc", "", 400, "limit"},
          {"limit=-1", regulator, "GET", audit + "?limit=-1", "", 400, "limit"},
          {"limit=1.5", regulator, "GET", audit + "?limit=1.5", "", 400, "limit"},
          {"limit empty", regulator, "GET", audit + "?limit=", "", 400, "limit"},
          {"limit huge", regulator, "GET", audit + "?limit=99999999999999999999999", "", 400,
           "limit"},
          {"limit twice", regulator, "GET", audit + "?limit=1&limit=2", "", 400, "limit"},
          {"before=-1", regulator, "GET", audit + "?before=-1", "", 400, "before"},
          {"before=0", regulator, "GET", audit + "?before=0", "", 400, "before"},
          {"before=abc", regulator, "GET", audit + "?before=abc", "", 400, "before"},
          {"as_of not a date", regulator, "GET", accounts + "?as_of=yesterday", "", 400, "as_of"},
          {"as_of month 13", regulator, "GET", accounts + "?as_of=2025-13-01", "", 400, "as_of"},
          {"as_of 30 February", regulator, "GET", accounts + "?as_of=2025-02-30", "", 400, "as_of"},
          {"balances: unknown parameter", regulator, "GET", accounts + "?before=3", "", 400,
           "before"},
          {"balances: limit=0", regulator, "GET", accounts + "?limit=0", "", 400, "limit"},
          {"balances: after too long", regulator, "GET",
           accounts + "?after=" + std::string(101, 'a'), "", 400, "after"},
          {"before beyond int64", regulator, "GET", audit + "?before=99999999999999999999", "", 400,
           "before"},
          {"NUL in a parameter", regulator, "GET", audit + "?limit=1%00", "", 400, "limit"},
      });
}

TEST_F(BadInputTest, PathIds) {
  const Role regulator = Role::kRegulator;
  const std::string postings = "/api/v1/ledger/postings/";
  const std::string reversal = R"({"idempotency_key":"r","effective_date":"2025-03-02",)"
                               R"("reason":"a mistake"})";
  ExpectRefused(
      server(),
      {
          {"id abc", regulator, "GET", postings + "abc", "", 400, "id"},
          {"id 0", regulator, "GET", postings + "0", "", 400, "id"},
          {"id -1", regulator, "GET", postings + "-1", "", 400, "id"},
          {"id +1", regulator, "GET", postings + "+1", "", 400, "id"},
          {"id 1.5", regulator, "GET", postings + "1.5", "", 400, "id"},
          {"id too big", regulator, "GET", postings + "99999999999999999999", "", 400, "id"},
          {"id with spaces", regulator, "GET", postings + "%201", "", 400, "id"},
          {"no such posting", regulator, "GET", postings + "424242", "", 404, "id"},
          {"reverse id abc", regulator, "POST", postings + "abc/reversal", reversal, 400, "id"},
          {"reverse id 0", regulator, "POST", postings + "0/reversal", reversal, 400, "id"},
          {"reverse a posting that does not exist", regulator, "POST", postings + "424242/reversal",
           reversal, 404, "id"},
      });
}

TEST_F(BadInputTest, LedgerPostings) {
  const Role regulator = Role::kRegulator;
  const std::string postings = "/api/v1/ledger/postings";
  std::vector<json> many_lines;
  for (int i = 0; i < 101; ++i) many_lines.push_back(Line("bank", i % 2 == 0 ? 1 : -1));
  json line_with_memo = Line("bank", 1000);
  line_with_memo["memo"] = "x";
  ExpectRefused(
      server(),
      {
          {"does not balance", regulator, "POST", postings,
           Posting("k1", {Line("bank", 1000), Line("fee_income", -999)}).dump(), 400, "lines"},
          {"zero line", regulator, "POST", postings,
           Posting("k1", {Line("bank", 0), Line("fee_income", 0)}).dump(), 400, "lines[0].amount"},
          {"bad account code", regulator, "POST", postings,
           Posting("k1", {Line("petty_cash", 1000), Line("fee_income", -1000)}).dump(), 400,
           "lines[0].account"},
          {"bad account qualifier", regulator, "POST", postings,
           Posting("k1", {Line("bank", 1000), Line("provider_payable:abc", -1000)}).dump(), 400,
           "lines[1].account"},
          {"amount as float", regulator, "POST", postings,
           Posting("k1", {Line("bank", 1.5), Line("fee_income", -1.5)}).dump(), 400,
           "lines[0].amount_pence"},
          {"amount as string", regulator, "POST", postings,
           Posting("k1", {Line("bank", "1000"), Line("fee_income", -1000)}).dump(), 400,
           "lines[0].amount_pence"},
          {"amount beyond the line limit", regulator, "POST", postings,
           Posting("k1", {Line("bank", 1'000'000'000'000'000'001), Line("fee_income", -1)}).dump(),
           400, "lines[0].amount_pence"},
          {"amount beyond int64", regulator, "POST", postings,
           R"({"idempotency_key":"k1","effective_date":"2025-03-01","description":"d",)"
           R"("cause":"test:1","lines":[{"account":"bank","amount_pence":99999999999999999999},)"
           R"({"account":"fee_income","amount_pence":-1}]})",
           400, "lines[0].amount_pence"},
          {"one line", regulator, "POST", postings,
           Posting("k1", json::array({Line("bank", 1000)})).dump(), 400, "lines"},
          {"no lines", regulator, "POST", postings, Posting("k1", json::array()).dump(), 400,
           "lines"},
          {"101 lines", regulator, "POST", postings, Posting("k1", many_lines).dump(), 400,
           "lines"},
          {"lines not an array", regulator, "POST", postings,
           Posting("k1", json{{"bank", 1000}}).dump(), 400, "lines"},
          {"line not an object", regulator, "POST", postings,
           Posting("k1", json::array({"bank", Line("fee_income", -1000)})).dump(), 400, "lines[0]"},
          {"unknown field in a line", regulator, "POST", postings,
           Posting("k1", json::array({line_with_memo, Line("fee_income", -1000)})).dump(), 400,
           "lines[0].memo"},
          {"missing cause", regulator, "POST", postings,
           Edited(Balanced("k1"), [](json& v) { v.erase("cause"); }), 400, "cause"},
          {"empty idempotency key", regulator, "POST", postings, Balanced("").dump(), 400,
           "idempotency_key"},
          {"not a date", regulator, "POST", postings,
           Edited(Balanced("k1"), [](json& v) { v["effective_date"] = "2025-02-30"; }), 400,
           "effective_date"},
          {"date as number", regulator, "POST", postings,
           Edited(Balanced("k1"), [](json& v) { v["effective_date"] = 20250301; }), 400,
           "effective_date"},
          {"unknown top-level field", regulator, "POST", postings,
           Edited(Balanced("k1"), [](json& v) { v["reverses"] = 1; }), 400, "reverses"},
          {"control character in the description", regulator, "POST", postings,
           Edited(Balanced("k1"), [](json& v) { v["description"] = "two\nlines"; }), 400,
           "description"},
          {"amount at the int64 minimum", regulator, "POST", postings,
           Posting("k1",
                   {Line("bank", std::numeric_limits<std::int64_t>::min()), Line("fee_income", 1)})
               .dump(),
           400, "lines[0].amount_pence"},
      });
}

TEST_F(BadInputTest, IdempotencyAndReversalConflicts) {
  const Role regulator = Role::kRegulator;
  const std::string postings = "/api/v1/ledger/postings";
  const Credentials as_regulator = server().As(regulator);

  const Reply first = server().Post(postings, Balanced("fee:application:7").dump(), as_regulator);
  ASSERT_EQ(first.status, 201) << first.Describe();
  EXPECT_EQ(first.json.value("replayed", true), false);
  const std::int64_t posting_id = first.json.value("posting_id", std::int64_t{0});
  ASSERT_GT(posting_id, 0);

  // The same key and content again: the original, and nothing new.
  {
    const WriteSnapshot before = server().Snapshot();
    const Reply replay =
        server().Post(postings, Balanced("fee:application:7").dump(), as_regulator);
    EXPECT_EQ(replay.status, 200) << replay.Describe();
    EXPECT_EQ(replay.json.value("replayed", false), true) << replay.Describe();
    EXPECT_EQ(replay.json.value("posting_id", std::int64_t{0}), posting_id);
    EXPECT_EQ(server().Snapshot(), before);
  }

  const std::string original = postings + "/" + std::to_string(posting_id);
  const auto reversal = [](const std::string& key) {
    return json{{"idempotency_key", key}, {"effective_date", "2025-03-02"}, {"reason", "a mistake"}}
        .dump();
  };
  ExpectRefused(
      server(),
      {
          {"same key, different amount", regulator, "POST", postings,
           Balanced("fee:application:7", 2000).dump(), 409, std::nullopt},
          {"same key, different description", regulator, "POST", postings,
           Edited(Balanced("fee:application:7"), [](json& v) { v["description"] = "other"; }), 409,
           std::nullopt},
          {"reversal: missing reason", regulator, "POST", original + "/reversal",
           R"({"idempotency_key":"r","effective_date":"2025-03-02"})", 400, "reason"},
          {"reversal: empty key", regulator, "POST", original + "/reversal", reversal(""), 400,
           "idempotency_key"},
          {"reversal: unknown field", regulator, "POST", original + "/reversal",
           Edited(json::parse(reversal("r")), [](json& v) { v["lines"] = json::array(); }), 400,
           "lines"},
      });

  // Reverse once: a new posting.
  const Reply reversed =
      server().Post(original + "/reversal", reversal("reverse:7:a"), as_regulator);
  ASSERT_EQ(reversed.status, 201) << reversed.Describe();
  const std::int64_t reversal_id = reversed.json.value("posting_id", std::int64_t{0});
  ASSERT_GT(reversal_id, posting_id);

  // Replaying the same reversal returns it.
  {
    const WriteSnapshot before = server().Snapshot();
    const Reply replay =
        server().Post(original + "/reversal", reversal("reverse:7:a"), as_regulator);
    EXPECT_EQ(replay.status, 200) << replay.Describe();
    EXPECT_EQ(replay.json.value("replayed", false), true);
    EXPECT_EQ(replay.json.value("posting_id", std::int64_t{0}), reversal_id);
    EXPECT_EQ(server().Snapshot(), before);
  }

  // The reversal itself can be reversed, once.
  const std::string reversal_path = postings + "/" + std::to_string(reversal_id) + "/reversal";
  const Reply re_reversed = server().Post(reversal_path, reversal("reverse:7:b"), as_regulator);
  ASSERT_EQ(re_reversed.status, 201) << re_reversed.Describe();

  ExpectRefused(server(), {
                              {"reverse the original again", regulator, "POST",
                               original + "/reversal", reversal("reverse:7:c"), 409, std::nullopt},
                              {"reverse the reversal again", regulator, "POST", reversal_path,
                               reversal("reverse:7:d"), 409, std::nullopt},
                              {"reversal key reused for another posting", regulator, "POST",
                               reversal_path, reversal("reverse:7:a"), 409, std::nullopt},
                          });
}

}  // namespace
}  // namespace psl::api::testing
