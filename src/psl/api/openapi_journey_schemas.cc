// Component schemas of the citizen journey's routes (journey_routes.cc, journey_decoding.cc) and
// of the configuration documents they publish and serve (config/catalogue_json.cc,
// assessment_json.cc, choice_json.cc, tariff_json.cc).
#include <set>

#include "psl/access/user.h"
#include "psl/api/openapi_schemas.h"
#include "psl/assessment/questionnaire.h"
#include "psl/catalogue/catalogue.h"
#include "psl/choice/choice.h"
#include "psl/entry/entry.h"

namespace psl::api::openapi {
namespace {

constexpr int kMaxIdLength = 64;  // journey_decoding.cc
constexpr int kMaxInt = 2147483647;

json FormatEnum() {
  return Enum({choice::FormatName(choice::Format::kFree),
               choice::FormatName(choice::Format::kAssisted),
               choice::FormatName(choice::Format::kProfessional)});
}

json RouteEnum() { return Enum({"life_event", "referral", "self_referral"}); }

json SourceEnum() {
  std::vector<std::string_view> sources;
  std::set<std::string_view> seen;
  const auto add = [&](const auto& list) {
    for (std::string_view source : list) {
      if (seen.insert(source).second) sources.push_back(source);
    }
  };
  add(entry::kLifeEventSources);
  add(entry::kReferralSources);
  add(entry::kSelfReferralSources);
  json schema = EnumOf(sources);
  schema["description"] =
      "Where the citizen came from; each route has its own sources (ENT-1): life_event: " +
      Join(entry::kLifeEventSources) + "; referral: " + Join(entry::kReferralSources) +
      "; self_referral: " + Join(entry::kSelfReferralSources);
  return schema;
}

json Version() { return Int(0, kMaxInt); }

// --- Configuration documents ---

void AddConfiguration(json& schemas) {
  schemas["EndResult"] = Closed({{"id", Str()}, {"name", Str()}});
  schemas["KingOutcome"] =
      Object({{"id", Str()},
              {"end_result", Str()},
              {"name", Str()},
              {"kind", Enum({catalogue::OutcomeKindName(catalogue::OutcomeKind::kBinary),
                             catalogue::OutcomeKindName(catalogue::OutcomeKind::kGraded)})},
              {"window_months", Int(-2147483648LL, kMaxInt)},
              {"sustain_months", Int(-2147483648LL, kMaxInt)},
              {"evidence", Str()},
              {"top_up_licence", Str()},
              {"skunkworks_variant_of", Str()}},
             {"id", "end_result", "name", "kind", "window_months", "sustain_months", "evidence"});
  schemas["Catalogue"] = Closed({{"version", Int(-2147483648LL, kMaxInt)},
                                 {"end_results", Array(Ref("EndResult"), 1000)},
                                 {"outcomes", Array(Ref("KingOutcome"), 1000)}});

  using assessment::QuestionKind;
  schemas["Question"] =
      Object({{"id", Str()},
              {"domain", Str()},
              {"text", Str()},
              {"kind", Enum({assessment::QuestionKindName(QuestionKind::kYesNo),
                             assessment::QuestionKindName(QuestionKind::kChoice),
                             assessment::QuestionKindName(QuestionKind::kNumber)})},
              {"options", Array(Str(), 1000)},
              {"minimum", Int()},
              {"maximum", Int()},
              {"required", Bool()}},
             {"id", "domain", "text", "kind"});
  schemas["Questionnaire"] = Closed(
      {{"version", Int(-2147483648LL, kMaxInt)}, {"questions", Array(Ref("Question"), 1000)}});
  json condition = Object({{"question", Str()},
                           {"equals", Str()},
                           {"one_of", {{"type", "array"}, {"items", Str()}, {"minItems", 1}}},
                           {"at_least", Int()},
                           {"at_most", Int()}},
                          {"question"});
  condition["description"] =
      "Holds for the question's answer; exactly one of equals, one_of, at_least, at_most";
  schemas["Condition"] = condition;
  json when_any = Array(Array(Ref("Condition"), 1000), 1000);
  when_any["description"] = "Holds when ANY group holds; a group holds when ALL its conditions do";
  schemas["BarrierRule"] = Closed({{"barrier", Str()}, {"name", Str()}, {"when_any", when_any}});
  schemas["EligibilityRule"] = Closed({{"outcome", Str()}, {"when_any", when_any}});
  schemas["AssessmentRules"] = Closed({{"version", Int(-2147483648LL, kMaxInt)},
                                       {"questionnaire_version", Int(-2147483648LL, kMaxInt)},
                                       {"barriers", Array(Ref("BarrierRule"), 1000)},
                                       {"eligibility", Array(Ref("EligibilityRule"), 1000)}});
  schemas["AssessmentConfig"] =
      Closed({{"questionnaire", Ref("Questionnaire")}, {"rules", Ref("AssessmentRules")}});

  json match = Str();
  match["description"] = "Empty or absent matches anything";
  schemas["FormatRule"] =
      Object({{"route", match}, {"source", match}, {"end_result", match}, {"format", FormatEnum()}},
             {"format"});
  schemas["ChoiceRules"] = Closed({{"version", Int(1, 1'000'000'000)},
                                   {"rules", Array(Ref("FormatRule"), 1000)},
                                   {"fallback", FormatEnum()},
                                   {"shortlist_minimum", Int(1, 20)},
                                   {"shortlist_maximum", Int(1, 20)},
                                   {"choice_deadline_days", Int(1, 365)},
                                   {"free_choice_end_results", Array(Str(), 1000)}});

  json supplements = Map(Pence());
  supplements["description"] = "Supplement in pence for each barrier, by barrier id";
  schemas["OutcomeTariff"] =
      Object({{"outcome", Str()}, {"core_pence", Pence()}, {"supplements_pence", supplements}},
             {"outcome", "core_pence"});
  schemas["GeographicWeighting"] = Closed({{"reference_score_milli", Int()},
                                           {"slope_micros_per_milli_point", Int()},
                                           {"minimum", WeightIn()},
                                           {"maximum", WeightIn()}});
  schemas["CyclicalWeighting"] = Closed({{"reference_rate_tenths", Int()},
                                         {"slope_micros_per_tenth", Int()},
                                         {"minimum", WeightIn()},
                                         {"maximum", WeightIn()}});
  json tariff = Closed({{"version", Version()},
                        {"effective_from", Date()},
                        {"catalogue_version", Version()},
                        {"supplements_pence", supplements},
                        {"outcomes", Array(Ref("OutcomeTariff"), 1000)},
                        {"geographic", Ref("GeographicWeighting")},
                        {"cyclical", Ref("CyclicalWeighting")}});
  tariff["description"] =
      "A tariff (TAR-1, TAR-2). There is no field for a discount, rebate or bid (TAR-5).";
  schemas["Tariff"] = tariff;
  json record = Closed({{"version", Version()},
                        {"effective_from", Date()},
                        {"status", Enum({"proposed", "approved"})},
                        {"proposed_by_user_id", Nullable(Id())},
                        {"approved_by_user_id", Nullable(Id())},
                        {"built_in", Bool()}});
  schemas["TariffRecord"] = record;
  schemas["TariffList"] = Closed({{"items", Array(Ref("TariffRecord"))}});
  schemas["TariffView"] = Extend(record, {{"tariff", Ref("Tariff")}});
}

// --- Quotes (TAR-3) ---

json QuoteItem(json kinds) {
  return Object({{"kind", std::move(kinds)},
                 {"id", Str()},
                 {"label", Str()},
                 {"amount_pence", Pence()},
                 {"weight", WeightOut()}},
                {"kind", "id", "label"});
}

json QuoteProperties() {
  return {{"outcome", Str()},
          {"base_pence", Pence()},
          {"geographic_weight", WeightOut()},
          {"cyclical_weight", WeightOut()},
          {"price_pence", Pence()},
          {"tariff_version", Version()},
          {"items", Array(Ref("QuoteItem"))}};
}

void AddQuotes(json& schemas) {
  json request =
      Object({{"outcome", Str(kMaxIdLength)},
              {"barriers", Array(Str(kMaxIdLength), 50)},
              {"area", {{"type", "string"}, {"maxLength", 16}, {"description", "A district code"}}},
              {"date", Date()}},
             {"outcome", "barriers", "area", "date"});
  request["example"] = {
      {"outcome", "employment_sustained_2y"},
      {"barriers",
       {"illiterate", "english_second_language", "childhood_abuse", "no_fixed_abode", "dyslexic"}},
      {"area", "E09000017"},
      {"date", "2014-01-15"}};
  schemas["QuoteRequest"] = request;
  schemas["QuoteItem"] =
      QuoteItem(Enum({"core", "supplement", "geographic_weight", "cyclical_weight", "rounding"}));
  json quote = Closed(QuoteProperties());
  quote["description"] =
      "The price of one King Outcome and its itemised explanation (TAR-3): base_pence (core "
      "plus supplements) times both weights, rounded once to the penny";
  // The report's worked example, exactly as POST /api/v1/quotes answers it
  // (tests/openapi/openapi_schema_test.cc checks that it still does).
  quote["example"] = json::parse(R"(
      {
        "outcome": "employment_sustained_2y",
        "base_pence": 1100000,
        "geographic_weight": "1.000000",
        "cyclical_weight": "1.000000",
        "price_pence": 1100000,
        "tariff_version": 1,
        "items": [
          {
            "kind": "core",
            "id": "employment_sustained_2y",
            "label": "Core payment for the outcome employment_sustained_2y: £2,000.00 (tariff version 1).",
            "amount_pence": 200000
          },
          {
            "kind": "supplement",
            "id": "illiterate",
            "label": "Supplement for the barrier illiterate: +£1,500.00.",
            "amount_pence": 150000
          },
          {
            "kind": "supplement",
            "id": "english_second_language",
            "label": "Supplement for the barrier english_second_language: +£1,000.00.",
            "amount_pence": 100000
          },
          {
            "kind": "supplement",
            "id": "childhood_abuse",
            "label": "Supplement for the barrier childhood_abuse: +£3,000.00.",
            "amount_pence": 300000
          },
          {
            "kind": "supplement",
            "id": "no_fixed_abode",
            "label": "Supplement for the barrier no_fixed_abode: +£3,000.00.",
            "amount_pence": 300000
          },
          {
            "kind": "supplement",
            "id": "dyslexic",
            "label": "Supplement for the barrier dyslexic: +£500.00.",
            "amount_pence": 50000
          },
          {
            "kind": "geographic_weight",
            "id": "E09000017",
            "label": "Geographic weight for Hillingdon (E09000017), IMD 2019 average score 18.223 against the reference 18.223: 1 + 0.010000 per point × (18.223 - 18.223) = 1.000000 (bounded to 0.850000..1.300000).",
            "weight": "1.000000"
          },
          {
            "kind": "cyclical_weight",
            "id": "2014-01",
            "label": "Cyclical weight for 2014-01: UK unemployment rate 6.9% (ONS MGSX, 2014-01) against the long-run rate 6.9%: 1 + 0.020000 per percentage point × (6.9 - 6.9) = 1.000000 (bounded to 0.900000..1.200000).",
            "weight": "1.000000"
          },
          {
            "kind": "rounding",
            "id": "",
            "label": "£11,000.00 × 1.000000 × 1.000000 = £11,000.00 exactly, rounded once, half away from zero, to the penny: £11,000.00."
          }
        ]
      }
  )");
  schemas["Quote"] = quote;
  schemas["PricedOutcome"] = Extend(Closed(QuoteProperties()), {{"end_result", Str()}});
}

// --- Entry, citizens and assessment ---

void AddCitizens(json& schemas) {
  schemas["Person"] = Object(
      {{"full_name", Str(200)},
       {"date_of_birth", Date()},
       {"area_code", {{"type", "string"}, {"maxLength", 16}, {"description", "Home district"}}},
       {"national_insurance",
        {{"type", "string"},
         {"nullable", true},
         {"maxLength", 20},
         {"description", "Two letters, six digits, one of A-D; spaces are ignored"}}},
       {"email", {{"type", "string"}, {"nullable", true}, {"maxLength", 254}}}},
      {"full_name", "date_of_birth", "area_code"});
  schemas["EntryRequest"] = Object({{"route", RouteEnum()},
                                    {"source", SourceEnum()},
                                    {"notes", Nullable(Str(5000))},
                                    {"person", Ref("Person")}},
                                   {"route", "source", "person"});
  schemas["EntryResult"] =
      Closed({{"citizen_id", Id()}, {"entry_id", Id()}, {"matched_existing", Bool()}});
  schemas["SignUpRequest"] =
      Object({{"username", Str(static_cast<int>(access::kMaxUsernameLength))},
              {"password",
               {{"type", "string"},
                {"format", "password"},
                {"maxLength", static_cast<int>(access::kMaxPasswordLength)}}},
              {"source", EnumOf(entry::kSelfReferralSources)},
              {"person", Ref("Person")}},
             {"username", "password", "source", "person"});
  schemas["SignUpResult"] = Closed({{"citizen_id", Id()}, {"entry_id", Id()}});

  const json citizen = Closed({{"id", Id()},
                               {"full_name", Nullable(Str())},
                               {"date_of_birth", Nullable(Date())},
                               {"area_code", Nullable(Str())},
                               {"national_insurance", Nullable(Str())},
                               {"email", Nullable(Str())},
                               {"created_at", DateTime()}});
  schemas["Citizen"] = citizen;
  schemas["CitizenPage"] = Page("Citizen", "next_before", Id());
  schemas["Entry"] = Closed({{"id", Id()},
                             {"route", RouteEnum()},
                             {"source", Str()},
                             {"recorded_by_user_id", Nullable(Id())},
                             {"notes", Str()},
                             {"matched_existing", Bool()},
                             {"recorded_at", DateTime()}});
  json answers = Map(Str(200));
  answers["maxProperties"] = 200;
  answers["description"] =
      "Each question's answer by question id: \"yes\"/\"no\", an option id, "
      "or a whole number as text";
  schemas["AssessmentRequest"] =
      Object({{"answers", answers}, {"recommendations", Nullable(Str(5000))}}, {"answers"});
  schemas["Assessment"] = Closed({{"id", Id()},
                                  {"questionnaire_version", Version()},
                                  {"rules_version", Version()},
                                  {"catalogue_version", Version()},
                                  {"answers", Map(Str())},
                                  {"recommendations", Str()},
                                  {"assessed_by_user_id", Id()},
                                  {"taken_on", Date()},
                                  {"barriers", Array(Str())},
                                  {"eligible_outcomes", Array(Str())},
                                  {"eligible_end_results", Array(Str())},
                                  {"prices", Array(Ref("PricedOutcome"))}});
  schemas["CitizenRecord"] = Extend(citizen, {{"area_name", Nullable(Str())},
                                              {"area_mode", Nullable(Enum({"live", "control"}))},
                                              {"entries", Array(Ref("Entry"))},
                                              {"assessment", Nullable(Ref("Assessment"))},
                                              {"choices", Array(Ref("Choice"))},
                                              {"registrations", Array(Ref("Registration"))}});
}

// --- Choice and registration (CHO) ---

void AddChoice(json& schemas) {
  schemas["Choice"] = Closed({{"id", Id()},
                              {"end_result", Str()},
                              {"format", FormatEnum()},
                              {"reason", Enum({"assessment", "revocation"})},
                              {"deadline", Date()},
                              {"status", Enum({"open", "registered", "superseded"})},
                              {"shortlist", Nullable(Array(Id()))},
                              {"shortlisted_by_user_id", Nullable(Id())},
                              {"previous_registration_id", Nullable(Id())},
                              {"assessment_id", Id()}});
  json rate = {{"type", "integer"},
               {"format", "int64"},
               {"nullable", true},
               {"description",
                "Basis points (1/100 of a percent); null when there is not "
                "enough data"}};
  schemas["ProviderOption"] = Closed({{"provider_id", Id()},
                                      {"name", Str()},
                                      {"licensed_on", Date()},
                                      {"on_shortlist", Bool()},
                                      {"success_rate_basis_points", rate},
                                      {"gap_to_best_national_basis_points", rate},
                                      {"local_success_rate_basis_points", rate},
                                      {"gap_to_best_local_basis_points", rate},
                                      {"satisfaction_rate_basis_points", rate},
                                      {"mystery_shopping_score_percent", Nullable(Int(0, 100))},
                                      {"mystery_shopping_summary", Nullable(Str())}});
  schemas["DefaultChoice"] =
      Closed({{"provider_id", Id()},
              {"basis", Enum({"performance", "mystery_shopping", "any_eligible"})},
              {"pool_size", Int(1, kMaxInt)}});
  schemas["ChoiceOptions"] = Closed({{"end_result", Str()},
                                     {"choice", Ref("Choice")},
                                     {"prices", Array(Ref("PricedOutcome"))},
                                     {"providers", Array(Ref("ProviderOption"))},
                                     {"default_choice", Nullable(Ref("DefaultChoice"))},
                                     {"similar_customers", Str()},
                                     {"minimum_outcomes", Int()},
                                     {"minimum_answers", Int()}});
  schemas["ShortlistRequest"] =
      Object({{"end_result", Str(kMaxIdLength)}, {"provider_ids", Array(Id(), 20)}},
             {"end_result", "provider_ids"});
  schemas["RegistrationRequest"] = Object(
      {{"end_result", Str(kMaxIdLength)}, {"provider_id", Id()}}, {"end_result", "provider_id"});
  schemas["EndResultRequest"] = Object({{"end_result", Str(kMaxIdLength)}}, {"end_result"});

  schemas["RegisteredQuoteItem"] = QuoteItem(
      Enum({"core", "supplement", "geographic_weight", "cyclical_weight", "rounding", "transfer"}));
  schemas["RegisteredOutcome"] =
      Closed({{"outcome", Str()},
              {"base_pence", Pence()},
              {"geographic_weight", WeightOut()},
              {"cyclical_weight", WeightOut()},
              {"price_pence", Pence()},
              {"tariff_version", Version()},
              {"items", Array(Ref("RegisteredQuoteItem"))},
              {"status", Enum({"open", "achieved", "missed", "transferred"})},
              {"split", Nullable(Ref("OutcomeSplit"))}});
  schemas["Registration"] =
      Closed({{"id", Id()},
              {"citizen_id", Id()},
              {"citizen_name", Str()},
              {"end_result", Str()},
              {"provider_id", Id()},
              {"provider_name", Str()},
              {"format", FormatEnum()},
              {"basis", Enum({"citizen", "professional", "auto_deadline", "auto_request"})},
              {"chosen_by_user_id", Nullable(Id())},
              {"registered_on", Date()},
              {"catalogue_version", Version()},
              {"tariff_version", Version()},
              {"area_code", Str()},
              {"barriers", Array(Str())},
              {"status", Enum({"active", "ended"})},
              {"ended_reason", Nullable(Str())},
              {"replaces_registration_id", Nullable(Id())},
              {"total_price_pence", Pence()},
              {"outcomes", Array(Ref("RegisteredOutcome"))}});
  schemas["RegistrationPage"] = Page("Registration", "next_before", Id());
  schemas["ChoiceJobReport"] = Closed({{"date", Date()},
                                       {"auto_registered", Int(0, kMaxInt)},
                                       {"reopened_after_revocation", Int(0, kMaxInt)},
                                       {"left_open_without_provider", Int(0, kMaxInt)}});
}

}  // namespace

void AddJourneySchemas(json& schemas) {
  AddConfiguration(schemas);
  AddQuotes(schemas);
  AddCitizens(schemas);
  AddChoice(schemas);
}

}  // namespace psl::api::openapi
