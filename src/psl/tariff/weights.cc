// The geographic and cyclical weights (TAR-2) and the unemployment rate of a month.
//
// Both weights are w = clamp(1 + slope × (x − reference), minimum, maximum), computed in
// micro-units with 128-bit integers: every input is an integer (thousandths of an IMD point,
// tenths of a percentage point, millionths of weight), so the weight is exact, never rounded,
// and no input can overflow it. docs/tariff.md gives the reasoning.
#include <algorithm>
#include <string>

#include "psl/tariff/tariff.h"

namespace psl::tariff {
namespace {

Weight Linear(std::int64_t slope_micros, std::int64_t x, std::int64_t reference, Weight minimum,
              Weight maximum) {
  const __int128 micros = static_cast<__int128>(Weight::kScale) +
                          static_cast<__int128>(slope_micros) *
                              (static_cast<__int128>(x) - static_cast<__int128>(reference));
  if (micros < minimum.micros()) return minimum;
  if (micros > maximum.micros()) return maximum;
  return Weight::FromMicros(static_cast<std::int64_t>(micros));
}

// Months since year 0: a total order on (year, month).
constexpr std::int64_t MonthIndex(int year, int month) {
  return static_cast<std::int64_t>(year) * 12 + (month - 1);
}

std::string FormatMonth(int year, int month) {
  std::string text = std::to_string(year);
  text += month < 10 ? "-0" : "-";
  text += std::to_string(month);
  return text;
}

}  // namespace

Weight GeographicWeight(const GeographicWeighting& weighting, std::int64_t score_milli) {
  return Linear(weighting.slope_micros_per_milli_point, score_milli,
                weighting.reference_score_milli, weighting.minimum, weighting.maximum);
}

Weight CyclicalWeight(const CyclicalWeighting& weighting, std::int64_t rate_tenths) {
  return Linear(weighting.slope_micros_per_tenth, rate_tenths, weighting.reference_rate_tenths,
                weighting.minimum, weighting.maximum);
}

Result<RateUsed> RateFor(const UnemploymentSeries& series, Date date) {
  const std::vector<MonthlyRate>& months = series.months;
  if (months.empty()) {
    return Status(ErrorCode::kFailedPrecondition, "the unemployment series has no months");
  }
  const std::int64_t wanted = MonthIndex(date.year(), date.month());
  const MonthlyRate& first = months.front();
  const std::int64_t first_index = MonthIndex(first.year, first.month);
  if (wanted < first_index) {
    return Status(ErrorCode::kInvalidArgument,
                  "no unemployment rate before " + FormatMonth(first.year, first.month) +
                      ", the first month of the series; price a date on or after it",
                  "date");
  }
  // The series is normally contiguous, so the month is found by its offset from the first;
  // otherwise (a gap), the latest month at or before the one wanted.
  const std::int64_t offset = wanted - first_index;
  if (offset < static_cast<std::int64_t>(months.size())) {
    const MonthlyRate& candidate = months[static_cast<std::size_t>(offset)];
    if (MonthIndex(candidate.year, candidate.month) == wanted) return RateUsed{candidate, false};
  }
  const auto after = std::upper_bound(months.begin(), months.end(), wanted,
                                      [](std::int64_t index, const MonthlyRate& rate) {
                                        return index < MonthIndex(rate.year, rate.month);
                                      });
  const MonthlyRate& used = *(after - 1);  // after > begin: wanted >= the first month
  return RateUsed{used, MonthIndex(used.year, used.month) != wanted};
}

}  // namespace psl::tariff
