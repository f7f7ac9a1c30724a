#include "psl/api/request_decoding.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "psl/config/json_reader.h"

namespace psl::api {
namespace {

using nlohmann::json;

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

Result<json> ParseObject(std::string_view body) { return ParseJsonObject(body); }

Result<Date> DateField(ObjectReader& reader, const std::string& name) {
  PSL_ASSIGN_OR_RETURN(const std::string text, reader.String(name, 10));
  auto date = Date::Parse(text);
  if (!date.ok()) return Invalid(date.status().message(), name);
  return *date;
}

constexpr std::int64_t kMaxId = 1'000'000'000'000'000'000;

}  // namespace

Result<LoginRequest> DecodeLoginRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseObject(body));
  ObjectReader reader(object, "");
  LoginRequest request;
  PSL_ASSIGN_OR_RETURN(request.username, reader.String("username", access::kMaxUsernameLength));
  PSL_ASSIGN_OR_RETURN(request.password, reader.String("password", access::kMaxPasswordLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return request;
}

Result<app::NewUser> DecodeNewUserRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseObject(body));
  ObjectReader reader(object, "");
  app::NewUser user;
  PSL_ASSIGN_OR_RETURN(user.username, reader.String("username", access::kMaxUsernameLength));
  PSL_ASSIGN_OR_RETURN(user.password, reader.String("password", access::kMaxPasswordLength));
  PSL_ASSIGN_OR_RETURN(const std::string role, reader.String("role", 20));
  PSL_ASSIGN_OR_RETURN(user.role, access::ParseUserRole(role));
  PSL_ASSIGN_OR_RETURN(auto provider, reader.OptionalInteger("provider_id", 1, kMaxId));
  PSL_ASSIGN_OR_RETURN(auto citizen, reader.OptionalInteger("citizen_id", 1, kMaxId));
  if (provider) user.provider_id = ProviderId(*provider);
  if (citizen) user.citizen_id = CitizenId(*citizen);
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(access::ValidateUsername(user.username));
  PSL_RETURN_IF_ERROR(access::ValidatePassword(user.password));
  PSL_RETURN_IF_ERROR(access::ValidateScope(user.role, user.provider_id, user.citizen_id));
  return user;
}

Result<ApiKeyRequest> DecodeApiKeyRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseObject(body));
  ObjectReader reader(object, "");
  ApiKeyRequest request;
  PSL_ASSIGN_OR_RETURN(request.name, reader.String("name", 100));
  PSL_RETURN_IF_ERROR(reader.Finish());
  if (request.name.empty()) return Invalid("name the key", "name");
  return request;
}

Result<ledger::PostingRequest> DecodePostingRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseObject(body));
  ObjectReader reader(object, "");
  ledger::PostingRequest request;
  PSL_ASSIGN_OR_RETURN(request.idempotency_key,
                       reader.String("idempotency_key", ledger::kMaxIdempotencyKeyLength));
  PSL_ASSIGN_OR_RETURN(request.effective_date, DateField(reader, "effective_date"));
  PSL_ASSIGN_OR_RETURN(request.description,
                       reader.String("description", ledger::kMaxDescriptionLength));
  PSL_ASSIGN_OR_RETURN(request.cause, reader.String("cause", ledger::kMaxCauseLength));
  PSL_ASSIGN_OR_RETURN(const json* lines, reader.Array("lines", ledger::kMaxLinesPerPosting));
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const std::string prefix = "lines[" + std::to_string(i) + "]";
    const json& item = (*lines)[i];
    if (!item.is_object()) return Invalid("must be an object", prefix);
    ObjectReader line_reader(item, prefix + ".");
    ledger::PostingLine line;
    PSL_ASSIGN_OR_RETURN(line.account_code, line_reader.String("account", 100));
    PSL_ASSIGN_OR_RETURN(const std::int64_t pence,
                         line_reader.Integer("amount_pence", -ledger::kMaxLineMagnitudePence,
                                             ledger::kMaxLineMagnitudePence));
    line.amount = Money::FromPence(pence);
    PSL_RETURN_IF_ERROR(line_reader.Finish());
    request.lines.push_back(std::move(line));
  }
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(ledger::ValidatePosting(request));
  return request;
}

Result<ReversalRequest> DecodeReversalRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const json object, ParseObject(body));
  ObjectReader reader(object, "");
  ReversalRequest request;
  PSL_ASSIGN_OR_RETURN(request.idempotency_key,
                       reader.String("idempotency_key", ledger::kMaxIdempotencyKeyLength));
  PSL_ASSIGN_OR_RETURN(request.effective_date, DateField(reader, "effective_date"));
  PSL_ASSIGN_OR_RETURN(request.reason, reader.String("reason", ledger::kMaxDescriptionLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  if (request.idempotency_key.empty()) return Invalid("is required", "idempotency_key");
  if (request.reason.empty()) return Invalid("say why the posting is reversed", "reason");
  return request;
}

namespace {

Result<std::optional<std::string>> Single(const Query& query, const std::string& name) {
  const auto count = query.count(name);
  if (count == 0) return std::optional<std::string>();
  if (count > 1) return Invalid("give this parameter once", name);
  return std::optional<std::string>(query.find(name)->second);
}

Result<std::int64_t> PositiveInteger(std::string_view text, std::string_view name,
                                     std::int64_t max) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1 || value > max ||
      text.empty() || text.front() == '+') {
    return Invalid("must be a whole number from 1 to " + std::to_string(max), std::string(name));
  }
  return value;
}

}  // namespace

Result<int> DecodeLimit(const Query& query) {
  PSL_ASSIGN_OR_RETURN(auto text, Single(query, "limit"));
  if (!text) return kDefaultPageSize;
  PSL_ASSIGN_OR_RETURN(const std::int64_t limit, PositiveInteger(*text, "limit", app::kMaxPageSize));
  return static_cast<int>(limit);
}

Result<std::optional<std::int64_t>> DecodeOptionalId(const Query& query, const std::string& name) {
  PSL_ASSIGN_OR_RETURN(auto text, Single(query, name));
  if (!text) return std::optional<std::int64_t>();
  PSL_ASSIGN_OR_RETURN(const std::int64_t id, PositiveInteger(*text, name, kMaxId));
  return std::optional<std::int64_t>(id);
}

Result<std::optional<Date>> DecodeOptionalDate(const Query& query, const std::string& name) {
  PSL_ASSIGN_OR_RETURN(auto text, Single(query, name));
  if (!text) return std::optional<Date>();
  auto date = Date::Parse(*text);
  if (!date.ok()) return Invalid(date.status().message(), name);
  return std::optional<Date>(*date);
}

Result<std::string> DecodeOptionalText(const Query& query, const std::string& name,
                                       std::size_t max_length) {
  PSL_ASSIGN_OR_RETURN(auto text, Single(query, name));
  if (!text) return std::string();
  if (text->size() > max_length) {
    return Invalid("must be at most " + std::to_string(max_length) + " characters", name);
  }
  return *text;
}

Status RefuseUnknownQuery(const Query& query, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : query) {
    bool known = false;
    for (std::string_view name : allowed) known = known || key == name;
    if (!known) return Invalid("unknown query parameter '" + key + "'", key);
  }
  return Status::Ok();
}

Result<std::int64_t> DecodePathId(std::string_view text, std::string_view name) {
  return PositiveInteger(text, name, kMaxId);
}

}  // namespace psl::api
