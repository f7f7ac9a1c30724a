// Decoding outside input: request bodies and query strings into typed requests. Strict by
// design: malformed JSON, a body that is not an object, wrong types, missing fields and
// unknown fields are all refused with kInvalidArgument naming the field. Pure functions of
// their input (no I/O), so the fuzzer (fuzz/request_decoding_fuzz.cc) drives them directly.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "psl/app/app.h"
#include "psl/ledger/posting.h"

namespace psl::api {

inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;
inline constexpr int kDefaultPageSize = 50;

struct LoginRequest {
  std::string username;
  std::string password;
};
Result<LoginRequest> DecodeLoginRequest(std::string_view body);

Result<app::NewUser> DecodeNewUserRequest(std::string_view body);

struct ApiKeyRequest {
  std::string name;
};
Result<ApiKeyRequest> DecodeApiKeyRequest(std::string_view body);

Result<ledger::PostingRequest> DecodePostingRequest(std::string_view body);

struct ReversalRequest {
  std::string idempotency_key;
  Date effective_date;
  std::string reason;
};
Result<ReversalRequest> DecodeReversalRequest(std::string_view body);

using Query = std::multimap<std::string, std::string>;
// `limit` (1..500, default 50); refuses repeated parameters.
Result<int> DecodeLimit(const Query& query);
// An optional positive integer id parameter such as `before`.
Result<std::optional<std::int64_t>> DecodeOptionalId(const Query& query, const std::string& name);
Result<std::optional<Date>> DecodeOptionalDate(const Query& query, const std::string& name);
Result<std::string> DecodeOptionalText(const Query& query, const std::string& name,
                                       std::size_t max_length);
// Refuses query parameters other than `allowed`.
Status RefuseUnknownQuery(const Query& query, std::initializer_list<std::string_view> allowed);
// A positive integer path segment.
Result<std::int64_t> DecodePathId(std::string_view text, std::string_view name);

}  // namespace psl::api
