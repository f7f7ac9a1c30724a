// Choice of provider and registration (CHO-1..7) with prices locked at registration (TAR-4).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "psl/app/audit_writer.h"
#include "psl/app/journey.h"
#include "psl/app/journey_citizen_scope.h"
#include "psl/app/journey_internal.h"
#include "psl/app/payment_accrual.h"
#include "psl/store/licensing_tables.h"
#include "psl/store/survey_table.h"

namespace psl::app {

using access::Role;
using namespace journey;

namespace {

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

// "Similar customers" (CHO-2): the same King Outcomes and the same band of barrier count.
struct Band {
  int low;
  int high;
  std::string label;
};

Band BandFor(std::size_t barriers) {
  if (barriers == 0) return {0, 0, "no barriers"};
  if (barriers <= 2) return {1, 2, "1 or 2 barriers"};
  return {3, 1000, "3 or more barriers"};
}

// Everything a choice is made from, loaded in one transaction.
struct ChoiceContext {
  store::CitizenRecord citizen;
  store::AreaRecord area;
  store::ChoiceRecord choice;
  store::AssessmentRecord assessment;
  std::vector<std::string> barriers;
  std::vector<std::string> outcomes;                  // of this End Result
  std::optional<store::RegistrationRecord> previous;  // CHO-7: the revoked provider's
  OptionsView options;
};

Result<ChoiceContext> LoadChoice(store::Transaction& transaction, const JourneyCache& cache,
                                 CitizenId id, const std::string& end_result, Date today) {
  ChoiceContext c;
  store::CitizenTable citizens(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto citizen, citizens.Get(id));
  if (!citizen || !citizen->area_code) {
    return Status(ErrorCode::kNotFound, "no such citizen", "citizen_id");
  }
  c.citizen = *citizen;
  store::AreaTable areas(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto area, areas.Get(*citizen->area_code));
  if (!area) return Status(ErrorCode::kInternal, "a citizen's district is missing");
  c.area = *area;

  store::ChoiceTable choices(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto open, choices.Open(id, end_result));
  if (!open) {
    store::RegistrationTable registrations(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto active, registrations.Active(id, end_result));
    if (active) {
      return Status(ErrorCode::kConflict,
                    "already registered with " + active->provider_name + " for " + end_result +
                        " on " + active->registered_on.ToString() +
                        "; there is no switching after registration (CHO-5)",
                    "end_result");
    }
    return Status(ErrorCode::kFailedPrecondition,
                  "there is no open choice for " + end_result +
                      ": the citizen's assessment does not make them eligible for it, or they "
                      "have not been assessed yet",
                  "end_result");
  }
  c.choice = *open;
  store::AssessmentTable assessments(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto assessment, assessments.Get(open->assessment_id));
  if (!assessment) return Status(ErrorCode::kInternal, "a choice's assessment is missing");
  c.assessment = *assessment;
  c.barriers = JsonStrings(assessment->barriers_json);
  PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                       LoadCatalogue(transaction, assessment->catalogue_version));

  store::RegistrationTable registrations(transaction.connection());
  if (open->previous_registration_id) {
    PSL_ASSIGN_OR_RETURN(c.previous, registrations.Get(*open->previous_registration_id));
  }
  c.options.end_result = end_result;
  c.options.choice = *open;
  if (c.previous) {
    // CHO-7: the outstanding outcomes move at the terms locked for them.
    for (const store::RegisteredOutcomeRecord& o : c.previous->outcomes) {
      if (o.status != "open") continue;
      c.outcomes.push_back(o.outcome);
      tariff::Quote locked;
      locked.outcome = o.outcome;
      locked.base = Money::FromPence(o.base_pence);
      locked.geographic_weight = Weight::FromMicros(o.geographic_weight_micros);
      locked.cyclical_weight = Weight::FromMicros(o.cyclical_weight_micros);
      locked.price = Money::FromPence(o.price_pence);
      locked.tariff_version = o.tariff_version;
      c.options.prices.push_back({o.outcome, end_result, std::move(locked)});
    }
  } else {
    for (const std::string& outcome : JsonStrings(assessment->eligible_outcomes_json)) {
      const catalogue::KingOutcome* known = catalogue.FindOutcome(outcome);
      if (known && known->end_result == end_result) c.outcomes.push_back(outcome);
    }
    PSL_ASSIGN_OR_RETURN(c.options.prices, PriceOutcomes(transaction, cache, catalogue, c.outcomes,
                                                         c.barriers, *citizen->area_code, today));
  }

