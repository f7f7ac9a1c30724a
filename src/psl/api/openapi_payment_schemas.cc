// Schemas of the split preview, payment runs, statements and receivables (payment_routes.cc).
#include "psl/api/openapi_schemas.h"

namespace psl::api::openapi {

void AddPaymentSchemas(json& schemas) {
  schemas["SplitRequest"] = Object({{"price_pence", Int(0, 1'000'000'000'000)},
                                    {"licensed_on", Date()},
                                    {"registered_on", Date()},
                                    {"outcome", Str(100)}},
                                   {"price_pence", "licensed_on", "registered_on"});
  schemas["Split"] = Closed({{"upfront_pence", Pence()},
                             {"outcome_pence", Pence()},
                             {"satisfaction_pence", Pence()},
                             {"rule", Str()}});
  schemas["OutcomeSplit"] = Closed({{"upfront_pence", Pence()},
                                    {"outcome_pence", Pence()},
                                    {"satisfaction_pence", Pence()},
                                    {"rule", Str()},
                                    {"clawback", Bool()}});
  schemas["PaymentRunRequest"] = Object({{"as_of", Date()}}, {"as_of"});
  const json run = Closed({{"id", Id()},
                           {"as_of", Date()},
                           {"status", Enum({"prepared", "releasing", "released"})},
                           {"prepared_by_user_id", Nullable(Id())},
                           {"prepared_at", DateTime()},
                           {"released_by_user_id", Nullable(Id())},
                           {"released_at", Nullable(DateTime())},
                           {"line_count", Int()},
                           {"total_pence", Pence()}});
  schemas["PaymentRun"] = run;
  schemas["PaymentRunProvider"] = Closed({{"run_id", Id()},
                                          {"as_of", Date()},
                                          {"provider_id", Id()},
                                          {"provider_name", Str()},
                                          {"line_count", Int()},
                                          {"gross_pence", Pence()},
                                          {"clawback_pence", Pence()},
                                          {"receivable_pence", Pence()},
                                          {"recovered_pence", Pence()},
                                          {"paid_pence", Pence()},
                                          {"shortfall_pence", Pence()},
                                          {"status", Enum({"prepared", "paid"})},
                                          {"posting_id", Nullable(Id())}});
  schemas["PaymentRunView"] = Extend(run, {{"providers", Array(Ref("PaymentRunProvider"))}});
  schemas["PaymentRunPage"] = Page("PaymentRun", "next_before", Id());
  schemas["PaymentLine"] =
      Closed({{"id", Id()},
              {"kind", Enum({"upfront", "outcome", "satisfaction", "clawback", "adjustment"})},
              {"amount_pence", Pence()},
              {"due_on", Date()},
              {"end_result", Str()},
              {"registration_id", Nullable(Id())},
              {"citizen_id", Nullable(Id())},
              {"citizen_name", Str()},
              {"outcome", Nullable(Str())},
              {"claim_id", Nullable(Id())},
              {"tariff_version", Nullable(Int())},
              {"rule", Str()},
              {"posting_id", Nullable(Id())}});
  schemas["PaymentStatement"] = Closed({{"run", Ref("PaymentRun")},
                                        {"summary", Ref("PaymentRunProvider")},
                                        {"lines", Array(Ref("PaymentLine"))}});
  schemas["ProviderStatementList"] = Closed({{"items", Array(Ref("PaymentRunProvider"))}});
  schemas["Receivable"] = Closed({{"provider_id", Id()},
                                  {"provider_name", Str()},
                                  {"outstanding_pence", Pence()},
                                  {"oldest_unrecovered", Nullable(Date())},
                                  {"age_days", Int()}});
  schemas["ReceivableList"] = Closed({{"items", Array(Ref("Receivable"))}});
}

}  // namespace psl::api::openapi
