// An independent reference model of paying by results, for the randomised scenario tests and the
// crash test. It is re-derived from docs/payment.md sections 1, 2, 3, 5 and 8 and SPEC section 6
// in the plainest code possible (int64 pence, loops over vectors) and calls nothing in
// src/psl/payment or src/psl/app: a bug in the real code then shows up as a disagreement
// instead of being repeated here. Only psl::Date (the calendar) is shared.
//
// Graded outcome payments round once to the nearest penny, half away from zero (§3).
//
// Scope: the default settings (no overrides, sliding scale PAY-3), binary and graded claims,
// claw-back mode, missed outcomes, runs and netting against fees. No surveys are answered, so
// satisfaction parts are never paid (docs/payment.md §4: no valid answer, nothing paid).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "psl/core/date.h"

namespace psl::payment_model {

struct Shares {
  int upfront = 0;
  int outcome = 0;
  int satisfaction = 0;
};

// Whole months from `from` to `to` by counting: the largest n with from + n months <= to.
int MonthsBetween(Date from, Date to);
// PAY-3 then PAY-1 (the default settings have no PAY-2 overrides).
Shares SharesFor(Date licensed_on, Date registered_on);

struct Parts {
  std::int64_t upfront = 0;
  std::int64_t outcome = 0;
  std::int64_t satisfaction = 0;
};
Parts SplitPence(std::int64_t price, Shares shares);

// How the deadline "registered_on + window_months + sustain_months" is read. The two readings
// differ only for registrations late in a month; the tests avoid the dates where they disagree.
enum class DeadlineReading { kTotalMonths, kWindowThenSustain };
Date Deadline(Date registered_on, int window_months, int sustain_months, DeadlineReading reading);

struct ModelOutcome {
  std::string id;
  std::string end_result;
  std::int64_t price = 0;
  int window_months = 0;
  int sustain_months = 0;
  bool graded = false;
};

struct Line {
  std::int64_t provider = 0;
  std::string kind;  // upfront | outcome | clawback
  std::int64_t amount = 0;
  Date due_on;
  std::string end_result;
  std::int64_t run = 0;  // 0 while unassigned
};

struct ProviderPosition {
  std::int64_t accrued = 0;     // every due line ever posted
  std::int64_t lines = 0;       // how many
  std::int64_t payable = 0;     // owed to the provider, not yet settled by a run
  std::int64_t receivable = 0;  // owed by the provider (fees, shortfalls)
  std::int64_t paid = 0;        // to the provider's bank, all runs
};

struct RunSummary {
  std::int64_t provider = 0;
  std::int64_t lines = 0;
  std::int64_t gross = 0;
  std::int64_t clawbacks = 0;
  std::int64_t receivable = 0;
  std::int64_t recovered = 0;
  std::int64_t paid = 0;
  std::int64_t shortfall = 0;
};

class Model {
 public:
  explicit Model(DeadlineReading reading = DeadlineReading::kTotalMonths) : reading_(reading) {}

  void AddProvider(std::int64_t provider, Date licensed_on, std::int64_t fees_owed);
  // The claw-back mode from `from` on (the latest setting on or before a date wins).
  void SetClawback(std::int64_t provider, Date from, bool on);
  bool ClawbackOn(std::int64_t provider, Date on) const;

  void Register(std::int64_t registration, std::int64_t provider, Date on,
                const std::vector<ModelOutcome>& outcomes);

  // Whether a claim would be accepted (docs/payment.md §3); `fraction_micros` absent for a
  // binary outcome. `why` says which rule refuses it.
  bool ClaimAllowed(std::int64_t registration, const std::string& outcome, Date achieved_on,
                    std::optional<std::int64_t> fraction_micros, Date claimed_on,
                    std::string* why = nullptr) const;
  // Open, with no pending or verified claim.
  bool Claimable(std::int64_t registration, const std::string& outcome) const;
  void Claim(std::int64_t claim, std::int64_t registration, const std::string& outcome,
             std::optional<std::int64_t> fraction_micros);
  bool ClaimPending(std::int64_t claim) const;
  bool ClaimClawback(std::int64_t claim) const;  // its outcome's split was locked in claw-back
  // Returns the amount the verification accrues (negative: a claw-back), and the outcome part.
  std::pair<std::int64_t, std::int64_t> Verify(std::int64_t claim, Date on);
  void Reject(std::int64_t claim);

  // Whether any open outcome's "deadline passed by as_of" depends on the deadline reading.
  bool DeadlineAmbiguous(Date as_of) const;
  bool RunOpen() const { return open_run_ != 0; }
  // Prepare: missed outcomes (claw-backs), then every unassigned line due on or before as_of.
  // Returns the run's summaries, one per provider with lines, by provider id.
  std::vector<RunSummary> Prepare(std::int64_t run, Date as_of);
  void Release();

  const std::map<std::int64_t, ProviderPosition>& positions() const { return positions_; }
  std::int64_t BankTotal() const;
  // Debit balance of programme_expense:<end_result>.
  std::map<std::string, std::int64_t> ExpenseByEndResult() const;
  const std::vector<Line>& lines() const { return lines_; }
  std::int64_t LineCount() const { return static_cast<std::int64_t>(lines_.size()); }

 private:
  struct Held {
    std::int64_t registration = 0;
    std::int64_t provider = 0;
    Date registered_on;
    ModelOutcome outcome;
    Parts parts;
    bool clawback = false;
    std::string status = "open";  // open | achieved | missed
  };
  struct ClaimState {
    std::int64_t registration = 0;
    std::string outcome;
    std::optional<std::int64_t> fraction_micros;
    std::string status = "pending";
  };
  Held* Find(std::int64_t registration, const std::string& outcome);
  const Held* Find(std::int64_t registration, const std::string& outcome) const;
  bool LiveClaim(std::int64_t registration, const std::string& outcome) const;
  void AddLine(std::int64_t provider, const std::string& kind, std::int64_t amount, Date due_on,
               const std::string& end_result);

  DeadlineReading reading_;
  std::map<std::int64_t, Date> licensed_on_;
  std::map<std::int64_t, std::vector<std::pair<Date, bool>>> modes_;
  std::vector<Held> outcomes_;
  std::map<std::int64_t, ClaimState> claims_;
  std::vector<Line> lines_;
  std::map<std::int64_t, ProviderPosition> positions_;
  std::vector<RunSummary> open_summaries_;
  std::int64_t open_run_ = 0;
};

}  // namespace psl::payment_model
