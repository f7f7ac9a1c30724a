// The one place the scenarios touch the payment use cases' APIs (claims, payment mode, runs),
// so the history generator and the comparison do not depend on their exact shapes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/core/date.h"

namespace psl::payment_model {

struct ClaimInput {
  std::int64_t registration = 0;
  std::string outcome;
  Date achieved_on;
  std::optional<std::int64_t> fraction_micros;  // graded outcomes only
};

// The claim's id, or the refusal.
Result<std::int64_t> SubmitClaim(app::App& app, const app::RequestContext& provider,
                                 const ClaimInput& claim);
// The amount verification accrued (the claim's due line; 0 when none).
Result<std::int64_t> VerifyClaim(app::App& app, const app::RequestContext& regulator,
                                 std::int64_t claim);
Status RejectClaim(app::App& app, const app::RequestContext& regulator, std::int64_t claim);

// Claw-back mode (PAY-5) from `from` on, written straight to the table: the good-standing rule
// is the budget use case's business, not the arithmetic's.
Status SetClawback(app::App& app, ProviderId provider, Date from, bool on);

struct RealRunProvider {
  ProviderId provider;
  std::int64_t lines = 0;
  std::int64_t gross = 0;
  std::int64_t clawbacks = 0;
  std::int64_t receivable = 0;
  std::int64_t recovered = 0;
  std::int64_t paid = 0;
  std::int64_t shortfall = 0;
};

struct RealRun {
  std::int64_t id = 0;
  std::vector<RealRunProvider> providers;
};

Result<RealRun> PrepareRun(app::App& app, const app::RequestContext& regulator, Date as_of);
Status ReleaseRun(app::App& app, const app::RequestContext& regulator, std::int64_t run);
// The open run's id (prepared or releasing), if any.
Result<std::optional<std::int64_t>> OpenRun(store::Store& store);

// What the ledger and the due lines say about one provider.
struct RealPosition {
  std::int64_t payable = 0;     // credit balance of provider_payable:<p>
  std::int64_t receivable = 0;  // debit balance of provider_receivable:<p>
  std::int64_t paid = 0;        // bank credits of its payout postings
  std::int64_t accrued = 0;     // the sum of its posted due lines
  std::int64_t lines = 0;       // its posted due lines
};

Result<RealPosition> ReadPosition(store::Transaction& transaction, ProviderId provider);

}  // namespace psl::payment_model
