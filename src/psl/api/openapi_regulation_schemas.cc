// Component schemas of the regulation routes: inspections (inspection_routes.cc), complaints
// (complaint_routes.cc) and appeals and disputes (appeal_routes.cc, regulation_decoding.cc).
#include "psl/api/openapi_schemas.h"
#include "psl/licensing/licence.h"
#include "psl/regulation/appeal.h"
#include "psl/regulation/complaint.h"
#include "psl/regulation/inspection.h"

namespace psl::api::openapi {
namespace {

using regulation::AppealStatus;
using regulation::ComplainantKind;
using regulation::ComplaintCategory;
using regulation::ComplaintOutcome;
using regulation::ComplaintStatus;
using regulation::CriterionKind;
using regulation::DisputeFinding;
using regulation::DisputeStatus;
using regulation::InspectionStatus;
using regulation::PartyKind;

json Text(std::size_t max_characters) { return Str(static_cast<int>(max_characters)); }

json CriterionKindEnum() {
  return Enum({regulation::CriterionKindName(CriterionKind::kScore),
               regulation::CriterionKindName(CriterionKind::kFlag)});
}

// A criterion's answer: a score 1..5, or true/false for a flag.
json Answer() {
  return {{"oneOf", {Int(1, regulation::kMaxScore), Bool()}},
          {"description", "A score from 1 to 5, or true or false for a flag"}};
}

json ComplaintCategoryEnum() {
  return Enum({regulation::ComplaintCategoryName(ComplaintCategory::kServiceQuality),
               regulation::ComplaintCategoryName(ComplaintCategory::kSafeguarding),
               regulation::ComplaintCategoryName(ComplaintCategory::kInducements),
               regulation::ComplaintCategoryName(ComplaintCategory::kMisleadingMarketing),
               regulation::ComplaintCategoryName(ComplaintCategory::kDataProtection),
               regulation::ComplaintCategoryName(ComplaintCategory::kOther)});
}

json ComplaintOutcomeEnum() {
  return Enum({regulation::ComplaintOutcomeName(ComplaintOutcome::kUpheld),
               regulation::ComplaintOutcomeName(ComplaintOutcome::kPartlyUpheld),
               regulation::ComplaintOutcomeName(ComplaintOutcome::kNotUpheld),
               regulation::ComplaintOutcomeName(ComplaintOutcome::kWithdrawn)});
}

json PartyKindEnum() {
  return Enum({regulation::PartyKindName(PartyKind::kProvider),
               regulation::PartyKindName(PartyKind::kGovernment)});
}

json DisputeFindingEnum() {
  return Enum({regulation::DisputeFindingName(DisputeFinding::kForClaimant),
               regulation::DisputeFindingName(DisputeFinding::kForRespondent),
               regulation::DisputeFindingName(DisputeFinding::kPartly)});
}

json LicenceStatusEnum() {
  using licensing::LicenceStatus;
  return Enum({licensing::LicenceStatusName(LicenceStatus::kApplied),
               licensing::LicenceStatusName(LicenceStatus::kUnderReview),
               licensing::LicenceStatusName(LicenceStatus::kGranted),
               licensing::LicenceStatusName(LicenceStatus::kRefused),
               licensing::LicenceStatusName(LicenceStatus::kSuspended),
               licensing::LicenceStatusName(LicenceStatus::kRevoked)});
}

void AddInspections(json& schemas) {
  schemas["RubricCriterionRequest"] = Object({{"key", Text(regulation::kMaxCriterionKeyLength)},
                                              {"label", Text(regulation::kMaxCriterionLabelLength)},
                                              {"kind", CriterionKindEnum()},
                                              {"adverse_answer", Nullable(Bool())}},
                                             {"key", "label", "kind"});
  schemas["RubricRequest"] =
      Object({{"criteria",
               Array(Ref("RubricCriterionRequest"), static_cast<int>(regulation::kMaxCriteria))}},
             {"criteria"});
  schemas["RubricCriterion"] = Closed({{"key", Str()},
                                       {"label", Str()},
                                       {"kind", CriterionKindEnum()},
                                       {"adverse_answer", Nullable(Bool())}});
  schemas["Rubric"] =
      Closed({{"version", Int(1, 2147483647)}, {"criteria", Array(Ref("RubricCriterion"))}});
  json scores = Map(Answer());
  scores["maxProperties"] = static_cast<int>(regulation::kMaxCriteria);
  scores["description"] = "Each criterion's answer, by criterion key";
  schemas["VisitRecordRequest"] =
      Object({{"provider_id", Id()},
              {"visit_date", Date()},
              {"scores", scores},
              {"finding", Nullable(Text(regulation::kMaxFindingLength))},
              {"malpractice", Nullable(Bool())}},
             {"provider_id", "visit_date", "scores"});
  schemas["Inspection"] = Closed(
      {{"id", Id()},
       {"provider_id", Id()},
       {"visit_date", Date()},
       {"inspector_id", Nullable(Id())},
       {"rubric_version", Int(1, 2147483647)},
       {"status", Enum({regulation::InspectionStatusName(InspectionStatus::kDraft),
                        regulation::InspectionStatusName(InspectionStatus::kPublished)})},
       {"scores", Map(Answer())},
       {"finding", Str()},
       {"malpractice", Bool()},
       {"overall_score",
        {{"type", "string"},
         {"nullable", true},
         {"pattern", "^-?[0-9]+\\.[0-9]$"},
         {"description", "The mean score to one decimal place; null when nothing is scored"}}},
       {"overall_score_tenths", Nullable(Int())},
       {"adverse_flags", Array(Str())},
       {"suspension_suggested", Bool()},
       {"created_at", DateTime()},
       {"updated_at", DateTime()},
       {"published_at", Nullable(DateTime())},
       {"published_by", Nullable(Id())}});
  schemas["InspectionPage"] = Page("Inspection", "next_before", Id());
  schemas["LatestFindingPage"] = Page("Inspection", "next_after_provider", Id());
}

void AddComplaints(json& schemas) {
  schemas["ComplaintRequest"] =
      Object({{"provider_id", Id()},
              {"category", ComplaintCategoryEnum()},
              {"text", Text(regulation::kMaxComplaintTextLength)},
              {"contact_email",
               {{"type", "string"},
                {"nullable", true},
                {"maxLength", static_cast<int>(regulation::kMaxContactEmailLength)},
                {"description", "Required when filing without a citizen login"}}}},
             {"provider_id", "category", "text"});
  schemas["ComplaintResponseRequest"] =
      Object({{"response", Text(regulation::kMaxComplaintResponseLength)}}, {"response"});
  schemas["ComplaintClosureRequest"] =
      Object({{"outcome", ComplaintOutcomeEnum()},
              {"reasons", Text(regulation::kMaxComplaintReasonsLength)}},
             {"outcome", "reasons"});
  schemas["Complaint"] =
      Closed({{"id", Id()},
              {"provider_id", Id()},
              {"category", ComplaintCategoryEnum()},
              {"text", Str()},
              {"complainant", Enum({regulation::ComplainantKindName(ComplainantKind::kCitizen),
                                    regulation::ComplainantKindName(ComplainantKind::kPublic)})},
              {"citizen_id", Nullable(Id())},
              {"filed_by_user_id", Nullable(Id())},
              {"contact_email", Nullable(Str())},
              {"filed_at", DateTime()},
              {"response_due", Date()},
              {"status", Enum({regulation::ComplaintStatusName(ComplaintStatus::kOpen),
                               regulation::ComplaintStatusName(ComplaintStatus::kResponded),
                               regulation::ComplaintStatusName(ComplaintStatus::kClosed)})},
              {"overdue", Bool()},
              {"response", Nullable(Str())},
              {"responded_at", Nullable(DateTime())},
              {"responded_by_user_id", Nullable(Id())},
              {"outcome", Nullable(ComplaintOutcomeEnum())},
              {"outcome_reasons", Nullable(Str())},
              {"closed_at", Nullable(DateTime())},
              {"closed_by_user_id", Nullable(Id())}});
  schemas["ComplaintPage"] = Page("Complaint", "next_before", Id());
}

void AddAppeals(json& schemas) {
  const json arbitration = {
      {"outcome", Str()}, {"reasons", Str()}, {"decided_by", Str()}, {"decided_at", DateTime()}};
  json appeal_decision = Closed(arbitration);
  appeal_decision["properties"]["outcome"] =
      Enum({regulation::AppealStatusName(AppealStatus::kUpheld),
            regulation::AppealStatusName(AppealStatus::kDismissed)});
  schemas["AppealDecision"] = appeal_decision;
  json resolution = Extend(Closed(arbitration), {{"decision", Nullable(Str())}});
  resolution["properties"]["outcome"] = DisputeFindingEnum();
  schemas["DisputeResolution"] = resolution;

  schemas["AppealRequest"] =
      Object({{"licence_id", Id()}, {"grounds", Text(regulation::kMaxAppealGroundsLength)}},
             {"licence_id", "grounds"});
  schemas["AppealDecisionRequest"] =
      Object({{"decision", Enum({"uphold", "dismiss"})},
              {"reasons", Text(regulation::kMaxArbitrationTextLength)}},
             {"decision", "reasons"});
  schemas["Appeal"] =
      Closed({{"id", Id()},
              {"licence_id", Id()},
              {"provider_id", Id()},
              {"provider_name", Str()},
              {"licence_kind", Str()},
              {"appealed_status", Enum({"refused", "suspended", "revoked"})},
              {"grounds", Str()},
              {"status", Enum({regulation::AppealStatusName(AppealStatus::kLodged),
                               regulation::AppealStatusName(AppealStatus::kUpheld),
                               regulation::AppealStatusName(AppealStatus::kDismissed)})},
              {"lodged_by", Str()},
              {"lodged_at", DateTime()},
              {"licence_status_after", Nullable(LicenceStatusEnum())},
              {"decision", Nullable(Ref("AppealDecision"))}});
  schemas["AppealPage"] = Page("Appeal", "next_after", Id());

  schemas["DisputeRequest"] = Object(
      {{"respondent_kind", PartyKindEnum()},
       {"respondent_provider_id",
        {{"type", "integer"},
         {"format", "int64"},
         {"minimum", 1},
         {"nullable", true},
         {"description", "Required when the respondent is a provider; absent for government"}}},
       {"subject", Text(regulation::kMaxDisputeSubjectLength)},
       {"description", Text(regulation::kMaxDisputeDescriptionLength)}},
      {"respondent_kind", "subject", "description"});
  schemas["DisputeResolutionRequest"] =
      Object({{"finding", DisputeFindingEnum()},
              {"decision", Text(regulation::kMaxArbitrationTextLength)},
              {"reasons", Text(regulation::kMaxArbitrationTextLength)}},
             {"finding", "decision", "reasons"});
  schemas["DisputeParty"] =
      Closed({{"kind", PartyKindEnum()}, {"provider_id", Nullable(Id())}, {"name", Str()}});
  schemas["Dispute"] =
      Closed({{"id", Id()},
              {"claimant", Ref("DisputeParty")},
              {"respondent", Ref("DisputeParty")},
              {"subject", Str()},
              {"description", Str()},
              {"status", Enum({regulation::DisputeStatusName(DisputeStatus::kOpen),
                               regulation::DisputeStatusName(DisputeStatus::kResolved)})},
              {"filed_by", Str()},
              {"filed_at", DateTime()},
              {"resolution", Nullable(Ref("DisputeResolution"))}});
  schemas["DisputePage"] = Page("Dispute", "next_after", Id());
}

}  // namespace

void AddRegulationSchemas(json& schemas) {
  AddInspections(schemas);
  AddComplaints(schemas);
  AddAppeals(schemas);
}

}  // namespace psl::api::openapi
