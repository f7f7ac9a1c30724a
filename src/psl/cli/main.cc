// psl: the command-line tool. Thin: each command parses its flags, calls the app layer, and
// prints the result; rules live in the domain and app folders.
#include <pthread.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "psl/api/routes.h"
#include "psl/api/server.h"
#include "psl/app/app.h"
#include "psl/app/demo.h"
#include "psl/app/journey.h"
#include "psl/app/licensing.h"
#include "psl/app/surveys.h"
#include "psl/cli/journey_commands.h"
#include "psl/cli/payment_commands.h"

namespace {

using psl::Result;
using psl::Status;

constexpr const char* kDefaultDb = "sqlite:psl.db";

int Fail(const Status& status, std::string_view next_step = {}) {
  std::cerr << "psl: " << status.message();
  if (!status.field().empty()) std::cerr << " (" << status.field() << ")";
  std::cerr << "\n";
  if (!next_step.empty()) std::cerr << "  " << next_step << "\n";
  return 1;
}

Result<std::unique_ptr<psl::store::Store>> OpenMigrated(const std::string& db,
                                                        const psl::app::Clock& clock,
                                                        psl::store::StoreOptions options = {}) {
  PSL_ASSIGN_OR_RETURN(auto store, psl::store::Store::Open(db, options));
  PSL_RETURN_IF_ERROR(store->Migrate(clock.Now()));
  return store;
}

bool SplitListen(const std::string& listen, std::string& host, int& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    return used == listen.size() - colon - 1 && port >= 0 && port <= 65535;
  } catch (const std::exception&) {
    return false;
  }
}

void PrintDemoLogins(psl::store::Store& store) {
  std::vector<std::string> present;
  std::vector<std::string> names;
  for (psl::access::Role role : psl::access::kAllRoles) {
    if (role != psl::access::Role::kPublic) names.emplace_back(psl::access::RoleName(role));
  }
  names.emplace_back("regulator2");
  for (const std::string& name : names) {
    std::optional<psl::access::User> user;
    Status read = store.Read([&](psl::store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(user, transaction.users().FindByUsername(name));
      return Status::Ok();
    });
    if (read.ok() && user) present.push_back(name);
  }
  if (present.empty()) return;
  std::printf("Demonstration logins (username / password):\n");
  for (const std::string& name : present) {
    std::printf("  %-11s / psl-demo-%s\n", name.c_str(), name.c_str());
  }
}

int Serve(const std::string& db, const std::string& listen, const std::string& web_root,
          int threads, int db_connections, const std::string& log_path) {
  std::string host;
  int port = 0;
  if (!SplitListen(listen, host, port)) {
    return Fail(Status(psl::ErrorCode::kInvalidArgument,
                       "--listen must be HOST:PORT, like 127.0.0.1:8080", "listen"));
  }
  // Block the stop signals before any thread starts, so only the watcher below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  psl::app::SystemClock clock;
  // One database connection per request thread: a thread never waits for another's connection
  // (with fewer, waits are unfair and the slowest requests take hundreds of milliseconds).
  auto store =
      OpenMigrated(db, clock, {.max_connections = db_connections > 0 ? db_connections : threads});
  if (!store.ok()) return Fail(store.status(), "check --db (sqlite:PATH or postgresql://...)");
  psl::app::App app(**store, clock);

  std::FILE* log = stdout;
  if (log_path == "-") {
    log = nullptr;
  } else if (!log_path.empty()) {
    log = std::fopen(log_path.c_str(), "a");
    if (log == nullptr)
      return Fail(Status(psl::ErrorCode::kUnavailable, "cannot open " + log_path));
  }
  psl::api::Server server(app, {host, port, web_root, threads, log});
  auto bound = server.Bind();
  if (!bound.ok()) return Fail(bound.status());

  // The scheduled jobs: once at start and then hourly, the choice deadlines (CHO-3) and new
  // choices for customers of revoked providers (CHO-7), and the satisfaction survey's
  // invitations (PAY-6), as of today's date.
  std::mutex scheduler_mutex;
  std::condition_variable scheduler_wake;
  bool stopping = false;
  std::thread scheduler([&] {
    std::unique_lock lock(scheduler_mutex);
    while (!stopping) {
      lock.unlock();
      const psl::app::RequestContext context{psl::access::Principal::System("scheduler"),
                                             "job:choice-deadlines"};
      auto report = psl::app::Journey(app).RunChoiceJobs(context, clock.Now().UtcDate());
      if (!report.ok()) {
        std::fprintf(stderr, "psl: the choice-deadlines job failed: %s (retrying in an hour)\n",
                     report.status().message().c_str());
      } else if (report->auto_registered + report->reopened_after_revocation > 0) {
        std::fprintf(stderr, "psl: choice deadlines: %d registered by default, %d new choices\n",
                     report->auto_registered, report->reopened_after_revocation);
      }
      const psl::app::RequestContext survey_context{psl::access::Principal::System("scheduler"),
                                                    "job:surveys"};
      auto surveys = psl::app::Surveys(app).RunSurveyJob(survey_context, clock.Now().UtcDate());
      if (!surveys.ok()) {
        std::fprintf(stderr, "psl: the survey job failed: %s (retrying in an hour)\n",
                     surveys.status().message().c_str());
      }
      lock.lock();
      scheduler_wake.wait_for(lock, std::chrono::hours(1), [&] { return stopping; });
    }
  });

  std::thread watcher([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::fprintf(stderr, "psl: stopping (signal %d); finishing requests in flight\n", signal);
    server.Stop();
  });
  watcher.detach();

  PrintDemoLogins(**store);
  std::printf("PSL is serving on http://%s:%d/ (database %s)\n", host.c_str(), *bound, db.c_str());
  std::fflush(stdout);
  server.Run();
  {
    std::lock_guard lock(scheduler_mutex);
    stopping = true;
  }
  scheduler_wake.notify_all();
  scheduler.join();
  if (log != nullptr) std::fflush(log);
  if (log != nullptr && log != stdout) std::fclose(log);
  std::fprintf(stderr, "psl: stopped\n");
  return 0;
}

