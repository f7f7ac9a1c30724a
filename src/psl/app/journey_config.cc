// The journey's versioned configuration (catalogue, questionnaire and rules, rules of choice,
// tariffs), quotes, and the reference data they read. Version 1 of each is built in: the
// database holds the versions published after it.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "psl/app/audit_writer.h"
#include "psl/app/journey.h"
#include "psl/app/journey_internal.h"
#include "psl/config/config_json.h"
#include "psl/reference/reference_data.h"
#include "psl/store/licensing_tables.h"

namespace psl::app {

using access::Role;

// --- JourneyCache ---

std::shared_ptr<const tariff::Tariff> JourneyCache::Tariff(int version) const {
  std::lock_guard lock(mutex_);
  for (const auto& tariff : tariffs_) {
    if (tariff->version == version) return tariff;
  }
  return nullptr;
}

void JourneyCache::PutTariff(std::shared_ptr<const tariff::Tariff> tariff) const {
  std::lock_guard lock(mutex_);
  for (const auto& held : tariffs_) {
    if (held->version == tariff->version) return;
  }
  tariffs_.push_back(std::move(tariff));
}

std::shared_ptr<const tariff::UnemploymentSeries> JourneyCache::Series() const {
  std::lock_guard lock(mutex_);
  return series_;
}

void JourneyCache::PutSeries(std::shared_ptr<const tariff::UnemploymentSeries> series) const {
  std::lock_guard lock(mutex_);
  series_ = std::move(series);
}

std::shared_ptr<const QuoteSnapshot> JourneyCache::FreshQuoteSnapshot() const {
  std::lock_guard lock(mutex_);
  if (quote_snapshot_ &&
      std::chrono::steady_clock::now() - quote_snapshot_->loaded_at < kQuoteSnapshotLifetime) {
    return quote_snapshot_;
  }
  return nullptr;
}

void JourneyCache::PutQuoteSnapshot(std::shared_ptr<const QuoteSnapshot> snapshot) const {
  std::lock_guard lock(mutex_);
  quote_snapshot_ = std::move(snapshot);
}

void JourneyCache::ForgetQuoteSnapshot() const {
  std::lock_guard lock(mutex_);
  quote_snapshot_.reset();
}

namespace journey {

Status RequireRole(const RequestContext& context, access::RoleSet roles, std::string_view what) {
  if (roles.Contains(context.principal.role)) return Status::Ok();
  return Status(
      ErrorCode::kPermissionDenied,
      std::string(access::RoleName(context.principal.role)) + " may not " + std::string(what));
}

Result<catalogue::Catalogue> LoadCatalogue(store::Transaction& transaction,
                                           std::optional<int> version) {
  store::ConfigTable table(transaction.connection());
  if (version && *version == 1) return catalogue::DefaultCatalogue();
  std::optional<store::ConfigRecord> record;
  if (version) {
    PSL_ASSIGN_OR_RETURN(record, table.Get("catalogue", *version));
    if (!record) {
      return Status(ErrorCode::kNotFound,
                    "there is no catalogue version " + std::to_string(*version), "version");
    }
  } else {
    PSL_ASSIGN_OR_RETURN(record, table.Latest("catalogue"));
    if (!record) return catalogue::DefaultCatalogue();
  }
  auto parsed = config::ParseCatalogue(record->document);
  if (!parsed.ok()) {
    return Status(ErrorCode::kInternal,
                  "a stored catalogue does not parse: " + parsed.status().message());
  }
  return std::move(parsed).value();
}

Result<AssessmentConfig> LoadAssessmentConfig(store::Transaction& transaction) {
  store::ConfigTable table(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto questionnaire, table.Latest("questionnaire"));
  PSL_ASSIGN_OR_RETURN(auto rules, table.Latest("rules"));
  AssessmentConfig config{assessment::DefaultQuestionnaire(), assessment::DefaultRules()};
  if (questionnaire) {
    auto parsed = config::ParseQuestionnaire(questionnaire->document);
    if (!parsed.ok()) return Status(ErrorCode::kInternal, "a stored questionnaire does not parse");
    config.questionnaire = std::move(parsed).value();
  }
  if (rules) {
    auto parsed = config::ParseRules(rules->document);
    if (!parsed.ok()) return Status(ErrorCode::kInternal, "stored rules do not parse");
    config.rules = std::move(parsed).value();
  }
  return config;
}

Result<choice::FormatRules> LoadChoiceRules(store::Transaction& transaction) {
  store::ConfigTable table(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto record, table.Latest("choice_rules"));
  if (!record) return choice::DefaultFormatRules();
  auto parsed = config::ParseFormatRules(record->document);
  if (!parsed.ok()) return Status(ErrorCode::kInternal, "stored rules of choice do not parse");
  return std::move(parsed).value();
}

Result<std::shared_ptr<const tariff::Tariff>> LoadTariff(store::Transaction& transaction,
                                                         const JourneyCache& cache,
                                                         const store::TariffRecord& record) {
  if (auto cached = cache.Tariff(record.version)) return cached;
  auto parsed = config::ParseTariff(record.document);
  if (!parsed.ok()) return Status(ErrorCode::kInternal, "a stored tariff does not parse");
  auto tariff = std::make_shared<const tariff::Tariff>(std::move(parsed).value());
  cache.PutTariff(tariff);
  (void)transaction;
  return tariff;
}

Result<std::shared_ptr<const tariff::Tariff>> TariffInForce(store::Transaction& transaction,
                                                            const JourneyCache& cache, Date date) {
  store::TariffTable table(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto record, table.InForce(date));
  if (record) return LoadTariff(transaction, cache, *record);
  const tariff::Tariff& built_in = tariff::DefaultTariff();
  if (date < built_in.effective_from) {
    return Status(ErrorCode::kNotFound,
                  "no tariff is in force on " + date.ToString() + " (the first took effect on " +
                      built_in.effective_from.ToString() + ")",
                  "date");
  }
  // The built-in version 1 is never copied into the cache: it is a static already.
  return std::shared_ptr<const tariff::Tariff>(std::shared_ptr<const tariff::Tariff>(), &built_in);
}

Result<std::shared_ptr<const tariff::UnemploymentSeries>> Series(store::Transaction& transaction,
                                                                 const JourneyCache& cache) {
  if (auto cached = cache.Series()) return cached;
  store::UnemploymentTable table(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto rates, table.All());
  if (rates.empty()) {
    // Nothing imported yet: the built-in ONS series.
    return std::shared_ptr<const tariff::UnemploymentSeries>(
        std::shared_ptr<const tariff::UnemploymentSeries>(), &reference::BuiltInUnemployment());
  }
  auto series = std::make_shared<tariff::UnemploymentSeries>();
  series->months.reserve(rates.size());
  for (const store::RateRecord& rate : rates) {
    tariff::MonthlyRate month;
    month.year = std::stoi(rate.month.substr(0, 4));
    month.month = std::stoi(rate.month.substr(5, 2));
    month.rate_tenths = static_cast<int>(rate.rate_tenths);
    series->months.push_back(month);
  }
  std::shared_ptr<const tariff::UnemploymentSeries> shared = std::move(series);
  cache.PutSeries(shared);
  return shared;
}

std::string MonthText(int year, int month) {
  std::string text = std::to_string(year);
  text += month < 10 ? "-0" : "-";
  text += std::to_string(month);
  return text;
}

Result<tariff::Area> LoadArea(store::Transaction& transaction, std::string_view code,
                              std::string_view field) {
  store::AreaTable areas(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto area, areas.Get(code));
  if (!area) {
    return Status(ErrorCode::kNotFound,
                  "there is no local authority district " + std::string(code) +
                      " (use a 2019 code such as E06000001; GET /api/v1/areas lists them)",
                  std::string(field));
  }
  return tariff::Area{area->code, area->name, area->imd_score_micros / 1000};
}

}  // namespace journey

using namespace journey;

Journey::Journey(App& app) : app_(app) {}

Result<catalogue::Catalogue> Journey::Catalogue(std::optional<int> version) {
  catalogue::Catalogue result;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(result, LoadCatalogue(transaction, version));
    return Status::Ok();
  }));
  return result;
}

