// The catalogue, questionnaire and rules as JSON files (SPEC OUT-3, ASM-1, ASM-2): round trips,
// errors naming the field, robustness on any text, and the example files under docs/examples.
#include "psl/config/config_json.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "catalogue_test_support.h"
#include "psl/assessment/questionnaire.h"
#include "psl/catalogue/catalogue.h"

namespace psl::config {
namespace {

using assessment::DefaultQuestionnaire;
using assessment::DefaultRules;
using catalogue::DefaultCatalogue;
using nlohmann::json;

std::string ExamplePath(const std::string& name) {
  return std::string(PSL_SOURCE_DIR) + "/docs/examples/" + name;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// PSL_UPDATE_EXAMPLES=1 rewrites the generated example files instead of comparing them.
void CheckGenerated(const std::string& name, const std::string& text) {
  if (std::getenv("PSL_UPDATE_EXAMPLES") != nullptr) {
    std::ofstream(ExamplePath(name), std::ios::binary) << text;
    return;
  }
  EXPECT_EQ(ReadFile(ExamplePath(name)), text)
      << name << " is out of date: run catalogue_tests with PSL_UPDATE_EXAMPLES=1";
}

void ExpectInvalid(const Status& status, const std::string& field) {
  ASSERT_FALSE(status.ok()) << field;
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.field(), field) << status.ToString();
  EXPECT_FALSE(status.message().empty());
}

// ---------------------------------------------------------------------------------------------
// Defaults and the example files.

TEST(ConfigJson, DefaultsRoundTrip) {
  EXPECT_EQ(*ParseCatalogue(CatalogueToJson(DefaultCatalogue())), DefaultCatalogue());
  EXPECT_EQ(*ParseQuestionnaire(QuestionnaireToJson(DefaultQuestionnaire())),
            DefaultQuestionnaire());
  EXPECT_EQ(*ParseRules(RulesToJson(DefaultRules())), DefaultRules());
}

TEST(ConfigJson, ExampleFilesAreTheBuiltInDefaults) {
  CheckGenerated("catalogue_v1.json", CatalogueToJson(DefaultCatalogue()));
  CheckGenerated("questionnaire_v1.json", QuestionnaireToJson(DefaultQuestionnaire()));
  CheckGenerated("rules_v1.json", RulesToJson(DefaultRules()));
}

// OUT-3: a new outcome is a new catalogue version, a file, no code change. Version 2 adds
// "sober for three years" (Annex B) and the OUT-4 skunkworks example.
TEST(ConfigJson, CatalogueVersionTwoFileParsesAndValidates) {
  auto catalogue = ParseCatalogue(ReadFile(ExamplePath("catalogue_v2.json")));
  ASSERT_TRUE(catalogue.ok()) << catalogue.status().ToString();
  EXPECT_EQ(catalogue->version, 2);
  EXPECT_TRUE(catalogue::ValidateCatalogue(*catalogue).ok());
  EXPECT_EQ(catalogue->outcomes.size(), DefaultCatalogue().outcomes.size() + 2);
  for (const catalogue::KingOutcome& outcome : DefaultCatalogue().outcomes) {
    ASSERT_NE(catalogue->FindOutcome(outcome.id), nullptr) << outcome.id;
    EXPECT_EQ(*catalogue->FindOutcome(outcome.id), outcome) << outcome.id;
  }
  const catalogue::KingOutcome* sober = catalogue->FindOutcome("sober_3y");
  ASSERT_NE(sober, nullptr);
  EXPECT_EQ(sober->sustain_months, 36);
  const catalogue::KingOutcome* skunkworks =
      catalogue->FindOutcome("employment_sustained_2y_median_wage");
  ASSERT_NE(skunkworks, nullptr);
  EXPECT_EQ(skunkworks->skunkworks_variant_of, "employment_sustained_2y");
  // The default rules still validate against it (they name only version 1 outcomes).
  EXPECT_TRUE(assessment::ValidateRules(DefaultRules(), DefaultQuestionnaire(), *catalogue).ok());
}

TEST(ConfigJson, ReportExampleAnswersFile) {
  const json document = json::parse(ReadFile(ExamplePath("report_example_answers.json")));
  ASSERT_TRUE(document.is_object());
  assessment::Answers answers;
  for (const auto& [id, value] : document.items()) {
    ASSERT_TRUE(value.is_string()) << id;
    answers[id] = value.get<std::string>();
  }
  EXPECT_EQ(answers, assessment::ReportExampleAnswers());
}

// ---------------------------------------------------------------------------------------------
// Errors name the field as a path.

json DefaultCatalogueJson() { return json::parse(CatalogueToJson(DefaultCatalogue())); }

TEST(ParseCatalogue, ErrorsNameTheField) {
  json document = DefaultCatalogueJson();
  document["outcomes"][2]["window_months"] = 0;
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "outcomes[2].window_months");

