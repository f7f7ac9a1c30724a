// Ledger accounts (PAY-9). An account is named by a code "<family>" or "<family>:<qualifier>",
// and its family fixes its kind, so that a code alone says what the money is.
#pragma once

#include <string>
#include <string_view>

#include "psl/core/ids.h"
#include "psl/core/result.h"

namespace psl::ledger {

enum class AccountKind { kAsset, kLiability, kEquity, kIncome, kExpense };

std::string_view AccountKindName(AccountKind kind);

// Checks a code and returns its kind. Families:
//   government_budget:<end_result>    equity    the envelope government funds per End Result
//   programme_expense:<end_result>    expense   what the market cost per End Result
//   provider_payable:<provider_id>    liability owed to a provider, not yet paid out
//   provider_receivable:<provider_id> asset     owed by a provider (claw-back shortfall, fees)
//   fee_income                        income    licensing fees (LIC-3)
//   bank                              asset     money actually paid or received
Result<AccountKind> ParseAccountCode(std::string_view code);

std::string GovernmentBudgetAccount(std::string_view end_result);
std::string ProgrammeExpenseAccount(std::string_view end_result);
std::string ProviderPayableAccount(ProviderId provider);
std::string ProviderReceivableAccount(ProviderId provider);
inline constexpr std::string_view kFeeIncomeAccount = "fee_income";
inline constexpr std::string_view kBankAccount = "bank";

}  // namespace psl::ledger
