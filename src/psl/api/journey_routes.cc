// Routes and handlers for the citizen journey (OUT, ENT, ASM, TAR, CHO). Who may do what, and
// what each role sees, is in app/journey.h; the handlers decode, call one use case, and encode.
#include <array>

#include "psl/api/journey_decoding.h"
#include "psl/api/licensing_decoding.h"
#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"
#include "psl/app/journey.h"
#include "psl/config/config_json.h"
#include "psl/config/json_reader.h"

namespace psl::api {
namespace {

using access::Role;
using access::RoleSet;
using nlohmann::json;

// --- Encoding ---

json Nullable(const std::optional<std::string>& text) { return text ? json(*text) : json(nullptr); }

template <typename Id>
json NullableId(const std::optional<Id>& id) {
  return id ? json(id->value()) : json(nullptr);
}

json Document(const std::string& text) { return json::parse(text, nullptr, false); }

json QuoteJson(const tariff::Quote& quote) { return Document(config::QuoteToJson(quote)); }

json PricedJson(const app::PricedOutcome& priced) {
  json result = QuoteJson(priced.quote);
  result["end_result"] = priced.end_result;
  return result;
}

json PricesJson(const std::vector<app::PricedOutcome>& prices) {
  json items = json::array();
  for (const auto& priced : prices) items.push_back(PricedJson(priced));
  return items;
}

json CitizenJson(const store::CitizenRecord& citizen) {
  return {{"id", citizen.id.value()},
          {"full_name", Nullable(citizen.full_name)},
          {"date_of_birth",
           citizen.date_of_birth ? json(citizen.date_of_birth->ToString()) : json(nullptr)},
          {"area_code", Nullable(citizen.area_code)},
          {"national_insurance", Nullable(citizen.national_insurance)},
          {"email", Nullable(citizen.email)},
          {"created_at", citizen.created_at.ToIso8601()}};
}

json EntryJson(const store::EntryRecord& entry) {
  return {{"id", entry.id},
          {"route", entry.route},
          {"source", entry.source},
          {"recorded_by_user_id", NullableId(entry.recorded_by)},
          {"notes", entry.notes},
          {"matched_existing", entry.matched_existing},
          {"recorded_at", entry.recorded_at.ToIso8601()}};
}

json AssessmentJson(const app::AssessmentView& view) {
  return {{"id", view.record.id},
          {"questionnaire_version", view.record.questionnaire_version},
          {"rules_version", view.record.rules_version},
          {"catalogue_version", view.record.catalogue_version},
          {"answers", Document(view.record.answers_json)},
          {"recommendations", view.record.recommendations},
          {"assessed_by_user_id", view.record.assessed_by.value()},
          {"taken_on", view.record.taken_on.ToString()},
          {"barriers", view.barriers},
          {"eligible_outcomes", view.eligible_outcomes},
          {"eligible_end_results", view.eligible_end_results},
          {"prices", PricesJson(view.prices)}};
}

json ChoiceJson(const store::ChoiceRecord& choice) {
  json shortlist = choice.shortlist_json ? Document(*choice.shortlist_json) : json(nullptr);
  return {
      {"id", choice.id},
      {"end_result", choice.end_result},
      {"format", choice.format},
      {"reason", choice.reason},
      {"deadline", choice.deadline.ToString()},
      {"status", choice.status},
      {"shortlist", shortlist},
      {"shortlisted_by_user_id", NullableId(choice.shortlisted_by)},
      {"previous_registration_id",
       choice.previous_registration_id ? json(*choice.previous_registration_id) : json(nullptr)},
      {"assessment_id", choice.assessment_id}};
}

json SplitJson(const std::optional<store::RegisteredOutcomeRecord::Split>& split) {
  if (!split) return nullptr;
  return {{"upfront_pence", split->upfront_pence},
          {"outcome_pence", split->outcome_pence},
          {"satisfaction_pence", split->satisfaction_pence},
          {"rule", split->rule},
          {"clawback", split->clawback}};
}

json RegistrationJson(const store::RegistrationRecord& r) {
  json outcomes = json::array();
  std::int64_t total = 0;
  for (const auto& o : r.outcomes) {
    total += o.price_pence;
    outcomes.push_back(
        {{"outcome", o.outcome},
         {"base_pence", o.base_pence},
         {"geographic_weight", Weight::FromMicros(o.geographic_weight_micros).ToString()},
         {"cyclical_weight", Weight::FromMicros(o.cyclical_weight_micros).ToString()},
         {"price_pence", o.price_pence},
         {"tariff_version", o.tariff_version},
         {"items", Document(o.explanation_json)},
         {"status", o.status},
         {"split", SplitJson(o.split)}});
  }
  return {{"id", r.id},
          {"citizen_id", r.citizen_id.value()},
          {"citizen_name", r.citizen_name},
          {"end_result", r.end_result},
          {"provider_id", r.provider_id.value()},
          {"provider_name", r.provider_name},
          {"format", r.format},
          {"basis", r.basis},
          {"chosen_by_user_id", NullableId(r.chosen_by)},
          {"registered_on", r.registered_on.ToString()},
          {"catalogue_version", r.catalogue_version},
          {"tariff_version", r.tariff_version},
          {"area_code", r.area_code},
          {"barriers", Document(r.barriers_json)},
          {"status", r.status},
          {"ended_reason", Nullable(r.ended_reason)},
          {"replaces_registration_id",
           r.replaces_registration_id ? json(*r.replaces_registration_id) : json(nullptr)},
          {"total_price_pence", total},
          {"outcomes", outcomes}};
}

json Rate(const choice::RateBasisPoints& rate) { return rate ? json(*rate) : json(nullptr); }

json OptionsJson(const app::OptionsView& view) {
  json providers = json::array();
  for (const auto& option : view.providers) {
    const auto& info = option.information;
    providers.push_back(
        {{"provider_id", info.provider.value()},
         {"name", info.name},
         {"licensed_on", option.licensed_on.ToString()},
         {"on_shortlist", option.on_shortlist},
         {"success_rate_basis_points", Rate(info.success_rate)},
         {"gap_to_best_national_basis_points", Rate(info.gap_to_best_national)},
         {"local_success_rate_basis_points", Rate(info.local_success_rate)},
         {"gap_to_best_local_basis_points", Rate(info.gap_to_best_local)},
         {"satisfaction_rate_basis_points", Rate(info.satisfaction_rate)},
         {"mystery_shopping_score_percent", info.mystery_shopping_score_percent
                                                ? json(*info.mystery_shopping_score_percent)
                                                : json(nullptr)},
         {"mystery_shopping_summary", Nullable(info.mystery_shopping_summary)}});
  }
  json default_choice = nullptr;
  if (view.default_choice) {
    default_choice = {{"provider_id", view.default_choice->provider.value()},
                      {"basis", view.default_choice->basis},
                      {"pool_size", view.default_choice->pool_size}};
  }
  return {{"end_result", view.end_result},
          {"choice", ChoiceJson(view.choice)},
          {"prices", PricesJson(view.prices)},
          {"providers", providers},
          {"default_choice", default_choice},
          {"similar_customers", view.similar_customers},
          {"minimum_outcomes", view.thresholds.minimum_outcomes},
          {"minimum_answers", view.thresholds.minimum_answers}};
}

json TariffRecordJson(const store::TariffRecord& record) {
  return {{"version", record.version},
          {"effective_from", record.effective_from.ToString()},
          {"status", record.status},
          {"proposed_by_user_id", NullableId(record.proposed_by)},
          {"approved_by_user_id", NullableId(record.approved_by)},
          {"built_in", !record.proposed_by.has_value() && record.version == 1}};
}

json TariffViewJson(const app::TariffView& view) {
  json result = TariffRecordJson(view.record);
  result["tariff"] = Document(config::TariffToJson(view.tariff));
  return result;
}

Result<CitizenId> PathCitizen(const ApiRequest& request) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t id, DecodePathId(request.path_parameters.at(0), "id"));
  return CitizenId(id);
}

