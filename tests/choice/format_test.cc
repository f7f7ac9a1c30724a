// CHO-1: the format of choice. Expected formats come from the report's Table 3 "Formats of
// Choice" and Annex B "what it looks like in practice"; docs/choice.md maps each row to a rule.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "choice_test_support.h"
#include "psl/choice/choice.h"

namespace psl::choice {
namespace {

using testing_support::AllRouteSources;
using testing_support::AnyValidFormatRules;
using testing_support::EndResults;

struct Case {
  const char* citation;  // the report's row
  const char* route;
  const char* source;
  const char* end_result;
  Format expected;
};

// Annex B: each example customer, their entry point and the extent of choice. A customer with
// several End Results has one provider per End Result (CHO-4), so each End Result is one case.
const Case kAnnexB[] = {
    {"Annex B: 19 year old NEET, referred by JobCentre Plus -> assisted", "referral", "jobcentre",
     "individual_prosperity", Format::kAssisted},
    {"Annex B: overweight man in work, with depression, referred by GP -> assisted (health)",
     "referral", "gp", "better_physical_health", Format::kAssisted},
    {"Annex B: overweight man in work, with depression, referred by GP -> assisted (mental)",
     "referral", "gp", "good_mental_health", Format::kAssisted},
    {"Annex B: homeless woman, alcohol problem, referred by street outreach -> professional "
     "(health)",
     "referral", "street_team", "better_physical_health", Format::kProfessional},
    {"Annex B: homeless woman, alcohol problem, referred by street outreach -> professional "
     "(prosperity)",
     "referral", "street_team", "individual_prosperity", Format::kProfessional},
    {"Annex B: pregnant teen, referred by GP -> assisted, shortlist by health visitor", "referral",
     "gp", "fair_start", Format::kAssisted},
    {"Annex B: pregnant teen, referred by prenatal services (health visitor) -> assisted",
     "referral", "health_visitor", "fair_start", Format::kAssisted},
    {"Annex B: addicted offender, referred at sentencing -> professional (crime)", "life_event",
     "sentencing", "lower_crime", Format::kProfessional},
    {"Annex B: addicted offender, referred at sentencing -> professional (health)", "life_event",
     "sentencing", "better_physical_health", Format::kProfessional},
    {"Annex B: addicted offender, referred at sentencing -> professional (prosperity)",
     "life_event", "sentencing", "individual_prosperity", Format::kProfessional},
    {"Annex B: long term unemployed, low skills, referred by JobCentre -> assisted", "referral",
     "jobcentre", "individual_prosperity", Format::kAssisted},
    {"Annex B: minimum wage worker, self-refer online -> free", "self_referral", "online",
     "individual_prosperity", Format::kFree},
    {"Annex B: 14 year old planning to leave school at 16 -> free (life event)", "life_event",
     "leaving_education", "individual_prosperity", Format::kFree},
    {"Annex B: 14 year old planning to leave school at 16 -> free (school explains)", "referral",
     "school", "individual_prosperity", Format::kFree},
    {"Annex B: troubled family, referred by social services -> professional (prosperity)",
     "referral", "social_worker", "individual_prosperity", Format::kProfessional},
    {"Annex B: troubled family, referred by social services -> professional (health)", "referral",
     "social_worker", "better_physical_health", Format::kProfessional},
    {"Annex B: troubled family, referred by social services -> professional (mental)", "referral",
     "social_worker", "good_mental_health", Format::kProfessional},
    {"Annex B: troubled family, referred by social services -> professional (fair start)",
     "referral", "social_worker", "fair_start", Format::kProfessional},
    {"Annex B: troubled family, referred by social services -> professional (crime)", "referral",
     "social_worker", "lower_crime", Format::kProfessional},
};

// Table 3: the settings for each format.
const Case kTable3[] = {
    {"Table 3 free: school leavers, Individual Prosperity", "life_event", "leaving_education",
     "individual_prosperity", Format::kFree},
    {"Table 3 free: most patients choosing lifestyle related physical health support (online)",
     "self_referral", "online", "better_physical_health", Format::kFree},
    {"Table 3 free: most patients choosing lifestyle related physical health support (at GP)",
     "self_referral", "gp", "better_physical_health", Format::kFree},
    {"Table 3 free: people in work on low wages, Individual Prosperity (helpline)", "self_referral",
     "helpline", "individual_prosperity", Format::kFree},
    {"Table 3 free: self-referral via councillor or MP", "self_referral", "councillor_or_mp",
     "individual_prosperity", Format::kFree},
    {"Table 3 free (docs/choice.md): made redundant, Individual Prosperity", "life_event",
     "redundancy", "individual_prosperity", Format::kFree},
    {"Table 3 professional: offenders, Lower Crime (court)", "referral", "court", "lower_crime",
     Format::kProfessional},
    {"Table 3 professional: offenders, Lower Crime (probation)", "referral", "probation",
     "individual_prosperity", Format::kProfessional},
    {"Table 3 professional: offenders, Lower Crime (police)", "referral", "police",
     "good_mental_health", Format::kProfessional},
    {"Table 3 professional: offenders, Lower Crime whatever the route (self-referral)",
     "self_referral", "online", "lower_crime", Format::kProfessional},
    {"Table 3 professional: offenders, Lower Crime whatever the route (JobCentre)", "referral",
     "jobcentre", "lower_crime", Format::kProfessional},
    {"Table 3 professional: severe mental health difficulties", "referral", "mental_health",
     "good_mental_health", Format::kProfessional},
    {"Table 3 professional: most customers referred by social services", "referral",
     "social_worker", "fair_start", Format::kProfessional},
    {"Table 3 assisted: job seekers, Individual Prosperity", "referral", "jobcentre",
     "individual_prosperity", Format::kAssisted},
    {"Table 3 assisted: low level mental health difficulties (GP)", "referral", "gp",
     "good_mental_health", Format::kAssisted},
    {"Table 3 assisted: their child's development, Fair Start (birth)", "life_event", "birth",
     "fair_start", Format::kAssisted},
    {"Table 3 assisted: their child's development, Fair Start (health visitor)", "referral",
     "health_visitor", "fair_start", Format::kAssisted},
    {"Table 3 assisted: complex needs (no specific rule: the fallback)", "life_event",
     "chronic_illness", "better_physical_health", Format::kAssisted},
    {"Table 3 assisted: complex needs (no specific rule: the fallback)", "referral", "school",
     "good_mental_health", Format::kAssisted},
};

TEST(DefaultFormatRules, AnnexBExamples) {
  for (const Case& c : kAnnexB) {
    EXPECT_EQ(FormatFor(DefaultFormatRules(), c.route, c.source, c.end_result), c.expected)
        << c.citation;
  }
}

TEST(DefaultFormatRules, Table3Settings) {
  for (const Case& c : kTable3) {
    EXPECT_EQ(FormatFor(DefaultFormatRules(), c.route, c.source, c.end_result), c.expected)
        << c.citation;
  }
}

TEST(DefaultFormatRules, AreValidVersion1WithTheReportsShortlistAndDeadline) {
  const FormatRules& rules = DefaultFormatRules();
  EXPECT_TRUE(ValidateFormatRules(rules).ok()) << ValidateFormatRules(rules).ToString();
  EXPECT_EQ(rules.version, 1);
  EXPECT_EQ(rules.fallback, Format::kAssisted);
  // Annex B "a shortlist of 3-5 drawn up by health visitor"; SPEC CHO-3 deadline 28 days.
  EXPECT_EQ(rules.shortlist_minimum, 3);
  EXPECT_EQ(rules.shortlist_maximum, 5);
  EXPECT_EQ(rules.choice_deadline_days, 28);
  EXPECT_TRUE(rules.free_choice_end_results.empty());
}

// Table 3: "the help offered to offenders as part of the Lower Crime End Result" is professional
// choice, whoever sent the citizen.
TEST(DefaultFormatRules, LowerCrimeIsProfessionalForEveryRouteAndSource) {
  for (const auto& pair : AllRouteSources()) {
    EXPECT_EQ(FormatFor(DefaultFormatRules(), pair.route, pair.source, "lower_crime"),
              Format::kProfessional)
        << pair.route << "/" << pair.source;
  }
}

// Annex B: professional referrers of people in crisis choose for them, whatever the End Result.
TEST(DefaultFormatRules, CrisisReferrersAreProfessionalForEveryEndResult) {
  for (const char* source :
       {"court", "probation", "police", "social_worker", "street_team", "mental_health"}) {
    for (const std::string& end_result : EndResults()) {
      EXPECT_EQ(FormatFor(DefaultFormatRules(), "referral", source, end_result),
                Format::kProfessional)
          << source << " " << end_result;
    }
  }
}

TEST(DefaultFormatRules, SelfReferralIsFreeExceptLowerCrime) {
  for (const auto source : entry::kSelfReferralSources) {
    for (const std::string& end_result : EndResults()) {
      EXPECT_EQ(FormatFor(DefaultFormatRules(), "self_referral", source, end_result),
                end_result == "lower_crime" ? Format::kProfessional : Format::kFree)
          << source << " " << end_result;
    }
  }
}

// Report p.67: "look to expand the numbers of people making a free choice where possible".
TEST(FreeChoiceWidening, ListedEndResultsAreFreeWhateverTheRoute) {
  FormatRules rules = DefaultFormatRules();
  rules.free_choice_end_results = {"individual_prosperity"};
  ASSERT_TRUE(ValidateFormatRules(rules).ok());
  EXPECT_EQ(FormatFor(rules, "referral", "jobcentre", "individual_prosperity"), Format::kFree);
  EXPECT_EQ(FormatFor(rules, "referral", "court", "individual_prosperity"), Format::kFree);
  EXPECT_EQ(FormatFor(rules, "life_event", "sentencing", "individual_prosperity"), Format::kFree);
  // Other End Results keep their rules.
  EXPECT_EQ(FormatFor(rules, "referral", "court", "lower_crime"), Format::kProfessional);
  EXPECT_EQ(FormatFor(rules, "referral", "gp", "good_mental_health"), Format::kAssisted);
}

RC_GTEST_PROP(FreeChoiceWidening, OverridesEveryRule, ()) {
  FormatRules rules = *AnyValidFormatRules();
  const auto pair = *rc::gen::elementOf(AllRouteSources());
  const std::string end_result = *rc::gen::elementOf(EndResults());
  rules.free_choice_end_results.push_back(end_result);
  RC_ASSERT(FormatFor(rules, pair.route, pair.source, end_result) == Format::kFree);
}

// --- the specificity order ----------------------------------------------------------------

FormatRule Rule(std::string route, std::string source, std::string end_result, Format format) {
  return FormatRule{std::move(route), std::move(source), std::move(end_result), format};
}

FormatRules RulesOf(std::vector<FormatRule> list) {
  FormatRules rules;
  rules.version = 1;
  rules.rules = std::move(list);
  rules.fallback = Format::kAssisted;
  EXPECT_TRUE(ValidateFormatRules(rules).ok()) << ValidateFormatRules(rules).ToString();
  return rules;
}

TEST(Specificity, IsTheDocumentedTotalOrder) {
  // docs/choice.md: route+source+end_result > source+end_result > route+source >
  // route+end_result > source > end_result > route.
  const std::vector<FormatRule> descending = {
      Rule("referral", "gp", "fair_start", Format::kFree),
      Rule("", "gp", "fair_start", Format::kFree),
      Rule("referral", "gp", "", Format::kFree),
      Rule("referral", "", "fair_start", Format::kFree),
      Rule("", "gp", "", Format::kFree),
      Rule("", "", "fair_start", Format::kFree),
      Rule("referral", "", "", Format::kFree),
  };
  for (std::size_t i = 0; i + 1 < descending.size(); ++i) {
    EXPECT_GT(Specificity(descending[i]), Specificity(descending[i + 1])) << i;
  }
}

TEST(Specificity, MoreFieldsWinWhateverTheListOrder) {
  // A route-and-End-Result rule beats a source-only rule: two named fields beat one.
  const FormatRules rules = RulesOf({Rule("", "gp", "", Format::kFree),
                                     Rule("referral", "", "fair_start", Format::kProfessional)});
  EXPECT_EQ(FormatFor(rules, "referral", "gp", "fair_start"), Format::kProfessional);
  EXPECT_EQ(MatchingRule(rules, "referral", "gp", "fair_start"), 1u);
  // Where only the source rule matches, it applies.
  EXPECT_EQ(FormatFor(rules, "self_referral", "gp", "fair_start"), Format::kFree);
}

TEST(Specificity, SourceBeatsEndResultBeatsRouteAmongEquals) {
  const FormatRules one_field = RulesOf({Rule("referral", "", "", Format::kFree),
                                         Rule("", "", "fair_start", Format::kAssisted),
                                         Rule("", "gp", "", Format::kProfessional)});
  EXPECT_EQ(FormatFor(one_field, "referral", "gp", "fair_start"), Format::kProfessional);
  EXPECT_EQ(FormatFor(one_field, "referral", "jobcentre", "fair_start"), Format::kAssisted);
  EXPECT_EQ(FormatFor(one_field, "referral", "jobcentre", "lower_crime"), Format::kFree);

  const FormatRules two_fields = RulesOf({Rule("referral", "", "fair_start", Format::kFree),
                                          Rule("referral", "gp", "", Format::kAssisted),
                                          Rule("", "gp", "fair_start", Format::kProfessional)});
  EXPECT_EQ(FormatFor(two_fields, "referral", "gp", "fair_start"), Format::kProfessional);
  EXPECT_EQ(FormatFor(two_fields, "referral", "gp", "lower_crime"), Format::kAssisted);
  EXPECT_EQ(FormatFor(two_fields, "referral", "school", "fair_start"), Format::kFree);
}

TEST(Specificity, FirstListedWinsAmongEquallySpecificRules) {
  // Two matching rules of equal specificity name the same fields with the same values, so a tie
  // is a duplicate, which validation refuses; FormatFor still resolves it by list order.
  FormatRules rules;
  rules.rules = {Rule("referral", "", "", Format::kFree),
                 Rule("referral", "", "", Format::kProfessional)};
  EXPECT_EQ(FormatFor(rules, "referral", "gp", "fair_start"), Format::kFree);
  EXPECT_EQ(MatchingRule(rules, "referral", "gp", "fair_start"), 0u);
}

TEST(Specificity, NoMatchGivesTheFallback) {
  FormatRules rules = RulesOf({Rule("referral", "court", "", Format::kProfessional)});
  rules.fallback = Format::kFree;
  EXPECT_EQ(FormatFor(rules, "referral", "gp", "fair_start"), Format::kFree);
  EXPECT_EQ(MatchingRule(rules, "referral", "gp", "fair_start"), std::nullopt);
}

// The winner is a matching rule, and no matching rule is more specific or equally specific and
// listed earlier.
RC_GTEST_PROP(Specificity, WinnerIsTheMostSpecificFirstListedMatch, ()) {
  const FormatRules rules = *AnyValidFormatRules();
  const auto pair = *rc::gen::elementOf(AllRouteSources());
  const std::string end_result = *rc::gen::elementOf(EndResults());
  const auto winner = MatchingRule(rules, pair.route, pair.source, end_result);
  auto matches = [&](const FormatRule& rule) {
    return (rule.route.empty() || rule.route == pair.route) &&
           (rule.source.empty() || rule.source == pair.source) &&
           (rule.end_result.empty() || rule.end_result == end_result);
  };
  if (!winner) {
    for (const FormatRule& rule : rules.rules) RC_ASSERT(!matches(rule));
    if (rules.free_choice_end_results.empty()) {
      RC_ASSERT(FormatFor(rules, pair.route, pair.source, end_result) == rules.fallback);
    }
    return;
  }
  const FormatRule& chosen = rules.rules[*winner];
  RC_ASSERT(matches(chosen));
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    if (!matches(rules.rules[i])) continue;
    RC_ASSERT(Specificity(rules.rules[i]) <= Specificity(chosen));
    if (i < *winner) RC_ASSERT(Specificity(rules.rules[i]) < Specificity(chosen));
  }
  if (rules.free_choice_end_results.empty()) {
    RC_ASSERT(FormatFor(rules, pair.route, pair.source, end_result) == chosen.format);
  }
}

// --- formats and validation ---------------------------------------------------------------

TEST(Format, NamesRoundTrip) {
  for (Format format : {Format::kFree, Format::kAssisted, Format::kProfessional}) {
    auto parsed = ParseFormat(FormatName(format));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, format);
  }
  EXPECT_EQ(FormatName(Format::kAssisted), "assisted");
  EXPECT_FALSE(ParseFormat("Free").ok());
  EXPECT_FALSE(ParseFormat("").ok());
}

