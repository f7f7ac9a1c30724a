// App: the use cases. Each public method is one user action: it checks the caller's role and
// scope, runs the domain rule, and writes through the store and the audit log in ONE
// transaction. HTTP handlers and CLI commands are thin wrappers over these methods.
//
// Thread-safe: one App serves every request thread (the Store pools connections).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "psl/access/lockout.h"
#include "psl/access/user.h"
#include "psl/app/clock.h"
#include "psl/app/journey_cache.h"
#include "psl/audit/audit_entry.h"
#include "psl/ledger/posting.h"
#include "psl/store/store.h"

namespace psl::app {

// Who is asking and under which request id (the HTTP request id, or "cli:<command>").
struct RequestContext {
  access::Principal principal;
  std::string request_id;
};

struct AppOptions {
  access::LockoutPolicy lockout;
  std::int64_t session_seconds = 8 * 3600;  // a working day
};

struct SessionGrant {
  std::string token;  // shown once; only its hash is stored
  Timestamp expires_at;
  access::Role role = access::Role::kPublic;
  UserId user_id;
};

struct NewUser {
  std::string username;
  std::string password;
  access::Role role = access::Role::kPublic;
  std::optional<ProviderId> provider_id;
  std::optional<CitizenId> citizen_id;
};

struct NewApiKey {
  ApiKeyId id;
  std::string name;
  std::string key;  // shown once
};

struct AuditPage {
  std::vector<audit::AuditEntry> items;
  std::optional<AuditEntryId> next_before;  // pass as `before` for the next (older) page
};

inline constexpr int kMaxPageSize = 500;

class App {
 public:
  App(store::Store& store, const Clock& clock, AppOptions options = {});

  const Clock& clock() const { return clock_; }
  store::Store& store() { return store_; }
  const JourneyCache& journey_cache() const { return journey_cache_; }

  // --- Sessions (X-1) ---
  // kUnauthenticated for a wrong username or password (the same message for both);
  // kResourceExhausted while the account is locked after repeated failures.
  Result<SessionGrant> Login(std::string_view username, std::string_view password,
                             std::string_view request_id);
  // The principal behind a bearer session token or API key; kUnauthenticated when it is
  // unknown, expired, revoked or malformed.
  Result<access::Principal> Authenticate(std::string_view bearer_token);
  Status Logout(const RequestContext& context, std::string_view bearer_token);

  // --- Users and API keys ---
  // Regulator only (or the CLI's system operator).
  Result<UserId> CreateUser(const RequestContext& context, const NewUser& user);
  // Any signed-in user, for a machine client acting as them.
  Result<NewApiKey> CreateApiKey(const RequestContext& context, std::string_view name);
  // Minimal party records that users are scoped to (regulator only; licensing grows these).
  Result<ProviderId> CreateProvider(const RequestContext& context, std::string_view name);
  Result<CitizenId> CreateCitizen(const RequestContext& context);

  // --- Audit log ---
  Result<AuditPage> ListAudit(const RequestContext& context, std::optional<AuditEntryId> before,
                              int limit);

  // --- Ledger (PAY-9) ---
  // A manual posting by the Regulator (adjustments); later use cases post through the same
  // table inside their own transactions.
  Result<ledger::PostResult> PostToLedger(const RequestContext& context,
                                          const ledger::PostingRequest& request);
  Result<ledger::PostResult> ReversePosting(const RequestContext& context, PostingId original,
                                            std::string idempotency_key, Date effective_date,
                                            std::string reason);
  Result<ledger::Posting> GetPosting(const RequestContext& context, PostingId id);
  Result<std::vector<store::AccountBalance>> LedgerBalances(const RequestContext& context,
                                                            std::optional<Date> as_of,
                                                            std::string_view after_code,
                                                            int limit);
  Result<store::LedgerCheck> CheckLedger(const RequestContext& context);

 private:
  Status Audit(store::Transaction& transaction, const RequestContext& context,
               std::string action, std::string target, std::string detail_json);

  store::Store& store_;
  const Clock& clock_;
  AppOptions options_;
  JourneyCache journey_cache_;
};

Status ValidatePageLimit(int limit);

}  // namespace psl::app
