#include "psl/cli/payment_commands.h"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "psl/app/app.h"
#include "psl/app/claims.h"
#include "psl/app/payment_runs.h"
#include "psl/app/surveys.h"
#include "psl/payment/split.h"
#include "psl/store/store.h"
#include "psl/store/user_tables.h"

namespace psl::cli {
namespace {

int Fail(const Status& status, std::string_view next_step = {}) {
  std::cerr << "psl: " << status.message();
  if (!status.field().empty()) std::cerr << " (" << status.field() << ")";
  std::cerr << "\n";
  if (!next_step.empty()) std::cerr << "  " << next_step << "\n";
  return 1;
}

Result<Date> ParseDateOption(const std::string& text, const std::string& field) {
  auto date = Date::Parse(text);
  if (!date.ok()) {
    return Status(ErrorCode::kInvalidArgument, date.status().message() + "; give YYYY-MM-DD",
                  field);
  }
  return *date;
}

std::string SplitJson(const payment::Split& split) {
  return nlohmann::json{{"upfront_pence", split.upfront.pence()},
                        {"outcome_pence", split.outcome.pence()},
                        {"satisfaction_pence", split.satisfaction.pence()},
                        {"rule", split.rule}}
      .dump();
}

// An open, migrated store and an App over it, for the commands that work on a database.
struct Session {
  std::unique_ptr<store::Store> store;
  app::SystemClock clock;
  std::unique_ptr<app::App> app;
};

Result<std::unique_ptr<Session>> Open(const std::string& db) {
  auto session = std::make_unique<Session>();
  PSL_ASSIGN_OR_RETURN(session->store, store::Store::Open(db, {}));
  PSL_RETURN_IF_ERROR(session->store->Migrate(session->clock.Now()));
  session->app = std::make_unique<app::App>(*session->store, session->clock);
  return session;
}

// The named user the command acts as (X-5 needs to know who prepared and who released).
Result<app::RequestContext> ActingAs(Session& session, const std::string& username,
                                     std::string request_id) {
  if (username.empty()) {
    return Status(ErrorCode::kInvalidArgument, "name the regulator acting with --as USERNAME",
                  "as");
  }
  std::optional<access::User> user;
  PSL_RETURN_IF_ERROR(session.store->Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(user, store::UserTable(transaction.connection()).FindByUsername(username));
    return Status::Ok();
  }));
  if (!user) {
    return Status(ErrorCode::kNotFound, "there is no user '" + username + "' in this database",
                  "as");
  }
  return app::RequestContext{user->AsPrincipal(), std::move(request_id)};
}

std::string RunLine(const app::RunView& view) {
  std::int64_t paid = 0;
  std::int64_t recovered = 0;
  std::int64_t shortfall = 0;
  for (const auto& row : view.providers) {
    paid += row.paid.pence();
    recovered += row.recovered.pence();
    shortfall += row.shortfall.pence();
  }
  std::ostringstream text;
  text << "payment run " << view.run.id << " (due up to " << view.run.as_of.ToString()
       << "): " << view.run.status << ", " << view.run.line_count << " lines, "
       << view.providers.size() << " providers, due " << view.run.total.Format() << ", to pay "
       << Money::FromPence(paid).Format() << ", recovered " << Money::FromPence(recovered).Format()
       << ", shortfall " << Money::FromPence(shortfall).Format();
  return text.str();
}

int RunSplit(const PaymentOptions& options) {
  auto price = Money::Parse(options.price);
  if (!price.ok() || price->IsNegative()) {
    return Fail(Status(ErrorCode::kInvalidArgument, "not a price in pounds", "price"),
                "e.g. --price 11000.00");
  }
  auto licensed = ParseDateOption(options.licensed, "licensed");
  if (!licensed.ok()) return Fail(licensed.status());
  auto registered = ParseDateOption(options.registered, "registered");
  if (!registered.ok()) return Fail(registered.status());
  app::SplitRequest request{*price, *licensed, *registered, std::nullopt};
  if (!options.outcome.empty()) request.outcome = options.outcome;
  Result<payment::Split> split = Status(ErrorCode::kInternal, "not computed");
  if (options.split_db.empty()) {
    if (*registered < *licensed) {
      return Fail(Status(ErrorCode::kInvalidArgument, "a registration cannot precede the licence",
                         "registered"));
    }
    // The built-in rules: the outcome's own override needs the catalogue, which the default
    // settings do not override, so the outcome only names the rule's scope here.
    split = payment::SplitFor(payment::DefaultPaymentSettings(), *price, *licensed, *registered, "",
                              options.outcome);
  } else {
    auto session = Open(options.split_db);
    if (!session.ok())
      return Fail(session.status(), "check --db (sqlite:PATH or postgresql://...)");
    split = app::PaymentRuns(*(*session)->app).PreviewSplit(request);
  }
  if (!split.ok()) return Fail(split.status(), "see `psl split --help`");
  std::cout << SplitJson(*split) << "\n";
  return 0;
}

