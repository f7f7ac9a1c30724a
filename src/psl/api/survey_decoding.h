// Decoding the satisfaction survey's requests (PAY-6): strict, pure functions of the request
// bytes, fuzzed with the other decoders. Unknown fields are refused by name.
#pragma once

#include <string>
#include <string_view>

#include "psl/api/request_decoding.h"
#include "psl/core/date.h"
#include "psl/core/result.h"

namespace psl::api {

// {"date"}: the day the survey job runs for.
Result<Date> DecodeSurveyJobRequest(std::string_view body);

// {"answer"}: the answer's name; the use case says which names exist.
Result<std::string> DecodeSurveyAnswerRequest(std::string_view body);

struct SatisfactionQuery {
  Date from;
  Date to;
};
// ?from=YYYY-MM-DD&to=YYYY-MM-DD, both required, nothing else.
Result<SatisfactionQuery> DecodeSatisfactionQuery(const Query& query);

}  // namespace psl::api