template <typename T, typename Encode>
ApiResponse Respond(int status, const Result<T>& result, Encode encode) {
  if (!result.ok()) return ErrorResponse(result.status());
  return ApiResponse::Json(status, encode(*result));
}

// --- Configuration ---

ApiResponse GetCatalogue(Services& services, const ApiRequest& request) {
  if (auto refused = RefuseUnknownQuery(request.query, {"version"}); !refused.ok()) {
    return ErrorResponse(refused);
  }
  auto version = DecodeOptionalId(request.query, "version");
  if (!version.ok()) return ErrorResponse(version.status());
  std::optional<int> wanted;
  if (*version) {
    if (**version > 1'000'000)
      return ErrorResponse(Status(ErrorCode::kNotFound, "no such version", "version"));
    wanted = static_cast<int>(**version);
  }
  return Respond(
      200, app::Journey(services.app).Catalogue(wanted),
      [](const catalogue::Catalogue& c) { return Document(config::CatalogueToJson(c)); });
}

ApiResponse PublishCatalogue(Services& services, const ApiRequest& request) {
  if (request.body.size() > kMaxJsonBodyBytes) {
    return ErrorResponse(Status(ErrorCode::kResourceExhausted, "the body is larger than 64 KiB"));
  }
  auto catalogue = config::ParseCatalogue(request.body);
  if (!catalogue.ok()) return ErrorResponse(catalogue.status());
  return Respond(
      201, app::Journey(services.app).PublishCatalogue(request.context, *catalogue),
      [](const catalogue::Catalogue& c) { return Document(config::CatalogueToJson(c)); });
}

