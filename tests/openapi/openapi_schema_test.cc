// The OpenAPI document's schemas against the route table and against real responses:
// - every route that takes a body names its request schema, every route that answers with JSON
//   names its response schema, and every named schema and every $ref exists;
// - real responses from a real server validate against the schemas their routes name (a small
//   validator of the OpenAPI 3.0 schema subset the document uses, below);
// - the quote example in the document is exactly what POST /api/v1/quotes answers for it.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "api_test_support.h"
#include "journey_test_support.h"
#include "psl/api/routes.h"

namespace psl::api::testing {
namespace {

using access::Role;
using nlohmann::json;

const json& Document() {
  static const json document = json::parse(OpenApiDocument());
  return document;
}

const json& Components() { return Document()["components"]["schemas"]; }

bool TakesNoJsonAnswer(const Route& route) {
  return route.success_status == 204 || route.operation_id == "getMetrics" ||
         route.operation_id == "getOpenApi" || route.operation_id == "getPaymentStatementCsv";
}

TEST(OpenApiSchemas, EveryRouteNamesItsSchemas) {
  for (const Route& route : AllRoutes()) {
    const std::string name = std::string(route.method) + " " + std::string(route.path);
    if (route.method == "POST") {
      EXPECT_FALSE(route.request_schema.empty())
          << name << " names no request schema (use EmptyRequest when it takes no fields)";
    } else {
      EXPECT_TRUE(route.request_schema.empty()) << name << " takes no body";
    }
    if (TakesNoJsonAnswer(route)) {
      EXPECT_TRUE(route.response_schema.empty()) << name;
    } else {
      EXPECT_FALSE(route.response_schema.empty()) << name << " names no response schema";
    }
    for (std::string_view schema : {route.request_schema, route.response_schema}) {
      if (!schema.empty()) {
        EXPECT_TRUE(Components().contains(std::string(schema)))
            << name << " names the schema " << schema << ", which is not a component";
      }
    }
  }
}

void CollectRefs(const json& value, std::set<std::string>& refs) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      if (key == "$ref" && member.is_string()) refs.insert(member.get<std::string>());
      CollectRefs(member, refs);
    }
  } else if (value.is_array()) {
    for (const json& item : value) CollectRefs(item, refs);
  }
}

TEST(OpenApiSchemas, EveryReferenceResolvesAndEveryComponentIsUsed) {
  std::set<std::string> refs;
  CollectRefs(Document(), refs);
  const std::string prefix = "#/components/schemas/";
  std::set<std::string> used;
  for (const std::string& ref : refs) {
    ASSERT_EQ(ref.rfind(prefix, 0), 0u) << ref;
    const std::string name = ref.substr(prefix.size());
    EXPECT_TRUE(Components().contains(name)) << ref << " does not resolve";
    used.insert(name);
  }
  for (const auto& [name, schema] : Components().items()) {
    EXPECT_TRUE(used.contains(name)) << "the component " << name << " is never used";
  }
}

// --- A validator for the OpenAPI 3.0 schema subset the document uses -------------------------

class Validator {
 public:
  explicit Validator(const json& components) : components_(components) {}

  std::vector<std::string> Validate(const json& value, const json& schema) {
    errors_.clear();
    Check(value, schema, "$");
    return errors_;
  }

 private:
  void Fail(const std::string& path, const std::string& why) {
    errors_.push_back(path + ": " + why);
  }

  static bool IsType(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    return false;
  }