Result<catalogue::Catalogue> Journey::PublishCatalogue(const RequestContext& context,
                                                       const catalogue::Catalogue& catalogue) {
  PSL_RETURN_IF_ERROR(
      RequireRole(context, {Role::kGovernment}, "publish the outcomes catalogue (OUT-3)"));
  PSL_RETURN_IF_ERROR(catalogue::ValidateCatalogue(catalogue));
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue latest,
                         LoadCatalogue(transaction, std::nullopt));
    if (catalogue.version != latest.version + 1) {
      return Status(ErrorCode::kConflict,
                    "the next catalogue version is " + std::to_string(latest.version + 1),
                    "version");
    }
    store::ConfigTable table(transaction.connection());
    PSL_RETURN_IF_ERROR(
        table.Insert({"catalogue", catalogue.version, config::CatalogueToJson(catalogue),
                      context.principal.user_id, app_.clock().Now()}));
    return WriteAudit(transaction, context, app_.clock().Now(), "catalogue.publish",
                      "catalogue:" + std::to_string(catalogue.version),
                      nlohmann::json{{"outcomes", catalogue.outcomes.size()}}.dump());
  }));
  return catalogue;
}

Result<AssessmentConfig> Journey::CurrentAssessmentConfig() {
  AssessmentConfig config;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(config, LoadAssessmentConfig(transaction));
    return Status::Ok();
  }));
  return config;
}

