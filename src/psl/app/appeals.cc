#include "psl/app/appeals.h"

#include <nlohmann/json.hpp>

#include "psl/app/audit_writer.h"
#include "psl/app/licensing.h"
#include "psl/licensing/checklist.h"
#include "psl/store/licensing_tables.h"

namespace psl::app {

using access::Role;
using access::RoleSet;
using licensing::LicenceStatus;
using nlohmann::json;
using regulation::AppealId;
using regulation::AppealStatus;
using regulation::DisputeId;
using regulation::Party;
using regulation::PartyKind;

namespace {

constexpr RoleSet kRegulator{Role::kRegulator};
constexpr RoleSet kRegulatorOrProvider{Role::kRegulator, Role::kProvider};
constexpr RoleSet kParties{Role::kProvider, Role::kGovernment};
constexpr RoleSet kPartiesOrRegulator{Role::kRegulator, Role::kProvider, Role::kGovernment};

Status NoSuchLicence() { return Status(ErrorCode::kNotFound, "no such licence", "licence_id"); }
Status NoSuchAppeal() { return Status(ErrorCode::kNotFound, "no such appeal", "id"); }
Status NoSuchDispute() { return Status(ErrorCode::kNotFound, "no such dispute", "id"); }

std::string AppealTarget(AppealId id) { return "appeal:" + std::to_string(id.value()); }
std::string DisputeTarget(DisputeId id) { return "dispute:" + std::to_string(id.value()); }
std::string Word(LicenceStatus status) { return std::string(licensing::LicenceStatusName(status)); }

// The licence's evidence assessed against the checklist it was made under, for the decision
// record (the licensing use cases record the same with every decision).
Result<std::string> AssessmentJson(store::Transaction& transaction,
                                   const store::LicenceRecord& licence) {
  PSL_ASSIGN_OR_RETURN(
      auto stored, store::ChecklistTable(transaction.connection()).Get(licence.checklist_version));
  licensing::Checklist checklist = licensing::DefaultChecklist();
  if (stored) {
    PSL_ASSIGN_OR_RETURN(auto items, ChecklistItemsFromJson(stored->items_json));
    checklist = licensing::Checklist{stored->version, std::move(items)};
  }
  return AssessmentToJson(
      licensing::AssessEvidence(checklist, EvidenceFromJson(licence.evidence_json)));
}

// Whether the principal is a party to the dispute (the Regulator sees every dispute).
bool MaySee(const access::Principal& principal, const store::DisputeRecord& dispute) {
  switch (principal.role) {
    case Role::kRegulator: return true;
    case Role::kGovernment:
      return dispute.claimant.kind == PartyKind::kGovernment ||
             dispute.respondent.kind == PartyKind::kGovernment;
    case Role::kProvider: {
      const Party self = Party::Provider(principal.provider_id.value_or(ProviderId()));
      return dispute.claimant == self || dispute.respondent == self;
    }
    default: return false;
  }
}

}  // namespace

// --- Appeals --------------------------------------------------------------------------------

Result<store::AppealRecord> Appeals::Lodge(const RequestContext& context, LicenceId licence_id,
                                           const std::string& grounds) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kProvider}));
  PSL_CHECK(context.principal.provider_id.has_value(), "provider users are scoped (schema)");
  const ProviderId provider = *context.principal.provider_id;
  PSL_RETURN_IF_ERROR(regulation::ValidateAppealGrounds(grounds));
  std::optional<store::AppealRecord> appeal;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    const Timestamp now = app_.clock().Now();
    store::LicenceTable licences(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto licence, licences.Get(licence_id));
    // A provider never learns whether another provider's licence exists.
    if (!licence || licence->provider_id != provider) return NoSuchLicence();
    PSL_RETURN_IF_ERROR(regulation::CheckAppealable(licence->status));
    store::AppealTable appeals(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto open, appeals.OpenFor(licence_id));
    if (open) {
      return Status(ErrorCode::kConflict,
                    "appeal " + std::to_string(open->id.value()) +
                        " against this licence's decision is still open; wait for the "
                        "Regulator's decision on it",
                    "licence_id");
    }
    if (licence->status != LicenceStatus::kSuspended) {
      // Upholding would bring back a licence the provider has since replaced.
      PSL_ASSIGN_OR_RETURN(auto live, licences.FindLive(provider, licence->kind));
      if (live && live->id != licence_id) {
        return Status(ErrorCode::kFailedPrecondition,
                      "this provider has a newer " + licence->kind + " licence or application (" +
                          "licence " + std::to_string(live->id.value()) + ", " +
                          Word(live->status) + "); appeal decisions on that one instead",
                      "licence_id");
      }
    }
    auto inserted = appeals.Insert(licence_id, provider, licence->status, grounds,
                                   context.principal.user_id, now);
    if (!inserted.ok()) {
      if (inserted.status().code() == ErrorCode::kAlreadyExists) {
        return Status(ErrorCode::kConflict, "an appeal against this licence is already open",
                      "licence_id");
      }
      return inserted.status();
    }
    const json detail = {{"licence_id", licence_id.value()},
                         {"appealed_status", Word(licence->status)}};
    PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now, "appeal.lodge",
                                   AppealTarget(*inserted), detail.dump()));
    PSL_ASSIGN_OR_RETURN(appeal, appeals.Get(*inserted));
    return Status::Ok();
  }));
  return *appeal;
}

