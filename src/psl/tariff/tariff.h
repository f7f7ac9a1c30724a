// Tariff pricing (TAR-1..6): a versioned, effective-dated tariff (the instrument) and the fixed
// tariff pricing engine. Pure domain: the area's deprivation score and the unemployment series
// are passed in.
//
//   price(o, c) = round( (core[o] + Σ_{b ∈ barriers(c)} supplement[o][b])
//                        × geographic_weight(area(c)) × cyclical_weight(month) )
//
// Rounding happens once, on the final product, half away from zero to the penny (ApplyWeights).
// Weights are derived from their inputs in exact integer arithmetic (no rounding) and bounded.
// TAR-5: nothing here, or anywhere, accepts a discount, rebate or bid.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "psl/catalogue/catalogue.h"
#include "psl/core/date.h"
#include "psl/core/money.h"
#include "psl/core/result.h"
#include "psl/core/weight.h"

namespace psl::tariff {

// Geographic weight (TAR-2) from the IMD 2019 average score of the citizen's district:
//   w = clamp(1 + slope × (score − reference), minimum, maximum)
// Score in thousandths of a point (the published precision), slope in millionths of weight per
// thousandth of a point, so w is exact. Monotone non-decreasing in the score when slope >= 0.
struct GeographicWeighting {
  std::int64_t reference_score_milli = 0;
  std::int64_t slope_micros_per_milli_point = 0;  // >= 0
  Weight minimum = Weight::One();
  Weight maximum = Weight::One();

  friend bool operator==(const GeographicWeighting&, const GeographicWeighting&) = default;
};

// Cyclical weight (TAR-2) from the UK unemployment rate (ONS MGSX) of the month priced:
//   w = clamp(1 + slope × (rate − reference), minimum, maximum)
// Rate in tenths of a percentage point (the published precision), slope in millionths of
// weight per tenth. Monotone non-decreasing in the rate when slope >= 0.
struct CyclicalWeighting {
  std::int64_t reference_rate_tenths = 0;
  std::int64_t slope_micros_per_tenth = 0;  // >= 0
  Weight minimum = Weight::One();
  Weight maximum = Weight::One();

  friend bool operator==(const CyclicalWeighting&, const CyclicalWeighting&) = default;
};

struct OutcomeTariff {
  std::string outcome;  // King Outcome id
  Money core;           // the core payment
  // Per-barrier supplements for this outcome, overriding Tariff::supplements.
  std::map<std::string, Money> supplements;

  friend bool operator==(const OutcomeTariff&, const OutcomeTariff&) = default;
};

struct Tariff {
  int version = 0;
  Date effective_from;        // applies to prices dated on or after this day
  int catalogue_version = 0;  // the catalogue whose outcome ids it prices
  // The known barriers and their default supplement for every outcome (a barrier missing
  // here is unknown: quoting it is an error naming it).
  std::map<std::string, Money> supplements;
  std::vector<OutcomeTariff> outcomes;
  GeographicWeighting geographic;
  CyclicalWeighting cyclical;

  const OutcomeTariff* Find(std::string_view outcome) const;

  friend bool operator==(const Tariff&, const Tariff&) = default;
};

// Bounds ValidateTariff enforces: an amount (a core payment or a supplement) is at most
// £1,000,000, and a tariff has at most 1000 barriers and 1000 outcomes.
inline constexpr std::int64_t kMaxAmountPence = 100'000'000;
inline constexpr std::size_t kMaxTariffEntries = 1000;

// Non-negative amounts, known barrier ids in overrides, unique snake_case outcome ids, slopes
// >= 0, 0 < minimum <= 1 <= maximum <= 3. kInvalidArgument naming the field.
Status ValidateTariff(const Tariff& tariff);
// Also: every outcome of the catalogue is priced, and no unknown outcome.
Status ValidateTariffAgainst(const Tariff& tariff, const catalogue::Catalogue& catalogue);

// The default tariff (version 1, effective 2014-01-01) for DefaultCatalogue(): the report's
// example for employment_sustained_2y (core £2,000; illiterate £1,500; English as a second
// language £1,000; abuse as a child £3,000; no fixed abode £3,000; dyslexic £500; blind £300;
// history of homelessness £3,500) and documented defaults for the rest (docs/tariff.md).
const Tariff& DefaultTariff();

// The tariff in force on `date`: the latest effective_from <= date (ties: highest version).
// kNotFound when none is in force yet.
Result<const Tariff*> TariffInForce(std::span<const Tariff> tariffs, Date date);

// --- Inputs ---------------------------------------------------------------------------------

struct MonthlyRate {
  int year = 0;
  int month = 0;        // 1..12
  int rate_tenths = 0;  // 4.2% -> 42

  friend bool operator==(const MonthlyRate&, const MonthlyRate&) = default;
};

// ONS MGSX, monthly, sorted ascending with no duplicate months.
struct UnemploymentSeries {
  std::vector<MonthlyRate> months;

  friend bool operator==(const UnemploymentSeries&, const UnemploymentSeries&) = default;
};

struct RateUsed {
  MonthlyRate rate;
  bool carried_forward = false;  // the date is after the series ends
};

// The rate for the month containing `date`. After the last published month the last published
// rate carries forward (documented in docs/tariff.md); so does the latest earlier month for a
// month missing inside the series. Before the first month: kInvalidArgument naming "date"
// (ErrorCode has no out-of-range code; the date is outside what can be priced). An empty
// series: kFailedPrecondition.
Result<RateUsed> RateFor(const UnemploymentSeries& series, Date date);

Weight GeographicWeight(const GeographicWeighting& weighting, std::int64_t score_milli);
Weight CyclicalWeight(const CyclicalWeighting& weighting, std::int64_t rate_tenths);

// --- The quote ------------------------------------------------------------------------------

struct Area {
  std::string code;  // "E06000001"
  std::string name;
  std::int64_t imd_score_milli = 0;

  friend bool operator==(const Area&, const Area&) = default;
};

struct QuoteRequest {
  std::string outcome;
  std::vector<std::string> barriers;  // duplicates are an error (field "barriers")
  Date date;
};

// One line of the itemised explanation (TAR-3).
struct QuoteItem {
  std::string kind;  // "core" | "supplement" | "geographic_weight" | "cyclical_weight" | "rounding"
  std::string id;    // outcome id, barrier id, area code, "YYYY-MM"
  std::string label;             // a sentence a citizen can read
  std::optional<Money> amount;   // core and supplements (rounding: none, the label says it)
  std::optional<Weight> weight;  // the two weights

  friend bool operator==(const QuoteItem&, const QuoteItem&) = default;
};

struct Quote {
  std::string outcome;
  Money base;  // core + supplements, before weights
  Weight geographic_weight;
  Weight cyclical_weight;
  Money price;
  int tariff_version = 0;
  std::vector<QuoteItem> items;

  friend bool operator==(const Quote&, const Quote&) = default;
};

// kNotFound naming "outcome" or "barriers" (with the unknown id in the message);
// kInvalidArgument for duplicate barriers. Deterministic and allocation-light: this is the
// hot path (goal: >= 1,000,000 quotes per second on one core).
Result<Quote> PriceOutcome(const Tariff& tariff, const Area& area, const UnemploymentSeries& series,
                           const QuoteRequest& request);

}  // namespace psl::tariff
