// The payment-run benchmark (issue 5, docs/benchmarks.md section 7).
//
// 1. On a fresh store, creates N due lines spread over P providers with set-based SQL, as
//    app::payments::AccrueDue leaves them after registrations: one `payment_lines` row per line
//    (kind upfront, unpaid, due before the run date) pointing at its accrual posting (debit
//    programme_expense:<end result>, credit provider_payable:<provider>, two ledger lines);
// 2. times app::PaymentRuns::Prepare (one named regulator) and Release (another: four eyes), the
//    whole run, then Prepare again, which must find nothing (the idempotent re-run);
// 3. checks the ledger (LedgerTable::Check must be Sound) and that every pound due was paid;
// 4. in the same database, times a raw `INSERT ... SELECT` of N rows into a ledger_lines-shaped
//    scratch table (same primary key and account index) from payment_lines, in one transaction.
// Goals: run (Prepare + Release) <= 3 x the raw insert; re-run <= 0.1 x the first run.
//
//   payment_bench --db URL [--lines N] [--providers P] [--profile 1]
//   (defaults 1000000 and 2000; --profile 1 first times Prepare's statements one by one)
//
// URL is sqlite:PATH or postgresql://...; use a fresh database.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/app/app.h"
#include "psl/app/clock.h"
#include "psl/app/payment_runs.h"
#include "psl/store/store.h"

namespace {

using psl::Status;
using psl::store::Transaction;
using Clock = std::chrono::steady_clock;

constexpr const char* kEndResult = "individual_prosperity";
constexpr const char* kDueOn = "2026-05-31";
constexpr const char* kAsOf = "2026-06-30";

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

[[noreturn]] void Die(const std::string& what, const Status& status) {
  std::fprintf(stderr, "payment_bench: %s: %s\n", what.c_str(), status.ToString().c_str());
  std::exit(1);
}

struct Args {
  std::string db;
  std::int64_t lines = 1'000'000;
  std::int64_t providers = 2'000;
  bool profile = false;  // time Prepare's statements one by one first, then roll them back
};

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--db") {
      args.db = value;
    } else if (flag == "--lines") {
      args.lines = std::atoll(value);
    } else if (flag == "--providers") {
      args.providers = std::atoll(value);
    } else if (flag == "--profile") {
      args.profile = std::string_view(value) == "1";
    } else {
      std::fprintf(stderr, "payment_bench: unknown flag %s\n", argv[i]);
      std::exit(2);
    }
  }
  if (args.db.empty() || args.lines < 1 || args.providers < 1) {
    std::fprintf(stderr,
                 "usage: payment_bench --db URL [--lines N] [--providers P]\n"
                 "  URL: sqlite:PATH or postgresql://... (a fresh database)\n");
    std::exit(2);
  }
  return args;
}

