// Decoding the citizen journey's requests (ENT, ASM, TAR, CHO): strict, pure functions of the
// body bytes, fuzzed with the other decoders (fuzz/request_decoding_fuzz.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "psl/app/journey.h"
#include "psl/core/result.h"

namespace psl::api {

// {"outcome","barriers":[...],"area","date"}. TAR-5: a discount, rebate or bid field is refused
// by name, as any unknown field is.
Result<app::QuoteInput> DecodeQuoteRequest(std::string_view body);

// {"route","source","notes"?,"person":{"full_name","date_of_birth","area_code",
//  "national_insurance"?,"email"?}}
Result<app::EntryInput> DecodeEntryRequest(std::string_view body);

struct AssessmentRequest {
  assessment::Answers answers;
  std::string recommendations;
};
// {"answers":{"question_id":"answer",...},"recommendations"?}
Result<AssessmentRequest> DecodeAssessmentRequest(std::string_view body);

struct ShortlistRequest {
  std::string end_result;
  std::vector<ProviderId> providers;
};
// {"end_result","provider_ids":[...]}
Result<ShortlistRequest> DecodeShortlistRequest(std::string_view body);

struct RegistrationRequest {
  std::string end_result;
  ProviderId provider;
};
// {"end_result","provider_id"}
Result<RegistrationRequest> DecodeRegistrationRequest(std::string_view body);

// {"end_result"}
Result<std::string> DecodeEndResultRequest(std::string_view body);

// {"username","password","source","person":{...}}
Result<app::SignUpInput> DecodeSignUpRequest(std::string_view body);

// {"questionnaire":{...},"rules":{...}}
Result<app::AssessmentConfig> DecodeAssessmentConfigRequest(std::string_view body);

}  // namespace psl::api
