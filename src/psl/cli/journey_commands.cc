#include "psl/cli/journey_commands.h"

#include <cstdio>
#include <iostream>

#include "psl/app/app.h"
#include "psl/app/journey.h"
#include "psl/config/config_json.h"
#include "psl/reference/reference_data.h"
#include "psl/store/store.h"

namespace psl::cli {
namespace {

int Fail(const Status& status, std::string_view next_step = {}) {
  std::cerr << "psl: " << status.message();
  if (!status.field().empty()) std::cerr << " (" << status.field() << ")";
  std::cerr << "\n";
  if (!next_step.empty()) std::cerr << "  " << next_step << "\n";
  return 1;
}

Result<tariff::Quote> QuoteBuiltIn(const QuoteOptions& options, Date date) {
  const auto& areas = reference::BuiltInAreas();
  const auto area = std::find_if(areas.begin(), areas.end(),
                                 [&](const tariff::Area& a) { return a.code == options.area; });
  if (area == areas.end()) {
    return Status(ErrorCode::kNotFound,
                  "there is no local authority district " + options.area +
                      " (use a 2019 code such as E06000001; data/areas.csv lists them)",
                  "area");
  }
  return tariff::PriceOutcome(tariff::DefaultTariff(), *area, reference::BuiltInUnemployment(),
                              {options.outcome, options.barriers, date});
}

Result<tariff::Quote> QuoteFromDatabase(const QuoteOptions& options, Date date) {
  PSL_ASSIGN_OR_RETURN(auto store, store::Store::Open(options.db, {}));
  app::SystemClock clock;
  PSL_RETURN_IF_ERROR(store->Migrate(clock.Now()));
  app::App app(*store, clock);
  return app::Journey(app).Quote({options.outcome, options.barriers, options.area, date});
}

}  // namespace

CLI::App* AddQuoteCommand(CLI::App& cli, QuoteOptions& options) {
  auto* quote = cli.add_subcommand(
      "quote",
      "Price one King Outcome for a citizen's barriers, district and date, with the itemised "
      "explanation (TAR-1..3); prints the same JSON as POST /api/v1/quotes");
  quote->add_option("--outcome", options.outcome, "King Outcome id, e.g. employment_sustained_2y")
      ->required();
  quote->add_option("--barrier", options.barriers,
                    "A barrier id, e.g. illiterate (repeat for each barrier)");
  quote->add_option("--area", options.area, "Local authority district code, e.g. E06000001")
      ->required();
  quote->add_option("--date", options.date, "Date priced, YYYY-MM-DD")->required();
  quote->add_option("--db", options.db,
                    "Price on this database's tariff and data (sqlite:PATH or postgresql://...); "
                    "default: the built-in default tariff and public data");
  quote->footer(
      "Example (the report's worked example):\n  psl quote --outcome employment_sustained_2y "
      "--barrier illiterate --barrier english_second_language --barrier childhood_abuse "
      "--barrier no_fixed_abode --barrier dyslexic --area E06000001 --date 2014-06-01");
  return quote;
}

int RunQuote(const QuoteOptions& options) {
  auto date = Date::Parse(options.date);
  if (!date.ok()) {
    return Fail(Status(ErrorCode::kInvalidArgument, date.status().message(), "date"),
                "give the date as YYYY-MM-DD");
  }
  auto quote =
      options.db.empty() ? QuoteBuiltIn(options, *date) : QuoteFromDatabase(options, *date);
  if (!quote.ok()) {
    return Fail(quote.status(),
                "see `psl quote --help`; GET /api/v1/catalogue and "
                "GET /api/v1/tariffs/1 list outcomes and barriers");
  }
  std::cout << config::QuoteToJson(*quote) << "\n";
  return 0;
}

CLI::App* AddJobsCommand(CLI::App& cli, JobOptions& options) {
  auto* jobs = cli.add_subcommand("jobs", "Run a scheduled job now");
  jobs->require_subcommand(1);
  auto* deadlines = jobs->add_subcommand(
      "choice-deadlines",
      "Register citizens whose choice deadline has passed with the default provider (CHO-3), "
      "and offer a new choice to customers of revoked providers (CHO-7)");
  deadlines->add_option("--db", options.db, "Database: sqlite:PATH or postgresql://...")
      ->capture_default_str();
  deadlines->add_option("--date", options.date, "Run as of this date, YYYY-MM-DD (default: today)");
  return deadlines;
}

int RunChoiceDeadlines(const JobOptions& options) {
  app::SystemClock clock;
  Date today = clock.Now().UtcDate();
  if (!options.date.empty()) {
    auto date = Date::Parse(options.date);
    if (!date.ok()) {
      return Fail(Status(ErrorCode::kInvalidArgument, date.status().message(), "date"),
                  "give the date as YYYY-MM-DD");
    }
    today = *date;
  }
  auto store = store::Store::Open(options.db, {});
  if (!store.ok()) return Fail(store.status(), "check --db (sqlite:PATH or postgresql://...)");
  if (auto migrated = (*store)->Migrate(clock.Now()); !migrated.ok()) return Fail(migrated);
  app::App app(**store, clock);
  const app::RequestContext context{access::Principal::System("psl jobs choice-deadlines"),
                                    "cli:jobs-choice-deadlines"};
  auto report = app::Journey(app).RunChoiceJobs(context, today);
  if (!report.ok()) return Fail(report.status());
  std::printf(
      "%s: %d registered with the default provider, %d offered a new choice after a "
      "revocation, %d left open (no eligible provider)\n",
      today.ToString().c_str(), report->auto_registered, report->reopened_after_revocation,
      report->left_open_without_provider);
  return 0;
}

}  // namespace psl::cli
