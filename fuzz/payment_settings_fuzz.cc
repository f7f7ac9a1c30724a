// libFuzzer target for the payment settings document (config::ParsePaymentSettings), the one
// document every payment use case reads (docs/payment.md §1).
//
// Besides the sanitizers' own findings, the target traps (__builtin_trap) when a promise breaks:
//  - an error is kInvalidArgument with a message;
//  - accepted settings pass ValidatePaymentSettings and survive a round trip
//    (ParsePaymentSettings(PaymentSettingsToJson(s)) == s, and the text is stable).
//
// Run it with scripts/fuzz.sh payment_settings; the seed corpus is fuzz/corpus/payment_settings/.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "psl/config/config_json.h"
#include "psl/payment/settings.h"

namespace {

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = psl::config::ParsePaymentSettings(text);
  if (!parsed.ok()) {
    Require(parsed.status().code() == psl::ErrorCode::kInvalidArgument);
    Require(!parsed.status().message().empty());
    return 0;
  }
  Require(psl::payment::ValidatePaymentSettings(*parsed).ok());
  const std::string written = psl::config::PaymentSettingsToJson(*parsed);
  auto again = psl::config::ParsePaymentSettings(written);
  Require(again.ok() && *again == *parsed);
  Require(psl::config::PaymentSettingsToJson(*again) == written);
  return 0;
}