int RunPrepare(const PaymentOptions& options) {
  auto as_of = ParseDateOption(options.as_of, "as-of");
  if (!as_of.ok()) return Fail(as_of.status());
  auto session = Open(options.db);
  if (!session.ok()) return Fail(session.status(), "check --db (sqlite:PATH or postgresql://...)");
  auto context = ActingAs(**session, options.as, "cli:pay-prepare");
  if (!context.ok()) return Fail(context.status());
  std::cerr << "psl: preparing the payment run due up to " << as_of->ToString() << "...\n";
  auto view = app::PaymentRuns(*(*session)->app).Prepare(*context, *as_of);
  if (!view.ok()) return Fail(view.status());
  std::cout << RunLine(*view) << "\n";
  std::cout << "next: a different regulator releases it with `psl pay release --run "
            << view->run.id << " --as USERNAME`\n";
  return 0;
}

int RunRelease(const PaymentOptions& options) {
  auto session = Open(options.db);
  if (!session.ok()) return Fail(session.status(), "check --db (sqlite:PATH or postgresql://...)");
  auto context = ActingAs(**session, options.as, "cli:pay-release");
  if (!context.ok()) return Fail(context.status());
  std::int64_t last_percent = -1;
  auto view = app::PaymentRuns(*(*session)->app)
                  .Release(*context, options.run, [&](std::int64_t done, std::int64_t total) {
                    const std::int64_t percent = total == 0 ? 100 : done * 100 / total;
                    if (percent / 10 != last_percent / 10 || done == total) {
                      std::cerr << "psl: paid " << done << " of " << total << " providers\n";
                      last_percent = percent;
                    }
                  });
  if (!view.ok()) {
    return Fail(view.status(),
                "if it stopped part-way, run the same command again: providers "
                "already paid are skipped");
  }
  std::cout << RunLine(*view) << "\n";
  return 0;
}

int RunStatement(const PaymentOptions& options) {
  auto session = Open(options.db);
  if (!session.ok()) return Fail(session.status(), "check --db (sqlite:PATH or postgresql://...)");
  auto context = ActingAs(**session, options.as, "cli:pay-statement");
  if (!context.ok()) return Fail(context.status());
  auto statement = app::PaymentRuns(*(*session)->app)
                       .GetStatement(*context, options.run, ProviderId(options.provider));
  if (!statement.ok()) return Fail(statement.status());
  std::cout << app::StatementCsv(*statement);
  return 0;
}

int RunImportFeed(const PaymentOptions& options) {
  std::ifstream file(options.file, std::ios::binary);
  if (!file) {
    return Fail(Status(ErrorCode::kNotFound, "cannot read " + options.file, "file"),
                "give a CSV with the header citizen,employer,start,end,earnings");
  }
  std::ostringstream text;
  text << file.rdbuf();
  auto session = Open(options.db);
  if (!session.ok()) return Fail(session.status(), "check --db (sqlite:PATH or postgresql://...)");
  auto context = ActingAs(**session, options.as, "cli:claims-import-feed");
  if (!context.ok()) return Fail(context.status());
  auto imported =
      app::Claims(*(*session)->app)
          .ImportFeed(*context, options.name.empty() ? options.file : options.name, text.str());
  if (!imported.ok()) return Fail(imported.status());
  std::cout << "feed " << imported->feed_id << ": " << imported->rows << " spells, "
            << imported->matched_citizens << " citizens known to PSL, "
            << imported->claims_verified.size() << " claims verified\n";
  return 0;
}

int RunSurveys(const PaymentOptions& options) {
  app::SystemClock clock;
  Date today = clock.Now().UtcDate();
  if (!options.date.empty()) {
    auto date = ParseDateOption(options.date, "date");
    if (!date.ok()) return Fail(date.status());
    today = *date;
  }
  auto session = Open(options.db);
  if (!session.ok()) return Fail(session.status(), "check --db (sqlite:PATH or postgresql://...)");
  const app::RequestContext context{access::Principal::System("psl jobs surveys"),
                                    "cli:jobs-surveys"};
  auto report = app::Surveys(*(*session)->app).RunSurveyJob(context, today);
  if (!report.ok()) return Fail(report.status());
  std::cout << today.ToString() << ": " << report->considered
            << " registrations reached a survey wave, " << report->invited << " invited\n";
  return 0;
}

}  // namespace

