// Storage shared by every part of paying by results (docs/payment.md): the payment settings
// versions, providers' claw-back modes, the split locked with each registered outcome, the due
// lines that become statements, and payment runs. Claims, surveys, skunkworks and budgets keep
// their own tables (claim_table.h, survey_table.h, skunkworks_table.h, budget_table.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/ids.h"
#include "psl/core/money.h"
#include "psl/core/timestamp.h"
#include "psl/store/connection.h"

namespace psl::store {

// --- Payment settings versions --------------------------------------------------------------

struct PaymentSettingsRecord {
  int version = 0;
  std::string document;
  std::optional<UserId> published_by;  // none for the built-in version 1
  Timestamp published_at;
};

class PaymentSettingsTable {
 public:
  explicit PaymentSettingsTable(Connection& connection) : connection_(connection) {}
  Result<std::optional<PaymentSettingsRecord>> Latest();
  Result<std::optional<PaymentSettingsRecord>> Get(int version);
  Status Insert(const PaymentSettingsRecord& record);  // kAlreadyExists when taken

 private:
  Connection& connection_;
};

// --- Claw-back mode (PAY-5) -------------------------------------------------------------------

struct PaymentModeRecord {
  std::int64_t id = 0;
  ProviderId provider;
  bool clawback = false;
  Date effective_from;
  std::optional<UserId> set_by;
  Timestamp set_at;
};

class PaymentModeTable {
 public:
  explicit PaymentModeTable(Connection& connection) : connection_(connection) {}
  Status Insert(const PaymentModeRecord& record);
  // The mode in force on `on`: the latest record effective on or before it; off when none.
  Result<bool> ClawbackOn(ProviderId provider, Date on);
  Result<std::vector<PaymentModeRecord>> History(ProviderId provider);  // oldest first

 private:
  Connection& connection_;
};

// --- Splits locked with registered outcomes (PAY-1..3) --------------------------------------

struct OutcomeSplitRecord {
  std::int64_t registration_id = 0;
  std::string outcome;
  Money upfront;
  Money outcome_part;
  Money satisfaction;
  int upfront_percent = 0;
  int outcome_percent = 0;
  int satisfaction_percent = 0;
  std::string rule;
  bool clawback = false;
  int settings_version = 0;
};

class OutcomeSplitTable {
 public:
  explicit OutcomeSplitTable(Connection& connection) : connection_(connection) {}
  Status Insert(const OutcomeSplitRecord& split);
  Result<std::optional<OutcomeSplitRecord>> Get(std::int64_t registration_id,
                                                std::string_view outcome);
  Result<std::vector<OutcomeSplitRecord>> ForRegistration(std::int64_t registration_id);
  // Queues the outcome's claim deadline and (when it has a satisfaction part) the date that part
  // falls due, for the payment runs (migration 7's work queues).
  Status Queue(std::int64_t registration_id, std::string_view outcome, Date deadline,
               std::optional<Date> satisfaction_due);

