// Component schemas of the licensing routes (licensing_routes.cc, licensing_decoding.cc).
#include "psl/access/user.h"
#include "psl/api/openapi_schemas.h"
#include "psl/licensing/checklist.h"
#include "psl/licensing/licence.h"

namespace psl::api::openapi {
namespace {

using licensing::EvidenceKind;
using licensing::LicenceStatus;
using licensing::Section;

json LicenceStatusEnum() {
  return Enum({licensing::LicenceStatusName(LicenceStatus::kApplied),
               licensing::LicenceStatusName(LicenceStatus::kUnderReview),
               licensing::LicenceStatusName(LicenceStatus::kGranted),
               licensing::LicenceStatusName(LicenceStatus::kRefused),
               licensing::LicenceStatusName(LicenceStatus::kSuspended),
               licensing::LicenceStatusName(LicenceStatus::kRevoked)});
}

json LicenceKindEnum() {
  std::vector<std::string_view> kinds = {licensing::kGeneralLicence};
  kinds.insert(kinds.end(), licensing::kTopUpLicences.begin(), licensing::kTopUpLicences.end());
  return EnumOf(kinds);
}

json SectorEnum() { return EnumOf(licensing::kSectors); }
json GroundsEnum() { return EnumOf(licensing::kGrounds); }
json Reasons() { return Str(static_cast<int>(licensing::kMaxReasonsLength)); }

json SectionEnum() {
  return Enum({licensing::SectionName(Section::kManagerial),
               licensing::SectionName(Section::kOperational),
               licensing::SectionName(Section::kFinancial)});
}

json EvidenceKindEnum() {
  return Enum({licensing::EvidenceKindName(EvidenceKind::kText),
               licensing::EvidenceKindName(EvidenceKind::kYes),
               licensing::EvidenceKindName(EvidenceKind::kNo),
               licensing::EvidenceKindName(EvidenceKind::kDecimalAtLeast)});
}

// LicenceSummaryJson.
json LicenceSummaryProperties() {
  return {{"id", Id()},
          {"provider_id", Id()},
          {"provider_name", Str()},
          {"kind", LicenceKindEnum()},
          {"status", LicenceStatusEnum()},
          {"scope_restriction", Nullable(SectorEnum())},
          {"applied_at", DateTime()},
          {"granted_on", Nullable(Date())}};
}

// One decision of LicenceViewJson; `with_assessment` for the Regulator and the provider.
json Decision(bool with_assessment) {
  json decision = Closed({{"from", LicenceStatusEnum()},
                          {"to", LicenceStatusEnum()},
                          {"decided_by", Str()},
                          {"proposed_by", Nullable(Str())},
                          {"grounds", Nullable(GroundsEnum())},
                          {"reasons", Str()},
                          {"at", DateTime()}});
  if (with_assessment) {
    decision = Extend(decision, {{"assessment", Array(Ref("ChecklistItemAssessment"))}});
  }
  return decision;
}

}  // namespace

void AddLicensingSchemas(json& schemas) {
  // --- Organisations (LIC-1) ---
  schemas["OrganisationRequest"] =
      Object({{"name", Str(200)},
              {"legal_form", EnumOf(licensing::kLegalForms)},
              {"size", EnumOf(licensing::kSizes)},
              {"sectors",
               {{"type", "array"},
                {"items", SectorEnum()},
                {"minItems", 1},
                {"maxItems", static_cast<int>(licensing::kSectors.size())},
                {"uniqueItems", true}}},
              {"areas", Array(Str(20), 400)},
              {"username", Str(static_cast<int>(access::kMaxUsernameLength))},
              {"password",
               {{"type", "string"},
                {"format", "password"},
                {"maxLength", static_cast<int>(access::kMaxPasswordLength)}}}},
             {"name", "legal_form", "size", "sectors", "areas", "username", "password"});
  schemas["OrganisationRegistered"] =
      Closed({{"provider_id", Id()}, {"user_id", Id()}, {"username", Str()}});

  // --- The checklist (LIC-2) ---
  schemas["ChecklistItemRequest"] = Object({{"id", Str(64)},
                                            {"section", SectionEnum()},
                                            {"question", Str(500)},
                                            {"kind", EvidenceKindEnum()},
                                            {"threshold", Nullable(Str(30))}},
                                           {"id", "section", "question", "kind"});
  schemas["ChecklistRequest"] = Object(
      {{"items",
        Array(Ref("ChecklistItemRequest"), static_cast<int>(licensing::kMaxChecklistItems))}},
      {"items"});
  schemas["ChecklistItem"] = Closed({{"id", Str()},
                                     {"section", SectionEnum()},
                                     {"question", Str()},
                                     {"kind", EvidenceKindEnum()},
                                     {"threshold", Nullable(Str())}});
  schemas["Checklist"] =
      Closed({{"version", Int(1, 2147483647)}, {"items", Array(Ref("ChecklistItem"))}});
  schemas["ChecklistItemAssessment"] =
      Closed({{"item", Str()}, {"passed", Bool()}, {"reason", Str()}});

  // --- Areas (LIC-7) ---
  schemas["Area"] = Closed({{"code", Str()},
                            {"name", Str()},
                            {"region", Str()},
                            {"imd_average_score", WeightOut()},
                            {"mode", Enum({"live", "control"})}});
  schemas["AreaPage"] = Page("Area", "next_after", Str());
  schemas["AreaModeRequest"] = Object({{"mode", Enum({"live", "control"})}}, {"mode"});

  // --- Licences (LIC-1..8) ---
  schemas["ApplicationRequest"] =
      Object({{"kind", LicenceKindEnum()},
              {"evidence",
               {{"type", "object"},
                {"description", "The answer to each checklist item, by item id"},
                {"maxProperties", static_cast<int>(licensing::kMaxChecklistItems)},
                {"additionalProperties", Str(static_cast<int>(licensing::kMaxEvidenceLength))}}}},
             {"kind", "evidence"});
  schemas["LicenceSummary"] = Closed(LicenceSummaryProperties());
  schemas["LicencePage"] = Page("LicenceSummary", "next_after", Id());
  schemas["LicenceProposal"] = Closed({{"action", Enum({"suspend", "revoke"})},
                                       {"grounds", GroundsEnum()},
                                       {"reasons", Str()},
                                       {"proposed_by", Str()},
                                       {"proposed_at", DateTime()}});
  schemas["Licence"] = Extend(Closed(LicenceSummaryProperties()),
                              {{"decisions", Array(Decision(true))},
                               {"checklist_version", Int(1, 2147483647)},
                               {"evidence", Map(Str())},
                               {"assessment", Array(Ref("ChecklistItemAssessment"))},
                               {"fee_posting_id", Nullable(Id())},
                               {"open_proposal", Nullable(Ref("LicenceProposal"))}});
  json register_entry =
      Extend(Closed(LicenceSummaryProperties()), {{"decisions", Array(Decision(false))}});
  // The organisation is shown when it can be read (always, unless the store fails mid-request).
  register_entry["properties"]["provider"] = Closed({{"name", Str()},
                                                     {"legal_form", EnumOf(licensing::kLegalForms)},
                                                     {"size", EnumOf(licensing::kSizes)},
                                                     {"sectors", Array(SectorEnum())},
                                                     {"areas", Array(Str())}});
  schemas["RegisterEntry"] = register_entry;
  schemas["LicenceDecisionRequest"] = Object({{"decision", Enum({"grant", "refuse"})},
                                              {"reasons", Reasons()},
                                              {"scope_restriction", Nullable(SectorEnum())}},
                                             {"decision", "reasons"});
  schemas["ReasonsRequest"] = Object({{"reasons", Reasons()}}, {"reasons"});
  schemas["LicenceProposalRequest"] = Object(
      {{"action", Enum({"suspend", "revoke"})}, {"grounds", GroundsEnum()}, {"reasons", Reasons()}},
      {"action", "grounds", "reasons"});
  json scope = Nullable(SectorEnum());
  scope["description"] = "The one sector the licence is restricted to; null lifts the restriction";
  schemas["ScopeRequest"] = Object({{"scope_restriction", scope}, {"reasons", Reasons()}},
                                   {"scope_restriction", "reasons"});
}

}  // namespace psl::api::openapi
