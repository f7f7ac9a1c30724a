// Storage for skunkworks outcomes (OUT-4, INN-2, docs/payment.md section 6): which registered
// King Outcome a provider moved onto its skunkworks variant, and the methodologies providers
// publish before any skunkworks outcome payment is released.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/ids.h"
#include "psl/core/timestamp.h"
#include "psl/store/connection.h"

namespace psl::store {

struct SkunkworksPlacementRecord {
  std::int64_t registration_id = 0;
  std::string base_outcome;
  std::string variant;
  ProviderId provider;
  std::optional<UserId> placed_by;
  Date placed_on;
  Timestamp placed_at;
};

struct SkunkworksMethodologyRecord {
  std::int64_t id = 0;
  ProviderId provider;
  std::string provider_name;  // read only
  std::string variant;
  std::string title;
  std::string methodology;
  std::optional<UserId> published_by;
  Date published_on;
  Timestamp published_at;
};

// One provider's share of its active caseload on skunkworks outcomes (INN-2).
struct SkunkworksShare {
  ProviderId provider;
  std::string provider_name;
  std::int64_t placed = 0;  // active registrations holding at least one placement
  std::int64_t active = 0;  // active registrations
};

class SkunkworksTable {
 public:
  explicit SkunkworksTable(Connection& connection) : connection_(connection) {}

  // Serialises a provider's placements until the transaction ends, so that two concurrent
  // placements cannot both fit under the cap (PostgreSQL row lock; SQLite writers are serial).
  Status LockProvider(ProviderId provider);

  // kAlreadyExists when the base outcome of the registration was placed already.
  Status InsertPlacement(const SkunkworksPlacementRecord& placement);
  Result<std::vector<SkunkworksPlacementRecord>> ForRegistration(std::int64_t registration_id);
  // The provider's active registrations, and how many of them hold a placement.
  Result<SkunkworksShare> ShareOf(ProviderId provider);
  // Every provider with an active registration, by id, at most `limit`.
  Result<std::vector<SkunkworksShare>> Shares(int limit);

  // Returns the new id; kAlreadyExists when the provider published for this variant already.
  Result<std::int64_t> InsertMethodology(const SkunkworksMethodologyRecord& methodology);
  // INN-2: the payment run releases a held skunkworks line once this is true.
  Result<bool> MethodologyPublished(ProviderId provider, std::string_view variant);
  // Oldest first, at most `limit`.
  Result<std::vector<SkunkworksMethodologyRecord>> Methodologies(int limit);

 private:
  Connection& connection_;
};

}  // namespace psl::store