  void Check(const json& value, const json& schema, const std::string& path) {
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"];
      const std::string name = ref.substr(ref.rfind('/') + 1);
      if (!components_.contains(name)) return Fail(path, "unresolved " + ref);
      return Check(value, components_[name], path);
    }
    if (value.is_null()) {
      if (!schema.value("nullable", false)) Fail(path, "null where the schema allows no null");
      return;
    }
    if (schema.contains("allOf")) {
      for (const json& part : schema["allOf"]) Check(value, part, path);
    }
    if (schema.contains("oneOf")) {
      int matches = 0;
      for (const json& option : schema["oneOf"]) {
        Validator inner(components_);
        if (inner.Validate(value, option).empty()) ++matches;
      }
      if (matches != 1) Fail(path, "matches " + std::to_string(matches) + " of oneOf");
    }
    if (schema.contains("type") && !IsType(value, schema["type"])) {
      return Fail(path, "is " + std::string(value.type_name()) + ", not " +
                            schema["type"].get<std::string>());
    }
    if (schema.contains("enum")) {
      const json& options = schema["enum"];
      if (std::find(options.begin(), options.end(), value) == options.end()) {
        Fail(path, value.dump() + " is not one of " + options.dump());
      }
    }
    if (value.is_string()) CheckString(value.get<std::string>(), schema, path);
    if (value.is_number_integer()) {
      const auto number = value.get<std::int64_t>();
      if (schema.contains("minimum") && number < schema["minimum"].get<std::int64_t>()) {
        Fail(path, "below the minimum");
      }
      if (schema.contains("maximum") && number > schema["maximum"].get<std::int64_t>()) {
        Fail(path, "above the maximum");
      }
    }
    if (value.is_array()) {
      if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<std::size_t>()) {
        Fail(path, "too many items");
      }
      if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>()) {
        Fail(path, "too few items");
      }
      if (schema.contains("items")) {
        for (std::size_t i = 0; i < value.size(); ++i) {
          Check(value[i], schema["items"], path + "[" + std::to_string(i) + "]");
        }
      }
    }
    if (value.is_object()) CheckObject(value, schema, path);
  }

  void CheckString(const std::string& text, const json& schema, const std::string& path) {
    if (schema.contains("maxLength") && text.size() > schema["maxLength"].get<std::size_t>()) {
      Fail(path, "longer than maxLength");
    }
    if (schema.contains("pattern") &&
        !std::regex_search(text, std::regex(schema["pattern"].get<std::string>()))) {
      Fail(path, "'" + text + "' does not match " + schema["pattern"].get<std::string>());
    }
    const std::string format = schema.value("format", "");
    static const std::regex date(R"(^\d{4}-\d{2}-\d{2}$)");
    static const std::regex date_time(
        R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
    if (format == "date" && !std::regex_match(text, date)) Fail(path, "'" + text + "' is no date");
    if (format == "date-time" && !std::regex_match(text, date_time)) {
      Fail(path, "'" + text + "' is no date-time");
    }
  }

  void CheckObject(const json& value, const json& schema, const std::string& path) {
    if (schema.contains("required")) {
      for (const json& name : schema["required"]) {
        if (!value.contains(name.get<std::string>())) {
          Fail(path, "lacks the required " + name.get<std::string>());
        }
      }
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& [name, member] : value.items()) {
      if (properties.contains(name)) {
        Check(member, properties[name], path + "." + name);
      } else if (schema.contains("additionalProperties")) {
        const json& additional = schema["additionalProperties"];
        if (additional.is_boolean()) {
          if (!additional.get<bool>()) Fail(path, "has the undocumented member " + name);
        } else {
          Check(member, additional, path + "." + name);
        }
      }
    }
  }

  const json& components_;
  std::vector<std::string> errors_;
};

std::string Join(const std::vector<std::string>& errors) {
  std::string text;
  for (const std::string& error : errors) text += "\n  " + error;
  return text;
}

// The schema the route with this method and path names for its success response.
const Route& FindRoute(std::string_view method, std::string_view path) {
  for (const Route& route : AllRoutes()) {
    if (route.method == method && route.path == path) return route;
  }
  ADD_FAILURE() << "no route " << method << " " << path;
  return AllRoutes().front();
}

class OpenApiResponseTest : public ApiTest {
 protected:
  // Districts, demo users and licensed providers (tests/journey), so that every area answers.
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    market_ = std::make_unique<app::testing::JourneyMarket>(server().store());
    ASSERT_EQ(market_->Seed(), "");
  }
  static void TearDownTestSuite() {
    market_.reset();
    ApiTest::TearDownTestSuite();
  }

  // Sends the request as `role` and checks the status the route table promises and the body
  // against the route's response schema (and the request body against its request schema).
  json Expect(Role role, std::string_view method, std::string_view pattern,
              const std::string& target, const std::string& body = "") {
    const Route& route = FindRoute(method, pattern);
    Validator validator(Components());
    if (!body.empty()) {
      const auto errors =
          validator.Validate(json::parse(body), Components()[std::string(route.request_schema)]);
      EXPECT_TRUE(errors.empty()) << method << " " << target << " request:" << Join(errors);
    }
    const Reply reply = server().SendAs(role, method, target, body);
    EXPECT_EQ(reply.status, route.success_status)
        << method << " " << target << " " << reply.Describe();
    if (reply.status != route.success_status) return json();
    const auto errors =
        validator.Validate(reply.json, Components()[std::string(route.response_schema)]);
    EXPECT_TRUE(errors.empty()) << method << " " << target << " answers against "
                                << route.response_schema << ":" << Join(errors);
    return reply.json;
  }

  static std::unique_ptr<app::testing::JourneyMarket> market_;
};

