// The double-entry ledger's storage (PAY-9). Writes go through Post only: there is no update
// or delete, and the database refuses both. Must be used inside a Store transaction: a posting
// and its lines commit together or not at all, so a killed process never leaves half a posting.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "psl/ledger/account.h"
#include "psl/ledger/posting.h"
#include "psl/store/connection.h"

namespace psl::store {

struct AccountBalance {
  std::string account_code;
  ledger::AccountKind kind = ledger::AccountKind::kAsset;
  Money balance;  // debits minus credits
};

struct LedgerCheck {
  std::int64_t posting_count = 0;
  std::int64_t line_count = 0;
  Money total;                          // sum of every line: zero in a sound ledger
  std::int64_t unbalanced_postings = 0;  // postings whose lines do not sum to zero
  std::int64_t incomplete_postings = 0;  // postings whose stored lines differ from line_count
  bool Sound() const {
    return total.IsZero() && unbalanced_postings == 0 && incomplete_postings == 0;
  }
};

class LedgerTable {
 public:
  explicit LedgerTable(Connection& connection) : connection_(connection) {}

  // Writes a validated posting, or recognises a replay:
  //  - kInvalidArgument (with the field) when the posting is malformed or unbalanced;
  //  - {original id, replayed=true} when the key was posted with the same content;
  //  - kConflict when the key was posted with different content;
  //  - kConflict when `reverses` names a posting that is missing, already reversed, or whose
  //    lines are not exactly negated.
  // On any error the caller must roll the transaction back.
  Result<ledger::PostResult> Post(const ledger::PostingRequest& request, Timestamp now);

  Result<std::optional<ledger::Posting>> Get(PostingId id);
  Result<std::optional<ledger::Posting>> FindByKey(std::string_view idempotency_key);

  // Debits minus credits on `account_code` for postings effective on or before `as_of` (all
  // postings when absent).
  Result<Money> Balance(std::string_view account_code, std::optional<Date> as_of);
  // Every account's balance as of a date, ordered by code, after `after_code`, at most `limit`.
  Result<std::vector<AccountBalance>> Balances(std::optional<Date> as_of,
                                               std::string_view after_code, int limit);
  // The whole-ledger check: debits equal credits overall and within every posting, and no
  // posting is missing lines.
  Result<LedgerCheck> Check();

 private:
  Status EnsureAccount(const std::string& code, Timestamp now);
  Result<std::optional<ledger::Posting>> LoadWhere(std::string_view condition, SqlValue value);

  Connection& connection_;
  // Accounts known to exist in this transaction; accounts are never deleted, so this only saves
  // repeated inserts and lives no longer than the transaction's LedgerTable.
  std::unordered_set<std::string> known_accounts_;
};

}  // namespace psl::store
