// Outcome claims and the trusted evidence feed (PAY-4, PAY-7, PAY-11, OUT-2). docs/payment.md
// sections 2, 3 and 7.
//
// Who: a provider claims outcomes of its own registrations and sees its own claims (anyone
// else's are "not found"); the Regulator sees every claim, verifies or rejects it, and imports
// the feed, which verifies matching pending claims by itself. Verification makes the registered
// outcome `achieved` and accrues the outcome payment (or holds it, INN-2) in the same
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/app/app.h"
#include "psl/core/weight.h"
#include "psl/store/claim_table.h"

namespace psl::app {

inline constexpr std::size_t kMaxEvidenceLength = 5000;
inline constexpr std::size_t kMaxReasonLength = 2000;
inline constexpr std::size_t kMaxFeedNameLength = 200;

struct ClaimInput {
  std::int64_t registration_id = 0;
  std::string outcome;
  Date achieved_on;
  std::optional<Weight> fraction;  // graded outcomes only
  std::string evidence;
};

struct ClaimPage {
  std::vector<store::ClaimRecord> items;
  std::optional<std::int64_t> next_before;
};

struct FeedImport {
  std::int64_t feed_id = 0;
  std::int64_t rows = 0;
  std::int64_t matched_citizens = 0;  // distinct citizens of the feed known to PSL
  std::vector<std::int64_t> claims_verified;
};

class Claims {
 public:
  explicit Claims(App& app) : app_(app) {}

  // Provider: a claim for an open outcome of its own registration (404 for anyone else's).
  // Checked against the stored feed at once: a matching spell verifies it before it returns.
  Result<store::ClaimRecord> Submit(const RequestContext& context, const ClaimInput& input);
  // Regulator: every claim; provider: its own. Newest first; `status` filters when not empty.
  Result<ClaimPage> List(const RequestContext& context, const std::string& status,
                         std::int64_t before, int limit);
  Result<store::ClaimRecord> Get(const RequestContext& context, std::int64_t id);
  // Regulator. kConflict unless the claim is pending and its outcome still open.
  Result<store::ClaimRecord> Verify(const RequestContext& context, std::int64_t id);
  Result<store::ClaimRecord> Reject(const RequestContext& context, std::int64_t id,
                                    const std::string& reason);
  // Regulator (the CLI's `psl claims import-feed` too): stores the spells of a feed
  // (`citizen,employer,start,end,earnings` CSV), resolving citizens by National Insurance number
  // or PSL citizen id, and verifies every pending claim a spell now matches. One transaction: a
  // bad row refuses the whole feed, naming the row and column.
  Result<FeedImport> ImportFeed(const RequestContext& context, const std::string& name,
                                std::string_view csv_text);

 private:
  App& app_;
};

}  // namespace psl::app