// The due lines and their accruals, as AccrueDue writes them one by one (same tables, keys,
// accounts and amounts), but set-based: the benchmark is the run, not the seeding.
Status Seed(psl::store::Store& store, const Args& args, psl::Timestamp now) {
  const std::string n = std::to_string(args.lines);
  const std::string p = std::to_string(args.providers);
  const std::string at = std::to_string(now.unix_seconds());
  return store.Write([&](Transaction& transaction) -> Status {
    psl::store::Connection& connection = transaction.connection();
    const bool postgres = connection.dialect() == psl::store::Dialect::kPostgres;
    PSL_RETURN_IF_ERROR(connection.ExecuteScript(
        "INSERT INTO providers (name, created_at) WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL "
        "SELECT i + 1 FROM p WHERE i < " +
        p + ") SELECT 'Bench provider ' || i, " + at + " FROM p"));
    PSL_ASSIGN_OR_RETURN(const psl::store::Rows bounds,
                         connection.Query("SELECT MIN(id), COALESCE((SELECT MAX(id) FROM "
                                          "ledger_postings), 0) FROM providers"));
    const std::string first_provider = std::to_string(bounds.front().Int(0));
    const std::string base = std::to_string(bounds.front().Int(1));
    PSL_RETURN_IF_ERROR(connection.ExecuteScript(
        "INSERT INTO ledger_accounts (code, kind, created_at) SELECT 'programme_expense:" +
        std::string(kEndResult) + "', 'expense', " + at +
        " UNION ALL SELECT 'provider_payable:' || id, 'liability', " + at +
        " FROM providers WHERE id >= " + first_provider));
    // Line i (0-based): provider first + i % P, £1 to £1,000.
    const std::string series =
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n "
        "WHERE i < " +
        n + " - 1) ";
    PSL_RETURN_IF_ERROR(connection.ExecuteScript(
        "INSERT INTO ledger_postings (id, idempotency_key, effective_date, recorded_at, "
        "description, cause, reverses_posting_id, line_count) " +
        series + "SELECT " + base + " + i + 1, 'upfront:' || i || ':bench_outcome', '" + kDueOn +
        "', " + at +
        ", 'Upfront payment for bench_outcome, registration ' || i, 'registration:' || i, NULL, "
        "2 FROM n"));
    PSL_RETURN_IF_ERROR(connection.ExecuteScript(
        "INSERT INTO ledger_lines (posting_id, line_number, account_code, amount_pence) " + series +
        ", l(k) AS (SELECT 1 UNION ALL SELECT 2) SELECT " + base +
        " + i + 1, k, CASE k WHEN 1 THEN 'programme_expense:" + kEndResult +
        "' ELSE 'provider_payable:' || (" + first_provider + " + i % " + p +
        ") END, CASE k WHEN 1 THEN (i % 1000 + 1) * 100 ELSE -((i % 1000 + 1) * 100) END FROM n "
        "CROSS JOIN l"));
    PSL_RETURN_IF_ERROR(connection.ExecuteScript(
        "INSERT INTO payment_lines (idempotency_key, provider_id, kind, amount_pence, due_on, "
        "end_result, registration_id, outcome, claim_id, tariff_version, rule, posting_id, "
        "held_reason, run_id) " +
        series + "SELECT 'upfront:' || i || ':bench_outcome', " + first_provider + " + i % " + p +
        ", 'upfront', (i % 1000 + 1) * 100, '" + kDueOn + "', '" + kEndResult +
        "', NULL, NULL, NULL, 1, 'upfront 30% (default)', " + base +
        " + i + 1, NULL, NULL FROM n"));
    if (postgres) {
      PSL_RETURN_IF_ERROR(connection.ExecuteScript(
          "SELECT setval(pg_get_serial_sequence('ledger_postings', 'id'), (SELECT MAX(id) FROM "
          "ledger_postings))"));
    }
    return Status::Ok();
  });
}

