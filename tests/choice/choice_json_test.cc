// The rules of choice (CHO-1) as a JSON file: round trip, strict parsing, errors naming the field
// (config_json.h), and no crash on any text.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "choice_test_support.h"
#include "psl/choice/choice.h"
#include "psl/config/config_json.h"

namespace psl::choice {
namespace {

using testing_support::AnyValidFormatRules;

bool SameRules(const FormatRules& a, const FormatRules& b) {
  if (a.rules.size() != b.rules.size()) return false;
  for (std::size_t i = 0; i < a.rules.size(); ++i) {
    const FormatRule& x = a.rules[i];
    const FormatRule& y = b.rules[i];
    if (x.route != y.route || x.source != y.source || x.end_result != y.end_result ||
        x.format != y.format) {
      return false;
    }
  }
  return a.version == b.version && a.fallback == b.fallback &&
         a.shortlist_minimum == b.shortlist_minimum && a.shortlist_maximum == b.shortlist_maximum &&
         a.choice_deadline_days == b.choice_deadline_days &&
         a.free_choice_end_results == b.free_choice_end_results;
}

TEST(FormatRulesJson, DefaultsRoundTrip) {
  const std::string text = config::FormatRulesToJson(DefaultFormatRules());
  auto parsed = config::ParseFormatRules(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(SameRules(*parsed, DefaultFormatRules()));
  EXPECT_NE(text.find("\"jobcentre\""), std::string::npos);
  EXPECT_NE(text.find("\"choice_deadline_days\": 28"), std::string::npos);
}

RC_GTEST_PROP(FormatRulesJson, RoundTrips, ()) {
  const FormatRules rules = *AnyValidFormatRules();
  auto parsed = config::ParseFormatRules(config::FormatRulesToJson(rules));
  RC_ASSERT(parsed.ok());
  RC_ASSERT(SameRules(*parsed, rules));
  RC_ASSERT(config::FormatRulesToJson(*parsed) == config::FormatRulesToJson(rules));
}

TEST(FormatRulesJson, EmptyOrMissingRuleFieldsMatchAnything) {
  auto parsed = config::ParseFormatRules(R"({
    "version": 2, "fallback": "free", "shortlist_minimum": 2, "shortlist_maximum": 4,
    "choice_deadline_days": 14, "free_choice_end_results": ["fair_start"],
    "rules": [{"end_result": "lower_crime", "format": "professional"},
              {"route": "referral", "source": null, "end_result": "", "format": "assisted"}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->rules.size(), 2u);
  EXPECT_EQ(parsed->rules[0].route, "");
  EXPECT_EQ(parsed->rules[0].end_result, "lower_crime");
  EXPECT_EQ(parsed->rules[1].source, "");
  EXPECT_EQ(parsed->fallback, Format::kFree);
  EXPECT_EQ(parsed->version, 2);
  EXPECT_EQ(parsed->choice_deadline_days, 14);
  EXPECT_EQ(FormatFor(*parsed, "referral", "gp", "good_mental_health"), Format::kAssisted);
  EXPECT_EQ(FormatFor(*parsed, "referral", "court", "fair_start"), Format::kFree);
}

std::string With(const std::string& member) {
  // A valid document with one member added or replaced at the end (JSON keeps the last).
  return R"({"version": 1, "fallback": "assisted", "shortlist_minimum": 3,
             "shortlist_maximum": 5, "choice_deadline_days": 28, "free_choice_end_results": [],
             "rules": [{"route": "referral", "source": "gp", "format": "assisted"},
                       {"route": "self_referral", "format": "free"},
                       {"end_result": "lower_crime", "format": "professional"}])" +
         (member.empty() ? std::string() : ", " + member) + "}";
}

TEST(FormatRulesJson, ErrorsNameTheField) {
  ASSERT_TRUE(config::ParseFormatRules(With("")).ok())
      << config::ParseFormatRules(With("")).status().ToString();
  const struct {
    std::string text;
    std::string field;
  } cases[] = {
      {"{", ""},
      {"[]", ""},
      {"", ""},
      {R"({"fallback": "assisted"})", "version"},
      {With(R"("version": "1")"), "version"},
      {With(R"("version": 1.5)"), "version"},
      {With(R"("version": 0)"), "version"},
      {With(R"("rules": {})"), "rules"},
      {With(R"("rules": [{"format": "free"}, {"route": "referral", "format": "any"}])"),
       "rules[1].format"},
      {With(R"("rules": [{"route": "referral", "format": "free"}, 7])"), "rules[1]"},
      {With(
           R"("rules": [{"route": "referral", "format": "free"}, {"route": 3, "format": "free"}])"),
       "rules[1].route"},
      {With(R"("rules": [{"route": "referral"}])"), "rules[0].format"},
      {With(R"("rules": [{"route": "referral", "format": "free", "why": "x"}])"), "rules[0].why"},
      {With(R"("rules": [{"route": "referral", "source": "online", "format": "free"}])"),
       "rules[0].source"},
      {With(R"("rules": [{"route": "bus", "format": "free"}])"), "rules[0].route"},
      {With(R"("rules": [{"source": "x", "format": "free"}])"), "rules[0].source"},
      {With(R"("rules": [{"format": "free"}])"), "rules[0]"},
      {With(R"("fallback": "some")"), "fallback"},
      {With(R"("shortlist_minimum": 0)"), "shortlist_minimum"},
      {With(R"("shortlist_maximum": 2)"), "shortlist_maximum"},
      {With(R"("choice_deadline_days": 366)"), "choice_deadline_days"},
      {With(R"("choice_deadline_days": 18446744073709551615)"), "choice_deadline_days"},
      {With(R"("free_choice_end_results": ["fair_start", 3])"), "free_choice_end_results[1]"},
      {With(R"("free_choice_end_results": ["Fair Start"])"), "free_choice_end_results[0]"},
      {With(R"("colour": "blue")"), "colour"},
      {With(R"("rules": [{"end_result": ")" + std::string(5001, 'a') + R"(", "format": "free"}])"),
       "rules[0].end_result"},
  };
  for (const auto& c : cases) {
    auto parsed = config::ParseFormatRules(c.text);
    ASSERT_FALSE(parsed.ok()) << c.text.substr(0, 300);
    EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument) << c.text.substr(0, 300);
    EXPECT_EQ(parsed.status().field(), c.field) << c.text.substr(0, 300);
    EXPECT_FALSE(parsed.status().message().empty());
  }
}

TEST(FormatRulesJson, ListsAreBounded) {
  std::string rules = R"("rules": [)";
  for (int i = 0; i < 1001; ++i) {
    rules += std::string(i == 0 ? "" : ",") + R"({"route": "referral", "format": "free"})";
  }
  rules += "]";
  auto parsed = config::ParseFormatRules(With(rules));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().field(), "rules");
}

RC_GTEST_PROP(FormatRulesJson, ParseNeverCrashesOnRandomText, (const std::string& text)) {
  auto parsed = config::ParseFormatRules(text);
  if (!parsed.ok()) RC_ASSERT(!parsed.status().message().empty());
}

// Mutating a valid document one byte at a time: whatever parses is valid.
RC_GTEST_PROP(FormatRulesJson, MutatedDocumentsParseToValidRulesOrErrors, ()) {
  std::string text = config::FormatRulesToJson(*AnyValidFormatRules());
  const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
  text[at] = *rc::gen::elementOf(std::string("{}[]\",:0123456789 -.aeflnrstu"));
  auto parsed = config::ParseFormatRules(text);
  if (parsed.ok()) RC_ASSERT(ValidateFormatRules(*parsed).ok());
}

}  // namespace
}  // namespace psl::choice
