// The Regulator's payment settings (PAY-2, PAY-3, PAY-6, PAY-11, INN-2): a versioned document,
// published like the tariff, so that a new split or survey wave needs no code change. Version 1 is
// DefaultPaymentSettings(). Registrations lock the split they were made under; everything else
// reads the latest version on the day it runs.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "psl/core/money.h"
#include "psl/core/result.h"
#include "psl/core/weight.h"

namespace psl::payment {

// Whole percentages of a locked price; they add up to 100.
struct SplitShares {
  int upfront_percent = 30;
  int outcome_percent = 60;
  int satisfaction_percent = 10;
  friend bool operator==(const SplitShares&, const SplitShares&) = default;
};

// One band of the sliding scale: applies from `from_months` whole months after the licence grant
// until the next band's `from_months`.
struct SlidingBand {
  int from_months = 0;
  SplitShares shares;
  friend bool operator==(const SlidingBand&, const SlidingBand&) = default;
};

struct PaymentSettings {
  int version = 1;
  SplitShares default_split;                              // PAY-1: 30/60/10
  std::map<std::string, SplitShares> end_result_splits;   // PAY-2
  std::map<std::string, SplitShares> outcome_splits;      // PAY-2, wins over the End Result's
  std::vector<SlidingBand> sliding_scale;                 // PAY-3, ascending from_months from 0
  int sliding_scale_until_months = 18;                    // new entrant while months < this
  std::vector<int> survey_months = {3, 12};               // PAY-6 waves after registration
  int survey_sample_percent = 50;                         // share of customers invited per wave
  int minimum_answers = 30;                               // below it the national rate is used
  int satisfaction_window_months = 12;                    // answers counted for a run's rate
  int skunkworks_max_percent = 10;                        // INN-2 share of active caseload
  bool clawback_requires_good_standing = true;            // PAY-5
  int receivable_overdue_days = 90;                       // older debt ends good standing
  std::set<std::string> relative_results_end_results;     // PAY-11: empty = off everywhere
  Weight relative_floor = Weight::FromMicros(500'000);
  Weight relative_cap = Weight::FromMicros(1'500'000);
  int relative_minimum_outcomes = 20;
  // Median full-time gross annual earnings (ONS ASHE 2024, UK: £37,430), the denominator of the
  // graded wage outcome when the trusted feed grades it.
  Money median_annual_wage = Money::FromPence(3'743'000);
  friend bool operator==(const PaymentSettings&, const PaymentSettings&) = default;
};

PaymentSettings DefaultPaymentSettings();

// Shares add to 100 and are each 0..100; the sliding scale starts at 0 and ascends; waves are
// positive and ascending; percentages within 0..100; bounds ordered. The field names the problem.
Status ValidatePaymentSettings(const PaymentSettings& settings);

}  // namespace psl::payment
