// The outcomes catalogue (SPEC OUT-1..4): the default catalogue of the report's Annex A/B, and
// the validation that guards every new catalogue version.
#include "psl/catalogue/catalogue.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "catalogue_test_support.h"

namespace psl::catalogue {
namespace {

// SPEC OUT-1 and the brief's ids: the five End Results of Annex A and their King Outcomes.
const std::map<std::string, std::vector<std::string>> kExpected = {
    {"lower_crime", {"no_custody_3y", "no_custody_4y", "reduced_police_contact"}},
    {"better_physical_health",
     {"drug_free_2y", "drug_free_3y", "sober_2y", "healthy_bmi_2y", "quit_smoking_sustained"}},
    {"individual_prosperity",
     {"employment_sustained_2y", "median_wage_fraction_3y", "debt_reduced_2y"}},
    {"good_mental_health", {"clinical_scale_improvement", "loneliness_quality_of_life"}},
    {"fair_start", {"child_development_3_5", "attainment_16_relative", "not_neet_18"}},
};

TEST(DefaultCatalogue, IsVersionOneAndValid) {
  const Catalogue& catalogue = DefaultCatalogue();
  EXPECT_EQ(catalogue.version, 1);
  EXPECT_TRUE(ValidateCatalogue(catalogue).ok()) << ValidateCatalogue(catalogue).ToString();
}

TEST(DefaultCatalogue, HasTheFiveEndResultsAndEveryListedOutcome) {
  const Catalogue& catalogue = DefaultCatalogue();
  std::set<std::string> end_results;
  for (const EndResult& end_result : catalogue.end_results) end_results.insert(end_result.id);
  std::set<std::string> expected_end_results;
  std::size_t expected_outcomes = 0;
  for (const auto& [end_result, outcomes] : kExpected) {
    expected_end_results.insert(end_result);
    for (const std::string& id : outcomes) {
      const KingOutcome* outcome = catalogue.FindOutcome(id);
      ASSERT_NE(outcome, nullptr) << id;
      EXPECT_EQ(outcome->end_result, end_result) << id;
      ++expected_outcomes;
    }
  }
  EXPECT_EQ(end_results, expected_end_results);
  EXPECT_EQ(catalogue.outcomes.size(), expected_outcomes);
}

TEST(DefaultCatalogue, EveryOutcomeNamesAnEndResultOfTheCatalogue) {
  const Catalogue& catalogue = DefaultCatalogue();
  for (const KingOutcome& outcome : catalogue.outcomes) {
    EXPECT_NE(catalogue.FindEndResult(outcome.end_result), nullptr) << outcome.id;
    EXPECT_FALSE(outcome.skunkworks_variant_of.has_value()) << outcome.id << ": not in v1";
    EXPECT_FALSE(outcome.evidence.empty()) << outcome.id;
  }
}

TEST(DefaultCatalogue, GradedOutcomesAreTheFractionOnes) {
  // SPEC OUT-1/OUT-2: graded = "a fraction 0..1 achieved".
  const std::set<std::string> graded = {"reduced_police_contact", "median_wage_fraction_3y",
                                        "debt_reduced_2y", "clinical_scale_improvement",
                                        "loneliness_quality_of_life"};
  for (const KingOutcome& outcome : DefaultCatalogue().outcomes) {
    EXPECT_EQ(outcome.kind == OutcomeKind::kGraded, graded.contains(outcome.id)) << outcome.id;
  }
}

TEST(DefaultCatalogue, TopUpLicencesAsListed) {
  // LIC-4: clinical work needs clinical governance; work with young children, safeguarding.
  const std::map<std::string, std::string> top_ups = {
      {"drug_free_2y", "clinical_governance"},
      {"drug_free_3y", "clinical_governance"},
      {"clinical_scale_improvement", "clinical_governance"},
      {"child_development_3_5", "child_safeguarding"}};
  for (const KingOutcome& outcome : DefaultCatalogue().outcomes) {
    const auto found = top_ups.find(outcome.id);
    if (found == top_ups.end()) {
      EXPECT_FALSE(outcome.top_up_licence.has_value()) << outcome.id;
    } else {
      EXPECT_EQ(outcome.top_up_licence, found->second) << outcome.id;
    }
  }
}

TEST(DefaultCatalogue, EmploymentSustainedTwoYears) {
  // Chapter 5: "getting into sustained employment for two years or more".
  const KingOutcome* outcome = DefaultCatalogue().FindOutcome("employment_sustained_2y");
  ASSERT_NE(outcome, nullptr);
  EXPECT_EQ(outcome->kind, OutcomeKind::kBinary);
  EXPECT_EQ(outcome->window_months, 12);
  EXPECT_EQ(outcome->sustain_months, 24);
}

TEST(SnakeCaseId, AcceptsAndRefuses) {
  EXPECT_TRUE(IsSnakeCaseId("a"));
  EXPECT_TRUE(IsSnakeCaseId("no_custody_3y"));
  EXPECT_TRUE(IsSnakeCaseId(std::string(64, 'a')));
  EXPECT_FALSE(IsSnakeCaseId(std::string(65, 'a')));
  EXPECT_FALSE(IsSnakeCaseId(""));
  EXPECT_FALSE(IsSnakeCaseId("3y"));
  EXPECT_FALSE(IsSnakeCaseId("_x"));
  EXPECT_FALSE(IsSnakeCaseId("NoCustody"));
  EXPECT_FALSE(IsSnakeCaseId("no-custody"));
  EXPECT_FALSE(IsSnakeCaseId("no custody"));
}

TEST(OutcomeKind, NamesRoundTrip) {
  for (OutcomeKind kind : {OutcomeKind::kBinary, OutcomeKind::kGraded}) {
    EXPECT_EQ(*ParseOutcomeKind(OutcomeKindName(kind)), kind);
  }
  EXPECT_FALSE(ParseOutcomeKind("Binary").ok());
}

// Each broken catalogue is refused with kInvalidArgument naming the field.
struct BrokenCase {
  std::string what;
  std::function<void(Catalogue&)> breakage;
  std::string field;
};

TEST(ValidateCatalogue, RefusesBrokenCataloguesNamingTheField) {
  const std::vector<BrokenCase> cases = {
      {"version 0", [](Catalogue& c) { c.version = 0; }, "version"},
      {"no End Results", [](Catalogue& c) { c.end_results.clear(); }, "end_results"},
      {"no outcomes", [](Catalogue& c) { c.outcomes.clear(); }, "outcomes"},
      {"duplicate End Result", [](Catalogue& c) { c.end_results[3].id = c.end_results[1].id; },
       "end_results[3].id"},
      {"empty End Result name", [](Catalogue& c) { c.end_results[0].name.clear(); },
       "end_results[0].name"},
      {"duplicate outcome id", [](Catalogue& c) { c.outcomes[4].id = c.outcomes[2].id; },
       "outcomes[4].id"},
      {"not snake_case", [](Catalogue& c) { c.outcomes[0].id = "NoCustody3y"; }, "outcomes[0].id"},
      {"id too long", [](Catalogue& c) { c.outcomes[1].id = std::string(65, 'x'); },
       "outcomes[1].id"},
      {"unknown End Result", [](Catalogue& c) { c.outcomes[5].end_result = "world_peace"; },
       "outcomes[5].end_result"},
      {"window 0", [](Catalogue& c) { c.outcomes[2].window_months = 0; },
       "outcomes[2].window_months"},
      {"window 601", [](Catalogue& c) { c.outcomes[2].window_months = 601; },
       "outcomes[2].window_months"},
      {"negative sustain", [](Catalogue& c) { c.outcomes[3].sustain_months = -1; },
       "outcomes[3].sustain_months"},
      {"empty evidence", [](Catalogue& c) { c.outcomes[6].evidence.clear(); },
       "outcomes[6].evidence"},
      {"evidence too long", [](Catalogue& c) { c.outcomes[6].evidence = std::string(2001, 'e'); },
       "outcomes[6].evidence"},
      {"name too long", [](Catalogue& c) { c.outcomes[7].name = std::string(201, 'n'); },
       "outcomes[7].name"},
      {"bad top-up", [](Catalogue& c) { c.outcomes[0].top_up_licence = "general"; },
       "outcomes[0].top_up_licence"},
      {"unknown top-up", [](Catalogue& c) { c.outcomes[8].top_up_licence = "surgery"; },
       "outcomes[8].top_up_licence"},
  };
  for (const BrokenCase& broken : cases) {
    Catalogue catalogue = DefaultCatalogue();
    broken.breakage(catalogue);
    const Status status = ValidateCatalogue(catalogue);
    ASSERT_FALSE(status.ok()) << broken.what;
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << broken.what;
    EXPECT_EQ(status.field(), broken.field) << broken.what << ": " << status.ToString();
    EXPECT_FALSE(status.message().empty()) << broken.what;
  }
}

// OUT-4: a skunkworks outcome is a tougher variant of a plain King Outcome of the same End
// Result ("employment sustained 2 years without breaks at or above median wage").
KingOutcome Skunkworks(std::string variant_of, std::string end_result) {
  KingOutcome outcome;
  outcome.id = "employment_sustained_2y_median_wage";
  outcome.end_result = std::move(end_result);
  outcome.name = "In work for 2 years without breaks, at or above the median wage";
  outcome.window_months = 12;
  outcome.sustain_months = 24;
  outcome.evidence = "HMRC RTI: no gap, annualised pay at or above the ASHE median.";
  outcome.skunkworks_variant_of = std::move(variant_of);
  return outcome;
}

TEST(ValidateCatalogue, AcceptsASkunkworksVariant) {
  Catalogue catalogue = DefaultCatalogue();
  catalogue.version = 2;
  catalogue.outcomes.push_back(Skunkworks("employment_sustained_2y", "individual_prosperity"));
  EXPECT_TRUE(ValidateCatalogue(catalogue).ok()) << ValidateCatalogue(catalogue).ToString();
}

TEST(ValidateCatalogue, RefusesBadSkunkworksVariants) {
  const std::string field =
      "outcomes[" + std::to_string(DefaultCatalogue().outcomes.size()) + "].skunkworks_variant_of";
  for (const KingOutcome& variant :
       {Skunkworks("no_such_outcome", "individual_prosperity"),  // unknown
        Skunkworks("sober_2y", "individual_prosperity"),         // other End Result
        Skunkworks("employment_sustained_2y_median_wage", "individual_prosperity")}) {  // itself
    Catalogue catalogue = DefaultCatalogue();
    catalogue.outcomes.push_back(variant);
    const Status status = ValidateCatalogue(catalogue);
    ASSERT_FALSE(status.ok()) << *variant.skunkworks_variant_of;
    EXPECT_EQ(status.field(), field);
  }
  // A variant of a variant.
  Catalogue catalogue = DefaultCatalogue();
  catalogue.outcomes.push_back(Skunkworks("employment_sustained_2y", "individual_prosperity"));
  KingOutcome second = Skunkworks("employment_sustained_2y_median_wage", "individual_prosperity");
  second.id = "employment_sustained_3y_median_wage";
  catalogue.outcomes.push_back(second);
  const Status status = ValidateCatalogue(catalogue);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.field(), "outcomes[" + std::to_string(catalogue.outcomes.size() - 1) +
                                "].skunkworks_variant_of");
}

RC_GTEST_PROP(ValidateCatalogue, GeneratedCataloguesAreValid, ()) {
  const Catalogue catalogue = *testing_support::AnyValidCatalogue();
  const Status status = ValidateCatalogue(catalogue);
  RC_ASSERT(status.ok());
  for (const KingOutcome& outcome : catalogue.outcomes) {
    RC_ASSERT(catalogue.FindOutcome(outcome.id) == &outcome);
  }
}

}  // namespace
}  // namespace psl::catalogue