json AssessmentConfigJson(const app::AssessmentConfig& config) {
  return {{"questionnaire", Document(config::QuestionnaireToJson(config.questionnaire))},
          {"rules", Document(config::RulesToJson(config.rules))}};
}

ApiResponse GetQuestionnaire(Services& services, const ApiRequest&) {
  return Respond(200, app::Journey(services.app).CurrentAssessmentConfig(), AssessmentConfigJson);
}

ApiResponse PublishQuestionnaire(Services& services, const ApiRequest& request) {
  auto config = DecodeAssessmentConfigRequest(request.body);
  if (!config.ok()) return ErrorResponse(config.status());
  return Respond(201, app::Journey(services.app).PublishAssessmentConfig(request.context, *config),
                 AssessmentConfigJson);
}

ApiResponse GetChoiceRules(Services& services, const ApiRequest&) {
  return Respond(200, app::Journey(services.app).ChoiceRules(), [](const choice::FormatRules& r) {
    return Document(config::FormatRulesToJson(r));
  });
}

ApiResponse PublishChoiceRules(Services& services, const ApiRequest& request) {
  if (request.body.size() > kMaxJsonBodyBytes) {
    return ErrorResponse(Status(ErrorCode::kResourceExhausted, "the body is larger than 64 KiB"));
  }
  auto rules = config::ParseFormatRules(request.body);
  if (!rules.ok()) return ErrorResponse(rules.status());
  return Respond(
      201, app::Journey(services.app).PublishChoiceRules(request.context, *rules),
      [](const choice::FormatRules& r) { return Document(config::FormatRulesToJson(r)); });
}

ApiResponse ListTariffs(Services& services, const ApiRequest&) {
  return Respond(200, app::Journey(services.app).ListTariffs(),
                 [](const std::vector<store::TariffRecord>& records) {
                   json items = json::array();
                   for (const auto& record : records) items.push_back(TariffRecordJson(record));
                   return json{{"items", items}};
                 });
}

