// Placeholder until the payment settings codec is written.
#include "psl/config/config_json.h"

namespace psl::config {

std::string PaymentSettingsToJson(const payment::PaymentSettings&) { return "{}"; }
Result<payment::PaymentSettings> ParsePaymentSettings(std::string_view) {
  return Status(ErrorCode::kFailedPrecondition, "payment settings documents are not readable yet",
                "document");
}

}  // namespace psl::config
