// The outcomes catalogue as a JSON file (OUT-3): a new catalogue version arrives as a file.
//
// {"version": 2,
//  "end_results": [{"id": "lower_crime", "name": "Lower crime"}, ...],
//  "outcomes": [{"id": "no_custody_3y", "end_result": "lower_crime", "name": "...",
//                "kind": "binary" | "graded", "window_months": 12, "sustain_months": 36,
//                "evidence": "...", "top_up_licence": "clinical_governance" (optional),
//                "skunkworks_variant_of": "employment_sustained_2y" (optional)}, ...]}
#include <limits>
#include <nlohmann/json.hpp>

#include "psl/config/json_reader.h"
#include "psl/config/config_json.h"

namespace psl::config {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxFileBytes = std::size_t{4} * 1024 * 1024;
constexpr std::size_t kMaxItems = 1000;
constexpr std::size_t kMaxString = 5000;
constexpr std::int64_t kIntMin = std::numeric_limits<int>::min();
constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

Result<json> ParseObject(std::string_view text) {
  if (text.size() > kMaxFileBytes) return Invalid("the file is larger than 4 MiB", "");
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Invalid("the file is not valid JSON", "");
  if (!parsed.is_object()) return Invalid("the file must hold one JSON object", "");
  return parsed;
}

Result<catalogue::EndResult> ParseEndResult(const json& item, const std::string& prefix) {
  if (!item.is_object()) return Invalid("must be an object", prefix);
  ObjectReader reader(item, prefix + ".");
  catalogue::EndResult end_result;
  PSL_ASSIGN_OR_RETURN(end_result.id, reader.String("id", kMaxString));
  PSL_ASSIGN_OR_RETURN(end_result.name, reader.String("name", kMaxString));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return end_result;
}

Result<catalogue::KingOutcome> ParseOutcome(const json& item, const std::string& prefix) {
  if (!item.is_object()) return Invalid("must be an object", prefix);
  ObjectReader reader(item, prefix + ".");
  catalogue::KingOutcome outcome;
  PSL_ASSIGN_OR_RETURN(outcome.id, reader.String("id", kMaxString));
  PSL_ASSIGN_OR_RETURN(outcome.end_result, reader.String("end_result", kMaxString));
  PSL_ASSIGN_OR_RETURN(outcome.name, reader.String("name", kMaxString));
  PSL_ASSIGN_OR_RETURN(const std::string kind, reader.String("kind", kMaxString));
  auto parsed_kind = catalogue::ParseOutcomeKind(kind);
  if (!parsed_kind.ok()) return Invalid(parsed_kind.status().message(), prefix + ".kind");
  outcome.kind = *parsed_kind;
  PSL_ASSIGN_OR_RETURN(const std::int64_t window,
                       reader.Integer("window_months", kIntMin, kIntMax));
  outcome.window_months = static_cast<int>(window);
  PSL_ASSIGN_OR_RETURN(const std::int64_t sustain,
                       reader.Integer("sustain_months", kIntMin, kIntMax));
  outcome.sustain_months = static_cast<int>(sustain);
  PSL_ASSIGN_OR_RETURN(outcome.evidence, reader.String("evidence", kMaxString));
  PSL_ASSIGN_OR_RETURN(outcome.top_up_licence, reader.OptionalString("top_up_licence", kMaxString));
  PSL_ASSIGN_OR_RETURN(outcome.skunkworks_variant_of,
                       reader.OptionalString("skunkworks_variant_of", kMaxString));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return outcome;
}

}  // namespace

std::string CatalogueToJson(const catalogue::Catalogue& catalogue) {
  json end_results = json::array();
  for (const catalogue::EndResult& end_result : catalogue.end_results) {
    end_results.push_back(json{{"id", end_result.id}, {"name", end_result.name}});
  }
  json outcomes = json::array();
  for (const catalogue::KingOutcome& outcome : catalogue.outcomes) {
    json item = {{"id", outcome.id},
                 {"end_result", outcome.end_result},
                 {"name", outcome.name},
                 {"kind", std::string(catalogue::OutcomeKindName(outcome.kind))},
                 {"window_months", outcome.window_months},
                 {"sustain_months", outcome.sustain_months},
                 {"evidence", outcome.evidence}};
    if (outcome.top_up_licence.has_value()) item["top_up_licence"] = *outcome.top_up_licence;
    if (outcome.skunkworks_variant_of.has_value()) {
      item["skunkworks_variant_of"] = *outcome.skunkworks_variant_of;
    }
    outcomes.push_back(std::move(item));
  }
  const json document = {
      {"version", catalogue.version}, {"end_results", end_results}, {"outcomes", outcomes}};
  // Invalid UTF-8 (never in a validated catalogue read from JSON) is replaced, not thrown.
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<catalogue::Catalogue> ParseCatalogue(std::string_view json_text) {
  PSL_ASSIGN_OR_RETURN(const json document, ParseObject(json_text));
  ObjectReader reader(document, "");
  catalogue::Catalogue catalogue;
  PSL_ASSIGN_OR_RETURN(const std::int64_t version, reader.Integer("version", kIntMin, kIntMax));
  catalogue.version = static_cast<int>(version);
  PSL_ASSIGN_OR_RETURN(const json* end_results, reader.Array("end_results", kMaxItems));
  for (std::size_t i = 0; i < end_results->size(); ++i) {
    PSL_ASSIGN_OR_RETURN(
        catalogue::EndResult end_result,
        ParseEndResult((*end_results)[i], "end_results[" + std::to_string(i) + "]"));
    catalogue.end_results.push_back(std::move(end_result));
  }
  PSL_ASSIGN_OR_RETURN(const json* outcomes, reader.Array("outcomes", kMaxItems));
  for (std::size_t i = 0; i < outcomes->size(); ++i) {
    PSL_ASSIGN_OR_RETURN(catalogue::KingOutcome outcome,
                         ParseOutcome((*outcomes)[i], "outcomes[" + std::to_string(i) + "]"));
    catalogue.outcomes.push_back(std::move(outcome));
  }
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(catalogue::ValidateCatalogue(catalogue));
  return catalogue;
}

}  // namespace psl::config
