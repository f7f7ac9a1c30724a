// The payment settings document (config_json.h, docs/payment.md §1): round trip of any valid
// settings, strict parsing (every member required, unknown members refused), errors naming the
// field path, the domain's validation, and no crash on any text.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "budget_test_support.h"
#include "psl/config/config_json.h"
#include "psl/payment/settings.h"

namespace psl::payment {
namespace {

std::string DefaultText() { return config::PaymentSettingsToJson(DefaultPaymentSettings()); }

// The default document with one member replaced (or added) at the top level.
std::string WithMember(const std::string& name, const std::string& value) {
  nlohmann::json document = nlohmann::json::parse(DefaultText());
  document[name] = nlohmann::json::parse(value);
  return document.dump();
}

std::string WithoutMember(const std::string& name) {
  nlohmann::json document = nlohmann::json::parse(DefaultText());
  document.erase(name);
  return document.dump();
}

void ExpectRefused(const std::string& text, const std::string& field) {
  auto parsed = config::ParsePaymentSettings(text);
  ASSERT_FALSE(parsed.ok()) << text;
  EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().field(), field) << parsed.status().ToString();
}

TEST(PaymentSettingsJson, DefaultRoundTripsWithDocumentedShape) {
  const std::string text = DefaultText();
  auto parsed = config::ParsePaymentSettings(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, DefaultPaymentSettings());
  const nlohmann::json document = nlohmann::json::parse(text);
  EXPECT_EQ(document["default_split"]["upfront_percent"], 30);
  EXPECT_EQ(document["default_split"]["outcome_percent"], 60);
  EXPECT_EQ(document["default_split"]["satisfaction_percent"], 10);
  EXPECT_EQ(document["sliding_scale"][1]["from_months"], 3);
  EXPECT_EQ(document["sliding_scale"][1]["upfront_percent"], 90);
  EXPECT_EQ(document["relative_floor"], "0.500000");
  EXPECT_EQ(document["relative_cap"], "1.500000");
  EXPECT_EQ(document["median_annual_wage_pence"], 3'743'000);
  EXPECT_EQ(document["survey_months"], nlohmann::json::parse("[3, 12]"));
}

RC_GTEST_PROP(PaymentSettingsJson, AnyValidSettingsRoundTrip, ()) {
  const PaymentSettings settings = *testing_support::AnyValidPaymentSettings();
  RC_ASSERT(ValidatePaymentSettings(settings).ok());
  const std::string text = config::PaymentSettingsToJson(settings);
  auto parsed = config::ParsePaymentSettings(text);
  RC_ASSERT(parsed.ok());
  RC_ASSERT(*parsed == settings);
  RC_ASSERT(config::PaymentSettingsToJson(*parsed) == text);
}

TEST(PaymentSettingsJson, OverridesAndRelativeResultsAreRead) {
  nlohmann::json document = nlohmann::json::parse(DefaultText());
  document["version"] = 2;
  document["end_result_splits"]["healthy_home"] = {
      {"upfront_percent", 50}, {"outcome_percent", 40}, {"satisfaction_percent", 10}};
  document["outcome_splits"]["own_home_5y"] = {
      {"upfront_percent", 70}, {"outcome_percent", 30}, {"satisfaction_percent", 0}};
  document["relative_results_end_results"] = {"individual_prosperity"};
  document["relative_cap"] = "1.25";
  auto parsed = config::ParsePaymentSettings(document.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->version, 2);
  EXPECT_EQ(parsed->end_result_splits.at("healthy_home"), (SplitShares{50, 40, 10}));
  EXPECT_EQ(parsed->outcome_splits.at("own_home_5y"), (SplitShares{70, 30, 0}));
  EXPECT_EQ(parsed->relative_results_end_results, std::set<std::string>{"individual_prosperity"});
  EXPECT_EQ(parsed->relative_cap, Weight::FromMicros(1'250'000));
}

TEST(PaymentSettingsJson, TheExampleDocumentIsValid) {
  std::ifstream file(std::string(PSL_SOURCE_DIR) + "/docs/examples/payment_settings_v2.json");
  ASSERT_TRUE(file) << "docs/examples/payment_settings_v2.json";
  std::stringstream text;
  text << file.rdbuf();
  auto parsed = config::ParsePaymentSettings(text.str());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->version, 2);
  EXPECT_FALSE(parsed->end_result_splits.empty());
  EXPECT_TRUE(parsed->relative_results_end_results.contains("individual_prosperity"));
}

