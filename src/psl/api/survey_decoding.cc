#include "psl/api/survey_decoding.h"

#include "psl/config/json_reader.h"

namespace psl::api {
namespace {

// The longest answer name is "extremely_unlikely"; a little room gives a helpful message rather
// than "too long" for a near miss.
constexpr std::size_t kMaxAnswerLength = 40;

Result<Date> RequiredDate(const Query& query, const std::string& name) {
  PSL_ASSIGN_OR_RETURN(const std::optional<Date> date, DecodeOptionalDate(query, name));
  if (!date) {
    return Status(ErrorCode::kInvalidArgument, "is required (YYYY-MM-DD)", name);
  }
  return *date;
}

}  // namespace

Result<Date> DecodeSurveyJobRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(const Date date, reader.DateValue("date"));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return date;
}

Result<std::string> DecodeSurveyAnswerRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(std::string answer, reader.String("answer", kMaxAnswerLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return answer;
}

Result<SatisfactionQuery> DecodeSatisfactionQuery(const Query& query) {
  PSL_RETURN_IF_ERROR(RefuseUnknownQuery(query, {"from", "to"}));
  SatisfactionQuery decoded;
  PSL_ASSIGN_OR_RETURN(decoded.from, RequiredDate(query, "from"));
  PSL_ASSIGN_OR_RETURN(decoded.to, RequiredDate(query, "to"));
  return decoded;
}

}  // namespace psl::api
