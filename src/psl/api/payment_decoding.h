// Decoding the payment runs' requests (PAY-1..3, PAY-8): strict, pure functions of the body
// bytes, fuzzed with the other decoders (fuzz/request_decoding_fuzz.cc).
#pragma once

#include <string_view>

#include "psl/app/payment_runs.h"
#include "psl/core/result.h"

namespace psl::api {

// {"price_pence","licensed_on","registered_on","outcome"?}
Result<app::SplitRequest> DecodeSplitRequest(std::string_view body);

// {"as_of"}
Result<Date> DecodePaymentRunRequest(std::string_view body);

}  // namespace psl::api