 private:
  Connection& connection_;
};

// --- Due lines (PAY-8, PAY-9) -----------------------------------------------------------------

struct PaymentLineRecord {
  std::int64_t id = 0;
  std::string idempotency_key;  // e.g. "upfront:17:no_custody_3y"; unique
  ProviderId provider;
  std::string kind;  // upfront | outcome | satisfaction | clawback | adjustment
  Money amount;      // negative for a claw-back
  Date due_on;
  std::string end_result;
  std::optional<std::int64_t> registration_id;
  std::optional<std::string> outcome;
  std::optional<std::int64_t> claim_id;
  std::optional<int> tariff_version;
  std::string rule;
  std::optional<PostingId> posting;        // the accrual; none while held
  std::optional<std::string> held_reason;  // INN-2: why it is not payable yet
  std::optional<std::int64_t> run_id;
  // Read with a statement: who and what, for people.
  std::string citizen_name;
  std::optional<std::int64_t> citizen_id;
};

class PaymentLineTable {
 public:
  explicit PaymentLineTable(Connection& connection) : connection_(connection) {}
  // Returns the new id, or nullopt when a line with this key already exists (a replay).
  Result<std::optional<std::int64_t>> Insert(const PaymentLineRecord& line);
  Result<std::optional<PaymentLineRecord>> FindByKey(std::string_view idempotency_key);
  Result<std::vector<PaymentLineRecord>> ForRegistration(std::int64_t registration_id);
  // Held lines of a provider (or every provider when invalid), oldest first.
  Result<std::vector<PaymentLineRecord>> Held(std::optional<ProviderId> provider, int limit);
  // Lifts a hold: records the accrual's posting. False when the line was not held.
  Result<bool> Release(std::int64_t id, PostingId posting);
  // A run's lines for one provider, in id order after `after_id`, at most `limit`.
  Result<std::vector<PaymentLineRecord>> ForRun(std::int64_t run_id, ProviderId provider,
                                                std::int64_t after_id, int limit);

 private:
  Connection& connection_;
};

// --- Payment runs (PAY-8, X-5) ----------------------------------------------------------------

struct PaymentRunRecord {
  std::int64_t id = 0;
  Date as_of;
  std::string status;  // prepared | releasing | released
  std::optional<UserId> prepared_by;
  Timestamp prepared_at;
  std::optional<UserId> released_by;
  std::optional<Timestamp> released_at;
  std::int64_t line_count = 0;
  Money total;  // sum of the lines (what the run accrued as due, before netting)
};

struct RunProviderRecord {
  std::int64_t run_id = 0;
  Date run_as_of;  // read only
  ProviderId provider;
  std::string provider_name;  // read only
  std::int64_t line_count = 0;
  Money gross;         // positive lines
  Money clawbacks;     // negative lines (as a negative amount)
  Money receivable;    // what the provider owed PSL when the run was prepared
  Money recovered;     // netted from this run's payment
  Money paid;          // paid to the provider's bank
  Money shortfall;     // carried into the receivable
  std::string status;  // prepared | paid
  std::optional<PostingId> posting;
  std::optional<Timestamp> paid_at;
};

class PaymentRunTable {
 public:
  explicit PaymentRunTable(Connection& connection) : connection_(connection) {}
  // kAlreadyExists when another run is still open (prepared or releasing).
  Result<std::int64_t> Insert(const PaymentRunRecord& run);
  Result<std::optional<PaymentRunRecord>> Get(std::int64_t id);
  Result<std::optional<PaymentRunRecord>> Open();
  Result<std::vector<PaymentRunRecord>> List(std::int64_t before_id, int limit);  // newest first
  Status SetTotals(std::int64_t id, std::int64_t line_count, Money total);
  Status SetStatus(std::int64_t id, std::string_view status, std::optional<UserId> released_by,
                   std::optional<Timestamp> released_at);

  // Assigns every unpaid, unheld line due on or before `as_of` to the run; returns the count.
  Result<std::int64_t> AssignDueLines(std::int64_t run_id, Date as_of);
  // Writes one summary row per provider with lines in the run (counts and sums, status
  // prepared, netting zero); the caller then fills the netting with SetNetting.
  Status SummariseProviders(std::int64_t run_id);
  Status SetNetting(const RunProviderRecord& netting);
  Status MarkPaid(std::int64_t run_id, ProviderId provider, std::optional<PostingId> posting,
                  Timestamp at);
  Result<std::vector<RunProviderRecord>> Providers(std::int64_t run_id);
  Result<std::optional<RunProviderRecord>> Provider(std::int64_t run_id, ProviderId provider);
  // The runs with a statement for this provider, newest first.
  Result<std::vector<RunProviderRecord>> ForProvider(ProviderId provider, int limit);

 private:
  Connection& connection_;
};

}  // namespace psl::store
