// The pure rules of appeals and disputes (REG-5, LIC-5): which licence decisions can be
// appealed, where an upheld appeal takes the licence, who can be in dispute, and the text bounds.
#include <gtest/gtest.h>

#include "psl/regulation/appeal.h"

namespace psl::regulation {
namespace {

using licensing::LicenceStatus;

TEST(AppealDomain, OnlyRefusalsSuspensionsAndRevocationsCanBeAppealed) {
  // LIC-5: "A provider can appeal a refusal, suspension or revocation (REG-5)".
  for (LicenceStatus status :
       {LicenceStatus::kRefused, LicenceStatus::kSuspended, LicenceStatus::kRevoked}) {
    EXPECT_TRUE(IsAppealable(status));
    EXPECT_TRUE(CheckAppealable(status).ok());
  }
  for (LicenceStatus status :
       {LicenceStatus::kApplied, LicenceStatus::kUnderReview, LicenceStatus::kGranted}) {
    EXPECT_FALSE(IsAppealable(status));
    const Status refused = CheckAppealable(status);
    EXPECT_EQ(refused.code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(refused.field(), "licence_id");
  }
}

TEST(AppealDomain, AnUpheldAppealMovesTheLicenceOneStepBack) {
  // The rule documented in regulation/appeal.h.
  EXPECT_EQ(StatusAfterUpheld(LicenceStatus::kRefused), LicenceStatus::kUnderReview);
  EXPECT_EQ(StatusAfterUpheld(LicenceStatus::kSuspended), LicenceStatus::kGranted);
  // A revocation set aside leaves the licence suspended: four eyes decide again.
  EXPECT_EQ(StatusAfterUpheld(LicenceStatus::kRevoked), LicenceStatus::kSuspended);
}

TEST(AppealDomain, AnAppealIsDecidedOnce) {
  EXPECT_TRUE(CheckAppealOpen(AppealStatus::kLodged).ok());
  for (AppealStatus decided : {AppealStatus::kUpheld, AppealStatus::kDismissed}) {
    const Status again = CheckAppealOpen(decided);
    EXPECT_EQ(again.code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(again.field(), "id");
  }
}

TEST(AppealDomain, NamesRoundTripAndUnknownNamesAreRefusedNamingTheField) {
  for (AppealStatus status :
       {AppealStatus::kLodged, AppealStatus::kUpheld, AppealStatus::kDismissed}) {
    EXPECT_EQ(*ParseAppealStatus(AppealStatusName(status)), status);
  }
  EXPECT_EQ(*ParseAppealDecision("uphold"), AppealStatus::kUpheld);
  EXPECT_EQ(*ParseAppealDecision("dismiss"), AppealStatus::kDismissed);
  EXPECT_EQ(ParseAppealDecision("upheld").status().field(), "decision");
  EXPECT_EQ(ParseAppealStatus("open").status().field(), "status");
  for (DisputeFinding finding :
       {DisputeFinding::kForClaimant, DisputeFinding::kForRespondent, DisputeFinding::kPartly}) {
    EXPECT_EQ(*ParseDisputeFinding(DisputeFindingName(finding)), finding);
  }
  EXPECT_EQ(ParseDisputeFinding("draw").status().field(), "finding");
  EXPECT_EQ(*ParseDisputeStatus("resolved"), DisputeStatus::kResolved);
  EXPECT_EQ(ParsePartyKind("citizen", "respondent_kind").status().field(), "respondent_kind");
}

TEST(AppealDomain, DisputesAreBetweenTwoProvidersOrAProviderAndGovernment) {
  // REG-5: "between providers, or a provider and government".
  const Party a = Party::Provider(ProviderId(1));
  const Party b = Party::Provider(ProviderId(2));
  const Party government = Party::Government();
  EXPECT_TRUE(ValidateDisputeParties(a, b).ok());
  EXPECT_TRUE(ValidateDisputeParties(a, government).ok());
  EXPECT_TRUE(ValidateDisputeParties(government, b).ok());
  EXPECT_EQ(ValidateDisputeParties(government, government).field(), "respondent_kind");
  EXPECT_EQ(ValidateDisputeParties(a, a).field(), "respondent_provider_id");
  EXPECT_EQ(ValidateDisputeParties(a, Party{PartyKind::kProvider, ProviderId()}).field(),
            "respondent_provider_id");
  EXPECT_EQ(ValidateDisputeParties(a, Party{PartyKind::kGovernment, ProviderId(3)}).field(),
            "respondent_provider_id");
}

TEST(AppealDomain, TextsAreBoundedInCharactersAndNotBlank) {
  EXPECT_TRUE(ValidateAppealGrounds("The liquidity ratio was misread.").ok());
  EXPECT_EQ(ValidateAppealGrounds("").field(), "grounds");
  EXPECT_EQ(ValidateAppealGrounds(" \n\t ").field(), "grounds");
  // 5000 two-byte characters are 10000 bytes but within the bound; one more is not.
  std::string accents;
  for (int i = 0; i < 5000; ++i) accents += "\xC3\xA9";  // é
  EXPECT_EQ(CountCharacters(accents), 5000u);
  EXPECT_TRUE(ValidateAppealGrounds(accents).ok());
  EXPECT_EQ(ValidateAppealGrounds(accents + "x").field(), "grounds");
  EXPECT_TRUE(ValidateDisputeSubject(std::string(200, 's')).ok());
  EXPECT_EQ(ValidateDisputeSubject(std::string(201, 's')).field(), "subject");
  EXPECT_EQ(ValidateDisputeDescription(std::string(5001, 'd')).field(), "description");
  EXPECT_TRUE(ValidateDisputeDescription(std::string(5000, 'd')).ok());
  EXPECT_EQ(ValidateArbitrationReasons(" ").field(), "reasons");
  EXPECT_EQ(ValidateArbitrationTerms("").field(), "decision");
  EXPECT_EQ(ValidateAppealGrounds("").code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace psl::regulation
