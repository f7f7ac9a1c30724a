// Budget envelopes (PAY-10) and the sums the budget page and good standing (PAY-5) read:
// committed inputs from the locked splits, national closed counts, programme expense from the
// ledger, a provider's receivable movements and general licence statuses.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/ids.h"
#include "psl/core/money.h"
#include "psl/core/timestamp.h"
#include "psl/store/connection.h"

namespace psl::store {

struct BudgetEnvelopeRecord {
  std::int64_t id = 0;
  std::string end_result;
  Date period_from;
  Date period_to;
  Money amount;
  std::optional<UserId> set_by;
  Timestamp set_at;
};

// The split parts of one King Outcome's registrations made in one month ("2026-04"), summed.
struct CommittedInputsRow {
  std::string month;
  std::string outcome;
  Money upfront;
  Money outcome_part;
  Money satisfaction;
};

struct AchievedMissed {
  std::int64_t achieved = 0;
  std::int64_t missed = 0;
};

struct MonthAmount {
  std::string month;  // "2026-04"
  Money amount;
};

struct DatedAmount {
  Date on;
  Money amount;
};

class BudgetTable {
 public:
  explicit BudgetTable(Connection& connection) : connection_(connection) {}

  Result<std::int64_t> Insert(const BudgetEnvelopeRecord& envelope);
  Result<std::optional<BudgetEnvelopeRecord>> Get(std::int64_t id);
  // Setting an envelope again for the same End Result and period replaces it: the latest row per
  // (end_result, period_from, period_to) is in force. Those whose period overlaps [from, to],
  // ordered by End Result and period, at most `limit`.
  Result<std::vector<BudgetEnvelopeRecord>> InForce(Date from, Date to, int limit);

  // Registered outcomes of `end_result`'s registrations made in [from, to] (a skunkworks base
  // outcome that was transferred counts through its variant), by month and King Outcome.
  Result<std::vector<CommittedInputsRow>> CommittedInputs(std::string_view end_result, Date from,
                                                          Date to);
  // National achieved and missed counts of these King Outcomes (absent ones have none closed).
  Result<std::map<std::string, AchievedMissed>> Closed(const std::vector<std::string>& outcomes);
  // Debits minus credits on `account` by month of the postings' effective date in [from, to].
  Result<std::vector<MonthAmount>> AccountByMonth(std::string_view account, Date from, Date to);
  // Every line on `account` effective on or before `through`, in date (then posting) order.
  Result<std::vector<DatedAmount>> AccountMovements(std::string_view account, Date through);
  // The statuses of a provider's general licences, oldest first.
  Result<std::vector<std::string>> GeneralLicenceStatuses(ProviderId provider);

 private:
  Connection& connection_;
};

}  // namespace psl::store
