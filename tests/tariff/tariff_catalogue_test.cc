// The default tariff prices exactly the default catalogue (SPEC OUT-1, TAR-1):
// ValidateTariffAgainst in src/psl/tariff/tariff.h.
#include <gtest/gtest.h>

#include "psl/catalogue/catalogue.h"
#include "psl/tariff/tariff.h"
#include "tariff_test_support.h"

namespace psl::tariff {
namespace {

TEST(TariffAgainstCatalogue, DefaultTariffPricesTheDefaultCatalogue) {
  const Status status = ValidateTariffAgainst(DefaultTariff(), catalogue::DefaultCatalogue());
  EXPECT_TRUE(status.ok()) << status.ToString();
}

TEST(TariffAgainstCatalogue, MissingOutcomeIsNamed) {
  Tariff tariff = DefaultTariff();
  tariff.outcomes.erase(tariff.outcomes.begin() + 3);  // drug_free_2y
  const Status status = ValidateTariffAgainst(tariff, catalogue::DefaultCatalogue());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.field(), "outcomes");
  EXPECT_NE(status.message().find("drug_free_2y"), std::string::npos) << status.ToString();
}

TEST(TariffAgainstCatalogue, UnknownOutcomeIsNamed) {
  Tariff tariff = DefaultTariff();
  tariff.outcomes.push_back(OutcomeTariff{"world_peace", Money::FromPence(100), {}});
  const Status status = ValidateTariffAgainst(tariff, catalogue::DefaultCatalogue());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.field(), "outcomes[16].outcome");
  EXPECT_NE(status.message().find("world_peace"), std::string::npos);
}

TEST(TariffAgainstCatalogue, OtherCatalogueVersionIsRefused) {
  Tariff tariff = DefaultTariff();
  tariff.catalogue_version = 2;
  const Status status = ValidateTariffAgainst(tariff, catalogue::DefaultCatalogue());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.field(), "catalogue_version");
}

}  // namespace
}  // namespace psl::tariff