Result<AssessmentConfig> Journey::PublishAssessmentConfig(const RequestContext& context,
                                                          const AssessmentConfig& config) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kRegulator},
                                  "publish the assessment questionnaire and rules (ASM-1)"));
  PSL_RETURN_IF_ERROR(assessment::ValidateQuestionnaire(config.questionnaire));
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const AssessmentConfig latest, LoadAssessmentConfig(transaction));
    PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                         LoadCatalogue(transaction, std::nullopt));
    if (config.questionnaire.version != latest.questionnaire.version + 1) {
      return Status(
          ErrorCode::kConflict,
          "the next questionnaire version is " + std::to_string(latest.questionnaire.version + 1),
          "questionnaire.version");
    }
    if (config.rules.version != latest.rules.version + 1) {
      return Status(ErrorCode::kConflict,
                    "the next rules version is " + std::to_string(latest.rules.version + 1),
                    "rules.version");
    }
    PSL_RETURN_IF_ERROR(assessment::ValidateRules(config.rules, config.questionnaire, catalogue));
    store::ConfigTable table(transaction.connection());
    const Timestamp now = app_.clock().Now();
    PSL_RETURN_IF_ERROR(table.Insert({"questionnaire", config.questionnaire.version,
                                      config::QuestionnaireToJson(config.questionnaire),
                                      context.principal.user_id, now}));
    PSL_RETURN_IF_ERROR(
        table.Insert({"rules", config.rules.version, config::RulesToJson(config.rules),
                      context.principal.user_id, now}));
    return WriteAudit(transaction, context, now, "assessment.publish",
                      "questionnaire:" + std::to_string(config.questionnaire.version),
                      nlohmann::json{{"rules_version", config.rules.version}}.dump());
  }));
  return config;
}

Result<choice::FormatRules> Journey::ChoiceRules() {
  choice::FormatRules rules;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(rules, LoadChoiceRules(transaction));
    return Status::Ok();
  }));
  return rules;
}

Result<choice::FormatRules> Journey::PublishChoiceRules(const RequestContext& context,
                                                        const choice::FormatRules& rules) {
  PSL_RETURN_IF_ERROR(
      RequireRole(context, {Role::kRegulator}, "publish the rules of choice (CHO-1)"));
  PSL_RETURN_IF_ERROR(choice::ValidateFormatRules(rules));
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const choice::FormatRules latest, LoadChoiceRules(transaction));
    if (rules.version != latest.version + 1) {
      return Status(
          ErrorCode::kConflict,
          "the next version of the rules of choice is " + std::to_string(latest.version + 1),
          "version");
    }
    store::ConfigTable table(transaction.connection());
    PSL_RETURN_IF_ERROR(
        table.Insert({"choice_rules", rules.version, config::FormatRulesToJson(rules),
                      context.principal.user_id, app_.clock().Now()}));
    return WriteAudit(transaction, context, app_.clock().Now(), "choice_rules.publish",
                      "choice_rules:" + std::to_string(rules.version), "{}");
  }));
  return rules;
}

