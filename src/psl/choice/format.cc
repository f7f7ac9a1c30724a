// CHO-1: the format of choice, from the route, the source and the End Result. See
// docs/choice.md for the default rules and the specificity order.
#include <algorithm>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "psl/choice/choice.h"
#include "psl/entry/entry.h"

namespace psl::choice {
namespace {

constexpr std::size_t kMaxRules = 1000;
constexpr std::size_t kMaxFreeChoiceEndResults = 1000;
constexpr std::size_t kMaxIdLength = 64;

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

template <typename List>
bool Contains(const List& list, std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

std::span<const std::string_view> SourcesOf(std::string_view route) {
  if (route == "life_event") return entry::kLifeEventSources;
  if (route == "referral") return entry::kReferralSources;
  if (route == "self_referral") return entry::kSelfReferralSources;
  return {};
}

bool IsKnownRoute(std::string_view route) { return Contains(kRoutes, route); }

// An End Result id: 1..64 characters, lower-case letters, digits and single underscores, starting
// with a letter ("individual_prosperity").
bool IsSnakeCase(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  if (id.front() < 'a' || id.front() > 'z') return false;
  if (id.back() == '_') return false;
  char previous = 0;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
    if (c == '_' && previous == '_') return false;
    previous = c;
  }
  return true;
}

bool Matches(const FormatRule& rule, std::string_view route, std::string_view source,
             std::string_view end_result) {
  return (rule.route.empty() || rule.route == route) &&
         (rule.source.empty() || rule.source == source) &&
         (rule.end_result.empty() || rule.end_result == end_result);
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kFree: return "free";
    case Format::kAssisted: return "assisted";
    case Format::kProfessional: return "professional";
  }
  PSL_CHECK(false, "unknown choice::Format");
  return {};
}

Result<Format> ParseFormat(std::string_view name) {
  if (name == "free") return Format::kFree;
  if (name == "assisted") return Format::kAssisted;
  if (name == "professional") return Format::kProfessional;
  return Invalid("must be one of free, assisted, professional", "format");
}

int Specificity(const FormatRule& rule) {
  const int source = rule.source.empty() ? 0 : 1;
  const int end_result = rule.end_result.empty() ? 0 : 1;
  const int route = rule.route.empty() ? 0 : 1;
  return (source + end_result + route) * 8 + source * 4 + end_result * 2 + route;
}

Status ValidateFormatRules(const FormatRules& rules) {
  if (rules.version < 1) return Invalid("must be at least 1", "version");
  if (rules.rules.size() > kMaxRules) {
    return Invalid("at most " + std::to_string(kMaxRules) + " rules", "rules");
  }
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const FormatRule& rule = rules.rules[i];
    const std::string at = "rules[" + std::to_string(i) + "].";
    if (!rule.route.empty() && !IsKnownRoute(rule.route)) {
      return Invalid("unknown route '" + rule.route +
                         "'; use life_event, referral, self_referral or \"\" for any",
                     at + "route");
    }
    if (!rule.source.empty()) {
      const bool valid = rule.route.empty()
                             ? std::any_of(std::begin(kRoutes), std::end(kRoutes),
                                           [&](std::string_view route) {
                                             return Contains(SourcesOf(route), rule.source);
                                           })
                             : Contains(SourcesOf(rule.route), rule.source);
      if (!valid) {
        return Invalid("'" + rule.source + "' is not a source of " +
                           (rule.route.empty() ? std::string("any route") : rule.route),
                       at + "source");
      }
    }
    if (!rule.end_result.empty() && !IsSnakeCase(rule.end_result)) {
      return Invalid("an End Result id is snake_case, at most 64 characters", at + "end_result");
    }
    if (rule.route.empty() && rule.source.empty() && rule.end_result.empty()) {
      return Invalid("a rule names a route, a source or an End Result; use fallback for the rest",
                     "rules[" + std::to_string(i) + "]");
    }
    if (!seen.emplace(rule.route, rule.source, rule.end_result).second) {
      return Invalid("an earlier rule has the same route, source and End Result; remove one",
                     "rules[" + std::to_string(i) + "]");
    }
  }
  if (rules.shortlist_minimum < 1 || rules.shortlist_minimum > 20) {
    return Invalid("must be between 1 and 20", "shortlist_minimum");
  }
  if (rules.shortlist_maximum < rules.shortlist_minimum || rules.shortlist_maximum > 20) {
    return Invalid("must be between shortlist_minimum and 20", "shortlist_maximum");
  }
  if (rules.choice_deadline_days < 1 || rules.choice_deadline_days > 365) {
    return Invalid("must be between 1 and 365", "choice_deadline_days");
  }
  if (rules.free_choice_end_results.size() > kMaxFreeChoiceEndResults) {
    return Invalid("at most " + std::to_string(kMaxFreeChoiceEndResults) + " End Results",
                   "free_choice_end_results");
  }
  std::set<std::string> free_seen;
  for (std::size_t i = 0; i < rules.free_choice_end_results.size(); ++i) {
    const std::string& id = rules.free_choice_end_results[i];
    const std::string field = "free_choice_end_results[" + std::to_string(i) + "]";
    if (!IsSnakeCase(id)) {
      return Invalid("an End Result id is snake_case, at most 64 characters", field);
    }
    if (!free_seen.insert(id).second) return Invalid("listed twice; remove one", field);
  }
  return Status::Ok();
}

