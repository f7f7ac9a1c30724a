#include "psl/api/licensing_decoding.h"

#include "psl/access/user.h"
#include "psl/config/json_reader.h"

namespace psl::api {
namespace {

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

Result<std::vector<std::string>> StringList(ObjectReader& reader, const std::string& name,
                                            std::size_t max_items, std::size_t max_length) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json* array, reader.Array(name, max_items));
  std::vector<std::string> values;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const nlohmann::json& item = (*array)[i];
    const std::string field = name + "[" + std::to_string(i) + "]";
    if (!item.is_string()) return Invalid("must be a string", field);
    if (item.get_ref<const std::string&>().size() > max_length) {
      return Invalid("too long", field);
    }
    values.push_back(item.get<std::string>());
  }
  return values;
}

}  // namespace

Result<OrganisationRequest> DecodeOrganisationRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  OrganisationRequest request;
  PSL_ASSIGN_OR_RETURN(request.organisation.name, reader.String("name", 200));
  PSL_ASSIGN_OR_RETURN(request.organisation.legal_form, reader.String("legal_form", 40));
  PSL_ASSIGN_OR_RETURN(request.organisation.size, reader.String("size", 40));
  PSL_ASSIGN_OR_RETURN(request.organisation.sectors, StringList(reader, "sectors", 20, 40));
  PSL_ASSIGN_OR_RETURN(request.organisation.area_codes, StringList(reader, "areas", 400, 20));
  PSL_ASSIGN_OR_RETURN(request.username, reader.String("username", access::kMaxUsernameLength));
  PSL_ASSIGN_OR_RETURN(request.password, reader.String("password", access::kMaxPasswordLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(licensing::ValidateOrganisation(request.organisation));
  return request;
}

Result<ApplicationRequest> DecodeApplicationRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  ApplicationRequest request;
  PSL_ASSIGN_OR_RETURN(request.kind, reader.String("kind", 40));
  PSL_ASSIGN_OR_RETURN(const nlohmann::json* evidence,
                       reader.Object("evidence", licensing::kMaxChecklistItems));
  for (const auto& [id, answer] : evidence->items()) {
    if (!answer.is_string()) return Invalid("must be a string", "evidence." + id);
    if (answer.get_ref<const std::string&>().size() > licensing::kMaxEvidenceLength) {
      return Invalid("evidence is at most 2000 characters", "evidence." + id);
    }
    request.evidence[id] = answer.get<std::string>();
  }
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(licensing::ValidateLicenceKind(request.kind));
  return request;
}

Result<DecisionRequest> DecodeDecisionRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  DecisionRequest request;
  PSL_ASSIGN_OR_RETURN(const std::string decision, reader.String("decision", 10));
  if (decision != "grant" && decision != "refuse") {
    return Invalid("the decision is grant or refuse", "decision");
  }
  request.grant = decision == "grant";
  PSL_ASSIGN_OR_RETURN(request.reasons, reader.String("reasons", licensing::kMaxReasonsLength));
  PSL_ASSIGN_OR_RETURN(request.scope_restriction, reader.OptionalString("scope_restriction", 40));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(licensing::ValidateReasons(request.reasons));
  if (request.scope_restriction) {
    PSL_RETURN_IF_ERROR(licensing::ValidateScopeRestriction(*request.scope_restriction));
  }
  return request;
}

Result<ProposalRequest> DecodeProposalRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  ProposalRequest request;
  PSL_ASSIGN_OR_RETURN(request.action, reader.String("action", 10));
  if (request.action != "suspend" && request.action != "revoke") {
    return Invalid("the action is suspend or revoke", "action");
  }
  PSL_ASSIGN_OR_RETURN(request.grounds, reader.String("grounds", 40));
  PSL_ASSIGN_OR_RETURN(request.reasons, reader.String("reasons", licensing::kMaxReasonsLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(licensing::ValidateGrounds(request.grounds));
  PSL_RETURN_IF_ERROR(licensing::ValidateReasons(request.reasons));
  return request;
}

Result<std::string> DecodeReasonsRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(std::string reasons, reader.String("reasons", licensing::kMaxReasonsLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(licensing::ValidateReasons(reasons));
  return reasons;
}

Result<ScopeRequest> DecodeScopeRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  if (!object.contains("scope_restriction")) {
    return Invalid("is required (a sector, or null to lift the restriction)", "scope_restriction");
  }
  ObjectReader reader(object, "");
  ScopeRequest request;
  PSL_ASSIGN_OR_RETURN(request.scope_restriction, reader.OptionalString("scope_restriction", 40));
  PSL_ASSIGN_OR_RETURN(request.reasons, reader.String("reasons", licensing::kMaxReasonsLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  if (request.scope_restriction) {
    PSL_RETURN_IF_ERROR(licensing::ValidateScopeRestriction(*request.scope_restriction));
  }
  PSL_RETURN_IF_ERROR(licensing::ValidateReasons(request.reasons));
  return request;
}

Result<std::vector<licensing::ChecklistItem>> DecodeChecklistRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(const nlohmann::json* array,
                       reader.Array("items", licensing::kMaxChecklistItems));
  std::vector<licensing::ChecklistItem> items;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string prefix = "items[" + std::to_string(i) + "]";
    if (!(*array)[i].is_object()) return Invalid("must be an object", prefix);
    ObjectReader item_reader((*array)[i], prefix + ".");
    licensing::ChecklistItem item;
    PSL_ASSIGN_OR_RETURN(item.id, item_reader.String("id", 64));
    PSL_ASSIGN_OR_RETURN(const std::string section, item_reader.String("section", 20));
    auto parsed_section = licensing::ParseSection(section);
    if (!parsed_section.ok()) return Invalid(parsed_section.status().message(), prefix + ".section");
    item.section = *parsed_section;
    PSL_ASSIGN_OR_RETURN(item.question, item_reader.String("question", 500));
    PSL_ASSIGN_OR_RETURN(const std::string kind, item_reader.String("kind", 20));
    auto parsed_kind = licensing::ParseEvidenceKind(kind);
    if (!parsed_kind.ok()) return Invalid(parsed_kind.status().message(), prefix + ".kind");
    item.kind = *parsed_kind;
    PSL_ASSIGN_OR_RETURN(auto threshold, item_reader.OptionalString("threshold", 30));
    item.threshold = threshold.value_or("");
    PSL_RETURN_IF_ERROR(item_reader.Finish());
    items.push_back(std::move(item));
  }
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(licensing::ValidateChecklist({0, items}));
  return items;
}

Result<std::string> DecodeAreaModeRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  PSL_ASSIGN_OR_RETURN(std::string mode, reader.String("mode", 10));
  PSL_RETURN_IF_ERROR(reader.Finish());
  if (mode != "live" && mode != "control") return Invalid("mode is live or control", "mode");
  return mode;
}

Status DecodeEmptyRequest(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return Status::Ok();
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, ParseJsonObject(body));
  ObjectReader reader(object, "");
  return reader.Finish();
}

}  // namespace psl::api