  document = DefaultCatalogueJson();
  document["outcomes"][2]["window_months"] = "12";
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "outcomes[2].window_months");

  document = DefaultCatalogueJson();
  document["outcomes"][2]["window_months"] = 12.5;
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "outcomes[2].window_months");

  document = DefaultCatalogueJson();
  document["outcomes"][2]["window_months"] = 1e30;
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "outcomes[2].window_months");

  document = DefaultCatalogueJson();
  document["outcomes"][1]["kind"] = "partial";
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "outcomes[1].kind");

  document = DefaultCatalogueJson();
  document["outcomes"][1]["colour"] = "blue";
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "outcomes[1].colour");

  document = DefaultCatalogueJson();
  document["outcomes"][3].erase("evidence");
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "outcomes[3].evidence");

  document = DefaultCatalogueJson();
  document["outcomes"][3]["evidence"] = std::string(5001, 'e');
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "outcomes[3].evidence");

  document = DefaultCatalogueJson();
  document["outcomes"][0]["top_up_licence"] = "general";
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "outcomes[0].top_up_licence");

  document = DefaultCatalogueJson();
  document["end_results"][4] = "fair_start";
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "end_results[4]");

  document = DefaultCatalogueJson();
  document["end_results"] = json::array();
  for (int i = 0; i < 1001; ++i) document["end_results"].push_back({{"id", "x"}, {"name", "x"}});
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "end_results");

  document = DefaultCatalogueJson();
  document.erase("version");
  ExpectInvalid(ParseCatalogue(document.dump()).ToStatus(), "version");

  ExpectInvalid(ParseCatalogue("").ToStatus(), "");
  ExpectInvalid(ParseCatalogue("[]").ToStatus(), "");
  ExpectInvalid(ParseCatalogue("{\"version\": 1,").ToStatus(), "");
}

TEST(ParseQuestionnaire, ErrorsNameTheField) {
  json document = json::parse(QuestionnaireToJson(DefaultQuestionnaire()));
  document["questions"][0]["options"][1] = 7;
  ExpectInvalid(ParseQuestionnaire(document.dump()).ToStatus(), "questions[0].options[1]");

  document = json::parse(QuestionnaireToJson(DefaultQuestionnaire()));
  document["questions"][3]["kind"] = "date";
  ExpectInvalid(ParseQuestionnaire(document.dump()).ToStatus(), "questions[3].kind");

  document = json::parse(QuestionnaireToJson(DefaultQuestionnaire()));
  document["questions"][3]["minimum"] = 500;
  ExpectInvalid(ParseQuestionnaire(document.dump()).ToStatus(), "questions[3].minimum");

  document = json::parse(QuestionnaireToJson(DefaultQuestionnaire()));
  document["questions"][3]["required"] = "yes";
  ExpectInvalid(ParseQuestionnaire(document.dump()).ToStatus(), "questions[3].required");

  document = json::parse(QuestionnaireToJson(DefaultQuestionnaire()));
  document["questions"][5]["domain"] = "astrology";
  ExpectInvalid(ParseQuestionnaire(document.dump()).ToStatus(), "questions[5].domain");
}

TEST(ParseRules, ErrorsNameTheField) {
  json document = json::parse(RulesToJson(DefaultRules()));
  document["barriers"][0]["when_any"][0][0]["at_least"] = 3;  // one_of and at_least
  ExpectInvalid(ParseRules(document.dump()).ToStatus(), "barriers[0].when_any[0][0].question");

  document = json::parse(RulesToJson(DefaultRules()));
  document["barriers"][0]["when_any"][0][0]["one_of"] = json::array();
  ExpectInvalid(ParseRules(document.dump()).ToStatus(), "barriers[0].when_any[0][0].one_of");

  document = json::parse(RulesToJson(DefaultRules()));
  document["eligibility"][2]["when_any"][0] = {{"question", "x"}};
  ExpectInvalid(ParseRules(document.dump()).ToStatus(), "eligibility[2].when_any[0]");

  document = json::parse(RulesToJson(DefaultRules()));
  document["eligibility"][2]["when_any"][0][0]["at_most"] = "ten";
  ExpectInvalid(ParseRules(document.dump()).ToStatus(), "eligibility[2].when_any[0][0].at_most");

  document = json::parse(RulesToJson(DefaultRules()));
  document["barriers"][3]["barrier"] = "No Fixed Abode";
  ExpectInvalid(ParseRules(document.dump()).ToStatus(), "barriers[3].barrier");
}