TEST(PaymentSettingsJson, ErrorsNameTheFieldPath) {
  ExpectRefused("", "");
  ExpectRefused("[]", "");
  ExpectRefused("{", "");
  ExpectRefused(WithMember("discount_percent", "5"), "discount_percent");
  ExpectRefused(WithoutMember("survey_months"), "survey_months");
  ExpectRefused(WithoutMember("median_annual_wage_pence"), "median_annual_wage_pence");
  ExpectRefused(WithMember("version", "0"), "version");
  ExpectRefused(WithMember("version", "\"2\""), "version");
  ExpectRefused(WithMember("version", "1.5"), "version");
  ExpectRefused(WithMember("version", "18446744073709551615"), "version");
  ExpectRefused(
      WithMember("default_split",
                 R"({"upfront_percent": 30, "outcome_percent": 60, "satisfaction_percent": 11})"),
      "default_split");
  ExpectRefused(WithMember("default_split", R"({"upfront_percent": 30, "outcome_percent": 60,
                                                "satisfaction_percent": 10, "bonus": 1})"),
                "default_split.bonus");
  ExpectRefused(WithMember("default_split", R"({"upfront_percent": 30, "outcome_percent": 70})"),
                "default_split.satisfaction_percent");
  ExpectRefused(WithMember("end_result_splits", R"({"healthy_home": {"upfront_percent": 50,
                           "outcome_percent": 50, "satisfaction_percent": 10}})"),
                "end_result_splits.healthy_home");
  ExpectRefused(WithMember("outcome_splits", R"({"own_home_5y": {"upfront_percent": -1,
                           "outcome_percent": 91, "satisfaction_percent": 10}})"),
                "outcome_splits.own_home_5y.upfront_percent");
  ExpectRefused(WithMember("outcome_splits", R"({"own_home_5y": [30, 60, 10]})"),
                "outcome_splits.own_home_5y");
  ExpectRefused(WithMember("sliding_scale", R"([{"from_months": 1, "upfront_percent": 100,
                           "outcome_percent": 0, "satisfaction_percent": 0}])"),
                "sliding_scale[0].from_months");
  ExpectRefused(WithMember("sliding_scale", R"([{"from_months": 0, "upfront_percent": 100,
                           "outcome_percent": 0, "satisfaction_percent": 0},
                           {"from_months": 3, "upfront_percent": 90, "outcome_percent": 10,
                            "satisfaction_percent": 0, "months": 2}])"),
                "sliding_scale[1].months");
  ExpectRefused(WithMember("sliding_scale", "[7]"), "sliding_scale[0]");
  ExpectRefused(WithMember("survey_months", "[3, 3]"), "survey_months[1]");
  ExpectRefused(WithMember("survey_months", "[3, \"12\"]"), "survey_months[1]");
  ExpectRefused(WithMember("survey_months", "[]"), "survey_months");
  ExpectRefused(WithMember("survey_sample_percent", "101"), "survey_sample_percent");
  ExpectRefused(WithMember("clawback_requires_good_standing", "1"),
                "clawback_requires_good_standing");
  ExpectRefused(WithMember("receivable_overdue_days", "0"), "receivable_overdue_days");
  ExpectRefused(WithMember("relative_results_end_results", "[\"a\", \"a\"]"),
                "relative_results_end_results[1]");
  ExpectRefused(WithMember("relative_results_end_results", "[1]"),
                "relative_results_end_results[0]");
  ExpectRefused(WithMember("relative_floor", "\"0.5000001\""), "relative_floor");
  ExpectRefused(WithMember("relative_floor", "0.5"), "relative_floor");
  ExpectRefused(WithMember("relative_cap", "\"0.9\""), "relative_floor");
  ExpectRefused(WithMember("median_annual_wage_pence", "0"), "median_annual_wage_pence");
  ExpectRefused(WithMember("median_annual_wage_pence", "3743000.5"), "median_annual_wage_pence");
}

TEST(PaymentSettingsJson, HugeDocumentsAreRefusedBeforeParsing) {
  const std::string huge(std::size_t{1024} * 1024 + 1, ' ');
  ExpectRefused(huge, "");
  nlohmann::json document = nlohmann::json::parse(DefaultText());
  for (int i = 0; i < 1001; ++i) {
    document["end_result_splits"]["er" + std::to_string(i)] = document["default_split"];
  }
  ExpectRefused(document.dump(), "end_result_splits");
}

RC_GTEST_PROP(PaymentSettingsJson, NeverThrowsOnMutatedText, ()) {
  std::string text = DefaultText();
  const auto edits = *rc::gen::container<std::vector<std::pair<std::size_t, char>>>(
      rc::gen::pair(rc::gen::inRange<std::size_t>(0, text.size()), rc::gen::arbitrary<char>()));
  for (const auto& [at, c] : edits) text[at] = c;
  auto parsed = config::ParsePaymentSettings(text);
  if (parsed.ok()) {
    RC_ASSERT(ValidatePaymentSettings(*parsed).ok());
  } else {
    RC_ASSERT(parsed.status().code() == ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace psl::payment