Result<int> PathVersion(const ApiRequest& request) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t id,
                       DecodePathId(request.path_parameters.at(0), "version"));
  if (id > 1'000'000) return Status(ErrorCode::kNotFound, "no such version", "version");
  return static_cast<int>(id);
}

ApiResponse GetTariff(Services& services, const ApiRequest& request) {
  auto version = PathVersion(request);
  if (!version.ok()) return ErrorResponse(version.status());
  return Respond(200, app::Journey(services.app).GetTariff(*version), TariffViewJson);
}

ApiResponse ProposeTariff(Services& services, const ApiRequest& request) {
  if (request.body.size() > kMaxJsonBodyBytes) {
    return ErrorResponse(Status(ErrorCode::kResourceExhausted, "the body is larger than 64 KiB"));
  }
  auto tariff = config::ParseTariff(request.body);
  if (!tariff.ok()) return ErrorResponse(tariff.status());
  return Respond(201, app::Journey(services.app).ProposeTariff(request.context, *tariff),
                 TariffViewJson);
}

ApiResponse ApproveTariff(Services& services, const ApiRequest& request) {
  auto version = PathVersion(request);
  if (!version.ok()) return ErrorResponse(version.status());
  if (auto empty = DecodeEmptyRequest(request.body); !empty.ok()) return ErrorResponse(empty);
  return Respond(200, app::Journey(services.app).ApproveTariff(request.context, *version),
                 TariffViewJson);
}

// --- Quotes ---

ApiResponse PostQuote(Services& services, const ApiRequest& request) {
  auto input = DecodeQuoteRequest(request.body);
  if (!input.ok()) return ErrorResponse(input.status());
  auto quote = app::Journey(services.app).Quote(*input);
  if (!quote.ok()) return ErrorResponse(quote.status());
  return {200, "application/json", config::QuoteToJson(*quote)};
}

// --- Entry, citizens, assessment ---

ApiResponse RecordEntry(Services& services, const ApiRequest& request) {
  auto input = DecodeEntryRequest(request.body);
  if (!input.ok()) return ErrorResponse(input.status());
  return Respond(201, app::Journey(services.app).RecordEntry(request.context, *input),
                 [](const app::EntryResult& r) {
                   return json{{"citizen_id", r.citizen_id.value()},
                               {"entry_id", r.entry_id},
                               {"matched_existing", r.matched_existing}};
                 });
}

ApiResponse SignUp(Services& services, const ApiRequest& request) {
  auto input = DecodeSignUpRequest(request.body);
  if (!input.ok()) return ErrorResponse(input.status());
  return Respond(201, app::Journey(services.app).SignUp(request.context, *input),
                 [](const app::EntryResult& r) {
                   return json{{"citizen_id", r.citizen_id.value()}, {"entry_id", r.entry_id}};
                 });
}

// ?before=ID&limit=N, newest first: the caseload and registration lists.
struct PageQuery {
  std::int64_t before = 0;
  int limit = 0;
};

Result<PageQuery> DecodePageQuery(const Query& query) {
  PSL_RETURN_IF_ERROR(RefuseUnknownQuery(query, {"before", "limit"}));
  PSL_ASSIGN_OR_RETURN(const auto before, DecodeOptionalId(query, "before"));
  PSL_ASSIGN_OR_RETURN(const int limit, DecodeLimit(query));
  return PageQuery{before.value_or(0), limit};
}

template <typename Page, typename Encode>
json PageJson(const Page& page, Encode encode) {
  json items = json::array();
  for (const auto& item : page.items) items.push_back(encode(item));
  return json{{"items", items},
              {"next_before", page.next_before ? json(*page.next_before) : json(nullptr)}};
}

ApiResponse ListCitizens(Services& services, const ApiRequest& request) {
  auto page = DecodePageQuery(request.query);
  if (!page.ok()) return ErrorResponse(page.status());
  return Respond(
      200, app::Journey(services.app).ListCitizens(request.context, page->before, page->limit),
      [](const app::CitizenPage& citizens) { return PageJson(citizens, CitizenJson); });
}

