// The OpenAPI 3 document, generated from the route table so that it can never drift from what
// the server registers. Component schemas are written here, next to nothing else.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "psl/api/openapi_schemas.h"
#include "psl/api/routes.h"

namespace psl::api {
namespace {

using nlohmann::json;
using openapi::Int;
using openapi::Object;
using openapi::Ref;
using openapi::Str;

json NullableInt() { return {{"type", "integer"}, {"format", "int64"}, {"nullable", true}}; }

// The body of the routes that take none: nothing, or an empty object.
constexpr std::string_view kEmptyRequest = "EmptyRequest";

json Schemas() {
  json schemas;
  schemas["Error"] = Object({{"error", Object({{"code", Str()},
                                               {"message", Str()},
                                               {"field", {{"type", "string"}, {"nullable", true}}}},
                                              {"code", "message", "field"})}},
                            {"error"});
  schemas["Health"] =
      Object({{"status", Str()}, {"schema_version", Int()}}, {"status", "schema_version"});
  schemas["LoginRequest"] =
      Object({{"username", Str()}, {"password", {{"type", "string"}, {"format", "password"}}}},
             {"username", "password"});
  schemas["Session"] = Object({{"token", Str()},
                               {"expires_at", {{"type", "string"}, {"format", "date-time"}}},
                               {"role", Str()}},
                              {"token", "expires_at", "role"});
  schemas["Me"] = Object({{"user_id", Int()},
                          {"username", Str()},
                          {"role", Str()},
                          {"provider_id", NullableInt()},
                          {"citizen_id", NullableInt()}},
                         {"user_id", "username", "role", "provider_id", "citizen_id"});
  schemas["NewUser"] = Object(
      {{"username", Str()},
       {"password", {{"type", "string"}, {"format", "password"}, {"minLength", 10}}},
       {"role",
        {{"type", "string"},
         {"enum", {"government", "regulator", "inspector", "referrer", "provider", "citizen"}}}},
       {"provider_id", NullableInt()},
       {"citizen_id", NullableInt()}},
      {"username", "password", "role"});
  schemas["Created"] = Object({{"id", Int()}}, {"id"});
  schemas["ApiKeyRequest"] = Object({{"name", Str()}}, {"name"});
  schemas["ApiKey"] =
      Object({{"id", Int()}, {"name", Str()}, {"key", Str()}}, {"id", "name", "key"});
  schemas["AuditEntry"] = Object(
      {{"id", Int()},
       {"at", {{"type", "string"}, {"format", "date-time"}}},
       {"user_id", NullableInt()},
       {"username", Str()},
       {"role", Str()},
       {"action", Str()},
       {"target", Str()},
       {"request_id", Str()},
       {"detail", {{"type", "object"}}}},
      {"id", "at", "user_id", "username", "role", "action", "target", "request_id", "detail"});
  schemas["AuditPage"] = Object({{"items", {{"type", "array"}, {"items", Ref("AuditEntry")}}},
                                 {"next_before", NullableInt()}},
                                {"items", "next_before"});
  schemas["PostingLine"] =
      Object({{"account", Str()}, {"amount_pence", Int()}}, {"account", "amount_pence"});
  schemas["PostingRequest"] = Object(
      {{"idempotency_key", Str()},
       {"effective_date", {{"type", "string"}, {"format", "date"}}},
       {"description", Str()},
       {"cause", Str()},
       {"lines",
        {{"type", "array"}, {"minItems", 2}, {"maxItems", 100}, {"items", Ref("PostingLine")}}}},
      {"idempotency_key", "effective_date", "description", "cause", "lines"});
  schemas["ReversalRequest"] = Object({{"idempotency_key", Str()},
                                       {"effective_date", {{"type", "string"}, {"format", "date"}}},
                                       {"reason", Str()}},
                                      {"idempotency_key", "effective_date", "reason"});
  schemas["PostResult"] = Object({{"posting_id", Int()}, {"replayed", {{"type", "boolean"}}}},
                                 {"posting_id", "replayed"});
  json stored_line = Object({{"account", Str()}, {"amount_pence", Int()}, {"amount", Str()}},
                            {"account", "amount_pence", "amount"});
  schemas["Posting"] = Object({{"id", Int()},
                               {"idempotency_key", Str()},
                               {"effective_date", {{"type", "string"}, {"format", "date"}}},
                               {"recorded_at", {{"type", "string"}, {"format", "date-time"}}},
                               {"description", Str()},
                               {"cause", Str()},
                               {"reverses", NullableInt()},
                               {"lines", {{"type", "array"}, {"items", stored_line}}}},
                              {"id", "idempotency_key", "effective_date", "recorded_at",
                               "description", "cause", "reverses", "lines"});
  json balance =
      Object({{"account", Str()}, {"kind", Str()}, {"balance_pence", Int()}, {"balance", Str()}},
             {"account", "kind", "balance_pence", "balance"});
  schemas["BalancePage"] =
      Object({{"as_of", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
              {"items", {{"type", "array"}, {"items", balance}}},
              {"next_after", {{"type", "string"}, {"nullable", true}}}},
             {"as_of", "items", "next_after"});
  schemas["LedgerCheck"] = Object(
      {{"sound", {{"type", "boolean"}}},
       {"postings", Int()},
       {"lines", Int()},
       {"total_pence", Int()},
       {"unbalanced_postings", Int()},
       {"incomplete_postings", Int()}},
      {"sound", "postings", "lines", "total_pence", "unbalanced_postings", "incomplete_postings"});
  json empty = {{"type", "object"}, {"additionalProperties", false}, {"maxProperties", 0}};
  empty["description"] = "No fields: send no body, or {}";
  schemas[std::string(kEmptyRequest)] = empty;
  openapi::AddLicensingSchemas(schemas);
  openapi::AddRegulationSchemas(schemas);
  openapi::AddJourneySchemas(schemas);
  openapi::AddPaymentSchemas(schemas);
  openapi::AddClaimSchemas(schemas);
  openapi::AddSurveySchemas(schemas);
  openapi::AddSkunkworksSchemas(schemas);
  openapi::AddBudgetSchemas(schemas);
  return schemas;
}

// The schema of a page's items' `property` (for filters named like the field they filter),
// without null; a plain string when the route's response is not a page of such items.
json ItemProperty(const json& schemas, std::string_view page, const std::string& property) {
  const auto found = schemas.find(std::string(page));
  if (found == schemas.end() || !found->contains("properties")) return Str();
  const json* items = &(*found)["properties"];
  if (!items->contains("items")) return Str();
  const std::string ref = (*items)["items"]["items"].value("$ref", "");
  const std::string item = ref.substr(ref.rfind('/') + 1);
  if (!schemas.contains(item) || !schemas[item]["properties"].contains(property)) return Str();
  json schema = schemas[item]["properties"][property];
  schema.erase("nullable");
  return schema;
}

json QueryParameter(const json& schemas, const Route& route, std::string_view name) {
  json schema = Str();
  std::string description;
  bool required = false;
  if (name == "limit") {
    schema = {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}, {"default", 50}};
    description = "Page size";
  } else if (name == "before") {
    schema = Int();
    description = "Return items older than this id (the previous page's next_before)";
  } else if (name == "as_of") {
    schema = {{"type", "string"}, {"format", "date"}};
    description = "Balances as of this date (YYYY-MM-DD); all postings when absent";
  } else if (name == "from" || name == "to") {
    schema = {{"type", "string"}, {"format", "date"}};
    // The satisfaction rates need the period; the budget chart defaults to every envelope.
    required = route.operation_id == "getSatisfaction";
    description = name == "from" ? "The period's first day (YYYY-MM-DD)"
                                 : "The period's last day (YYYY-MM-DD)";
  } else if (name == "after") {
    schema = ItemProperty(schemas, route.response_schema, "id");
    if (!schema.contains("format")) schema = Str();
    description = "Return items after this one (the previous page's next_after)";
  } else if (name == "after_provider") {
    schema = Int();
    description = "Return providers after this id (the previous page's next_after_provider)";
  } else if (name == "provider_id") {
    schema = Int();
    description = "Only this provider's";
  } else if (name == "overdue") {
    schema = {{"type", "boolean"}};
    description = "Only those past (true) or within (false) their response deadline";
  } else if (name == "version") {
    schema = Int();
    description = "An earlier version; the current one when absent";
  } else if (name == "end_result") {
    required = true;
    description = "The End Result whose options to show, e.g. individual_prosperity";
  } else if (name == "name") {
    description = "Providers whose name has words starting with these";
  } else if (name == "area") {
    description = "Providers operating in this district (a code such as E09000017)";
  } else if (name == "sector") {
    schema = ItemProperty(schemas, route.response_schema, "scope_restriction");
    description = "Providers working in this sector";
  } else {
    // status, kind, category, mode: a filter on the page items' field of the same name.
    schema = ItemProperty(schemas, route.response_schema, std::string(name));
    if (name == "status" && route.operation_id == "listInspections") {
      description = "Only inspections with this status (default draft)";
    } else {
      description = "Only items whose " + std::string(name) + " is this";
    }
  }
  return {{"name", name},
          {"in", "query"},
          {"required", required},
          {"description", description},
          {"schema", schema}};
}

json ErrorResponseObject(std::string description) {
  return {{"description", std::move(description)},
          {"content", {{"application/json", {{"schema", Ref("Error")}}}}}};
}

json Build() {
  const json schemas = Schemas();
  json paths = json::object();
  std::vector<std::string> tags;
  for (const Route& route : AllRoutes()) {
    json operation = {
        {"operationId", route.operation_id}, {"summary", route.summary}, {"tags", {route.tag}}};
    if (std::find(tags.begin(), tags.end(), route.tag) == tags.end()) {
      tags.emplace_back(route.tag);
    }
    json parameters = json::array();
    std::string path(route.path);
    for (auto open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
      const auto close = path.find('}', open);
      const std::string name = path.substr(open + 1, close - open - 1);
      // {code} is a district code (E09000017); every other path parameter is a number.
      json schema = name == "code" ? Str() : openapi::Id();
      parameters.push_back(
          {{"name", name}, {"in", "path"}, {"required", true}, {"schema", schema}});
    }
    std::string_view query = route.query;
    while (!query.empty()) {
      const auto comma = query.find(',');
      parameters.push_back(QueryParameter(schemas, route, query.substr(0, comma)));
      query = comma == std::string_view::npos ? std::string_view() : query.substr(comma + 1);
    }
    if (!parameters.empty()) operation["parameters"] = parameters;
    if (!route.request_schema.empty()) {
      operation["requestBody"] = {
          {"required", route.request_schema != kEmptyRequest},
          {"content", {{"application/json", {{"schema", Ref(route.request_schema)}}}}}};
    }
    json success = {{"description", "Success"}};
    if (!route.response_schema.empty()) {
      success["content"] = {{"application/json", {{"schema", Ref(route.response_schema)}}}};
    } else if (route.operation_id == "getMetrics") {
      success["content"] = {{"text/plain", {{"schema", Str()}}}};
    } else if (route.operation_id == "getPaymentStatementCsv") {
      success["content"] = {{"text/csv", {{"schema", Str()}}}};
    } else if (route.operation_id == "getOpenApi") {
      success["content"] = {{"application/json", {{"schema", {{"type", "object"}}}}}};
    }
    json responses = {{std::to_string(route.success_status), success},
                      {"400", ErrorResponseObject("The request is malformed; see error.field")}};
    if (route.allowed.AllowsPublic()) {
      operation["security"] = json::array();
    } else {
      responses["401"] = ErrorResponseObject("No valid token: log in first");
      responses["403"] = ErrorResponseObject("The caller's role may not do this");
    }
    if (route.operation_id == "createSession") {
      responses["401"] = ErrorResponseObject("Wrong username or password");
      responses["429"] = ErrorResponseObject("Locked after repeated failures; retry later");
    }
    operation["responses"] = responses;
    std::string method(route.method);
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[path][method] = operation;
  }
  json tag_list = json::array();
  for (const std::string& tag : tags) {
    tag_list.push_back({{"name", tag}, {"description", "PSL " + tag}});
  }
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "PSL: Public Service Licensing API"},
            {"version", "1"},
            {"description",
             "The Regulator's market for human public services: licensing, tailored tariffs, "
             "choice and payment by results. Errors are always {\"error\":{\"code\",\"message\","
             "\"field\"}}."},
            {"license", {{"name", "Proprietary"}, {"url", "http://127.0.0.1:8080/"}}}}},
          {"servers", {{{"url", "http://127.0.0.1:8080"}, {"description", "make run"}}}},
          {"tags", tag_list},
          {"security", {{{"bearer", json::array()}}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes",
             {{"bearer",
               {{"type", "http"},
                {"scheme", "bearer"},
                {"description", "A session token from POST /api/v1/sessions, or an API key"}}}}},
            {"schemas", schemas}}}};
}

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string document = Build().dump(2);
  return document;
}

}  // namespace psl::api
