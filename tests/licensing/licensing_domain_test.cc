// Licensing rules (LIC-2, LIC-4, LIC-5, LIC-7) in the pure domain.
#include <gtest/gtest.h>

#include "psl/licensing/checklist.h"
#include "psl/licensing/licence.h"
#include "psl/store/licensing_tables.h"

namespace psl::licensing {
namespace {

Evidence GoodEvidence() {
  return {{"accountable_officer", "Jo Bloggs, chief executive"},
          {"governance_structure", "Board of five trustees"},
          {"safeguarding_policy", "Safeguarding policy v3, March 2026"},
          {"staff_vetting", "yes"},
          {"data_protection_registration", "ZA123456"},
          {"complaints_procedure", "Complaints procedure, January 2026"},
          {"insurance", "yes"},
          {"latest_accounts", "Year to 31 March 2026, filed at Companies House"},
          {"liquidity_ratio", "1.35"},
          {"insolvency_proceedings", "no"}};
}

TEST(Checklist, TheDefaultIsLic2AndValid) {
  const Checklist checklist = DefaultChecklist();
  EXPECT_TRUE(ValidateChecklist(checklist).ok());
  EXPECT_EQ(checklist.items.size(), 10u);  // 3 managerial + 4 operational + 3 financial (LIC-2)
  int financial = 0;
  for (const auto& item : checklist.items) financial += item.section == Section::kFinancial;
  EXPECT_EQ(financial, 3);
}

TEST(Checklist, GoodEvidencePassesEveryItem) {
  const auto assessment = AssessEvidence(DefaultChecklist(), GoodEvidence());
  EXPECT_TRUE(AllPassed(assessment));
  EXPECT_TRUE(ValidateEvidence(DefaultChecklist(), GoodEvidence()).ok());
}

TEST(Checklist, EachCriterionCanFail) {
  struct Case {
    const char* item;
    const char* answer;
    bool passes;
  };
  // LIC-2: a liquidity ratio of at least 1.0; no insolvency proceedings; vetting and insurance.
  for (const Case& c : std::vector<Case>{{"liquidity_ratio", "1.0", true},
                                         {"liquidity_ratio", "0.999999", false},
                                         {"liquidity_ratio", "lots", false},
                                         {"insolvency_proceedings", "yes", false},
                                         {"staff_vetting", "no", false},
                                         {"insurance", " yes ", true},
                                         {"accountable_officer", "   ", false}}) {
    Evidence evidence = GoodEvidence();
    evidence[c.item] = c.answer;
    const auto assessment = AssessEvidence(DefaultChecklist(), evidence);
    for (const auto& item : assessment) {
      if (item.item_id == c.item) {
        EXPECT_EQ(item.passed, c.passes) << c.item << "=" << c.answer << ": " << item.reason;
      } else {
        EXPECT_TRUE(item.passed) << item.item_id;
      }
    }
    EXPECT_EQ(AllPassed(assessment), c.passes);
  }
}

TEST(Checklist, EvidenceMustAnswerEveryItemAndNothingElse) {
  Evidence missing = GoodEvidence();
  missing.erase("insurance");
  EXPECT_EQ(ValidateEvidence(DefaultChecklist(), missing).field(), "evidence.insurance");
  Evidence extra = GoodEvidence();
  extra["favourite_colour"] = "blue";
  EXPECT_EQ(ValidateEvidence(DefaultChecklist(), extra).field(), "evidence.favourite_colour");
  Evidence long_answer = GoodEvidence();
  long_answer["accountable_officer"] = std::string(2001, 'x');
  EXPECT_EQ(ValidateEvidence(DefaultChecklist(), long_answer).field(),
            "evidence.accountable_officer");
}

TEST(Checklist, APublishedChecklistMustBeWellFormed) {
  Checklist checklist = DefaultChecklist();
  checklist.items[1].id = checklist.items[0].id;
  EXPECT_EQ(ValidateChecklist(checklist).field(), "items[1].id");
  checklist = DefaultChecklist();
  checklist.items[8].threshold.clear();
  EXPECT_EQ(ValidateChecklist(checklist).field(), "items[8].threshold");
  checklist = DefaultChecklist();
  checklist.items.erase(checklist.items.begin() + 7, checklist.items.end());  // no financial
  EXPECT_EQ(ValidateChecklist(checklist).field(), "items");
}

TEST(Lifecycle, OnlyTheLic5TransitionsAreAllowed) {
  using enum LicenceStatus;
  const std::vector<std::pair<LicenceStatus, LicenceStatus>> allowed = {
      {kApplied, kUnderReview}, {kUnderReview, kGranted}, {kUnderReview, kRefused},
      {kGranted, kSuspended},   {kSuspended, kGranted},   {kSuspended, kRevoked}};
  const LicenceStatus all[] = {kApplied, kUnderReview, kGranted, kRefused, kSuspended, kRevoked};
  int allowed_count = 0;
  for (LicenceStatus from : all) {
    for (LicenceStatus to : all) {
      const bool expected =
          std::find(allowed.begin(), allowed.end(), std::pair(from, to)) != allowed.end();
      const Status status = CheckTransition(from, to);
      EXPECT_EQ(status.ok(), expected)
          << LicenceStatusName(from) << " -> " << LicenceStatusName(to);
      if (!status.ok()) {
        EXPECT_EQ(status.code(), ErrorCode::kFailedPrecondition);
      }
      allowed_count += status.ok();
    }
  }
  EXPECT_EQ(allowed_count, 6);
  EXPECT_TRUE(NeedsFourEyes(kSuspended));
  EXPECT_TRUE(NeedsFourEyes(kRevoked));
  EXPECT_FALSE(NeedsFourEyes(kGranted));
}

TEST(Licence, KindsGroundsAndScopes) {
  EXPECT_TRUE(ValidateLicenceKind("general").ok());
  EXPECT_TRUE(ValidateLicenceKind("clinical_governance").ok());  // LIC-4 default top-ups
  EXPECT_TRUE(ValidateLicenceKind("child_safeguarding").ok());
  EXPECT_FALSE(ValidateLicenceKind("driving").ok());
  EXPECT_TRUE(IsTopUp("child_safeguarding"));
  EXPECT_FALSE(IsTopUp("general"));
  EXPECT_TRUE(ValidateGrounds("malpractice").ok());  // LIC-6
  EXPECT_FALSE(ValidateGrounds("dislike").ok());
  EXPECT_TRUE(ValidateScopeRestriction("employment").ok());  // LIC-7 "employment only"
  EXPECT_FALSE(ValidateScopeRestriction("everything").ok());
}

TEST(Organisation, AnyFormAndSizeButAWellFormedRecord) {
  Organisation organisation{"Hope Street Mutual", "mutual", "micro", {"addiction"}, {"E08000003"}};
  EXPECT_TRUE(ValidateOrganisation(organisation).ok());
  for (const char* form : {"company", "charity", "mutual", "public_body", "sole_trader"}) {
    organisation.legal_form = form;
    EXPECT_TRUE(ValidateOrganisation(organisation).ok()) << form;  // LIC-1: any legal form
  }
  Organisation bad = organisation;
  bad.legal_form = "cartel";
  EXPECT_EQ(ValidateOrganisation(bad).field(), "legal_form");
  bad = organisation;
  bad.sectors = {};
  EXPECT_EQ(ValidateOrganisation(bad).field(), "sectors");
  bad = organisation;
  bad.sectors = {"employment", "employment"};
  EXPECT_EQ(ValidateOrganisation(bad).field(), "sectors[1]");
  bad = organisation;
  bad.area_codes = {"Manchester"};
  EXPECT_EQ(ValidateOrganisation(bad).field(), "areas[0]");
  bad = organisation;
  bad.name = "";
  EXPECT_EQ(ValidateOrganisation(bad).field(), "name");
}

}  // namespace
}  // namespace psl::licensing

namespace psl::store {
namespace {

TEST(NameWords, LowerCaseWordsOnceEach) {
  EXPECT_EQ(NameWords("Northern Lights Employment CIC"),
            (std::vector<std::string>{"northern", "lights", "employment", "cic"}));
  EXPECT_EQ(NameWords("  St. Mungo's -- St. Mungo's  "),
            (std::vector<std::string>{"st", "mungo", "s"}));
  EXPECT_TRUE(NameWords("!!!").empty());
  EXPECT_EQ(NameWords("Café Ümlaut").size(), 2u);  // UTF-8 letters stay inside words
}

}  // namespace
}  // namespace psl::store