std::unique_ptr<app::testing::JourneyMarket> OpenApiResponseTest::market_;

TEST_F(OpenApiResponseTest, TheQuoteExampleIsWhatTheServerAnswers) {
  const json& request = Components()["QuoteRequest"]["example"];
  const json& example = Components()["Quote"]["example"];
  const json quote =
      Expect(Role::kPublic, "POST", "/api/v1/quotes", "/api/v1/quotes", request.dump());
  ASSERT_TRUE(quote.is_object());
  EXPECT_EQ(quote, example) << quote.dump(2);
  EXPECT_EQ(quote["base_pence"], 1100000);
  EXPECT_EQ(quote["geographic_weight"], "1.000000");
  EXPECT_EQ(quote["cyclical_weight"], "1.000000");
  EXPECT_EQ(quote["price_pence"], 1100000);
}

TEST_F(OpenApiResponseTest, ConfigurationAndRegisterResponsesMatchTheirSchemas) {
  Expect(Role::kPublic, "GET", "/api/v1/catalogue", "/api/v1/catalogue");
  Expect(Role::kPublic, "GET", "/api/v1/assessment/questionnaire",
         "/api/v1/assessment/questionnaire");
  Expect(Role::kPublic, "GET", "/api/v1/choice/rules", "/api/v1/choice/rules");
  Expect(Role::kPublic, "GET", "/api/v1/tariffs", "/api/v1/tariffs");
  Expect(Role::kPublic, "GET", "/api/v1/tariffs/{version}", "/api/v1/tariffs/1");
  Expect(Role::kPublic, "GET", "/api/v1/checklist", "/api/v1/checklist");
  Expect(Role::kPublic, "GET", "/api/v1/areas", "/api/v1/areas?limit=5");
  Expect(Role::kPublic, "GET", "/api/v1/rubric", "/api/v1/rubric");
  Expect(Role::kPublic, "GET", "/api/v1/register", "/api/v1/register");
  Expect(Role::kPublic, "GET", "/api/v1/findings/latest", "/api/v1/findings/latest");
}

TEST_F(OpenApiResponseTest, RepublishedConfigurationRoundTripsThroughItsSchema) {
  // What the GET answers is a valid request body for the matching POST (the same schema).
  json catalogue = server().Get("/api/v1/catalogue").json;
  catalogue["version"] = catalogue["version"].get<int>() + 1;
  Expect(Role::kGovernment, "POST", "/api/v1/catalogue", "/api/v1/catalogue", catalogue.dump());
  json rules = server().Get("/api/v1/choice/rules").json;
  rules["version"] = rules["version"].get<int>() + 1;
  Expect(Role::kRegulator, "POST", "/api/v1/choice/rules", "/api/v1/choice/rules", rules.dump());
  json config = server().Get("/api/v1/assessment/questionnaire").json;
  config["questionnaire"]["version"] = config["questionnaire"]["version"].get<int>() + 1;
  config["rules"]["version"] = config["rules"]["version"].get<int>() + 1;
  config["rules"]["questionnaire_version"] = config["questionnaire"]["version"];
  Expect(Role::kRegulator, "POST", "/api/v1/assessment/questionnaire",
         "/api/v1/assessment/questionnaire", config.dump());
}