Result<std::vector<store::AppealRecord>> Appeals::List(const RequestContext& context,
                                                       store::AppealFilter filter) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulatorOrProvider));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(filter.limit));
  if (context.principal.role == Role::kProvider) filter.provider_id = context.principal.provider_id;
  std::vector<store::AppealRecord> appeals;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(appeals, store::AppealTable(transaction.connection()).List(filter));
    return Status::Ok();
  }));
  return appeals;
}

Result<store::AppealRecord> Appeals::Get(const RequestContext& context, AppealId id) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulatorOrProvider));
  std::optional<store::AppealRecord> appeal;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(appeal, store::AppealTable(transaction.connection()).Get(id));
    return Status::Ok();
  }));
  if (!appeal) return NoSuchAppeal();
  if (context.principal.role == Role::kProvider &&
      context.principal.provider_id != appeal->provider_id) {
    return NoSuchAppeal();
  }
  return *appeal;
}

Result<store::AppealRecord> Appeals::Decide(const RequestContext& context, AppealId id,
                                            AppealStatus outcome, const std::string& reasons) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  if (outcome == AppealStatus::kLodged) {
    return Status(ErrorCode::kInvalidArgument, "the decision is uphold or dismiss", "decision");
  }
  PSL_RETURN_IF_ERROR(regulation::ValidateArbitrationReasons(reasons));
  std::optional<store::AppealRecord> appeal;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    const Timestamp now = app_.clock().Now();
    store::AppealTable appeals(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto before, appeals.Get(id));
    if (!before) return NoSuchAppeal();
    PSL_RETURN_IF_ERROR(regulation::CheckAppealOpen(before->status));
    store::LicenceTable licences(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto licence, licences.Get(before->licence_id));
    if (!licence) return Status(ErrorCode::kInternal, "an appeal names a missing licence");
    const LicenceStatus from = licence->status;
    LicenceStatus to = from;
    if (outcome == AppealStatus::kUpheld) {
      if (from != before->appealed_status) {
        return Status(ErrorCode::kFailedPrecondition,
                      "the licence is now " + Word(from) + ", no longer " +
                          Word(before->appealed_status) +
                          " as when the appeal was lodged; dismiss the appeal with reasons",
                      "decision");
      }
      to = regulation::StatusAfterUpheld(from);
      PSL_ASSIGN_OR_RETURN(auto proposal, licences.OpenProposal(licence->id));
      if (proposal) {
        return Status(ErrorCode::kFailedPrecondition,
                      "a " + proposal->action +
                          " proposal is open on this licence; withdraw it before upholding",
                      "decision");
      }
      if (from != LicenceStatus::kSuspended) {
        PSL_ASSIGN_OR_RETURN(auto live, licences.FindLive(licence->provider_id, licence->kind));
        if (live && live->id != licence->id) {
          return Status(ErrorCode::kFailedPrecondition,
                        "the provider has since made a new " + licence->kind +
                            " application (licence " + std::to_string(live->id.value()) +
                            "); two cannot be live at once, so dismiss this appeal with reasons",
                        "decision");
        }
      }
      PSL_RETURN_IF_ERROR(licences.SetStatus(licence->id, to, std::nullopt));
    }
    // REG-1: the decision and its reasons join the licence's history, whether upheld or not.
    PSL_ASSIGN_OR_RETURN(const std::string assessment, AssessmentJson(transaction, *licence));
    const store::DecisionRecord decision{0,
                                         licence->id,
                                         from,
                                         to,
                                         "",
                                         "",
                                         std::nullopt,
                                         "Appeal " + std::to_string(id.value()) + " " +
                                             std::string(regulation::AppealStatusName(outcome)) +
                                             ": " + reasons,
                                         assessment,
                                         now};
    PSL_RETURN_IF_ERROR(licences.AppendDecision(decision, context.principal.user_id, UserId()));
    PSL_ASSIGN_OR_RETURN(const bool decided, appeals.Decide(id, outcome, to, now));
    if (!decided) {
      return Status(ErrorCode::kConflict, "the appeal was decided meanwhile; reload it", "id");
    }
    PSL_RETURN_IF_ERROR(store::ArbitrationTable(transaction.connection())
                            .AppendForAppeal(id, outcome, reasons, context.principal.user_id, now));
    const json detail = {{"decision", regulation::AppealStatusName(outcome)},
                         {"licence_id", licence->id.value()},
                         {"from", Word(from)},
                         {"to", Word(to)}};
    PSL_RETURN_IF_ERROR(
        WriteAudit(transaction, context, now, "appeal.decide", AppealTarget(id), detail.dump()));
    PSL_ASSIGN_OR_RETURN(appeal, appeals.Get(id));
    return Status::Ok();
  }));
  return *appeal;
}

// --- Disputes -------------------------------------------------------------------------------

