// The ledger through HTTP (PAY-9): post, read back, balances as of a date, the soundness check,
// and a reversal.
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "api_test_support.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

class LedgerTest : public ApiTest {
 protected:
  // Account code -> balance in pence, from GET /api/v1/ledger/accounts.
  std::map<std::string, std::int64_t> Balances(const std::string& query) {
    const Reply reply =
        server().Get("/api/v1/ledger/accounts" + query, server().As(Role::kGovernment));
    std::map<std::string, std::int64_t> balances;
    EXPECT_EQ(reply.status, 200) << reply.Describe();
    if (reply.status != 200) return balances;
    for (const json& item : reply.json["items"]) {
      balances[item.value("account", "")] = item.value("balance_pence", std::int64_t{0});
      EXPECT_TRUE(item.contains("kind")) << item.dump();
      EXPECT_TRUE(item.contains("balance")) << item.dump();
    }
    return balances;
  }

  json Check() {
    const Reply reply = server().Get("/api/v1/ledger/check", server().As(Role::kRegulator));
    EXPECT_EQ(reply.status, 200) << reply.Describe();
    return reply.json;
  }
};

std::int64_t BalanceOf(const std::map<std::string, std::int64_t>& balances,
                       const std::string& account) {
  const auto found = balances.find(account);
  return found == balances.end() ? 0 : found->second;
}

