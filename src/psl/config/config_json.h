// JSON files for the configuration the Regulator and government publish as new versions:
// the outcomes catalogue (OUT-3), the questionnaire and its rules (ASM-1, ASM-2), the tariff
// (TAR-4) and the rules of choice (CHO-1). An adapter: the domain stays free of JSON.
//
// Parse* accept outside input (API bodies, files given to the CLI): they never throw, bound
// every list (at most 1000 entries, strings at most 5000 bytes), and answer kInvalidArgument
// naming the field as a path ("outcomes[2].window_months"). Each *ToJson writes what the
// matching Parse* reads (round trip), and Parse* also runs the domain Validate* function.
#pragma once

#include <string>
#include <string_view>

#include "psl/assessment/questionnaire.h"
#include "psl/catalogue/catalogue.h"
#include "psl/choice/choice.h"
#include "psl/core/result.h"
#include "psl/payment/settings.h"
#include "psl/tariff/tariff.h"

namespace psl::config {

std::string CatalogueToJson(const catalogue::Catalogue& catalogue);
Result<catalogue::Catalogue> ParseCatalogue(std::string_view json_text);

std::string QuestionnaireToJson(const assessment::Questionnaire& questionnaire);
Result<assessment::Questionnaire> ParseQuestionnaire(std::string_view json_text);

std::string RulesToJson(const assessment::Rules& rules);
// Shape only; ValidateRules against a questionnaire and catalogue is the caller's.
Result<assessment::Rules> ParseRules(std::string_view json_text);

// Money as integer pence ("core_pence": 200000), weights as decimal strings ("1.250000").
std::string TariffToJson(const tariff::Tariff& tariff);
Result<tariff::Tariff> ParseTariff(std::string_view json_text);

std::string FormatRulesToJson(const choice::FormatRules& rules);
Result<choice::FormatRules> ParseFormatRules(std::string_view json_text);

// The payment settings (PAY-2, PAY-3, PAY-6, PAY-11, INN-2), docs/payment.md.
std::string PaymentSettingsToJson(const payment::PaymentSettings& settings);
Result<payment::PaymentSettings> ParsePaymentSettings(std::string_view json_text);

// The quote as POST /api/v1/quotes and `psl quote` print it:
// {"outcome","base_pence","geographic_weight","cyclical_weight","price_pence",
//  "tariff_version","items":[{"kind","id","label","amount_pence"?,"weight"?}]}
// Weights as decimal strings with six decimals ("1.000000").
std::string QuoteToJson(const tariff::Quote& quote);

}  // namespace psl::config
