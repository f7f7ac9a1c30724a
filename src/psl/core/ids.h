// Strong id types: a UserId cannot be passed where a ProviderId is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace psl {

template <typename Tag>
class StrongId {
 public:
  constexpr StrongId() = default;
  constexpr explicit StrongId(std::int64_t value) : value_(value) {}
  constexpr std::int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }
  friend constexpr auto operator<=>(StrongId, StrongId) = default;

 private:
  std::int64_t value_ = 0;  // 0 = none; stored ids start at 1
};

using UserId = StrongId<struct UserIdTag>;
using ProviderId = StrongId<struct ProviderIdTag>;
using CitizenId = StrongId<struct CitizenIdTag>;
using AccountId = StrongId<struct AccountIdTag>;
using PostingId = StrongId<struct PostingIdTag>;
using AuditEntryId = StrongId<struct AuditEntryIdTag>;
using ApiKeyId = StrongId<struct ApiKeyIdTag>;
using LicenceId = StrongId<struct LicenceIdTag>;

}  // namespace psl

template <typename Tag>
struct std::hash<psl::StrongId<Tag>> {
  std::size_t operator()(psl::StrongId<Tag> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value());
  }
};