  // Providers: a granted general licence and every top-up these outcomes need (LIC-4);
  // suspended and revoked licences are not granted, so those providers never appear.
  std::set<std::string> top_ups;
  for (const std::string& outcome : c.outcomes) {
    const catalogue::KingOutcome* known = catalogue.FindOutcome(outcome);
    if (known && known->top_up_licence) top_ups.insert(*known->top_up_licence);
  }
  // Licensed on or before the day of the choice (the demonstration and tests move time).
  PSL_ASSIGN_OR_RETURN(auto eligible,
                       registrations.EligibleProviders(
                           std::vector<std::string>(top_ups.begin(), top_ups.end()), today));
  const Band band = BandFor(c.barriers.size());
  c.options.similar_customers = "customers registered for the same King Outcomes with " +
                                band.label + "; local means the " + c.area.region + " region";
  PSL_ASSIGN_OR_RETURN(auto counts,
                       registrations.OutcomeCounts(c.outcomes, band.low, band.high, c.area.region));
  PSL_ASSIGN_OR_RETURN(auto shopping, registrations.LatestMysteryShopping());
  // PAY-6's survey answers of the last year show as satisfaction (CHO-2).
  PSL_ASSIGN_OR_RETURN(
      auto answers,
      store::SurveyTable(transaction.connection()).CountsByProvider(today.AddMonths(-12), today));
  std::vector<choice::ProviderRecord> records;
  records.reserve(eligible.size());
  for (const store::EligibleProvider& provider : eligible) {
    choice::ProviderRecord record;
    record.provider = provider.provider;
    record.name = provider.name;
    for (const auto& count : counts) {
      if (count.provider != provider.provider) continue;
      record.achieved = count.achieved;
      record.closed = count.closed;
      record.local_achieved = count.local_achieved;
      record.local_closed = count.local_closed;
    }
    for (const auto& answered : answers) {
      if (answered.provider != provider.provider) continue;
      record.satisfaction_recommend = answered.counts.recommending;
      record.satisfaction_answers = answered.counts.valid;
    }
    for (const auto& summary : shopping) {
      if (summary.provider != provider.provider) continue;
      record.mystery_shopping_score_percent = summary.score_percent;
      record.mystery_shopping_summary = "Visited " + summary.visit_date +
                                        (summary.malpractice ? " (malpractice found): " : ": ") +
                                        summary.finding.substr(0, 300);
    }
    records.push_back(std::move(record));
  }
  const auto information = choice::Inform(records, c.options.thresholds);
  std::vector<ProviderId> shortlist;
  if (open->shortlist_json) {
    const auto parsed = nlohmann::json::parse(*open->shortlist_json, nullptr, false);
    if (parsed.is_array()) {
      for (const auto& value : parsed) {
        if (value.is_number_integer()) shortlist.emplace_back(value.get<std::int64_t>());
      }
    }
  }
  for (std::size_t i = 0; i < information.size(); ++i) {
    ProviderOption option;
    option.information = information[i];
    option.licensed_on = eligible[i].licensed_on;
    option.on_shortlist =
        std::find(shortlist.begin(), shortlist.end(), eligible[i].provider) != shortlist.end();
    c.options.providers.push_back(std::move(option));
  }
  c.options.default_choice =
      choice::ChooseDefault(information, static_cast<std::uint64_t>(id.value()));
  return c;
}

// Why a provider cannot take this customer, for the error message.
Result<std::string> WhyNotEligible(store::Transaction& transaction, ProviderId provider) {
  store::LicenceTable licences(transaction.connection());
  store::LicenceFilter filter;
  filter.provider_id = provider;
  filter.limit = 20;
  PSL_ASSIGN_OR_RETURN(auto held, licences.List(filter));
  if (held.empty()) return std::string("it holds no licence");
  std::string text = "its licences: ";
  for (std::size_t i = 0; i < held.size(); ++i) {
    if (i > 0) text += ", ";
    text += held[i].kind + " " + std::string(licensing::LicenceStatusName(held[i].status));
  }
  return text;
}

}  // namespace

