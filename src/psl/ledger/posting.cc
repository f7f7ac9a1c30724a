#include "psl/ledger/posting.h"

#include "psl/ledger/account.h"

namespace psl::ledger {
namespace {

bool IsPrintable(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

}  // namespace

Status ValidatePosting(const PostingRequest& request) {
  if (request.idempotency_key.empty() ||
      request.idempotency_key.size() > kMaxIdempotencyKeyLength ||
      !IsPrintable(request.idempotency_key)) {
    return Invalid("the idempotency key must be 1 to 200 printable characters", "idempotency_key");
  }
  if (request.description.size() > kMaxDescriptionLength || !IsPrintable(request.description)) {
    return Invalid("the description must be at most 500 printable characters", "description");
  }
  if (request.cause.empty() || request.cause.size() > kMaxCauseLength ||
      !IsPrintable(request.cause)) {
    return Invalid("every posting names its cause, like registration:17", "cause");
  }
  if (request.lines.size() < 2 || request.lines.size() > kMaxLinesPerPosting) {
    return Invalid("a posting has between 2 and 100 lines", "lines");
  }
  Money sum = Money::Zero();
  for (std::size_t i = 0; i < request.lines.size(); ++i) {
    const PostingLine& line = request.lines[i];
    const std::string field = "lines[" + std::to_string(i) + "]";
    if (auto kind = ParseAccountCode(line.account_code); !kind.ok()) {
      return Invalid(kind.status().message(), field + ".account");
    }
    if (line.amount.IsZero()) return Invalid("a line cannot be zero", field + ".amount");
    if (line.amount.pence() > kMaxLineMagnitudePence ||
        line.amount.pence() < -kMaxLineMagnitudePence) {
      return Invalid("a line cannot exceed £10,000,000,000,000.00", field + ".amount");
    }
    auto next = sum.Add(line.amount);
    if (!next.ok()) return Invalid("the lines overflow when added", field + ".amount");
    sum = *next;
  }
  if (!sum.IsZero()) {
    return Invalid("debits must equal credits: the lines sum to " + sum.Format() + ", not £0.00",
                   "lines");
  }
  return Status::Ok();
}

bool SameContent(const PostingRequest& request, const PostingRequest& stored) {
  return request.idempotency_key == stored.idempotency_key &&
         request.effective_date == stored.effective_date &&
         request.description == stored.description && request.cause == stored.cause &&
         request.reverses == stored.reverses && request.lines == stored.lines;
}

PostingRequest MakeReversal(const Posting& original, std::string idempotency_key,
                            Date effective_date, std::string reason) {
  PostingRequest reversal;
  reversal.idempotency_key = std::move(idempotency_key);
  reversal.effective_date = effective_date;
  reversal.description = std::move(reason);
  reversal.cause = "posting:" + std::to_string(original.id.value());
  reversal.reverses = original.id;
  for (const PostingLine& line : original.content.lines) {
    // A stored line passed validation, so it is far from the int64 limits.
    auto negated = line.amount.Negate();
    PSL_CHECK(negated.ok(), "a stored ledger line is within the line bound");
    reversal.lines.push_back({line.account_code, *negated});
  }
  return reversal;
}

bool IsBalanced(const PostingRequest& posting) {
  if (posting.lines.size() < 2) return false;
  Money sum = Money::Zero();
  for (const PostingLine& line : posting.lines) {
    auto next = sum.Add(line.amount);
    if (!next.ok() || line.amount.IsZero()) return false;
    sum = *next;
  }
  return sum.IsZero();
}

}  // namespace psl::ledger
