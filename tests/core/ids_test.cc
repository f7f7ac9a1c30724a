// Tests for psl::StrongId (src/psl/core/ids.h): distinct id types do not mix, 0 means none.
#include "psl/core/ids.h"

#include <gtest/gtest.h>

#include <type_traits>
#include <unordered_set>

namespace psl {
namespace {

// ids.h: a UserId cannot be passed where a ProviderId is expected, nor made from a bare integer
// implicitly.
static_assert(!std::is_convertible_v<UserId, ProviderId>);
static_assert(!std::is_convertible_v<ProviderId, UserId>);
static_assert(!std::is_constructible_v<ProviderId, UserId>);
static_assert(!std::is_convertible_v<std::int64_t, UserId>);
static_assert(std::is_constructible_v<UserId, std::int64_t>);
static_assert(std::is_trivially_copyable_v<CitizenId>);

TEST(StrongId, DefaultIsNoneAndStoredIdsAreValid) {
  EXPECT_EQ(UserId().value(), 0);
  EXPECT_FALSE(UserId().valid());  // ids.h: 0 = none
  EXPECT_TRUE(UserId(1).valid());  // stored ids start at 1
  EXPECT_FALSE(UserId(-5).valid());
  EXPECT_EQ(ProviderId(77).value(), 77);
}

TEST(StrongId, ComparesAndHashesByValue) {
  EXPECT_EQ(CitizenId(3), CitizenId(3));
  EXPECT_NE(CitizenId(3), CitizenId(4));
  EXPECT_LT(CitizenId(3), CitizenId(4));
  std::unordered_set<AccountId> set = {AccountId(1), AccountId(2), AccountId(1)};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.contains(AccountId(2)));
  EXPECT_FALSE(set.contains(AccountId(3)));
  EXPECT_EQ(std::hash<PostingId>{}(PostingId(9)), std::hash<std::int64_t>{}(9));
}

}  // namespace
}  // namespace psl