// Prepare's set-based statements (payment_runs.cc, payment_tables.cc) and its per-provider
// receivable balances, timed one by one in a transaction that is then rolled back.
void Profile(psl::store::Store& store) {
  const Status rolled_back(psl::ErrorCode::kFailedPrecondition, "profile rolled back");
  Status status = store.Write([&](Transaction& transaction) -> Status {
    psl::store::Connection& connection = transaction.connection();
    PSL_RETURN_IF_ERROR(
        connection
            .Execute("INSERT INTO payment_runs (as_of, status, prepared_at, line_count, "
                     "total_pence) VALUES ($1, 'prepared', 0, 0, 0)",
                     {std::string(kAsOf)})
            .ToStatus());
    PSL_ASSIGN_OR_RETURN(const psl::store::Rows id,
                         connection.Query("SELECT MAX(id) FROM payment_runs"));
    const std::int64_t run = id.front().Int(0);
    auto timed = [&](const char* what, const std::function<Status()>& step) -> Status {
      const Clock::time_point start = Clock::now();
      PSL_RETURN_IF_ERROR(step());
      std::printf("  profile: %-44s %8.2f s\n", what, SecondsSince(start));
      return Status::Ok();
    };
    psl::store::PaymentRunTable runs(connection);
    PSL_RETURN_IF_ERROR(timed("AssignDueLines (UPDATE payment_lines)", [&] {
      return runs.AssignDueLines(run, psl::Date::Parse(kAsOf).value()).ToStatus();
    }));
    PSL_RETURN_IF_ERROR(timed("SummariseProviders (INSERT ... GROUP BY)",
                              [&] { return runs.SummariseProviders(run); }));
    std::vector<psl::store::RunProviderRecord> providers;
    PSL_RETURN_IF_ERROR(timed("Providers (read the summaries)", [&]() -> Status {
      PSL_ASSIGN_OR_RETURN(providers, runs.Providers(run));
      return Status::Ok();
    }));
    PSL_RETURN_IF_ERROR(timed("receivable Balance x providers", [&]() -> Status {
      for (const auto& row : providers) {
        PSL_RETURN_IF_ERROR(
            transaction.ledger()
                .Balance("provider_receivable:" + std::to_string(row.provider.value()),
                         std::nullopt)
                .ToStatus());
      }
      return Status::Ok();
    }));
    PSL_RETURN_IF_ERROR(timed("SetNetting x providers", [&]() -> Status {
      for (const auto& row : providers) PSL_RETURN_IF_ERROR(runs.SetNetting(row));
      return Status::Ok();
    }));
    return rolled_back;
  });
  if (status.message() != "profile rolled back") Die("profiling", status);
}

