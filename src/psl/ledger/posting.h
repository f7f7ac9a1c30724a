// Postings (PAY-9): the only way money moves. A posting is a set of lines whose amounts sum to
// zero (debits positive, credits negative), or it is refused. Postings are immutable: a
// correction is a new, reversing posting. Each carries an idempotency key, so a command that
// moves money can be replayed safely: the same key with the same content returns the original,
// the same key with different content is an explicit error (habit 3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/ids.h"
#include "psl/core/money.h"
#include "psl/core/result.h"
#include "psl/core/timestamp.h"

namespace psl::ledger {

inline constexpr std::size_t kMaxLinesPerPosting = 100;
inline constexpr std::size_t kMaxIdempotencyKeyLength = 200;
inline constexpr std::size_t kMaxDescriptionLength = 500;
inline constexpr std::size_t kMaxCauseLength = 200;
// £10 trillion: far beyond any real line, and small enough that 100 lines never overflow.
inline constexpr std::int64_t kMaxLineMagnitudePence = 1'000'000'000'000'000;

struct PostingLine {
  std::string account_code;
  Money amount;  // debit when positive, credit when negative; never zero
  friend bool operator==(const PostingLine&, const PostingLine&) = default;
};

struct PostingRequest {
  std::string idempotency_key;  // unique per money-moving command, e.g. "fee:application:42"
  Date effective_date;          // the accounting date balances "as of" are computed on
  std::string description;      // for people reading a statement
  std::string cause;            // what caused it, "<kind>:<id>", e.g. "registration:17" (PAY-9)
  std::optional<PostingId> reverses;  // set on a reversing posting
  std::vector<PostingLine> lines;
};

struct Posting {
  PostingId id;
  Timestamp recorded_at;
  PostingRequest content;
};

struct PostResult {
  PostingId id;
  bool replayed = false;  // true when the key had already been posted with this content
};

// Refuses anything that is not a well-formed, balanced posting: 2..100 lines, no zero amounts,
// valid account codes, amounts within ±kMaxLineMagnitudePence, a non-empty key, bounded
// texts, and a sum of exactly zero. The field in the error names the offending part ("lines[2].amount").
Status ValidatePosting(const PostingRequest& request);

// True when a replay carries the same content as the stored posting.
bool SameContent(const PostingRequest& request, const PostingRequest& stored);

// The posting that undoes `original`: every line negated, pointing back at it.
PostingRequest MakeReversal(const Posting& original, std::string idempotency_key,
                            Date effective_date, std::string reason);

// The invariant every stored posting satisfies; checked again after reading one back.
bool IsBalanced(const PostingRequest& posting);

}  // namespace psl::ledger