// ---------------------------------------------------------------------------------------------
// Properties: Parse(ToJson(x)) == x for generated values; Parse never crashes on any text.

RC_GTEST_PROP(ConfigJson, CatalogueRoundTrips, ()) {
  const catalogue::Catalogue catalogue = *testing_support::AnyValidCatalogue();
  auto parsed = ParseCatalogue(CatalogueToJson(catalogue));
  RC_ASSERT(parsed.ok());
  RC_ASSERT(*parsed == catalogue);
}

RC_GTEST_PROP(ConfigJson, QuestionnaireRoundTrips, ()) {
  const assessment::Questionnaire questionnaire = *testing_support::AnyValidQuestionnaire();
  auto parsed = ParseQuestionnaire(QuestionnaireToJson(questionnaire));
  RC_ASSERT(parsed.ok());
  RC_ASSERT(*parsed == questionnaire);
}

RC_GTEST_PROP(ConfigJson, RulesRoundTrip, ()) {
  const assessment::Rules rules = *testing_support::AnyShapedRules();
  RC_ASSERT(assessment::ValidateRulesShape(rules).ok());
  auto parsed = ParseRules(RulesToJson(rules));
  RC_ASSERT(parsed.ok());
  RC_ASSERT(*parsed == rules);
}

void RequireInputErrorOrOk(const Status& status) {
  if (status.ok()) return;
  RC_ASSERT(status.code() == ErrorCode::kInvalidArgument);
  RC_ASSERT(!status.message().empty());
}

RC_GTEST_PROP(ConfigJson, ParseNeverCrashesOnAnyText, (const std::string& text)) {
  RequireInputErrorOrOk(ParseCatalogue(text).ToStatus());
  RequireInputErrorOrOk(ParseQuestionnaire(text).ToStatus());
  RequireInputErrorOrOk(ParseRules(text).ToStatus());
}

// Damaged files: a valid file with one byte changed, dropped or duplicated.
RC_GTEST_PROP(ConfigJson, ParseNeverCrashesOnDamagedFiles, ()) {
  const int which = *rc::gen::inRange(0, 3);
  std::string text = which == 0   ? CatalogueToJson(DefaultCatalogue())
                     : which == 1 ? QuestionnaireToJson(DefaultQuestionnaire())
                                  : RulesToJson(DefaultRules());
  const int edits = *rc::gen::inRange(1, 4);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
    switch (*rc::gen::inRange(0, 3)) {
      case 0: text[at] = *rc::gen::elementOf(std::string("{}[]\":,0-9e.ntfx\\ ")); break;
      case 1: text.erase(at, 1); break;
      default: text.insert(at, 1, text[at]); break;
    }
  }
  RequireInputErrorOrOk(ParseCatalogue(text).ToStatus());
  RequireInputErrorOrOk(ParseQuestionnaire(text).ToStatus());
  RequireInputErrorOrOk(ParseRules(text).ToStatus());
  // What parses is valid and round-trips.
  if (auto catalogue = ParseCatalogue(text); catalogue.ok()) {
    RC_ASSERT(catalogue::ValidateCatalogue(*catalogue).ok());
    RC_ASSERT(*ParseCatalogue(CatalogueToJson(*catalogue)) == *catalogue);
  }
  if (auto questionnaire = ParseQuestionnaire(text); questionnaire.ok()) {
    RC_ASSERT(*ParseQuestionnaire(QuestionnaireToJson(*questionnaire)) == *questionnaire);
  }
  if (auto rules = ParseRules(text); rules.ok()) {
    RC_ASSERT(*ParseRules(RulesToJson(*rules)) == *rules);
  }
}

}  // namespace
}  // namespace psl::config