psl::app::RequestContext Regulator(psl::app::App& app, const std::string& name) {
  const psl::app::RequestContext system{psl::access::Principal::System("payment_bench"), "bench"};
  psl::app::NewUser user{name, "payment-bench-" + name, psl::access::Role::kRegulator, {}, {}};
  auto id = app.CreateUser(system, user);
  if (!id.ok()) Die("creating " + name, id.status());
  return {psl::access::Principal{*id, name, psl::access::Role::kRegulator, {}, {}}, "bench"};
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  const psl::Timestamp now = psl::Timestamp::ParseIso8601("2026-07-01T09:00:00Z").value();
  auto opened = psl::store::Store::Open(args.db);
  if (!opened.ok()) Die("opening " + args.db, opened.status());
  psl::store::Store& store = **opened;
  if (Status migrated = store.Migrate(now); !migrated.ok()) Die("migrating", migrated);
  psl::app::ManualClock clock(now);
  psl::app::App app(store, clock);
  const psl::app::RequestContext preparer = Regulator(app, "bench-regulator-a");
  const psl::app::RequestContext releaser = Regulator(app, "bench-regulator-b");

  Clock::time_point start = Clock::now();
  if (Status seeded = Seed(store, args, now); !seeded.ok()) Die("seeding", seeded);
  const double seed_seconds = SecondsSince(start);
  start = Clock::now();
  if (Status analysed =
          store.Write([](Transaction& t) { return t.connection().ExecuteScript("ANALYZE"); });
      !analysed.ok()) {
    Die("analysing", analysed);
  }
  std::printf("payment_bench: %lld due lines over %lld providers (%s)\n",
              static_cast<long long>(args.lines), static_cast<long long>(args.providers),
              args.db.substr(0, args.db.find(':')).c_str());
  std::printf("%-34s %8.2f s (+ ANALYZE %.2f s)\n", "seed (set-based SQL, not timed)", seed_seconds,
              SecondsSince(start));

  if (args.profile) Profile(store);
  const psl::Date as_of = psl::Date::Parse(kAsOf).value();
  psl::app::PaymentRuns runs(app);
  start = Clock::now();
  auto prepared = runs.Prepare(preparer, as_of);
  if (!prepared.ok()) Die("preparing", prepared.status());
  const double prepare_seconds = SecondsSince(start);
  clock.Advance(600);
  start = Clock::now();
  auto released = runs.Release(releaser, prepared->run.id);
  if (!released.ok()) Die("releasing", released.status());
  const double release_seconds = SecondsSince(start);
  const double run_seconds = prepare_seconds + release_seconds;
  std::printf("%-34s %8.2f s (%lld lines, %zu providers, total %s)\n", "Prepare", prepare_seconds,
              static_cast<long long>(prepared->run.line_count), prepared->providers.size(),
              prepared->run.total.Format().c_str());
  std::printf("%-34s %8.2f s\n", "Release (one transaction each)", release_seconds);

  std::int64_t paid = 0;
  for (const auto& row : released->providers) paid += row.paid.pence();
  const std::int64_t expected = [&] {
    std::int64_t sum = 0;
    for (std::int64_t i = 0; i < args.lines; ++i) sum += (i % 1000 + 1) * 100;
    return sum;
  }();
  if (prepared->run.line_count != args.lines || paid != expected) {
    std::fprintf(stderr, "payment_bench: the run paid %lld pence over %lld lines, not %lld\n",
                 static_cast<long long>(paid), static_cast<long long>(prepared->run.line_count),
                 static_cast<long long>(expected));
    return 1;
  }

  clock.Advance(600);
  start = Clock::now();
  auto again = runs.Prepare(preparer, as_of);
  if (!again.ok()) Die("preparing again", again.status());
  const double rerun_seconds = SecondsSince(start);
  std::printf("%-34s %8.4f s (%lld lines)\n", "Prepare again (finds nothing)", rerun_seconds,
              static_cast<long long>(again->run.line_count));
  if (again->run.line_count != 0) {
    std::fprintf(stderr, "payment_bench: the second run found lines\n");
    return 1;
  }

  start = Clock::now();
  psl::store::LedgerCheck check;
  if (Status read = store.Read([&](Transaction& transaction) -> Status {
        PSL_ASSIGN_OR_RETURN(check, transaction.ledger().Check());
        return Status::Ok();
      });
      !read.ok()) {
    Die("checking the ledger", read);
  }
  std::printf("%-34s %8.2f s (%lld postings, %lld lines: %s)\n", "ledger check",
              SecondsSince(start), static_cast<long long>(check.posting_count),
              static_cast<long long>(check.line_count), check.Sound() ? "sound" : "NOT SOUND");
  if (!check.Sound()) return 1;

  // The baseline: the same number of ledger rows, bare, on the same connection.
  double raw_seconds = 0;
  if (Status created = store.Write([](Transaction& t) {
        return t.connection().ExecuteScript(
            "CREATE TABLE bench_ledger_lines (posting_id BIGINT NOT NULL, line_number BIGINT NOT "
            "NULL, account_code TEXT NOT NULL, amount_pence BIGINT NOT NULL, PRIMARY KEY "
            "(posting_id, line_number)); CREATE INDEX bench_ledger_lines_by_account ON "
            "bench_ledger_lines(account_code)");
      });
      !created.ok()) {
    Die("creating the scratch table", created);
  }
  start = Clock::now();
  if (Status raw = store.Write([](Transaction& t) {
        return t.connection().ExecuteScript(
            "INSERT INTO bench_ledger_lines (posting_id, line_number, account_code, amount_pence) "
            "SELECT posting_id, 1, 'provider_payable:' || provider_id, amount_pence FROM "
            "payment_lines");
      });
      !raw.ok()) {
    Die("raw insert", raw);
  }
  raw_seconds = SecondsSince(start);
  std::printf("%-34s %8.2f s\n", "raw INSERT ... SELECT (N rows)", raw_seconds);
  const double ratio = run_seconds / raw_seconds;
  const double rerun_ratio = rerun_seconds / run_seconds;
  std::printf("%-34s %8.2f (goal <= 3: %s)\n", "ratio run / raw", ratio,
              ratio <= 3 ? "met" : "NOT met");
  std::printf("%-34s %8.4f (goal <= 0.1: %s)\n", "ratio re-run / run", rerun_ratio,
              rerun_ratio <= 0.1 ? "met" : "NOT met");
  return 0;
}
