// A stream of ledger postings, one transaction each, for the crash test to kill mid-stream.
// Usage: ledger_writer DB_URL STREAM COUNT
// Posting i of a stream always has the same content and the key "<STREAM>:<i>", so a rerun of
// a stream replays what landed and adds only what did not.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "psl/store/store.h"

namespace {

psl::ledger::PostingRequest StreamPosting(const std::string& stream, int i) {
  psl::ledger::PostingRequest request;
  request.idempotency_key = stream + ":" + std::to_string(i);
  request.effective_date = *psl::Date::Parse("2026-04-01");
  request.description = "crash-test upfront payment";
  request.cause = "registration:" + std::to_string(i + 1);
  const std::int64_t pence = 1'000 + (i % 97) * 13;
  // Three lines, so that a partial write would be visible as an unbalanced posting.
  request.lines = {{"programme_expense:employment", psl::Money::FromPence(pence)},
                   {"provider_payable:" + std::to_string(1 + i % 7),
                    psl::Money::FromPence(-(pence - 100))},
                   {"provider_receivable:" + std::to_string(1 + i % 5),
                    psl::Money::FromPence(-100)}};
  return request;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: ledger_writer DB_URL STREAM COUNT\n");
    return 2;
  }
  auto store = psl::store::Store::Open(argv[1], {.max_connections = 1});
  if (!store.ok() || !(*store)->Migrate(psl::Timestamp::FromUnixSeconds(0)).ok()) {
    std::fprintf(stderr, "ledger_writer: cannot open %s\n", argv[1]);
    return 1;
  }
  const std::string stream = argv[2];
  const int count = std::atoi(argv[3]);
  for (int i = 0; i < count; ++i) {
    psl::Status status = (*store)->Write([&](psl::store::Transaction& transaction) {
      return transaction.ledger()
          .Post(StreamPosting(stream, i), psl::Timestamp::FromUnixSeconds(1'790'000'000 + i))
          .ToStatus();
    });
    if (!status.ok()) {
      std::fprintf(stderr, "ledger_writer: %s\n", status.ToString().c_str());
      return 1;
    }
  }
  return 0;
}