Result<OptionsView> Journey::Options(const RequestContext& context, CitizenId id,
                                     const std::string& end_result) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kRegulator, Role::kReferrer, Role::kCitizen},
                                  "see the choice of providers (CHO-2)"));
  OptionsView view;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(CheckCitizenVisible(transaction, context, id));
    PSL_ASSIGN_OR_RETURN(ChoiceContext c, LoadChoice(transaction, app_.journey_cache(), id,
                                                     end_result, app_.clock().Now().UtcDate()));
    view = std::move(c.options);
    return Status::Ok();
  }));
  return view;
}

Result<OptionsView> Journey::Shortlist(const RequestContext& context, CitizenId id,
                                       const std::string& end_result,
                                       const std::vector<ProviderId>& providers) {
  PSL_RETURN_IF_ERROR(
      RequireRole(context, {Role::kReferrer}, "draw up a shortlist (CHO-1 assisted choice)"));
  OptionsView view;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(CheckCitizenVisible(transaction, context, id));
    const Date today = app_.clock().Now().UtcDate();
    PSL_ASSIGN_OR_RETURN(ChoiceContext c,
                         LoadChoice(transaction, app_.journey_cache(), id, end_result, today));
    if (c.choice.format != "assisted") {
      return Status(ErrorCode::kFailedPrecondition,
                    "a shortlist is for assisted choice; this choice is " + c.choice.format,
                    "end_result");
    }
    PSL_ASSIGN_OR_RETURN(const choice::FormatRules rules, LoadChoiceRules(transaction));
    const auto eligible_count = static_cast<int>(c.options.providers.size());
    const int minimum = std::min(rules.shortlist_minimum, eligible_count);
    const auto count = static_cast<int>(providers.size());
    if (count < std::max(minimum, 1) || count > rules.shortlist_maximum) {
      return Invalid("a shortlist has " + std::to_string(std::max(minimum, 1)) + " to " +
                         std::to_string(rules.shortlist_maximum) + " providers",
                     "provider_ids");
    }
    std::set<std::int64_t> seen;
    for (ProviderId provider : providers) {
      if (!seen.insert(provider.value()).second) {
        return Invalid("provider " + std::to_string(provider.value()) + " is listed twice",
                       "provider_ids");
      }
      const bool eligible = std::any_of(
          c.options.providers.begin(), c.options.providers.end(),
          [&](const ProviderOption& option) { return option.information.provider == provider; });
      if (!eligible) {
        PSL_ASSIGN_OR_RETURN(const std::string why, WhyNotEligible(transaction, provider));
        return Status(ErrorCode::kFailedPrecondition,
                      "provider " + std::to_string(provider.value()) +
                          " cannot take this customer for " + end_result + " (" + why + ")",
                      "provider_ids");
      }
    }
    nlohmann::json ids = nlohmann::json::array();
    for (ProviderId provider : providers) ids.push_back(provider.value());
    store::ChoiceTable choices(transaction.connection());
    PSL_RETURN_IF_ERROR(choices.SetShortlist(c.choice.id, ids.dump(), context.principal.user_id));
    view = std::move(c.options);
    view.choice.shortlist_json = ids.dump();
    view.choice.shortlisted_by = context.principal.user_id;
    for (ProviderOption& option : view.providers) {
      option.on_shortlist = seen.contains(option.information.provider.value());
    }
    return WriteAudit(transaction, context, app_.clock().Now(), "choice.shortlist",
                      "citizen:" + std::to_string(id.value()),
                      nlohmann::json{{"end_result", end_result}, {"provider_ids", ids}}.dump());
  }));
  return view;
}

