#include "psl/api/skunkworks_decoding.h"

#include "psl/app/skunkworks.h"
#include "psl/config/json_reader.h"

namespace psl::api {

namespace {
constexpr std::size_t kMaxIdLength = 64;
}  // namespace

Result<SkunkworksPlacementRequest> DecodeSkunkworksPlacementRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, config::ParseJsonObject(body));
  config::ObjectReader reader(object, "");
  SkunkworksPlacementRequest request;
  PSL_ASSIGN_OR_RETURN(request.outcome, reader.String("outcome", kMaxIdLength));
  PSL_ASSIGN_OR_RETURN(request.variant, reader.String("variant", kMaxIdLength));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return request;
}

Result<MethodologyRequest> DecodeMethodologyRequest(std::string_view body) {
  PSL_ASSIGN_OR_RETURN(const nlohmann::json object, config::ParseJsonObject(body));
  config::ObjectReader reader(object, "");
  MethodologyRequest request;
  PSL_ASSIGN_OR_RETURN(request.variant, reader.String("variant", kMaxIdLength));
  PSL_ASSIGN_OR_RETURN(request.title, reader.String("title", app::kMaxMethodologyTitle));
  PSL_ASSIGN_OR_RETURN(request.methodology, reader.String("methodology", app::kMaxMethodologyText));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return request;
}

}  // namespace psl::api