namespace {

store::TariffRecord BuiltInTariffRecord() {
  const tariff::Tariff& built_in = tariff::DefaultTariff();
  store::TariffRecord record;
  record.version = built_in.version;
  record.effective_from = built_in.effective_from;
  record.document = config::TariffToJson(built_in);
  record.status = "approved";
  return record;
}

}  // namespace

Result<std::vector<store::TariffRecord>> Journey::ListTariffs() {
  std::vector<store::TariffRecord> records;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::TariffTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(records, table.List(100));
    return Status::Ok();
  }));
  records.push_back(BuiltInTariffRecord());
  return records;
}

Result<TariffView> Journey::GetTariff(int version) {
  if (version == tariff::DefaultTariff().version) {
    return TariffView{BuiltInTariffRecord(), tariff::DefaultTariff()};
  }
  TariffView view;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::TariffTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto record, table.Get(version));
    if (!record) {
      return Status(ErrorCode::kNotFound, "there is no tariff version " + std::to_string(version),
                    "version");
    }
    PSL_ASSIGN_OR_RETURN(auto tariff, LoadTariff(transaction, app_.journey_cache(), *record));
    view = TariffView{*record, *tariff};
    return Status::Ok();
  }));
  return view;
}

Result<TariffView> Journey::ProposeTariff(const RequestContext& context,
                                          const tariff::Tariff& proposed) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kRegulator}, "propose a tariff (TAR-4)"));
  PSL_RETURN_IF_ERROR(tariff::ValidateTariff(proposed));
  TariffView view;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::TariffTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const int latest, table.LatestVersion());
    const int next = std::max(latest, tariff::DefaultTariff().version) + 1;
    if (proposed.version != next) {
      return Status(ErrorCode::kConflict, "the next tariff version is " + std::to_string(next),
                    "version");
    }
    PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                         LoadCatalogue(transaction, proposed.catalogue_version));
    PSL_RETURN_IF_ERROR(tariff::ValidateTariffAgainst(proposed, catalogue));
    const Timestamp now = app_.clock().Now();
    if (proposed.effective_from < now.UtcDate()) {
      return Status(ErrorCode::kInvalidArgument,
                    "a new tariff takes effect today or later, never in the past (TAR-4: locked "
                    "prices stay as they were)",
                    "effective_from");
    }
    store::TariffRecord record;
    record.version = proposed.version;
    record.effective_from = proposed.effective_from;
    record.document = config::TariffToJson(proposed);
    record.status = "proposed";
    record.proposed_by = context.principal.user_id;
    record.proposed_at = now;
    PSL_RETURN_IF_ERROR(table.Insert(record));
    view = TariffView{record, proposed};
    return WriteAudit(
        transaction, context, now, "tariff.propose", "tariff:" + std::to_string(proposed.version),
        nlohmann::json{{"effective_from", proposed.effective_from.ToString()}}.dump());
  }));
  return view;
}

Result<TariffView> Journey::ApproveTariff(const RequestContext& context, int version) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kRegulator}, "approve a tariff (X-5)"));
  TariffView view;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::TariffTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto record, table.Get(version));
    if (!record) {
      return Status(ErrorCode::kNotFound,
                    "there is no proposed tariff version " + std::to_string(version), "version");
    }
    if (record->status != "proposed") {
      return Status(ErrorCode::kFailedPrecondition,
                    "tariff version " + std::to_string(version) + " is already approved");
    }
    if (record->proposed_by && *record->proposed_by == context.principal.user_id) {
      return Status(ErrorCode::kFailedPrecondition,
                    "four eyes (X-5): a different regulator must approve the tariff you "
                    "proposed");
    }
    const Timestamp now = app_.clock().Now();
    PSL_ASSIGN_OR_RETURN(const bool approved,
                         table.Approve(version, context.principal.user_id, now));
    if (!approved) return Status(ErrorCode::kConflict, "the tariff changed; try again");
    PSL_ASSIGN_OR_RETURN(record, table.Get(version));
    PSL_ASSIGN_OR_RETURN(auto tariff, LoadTariff(transaction, app_.journey_cache(), *record));
    view = TariffView{*record, *tariff};
    return WriteAudit(transaction, context, now, "tariff.approve",
                      "tariff:" + std::to_string(version), "{}");
  }));
  app_.journey_cache().ForgetQuoteSnapshot();
  return view;
}

