// Reading the audit log, and the Regulator's direct use of the ledger (PAY-9).
#include <nlohmann/json.hpp>

#include "psl/app/app.h"

namespace psl::app {

using access::Role;
using access::RoleSet;

namespace {
constexpr RoleSet kLedgerReaders{Role::kRegulator, Role::kGovernment};
}  // namespace

Result<AuditPage> App::ListAudit(const RequestContext& context,
                                 std::optional<AuditEntryId> before, int limit) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kRegulator}));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  AuditPage page;
  PSL_RETURN_IF_ERROR(store_.Read([&](store::Transaction& transaction) -> Status {
    // One extra row tells whether an older page exists without a second query.
    PSL_ASSIGN_OR_RETURN(page.items, transaction.audit().PageNewestFirst(before, limit + 1));
    return Status::Ok();
  }));
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_before = page.items.back().id;
  }
  return page;
}

Result<ledger::PostResult> App::PostToLedger(const RequestContext& context,
                                             const ledger::PostingRequest& request) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kRegulator}));
  PSL_RETURN_IF_ERROR(ledger::ValidatePosting(request));
  ledger::PostResult result;
  PSL_RETURN_IF_ERROR(store_.Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(result, transaction.ledger().Post(request, clock_.Now()));
    if (result.replayed) return Status::Ok();  // nothing changed, nothing to audit
    const nlohmann::json detail = {{"idempotency_key", request.idempotency_key},
                                   {"cause", request.cause},
                                   {"lines", request.lines.size()}};
    return Audit(transaction, context, request.reverses ? "posting.reverse" : "posting.create",
                 "posting:" + std::to_string(result.id.value()), detail.dump());
  }));
  return result;
}

Result<ledger::PostResult> App::ReversePosting(const RequestContext& context, PostingId original,
                                               std::string idempotency_key, Date effective_date,
                                               std::string reason) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kRegulator}));
  PSL_ASSIGN_OR_RETURN(const ledger::Posting posting, GetPosting(context, original));
  return PostToLedger(context, ledger::MakeReversal(posting, std::move(idempotency_key),
                                                    effective_date, std::move(reason)));
}

Result<ledger::Posting> App::GetPosting(const RequestContext& context, PostingId id) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kLedgerReaders));
  std::optional<ledger::Posting> posting;
  PSL_RETURN_IF_ERROR(store_.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(posting, transaction.ledger().Get(id));
    return Status::Ok();
  }));
  if (!posting) return Status(ErrorCode::kNotFound, "no such posting", "id");
  return *posting;
}

Result<std::vector<store::AccountBalance>> App::LedgerBalances(const RequestContext& context,
                                                               std::optional<Date> as_of,
                                                               std::string_view after_code,
                                                               int limit) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kLedgerReaders));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  std::vector<store::AccountBalance> balances;
  PSL_RETURN_IF_ERROR(store_.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(balances, transaction.ledger().Balances(as_of, after_code, limit));
    return Status::Ok();
  }));
  return balances;
}

Result<store::LedgerCheck> App::CheckLedger(const RequestContext& context) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kLedgerReaders));
  store::LedgerCheck check;
  PSL_RETURN_IF_ERROR(store_.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(check, transaction.ledger().Check());
    return Status::Ok();
  }));
  return check;
}

}  // namespace psl::app
