// The audit log through HTTP: a mutation writes an entry naming the actor and the request
// id the caller saw, and GET /api/v1/audit pages the log newest first.
#include <set>
#include <vector>

#include "api_test_support.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

class AuditTest : public ApiTest {};

TEST_F(AuditTest, CreatingAUserIsAuditedWithTheActorAndTheRequestId) {
  const Reply me = server().Get("/api/v1/me", server().As(Role::kRegulator));
  ASSERT_EQ(me.status, 200) << me.Describe();

  const json user = {
      {"username", "audited.user"}, {"password", "a-long-enough-password"}, {"role", "referrer"}};
  const Reply created = server().Post("/api/v1/users", user.dump(), server().As(Role::kRegulator));
  ASSERT_EQ(created.status, 201) << created.Describe();
  const std::string request_id = created.Header("X-Request-Id");
  ASSERT_FALSE(request_id.empty());
  const std::int64_t user_id = created.json.value("id", std::int64_t{0});
  ASSERT_GT(user_id, 0);

  const Reply page = server().Get("/api/v1/audit?limit=1", server().As(Role::kRegulator));
  ASSERT_EQ(page.status, 200) << page.Describe();
  ASSERT_EQ(page.json["items"].size(), 1u) << page.Describe();
  const json& entry = page.json["items"][0];
  EXPECT_EQ(entry.value("action", ""), "user.create");
  EXPECT_EQ(entry.value("target", ""), "user:" + std::to_string(user_id));
  EXPECT_EQ(entry.value("username", ""), "regulator");
  EXPECT_EQ(entry.value("role", ""), "regulator");
  EXPECT_EQ(entry["user_id"], me.json["user_id"]);
  EXPECT_EQ(entry.value("request_id", ""), request_id);
  EXPECT_EQ(entry.value("at", ""), server().clock().Now().ToIso8601());
  ASSERT_TRUE(entry["detail"].is_object()) << entry.dump();
  EXPECT_EQ(entry["detail"].value("username", ""), "audited.user");
  EXPECT_EQ(entry["detail"].value("role", ""), "referrer");
  EXPECT_EQ(entry["detail"].dump().find("a-long-enough-password"), std::string::npos)
      << "the password is in the audit log";

  // The new user can log in, and that is audited too, as them.
  const Reply login = server().Login("audited.user", "a-long-enough-password");
  ASSERT_EQ(login.status, 201) << login.Describe();
  const Reply after = server().Get("/api/v1/audit?limit=1", server().As(Role::kRegulator));
  ASSERT_EQ(after.status, 200) << after.Describe();
  ASSERT_EQ(after.json["items"].size(), 1u);
  EXPECT_EQ(after.json["items"][0].value("action", ""), "session.create");
  EXPECT_EQ(after.json["items"][0].value("username", ""), "audited.user");
  EXPECT_EQ(after.json["items"][0].value("request_id", ""), login.Header("X-Request-Id"));
}

TEST_F(AuditTest, EveryResponseHasItsOwnRequestId) {
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    const Reply reply = server().Get("/healthz");
    const std::string id = reply.Header("X-Request-Id");
    EXPECT_FALSE(id.empty());
    ids.insert(id);
  }
  const Reply refused = server().Get("/api/v1/audit");
  EXPECT_EQ(refused.status, 401);
  ids.insert(refused.Header("X-Request-Id"));
  EXPECT_EQ(ids.size(), 6u);
}

TEST_F(AuditTest, TheLogPagesNewestFirst) {
  const Credentials regulator = server().As(Role::kRegulator);
  // A few entries of our own on top of the demo seeding and the logins.
  for (int i = 0; i < 4; ++i) {
    const json key = {{"name", "key " + std::to_string(i)}};
    ASSERT_EQ(server().Post("/api/v1/api-keys", key.dump(), regulator).status, 201);
  }

  const Reply all = server().Get("/api/v1/audit?limit=500", regulator);
  ASSERT_EQ(all.status, 200) << all.Describe();
  const json& items = all.json["items"];
  ASSERT_GE(items.size(), 10u) << "the seeding, logins and keys are audited";
  EXPECT_TRUE(all.json["next_before"].is_null()) << "everything fits in one page";
  std::vector<std::int64_t> all_ids;
  for (const json& item : items) all_ids.push_back(item["id"].get<std::int64_t>());
  for (std::size_t i = 1; i < all_ids.size(); ++i) {
    EXPECT_GT(all_ids[i - 1], all_ids[i]) << "not newest first at " << i;
  }
  EXPECT_EQ(items[0].value("action", ""), "api_key.create");
  EXPECT_EQ(items[0]["detail"].value("name", ""), "key 3");

  // The default page size is 50: with fewer entries, one page.
  const Reply default_page = server().Get("/api/v1/audit", regulator);
  ASSERT_EQ(default_page.status, 200);
  EXPECT_EQ(default_page.json["items"].size(), std::min<std::size_t>(items.size(), 50));

  // Paging by 3 with next_before visits every entry once, in the same order.
  std::vector<std::int64_t> paged_ids;
  std::string target = "/api/v1/audit?limit=3";
  for (int pages = 0; pages < 100; ++pages) {
    const Reply page = server().Get(target, regulator);
    ASSERT_EQ(page.status, 200) << page.Describe();
    const json& page_items = page.json["items"];
    ASSERT_LE(page_items.size(), 3u);
    for (const json& item : page_items) paged_ids.push_back(item["id"].get<std::int64_t>());
    if (page.json["next_before"].is_null()) break;
    ASSERT_EQ(page_items.size(), 3u) << "a page before the last one is full";
    EXPECT_EQ(page.json["next_before"], page_items.back()["id"]);
    target = "/api/v1/audit?limit=3&before=" + page.json["next_before"].dump();
  }
  EXPECT_EQ(paged_ids, all_ids);

  // `before` alone starts after that id.
  const std::int64_t middle = all_ids[all_ids.size() / 2];
  const Reply older = server().Get("/api/v1/audit?before=" + std::to_string(middle), regulator);
  ASSERT_EQ(older.status, 200) << older.Describe();
  ASSERT_FALSE(older.json["items"].empty());
  EXPECT_EQ(older.json["items"][0]["id"].get<std::int64_t>(), all_ids[all_ids.size() / 2 + 1]);

  // The last page of all: before the oldest id there is nothing.
  const Reply none =
      server().Get("/api/v1/audit?before=" + std::to_string(all_ids.back()), regulator);
  ASSERT_EQ(none.status, 200) << none.Describe();
  EXPECT_TRUE(none.json["items"].empty());
  EXPECT_TRUE(none.json["next_before"].is_null());

  // Reading the log writes nothing to it.
  const Reply again = server().Get("/api/v1/audit?limit=500", regulator);
  EXPECT_EQ(again.json["items"].size(), items.size());
}

}  // namespace
}  // namespace psl::api::testing
