// Decoding licensing requests (LIC-1..8): strict, pure functions of the body bytes, fuzzed with
// the other decoders (fuzz/request_decoding_fuzz.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/core/result.h"
#include "psl/licensing/checklist.h"
#include "psl/licensing/licence.h"

namespace psl::api {

struct OrganisationRequest {
  licensing::Organisation organisation;
  std::string username;
  std::string password;
};
Result<OrganisationRequest> DecodeOrganisationRequest(std::string_view body);

struct ApplicationRequest {
  std::string kind;
  licensing::Evidence evidence;
};
Result<ApplicationRequest> DecodeApplicationRequest(std::string_view body);

struct DecisionRequest {
  bool grant = false;
  std::string reasons;
  std::optional<std::string> scope_restriction;
};
Result<DecisionRequest> DecodeDecisionRequest(std::string_view body);

struct ProposalRequest {
  std::string action;
  std::string grounds;
  std::string reasons;
};
Result<ProposalRequest> DecodeProposalRequest(std::string_view body);

// {"reasons": "..."}
Result<std::string> DecodeReasonsRequest(std::string_view body);

struct ScopeRequest {
  std::optional<std::string> scope_restriction;  // null lifts the restriction
  std::string reasons;
};
Result<ScopeRequest> DecodeScopeRequest(std::string_view body);

Result<std::vector<licensing::ChecklistItem>> DecodeChecklistRequest(std::string_view body);

// {"mode": "live" | "control"}
Result<std::string> DecodeAreaModeRequest(std::string_view body);

// An empty body or {}: for actions that carry no data (start review, confirm, withdraw).
Status DecodeEmptyRequest(std::string_view body);

}  // namespace psl::api