std::string ReadPassword(const std::string& password_file) {
  std::string password;
  if (!password_file.empty()) {
    std::FILE* file = password_file == "-" ? stdin : std::fopen(password_file.c_str(), "r");
    if (file == nullptr) return {};
    char buffer[512];
    if (std::fgets(buffer, sizeof buffer, file) != nullptr) password = buffer;
    if (file != stdin) std::fclose(file);
  } else if (const char* from_env = std::getenv("PSL_PASSWORD")) {
    password = from_env;
  }
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  return password;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"psl: Public Service Licensing. A Regulator's market for human public services."};
  cli.require_subcommand(1);

  std::string db = kDefaultDb;

  auto* serve = cli.add_subcommand("serve", "Serve the API and the web interface");
  std::string listen = "127.0.0.1:8080";
  std::string web_root = PSL_DEFAULT_WEB_ROOT;
  std::string log_path;
  int threads = 64;
  int db_connections = 0;
  serve->add_option("--db", db, "Database: sqlite:PATH or postgresql://user@host:port/db")
      ->capture_default_str();
  serve->add_option("--listen", listen, "Address to listen on, HOST:PORT")->capture_default_str();
  serve->add_option("--web-root", web_root, "Folder of the built web interface")
      ->capture_default_str();
  serve->add_option("--threads", threads, "Request threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve
      ->add_option("--db-connections", db_connections,
                   "Database connections in the pool (default: one per request thread)")
      ->check(CLI::Range(1, 256));
  serve->add_option("--log", log_path, "Request log file ('-' for none; default stdout)");

  auto* migrate = cli.add_subcommand("migrate", "Apply any missing schema migrations");
  migrate->add_option("--db", db, "Database: sqlite:PATH or postgresql://...")
      ->capture_default_str();

  auto* demo = cli.add_subcommand(
      "demo",
      "Create the demonstration market if it is missing: one user per role, every English "
      "district, about 40 licensed providers, and demonstration citizens with their "
      "assessments and registrations");
  std::string areas_path = PSL_DEFAULT_AREAS_CSV;
  bool users_only = false;
  demo->add_option("--db", db, "Database: sqlite:PATH or postgresql://...")->capture_default_str();
  demo->add_option("--areas", areas_path, "The districts to load (lad_code,lad_name,region,score)")
      ->capture_default_str();
  demo->add_flag("--users-only", users_only, "Create only the demonstration users");
  int demo_citizens = 2000;
  demo->add_option("--citizens", demo_citizens,
                   "Demonstration citizens to add with their assessments and registrations "
                   "(0: none)")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();

  auto* user = cli.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand(
      "add", "Create a user; the password comes from --password-file, or PSL_PASSWORD");
  std::string username, role, password_file;
  std::int64_t provider_id = 0, citizen_id = 0;
  user_add->add_option("--db", db, "Database: sqlite:PATH or postgresql://...")
      ->capture_default_str();
  user_add->add_option("--username", username, "Login name (a-z, 0-9, . _ -)")->required();
  user_add
      ->add_option("--role", role,
                   "government, regulator, inspector, referrer, provider or citizen")
      ->required();
  user_add->add_option("--password-file", password_file,
                       "File whose first line is the password ('-' for standard input)");
  user_add->add_option("--provider-id", provider_id, "For provider users: their provider");
  user_add->add_option("--citizen-id", citizen_id, "For citizen users: their citizen record");

  auto* openapi = cli.add_subcommand("openapi", "Print the OpenAPI document");

  psl::cli::QuoteOptions quote_options;
  auto* quote = psl::cli::AddQuoteCommand(cli, quote_options);
  psl::cli::JobOptions job_options{kDefaultDb, {}};
  auto* choice_deadlines = psl::cli::AddJobsCommand(cli, job_options);
  psl::cli::PaymentOptions payment_options;
  payment_options.db = kDefaultDb;
  const auto payment_commands = psl::cli::AddPaymentCommands(cli, payment_options);

  CLI11_PARSE(cli, argc, argv);

  if (const int status = psl::cli::RunPaymentCommand(payment_commands, payment_options);
      status >= 0) {
    return status;
  }

  if (*quote) return psl::cli::RunQuote(quote_options);
  if (*choice_deadlines) return psl::cli::RunChoiceDeadlines(job_options);

  if (*serve) return Serve(db, listen, web_root, threads, db_connections, log_path);

  if (*openapi) {
    std::cout << psl::api::OpenApiDocument() << "\n";
    return 0;
  }

  psl::app::SystemClock clock;
  // `psl demo` writes thousands of small transactions that nobody has been told are saved:
  // it skips the per-commit sync (the file stays consistent; see StoreOptions).
  auto store = OpenMigrated(db, clock, {.sync_every_commit = !*demo});
  if (!store.ok()) return Fail(store.status(), "check --db (sqlite:PATH or postgresql://...)");

  if (*migrate) {
    auto version = (*store)->SchemaVersion();
    if (!version.ok()) return Fail(version.status());
    std::printf("schema is at version %d\n", *version);
    return 0;
  }

  psl::app::App app(**store, clock);
  if (*demo) {
    auto logins = psl::app::SeedDemo(app);
    if (!logins.ok()) return Fail(logins.status());
    for (const auto& login : *logins) {
      std::printf("%s %-11s / %s\n", login.created ? "created " : "existing",
                  login.username.c_str(), login.password.c_str());
    }
    if (users_only) return 0;
    std::ifstream file(areas_path);
    if (!file) {
      return Fail(Status(psl::ErrorCode::kNotFound, "cannot read " + areas_path, "areas"),
                  "pass --areas data/areas.csv from the PSL folder, or --users-only");
    }
    std::stringstream contents;
    contents << file.rdbuf();
    auto areas = psl::app::ParseAreasCsv(contents.str());
    if (!areas.ok()) return Fail(areas.status());
    std::printf("building the demonstration market (about 40 providers)...\n");
    std::fflush(stdout);
    auto market = psl::app::SeedDemoMarket(**store, clock.Now(), *areas);
    if (!market.ok()) return Fail(market.status());
    if (market->created) {
      std::printf("created the demonstration market: %zu areas, %d providers, %d licences\n",
                  areas->size(), market->providers, market->licences);
    } else {
      std::printf("the demonstration market is already there\n");
    }
    if (demo_citizens == 0) return 0;
    std::printf("adding %d demonstration citizens...\n", demo_citizens);
    std::fflush(stdout);
    auto journey =
        psl::app::SeedDemoJourney(**store, clock.Now(), demo_citizens, [](int done, int total) {
          std::printf("  %d of %d citizens\n", done, total);
          std::fflush(stdout);
        });
    if (!journey.ok()) return Fail(journey.status());
    if (!journey->created) {
      std::printf("the demonstration citizens are already there\n");
      return 0;
    }
    std::printf(
        "added %d citizens (%d with a login, password psl-demo-citizen): %d entries, %d "
        "assessments, %d shortlists, %d registrations, %d choices still open; outcome history "
        "%d achieved, %d missed\n",
        journey->citizens, journey->logins, journey->entries, journey->assessments,
        journey->shortlists, journey->registrations, journey->open_choices,
        journey->outcomes_achieved, journey->outcomes_missed);
    std::printf("  registrations by basis:");
    for (const auto& [basis, count] : journey->by_basis) {
      std::printf(" %s %d", basis.c_str(), count);
    }
    std::printf("\n");
    const auto& pay = journey->payments;
    std::printf(
        "  payment history: %d runs released (%s paid), %d waiting for a second regulator; "
        "%d claims (%d verified, %d by an evidence feed, %d rejected, %d pending); %d survey "
        "answers of %d invitations; %d providers in claw-back mode; %d budget envelopes\n",
        pay.runs_released, pay.paid.Format().c_str(), pay.runs_prepared, pay.claims_submitted,
        pay.claims_verified, pay.claims_verified_by_feed, pay.claims_rejected, pay.claims_pending,
        pay.survey_answers, pay.survey_invitations, pay.clawback_providers, pay.budgets);
    return 0;
  }

  if (*user_add) {
    auto parsed_role = psl::access::ParseUserRole(role);
    if (!parsed_role.ok()) return Fail(parsed_role.status());
    psl::app::NewUser new_user{username, ReadPassword(password_file), *parsed_role, {}, {}};
    if (new_user.password.empty()) {
      return Fail(Status(psl::ErrorCode::kInvalidArgument, "no password given", "password"),
                  "pass --password-file FILE (or '-' for standard input), or set PSL_PASSWORD");
    }
    if (provider_id > 0) new_user.provider_id = psl::ProviderId(provider_id);
    if (citizen_id > 0) new_user.citizen_id = psl::CitizenId(citizen_id);
    const psl::app::RequestContext context{psl::access::Principal::System("psl user add"),
                                           "cli:user-add"};
    auto id = app.CreateUser(context, new_user);
    if (!id.ok()) return Fail(id.status());
    std::printf("created user %s (id %lld, role %s)\n", username.c_str(),
                static_cast<long long>(id->value()), role.c_str());
    return 0;
  }
  return 0;
}
