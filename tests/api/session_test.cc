// Sessions through HTTP (X-1): logging in, who a token belongs to, lock-out after repeated
// failures, logging out, expiry by the clock, forged tokens and API keys.
#include <random>

#include "api_test_support.h"

namespace psl::api::testing {
namespace {

using access::Role;

class SessionTest : public ApiTest {};

std::string RandomHex(std::size_t length) {
  static std::mt19937_64 random(20250106);
  constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < length; ++i) text += kDigits[random() % 16];
  return text;
}

TEST_F(SessionTest, LoginReturnsATokenThatExpiresAfterAWorkingDay) {
  const Reply reply = server().Login("referrer", DemoPassword(Role::kReferrer));
  ASSERT_EQ(reply.status, 201) << reply.Describe();
  ASSERT_TRUE(reply.json.is_object()) << reply.Describe();
  const std::string token = reply.json.value("token", "");
  EXPECT_TRUE(token.starts_with("psl_s_")) << token;
  EXPECT_EQ(token.size(), 6u + 64u) << token;
  EXPECT_EQ(reply.json.value("role", ""), "referrer");
  EXPECT_EQ(reply.json.value("expires_at", ""),
            server().clock().Now().PlusSeconds(8 * 3600).ToIso8601());
  EXPECT_FALSE(reply.Header("X-Request-Id").empty());

  // A second login gives a different token.
  const Reply again = server().Login("referrer", DemoPassword(Role::kReferrer));
  ASSERT_EQ(again.status, 201) << again.Describe();
  EXPECT_NE(again.json.value("token", ""), token);
}

TEST_F(SessionTest, MeShowsTheUserAndTheirScope) {
  for (Role role : access::kAllRoles) {
    if (role == Role::kPublic) continue;
    SCOPED_TRACE(access::RoleName(role));
    const Reply me = server().Get("/api/v1/me", server().As(role));
    ASSERT_EQ(me.status, 200) << me.Describe();
    EXPECT_EQ(me.json.value("username", ""), access::RoleName(role));
    EXPECT_EQ(me.json.value("role", ""), access::RoleName(role));
    ASSERT_TRUE(me.json.contains("user_id"));
    EXPECT_TRUE(me.json["user_id"].is_number_integer());
    EXPECT_GT(me.json["user_id"].get<std::int64_t>(), 0);
    ASSERT_TRUE(me.json.contains("provider_id"));
    ASSERT_TRUE(me.json.contains("citizen_id"));
    if (role == Role::kProvider) {
      ASSERT_TRUE(me.json["provider_id"].is_number_integer()) << me.Describe();
      EXPECT_GT(me.json["provider_id"].get<std::int64_t>(), 0);
    } else {
      EXPECT_TRUE(me.json["provider_id"].is_null()) << me.Describe();
    }
    if (role == Role::kCitizen) {
      ASSERT_TRUE(me.json["citizen_id"].is_number_integer()) << me.Describe();
      EXPECT_GT(me.json["citizen_id"].get<std::int64_t>(), 0);
    } else {
      EXPECT_TRUE(me.json["citizen_id"].is_null()) << me.Describe();
    }
  }
  EXPECT_TRUE(IsError(server().Get("/api/v1/me"), 401));
}

TEST_F(SessionTest, WrongPasswordAndUnknownUserGiveTheSameAnswer) {
  const Reply wrong = server().Login("government", "not-the-password");
  const Reply unknown = server().Login("nobody-here", "not-the-password");
  ASSERT_TRUE(IsError(wrong, 401));
  ASSERT_TRUE(IsError(unknown, 401));
  EXPECT_EQ(wrong.json["error"]["message"], unknown.json["error"]["message"]);
  EXPECT_EQ(wrong.json["error"]["code"], unknown.json["error"]["code"]);
  EXPECT_EQ(wrong.json["error"]["field"], unknown.json["error"]["field"]);
  // One failure does not lock the account.
  EXPECT_EQ(server().Login("government", DemoPassword(Role::kGovernment)).status, 201);
}

TEST_F(SessionTest, RepeatedFailuresLockTheAccountUntilTheLockPasses) {
  // A user of its own, so that locking it disturbs no other test.
  const std::string password = "a-long-enough-password";
  const nlohmann::json user = {
      {"username", "locked.out"}, {"password", password}, {"role", "inspector"}};
  const Reply created = server().Post("/api/v1/users", user.dump(), server().As(Role::kRegulator));
  ASSERT_EQ(created.status, 201) << created.Describe();

  for (int attempt = 1; attempt <= 5; ++attempt) {
    EXPECT_TRUE(
        IsError(server().Login("locked.out", "wrong-password-" + std::to_string(attempt)), 401))
        << "attempt " << attempt;
  }
  // The sixth attempt is refused even with the right password.
  const Reply locked = server().Login("locked.out", password);
  EXPECT_TRUE(IsError(locked, 429));
  EXPECT_NE(locked.json.dump().find("locked"), std::string::npos) << locked.Describe();

  // Still locked a little later.
  server().clock().Advance(30);
  EXPECT_TRUE(IsError(server().Login("locked.out", password), 429));

  // After the lock has passed the right password works again.
  server().clock().Advance(31);
  const Reply after = server().Login("locked.out", password);
  ASSERT_EQ(after.status, 201) << after.Describe();
  EXPECT_EQ(after.json.value("role", ""), "inspector");

  // And the count started again: one more failure does not lock.
  EXPECT_TRUE(IsError(server().Login("locked.out", "wrong-again"), 401));
  EXPECT_EQ(server().Login("locked.out", password).status, 201);
}

TEST_F(SessionTest, LogoutEndsTheSession) {
  const Reply login = server().Login("inspector", DemoPassword(Role::kInspector));
  ASSERT_EQ(login.status, 201) << login.Describe();
  const auto token = Credentials::Bearer(login.json.value("token", ""));
  ASSERT_EQ(server().Get("/api/v1/me", token).status, 200);

  const Reply logout = server().Delete("/api/v1/sessions/current", token);
  EXPECT_EQ(logout.status, 204) << logout.Describe();
  EXPECT_TRUE(logout.body.empty()) << logout.Describe();

  EXPECT_TRUE(IsError(server().Get("/api/v1/me", token), 401));
  EXPECT_TRUE(IsError(server().Delete("/api/v1/sessions/current", token), 401));
  // Other sessions of the same user are untouched.
  EXPECT_EQ(server().Get("/api/v1/me", server().As(Role::kInspector)).status, 200);
}

TEST_F(SessionTest, ATokenExpiresAfterEightHours) {
  const Reply login = server().Login("citizen", DemoPassword(Role::kCitizen));
  ASSERT_EQ(login.status, 201) << login.Describe();
  const auto token = Credentials::Bearer(login.json.value("token", ""));

  server().clock().Advance(7 * 3600);
  EXPECT_EQ(server().Get("/api/v1/me", token).status, 200);
  server().clock().Advance(2 * 3600);  // 9 hours after the login
  EXPECT_TRUE(IsError(server().Get("/api/v1/me", token), 401));
}

TEST_F(SessionTest, ForgedTokensAreRefused) {
  const std::string real = server().Token(Role::kRegulator);
  ASSERT_FALSE(real.empty());
  const std::string real_secret = real.substr(6);
  const std::vector<std::pair<std::string, std::string>> forgeries = {
      {"random session token", "Bearer psl_s_" + RandomHex(64)},
      {"random API key", "Bearer psl_k_" + RandomHex(64)},
      {"wrong prefix", "Bearer xyz_s_" + real_secret},
      {"API key prefix on a session secret", "Bearer psl_k_" + real_secret},
      {"one character changed",
       "Bearer " + real.substr(0, real.size() - 1) + (real.back() == '0' ? "1" : "0")},
      {"too short", "Bearer " + real.substr(0, real.size() - 1)},
      {"too long", "Bearer " + real + "0"},
      {"upper case", "Bearer PSL_S_" + real_secret},
      {"'Bearer' missing", real},
      {"lower-case scheme", "bearer " + real},
      {"basic scheme", "Basic cmVndWxhdG9yOnBzbC1kZW1vLXJlZ3VsYXRvcg=="},
      {"empty bearer", "Bearer "},
      {"bearer alone", "Bearer"},
      {"two spaces", "Bearer  " + real},
      {"very long header", "Bearer psl_s_" + std::string(6000, 'a')},
      {"non-ASCII", "Bearer psl_s_\xc3\xa9\xc3\xa9" + RandomHex(60)},
  };
  for (const auto& [name, header] : forgeries) {
    SCOPED_TRACE(name);
    const Reply reply = server().Get("/api/v1/me", Credentials::Raw(header));
    EXPECT_TRUE(IsError(reply, 401));
  }
  // The real token still works.
  EXPECT_EQ(server().Get("/api/v1/me", Credentials::Bearer(real)).status, 200);
}

TEST_F(SessionTest, AnApiKeyActsAsTheUserWhoCreatedIt) {
  const Reply created = server().Post("/api/v1/api-keys", R"({"name":"nightly export"})",
                                      server().As(Role::kProvider));
  ASSERT_EQ(created.status, 201) << created.Describe();
  EXPECT_EQ(created.json.value("name", ""), "nightly export");
  EXPECT_TRUE(created.json.contains("id"));
  const std::string key = created.json.value("key", "");
  EXPECT_TRUE(key.starts_with("psl_k_")) << key;

  const Reply as_key = server().Get("/api/v1/me", Credentials::Bearer(key));
  const Reply as_session = server().Get("/api/v1/me", server().As(Role::kProvider));
  ASSERT_EQ(as_key.status, 200) << as_key.Describe();
  ASSERT_EQ(as_session.status, 200) << as_session.Describe();
  EXPECT_EQ(as_key.json.value("role", ""), "provider");
  EXPECT_EQ(as_key.json, as_session.json);
  ASSERT_TRUE(as_key.json["provider_id"].is_number_integer());

  // The key carries the provider's role, not more.
  EXPECT_TRUE(IsError(server().Get("/api/v1/audit", Credentials::Bearer(key)), 403));
  // An API key is not a session: it cannot log out.
  EXPECT_TRUE(IsError(server().Delete("/api/v1/sessions/current", Credentials::Bearer(key)), 400,
                      "Authorization"));
  EXPECT_EQ(server().Get("/api/v1/me", Credentials::Bearer(key)).status, 200);
}

}  // namespace
}  // namespace psl::api::testing