namespace {

Result<std::shared_ptr<const QuoteSnapshot>> LoadQuoteSnapshot(App& app) {
  auto snapshot = std::make_shared<QuoteSnapshot>();
  PSL_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& transaction) -> Status {
    store::TariffTable tariffs(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto approved, tariffs.Approved());
    snapshot->approved.push_back(tariff::DefaultTariff());
    for (const store::TariffRecord& record : approved) {
      PSL_ASSIGN_OR_RETURN(auto tariff, LoadTariff(transaction, app.journey_cache(), record));
      snapshot->approved.push_back(*tariff);
    }
    store::AreaTable areas(transaction.connection());
    std::string after;
    for (;;) {
      PSL_ASSIGN_OR_RETURN(auto page, areas.List("", after, 500));
      for (const store::AreaRecord& area : page) {
        snapshot->areas.emplace(area.code,
                                tariff::Area{area.code, area.name, area.imd_score_micros / 1000});
      }
      if (page.size() < 500) break;
      after = page.back().code;
    }
    PSL_ASSIGN_OR_RETURN(snapshot->series, Series(transaction, app.journey_cache()));
    return Status::Ok();
  }));
  snapshot->loaded_at = std::chrono::steady_clock::now();
  return std::shared_ptr<const QuoteSnapshot>(std::move(snapshot));
}

}  // namespace

// The public quote reads a shared snapshot instead of opening a transaction: it is the API's
// hot path. The tariff in force is the domain's TariffInForce over the approved versions.
Result<tariff::Quote> Journey::Quote(const QuoteInput& input) {
  std::shared_ptr<const QuoteSnapshot> snapshot = app_.journey_cache().FreshQuoteSnapshot();
  if (!snapshot) {
    PSL_ASSIGN_OR_RETURN(snapshot, LoadQuoteSnapshot(app_));
    app_.journey_cache().PutQuoteSnapshot(snapshot);
  }
  PSL_ASSIGN_OR_RETURN(const tariff::Tariff* in_force,
                       tariff::TariffInForce(snapshot->approved, input.date));
  const auto area = snapshot->areas.find(input.area_code);
  if (area == snapshot->areas.end()) {
    return Status(ErrorCode::kNotFound,
                  "there is no local authority district " + input.area_code +
                      " (use a 2019 code such as E06000001; GET /api/v1/areas lists them)",
                  "area");
  }
  return tariff::PriceOutcome(*in_force, area->second, *snapshot->series,
                              {input.outcome, input.barriers, input.date});
}

Result<std::int64_t> Journey::SeedReferenceData(const RequestContext& context) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kRegulator}, "import reference data"));
  std::int64_t written = 0;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::UnemploymentTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const std::int64_t count, table.Count());
    if (count > 0) return Status::Ok();
    for (const tariff::MonthlyRate& rate : reference::BuiltInUnemployment().months) {
      PSL_RETURN_IF_ERROR(table.Upsert({MonthText(rate.year, rate.month), rate.rate_tenths}));
      ++written;
    }
    return WriteAudit(transaction, context, app_.clock().Now(), "reference.unemployment.seed",
                      "unemployment_rates", nlohmann::json{{"months", written}}.dump());
  }));
  app_.journey_cache().PutSeries(nullptr);
  app_.journey_cache().ForgetQuoteSnapshot();
  return written;
}

}  // namespace psl::app
