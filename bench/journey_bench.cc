// The full citizen journey through the application layer (issue 4): for N generated citizens,
// a referral from the JobCentre (Journey::RecordEntry), the single assessment (Assess), the
// choice of provider for each End Result the citizen is eligible for (Options; Shortlist when
// the choice is assisted) and the registration with locked prices (Register). Several threads
// share one App over one Store, as `psl serve`'s request threads do. Prints progress every
// 10,000 citizens, then the elapsed time, citizens per second and where the time went by step.
//
//   journey_bench --db URL [--citizens N] [--threads T] [--areas PATH]
//
// URL is sqlite:PATH or postgresql://...; use a fresh database. It seeds what it needs: the
// demonstration users (SeedDemo: the referrer acts for every citizen) and the demonstration
// market (SeedDemoMarket, with the districts of data/areas.csv). docs/benchmarks.md, section 6.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "psl/app/app.h"
#include "psl/app/clock.h"
#include "psl/app/demo.h"
#include "psl/app/journey.h"
#include "psl/app/licensing.h"
#include "psl/assessment/questionnaire.h"
#include "psl/store/licensing_tables.h"
#include "psl/store/store.h"

#ifndef PSL_DEFAULT_AREAS_CSV
#define PSL_DEFAULT_AREAS_CSV "data/areas.csv"
#endif

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& what, const psl::Status& status) {
  std::fprintf(stderr, "journey_bench: %s: %s", what.c_str(), status.message().c_str());
  if (!status.field().empty()) std::fprintf(stderr, " (%s)", status.field().c_str());
  std::fprintf(stderr, "\n");
  std::exit(1);
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// The steps timed separately (summed over threads: thread-seconds).
enum Step { kEntry, kAssess, kOptions, kShortlist, kRegister, kSteps };
constexpr const char* kStepNames[kSteps] = {"RecordEntry", "Assess", "Options", "Shortlist",
                                            "Register"};

struct Totals {
  std::atomic<std::int64_t> nanos[kSteps] = {};
  std::atomic<std::int64_t> calls[kSteps] = {};
  std::atomic<std::int64_t> registrations{0};
  std::atomic<std::int64_t> no_provider{0};  // an End Result no licensed provider can take
  std::atomic<std::int64_t> done{0};
};

template <typename F>
auto Timed(Totals& totals, Step step, F&& f) {
  const auto start = Clock::now();
  auto result = f();
  totals.nanos[step] +=
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
  ++totals.calls[step];
  return result;
}

// The report's example answers, varied by citizen so that barriers, eligibility and the
// similar-customer band differ (all answers stay valid for the default questionnaire).
psl::assessment::Answers AnswersFor(std::int64_t i) {
  psl::assessment::Answers answers = psl::assessment::ReportExampleAnswers();
  static constexpr const char* kReading[] = {"easily", "with_some_difficulty", "only_a_few_words",
                                             "not_at_all"};
  static constexpr const char* kHousing[] = {"own_home", "renting", "with_family_or_friends",
                                             "sofa_surfing", "hostel_or_shelter"};
  static constexpr const char* kOften[] = {"never", "rarely", "sometimes", "often"};
  static constexpr const char* kMood[] = {"not_at_all", "several_days"};
  answers["age_years"] = std::to_string(18 + i % 45);
  answers["months_since_paid_work"] = std::to_string((i * 7) % 30);
  answers["reading"] = kReading[i % 4];
  answers["housing_now"] = kHousing[(i / 4) % 5];
  answers["english_first_language"] = (i % 3 == 0) ? "yes" : "no";
  answers["dyslexia"] = (i % 5 == 0) ? "yes" : "no";
  answers["abused_as_child"] = (i % 7 == 0) ? "yes" : "no";
  answers["lonely"] = kOften[i % 4];
  answers["low_mood"] = kMood[(i / 3) % 2];
  return answers;
}

struct Args {
  std::string db;
  std::int64_t citizens = 100000;
  int threads = 4;
  std::string areas = PSL_DEFAULT_AREAS_CSV;
};

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "journey_bench: %s needs a value\n", argv[i]);
      std::exit(2);
    }
    const char* value = argv[++i];
    if (flag == "--db") {
      args.db = value;
    } else if (flag == "--citizens") {
      args.citizens = std::atoll(value);
    } else if (flag == "--threads") {
      args.threads = std::atoi(value);
    } else if (flag == "--areas") {
      args.areas = value;
    } else {
      std::fprintf(stderr, "journey_bench: unknown flag %s\n", argv[i - 1]);
      std::exit(2);
    }
  }
  if (args.db.empty() || args.citizens < 1 || args.threads < 1) {
    std::fprintf(stderr,
                 "usage: journey_bench --db URL [--citizens N] [--threads T] [--areas PATH]\n");
    std::exit(2);
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  psl::app::SystemClock clock;
  // One connection per worker thread, as `psl serve` gives one per request thread.
  auto store = psl::store::Store::Open(args.db, {.max_connections = args.threads});
  if (!store.ok()) Die("open " + args.db, store.status());
  if (auto migrated = (*store)->Migrate(clock.Now()); !migrated.ok()) Die("migrate", migrated);
  psl::app::App app(**store, clock);

  // --- Seed: the demonstration users and market ---
  const auto seed_start = Clock::now();
  if (auto logins = psl::app::SeedDemo(app); !logins.ok()) Die("SeedDemo", logins.status());
  std::ifstream file(args.areas);
  if (!file) Die("read " + args.areas, psl::Status(psl::ErrorCode::kNotFound, "cannot read"));
  std::stringstream csv;
  csv << file.rdbuf();
  auto areas = psl::app::ParseAreasCsv(csv.str());
  if (!areas.ok()) Die("parse " + args.areas, areas.status());
  auto market = psl::app::SeedDemoMarket(**store, clock.Now(), *areas);
  if (!market.ok()) Die("SeedDemoMarket", market.status());
  std::vector<std::string> live;
  if (auto read = (*store)->Read([&](psl::store::Transaction& transaction) -> psl::Status {
        psl::store::AreaTable table(transaction.connection());
        std::string after;
        for (;;) {
          PSL_ASSIGN_OR_RETURN(auto page, table.List("live", after, 500));
          for (const auto& area : page) live.push_back(area.code);
          if (page.size() < 500) return psl::Status::Ok();
          after = page.back().code;
        }
      });
      !read.ok()) {
    Die("list live areas", read);
  }
  if (live.empty()) Die("seed", psl::Status(psl::ErrorCode::kInternal, "no live district"));
  auto grant = app.Login("referrer", "psl-demo-referrer", "bench:journey");
  if (!grant.ok()) Die("log in as the demonstration referrer", grant.status());
  auto principal = app.Authenticate(grant->token);
  if (!principal.ok()) Die("authenticate", principal.status());
  const psl::app::RequestContext context{*principal, "bench:journey"};
  std::printf("seeded in %.2f s: %zu districts (%zu live), %d providers, %d licences%s\n",
              Seconds(Clock::now() - seed_start), areas->size(), live.size(), market->providers,
              market->licences, market->created ? "" : " (market already there)");
  std::printf("journey: %lld citizens, %d threads, %s\n", static_cast<long long>(args.citizens),
              args.threads, args.db.substr(0, args.db.find(':')).c_str());
  std::fflush(stdout);

  // Two letters from the clock keep National Insurance numbers distinct between runs.
  const auto tag = static_cast<int>(clock.Now().unix_seconds() % (26 * 26));
  const std::string prefix{static_cast<char>('A' + tag / 26), static_cast<char>('A' + tag % 26)};

  Totals totals;
  std::atomic<std::int64_t> next{0};
  std::mutex print_mutex;
  const auto start = Clock::now();
  auto last_print = start;
  std::int64_t last_done = 0;
  std::atomic<bool> failed{false};

  auto worker = [&] {
    psl::app::Journey journey(app);
    for (;;) {
      const std::int64_t i = next++;
      if (i >= args.citizens || failed) return;
      psl::app::EntryInput input;
      input.route = "referral";
      input.source = "jobcentre";
      input.person.full_name = "Bench Citizen " + prefix + std::to_string(i);
      input.person.date_of_birth =
          psl::Date::FromCivil(1960 + static_cast<int>(i % 45), 1 + static_cast<int>(i % 12),
                               1 + static_cast<int>(i % 28))
              .value();
      input.person.area_code = live[static_cast<std::size_t>(i) % live.size()];
      char number[16];
      std::snprintf(number, sizeof number, "%s%06lld%c", prefix.c_str(),
                    static_cast<long long>(i % 1000000),
                    static_cast<char>('A' + (i / 1000000) % 4));
      input.person.national_insurance = number;
      auto entry = Timed(totals, kEntry, [&] { return journey.RecordEntry(context, input); });
      if (!entry.ok()) {
        failed = true;
        Die("RecordEntry citizen " + std::to_string(i), entry.status());
      }
      const psl::CitizenId id = entry->citizen_id;
      auto assessed =
          Timed(totals, kAssess, [&] { return journey.Assess(context, id, AnswersFor(i), ""); });
      if (!assessed.ok()) Die("Assess citizen " + std::to_string(i), assessed.status());
      for (const std::string& end_result : assessed->eligible_end_results) {
        auto options =
            Timed(totals, kOptions, [&] { return journey.Options(context, id, end_result); });
        if (!options.ok()) Die("Options " + end_result, options.status());
        const auto& providers = options->providers;
        if (providers.empty()) {
          ++totals.no_provider;
          continue;
        }
        const std::size_t first = static_cast<std::size_t>(i) % providers.size();
        const psl::ProviderId chosen = providers[first].information.provider;
        if (options->choice.format == "assisted") {
          std::vector<psl::ProviderId> shortlist;
          const std::size_t size = std::min<std::size_t>(3, providers.size());
          for (std::size_t k = 0; k < size; ++k) {
            shortlist.push_back(providers[(first + k) % providers.size()].information.provider);
          }
          auto listed = Timed(totals, kShortlist, [&] {
            return journey.Shortlist(context, id, end_result, shortlist);
          });
          if (!listed.ok()) Die("Shortlist " + end_result, listed.status());
        }
        auto registered = Timed(totals, kRegister,
                                [&] { return journey.Register(context, id, end_result, chosen); });
        if (!registered.ok()) Die("Register " + end_result, registered.status());
        ++totals.registrations;
      }
      const std::int64_t done = ++totals.done;
      if (done % 10000 == 0) {
        std::lock_guard lock(print_mutex);
        const auto now = Clock::now();
        std::printf("%8lld citizens  %8.1f s  %7.1f citizens/s (last %lld: %7.1f/s)\n",
                    static_cast<long long>(done), Seconds(now - start),
                    static_cast<double>(done) / Seconds(now - start),
                    static_cast<long long>(done - last_done),
                    static_cast<double>(done - last_done) / Seconds(now - last_print));
        std::fflush(stdout);
        last_print = now;
        last_done = done;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < args.threads; ++t) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();
  const double elapsed = Seconds(Clock::now() - start);

  const auto done = totals.done.load();
  std::printf(
      "journey done: %lld citizens in %.2f s: %.1f citizens/s; %lld registrations, "
      "%lld End Results without an eligible provider\n",
      static_cast<long long>(done), elapsed, static_cast<double>(done) / elapsed,
      static_cast<long long>(totals.registrations.load()),
      static_cast<long long>(totals.no_provider.load()));
  std::printf("%-12s %10s %12s %14s\n", "step", "calls", "mean ms", "thread-s share");
  double all = 0;
  for (int s = 0; s < kSteps; ++s) all += static_cast<double>(totals.nanos[s].load());
  for (int s = 0; s < kSteps; ++s) {
    const double nanos = static_cast<double>(totals.nanos[s].load());
    const auto calls = totals.calls[s].load();
    std::printf("%-12s %10lld %12.3f %13.1f%%\n", kStepNames[s], static_cast<long long>(calls),
                calls ? nanos / 1e6 / static_cast<double>(calls) : 0.0,
                all > 0 ? 100.0 * nanos / all : 0.0);
  }
  return 0;
}
