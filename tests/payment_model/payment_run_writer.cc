// The payment run the crash test kills: opens a file-backed store holding a prepared history and
// settles it through app::PaymentRuns as the Regulator would, resuming whatever a killed
// predecessor left: Prepare when no run for AS_OF exists, then Release of the open run (one
// provider per transaction). Prints "prepared" and "paid DONE/TOTAL" lines as it goes.
// Usage: payment_run_writer DB_URL AS_OF TODAY     (dates YYYY-MM-DD)
#include <cstdio>
#include <string>

#include "psl/app/payment_runs.h"
#include "real_system.h"
#include "scenario_market.h"

namespace {

using psl::Status;

psl::Result<psl::access::Principal> Regulator(psl::store::Store& store, const std::string& name) {
  psl::access::Principal principal;
  PSL_RETURN_IF_ERROR(store.Read([&](psl::store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(
                                        "SELECT id FROM users WHERE username = $1", {name}));
    if (rows.empty()) return Status(psl::ErrorCode::kNotFound, "no user " + name, "username");
    principal = psl::access::Principal{
        psl::UserId(rows.at(0).Int(0)), name, psl::access::Role::kRegulator, {}, {}};
    return Status::Ok();
  }));
  return principal;
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "payment_run_writer: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: payment_run_writer DB_URL AS_OF TODAY\n");
    return 2;
  }
  auto as_of = psl::Date::Parse(argv[2]);
  auto today = psl::Date::Parse(argv[3]);
  if (!as_of.ok() || !today.ok()) return Fail("bad date");
  auto store = psl::store::Store::Open(argv[1], {.max_connections = 1});
  if (!store.ok()) return Fail(store.status().ToString());
  psl::app::ManualClock clock(psl::payment_model::At(*today));
  psl::app::App app(**store, clock);
  auto preparer = Regulator(**store, "regulator");
  auto releaser = Regulator(**store, "regulator2");
  if (!preparer.ok() || !releaser.ok()) return Fail("no regulators");

  auto open = psl::payment_model::OpenRun(**store);
  if (!open.ok()) return Fail(open.status().ToString());
  std::int64_t run = 0;
  if (*open) {
    run = **open;
  } else {
    std::int64_t done = 0;
    const Status counted = (*store)->Read([&](psl::store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(
                                          "SELECT COUNT(*) FROM payment_runs WHERE as_of = $1",
                                          {as_of->ToString()}));
      done = rows.at(0).Int(0);
      return Status::Ok();
    });
    if (!counted.ok()) return Fail(counted.ToString());
    if (done > 0) return 0;  // released already: nothing left to do
    auto prepared = psl::app::PaymentRuns(app).Prepare({*preparer, "crash"}, *as_of);
    if (!prepared.ok()) return Fail("prepare: " + prepared.status().ToString());
    run = prepared->run.id;
    std::printf("prepared %lld\n", static_cast<long long>(run));
    std::fflush(stdout);
  }
  auto released = psl::app::PaymentRuns(app).Release(
      {*releaser, "crash"}, run, [](std::int64_t done, std::int64_t total) {
        std::printf("paid %lld/%lld\n", static_cast<long long>(done),
                    static_cast<long long>(total));
        std::fflush(stdout);
      });
  if (!released.ok()) return Fail("release: " + released.status().ToString());
  return 0;
}
