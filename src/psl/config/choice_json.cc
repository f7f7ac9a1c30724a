// The rules of choice (CHO-1) as a JSON file:
//   {"version": 1, "fallback": "assisted", "shortlist_minimum": 3, "shortlist_maximum": 5,
//    "choice_deadline_days": 28, "free_choice_end_results": ["..."],
//    "rules": [{"route": "referral", "source": "jobcentre", "end_result": "individual_prosperity",
//               "format": "assisted"}, ...]}
// A rule's route, source and end_result may be "" or left out: they then match anything.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "psl/config/json_reader.h"
#include "psl/choice/choice.h"
#include "psl/config/config_json.h"

namespace psl::config {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxItems = 1000;
constexpr std::size_t kMaxStringBytes = 5000;
// 1000 rules of three 5000-byte strings fit; anything larger is not a rules file.
constexpr std::size_t kMaxDocumentBytes = 16 * 1024 * 1024;

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

Result<choice::Format> FormatField(ObjectReader& reader, const std::string& prefix,
                                   const std::string& name) {
  PSL_ASSIGN_OR_RETURN(const std::string text, reader.String(name, kMaxStringBytes));
  auto format = choice::ParseFormat(text);
  if (!format.ok()) return Invalid(format.status().message(), prefix + name);
  return *format;
}

Result<choice::FormatRule> ParseRule(const json& value, const std::string& prefix) {
  if (!value.is_object()) return Invalid("must be an object", prefix.substr(0, prefix.size() - 1));
  ObjectReader reader(value, prefix);
  choice::FormatRule rule;
  PSL_ASSIGN_OR_RETURN(auto route, reader.OptionalString("route", kMaxStringBytes));
  PSL_ASSIGN_OR_RETURN(auto source, reader.OptionalString("source", kMaxStringBytes));
  PSL_ASSIGN_OR_RETURN(auto end_result, reader.OptionalString("end_result", kMaxStringBytes));
  PSL_ASSIGN_OR_RETURN(rule.format, FormatField(reader, prefix, "format"));
  PSL_RETURN_IF_ERROR(reader.Finish());
  rule.route = route.value_or("");
  rule.source = source.value_or("");
  rule.end_result = end_result.value_or("");
  return rule;
}

}  // namespace

std::string FormatRulesToJson(const choice::FormatRules& rules) {
  // Members in the order a reader wants them (ordered_json keeps insertion order).
  using ordered = nlohmann::ordered_json;
  ordered rule_list = ordered::array();
  for (const choice::FormatRule& rule : rules.rules) {
    rule_list.push_back({{"route", rule.route},
                         {"source", rule.source},
                         {"end_result", rule.end_result},
                         {"format", std::string(choice::FormatName(rule.format))}});
  }
  ordered free_choice = ordered::array();
  for (const std::string& id : rules.free_choice_end_results) free_choice.push_back(id);
  const ordered document = {{"version", rules.version},
                            {"rules", std::move(rule_list)},
                            {"fallback", std::string(choice::FormatName(rules.fallback))},
                            {"shortlist_minimum", rules.shortlist_minimum},
                            {"shortlist_maximum", rules.shortlist_maximum},
                            {"choice_deadline_days", rules.choice_deadline_days},
                            {"free_choice_end_results", std::move(free_choice)}};
  // Invalid UTF-8 (never in valid rules) is replaced rather than thrown.
  return document.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n";
}

Result<choice::FormatRules> ParseFormatRules(std::string_view json_text) {
  if (json_text.size() > kMaxDocumentBytes) {
    return Status(ErrorCode::kResourceExhausted, "the rules file is larger than 16 MiB", "");
  }
  const json document = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return Invalid("not valid JSON; the rules of choice are one JSON object", "");
  }
  if (!document.is_object()) return Invalid("the rules of choice must be a JSON object", "");

  ObjectReader reader(document, "");
  choice::FormatRules rules;
  PSL_ASSIGN_OR_RETURN(const std::int64_t version, reader.Integer("version", 1, 1'000'000'000));
  rules.version = static_cast<int>(version);

  PSL_ASSIGN_OR_RETURN(const json* rule_list, reader.Array("rules", kMaxItems));
  rules.rules.reserve(rule_list->size());
  for (std::size_t i = 0; i < rule_list->size(); ++i) {
    PSL_ASSIGN_OR_RETURN(choice::FormatRule rule,
                         ParseRule((*rule_list)[i], "rules[" + std::to_string(i) + "]."));
    rules.rules.push_back(std::move(rule));
  }

  PSL_ASSIGN_OR_RETURN(rules.fallback, FormatField(reader, "", "fallback"));
  PSL_ASSIGN_OR_RETURN(const std::int64_t minimum, reader.Integer("shortlist_minimum", 1, 20));
  PSL_ASSIGN_OR_RETURN(const std::int64_t maximum, reader.Integer("shortlist_maximum", 1, 20));
  PSL_ASSIGN_OR_RETURN(const std::int64_t deadline, reader.Integer("choice_deadline_days", 1, 365));
  rules.shortlist_minimum = static_cast<int>(minimum);
  rules.shortlist_maximum = static_cast<int>(maximum);
  rules.choice_deadline_days = static_cast<int>(deadline);

  PSL_ASSIGN_OR_RETURN(const json* free_choice, reader.Array("free_choice_end_results", kMaxItems));
  for (std::size_t i = 0; i < free_choice->size(); ++i) {
    const json& id = (*free_choice)[i];
    const std::string field = "free_choice_end_results[" + std::to_string(i) + "]";
    if (!id.is_string()) return Invalid("must be a string", field);
    const auto& text = id.get_ref<const std::string&>();
    if (text.size() > kMaxStringBytes) {
      return Invalid("must be at most " + std::to_string(kMaxStringBytes) + " characters", field);
    }
    rules.free_choice_end_results.push_back(text);
  }
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(choice::ValidateFormatRules(rules));
  return rules;
}

}  // namespace psl::config
