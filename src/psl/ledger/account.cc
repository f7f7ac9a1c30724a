#include "psl/ledger/account.h"

#include <array>

namespace psl::ledger {
namespace {

enum class Qualifier { kNone, kName, kNumber };

struct Family {
  std::string_view name;
  AccountKind kind;
  Qualifier qualifier;
};

constexpr std::array<Family, 6> kFamilies = {{
    {"government_budget", AccountKind::kEquity, Qualifier::kName},
    {"programme_expense", AccountKind::kExpense, Qualifier::kName},
    {"provider_payable", AccountKind::kLiability, Qualifier::kNumber},
    {"provider_receivable", AccountKind::kAsset, Qualifier::kNumber},
    {"fee_income", AccountKind::kIncome, Qualifier::kNone},
    {"bank", AccountKind::kAsset, Qualifier::kNone},
}};

bool IsSnakeCase(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return text.front() >= 'a' && text.front() <= 'z';
}

bool IsPositiveNumber(std::string_view text) {
  if (text.empty() || text.size() > 18 || text.front() == '0') return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string_view AccountKindName(AccountKind kind) {
  switch (kind) {
    case AccountKind::kAsset: return "asset";
    case AccountKind::kLiability: return "liability";
    case AccountKind::kEquity: return "equity";
    case AccountKind::kIncome: return "income";
    case AccountKind::kExpense: return "expense";
  }
  return "asset";
}

Result<AccountKind> ParseAccountCode(std::string_view code) {
  const auto colon = code.find(':');
  const std::string_view family = code.substr(0, colon);
  const std::string_view qualifier =
      colon == std::string_view::npos ? std::string_view() : code.substr(colon + 1);
  for (const Family& candidate : kFamilies) {
    if (candidate.name != family) continue;
    const bool ok = candidate.qualifier == Qualifier::kNone   ? colon == std::string_view::npos
                    : candidate.qualifier == Qualifier::kName ? IsSnakeCase(qualifier)
                                                              : IsPositiveNumber(qualifier);
    if (ok) return candidate.kind;
    break;
  }
  return Status(ErrorCode::kInvalidArgument,
                "not a ledger account: '" + std::string(code) +
                    "'; accounts look like provider_payable:12 or government_budget:employment",
                "account");
}

std::string GovernmentBudgetAccount(std::string_view end_result) {
  return "government_budget:" + std::string(end_result);
}
std::string ProgrammeExpenseAccount(std::string_view end_result) {
  return "programme_expense:" + std::string(end_result);
}
std::string ProviderPayableAccount(ProviderId provider) {
  return "provider_payable:" + std::to_string(provider.value());
}
std::string ProviderReceivableAccount(ProviderId provider) {
  return "provider_receivable:" + std::to_string(provider.value());
}

}  // namespace psl::ledger
