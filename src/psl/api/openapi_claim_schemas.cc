// Component schemas of the claim and evidence-feed routes (claim_routes.cc, claim_decoding.cc).
#include "psl/api/openapi_schemas.h"
#include "psl/app/claims.h"

namespace psl::api::openapi {
namespace {

json Fraction() {
  return {{"type", "string"},
          {"maxLength", 32},
          {"pattern", "^[0-9]+(\\.[0-9]{1,6})?$"},
          {"description", "The fraction achieved of a graded outcome, \"0\" to \"1\""},
          {"example", "0.5"}};
}

}  // namespace

void AddClaimSchemas(json& schemas) {
  schemas["ClaimRequest"] = Object({{"registration_id", Id()},
                                    {"outcome", Str(64)},
                                    {"achieved_on", Date()},
                                    {"fraction", Nullable(Fraction())},
                                    {"evidence", Str(static_cast<int>(app::kMaxEvidenceLength))}},
                                   {"registration_id", "outcome", "achieved_on", "evidence"});
  schemas["RejectClaimRequest"] =
      Object({{"reason", Str(static_cast<int>(app::kMaxReasonLength))}}, {"reason"});
  schemas["Claim"] = Closed({{"id", Id()},
                             {"registration_id", Id()},
                             {"outcome", Str()},
                             {"provider_id", Id()},
                             {"citizen_id", Id()},
                             {"achieved_on", Date()},
                             {"fraction", WeightOut()},
                             {"evidence", Str()},
                             {"claimed_on", Date()},
                             {"status", Enum({"pending", "verified", "rejected"})},
                             {"decided_by_user_id", Nullable(Id())},
                             {"decided_on", Nullable(Date())},
                             {"reason", Nullable(Str())},
                             {"verified_by_feed", Nullable(Id())},
                             {"payment_pence", Nullable(Pence())},
                             {"held_reason", Nullable(Str())}});
  schemas["ClaimPage"] = Page("Claim", "next_before", Id());
  json csv = Str(static_cast<int>(64 * 1024));
  csv["description"] =
      "CSV with the header row citizen,employer,start,end,earnings: citizen a National Insurance "
      "number or a PSL citizen id, dates YYYY-MM-DD, end empty while in work, earnings annual "
      "pounds (23450.00)";
  schemas["EvidenceFeedRequest"] = Object(
      {{"name", Str(static_cast<int>(app::kMaxFeedNameLength))}, {"csv", csv}}, {"name", "csv"});
  schemas["EvidenceFeedImport"] = Closed({{"feed_id", Id()},
                                          {"rows", Int()},
                                          {"matched_citizens", Int()},
                                          {"claims_verified", Array(Id())}});
}

}  // namespace psl::api::openapi
