// Entering the system (ENT-1, ENT-2): the three routes in, and one record per citizen however
// often they come in. Pure domain.
//
// Deduplication: a citizen is matched on their National Insurance number when one is given
// (normalised: upper case, spaces removed). Without one (a child, a rough sleeper without
// papers), the fallback key is the normalised full name (lower case, runs of spaces collapsed,
// punctuation other than hyphen and apostrophe dropped), the date of birth and the home
// district, which every entry records. Two entries with the same key are the same citizen; a
// later entry that brings a National Insurance number attaches it to the record found by the
// fallback key (never to a record that already has a different number).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "psl/core/date.h"
#include "psl/core/result.h"

namespace psl::entry {

// ENT-1 and report Table 2: each route's sources.
inline constexpr std::string_view kLifeEventSources[] = {
    "birth", "leaving_education", "chronic_illness", "redundancy", "sentencing"};
inline constexpr std::string_view kReferralSources[] = {
    "social_worker", "police",    "court", "probation",      "street_team",
    "mental_health", "jobcentre", "gp",    "health_visitor", "school"};
inline constexpr std::string_view kSelfReferralSources[] = {"online", "gp", "councillor_or_mp",
                                                            "helpline"};

// kInvalidArgument naming "route" or "source".
Status ValidateRouteAndSource(std::string_view route, std::string_view source);

struct Person {
  std::string full_name;                          // 1..200 characters
  Date date_of_birth;                             // not in the future, not before 1900
  std::string area_code;                          // the home district (checked by the store)
  std::optional<std::string> national_insurance;  // "QQ123456C" (normalised)
  std::optional<std::string> email;
};

// Shape checks against `today`; kInvalidArgument naming the field.
Status ValidatePerson(const Person& person, Date today);

// "QQ 12 34 56 C" -> "QQ123456C"; kInvalidArgument naming "national_insurance" when the shape
// is wrong (two letters, six digits, one of A-D).
Result<std::string> NormaliseNationalInsurance(std::string_view text);

// The fallback key: "<normalised name>|<YYYY-MM-DD>|<area code>".
std::string FallbackKey(const Person& person);

}  // namespace psl::entry