TEST_F(LedgerTest, PostReadBalancesAndCheck) {
  // Log in first: a login is audited, and the audit check below wants the posting on top.
  ASSERT_FALSE(server().Token(Role::kRegulator).empty());
  ASSERT_FALSE(server().Token(Role::kGovernment).empty());
  // Other tests in this suite post too, on accounts of their own: counts are compared with these.
  const json first_check = Check();
  EXPECT_EQ(first_check.value("sound", false), true) << first_check.dump();
  const std::int64_t postings = first_check.value("postings", std::int64_t{-1});
  const std::int64_t lines = first_check.value("lines", std::int64_t{-1});
  ASSERT_GE(postings, 0);

  const json posting = {{"idempotency_key", "fee:application:1"},
                        {"effective_date", "2025-03-01"},
                        {"description", "Licence application fee"},
                        {"cause", "application:1"},
                        {"lines",
                         {{{"account", "bank"}, {"amount_pence", 250000}},
                          {{"account", "fee_income"}, {"amount_pence", -200000}},
                          {{"account", "provider_payable:1"}, {"amount_pence", -50000}}}}};
  const Reply created =
      server().Post("/api/v1/ledger/postings", posting.dump(), server().As(Role::kRegulator));
  ASSERT_EQ(created.status, 201) << created.Describe();
  EXPECT_EQ(created.json.value("replayed", true), false);
  const std::int64_t id = created.json.value("posting_id", std::int64_t{0});
  ASSERT_GT(id, 0);

  // Read back, by the regulator and by government.
  for (Role role : {Role::kRegulator, Role::kGovernment}) {
    SCOPED_TRACE(access::RoleName(role));
    const Reply read =
        server().Get("/api/v1/ledger/postings/" + std::to_string(id), server().As(role));
    ASSERT_EQ(read.status, 200) << read.Describe();
    EXPECT_EQ(read.json.value("id", std::int64_t{0}), id);
    EXPECT_EQ(read.json.value("idempotency_key", ""), "fee:application:1");
    EXPECT_EQ(read.json.value("effective_date", ""), "2025-03-01");
    EXPECT_EQ(read.json.value("description", ""), "Licence application fee");
    EXPECT_EQ(read.json.value("cause", ""), "application:1");
    EXPECT_EQ(read.json.value("recorded_at", ""), server().clock().Now().ToIso8601());
    EXPECT_TRUE(read.json["reverses"].is_null());
    const json& lines = read.json["lines"];
    ASSERT_EQ(lines.size(), 3u) << read.Describe();
    EXPECT_EQ(lines[0].value("account", ""), "bank");
    EXPECT_EQ(lines[0].value("amount_pence", std::int64_t{0}), 250000);
    EXPECT_EQ(lines[0].value("amount", ""), "£2,500.00");
    EXPECT_EQ(lines[1].value("account", ""), "fee_income");
    EXPECT_EQ(lines[1].value("amount_pence", std::int64_t{0}), -200000);
    EXPECT_EQ(lines[1].value("amount", ""), "-£2,000.00");
    EXPECT_EQ(lines[2].value("account", ""), "provider_payable:1");
    EXPECT_EQ(lines[2].value("amount_pence", std::int64_t{0}), -50000);
  }

  // Balances as of the day before are untouched; on the day and later they include it.
  const auto before = Balances("?as_of=2025-02-28");
  EXPECT_EQ(BalanceOf(before, "bank"), 0);
  EXPECT_EQ(BalanceOf(before, "fee_income"), 0);
  for (const std::string query : {"?as_of=2025-03-01", "?as_of=2026-01-01", ""}) {
    SCOPED_TRACE(query);
    const auto balances = Balances(query);
    EXPECT_EQ(BalanceOf(balances, "bank"), 250000);
    EXPECT_EQ(BalanceOf(balances, "fee_income"), -200000);
    EXPECT_EQ(BalanceOf(balances, "provider_payable:1"), -50000);
  }
  const Reply dated =
      server().Get("/api/v1/ledger/accounts?as_of=2025-03-01", server().As(Role::kRegulator));
  ASSERT_EQ(dated.status, 200) << dated.Describe();
  EXPECT_EQ(dated.json.value("as_of", ""), "2025-03-01");
  std::map<std::string, std::string> kinds;
  for (const json& item : dated.json["items"]) kinds[item.value("account", "")] = item["kind"];
  EXPECT_EQ(kinds["bank"], "asset");
  EXPECT_EQ(kinds["fee_income"], "income");
  EXPECT_EQ(kinds["provider_payable:1"], "liability");

  // Paging the accounts by one, in code order.
  const Reply first_page =
      server().Get("/api/v1/ledger/accounts?limit=1", server().As(Role::kRegulator));
  ASSERT_EQ(first_page.status, 200) << first_page.Describe();
  ASSERT_EQ(first_page.json["items"].size(), 1u);
  EXPECT_EQ(first_page.json["items"][0].value("account", ""), "bank");
  EXPECT_EQ(first_page.json.value("next_after", ""), "bank");
  const Reply second_page =
      server().Get("/api/v1/ledger/accounts?limit=1&after=bank", server().As(Role::kRegulator));
  ASSERT_EQ(second_page.status, 200) << second_page.Describe();
  ASSERT_EQ(second_page.json["items"].size(), 1u);
  EXPECT_EQ(second_page.json["items"][0].value("account", ""), "fee_income");

  const json check = Check();
  EXPECT_EQ(check.value("sound", false), true) << check.dump();
  EXPECT_EQ(check.value("postings", std::int64_t{-1}), postings + 1);
  EXPECT_EQ(check.value("lines", std::int64_t{-1}), lines + 3);
  EXPECT_EQ(check.value("total_pence", -1), 0);
  EXPECT_EQ(check.value("unbalanced_postings", -1), 0);
  EXPECT_EQ(check.value("incomplete_postings", -1), 0);

  // The posting is in the audit log.
  const Reply audit = server().Get("/api/v1/audit?limit=1", server().As(Role::kRegulator));
  ASSERT_EQ(audit.status, 200) << audit.Describe();
  ASSERT_EQ(audit.json["items"].size(), 1u);
  EXPECT_EQ(audit.json["items"][0].value("action", ""), "posting.create");
  EXPECT_EQ(audit.json["items"][0].value("target", ""), "posting:" + std::to_string(id));
  EXPECT_EQ(audit.json["items"][0].value("request_id", ""), created.Header("X-Request-Id"));

  // Reversal: dated later, it brings the balances back to zero from that date only.
  const json reversal = {
      {"idempotency_key", "reverse:1"}, {"effective_date", "2025-04-01"}, {"reason", "refund"}};
  const Reply reversed =
      server().Post("/api/v1/ledger/postings/" + std::to_string(id) + "/reversal", reversal.dump(),
                    server().As(Role::kRegulator));
  ASSERT_EQ(reversed.status, 201) << reversed.Describe();
  const std::int64_t reversal_id = reversed.json.value("posting_id", std::int64_t{0});
  const Reply read_reversal = server().Get("/api/v1/ledger/postings/" + std::to_string(reversal_id),
                                           server().As(Role::kRegulator));
  ASSERT_EQ(read_reversal.status, 200) << read_reversal.Describe();
  EXPECT_EQ(read_reversal.json["reverses"], id);
  EXPECT_EQ(read_reversal.json.value("cause", ""), "posting:" + std::to_string(id));
  ASSERT_EQ(read_reversal.json["lines"].size(), 3u);
  EXPECT_EQ(read_reversal.json["lines"][0].value("amount_pence", std::int64_t{0}), -250000);

  EXPECT_EQ(BalanceOf(Balances("?as_of=2025-03-31"), "bank"), 250000);
  const auto after_reversal = Balances("?as_of=2025-04-01");
  EXPECT_EQ(BalanceOf(after_reversal, "bank"), 0);
  EXPECT_EQ(BalanceOf(after_reversal, "fee_income"), 0);
  EXPECT_EQ(BalanceOf(after_reversal, "provider_payable:1"), 0);
  const json final_check = Check();
  EXPECT_EQ(final_check.value("sound", false), true) << final_check.dump();
  EXPECT_EQ(final_check.value("postings", std::int64_t{-1}), postings + 2);
  EXPECT_EQ(final_check.value("lines", std::int64_t{-1}), lines + 6);
}

