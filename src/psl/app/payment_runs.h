// Payment runs and what the money looks like to each party (PAY-1..3, PAY-5, PAY-8, PAY-9,
// the split preview, providers' claw-back mode, preparing and releasing runs, statements
// and receivables. docs/payment.md sections 1, 2, 5 and 8.
//
// Who: the Regulator prepares and releases runs (two different people) and sees everything; a
// provider sees only its own statements; government sees run totals.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/payment/split.h"
#include "psl/store/payment_tables.h"

namespace psl::app {

struct SplitRequest {
  Money price;
  Date licensed_on;
  Date registered_on;
  std::optional<std::string> outcome;  // applies its (and its End Result's) override
};

struct RunView {
  store::PaymentRunRecord run;
  std::vector<store::RunProviderRecord> providers;
};

struct RunPage {
  std::vector<store::PaymentRunRecord> items;
  std::optional<std::int64_t> next_before;
};

struct Statement {
  store::PaymentRunRecord run;
  store::RunProviderRecord summary;
  std::vector<store::PaymentLineRecord> lines;
};

struct ReceivableView {
  ProviderId provider;
  std::string provider_name;
  Money outstanding;
  std::optional<Date> oldest_unrecovered;  // the shortfall or fee the debt dates from
  std::int64_t age_days = 0;               // as of today
};

// Progress of a long run, reported after each provider (CLI and tests watch it).
using RunProgress = std::function<void(std::int64_t done, std::int64_t total)>;

class PaymentRuns {
 public:
  explicit PaymentRuns(App& app) : app_(app) {}

  // The split the rules give (public: the same as `psl split`). With no settings in the store
  // the defaults apply.
  Result<payment::Split> PreviewSplit(const SplitRequest& request);

  // Regulator: step 1. Marks missed outcomes (posting claw-backs), accrues released holds and
  // satisfaction due, assigns every unpaid due line with due_on <= as_of, summarises each
  // provider. One transaction. kConflict when a run is still open; as_of may not be in the future.
  Result<RunView> Prepare(const RequestContext& context, Date as_of);
  // Regulator other than the preparer: step 2. Pays each provider in its own transaction;
  // resumable (call again after a crash) and idempotent (a paid provider is never paid again).
  Result<RunView> Release(const RequestContext& context, std::int64_t run_id,
                          const RunProgress& progress = {});
  Result<RunView> Get(const RequestContext& context, std::int64_t run_id);
  Result<RunPage> List(const RequestContext& context, std::int64_t before, int limit);
  // Regulator, or the provider itself.
  Result<Statement> GetStatement(const RequestContext& context, std::int64_t run_id,
                                 ProviderId provider);
  Result<std::vector<store::RunProviderRecord>> ProviderStatements(const RequestContext& context,
                                                                   ProviderId provider);
  // Regulator: every provider owing PSL money, with the age of the debt.
  Result<std::vector<ReceivableView>> Receivables(const RequestContext& context);

 private:
  App& app_;
};

// The statement as CSV (one line per due line, header first): what `.../statement.csv` serves.
std::string StatementCsv(const Statement& statement);

}  // namespace psl::app