ApiResponse GetCitizen(Services& services, const ApiRequest& request) {
  auto id = PathCitizen(request);
  if (!id.ok()) return ErrorResponse(id.status());
  return Respond(200, app::Journey(services.app).GetCitizen(request.context, *id),
                 [](const app::CitizenView& view) {
                   json entries = json::array();
                   for (const auto& e : view.entries) entries.push_back(EntryJson(e));
                   json choices = json::array();
                   for (const auto& c : view.choices) choices.push_back(ChoiceJson(c));
                   json registrations = json::array();
                   for (const auto& r : view.registrations) {
                     registrations.push_back(RegistrationJson(r));
                   }
                   json result = CitizenJson(view.citizen);
                   result["area_name"] = Nullable(view.area_name);
                   result["area_mode"] = Nullable(view.area_mode);
                   result["entries"] = entries;
                   result["assessment"] =
                       view.assessment ? AssessmentJson(*view.assessment) : json(nullptr);
                   result["choices"] = choices;
                   result["registrations"] = registrations;
                   return result;
                 });
}

ApiResponse Assess(Services& services, const ApiRequest& request) {
  auto id = PathCitizen(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = DecodeAssessmentRequest(request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  return Respond(
      201,
      app::Journey(services.app).Assess(request.context, *id, body->answers, body->recommendations),
      AssessmentJson);
}

// --- Choice and registration ---

ApiResponse Options(Services& services, const ApiRequest& request) {
  auto id = PathCitizen(request);
  if (!id.ok()) return ErrorResponse(id.status());
  if (auto refused = RefuseUnknownQuery(request.query, {"end_result"}); !refused.ok()) {
    return ErrorResponse(refused);
  }
  auto end_result = DecodeOptionalText(request.query, "end_result", 64);
  if (!end_result.ok()) return ErrorResponse(end_result.status());
  if (end_result->empty()) {
    return ErrorResponse(Status(ErrorCode::kInvalidArgument,
                                "name the End Result, e.g. ?end_result=individual_prosperity",
                                "end_result"));
  }
  return Respond(200, app::Journey(services.app).Options(request.context, *id, *end_result),
                 OptionsJson);
}

ApiResponse Shortlist(Services& services, const ApiRequest& request) {
  auto id = PathCitizen(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = DecodeShortlistRequest(request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  return Respond(
      200,
      app::Journey(services.app).Shortlist(request.context, *id, body->end_result, body->providers),
      OptionsJson);
}

ApiResponse Register(Services& services, const ApiRequest& request) {
  auto id = PathCitizen(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto body = DecodeRegistrationRequest(request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  return Respond(
      201,
      app::Journey(services.app).Register(request.context, *id, body->end_result, body->provider),
      RegistrationJson);
}

ApiResponse RegisterDefault(Services& services, const ApiRequest& request) {
  auto id = PathCitizen(request);
  if (!id.ok()) return ErrorResponse(id.status());
  auto end_result = DecodeEndResultRequest(request.body);
  if (!end_result.ok()) return ErrorResponse(end_result.status());
  return Respond(201, app::Journey(services.app).RegisterDefault(request.context, *id, *end_result),
                 RegistrationJson);
}

ApiResponse ListRegistrations(Services& services, const ApiRequest& request) {
  auto page = DecodePageQuery(request.query);
  if (!page.ok()) return ErrorResponse(page.status());
  return Respond(
      200, app::Journey(services.app).ListRegistrations(request.context, page->before, page->limit),
      [](const app::RegistrationPage& registrations) {
        return PageJson(registrations, RegistrationJson);
      });
}

ApiResponse RunChoiceJobs(Services& services, const ApiRequest& request) {
  if (auto empty = DecodeEmptyRequest(request.body); !empty.ok()) return ErrorResponse(empty);
  const Date today = services.app.clock().Now().UtcDate();
  return Respond(200, app::Journey(services.app).RunChoiceJobs(request.context, today),
                 [&](const app::JobReport& report) {
                   return json{{"date", today.ToString()},
                               {"auto_registered", report.auto_registered},
                               {"reopened_after_revocation", report.reopened_after_revocation},
                               {"left_open_without_provider", report.left_open_without_provider}};
                 });
}

constexpr RoleSet kPublic = RoleSet::Everyone();
constexpr RoleSet kPublicOnly{Role::kPublic};
constexpr RoleSet kRegulator{Role::kRegulator};
constexpr RoleSet kGovernment{Role::kGovernment};
constexpr RoleSet kEntrants{Role::kGovernment, Role::kReferrer, Role::kCitizen};
constexpr RoleSet kCaseload{Role::kRegulator, Role::kReferrer, Role::kProvider};
constexpr RoleSet kCitizenReaders{Role::kRegulator, Role::kReferrer, Role::kProvider,
                                  Role::kCitizen};
constexpr RoleSet kAssessors{Role::kReferrer, Role::kCitizen};
constexpr RoleSet kChoosers{Role::kRegulator, Role::kReferrer, Role::kCitizen};
constexpr RoleSet kReferrer{Role::kReferrer};
constexpr RoleSet kRegulatorOrProvider{Role::kRegulator, Role::kProvider};

// clang-format off
constexpr std::array kRoutes = {
  Route{"GET", "/api/v1/catalogue", kPublic, "getCatalogue", "journey",
        "The outcomes catalogue: End Results and King Outcomes (OUT-1, OUT-2); ?version=N for an "
        "earlier one", "", "Catalogue", "version", 200, GetCatalogue},
  Route{"POST", "/api/v1/catalogue", kGovernment, "publishCatalogue", "journey",
        "Publish the next catalogue version from a catalogue file (OUT-3)", "Catalogue",
        "Catalogue", "", 201,
        PublishCatalogue},
  Route{"GET", "/api/v1/assessment/questionnaire", kPublic, "getQuestionnaire", "journey",
        "The single assessment's questionnaire and the rules that derive barriers and "
        "eligibility (ASM-1, ASM-2)", "", "AssessmentConfig", "", 200, GetQuestionnaire},
  Route{"POST", "/api/v1/assessment/questionnaire", kRegulator, "publishQuestionnaire",
        "journey", "Publish the next questionnaire and rules versions (ASM-1, ASM-2)",
        "AssessmentConfig", "AssessmentConfig", "",
        201, PublishQuestionnaire},
  Route{"GET", "/api/v1/choice/rules", kPublic, "getChoiceRules", "journey",
        "The rules that set the format of choice by route and End Result (CHO-1)", "",
        "ChoiceRules", "",
        200, GetChoiceRules},
  Route{"POST", "/api/v1/choice/rules", kRegulator, "publishChoiceRules", "journey",
        "Publish the next version of the rules of choice (CHO-1)", "ChoiceRules", "ChoiceRules",
        "", 201,
        PublishChoiceRules},
  Route{"GET", "/api/v1/tariffs", kPublic, "listTariffs", "tariff",
        "Tariff versions, their effective dates and approval (TAR-4)", "", "TariffList", "", 200,
        ListTariffs},
  Route{"GET", "/api/v1/tariffs/{version}", kPublic, "getTariff", "tariff",
        "One tariff version in full (TAR-1, TAR-2)", "", "TariffView", "", 200, GetTariff},
  Route{"POST", "/api/v1/tariffs", kRegulator, "proposeTariff", "tariff",
        "Propose the next tariff version, effective today or later (TAR-4)", "Tariff",
        "TariffView", "", 201,
        ProposeTariff},
  Route{"POST", "/api/v1/tariffs/{version}/approval", kRegulator, "approveTariff", "tariff",
        "Approve a proposed tariff: a different regulator from the proposer (X-5)", "EmptyRequest",
        "TariffView", "",
        200, ApproveTariff},
  Route{"POST", "/api/v1/quotes", kPublic, "quote", "tariff",
        "Price one King Outcome for a set of barriers, a district and a date, with the itemised "
        "explanation (TAR-1..3)", "QuoteRequest", "Quote", "", 200, PostQuote},
  Route{"POST", "/api/v1/entries", kEntrants, "recordEntry", "journey",
        "Record a life event (government), a referral (referrer) or a self-referral (citizen); "
        "one record per citizen (ENT-1, ENT-2)", "EntryRequest", "EntryResult", "", 201,
        RecordEntry},
  Route{"POST", "/api/v1/citizens/sign-up", kPublicOnly, "signUpCitizen", "journey",
        "Self-referral online: a new citizen record and its login, for someone not yet known "
        "(ENT-1, ENT-2)", "SignUpRequest", "SignUpResult", "", 201, SignUp},
  Route{"GET", "/api/v1/citizens", kCaseload, "listCitizens", "journey",
        "The caller's caseload: a referrer's referrals, a provider's customers, every citizen "
        "for the Regulator", "", "CitizenPage", "before,limit", 200, ListCitizens},
  Route{"GET", "/api/v1/citizens/{id}", kCitizenReaders, "getCitizen", "journey",
        "One citizen's record, entries, latest assessment with prices, choices and "
        "registrations (scoped to the caller)", "", "CitizenRecord", "", 200, GetCitizen},
  Route{"POST", "/api/v1/citizens/{id}/assessments", kAssessors, "assessCitizen", "journey",
        "Take the single assessment (citizen online, or with the referrer and their "
        "recommendations); opens a choice per eligible End Result (ASM-1..3, CHO-1)",
        "AssessmentRequest", "Assessment", "",
        201, Assess},
  Route{"GET", "/api/v1/citizens/{id}/options", kChoosers, "choiceOptions", "journey",
        "The eligible providers for one End Result with success rates, gaps, satisfaction and "
        "mystery shopping, the prices and the default (CHO-2, CHO-3)", "", "ChoiceOptions",
        "end_result", 200,
        Options},
  Route{"POST", "/api/v1/citizens/{id}/shortlist", kReferrer, "shortlistProviders", "journey",
        "Draw up an assisted choice's shortlist of 3 to 5 providers (CHO-1)", "ShortlistRequest",
        "ChoiceOptions", "", 200,
        Shortlist},
  Route{"POST", "/api/v1/citizens/{id}/registrations", kAssessors, "registerCitizen", "journey",
        "Register with the chosen provider; prices are locked (CHO-4, CHO-5, TAR-4)",
        "RegistrationRequest", "Registration", "",
        201, Register},
  Route{"POST", "/api/v1/citizens/{id}/default-registration", kAssessors,
        "registerWithDefault", "journey",
        "Register with the default provider from the upper quartile (CHO-3)", "EndResultRequest",
        "Registration", "", 201,
        RegisterDefault},
  Route{"GET", "/api/v1/registrations", kRegulatorOrProvider, "listRegistrations", "journey",
        "Registrations with their locked prices (a provider sees its own)", "", "RegistrationPage",
        "before,limit", 200, ListRegistrations},
  Route{"POST", "/api/v1/jobs/choice-deadlines", kRegulator, "runChoiceDeadlines", "journey",
        "Run the scheduled job now: auto-choice after the deadline (CHO-3) and new choices for "
        "customers of revoked providers (CHO-7)", "EmptyRequest", "ChoiceJobReport", "", 200,
        RunChoiceJobs},
};
// clang-format on

}  // namespace

std::span<const Route> JourneyRoutes() { return kRoutes; }

}  // namespace psl::api
