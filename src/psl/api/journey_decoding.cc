#include "psl/api/journey_decoding.h"

#include "psl/config/config_json.h"
#include "psl/config/json_reader.h"

namespace psl::api {
namespace {

constexpr std::size_t kMaxIdLength = 64;
constexpr std::int64_t kMaxId = 1'000'000'000'000'000'000;

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

Result<std::vector<std::string>> IdList(ObjectReader& reader, const std::string& name,
                                        std::size_t max_items) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json* array, reader.Array(name, max_items));
  std::vector<std::string> values;
  values.reserve(array->size());
  for (std::size_t i = 0; i < array->size(); ++i) {
    const nlohmann::json& item = (*array)[i];
    const std::string field = name + "[" + std::to_string(i) + "]";
    if (!item.is_string()) return Invalid("must be a string", field);
    if (item.get_ref<const std::string&>().size() > kMaxIdLength) {
      return Invalid("must be at most 64 characters", field);
    }
    values.push_back(item.get<std::string>());
  }
  return values;
}

}  // namespace

Result<app::QuoteInput> DecodeQuoteRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  for (const char* price_competition :
       {"discount", "discount_pence", "rebate", "rebate_pence", "bid", "bid_pence"}) {
    if (object.contains(price_competition)) {
      return Invalid(
          "there is no price competition (TAR-5): no discount, rebate or bid against the "
          "tariff is possible; remove the field",
          price_competition);
    }
  }
  ObjectReader reader(object, "");
  app::QuoteInput input;
  PSL_ASSIGN_OR_RETURN(input.outcome, reader.String("outcome", kMaxIdLength));
  PSL_ASSIGN_OR_RETURN(input.barriers, IdList(reader, "barriers", 50));
  PSL_ASSIGN_OR_RETURN(input.area_code, reader.String("area", 16));
  PSL_ASSIGN_OR_RETURN(input.date, reader.DateValue("date"));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return input;
}

namespace {

Result<entry::Person> DecodePerson(ObjectReader& reader) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json* person, reader.Object("person", 10));
  ObjectReader person_reader(*person, "person.");
  entry::Person decoded;
  PSL_ASSIGN_OR_RETURN(decoded.full_name, person_reader.String("full_name", 800));
  PSL_ASSIGN_OR_RETURN(decoded.date_of_birth, person_reader.DateValue("date_of_birth"));
  PSL_ASSIGN_OR_RETURN(decoded.area_code, person_reader.String("area_code", 16));
  PSL_ASSIGN_OR_RETURN(decoded.national_insurance,
                       person_reader.OptionalString("national_insurance", 20));
  PSL_ASSIGN_OR_RETURN(decoded.email, person_reader.OptionalString("email", 254));
  PSL_RETURN_IF_ERROR(person_reader.Finish());
  return decoded;
}

}  // namespace

Result<app::SignUpInput> DecodeSignUpRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  app::SignUpInput input;
  PSL_ASSIGN_OR_RETURN(input.username, reader.String("username", 64));
  PSL_ASSIGN_OR_RETURN(input.password, reader.String("password", 1024));
  PSL_ASSIGN_OR_RETURN(input.source, reader.String("source", 40));
  PSL_ASSIGN_OR_RETURN(input.person, DecodePerson(reader));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return input;
}

Result<app::EntryInput> DecodeEntryRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  app::EntryInput input;
  PSL_ASSIGN_OR_RETURN(input.route, reader.String("route", 40));
  PSL_ASSIGN_OR_RETURN(input.source, reader.String("source", 40));
  PSL_ASSIGN_OR_RETURN(auto notes, reader.OptionalString("notes", 5000));
  input.notes = notes.value_or("");
  PSL_ASSIGN_OR_RETURN(input.person, DecodePerson(reader));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return input;
}

Result<AssessmentRequest> DecodeAssessmentRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  AssessmentRequest request;
  PSL_ASSIGN_OR_RETURN(const nlohmann::json* answers, reader.Object("answers", 200));
  for (const auto& [question, answer] : answers->items()) {
    const std::string field = "answers." + question;
    if (question.size() > kMaxIdLength) return Invalid("unknown question", "answers");
    if (!answer.is_string()) {
      return Invalid("must be a string (\"yes\", an option id, or a whole number as text)", field);
    }
    if (answer.get_ref<const std::string&>().size() > 200) {
      return Invalid("must be at most 200 characters", field);
    }
    request.answers[question] = answer.get<std::string>();
  }
  PSL_ASSIGN_OR_RETURN(auto recommendations, reader.OptionalString("recommendations", 5000));
  request.recommendations = recommendations.value_or("");
  PSL_RETURN_IF_ERROR(reader.Finish());
  return request;
}

Result<ShortlistRequest> DecodeShortlistRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  ShortlistRequest request;
  PSL_ASSIGN_OR_RETURN(request.end_result, reader.String("end_result", kMaxIdLength));
  PSL_ASSIGN_OR_RETURN(const nlohmann::json* ids, reader.Array("provider_ids", 20));
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const nlohmann::json& id = (*ids)[i];
    const std::string field = "provider_ids[" + std::to_string(i) + "]";
    if (!id.is_number_integer()) return Invalid("must be a whole number", field);
    // nlohmann keeps a non-negative number as unsigned: compare in one type, after the sign.
    const bool negative = !id.is_number_unsigned() && id.get<std::int64_t>() < 0;
    if (negative || id.get<std::uint64_t>() < 1 ||
        id.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxId)) {
      return Invalid("must be a provider id (a whole number from 1)", field);
    }
    request.providers.emplace_back(static_cast<std::int64_t>(id.get<std::uint64_t>()));
  }
  PSL_RETURN_IF_ERROR(reader.Finish());
  return request;
}

Result<RegistrationRequest> DecodeRegistrationRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  RegistrationRequest request;
  PSL_ASSIGN_OR_RETURN(request.end_result, reader.String("end_result", kMaxIdLength));
  PSL_ASSIGN_OR_RETURN(const std::int64_t provider, reader.Integer("provider_id", 1, kMaxId));
  request.provider = ProviderId(provider);
  PSL_RETURN_IF_ERROR(reader.Finish());
  return request;
}

Result<std::string> DecodeEndResultRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(std::string end_result, reader.String("end_result", kMaxIdLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return end_result;
}

Result<app::AssessmentConfig> DecodeAssessmentConfigRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(const nlohmann::json* questionnaire, reader.Object("questionnaire", 10));
  PSL_ASSIGN_OR_RETURN(const nlohmann::json* rules, reader.Object("rules", 10));
  PSL_RETURN_IF_ERROR(reader.Finish());
  app::AssessmentConfig config;
  auto parsed_questionnaire = config::ParseQuestionnaire(questionnaire->dump());
  if (!parsed_questionnaire.ok()) {
    const Status& error = parsed_questionnaire.status();
    return Status(error.code(), error.message(), "questionnaire." + error.field());
  }
  config.questionnaire = std::move(parsed_questionnaire).value();
  auto parsed_rules = config::ParseRules(rules->dump());
  if (!parsed_rules.ok()) {
    const Status& error = parsed_rules.status();
    return Status(error.code(), error.message(), "rules." + error.field());
  }
  config.rules = std::move(parsed_rules).value();
  return config;
}

}  // namespace psl::api