struct InvalidCase {
  const char* what;
  void (*change)(FormatRules&);
  const char* field;
};

const InvalidCase kInvalid[] = {
    {"version 0", [](FormatRules& r) { r.version = 0; }, "version"},
    {"unknown route", [](FormatRules& r) { r.rules[2].route = "walk_in"; }, "rules[2].route"},
    {"source of another route",
     [](FormatRules& r) { r.rules[2] = Rule("self_referral", "court", "", Format::kFree); },
     "rules[2].source"},
    {"unknown source without route",
     [](FormatRules& r) { r.rules[3] = Rule("", "neighbour", "", Format::kFree); },
     "rules[3].source"},
    {"End Result not snake_case", [](FormatRules& r) { r.rules[1].end_result = "Lower Crime"; },
     "rules[1].end_result"},
    {"End Result with a double underscore",
     [](FormatRules& r) { r.rules[1].end_result = "lower__crime"; }, "rules[1].end_result"},
    {"End Result too long", [](FormatRules& r) { r.rules[1].end_result = std::string(65, 'a'); },
     "rules[1].end_result"},
    {"rule that names nothing",
     [](FormatRules& r) { r.rules[4] = Rule("", "", "", Format::kFree); }, "rules[4]"},
    {"duplicate rule", [](FormatRules& r) { r.rules[5] = r.rules[2]; }, "rules[5]"},
    {"shortlist minimum 0", [](FormatRules& r) { r.shortlist_minimum = 0; }, "shortlist_minimum"},
    {"shortlist minimum above 20",
     [](FormatRules& r) {
       r.shortlist_minimum = 21;
       r.shortlist_maximum = 21;
     },
     "shortlist_minimum"},
    {"shortlist maximum below minimum", [](FormatRules& r) { r.shortlist_maximum = 2; },
     "shortlist_maximum"},
    {"shortlist maximum above 20", [](FormatRules& r) { r.shortlist_maximum = 21; },
     "shortlist_maximum"},
    {"deadline 0 days", [](FormatRules& r) { r.choice_deadline_days = 0; }, "choice_deadline_days"},
    {"deadline 366 days", [](FormatRules& r) { r.choice_deadline_days = 366; },
     "choice_deadline_days"},
    {"free choice id not snake_case",
     [](FormatRules& r) {
       r.free_choice_end_results = {"fair_start", "Fair-Start"};
     },
     "free_choice_end_results[1]"},
    {"free choice id twice",
     [](FormatRules& r) {
       r.free_choice_end_results = {"fair_start", "fair_start"};
     },
     "free_choice_end_results[1]"},
};