TEST_F(LedgerTest, ConcurrentPostingsAreAllOrNothingAndReplaysAgree) {
  const Credentials regulator = server().As(Role::kRegulator);
  const json check_before = Check();
  const std::int64_t postings_before = check_before.value("postings", std::int64_t{-1});
  ASSERT_GE(postings_before, 0);

  // Eight clients post distinct keys and eight post one shared key, all at once.
  constexpr int kClients = 8;
  std::vector<Reply> distinct(kClients);
  std::vector<Reply> shared(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      const json body = {{"idempotency_key", "concurrent:" + std::to_string(i)},
                         {"effective_date", "2030-05-01"},
                         {"description", "concurrent"},
                         {"cause", "test:" + std::to_string(i)},
                         {"lines",
                          {{{"account", "provider_receivable:9"}, {"amount_pence", 100 + i}},
                           {{"account", "provider_payable:9"}, {"amount_pence", -(100 + i)}}}}};
      distinct[i] = server().Post("/api/v1/ledger/postings", body.dump(), regulator);
    });
    threads.emplace_back([&, i] {
      const json body = {{"idempotency_key", "concurrent:shared"},
                         {"effective_date", "2030-05-01"},
                         {"description", "shared"},
                         {"cause", "test:shared"},
                         {"lines",
                          {{{"account", "provider_receivable:9"}, {"amount_pence", 7}},
                           {{"account", "provider_payable:9"}, {"amount_pence", -7}}}}};
      shared[i] = server().Post("/api/v1/ledger/postings", body.dump(), regulator);
    });
  }
  for (std::thread& thread : threads) thread.join();

  for (const Reply& reply : distinct) EXPECT_EQ(reply.status, 201) << reply.Describe();
  int created = 0;
  std::set<std::int64_t> shared_ids;
  for (const Reply& reply : shared) {
    EXPECT_TRUE(reply.status == 201 || reply.status == 200) << reply.Describe();
    if (reply.status == 201) ++created;
    EXPECT_EQ(reply.json.value("replayed", true), reply.status == 200) << reply.Describe();
    shared_ids.insert(reply.json.value("posting_id", std::int64_t{0}));
  }
  EXPECT_EQ(created, 1) << "exactly one of the shared-key requests creates the posting";
  EXPECT_EQ(shared_ids.size(), 1u) << "every shared-key request names the same posting";

  const json check = Check();
  EXPECT_EQ(check.value("sound", false), true) << check.dump();
  EXPECT_EQ(check.value("postings", std::int64_t{-1}), postings_before + kClients + 1);
}

}  // namespace
}  // namespace psl::api::testing
