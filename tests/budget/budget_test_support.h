// rapidcheck generators for the budget and payment settings tests.
#pragma once

#include <rapidcheck.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "psl/payment/settings.h"

namespace psl::payment::testing_support {

inline rc::Gen<SplitShares> AnySplitShares() {
  return rc::gen::mapcat(rc::gen::inRange(0, 101), [](int upfront) {
    return rc::gen::map(rc::gen::inRange(0, 101 - upfront), [upfront](int satisfaction) {
      return SplitShares{upfront, 100 - upfront - satisfaction, satisfaction};
    });
  });
}

inline rc::Gen<std::string> AnyId() {
  return rc::gen::map(rc::gen::inRange(0, 40), [](int n) { return "id_" + std::to_string(n); });
}

// Settings that ValidatePaymentSettings accepts, covering every member.
inline rc::Gen<PaymentSettings> AnyValidPaymentSettings() {
  return rc::gen::exec([] {
    PaymentSettings settings;
    settings.version = *rc::gen::inRange(1, 1'000'000);
    settings.default_split = *AnySplitShares();
    settings.end_result_splits =
        *rc::gen::container<std::map<std::string, SplitShares>>(AnyId(), AnySplitShares());
    settings.outcome_splits =
        *rc::gen::container<std::map<std::string, SplitShares>>(AnyId(), AnySplitShares());
    const auto steps = *rc::gen::container<std::vector<int>>(rc::gen::inRange(1, 12));
    int from = 0;
    settings.sliding_scale.clear();
    if (*rc::gen::arbitrary<bool>()) {
      settings.sliding_scale.push_back({0, *AnySplitShares()});
      for (int step : steps) {
        from += step;
        settings.sliding_scale.push_back({from, *AnySplitShares()});
      }
    }
    settings.sliding_scale_until_months = *rc::gen::inRange(0, 1201);
    settings.survey_months.clear();
    int month = 0;
    const int waves = *rc::gen::inRange(1, 5);
    for (int i = 0; i < waves; ++i) {
      month += *rc::gen::inRange(1, 30);
      settings.survey_months.push_back(month);
    }
    settings.survey_sample_percent = *rc::gen::inRange(0, 101);
    settings.minimum_answers = *rc::gen::inRange(1, 1'000'001);
    settings.satisfaction_window_months = *rc::gen::inRange(1, 121);
    settings.skunkworks_max_percent = *rc::gen::inRange(0, 101);
    settings.clawback_requires_good_standing = *rc::gen::arbitrary<bool>();
    settings.receivable_overdue_days = *rc::gen::inRange(1, 3651);
    settings.relative_results_end_results = *rc::gen::container<std::set<std::string>>(AnyId());
    settings.relative_floor = Weight::FromMicros(*rc::gen::inRange<std::int64_t>(0, 1'000'001));
    settings.relative_cap =
        Weight::FromMicros(*rc::gen::inRange<std::int64_t>(1'000'000, 10'000'001));
    settings.relative_minimum_outcomes = *rc::gen::inRange(1, 1'000'001);
    settings.median_annual_wage =
        Money::FromPence(*rc::gen::inRange<std::int64_t>(1, 1'000'000'000'000));
    return settings;
  });
}

}  // namespace psl::payment::testing_support
