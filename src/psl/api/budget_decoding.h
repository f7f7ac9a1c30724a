// Decoding the requests of the payment settings, the claw-back mode and budgets (PAY-2, PAY-5,
// PAY-10): strict, pure functions of the body bytes.
#pragma once

#include <optional>
#include <string_view>

#include "psl/app/budgets.h"
#include "psl/core/result.h"
#include "psl/payment/settings.h"

namespace psl::api {

struct PaymentSettingsRequest {
  payment::PaymentSettings settings;
  std::optional<int> version;  // when the document names the version it means to publish
};
// A payment settings document (config::ParsePaymentSettings) whose "version" may be left out:
// the server assigns the next one.
Result<PaymentSettingsRequest> DecodePaymentSettingsRequest(std::string_view body);

// {"clawback": true|false}
Result<bool> DecodePaymentModeRequest(std::string_view body);

// {"end_result","period_from","period_to","amount_pence"}
Result<app::BudgetInput> DecodeBudgetRequest(std::string_view body);

}  // namespace psl::api
