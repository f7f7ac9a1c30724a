// Storage for outcome claims and the trusted evidence feed (PAY-4, PAY-7, PAY-11): claims with
// the Regulator's (or the feed's) decision, imported feeds and their employment spells, and the
// closed-outcome counts relative results compare. docs/payment.md sections 3 and 7.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/ids.h"
#include "psl/core/money.h"
#include "psl/core/timestamp.h"
#include "psl/core/weight.h"
#include "psl/store/connection.h"

namespace psl::store {

struct ClaimRecord {
  std::int64_t id = 0;
  std::int64_t registration_id = 0;
  std::string outcome;
  ProviderId provider;
  CitizenId citizen;
  Date achieved_on;
  Weight fraction = Weight::One();
  std::string evidence;
  std::optional<UserId> claimed_by;
  Date claimed_on;
  Timestamp claimed_at;
  std::string status;  // pending | verified | rejected
  std::optional<UserId> decided_by;
  std::optional<Date> decided_on;
  std::optional<Timestamp> decided_at;
  std::optional<std::string> reason;
  std::optional<std::int64_t> verified_by_feed;
  // Read only, from the claim's due lines: what verification accrued (or held), in pence.
  std::optional<std::int64_t> payment_pence;
  std::optional<std::string> held_reason;
};

struct ClaimDecision {
  std::int64_t id = 0;
  std::string status;  // verified | rejected
  std::optional<UserId> decided_by;
  Date decided_on;
  Timestamp decided_at;
  std::optional<std::string> reason;
  std::optional<std::int64_t> verified_by_feed;
  Weight fraction;  // the fraction verified (the feed's for a graded wage outcome)
};

class ClaimTable {
 public:
  explicit ClaimTable(Connection& connection) : connection_(connection) {}
  // kAlreadyExists when the outcome already has a pending or verified claim.
  Result<std::int64_t> Insert(const ClaimRecord& claim);
  Result<std::optional<ClaimRecord>> Get(std::int64_t id);
  // The pending or verified claim of an outcome, if any.
  Result<std::optional<ClaimRecord>> Live(std::int64_t registration_id, std::string_view outcome);
  // Newest first, before `before_id` (0: from the newest); a provider's own when given.
  Result<std::vector<ClaimRecord>> List(std::optional<ProviderId> provider,
                                        std::optional<std::string> status, std::int64_t before_id,
                                        int limit);
  // Pending claims of one citizen, oldest first.
  Result<std::vector<ClaimRecord>> PendingForCitizen(CitizenId citizen);
  // Decides a pending claim; false when it was no longer pending (a lost race).
  Result<bool> Decide(const ClaimDecision& decision);

 private:
  Connection& connection_;
};

struct EvidenceFeedRecord {
  std::int64_t id = 0;
  std::string name;
  std::optional<UserId> imported_by;
  Date imported_on;
  Timestamp imported_at;
  std::int64_t row_count = 0;
};

struct SpellRecord {
  std::int64_t id = 0;
  std::int64_t feed_id = 0;
  std::optional<CitizenId> citizen;  // none when the feed's citizen is not known to PSL
  std::string citizen_key;           // as the feed wrote it
  std::string employer;
  Date started_on;
  std::optional<Date> ended_on;
  Money earnings;
};

class EvidenceFeedTable {
 public:
  explicit EvidenceFeedTable(Connection& connection) : connection_(connection) {}
  Result<std::int64_t> Insert(const EvidenceFeedRecord& feed);
  Status InsertSpell(const SpellRecord& spell);
  // Spells of a known citizen, by start date.
  Result<std::vector<SpellRecord>> SpellsFor(CitizenId citizen);

 private:
  Connection& connection_;
};

// Closed outcomes (achieved, achieved + missed) of one King Outcome.
struct ClosedCounts {
  std::int64_t achieved = 0;
  std::int64_t closed = 0;
};

struct RelativeCounts {
  ClosedCounts provider;
  ClosedCounts everyone;
};

// PAY-11: one provider's closed outcomes of a King Outcome against everyone's.
Result<RelativeCounts> ClosedOutcomeCounts(Connection& connection, std::string_view outcome,
                                           ProviderId provider);

// INN-2: whether the provider has published its methodology for a skunkworks variant.
Result<bool> MethodologyPublished(Connection& connection, ProviderId provider,
                                  std::string_view variant);

}  // namespace psl::store