Result<store::DisputeRecord> Appeals::FileDispute(const RequestContext& context,
                                                  const DisputeRespondent& respondent_named,
                                                  const std::string& subject,
                                                  const std::string& description) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kParties));
  const Party claimant = context.principal.role == Role::kProvider
                             ? Party::Provider(context.principal.provider_id.value_or(ProviderId()))
                             : Party::Government();
  Party respondent = Party::Government();
  if (respondent_named.kind == PartyKind::kProvider) {
    if (!respondent_named.provider_id) {
      return Status(ErrorCode::kInvalidArgument, "name the provider in dispute by its id",
                    "respondent_provider_id");
    }
    respondent = Party::Provider(*respondent_named.provider_id);
  } else if (respondent_named.provider_id) {
    return Status(ErrorCode::kInvalidArgument,
                  "a dispute with government names no provider; leave it out",
                  "respondent_provider_id");
  }
  PSL_RETURN_IF_ERROR(regulation::ValidateDisputeParties(claimant, respondent));
  PSL_RETURN_IF_ERROR(regulation::ValidateDisputeSubject(subject));
  PSL_RETURN_IF_ERROR(regulation::ValidateDisputeDescription(description));
  std::optional<store::DisputeRecord> dispute;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    const Timestamp now = app_.clock().Now();
    if (respondent.kind == PartyKind::kProvider) {
      PSL_ASSIGN_OR_RETURN(
          auto organisation,
          store::OrganisationTable(transaction.connection()).Get(respondent.provider_id));
      if (!organisation) {
        return Status(ErrorCode::kNotFound, "no such provider", "respondent_provider_id");
      }
    }
    store::DisputeTable disputes(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const DisputeId id,
                         disputes.Insert(claimant, respondent, subject, description,
                                         context.principal.user_id, now));
    json detail = {{"claimant", regulation::PartyKindName(claimant.kind)},
                   {"respondent", regulation::PartyKindName(respondent.kind)}};
    if (claimant.kind == PartyKind::kProvider) {
      detail["claimant_provider_id"] = claimant.provider_id.value();
    }
    if (respondent.kind == PartyKind::kProvider) {
      detail["respondent_provider_id"] = respondent.provider_id.value();
    }
    PSL_RETURN_IF_ERROR(
        WriteAudit(transaction, context, now, "dispute.file", DisputeTarget(id), detail.dump()));
    PSL_ASSIGN_OR_RETURN(dispute, disputes.Get(id));
    return Status::Ok();
  }));
  return *dispute;
}

Result<std::vector<store::DisputeRecord>> Appeals::ListDisputes(const RequestContext& context,
                                                                store::DisputeFilter filter) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kPartiesOrRegulator));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(filter.limit));
  if (context.principal.role == Role::kProvider) {
    filter.party = Party::Provider(context.principal.provider_id.value_or(ProviderId()));
  } else if (context.principal.role == Role::kGovernment) {
    filter.party = Party::Government();
  }
  std::vector<store::DisputeRecord> disputes;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(disputes, store::DisputeTable(transaction.connection()).List(filter));
    return Status::Ok();
  }));
  return disputes;
}

Result<store::DisputeRecord> Appeals::GetDispute(const RequestContext& context, DisputeId id) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kPartiesOrRegulator));
  std::optional<store::DisputeRecord> dispute;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(dispute, store::DisputeTable(transaction.connection()).Get(id));
    return Status::Ok();
  }));
  // Someone who is not a party never learns whether the dispute exists.
  if (!dispute || !MaySee(context.principal, *dispute)) return NoSuchDispute();
  return *dispute;
}

Result<store::DisputeRecord> Appeals::ResolveDispute(const RequestContext& context, DisputeId id,
                                                     regulation::DisputeFinding finding,
                                                     const std::string& terms,
                                                     const std::string& reasons) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  PSL_RETURN_IF_ERROR(regulation::ValidateArbitrationTerms(terms));
  PSL_RETURN_IF_ERROR(regulation::ValidateArbitrationReasons(reasons));
  std::optional<store::DisputeRecord> dispute;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    const Timestamp now = app_.clock().Now();
    store::DisputeTable disputes(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto before, disputes.Get(id));
    if (!before) return NoSuchDispute();
    PSL_RETURN_IF_ERROR(regulation::CheckDisputeOpen(before->status));
    PSL_ASSIGN_OR_RETURN(const bool resolved, disputes.Resolve(id, now));
    if (!resolved) {
      return Status(ErrorCode::kConflict, "the dispute was resolved meanwhile; reload it", "id");
    }
    PSL_RETURN_IF_ERROR(
        store::ArbitrationTable(transaction.connection())
            .AppendForDispute(id, finding, terms, reasons, context.principal.user_id, now));
    const json detail = {{"finding", regulation::DisputeFindingName(finding)}};
    PSL_RETURN_IF_ERROR(
        WriteAudit(transaction, context, now, "dispute.resolve", DisputeTarget(id), detail.dump()));
    PSL_ASSIGN_OR_RETURN(dispute, disputes.Get(id));
    return Status::Ok();
  }));
  return *dispute;
}

}  // namespace psl::app
