// The default tariff, version 1 (TAR-1, TAR-2). The amounts of employment_sustained_2y and of
// the barriers the report names are the report's ("Example of tariff payment", chapter 5, and
// Recommendation 4: blind +£300, history of homelessness +£3,500); the other amounts and the
// weighting parameters are PSL's documented defaults: docs/tariff.md says how each was chosen
// and derives the two reference values from the real data in data/.
#include <utility>

#include "psl/tariff/tariff.h"

namespace psl::tariff {
namespace {

constexpr Money Pounds(std::int64_t pounds) { return Money::FromPence(pounds * 100); }

Tariff BuildDefaultTariff() {
  Tariff tariff;
  tariff.version = 1;
  tariff.effective_from = Date::FromCivil(2014, 1, 1).value();
  tariff.catalogue_version = 1;
  tariff.supplements = {
      // The report's example (chapter 5) and Recommendation 4.
      {"illiterate", Pounds(1'500)},
      {"english_second_language", Pounds(1'000)},
      {"childhood_abuse", Pounds(3'000)},
      {"no_fixed_abode", Pounds(3'000)},
      {"dyslexic", Pounds(500)},
      {"blind", Pounds(300)},
      {"homelessness_history", Pounds(3'500)},
      // PSL's defaults (docs/tariff.md).
      {"heroin_addiction", Pounds(4'000)},
      {"alcohol_dependency", Pounds(2'500)},
      {"criminal_record", Pounds(2'000)},
      {"severe_mental_illness", Pounds(3'500)},
      {"learning_disability", Pounds(2'500)},
      {"physical_disability", Pounds(1'500)},
      {"care_leaver", Pounds(2'000)},
      {"lone_parent", Pounds(1'000)},
      {"long_term_unemployed", Pounds(2'000)},
      {"debt_problems", Pounds(750)},
  };
  auto outcome = [](std::string id, std::int64_t core_pounds,
                    std::map<std::string, Money> overrides = {}) {
    return OutcomeTariff{std::move(id), Pounds(core_pounds), std::move(overrides)};
  };
  tariff.outcomes = {
      // Lower crime. A criminal record is what makes someone eligible for these outcomes, not
      // an extra difficulty among those eligible: no supplement.
      outcome("no_custody_3y", 4'000, {{"criminal_record", Money::Zero()}}),
      outcome("no_custody_4y", 5'000, {{"criminal_record", Money::Zero()}}),
      outcome("reduced_police_contact", 1'500),
      // Better physical health. The addiction an outcome is about weighs more for it.
      outcome("drug_free_2y", 4'000, {{"heroin_addiction", Pounds(6'000)}}),
      outcome("drug_free_3y", 5'000, {{"heroin_addiction", Pounds(6'000)}}),
      outcome("sober_2y", 3'000, {{"alcohol_dependency", Pounds(5'000)}}),
      outcome("healthy_bmi_2y", 1'000),
      outcome("quit_smoking_sustained", 500),
      // Individual prosperity: employment_sustained_2y is the report's worked example, priced
      // with the default supplements only (no overrides), so that it reproduces £11,000.
      outcome("employment_sustained_2y", 2'000),
      outcome("median_wage_fraction_3y", 3'000),
      outcome("debt_reduced_2y", 1'000, {{"debt_problems", Pounds(1'500)}}),
      // Good mental health and happiness.
      outcome("clinical_scale_improvement", 2'500, {{"severe_mental_illness", Pounds(5'000)}}),
      outcome("loneliness_quality_of_life", 1'000),
      // A fair start in life.
      outcome("child_development_3_5", 2'500),
      outcome("attainment_16_relative", 3'000),
      outcome("not_neet_18", 2'000),
  };
  // Geographic: reference = the median of the 317 district scores of data/areas.csv
  // (Hillingdon, 18.223), 0.01 of weight per IMD point, within [0.85, 1.30] (every English
  // district falls inside: Hart 0.873210, Blackpool 1.268160).
  tariff.geographic = GeographicWeighting{
      .reference_score_milli = 18'223,
      .slope_micros_per_milli_point = 10,
      .minimum = Weight::FromMicros(850'000),
      .maximum = Weight::FromMicros(1'300'000),
  };
  // Cyclical: reference = the mean of the monthly MGSX series 1971-02..2020-10 (6.861%),
  // rounded to the published tenth, 6.9%; 0.02 of weight per percentage point, within
  // [0.90, 1.20] (the whole series falls inside: 3.4% gives 0.930000, 11.9% gives 1.100000).
  tariff.cyclical = CyclicalWeighting{
      .reference_rate_tenths = 69,
      .slope_micros_per_tenth = 2'000,
      .minimum = Weight::FromMicros(900'000),
      .maximum = Weight::FromMicros(1'200'000),
  };
  return tariff;
}

}  // namespace

const Tariff& DefaultTariff() {
  static const Tariff tariff = [] {
    Tariff built = BuildDefaultTariff();
    PSL_CHECK(ValidateTariff(built).ok(), "the default tariff is invalid");
    return built;
  }();
  return tariff;
}

}  // namespace psl::tariff