std::optional<std::size_t> MatchingRule(const FormatRules& rules, std::string_view route,
                                        std::string_view source, std::string_view end_result) {
  std::optional<std::size_t> best;
  int best_specificity = -1;
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const FormatRule& rule = rules.rules[i];
    if (!Matches(rule, route, source, end_result)) continue;
    const int specificity = Specificity(rule);
    if (specificity > best_specificity) {  // strictly greater: the first listed wins a tie
      best = i;
      best_specificity = specificity;
    }
  }
  return best;
}

Format FormatFor(const FormatRules& rules, std::string_view route, std::string_view source,
                 std::string_view end_result) {
  if (Contains(rules.free_choice_end_results, end_result)) return Format::kFree;
  const std::optional<std::size_t> rule = MatchingRule(rules, route, source, end_result);
  return rule ? rules.rules[*rule].format : rules.fallback;
}

const FormatRules& DefaultFormatRules() {
  static const FormatRules* const kDefault = [] {
    auto* rules = new FormatRules;
    rules->version = 1;
    const Format free = Format::kFree;
    const Format assisted = Format::kAssisted;
    const Format professional = Format::kProfessional;
    // Each rule cites the report (Table 3 "Formats of Choice", Annex B); docs/choice.md maps
    // every row of both tables to the rule that decides it.
    rules->rules = {
        // Table 3, professional: "the help offered to offenders as part of Lower Crime".
        {"", "", "lower_crime", professional},
        // Annex B "addicted offender, referred at point of sentencing: professional choice, made
        // by the court drawing on probation expertise".
        {"life_event", "sentencing", "", professional},
        {"referral", "court", "", professional},
        {"referral", "probation", "", professional},
        {"referral", "police", "", professional},
        // Table 3, professional: "most customers being referred by social services"; Annex B
        // "troubled family, referred by social services: professional choice".
        {"referral", "social_worker", "", professional},
        // Annex B "homeless woman, referred by street outreach team: professional choice".
        {"referral", "street_team", "", professional},
        // Table 3, professional: "severe mental health difficulties" (secondary services refer).
        {"referral", "mental_health", "", professional},
        // Table 3, assisted: "job seekers ... Individual Prosperity"; Annex B "19 year old NEET"
        // and "long term unemployed", referred by JobCentre: assisted choice.
        {"referral", "jobcentre", "individual_prosperity", assisted},
        // Table 3, assisted: "low level mental health difficulties"; Annex B "overweight man
        // in work, with depression, referred by GP: assisted choice".
        {"referral", "gp", "good_mental_health", assisted},
        {"referral", "gp", "better_physical_health", assisted},
        // Table 3, assisted: "their child's development ... Fair Start"; Annex B "pregnant
        // teen, referred by prenatal services or GP: assisted choice, shortlist of 3-5 drawn up
        // by health visitor".
        {"referral", "health_visitor", "fair_start", assisted},
        {"referral", "gp", "fair_start", assisted},
        {"life_event", "birth", "fair_start", assisted},
        // Table 3, free: "school leavers ... Individual Prosperity"; Annex B "14 year old
        // planning to leave school: free choice".
        {"life_event", "leaving_education", "individual_prosperity", free},
        {"referral", "school", "individual_prosperity", free},
        // Table 3, free: people in or between jobs improving their standard of living.
        {"life_event", "redundancy", "individual_prosperity", free},
        // Table 3, free: "most patients choosing lifestyle related physical health support".
        {"self_referral", "", "better_physical_health", free},
        // Annex B "minimum wage worker, self-refer online: free choice"; Table 3 "people in
        // work but on low wages".
        {"self_referral", "", "", free},
    };
    rules->fallback = assisted;  // Table 3, assisted: "complex needs ..."; everything else
    rules->shortlist_minimum = 3;
    rules->shortlist_maximum = 5;
    rules->choice_deadline_days = 28;
    PSL_CHECK(ValidateFormatRules(*rules).ok(), "the default format rules are invalid");
    return rules;
  }();
  return *kDefault;
}

}  // namespace psl::choice