TEST_F(OpenApiResponseTest, LicensingAndRegulationResponsesMatchTheirSchemas) {
  const json organisation =
      Expect(Role::kPublic, "POST", "/api/v1/organisations", "/api/v1/organisations", R"({
    "name": "Schema Works CIC", "legal_form": "company", "size": "small",
    "sectors": ["employment"], "areas": ["E09000017"],
    "username": "schema_works", "password": "correct horse battery"})");
  Expect(Role::kRegulator, "GET", "/api/v1/licences", "/api/v1/licences");
  Expect(Role::kRegulator, "GET", "/api/v1/complaints", "/api/v1/complaints");
  Expect(Role::kRegulator, "GET", "/api/v1/appeals", "/api/v1/appeals");
  Expect(Role::kRegulator, "GET", "/api/v1/disputes", "/api/v1/disputes");
  Expect(Role::kRegulator, "GET", "/api/v1/inspections", "/api/v1/inspections");
  if (organisation.is_object()) {
    const std::string provider = std::to_string(organisation["provider_id"].get<std::int64_t>());
    const json complaint =
        Expect(Role::kPublic, "POST", "/api/v1/complaints", "/api/v1/complaints",
               R"({"provider_id": )" + provider +
                   R"(, "category": "service_quality", "text": "Nobody called back.",
                      "contact_email": "someone@example.org"})");
    if (complaint.is_object()) {
      const std::string id = std::to_string(complaint["id"].get<std::int64_t>());
      Expect(Role::kRegulator, "POST", "/api/v1/complaints/{id}/closure",
             "/api/v1/complaints/" + id + "/closure",
             R"({"outcome": "withdrawn", "reasons": "Resolved by phone."})");
    }
    const json inspection =
        Expect(Role::kInspector, "POST", "/api/v1/inspections", "/api/v1/inspections",
               R"({"provider_id": )" + provider + R"(, "visit_date": "2025-01-03", "scores": {}})");
    if (inspection.is_object()) {
      Expect(Role::kPublic, "GET", "/api/v1/providers/{id}/findings",
             "/api/v1/providers/" + provider + "/findings");
    }
  }
}

TEST_F(OpenApiResponseTest, JourneyResponsesMatchTheirSchemas) {
  const json entry = Expect(Role::kReferrer, "POST", "/api/v1/entries", "/api/v1/entries", R"({
    "route": "referral", "source": "jobcentre", "notes": "Wants work",
    "person": {"full_name": "Ada Schema", "date_of_birth": "1990-02-03",
               "area_code": "E09000017", "national_insurance": "QQ123456C"}})");
  if (entry.is_object()) {
    const std::string citizen = std::to_string(entry["citizen_id"].get<std::int64_t>());
    const json answers = {{"answers", app::testing::UnemployedAnswers()},
                          {"recommendations", "Start with a work trial"}};
    Expect(Role::kReferrer, "POST", "/api/v1/citizens/{id}/assessments",
           "/api/v1/citizens/" + citizen + "/assessments", answers.dump());
    const std::string options_path = "/api/v1/citizens/" + citizen + "/options";
    json options = Expect(Role::kReferrer, "GET", "/api/v1/citizens/{id}/options",
                          options_path + "?end_result=individual_prosperity");
    if (options.is_object() && options["choice"]["format"] == "assisted") {
      json shortlist = {{"end_result", "individual_prosperity"}, {"provider_ids", json::array()}};
      for (const json& provider : options["providers"]) {
        if (shortlist["provider_ids"].size() < 3) {
          shortlist["provider_ids"].push_back(provider["provider_id"]);
        }
      }
      options = Expect(Role::kReferrer, "POST", "/api/v1/citizens/{id}/shortlist",
                       "/api/v1/citizens/" + citizen + "/shortlist", shortlist.dump());
    }
    if (options.is_object()) {
      ASSERT_FALSE(options["providers"].empty());
      json chosen = options["providers"][0];
      for (const json& provider : options["providers"]) {
        if (provider["on_shortlist"] == true) chosen = provider;
      }
      const json registration = {{"end_result", "individual_prosperity"},
                                 {"provider_id", chosen["provider_id"]}};
      Expect(Role::kReferrer, "POST", "/api/v1/citizens/{id}/registrations",
             "/api/v1/citizens/" + citizen + "/registrations", registration.dump());
    }
  }
  const json signed_up =
      Expect(Role::kPublic, "POST", "/api/v1/citizens/sign-up", "/api/v1/citizens/sign-up", R"({
    "username": "grace_schema", "password": "correct horse battery", "source": "online",
    "person": {"full_name": "Grace Schema", "date_of_birth": "1985-06-07",
               "area_code": "E09000017", "email": "grace@example.org"}})");
  const json citizens = Expect(Role::kRegulator, "GET", "/api/v1/citizens", "/api/v1/citizens");
  if (citizens.is_object()) {
    for (const json& citizen : citizens["items"]) {
      Expect(Role::kRegulator, "GET", "/api/v1/citizens/{id}",
             "/api/v1/citizens/" + std::to_string(citizen["id"].get<std::int64_t>()));
    }
  }
  Expect(Role::kRegulator, "GET", "/api/v1/registrations", "/api/v1/registrations");
  Expect(Role::kRegulator, "POST", "/api/v1/jobs/choice-deadlines", "/api/v1/jobs/choice-deadlines",
         "{}");
  (void)signed_up;
}

