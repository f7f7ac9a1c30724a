// An adapter (it holds process-wide parsed copies), not part of the pure tariff core.
// The real public data the default tariff is weighted by, built into the binary so that
// `psl quote` works with no database: the 317 English districts with their IMD 2019 average
// score (data/areas.csv) and the ONS MGSX monthly unemployment rate
// (data/unemployment_monthly.csv). Sources and licence: data/SOURCES.md.
//
// The parsers read outside text (the CLI can be given other files): they never throw and
// answer kInvalidArgument naming the line and column.
#pragma once

#include <string_view>
#include <vector>

#include "psl/core/result.h"
#include "psl/tariff/tariff.h"

namespace psl::reference {

// lad_code,lad_name,region,imd_average_score (header required; score with up to 3 decimals).
Result<std::vector<tariff::Area>> ParseAreasCsv(std::string_view csv);
// period,date,MGSX with date "YYYY-MM" and a rate with one decimal (header required).
Result<tariff::UnemploymentSeries> ParseUnemploymentCsv(std::string_view csv);

// The built-in copies (parsed once, on first use; thread-safe).
const std::vector<tariff::Area>& BuiltInAreas();
const tariff::UnemploymentSeries& BuiltInUnemployment();
std::string_view BuiltInAreasCsv();
std::string_view BuiltInUnemploymentCsv();

}  // namespace psl::reference
