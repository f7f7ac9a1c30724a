// Shared helpers for the tariff tests: readable printers and rapidcheck generators of valid
// tariffs, weightings, areas and unemployment series.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "psl/tariff/tariff.h"
#include "test_support.h"

namespace psl::tariff {

inline void PrintTo(const Quote& quote, std::ostream* out) {
  *out << quote.outcome << " base " << quote.base.FormatPlain() << " x "
       << quote.geographic_weight.ToString() << " x " << quote.cyclical_weight.ToString() << " = "
       << quote.price.FormatPlain();
}

namespace testing_support {

inline rc::Gen<Weight> WeightInMicros(std::int64_t low, std::int64_t high) {
  return rc::gen::map(rc::gen::inRange<std::int64_t>(low, high + 1),
                      [](std::int64_t micros) { return Weight::FromMicros(micros); });
}

// Any weighting ValidateTariff accepts, with the bounds often at 1.
inline rc::Gen<GeographicWeighting> AnyGeographicWeighting() {
  return rc::gen::build<GeographicWeighting>(
      rc::gen::set(&GeographicWeighting::reference_score_milli,
                   rc::gen::inRange<std::int64_t>(0, 1'000'001)),
      rc::gen::set(&GeographicWeighting::slope_micros_per_milli_point,
                   rc::gen::weightedOneOf<std::int64_t>(
                       {{3, rc::gen::inRange<std::int64_t>(0, 100)},
                        {1, rc::gen::inRange<std::int64_t>(0, 1'000'001)}})),
      rc::gen::set(&GeographicWeighting::minimum, WeightInMicros(1, 1'000'000)),
      rc::gen::set(&GeographicWeighting::maximum, WeightInMicros(1'000'000, 3'000'000)));
}

inline rc::Gen<CyclicalWeighting> AnyCyclicalWeighting() {
  return rc::gen::build<CyclicalWeighting>(
      rc::gen::set(&CyclicalWeighting::reference_rate_tenths,
                   rc::gen::inRange<std::int64_t>(0, 1001)),
      rc::gen::set(&CyclicalWeighting::slope_micros_per_tenth,
                   rc::gen::weightedOneOf<std::int64_t>(
                       {{3, rc::gen::inRange<std::int64_t>(0, 10'000)},
                        {1, rc::gen::inRange<std::int64_t>(0, 1'000'001)}})),
      rc::gen::set(&CyclicalWeighting::minimum, WeightInMicros(1, 1'000'000)),
      rc::gen::set(&CyclicalWeighting::maximum, WeightInMicros(1'000'000, 3'000'000)));
}

inline rc::Gen<Money> AnyAmount() {
  return rc::gen::map(
      rc::gen::weightedOneOf<std::int64_t>(
          {{4, rc::gen::inRange<std::int64_t>(0, 1'000'000)},
           {1, rc::gen::inRange<std::int64_t>(0, kMaxAmountPence + 1)},
           {1, rc::gen::elementOf(std::vector<std::int64_t>{0, 1, kMaxAmountPence})}}),
      [](std::int64_t pence) { return Money::FromPence(pence); });
}

// A valid tariff: barriers "barrier_<n>", outcomes "outcome_<n>", overrides of known barriers.
inline rc::Gen<Tariff> AnyTariff() {
  return rc::gen::exec([] {
    Tariff tariff;
    tariff.version = *rc::gen::inRange(1, 1000);
    tariff.effective_from = *::psl::testing_support::AnyDate();
    tariff.catalogue_version = *rc::gen::inRange(1, 100);
    const auto barriers =
        *rc::gen::nonEmpty(rc::gen::container<std::set<int>>(rc::gen::inRange(0, 1000)));
    std::vector<std::string> ids;
    for (int n : barriers) {
      ids.push_back("barrier_" + std::to_string(n));
      tariff.supplements[ids.back()] = *AnyAmount();
    }
    const int outcomes = *rc::gen::inRange(1, 8);
    for (int n = 0; n < outcomes; ++n) {
      OutcomeTariff outcome;
      outcome.outcome = "outcome_" + std::to_string(n);
      outcome.core = *AnyAmount();
      for (const std::string& id : ids) {
        if (*rc::gen::inRange(0, 4) == 0) outcome.supplements[id] = *AnyAmount();
      }
      tariff.outcomes.push_back(std::move(outcome));
    }
    tariff.geographic = *AnyGeographicWeighting();
    tariff.cyclical = *AnyCyclicalWeighting();
    return tariff;
  });
}

// A contiguous monthly series starting in `year`-`month`.
inline UnemploymentSeries SeriesFrom(int year, int month, const std::vector<int>& rates_tenths) {
  UnemploymentSeries series;
  for (int rate : rates_tenths) {
    series.months.push_back(MonthlyRate{year, month, rate});
    if (++month == 13) {
      month = 1;
      ++year;
    }
  }
  return series;
}

}  // namespace testing_support
}  // namespace psl::tariff