PaymentCommands AddPaymentCommands(CLI::App& cli, PaymentOptions& options) {
  PaymentCommands commands;
  const std::string db_help = "Database: sqlite:PATH or postgresql://...";
  commands.split = cli.add_subcommand(
      "split",
      "Split a locked price into upfront, outcome and satisfaction parts (PAY-1..3): the "
      "sliding scale by whole months from the licence grant, then the overrides, else 30/60/10; "
      "prints the same JSON as POST /api/v1/splits");
  commands.split->add_option("--price", options.price, "The locked price in pounds, e.g. 11000.00")
      ->required();
  commands.split
      ->add_option("--licensed", options.licensed,
                   "The provider's general licence grant date, YYYY-MM-DD")
      ->required();
  commands.split
      ->add_option("--registered", options.registered, "The registration date, YYYY-MM-DD")
      ->required();
  commands.split->add_option("--outcome", options.outcome,
                             "King Outcome id (applies its and its End Result's overrides)");
  commands.split->add_option("--db", options.split_db,
                             "Use this database's published payment settings (default: the "
                             "built-in rules)");
  commands.split->footer(
      "Example: psl split --price 11000.00 --licensed 2014-01-01 --registered 2014-08-01\n"
      "  -> {\"upfront_pence\":660000,\"outcome_pence\":330000,\"satisfaction_pence\":110000,"
      "\"rule\":\"sliding_scale:6\"}");

  auto* pay = cli.add_subcommand("pay", "Payment runs (PAY-8): prepare, release, statements");
  pay->require_subcommand(1);
  commands.prepare =
      pay->add_subcommand("prepare",
                          "Prepare a run settling everything due up to a date (a second regulator "
                          "releases it)");
  commands.prepare->add_option("--as-of", options.as_of, "Settle what is due up to this date")
      ->required();
  commands.prepare->add_option("--as", options.as, "The regulator preparing it")->required();
  commands.prepare->add_option("--db", options.db, db_help)->capture_default_str();
  commands.release = pay->add_subcommand(
      "release", "Release a prepared run (four eyes: not its preparer); run again to resume");
  commands.release->add_option("--run", options.run, "The run id")->required();
  commands.release->add_option("--as", options.as, "The regulator releasing it")->required();
  commands.release->add_option("--db", options.db, db_help)->capture_default_str();
  commands.statement =
      pay->add_subcommand("statement", "Print a provider's statement in a run as CSV");
  commands.statement->add_option("--run", options.run, "The run id")->required();
  commands.statement->add_option("--provider", options.provider, "The provider id")->required();
  commands.statement->add_option("--as", options.as, "A regulator, or the provider's own user")
      ->required();
  commands.statement->add_option("--db", options.db, db_help)->capture_default_str();

  auto* claims = cli.add_subcommand("claims", "Outcome claims (PAY-7)");
  claims->require_subcommand(1);
  commands.import_feed = claims->add_subcommand(
      "import-feed",
      "Import a trusted evidence feed (CSV: citizen,employer,start,end,earnings) and verify the "
      "pending claims it proves");
  commands.import_feed->add_option("--file", options.file, "The CSV file")->required();
  commands.import_feed->add_option("--name", options.name, "A name for the feed (default: file)");
  commands.import_feed->add_option("--as", options.as, "The regulator importing it")->required();
  commands.import_feed->add_option("--db", options.db, db_help)->capture_default_str();

  if (CLI::App* jobs = cli.get_subcommand("jobs")) {
    commands.surveys = jobs->add_subcommand(
        "surveys", "Invite the random sample of customers due a satisfaction survey (PAY-6)");
    commands.surveys->add_option("--db", options.db, db_help)->capture_default_str();
    commands.surveys->add_option("--date", options.date, "As of this date (default: today)");
  }
  return commands;
}

int RunPaymentCommand(const PaymentCommands& commands, const PaymentOptions& options) {
  if (commands.split && *commands.split) return RunSplit(options);
  if (commands.prepare && *commands.prepare) return RunPrepare(options);
  if (commands.release && *commands.release) return RunRelease(options);
  if (commands.statement && *commands.statement) return RunStatement(options);
  if (commands.import_feed && *commands.import_feed) return RunImportFeed(options);
  if (commands.surveys && *commands.surveys) return RunSurveys(options);
  return -1;
}

}  // namespace psl::cli
