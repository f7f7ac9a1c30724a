// Skunkworks outcomes (OUT-4, INN-2; docs/payment.md section 6). A provider moves an open King
// Outcome of one of its active registrations onto the outcome's skunkworks variant (a tougher
// version with a bigger payment): the variant is priced like any registered outcome (the
// registration's tariff version, barriers, district and date) and its split is locked; the base
// outcome becomes "transferred". At most the settings' skunkworks_max_percent of a provider's
// active registrations may hold a skunkworks outcome. Providers publish their methodology per
// variant; the payment runs hold skunkworks outcome payments until it is published.
#pragma once

#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/core/money.h"
#include "psl/store/skunkworks_table.h"

namespace psl::app {

inline constexpr std::size_t kMaxMethodologyTitle = 200;
inline constexpr std::size_t kMaxMethodologyText = 20'000;

struct SkunkworksPlacement {
  std::int64_t registration_id = 0;
  std::string base_outcome;
  std::string variant;
  Money price;
  Money upfront;
  Money outcome;
  Money satisfaction;
  std::string rule;  // the split's rule
  Money top_up;      // accrued now: the variant's upfront payment above the base's
  Date placed_on;
};

struct SkunkworksVariant {
  std::string variant;
  std::string base_outcome;
  std::string label;  // the variant's name in the catalogue
};

struct SkunkworksOverview {
  int max_percent = 0;
  std::vector<SkunkworksVariant> variants;  // in the latest catalogue
  std::vector<store::SkunkworksMethodologyRecord> methodologies;
  std::vector<store::SkunkworksShare> providers;
};

// A provider's share in basis points, rounded down (0 with no active registration).
std::int64_t ShareBasisPoints(const store::SkunkworksShare& share);

class Skunkworks {
 public:
  explicit Skunkworks(App& app) : app_(app) {}

  // Provider, for its own registration (kNotFound otherwise). kConflict when the base outcome is
  // not open or the variant is already registered; kFailedPrecondition naming "variant" when the
  // cap would be passed or the registration's tariff does not price the variant.
  Result<SkunkworksPlacement> Place(const RequestContext& context, std::int64_t registration_id,
                                    const std::string& base_outcome, const std::string& variant);

  // Provider: one methodology per provider and variant (kConflict the second time).
  Result<store::SkunkworksMethodologyRecord> PublishMethodology(const RequestContext& context,
                                                                const std::string& variant,
                                                                const std::string& title,
                                                                const std::string& methodology);

  // Anyone.
  Result<SkunkworksOverview> Overview(const RequestContext& context);

 private:
  App& app_;
};

}  // namespace psl::app
