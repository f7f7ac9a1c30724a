// The trusted evidence feed (PAY-7): employment spells from payroll records, imported by the
// Regulator as CSV, and the rule by which a spell verifies a claim. docs/payment.md section 3.
// Pure domain: the parser never throws and bounds everything it reads (it is fuzzed:
// fuzz/feed_csv_fuzz.cc).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/money.h"
#include "psl/core/result.h"
#include "psl/core/weight.h"
#include "psl/payment/claims.h"

namespace psl::payment {

inline constexpr std::size_t kMaxFeedBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxFeedRows = 200'000;
inline constexpr std::size_t kMaxFeedCitizenLength = 64;
inline constexpr std::size_t kMaxFeedEmployerLength = 200;
// £10 million a year: above it a row is a typing error, not earnings.
inline constexpr Money kMaxFeedEarnings = Money::FromPence(1'000'000'000);

struct EmploymentSpell {
  std::size_t row = 0;  // 2 for the first row after the header
  std::string citizen;  // a National Insurance number or a PSL citizen id, as written
  std::string employer;
  Date start;
  std::optional<Date> end;  // none while in work
  Money earnings;           // annual
};

// `citizen,employer,start,end,earnings` with that header row first; fields may be quoted
// ("Smith, Jones & Co"); CRLF or LF line ends; blank lines are skipped. kInvalidArgument with
// field "csv" and a message naming the row and column; kResourceExhausted when too large.
Result<std::vector<EmploymentSpell>> ParseEmploymentSpells(std::string_view csv);

// The King Outcomes whose evidence is payroll records: the feed verifies their claims.
bool IsPayrollOutcome(std::string_view outcome);

// Whether `spell` verifies a claim reached on `achieved_on` for a registration made on
// `registered_on`: the spell starts within the window, covers achieved_on, and lasts at least
// the sustainment period from achieved_on (to its end, or to `today` while open). Returns the
// fraction achieved: 1 for a binary outcome; min(1, earnings / median wage) for a graded one.
std::optional<Weight> MatchSpell(const ClaimRule& rule, Date registered_on, Date achieved_on,
                                 Date today, const EmploymentSpell& spell, Money median_wage);

}  // namespace psl::payment