namespace {

// Writes the registration with its locked prices and closes the choice (TAR-4, CHO-4, CHO-7).
Result<store::RegistrationRecord> WriteRegistration(store::Transaction& transaction,
                                                    const RequestContext& context, Timestamp now,
                                                    const ChoiceContext& c, ProviderId provider,
                                                    const std::string& basis) {
  if (c.area.mode != "live") {
    return Status(ErrorCode::kFailedPrecondition,
                  c.area.name +
                      " is a control area: Public Service Licensing is not live there "
                      "(LIC-7), so no one registers with a provider yet",
                  "citizen_id");
  }
  if (c.options.prices.empty()) {
    return Status(ErrorCode::kFailedPrecondition,
                  "no outcome of " + c.choice.end_result + " is priced for this citizen",
                  "end_result");
  }
  store::RegistrationTable registrations(transaction.connection());
  store::RegistrationRecord record;
  record.citizen_id = c.citizen.id;
  record.end_result = c.choice.end_result;
  record.provider_id = provider;
  record.choice_id = c.choice.id;
  record.assessment_id = c.assessment.id;
  record.format = c.choice.format;
  record.basis = basis;
  if (context.principal.user_id.valid()) record.chosen_by = context.principal.user_id;
  record.registered_on = now.UtcDate();
  record.registered_at = now;
  record.catalogue_version =
      c.previous ? c.previous->catalogue_version : c.assessment.catalogue_version;
  record.tariff_version = c.options.prices.front().quote.tariff_version;
  record.area_code = c.previous ? c.previous->area_code : c.area.code;
  record.barriers_json = c.previous ? c.previous->barriers_json : c.assessment.barriers_json;
  record.barrier_count = static_cast<int>(JsonStrings(record.barriers_json).size());
  if (c.previous) record.replaces_registration_id = c.previous->id;
  auto inserted = registrations.Insert(record);
  if (!inserted.ok() && inserted.status().code() == ErrorCode::kAlreadyExists) {
    return Status(ErrorCode::kConflict,
                  "already registered for " + c.choice.end_result +
                      "; there is no switching after registration (CHO-5)",
                  "end_result");
  }
  PSL_ASSIGN_OR_RETURN(record.id, std::move(inserted));
  for (const PricedOutcome& priced : c.options.prices) {
    store::RegisteredOutcomeRecord outcome;
    outcome.registration_id = record.id;
    outcome.outcome = priced.outcome;
    outcome.base_pence = priced.quote.base.pence();
    outcome.geographic_weight_micros = priced.quote.geographic_weight.micros();
    outcome.cyclical_weight_micros = priced.quote.cyclical_weight.micros();
    outcome.price_pence = priced.quote.price.pence();
    outcome.tariff_version = priced.quote.tariff_version;
    nlohmann::json items = nlohmann::json::array();
    for (const tariff::QuoteItem& item : priced.quote.items) {
      nlohmann::json line = {{"kind", item.kind}, {"id", item.id}, {"label", item.label}};
      if (item.amount) line["amount_pence"] = item.amount->pence();
      if (item.weight) line["weight"] = item.weight->ToString();
      items.push_back(std::move(line));
    }
    if (c.previous) {
      items.push_back({{"kind", "transfer"},
                       {"id", std::to_string(c.previous->id)},
                       {"label", "Locked at registration " + std::to_string(c.previous->id) +
                                     " on " + c.previous->registered_on.ToString() +
                                     " and carried over after the provider's licence was "
                                     "revoked (CHO-7)"}});
      PSL_RETURN_IF_ERROR(
          registrations.SetOutcomeStatus(c.previous->id, priced.outcome, "transferred"));
    }
    outcome.explanation_json = items.dump();
    outcome.status = "open";
    PSL_RETURN_IF_ERROR(registrations.InsertOutcome(outcome));
  }
  PSL_RETURN_IF_ERROR(payments::LockSplitsAndAccrueUpfront(transaction, record.id, now));
  store::ChoiceTable choices(transaction.connection());
  PSL_ASSIGN_OR_RETURN(const bool closed, choices.Close(c.choice.id, "registered"));
  if (!closed) return Status(ErrorCode::kConflict, "the choice changed meanwhile; try again");
  PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now, "registration.create",
                                 "registration:" + std::to_string(record.id),
                                 nlohmann::json{{"citizen_id", c.citizen.id.value()},
                                                {"end_result", c.choice.end_result},
                                                {"provider_id", provider.value()},
                                                {"basis", basis},
                                                {"tariff_version", record.tariff_version}}
                                     .dump()));
  PSL_ASSIGN_OR_RETURN(auto written, registrations.Get(record.id));
  PSL_CHECK(written.has_value(), "a registration just written can be read back");
  return std::move(*written);
}

}  // namespace