TEST_F(OpenApiResponseTest, PaymentResponsesMatchTheirSchemas) {
  // A registration through the use cases, so that the run has lines.
  app::Journey journey(market_->app());
  const CitizenId citizen = market_->Refer("Pay Schema", "jobcentre");
  ASSERT_TRUE(
      journey.Assess(market_->As("referrer"), citizen, app::testing::UnemployedAnswers(), "").ok());
  const auto& m = market_->market();
  ASSERT_TRUE(journey
                  .Shortlist(market_->As("referrer"), citizen, "individual_prosperity",
                             {m.general_a, m.general_b, m.general_c})
                  .ok());
  ASSERT_TRUE(
      journey.Register(market_->As("referrer"), citizen, "individual_prosperity", m.general_a)
          .ok());

  Expect(Role::kPublic, "POST", "/api/v1/splits", "/api/v1/splits",
         R"({"price_pence": 1100000, "licensed_on": "2014-01-01", "registered_on": "2014-08-01",
             "outcome": "employment_sustained_2y"})");
  const std::string today = server().clock().Now().UtcDate().ToString();
  const json run = Expect(Role::kRegulator, "POST", "/api/v1/payment-runs", "/api/v1/payment-runs",
                          json{{"as_of", today}}.dump());
  ASSERT_TRUE(run.is_object());
  const std::string path = "/api/v1/payment-runs/" + std::to_string(run["id"].get<std::int64_t>());
  Expect(Role::kGovernment, "GET", "/api/v1/payment-runs/{id}", path);
  Expect(Role::kRegulator, "GET", "/api/v1/payment-runs", "/api/v1/payment-runs?limit=5");
  const std::string provider = std::to_string(m.general_a.value());
  Expect(Role::kRegulator, "GET", "/api/v1/payment-runs/{id}/statements/{provider_id}",
         path + "/statements/" + provider);
  Expect(Role::kRegulator, "GET", "/api/v1/providers/{id}/statements",
         "/api/v1/providers/" + provider + "/statements");
  Expect(Role::kRegulator, "GET", "/api/v1/receivables", "/api/v1/receivables");
  // The other payment areas' reads.
  Expect(Role::kPublic, "GET", "/api/v1/payment-settings", "/api/v1/payment-settings");
  Expect(Role::kRegulator, "GET", "/api/v1/providers/{id}/payment-mode",
         "/api/v1/providers/" + provider + "/payment-mode");
  Expect(Role::kGovernment, "GET", "/api/v1/budgets", "/api/v1/budgets");
  Expect(Role::kRegulator, "GET", "/api/v1/claims", "/api/v1/claims");
  Expect(Role::kCitizen, "GET", "/api/v1/me/surveys", "/api/v1/me/surveys");
  Expect(Role::kPublic, "GET", "/api/v1/satisfaction",
         "/api/v1/satisfaction?from=" + server().clock().Now().UtcDate().AddMonths(-12).ToString() +
             "&to=" + today);
  Expect(Role::kPublic, "GET", "/api/v1/skunkworks", "/api/v1/skunkworks");
  Expect(Role::kRegulator, "POST", "/api/v1/jobs/surveys", "/api/v1/jobs/surveys",
         json{{"date", today}}.dump());
}

}  // namespace
}  // namespace psl::api::testing
