// Building blocks for the OpenAPI document's component schemas (openapi.cc), and the areas'
// schema sets, each in its own file next to nothing else: openapi_licensing_schemas.cc,
// openapi_regulation_schemas.cc (inspections, complaints, appeals) and
// openapi_journey_schemas.cc. Each schema describes exactly what the area's decoder accepts
// (*_decoding.cc, config/*_json.cc) and what its encoder sends (the *Json functions beside the
// routes): unknown fields are refused, so every object is additionalProperties: false.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace psl::api::openapi {

using nlohmann::json;

inline json Ref(std::string_view component) {
  return {{"$ref", "#/components/schemas/" + std::string(component)}};
}

inline json Str() { return {{"type", "string"}}; }
inline json Str(int max_length) { return {{"type", "string"}, {"maxLength", max_length}}; }
inline json Bool() { return {{"type", "boolean"}}; }
inline json Int() { return {{"type", "integer"}, {"format", "int64"}}; }
inline json Int(std::int64_t minimum, std::int64_t maximum) {
  return {{"type", "integer"}, {"format", "int64"}, {"minimum", minimum}, {"maximum", maximum}};
}
// A database id: a positive int64.
inline json Id() { return {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}}; }
// Money is always whole pence (architecture.md "Money, dates and weights").
inline json Pence() {
  return {{"type", "integer"}, {"format", "int64"}, {"description", "Whole pence"}};
}
inline json Date() { return {{"type", "string"}, {"format", "date"}}; }
inline json DateTime() { return {{"type", "string"}, {"format", "date-time"}}; }
// A weight as the server writes it: six decimal places, e.g. "1.000000".
inline json WeightOut() {
  return {{"type", "string"},
          {"pattern", "^-?[0-9]+\\.[0-9]{6}$"},
          {"description", "A weight with six decimal places"},
          {"example", "1.000000"}};
}
// A weight as the server reads it: up to six decimal places, e.g. "0.85".
inline json WeightIn() {
  return {{"type", "string"},
          {"maxLength", 32},
          {"pattern", "^-?[0-9]+(\\.[0-9]{1,6})?$"},
          {"description", "A weight with at most six decimal places"},
          {"example", "0.850000"}};
}

inline json Enum(std::initializer_list<std::string_view> values) {
  json list = json::array();
  for (std::string_view value : values) list.push_back(std::string(value));
  return {{"type", "string"}, {"enum", list}};
}
template <typename Range>
json EnumOf(const Range& values) {
  json list = json::array();
  for (const auto& value : values) list.push_back(std::string(value));
  return {{"type", "string"}, {"enum", list}};
}

template <typename Range>
std::string Join(const Range& values) {
  std::string text;
  for (const auto& value : values) {
    if (!text.empty()) text += ", ";
    text += std::string(value);
  }
  return text;
}

// The same schema, also allowing null (OpenAPI 3.0: a $ref takes no siblings, so it is wrapped).
inline json Nullable(json schema) {
  if (schema.contains("$ref")) {
    // Every nullable component is an object; OpenAPI wants the type beside `nullable`.
    return {{"type", "object"}, {"allOf", json::array({schema})}, {"nullable", true}};
  }
  schema["nullable"] = true;
  return schema;
}

inline json Array(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
inline json Array(json items, int max_items) {
  return {{"type", "array"}, {"items", std::move(items)}, {"maxItems", max_items}};
}
// An object whose member names are data (a map from id to value).
inline json Map(json values) {
  return {{"type", "object"}, {"additionalProperties", std::move(values)}};
}

inline json Object(json properties, std::vector<std::string> required) {
  json object = {
      {"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
  if (!required.empty()) object["required"] = std::move(required);
  return object;
}

// An object where every property is required (what the encoders send: they always write every
// member, null when there is no value).
inline json Closed(json properties) {
  std::vector<std::string> required;
  for (const auto& [name, schema] : properties.items()) required.push_back(name);
  return Object(std::move(properties), std::move(required));
}

// `base` (a Closed/Object schema) with more properties, all required.
inline json Extend(json base, json more) {
  for (auto& [name, schema] : more.items()) {
    base["properties"][name] = schema;
    base["required"].push_back(name);
  }
  return base;
}

// A page of items with the cursor for the next page (null on the last page).
inline json Page(std::string_view item, std::string_view cursor, json cursor_schema) {
  return Closed(
      {{"items", Array(Ref(item))}, {std::string(cursor), Nullable(std::move(cursor_schema))}});
}

void AddLicensingSchemas(json& schemas);
void AddRegulationSchemas(json& schemas);
void AddJourneySchemas(json& schemas);
void AddPaymentSchemas(json& schemas);
void AddClaimSchemas(json& schemas);
void AddSurveySchemas(json& schemas);
void AddSkunkworksSchemas(json& schemas);
void AddBudgetSchemas(json& schemas);

}  // namespace psl::api::openapi
