#include "psl/api/api_types.h"

namespace psl::api {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kFailedPrecondition: return 422;
    case ErrorCode::kOverflow: return 422;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

ApiResponse ErrorResponse(const Status& status) {
  PSL_CHECK(!status.ok(), "an error response needs an error");
  nlohmann::json error = {{"code", ErrorCodeName(status.code())}, {"message", status.message()}};
  error["field"] = status.field().empty() ? nlohmann::json(nullptr) : nlohmann::json(status.field());
  // error_handler_t::replace: a message quoting the caller's bytes is never invalid UTF-8 JSON.
  return {HttpStatusFor(status.code()), "application/json",
          nlohmann::json({{"error", error}}).dump(-1, ' ', false,
                                                  nlohmann::json::error_handler_t::replace)};
}

}  // namespace psl::api
