// Decoding the regulation areas' requests (complaints REG-3, appeals and disputes REG-5): strict,
// pure functions of the body bytes, shared by the route handlers and the fuzzer
// (fuzz/request_decoding_fuzz.cc).
#pragma once

#include <string>
#include <string_view>

#include "psl/app/appeals.h"
#include "psl/app/complaints.h"
#include "psl/core/result.h"

namespace psl::api {

struct ComplaintClosureRequest {
  regulation::ComplaintOutcome outcome = regulation::ComplaintOutcome::kNotUpheld;
  std::string reasons;
};

struct LodgeRequest {
  LicenceId licence_id;
  std::string grounds;
};

struct AppealDecisionRequest {
  regulation::AppealStatus outcome = regulation::AppealStatus::kDismissed;
  std::string reasons;
};

struct DisputeRequest {
  app::DisputeRespondent respondent;
  std::string subject;
  std::string description;
};

struct ResolutionRequest {
  regulation::DisputeFinding finding = regulation::DisputeFinding::kPartly;
  std::string terms;
  std::string reasons;
};

Result<regulation::ComplaintFiling> DecodeComplaintFiling(std::string_view body);
Result<std::string> DecodeComplaintResponse(std::string_view body);
Result<ComplaintClosureRequest> DecodeComplaintClosure(std::string_view body);
Result<LodgeRequest> DecodeLodgeRequest(std::string_view body);
Result<AppealDecisionRequest> DecodeAppealDecisionRequest(std::string_view body);
Result<DisputeRequest> DecodeDisputeRequest(std::string_view body);
Result<ResolutionRequest> DecodeResolutionRequest(std::string_view body);

}  // namespace psl::api
