// The single assessment's questionnaire and rules as JSON files (ASM-1, ASM-2).
//
// Questionnaire:
// {"version": 1,
//  "questions": [{"id": "reading", "domain": "qualifications", "text": "...",
//                 "kind": "yes_no" | "choice" | "number",
//                 "options": ["easily", ...]        (choice only),
//                 "minimum": 0, "maximum": 120      (number only),
//                 "required": true                  (optional, default true)}, ...]}
//
// Rules:
// {"version": 1, "questionnaire_version": 1,
//  "barriers": [{"barrier": "illiterate", "name": "Illiterate",
//                "when_any": [[{"question": "reading", "one_of": ["not_at_all"]}], ...]}, ...],
//  "eligibility": [{"outcome": "employment_sustained_2y", "when_any": [[...], ...]}, ...]}
// A condition is {"question": id} with exactly one of "equals": text, "one_of": [text, ...],
// "at_least": integer, "at_most": integer. The barrier holds when ANY group holds, a group
// when ALL its conditions hold.
#include <limits>
#include <nlohmann/json.hpp>

#include "psl/config/json_reader.h"
#include "psl/config/config_json.h"

namespace psl::config {
namespace {

using assessment::Condition;
using nlohmann::json;

constexpr std::size_t kMaxFileBytes = std::size_t{4} * 1024 * 1024;
constexpr std::size_t kMaxItems = 1000;
constexpr std::size_t kMaxString = 5000;
constexpr std::int64_t kIntMin = std::numeric_limits<int>::min();
constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

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

std::string Dump(const json& document) {
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// A list of strings at `field` (already known to be an array of at most kMaxItems).
Result<std::vector<std::string>> Strings(const json& array, const std::string& field) {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const json& item = array[i];
    const std::string item_field = field + "[" + std::to_string(i) + "]";
    if (!item.is_string()) return Invalid("must be a string", item_field);
    const auto& text = item.get_ref<const std::string&>();
    if (text.size() > kMaxString) return Invalid("must be at most 5000 characters", item_field);
    values.push_back(text);
  }
  return values;
}

Result<assessment::Question> ParseQuestion(const json& item, const std::string& prefix) {
  if (!item.is_object()) return Invalid("must be an object", prefix);
  ObjectReader reader(item, prefix + ".");
  assessment::Question question;
  PSL_ASSIGN_OR_RETURN(question.id, reader.String("id", kMaxString));
  PSL_ASSIGN_OR_RETURN(question.domain, reader.String("domain", kMaxString));
  PSL_ASSIGN_OR_RETURN(question.text, reader.String("text", kMaxString));
  PSL_ASSIGN_OR_RETURN(const std::string kind, reader.String("kind", kMaxString));
  auto parsed_kind = assessment::ParseQuestionKind(kind);
  if (!parsed_kind.ok()) return Invalid(parsed_kind.status().message(), prefix + ".kind");
  question.kind = *parsed_kind;
  if (item.contains("options")) {
    PSL_ASSIGN_OR_RETURN(const json* options, reader.Array("options", kMaxItems));
    PSL_ASSIGN_OR_RETURN(question.options, Strings(*options, prefix + ".options"));
  }
  PSL_ASSIGN_OR_RETURN(const std::optional<std::int64_t> minimum,
                       reader.OptionalInteger("minimum", kInt64Min, kInt64Max));
  question.minimum = minimum.value_or(0);
  PSL_ASSIGN_OR_RETURN(const std::optional<std::int64_t> maximum,
                       reader.OptionalInteger("maximum", kInt64Min, kInt64Max));
  question.maximum = maximum.value_or(0);
  PSL_ASSIGN_OR_RETURN(const std::optional<bool> required, reader.OptionalBool("required"));
  question.required = required.value_or(true);
  PSL_RETURN_IF_ERROR(reader.Finish());
  return question;
}

json ConditionToJson(const Condition& condition) {
  json item = {{"question", condition.question}};
  if (condition.equals.has_value()) item["equals"] = *condition.equals;
  if (!condition.one_of.empty()) item["one_of"] = condition.one_of;
  if (condition.at_least.has_value()) item["at_least"] = *condition.at_least;
  if (condition.at_most.has_value()) item["at_most"] = *condition.at_most;
  return item;
}

json GroupsToJson(const std::vector<std::vector<Condition>>& when_any) {
  json groups = json::array();
  for (const std::vector<Condition>& group : when_any) {
    json conditions = json::array();
    for (const Condition& condition : group) conditions.push_back(ConditionToJson(condition));
    groups.push_back(std::move(conditions));
  }
  return groups;
}

Result<Condition> ParseCondition(const json& item, const std::string& prefix) {
  if (!item.is_object()) return Invalid("must be an object", prefix);
  ObjectReader reader(item, prefix + ".");
  Condition condition;
  PSL_ASSIGN_OR_RETURN(condition.question, reader.String("question", kMaxString));
  PSL_ASSIGN_OR_RETURN(condition.equals, reader.OptionalString("equals", kMaxString));
  if (item.contains("one_of")) {
    PSL_ASSIGN_OR_RETURN(const json* one_of, reader.Array("one_of", kMaxItems));
    if (one_of->empty()) return Invalid("must name at least one answer", prefix + ".one_of");
    PSL_ASSIGN_OR_RETURN(condition.one_of, Strings(*one_of, prefix + ".one_of"));
  }
  PSL_ASSIGN_OR_RETURN(condition.at_least,
                       reader.OptionalInteger("at_least", kInt64Min, kInt64Max));
  PSL_ASSIGN_OR_RETURN(condition.at_most, reader.OptionalInteger("at_most", kInt64Min, kInt64Max));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return condition;
}

Result<std::vector<std::vector<Condition>>> ParseGroups(ObjectReader& reader,
                                                        const std::string& prefix) {
  PSL_ASSIGN_OR_RETURN(const json* groups, reader.Array("when_any", kMaxItems));
  std::vector<std::vector<Condition>> when_any;
  for (std::size_t g = 0; g < groups->size(); ++g) {
    const json& group = (*groups)[g];
    const std::string group_field = prefix + ".when_any[" + std::to_string(g) + "]";
    if (!group.is_array()) return Invalid("must be an array of conditions", group_field);
    if (group.size() > kMaxItems) return Invalid("at most 1000 conditions", group_field);
    std::vector<Condition> conditions;
    for (std::size_t c = 0; c < group.size(); ++c) {
      PSL_ASSIGN_OR_RETURN(Condition condition,
                           ParseCondition(group[c], group_field + "[" + std::to_string(c) + "]"));
      conditions.push_back(std::move(condition));
    }
    when_any.push_back(std::move(conditions));
  }
  return when_any;
}

}  // namespace

std::string QuestionnaireToJson(const assessment::Questionnaire& questionnaire) {
  json questions = json::array();
  for (const assessment::Question& question : questionnaire.questions) {
    json item = {{"id", question.id},
                 {"domain", question.domain},
                 {"text", question.text},
                 {"kind", std::string(assessment::QuestionKindName(question.kind))}};
    if (!question.options.empty() || question.kind == assessment::QuestionKind::kChoice) {
      item["options"] = question.options;
    }
    if (question.kind == assessment::QuestionKind::kNumber || question.minimum != 0 ||
        question.maximum != 0) {
      item["minimum"] = question.minimum;
      item["maximum"] = question.maximum;
    }
    item["required"] = question.required;
    questions.push_back(std::move(item));
  }
  return Dump(json{{"version", questionnaire.version}, {"questions", questions}});
}

Result<assessment::Questionnaire> ParseQuestionnaire(std::string_view json_text) {
  PSL_ASSIGN_OR_RETURN(const json document, ParseObject(json_text));
  ObjectReader reader(document, "");
  assessment::Questionnaire questionnaire;
  PSL_ASSIGN_OR_RETURN(const std::int64_t version, reader.Integer("version", kIntMin, kIntMax));
  questionnaire.version = static_cast<int>(version);
  PSL_ASSIGN_OR_RETURN(const json* questions, reader.Array("questions", kMaxItems));
  for (std::size_t i = 0; i < questions->size(); ++i) {
    PSL_ASSIGN_OR_RETURN(assessment::Question question,
                         ParseQuestion((*questions)[i], "questions[" + std::to_string(i) + "]"));
    questionnaire.questions.push_back(std::move(question));
  }
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(assessment::ValidateQuestionnaire(questionnaire));
  return questionnaire;
}

std::string RulesToJson(const assessment::Rules& rules) {
  json barriers = json::array();
  for (const assessment::BarrierRule& rule : rules.barriers) {
    barriers.push_back(json{
        {"barrier", rule.barrier}, {"name", rule.name}, {"when_any", GroupsToJson(rule.when_any)}});
  }
  json eligibility = json::array();
  for (const assessment::EligibilityRule& rule : rules.eligibility) {
    eligibility.push_back(
        json{{"outcome", rule.outcome}, {"when_any", GroupsToJson(rule.when_any)}});
  }
  return Dump(json{{"version", rules.version},
                   {"questionnaire_version", rules.questionnaire_version},
                   {"barriers", barriers},
                   {"eligibility", eligibility}});
}

Result<assessment::Rules> ParseRules(std::string_view json_text) {
  PSL_ASSIGN_OR_RETURN(const json document, ParseObject(json_text));
  ObjectReader reader(document, "");
  assessment::Rules rules;
  PSL_ASSIGN_OR_RETURN(const std::int64_t version, reader.Integer("version", kIntMin, kIntMax));
  rules.version = static_cast<int>(version);
  PSL_ASSIGN_OR_RETURN(const std::int64_t questionnaire_version,
                       reader.Integer("questionnaire_version", kIntMin, kIntMax));
  rules.questionnaire_version = static_cast<int>(questionnaire_version);
  PSL_ASSIGN_OR_RETURN(const json* barriers, reader.Array("barriers", kMaxItems));
  for (std::size_t i = 0; i < barriers->size(); ++i) {
    const json& item = (*barriers)[i];
    const std::string prefix = "barriers[" + std::to_string(i) + "]";
    if (!item.is_object()) return Invalid("must be an object", prefix);
    ObjectReader rule_reader(item, prefix + ".");
    assessment::BarrierRule rule;
    PSL_ASSIGN_OR_RETURN(rule.barrier, rule_reader.String("barrier", kMaxString));
    PSL_ASSIGN_OR_RETURN(rule.name, rule_reader.String("name", kMaxString));
    PSL_ASSIGN_OR_RETURN(rule.when_any, ParseGroups(rule_reader, prefix));
    PSL_RETURN_IF_ERROR(rule_reader.Finish());
    rules.barriers.push_back(std::move(rule));
  }
  PSL_ASSIGN_OR_RETURN(const json* eligibility, reader.Array("eligibility", kMaxItems));
  for (std::size_t i = 0; i < eligibility->size(); ++i) {
    const json& item = (*eligibility)[i];
    const std::string prefix = "eligibility[" + std::to_string(i) + "]";
    if (!item.is_object()) return Invalid("must be an object", prefix);
    ObjectReader rule_reader(item, prefix + ".");
    assessment::EligibilityRule rule;
    PSL_ASSIGN_OR_RETURN(rule.outcome, rule_reader.String("outcome", kMaxString));
    PSL_ASSIGN_OR_RETURN(rule.when_any, ParseGroups(rule_reader, prefix));
    PSL_RETURN_IF_ERROR(rule_reader.Finish());
    rules.eligibility.push_back(std::move(rule));
  }
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(assessment::ValidateRulesShape(rules));
  return rules;
}

}  // namespace psl::config
