// Decoding the skunkworks requests (OUT-4, INN-2): strict, pure functions of the body bytes
// (unknown fields refused), fuzzed with the other decoders.
#pragma once

#include <string>
#include <string_view>

#include "psl/core/result.h"

namespace psl::api {

struct SkunkworksPlacementRequest {
  std::string outcome;  // the registered King Outcome to move
  std::string variant;  // its skunkworks variant
};
// {"outcome","variant"}
Result<SkunkworksPlacementRequest> DecodeSkunkworksPlacementRequest(std::string_view body);

struct MethodologyRequest {
  std::string variant;
  std::string title;
  std::string methodology;
};
// {"variant","title","methodology"}
Result<MethodologyRequest> DecodeMethodologyRequest(std::string_view body);

}  // namespace psl::api
