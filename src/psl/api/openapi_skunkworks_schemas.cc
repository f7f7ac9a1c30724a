// Component schemas of the skunkworks routes (skunkworks_routes.cc, skunkworks_decoding.cc).
#include "psl/api/openapi_schemas.h"
#include "psl/app/skunkworks.h"

namespace psl::api::openapi {

void AddSkunkworksSchemas(json& schemas) {
  constexpr int kMaxIdLength = 64;  // skunkworks_decoding.cc
  schemas["SkunkworksPlacementRequest"] = Object(
      {{"outcome", Str(kMaxIdLength)}, {"variant", Str(kMaxIdLength)}}, {"outcome", "variant"});
  schemas["SkunkworksPlacement"] = Closed({{"registration_id", Id()},
                                           {"base_outcome", Str()},
                                           {"variant", Str()},
                                           {"price_pence", Pence()},
                                           {"upfront_pence", Pence()},
                                           {"outcome_pence", Pence()},
                                           {"satisfaction_pence", Pence()},
                                           {"top_up_pence", Pence()},
                                           {"rule", Str()},
                                           {"placed_on", Date()}});
  schemas["MethodologyRequest"] =
      Object({{"variant", Str(kMaxIdLength)},
              {"title", Str(static_cast<int>(app::kMaxMethodologyTitle))},
              {"methodology", Str(static_cast<int>(app::kMaxMethodologyText))}},
             {"variant", "title", "methodology"});
  schemas["SkunkworksMethodology"] = Closed({{"provider_id", Id()},
                                             {"provider_name", Str()},
                                             {"variant", Str()},
                                             {"title", Str()},
                                             {"methodology", Str()},
                                             {"published_on", Date()}});
  schemas["SkunkworksVariant"] =
      Closed({{"variant", Str()}, {"base_outcome", Str()}, {"label", Str()}});
  schemas["SkunkworksShare"] = Closed({{"provider_id", Id()},
                                       {"provider_name", Str()},
                                       {"placed", Int(0, INT64_MAX)},
                                       {"active", Int(0, INT64_MAX)},
                                       {"share_basis_points", Int(0, 10'000)}});
  schemas["Skunkworks"] = Closed({{"max_percent", Int(0, 100)},
                                  {"variants", Array(Ref("SkunkworksVariant"))},
                                  {"methodologies", Array(Ref("SkunkworksMethodology"))},
                                  {"providers", Array(Ref("SkunkworksShare"))}});
}

}  // namespace psl::api::openapi
