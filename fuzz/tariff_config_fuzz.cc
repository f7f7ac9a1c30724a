// libFuzzer target for the tariff's outside input: the tariff file (config::ParseTariff) and
// the reference-data CSV parsers (reference::ParseAreasCsv, reference::ParseUnemploymentCsv).
//
// Every input is fed to all three. Besides the sanitizers' own findings, the target traps
// (__builtin_trap) when a promise is broken:
//  - an error is kInvalidArgument with a message;
//  - an accepted tariff passes ValidateTariff, survives a round trip
//    (ParseTariff(TariffToJson(t)) == t) and prices every one of its outcomes without a crash,
//    the price within the weights' bounds of the base;
//  - accepted CSV is within the documented limits (scores and rates non-negative, months 1..12
//    in strictly ascending order, at least one row), and each accepted area prices the default
//    tariff's report example.
//
// Run it with scripts/fuzz.sh tariff_config; the seed corpus is fuzz/corpus/tariff_config/.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "psl/config/config_json.h"
#include "psl/reference/reference_data.h"
#include "psl/tariff/tariff.h"

namespace {

using psl::ErrorCode;
using psl::Status;

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

void RequireInputError(const Status& status) {
  Require(!status.ok());
  Require(!status.message().empty());
  Require(status.code() == ErrorCode::kInvalidArgument);
}

psl::tariff::UnemploymentSeries OneMonth() {
  psl::tariff::UnemploymentSeries series;
  series.months.push_back({2014, 1, 69});
  return series;
}

void CheckTariff(std::string_view text) {
  auto parsed = psl::config::ParseTariff(text);
  if (!parsed.ok()) {
    RequireInputError(parsed.status());
    return;
  }
  const psl::tariff::Tariff& tariff = *parsed;
  Require(psl::tariff::ValidateTariff(tariff).ok());
  auto again = psl::config::ParseTariff(psl::config::TariffToJson(tariff));
  Require(again.ok() && *again == tariff);

  const psl::tariff::Area area{"E06000009", "Blackpool", 45'039};
  const psl::tariff::UnemploymentSeries series = OneMonth();
  std::vector<std::string> barriers;
  for (const auto& [id, amount] : tariff.supplements) {
    if (barriers.size() < 20) barriers.push_back(id);
  }
  for (const psl::tariff::OutcomeTariff& outcome : tariff.outcomes) {
    auto quote = psl::tariff::PriceOutcome(
        tariff, area, series,
        psl::tariff::QuoteRequest{outcome.outcome, barriers,
                                  psl::Date::FromCivil(2020, 1, 1).value()});
    if (!quote.ok()) {
      Require(quote.status().code() == ErrorCode::kOverflow);
      continue;
    }
    Require(quote->base >= outcome.core);
    Require(quote->geographic_weight >= tariff.geographic.minimum);
    Require(quote->geographic_weight <= tariff.geographic.maximum);
    Require(quote->cyclical_weight >= tariff.cyclical.minimum);
    Require(quote->cyclical_weight <= tariff.cyclical.maximum);
    Require(quote->items.size() == barriers.size() + 4);
    Require(!psl::config::QuoteToJson(*quote).empty());
  }
}

void CheckAreas(std::string_view text) {
  auto areas = psl::reference::ParseAreasCsv(text);
  if (!areas.ok()) {
    RequireInputError(areas.status());
    return;
  }
  Require(!areas->empty());
  const psl::tariff::UnemploymentSeries series = OneMonth();
  for (const psl::tariff::Area& area : *areas) {
    Require(area.imd_score_milli >= 0);
    Require(!area.code.empty() && !area.name.empty());
    auto quote = psl::tariff::PriceOutcome(
        psl::tariff::DefaultTariff(), area, series,
        psl::tariff::QuoteRequest{"employment_sustained_2y",
                                  {"illiterate", "english_second_language", "childhood_abuse",
                                   "no_fixed_abode", "dyslexic"},
                                  psl::Date::FromCivil(2014, 1, 1).value()});
    Require(quote.ok() && quote->base.pence() == 1'100'000);
  }
}

void CheckUnemployment(std::string_view text) {
  auto series = psl::reference::ParseUnemploymentCsv(text);
  if (!series.ok()) {
    RequireInputError(series.status());
    return;
  }
  Require(!series->months.empty());
  for (std::size_t i = 0; i < series->months.size(); ++i) {
    const psl::tariff::MonthlyRate& month = series->months[i];
    Require(month.month >= 1 && month.month <= 12);
    Require(month.rate_tenths >= 0 && month.rate_tenths <= 1000);
    if (i > 0) {
      const psl::tariff::MonthlyRate& previous = series->months[i - 1];
      Require(previous.year * 12 + previous.month < month.year * 12 + month.month);
    }
  }
  const psl::tariff::MonthlyRate& last = series->months.back();
  auto rate = psl::tariff::RateFor(*series, psl::Date::FromCivil(last.year, last.month, 1).value());
  Require(rate.ok() && rate->rate == last && !rate->carried_forward);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckTariff(text);
  CheckAreas(text);
  CheckUnemployment(text);
  return 0;
}