Result<store::RegistrationRecord> Journey::Register(const RequestContext& context, CitizenId id,
                                                    const std::string& end_result,
                                                    ProviderId provider) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kReferrer, Role::kCitizen},
                                  "register a citizen with a provider (CHO-4)"));
  store::RegistrationRecord result;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(CheckCitizenVisible(transaction, context, id));
    const Timestamp now = app_.clock().Now();
    PSL_ASSIGN_OR_RETURN(ChoiceContext c, LoadChoice(transaction, app_.journey_cache(), id,
                                                     end_result, now.UtcDate()));
    const bool by_citizen = context.principal.role == Role::kCitizen;
    if (c.choice.format == "professional" && by_citizen) {
      return Status(ErrorCode::kPermissionDenied,
                    "this is a professional choice (CHO-1): your referring professional chooses "
                    "the provider with you; you can also ask for the default provider");
    }
    const auto option =
        std::find_if(c.options.providers.begin(), c.options.providers.end(),
                     [&](const ProviderOption& o) { return o.information.provider == provider; });
    if (option == c.options.providers.end()) {
      PSL_ASSIGN_OR_RETURN(const std::string why, WhyNotEligible(transaction, provider));
      return Status(ErrorCode::kFailedPrecondition,
                    "provider " + std::to_string(provider.value()) +
                        " cannot take this customer for " + end_result +
                        ": it needs a granted general licence and every top-up licence these "
                        "outcomes need (" +
                        why + ")",
                    "provider_id");
    }
    if (c.choice.format == "assisted") {
      if (!c.choice.shortlist_json) {
        return Status(ErrorCode::kFailedPrecondition,
                      "assisted choice: the referring professional draws up the shortlist first",
                      "provider_id");
      }
      if (!option->on_shortlist) {
        return Status(ErrorCode::kFailedPrecondition,
                      "assisted choice: choose one of the providers on the shortlist",
                      "provider_id");
      }
    }
    const std::string basis = c.choice.format == "professional" ? "professional" : "citizen";
    PSL_ASSIGN_OR_RETURN(result, WriteRegistration(transaction, context, now, c, provider, basis));
    return Status::Ok();
  }));
  return result;
}

Result<store::RegistrationRecord> Journey::RegisterDefault(const RequestContext& context,
                                                           CitizenId id,
                                                           const std::string& end_result) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kReferrer, Role::kCitizen},
                                  "ask for the default provider (CHO-3)"));
  store::RegistrationRecord result;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(CheckCitizenVisible(transaction, context, id));
    const Timestamp now = app_.clock().Now();
    PSL_ASSIGN_OR_RETURN(ChoiceContext c, LoadChoice(transaction, app_.journey_cache(), id,
                                                     end_result, now.UtcDate()));
    if (!c.options.default_choice) {
      return Status(ErrorCode::kFailedPrecondition,
                    "no licensed provider can take this customer for " + end_result + " yet",
                    "end_result");
    }
    PSL_ASSIGN_OR_RETURN(
        result, WriteRegistration(transaction, context, now, c, c.options.default_choice->provider,
                                  "auto_request"));
    return Status::Ok();
  }));
  return result;
}

