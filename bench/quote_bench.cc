// The tariff pricing engine's hot path (TAR-1, TAR-3): PriceOutcome on the default tariff with
// the report's five barriers (chapter 5, "Example of tariff payment"), in process, one core.
// Goal: >= 1,000,000 quotes per second (docs/benchmarks.md, section "Tariff quotes"). Each
// quote is complete: the price and its itemised explanation, labels included.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "psl/reference/reference_data.h"
#include "psl/tariff/tariff.h"

namespace {

using psl::tariff::Area;
using psl::tariff::QuoteRequest;

const Area& Blackpool() {
  for (const Area& area : psl::reference::BuiltInAreas()) {
    if (area.code == "E06000009") return area;
  }
  std::abort();
}

QuoteRequest ReportRequest() {
  return QuoteRequest{
      "employment_sustained_2y",
      {"illiterate", "english_second_language", "childhood_abuse", "no_fixed_abode", "dyslexic"},
      psl::Date::FromCivil(2011, 10, 15).value()};
}

void BM_PriceOutcome(benchmark::State& state) {
  const psl::tariff::Tariff& tariff = psl::tariff::DefaultTariff();
  const Area& area = Blackpool();
  const psl::tariff::UnemploymentSeries& series = psl::reference::BuiltInUnemployment();
  const QuoteRequest request = ReportRequest();
  for (auto _ : state) {
    auto quote = psl::tariff::PriceOutcome(tariff, area, series, request);
    if (!quote.ok()) std::abort();
    benchmark::DoNotOptimize(quote);
  }
  state.counters["quotes_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PriceOutcome);

// The same quote with the date after the series (the carried-forward label) and no barriers:
// the lower and the usual cost of the explanation.
void BM_PriceOutcomeNoBarriersCarriedForward(benchmark::State& state) {
  const psl::tariff::Tariff& tariff = psl::tariff::DefaultTariff();
  const Area& area = Blackpool();
  const psl::tariff::UnemploymentSeries& series = psl::reference::BuiltInUnemployment();
  const QuoteRequest request{
      "employment_sustained_2y", {}, psl::Date::FromCivil(2026, 1, 1).value()};
  for (auto _ : state) {
    auto quote = psl::tariff::PriceOutcome(tariff, area, series, request);
    if (!quote.ok()) std::abort();
    benchmark::DoNotOptimize(quote);
  }
  state.counters["quotes_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PriceOutcomeNoBarriersCarriedForward);

}  // namespace

BENCHMARK_MAIN();