TEST(ValidateFormatRules, ErrorsNameTheField) {
  for (const InvalidCase& c : kInvalid) {
    FormatRules rules = DefaultFormatRules();
    c.change(rules);
    const Status status = ValidateFormatRules(rules);
    ASSERT_FALSE(status.ok()) << c.what;
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(status.field(), c.field) << c.what;
    EXPECT_FALSE(status.message().empty()) << c.what;
  }
}

TEST(ValidateFormatRules, AcceptsTheEdges) {
  FormatRules rules = DefaultFormatRules();
  rules.shortlist_minimum = 1;
  rules.shortlist_maximum = 1;
  rules.choice_deadline_days = 1;
  EXPECT_TRUE(ValidateFormatRules(rules).ok());
  rules.shortlist_minimum = 20;
  rules.shortlist_maximum = 20;
  rules.choice_deadline_days = 365;
  rules.rules.push_back(Rule("", "gp", "", Format::kFree));  // gp is a source of two routes
  rules.free_choice_end_results = {"fair_start", "a1"};
  EXPECT_TRUE(ValidateFormatRules(rules).ok()) << ValidateFormatRules(rules).ToString();
}

RC_GTEST_PROP(ValidateFormatRules, AcceptsGeneratedValidRules, ()) {
  const FormatRules rules = *AnyValidFormatRules();
  RC_ASSERT(ValidateFormatRules(rules).ok());
}

}  // namespace
}  // namespace psl::choice