Result<RegistrationPage> Journey::ListRegistrations(const RequestContext& context,
                                                    std::int64_t before, int limit) {
  PSL_RETURN_IF_ERROR(
      RequireRole(context, {Role::kRegulator, Role::kProvider}, "list registrations"));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  std::optional<ProviderId> provider;
  if (context.principal.role == Role::kProvider) {
    if (!context.principal.provider_id) return RegistrationPage{};
    provider = context.principal.provider_id;
  }
  RegistrationPage page;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::RegistrationTable registrations(transaction.connection());
    PSL_ASSIGN_OR_RETURN(page.items, registrations.List(provider, before, limit + 1));
    return Status::Ok();
  }));
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.next_before = page.items.back().id;
  }
  return page;
}

Result<JobReport> Journey::RunChoiceJobs(const RequestContext& context, Date today) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kRegulator}, "run the choice deadlines job"));
  constexpr int kBatch = 200;
  JobReport report;
  const Timestamp now = app_.clock().Now();
  // CHO-7 first, so that customers of a revoked provider get their new choice today.
  for (;;) {
    int done = 0;
    PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
      store::RegistrationTable registrations(transaction.connection());
      PSL_ASSIGN_OR_RETURN(auto affected, registrations.WithRevokedProvider(kBatch));
      PSL_ASSIGN_OR_RETURN(const choice::FormatRules rules, LoadChoiceRules(transaction));
      store::ChoiceTable choices(transaction.connection());
      for (const store::RegistrationRecord& old : affected) {
        PSL_RETURN_IF_ERROR(registrations.End(old.id, "provider_revoked"));
        const bool outstanding =
            std::any_of(old.outcomes.begin(), old.outcomes.end(),
                        [](const store::RegisteredOutcomeRecord& o) { return o.status == "open"; });
        if (outstanding) {
          store::ChoiceRecord choice;
          choice.citizen_id = old.citizen_id;
          choice.end_result = old.end_result;
          choice.assessment_id = old.assessment_id;
          choice.format = old.format;
          choice.reason = "revocation";
          choice.deadline = today.AddDays(rules.choice_deadline_days);
          choice.status = "open";
          choice.previous_registration_id = old.id;
          choice.opened_at = now;
          PSL_RETURN_IF_ERROR(choices.Insert(choice).ToStatus());
        }
        PSL_RETURN_IF_ERROR(WriteAudit(
            transaction, context, now, "registration.end", "registration:" + std::to_string(old.id),
            nlohmann::json{{"reason", "provider_revoked"}, {"new_choice", outstanding}}.dump()));
        ++done;
      }
      return Status::Ok();
    }));
    report.reopened_after_revocation += done;
    if (done < kBatch) break;
  }
  // CHO-3: an open choice past its deadline goes to the default provider.
  std::int64_t after_skipped = 0;
  for (;;) {
    int handled = 0;
    PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
      store::ChoiceTable choices(transaction.connection());
      PSL_ASSIGN_OR_RETURN(auto overdue,
                           choices.Overdue(today, kBatch + static_cast<int>(after_skipped)));
      for (std::size_t i = static_cast<std::size_t>(after_skipped); i < overdue.size(); ++i) {
        const store::ChoiceRecord& choice = overdue[i];
        ++handled;
        PSL_ASSIGN_OR_RETURN(ChoiceContext c,
                             LoadChoice(transaction, app_.journey_cache(), choice.citizen_id,
                                        choice.end_result, today));
        if (!c.options.default_choice || c.area.mode != "live" || c.options.prices.empty()) {
          ++report.left_open_without_provider;
          ++after_skipped;
          continue;
        }
        PSL_RETURN_IF_ERROR(WriteRegistration(transaction, context, now, c,
                                              c.options.default_choice->provider, "auto_deadline")
                                .ToStatus());
        ++report.auto_registered;
      }
      return Status::Ok();
    }));
    if (handled < kBatch) break;
  }
  return report;
}

}  // namespace psl::app
