// Decoding the claim and evidence-feed requests (PAY-7): strict, pure functions of the body
// bytes (unknown fields refused), reachable by the fuzzer through psl_api_decoding.
#pragma once

#include <string>
#include <string_view>

#include "psl/app/claims.h"
#include "psl/core/result.h"

namespace psl::api {

// {"registration_id","outcome","achieved_on","fraction"?,"evidence"}; fraction a decimal
// string "0".."1" with at most six decimals.
Result<app::ClaimInput> DecodeClaimRequest(std::string_view body);

// {"reason"}
Result<std::string> DecodeRejectClaimRequest(std::string_view body);

struct EvidenceFeedRequest {
  std::string name;
  std::string csv;
};
// {"name","csv"}: the CSV travels as one JSON string (the body's 64 KiB bound applies; the CLI
// imports larger feeds).
Result<EvidenceFeedRequest> DecodeEvidenceFeedRequest(std::string_view body);

}  // namespace psl::api
