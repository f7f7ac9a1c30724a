#include "psl/app/licensing.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "psl/app/audit_writer.h"
#include "psl/app/credentials.h"
#include "psl/core/weight.h"
#include "psl/ledger/account.h"

namespace psl::app {

using access::Role;
using access::RoleSet;
using licensing::LicenceStatus;
using nlohmann::json;

namespace {

constexpr RoleSet kRegulator{Role::kRegulator};

Status NotFound() { return Status(ErrorCode::kNotFound, "no such licence", "id"); }

std::string Target(LicenceId id) { return "licence:" + std::to_string(id.value()); }

// The register shows licences the Regulator has decided on, not applications in progress.
bool OnRegister(LicenceStatus status) {
  return status != LicenceStatus::kApplied && status != LicenceStatus::kUnderReview;
}

Result<licensing::Checklist> LoadChecklist(store::Transaction& transaction,
                                           std::optional<int> version) {
  store::ChecklistTable checklists(transaction.connection());
  std::optional<store::ChecklistRecord> record;
  if (version) {
    PSL_ASSIGN_OR_RETURN(record, checklists.Get(*version));
  } else {
    PSL_ASSIGN_OR_RETURN(record, checklists.Latest());
  }
  if (!record) return licensing::DefaultChecklist();  // nothing published yet: LIC-2 defaults
  PSL_ASSIGN_OR_RETURN(auto items, ChecklistItemsFromJson(record->items_json));
  return licensing::Checklist{record->version, std::move(items)};
}

}  // namespace

// --- JSON forms -----------------------------------------------------------------------------

std::string ChecklistItemsToJson(const std::vector<licensing::ChecklistItem>& items) {
  json array = json::array();
  for (const auto& item : items) {
    json entry = {{"id", item.id},
                  {"section", licensing::SectionName(item.section)},
                  {"question", item.question},
                  {"kind", licensing::EvidenceKindName(item.kind)}};
    if (!item.threshold.empty()) entry["threshold"] = item.threshold;
    array.push_back(entry);
  }
  return array.dump();
}

Result<std::vector<licensing::ChecklistItem>> ChecklistItemsFromJson(std::string_view text) {
  const json array = json::parse(text, nullptr, false);
  if (!array.is_array()) return Status(ErrorCode::kInternal, "a stored checklist is not an array");
  std::vector<licensing::ChecklistItem> items;
  for (const json& entry : array) {
    licensing::ChecklistItem item;
    item.id = entry.value("id", "");
    PSL_ASSIGN_OR_RETURN(item.section, licensing::ParseSection(entry.value("section", "")));
    item.question = entry.value("question", "");
    PSL_ASSIGN_OR_RETURN(item.kind, licensing::ParseEvidenceKind(entry.value("kind", "")));
    item.threshold = entry.value("threshold", "");
    items.push_back(std::move(item));
  }
  return items;
}

std::string EvidenceToJson(const licensing::Evidence& evidence) {
  json object = json::object();
  for (const auto& [id, answer] : evidence) object[id] = answer;
  return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

licensing::Evidence EvidenceFromJson(std::string_view text) {
  licensing::Evidence evidence;
  const json object = json::parse(text, nullptr, false);
  if (!object.is_object()) return evidence;
  for (const auto& [id, answer] : object.items()) {
    if (answer.is_string()) evidence[id] = answer.get<std::string>();
  }
  return evidence;
}

std::string AssessmentToJson(const std::vector<licensing::ItemAssessment>& assessment) {
  json array = json::array();
  for (const auto& item : assessment) {
    array.push_back({{"item", item.item_id}, {"passed", item.passed}, {"reason", item.reason}});
  }
  return array.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::vector<store::AreaRecord>> ParseAreasCsv(std::string_view csv) {
  std::vector<store::AreaRecord> areas;
  std::istringstream lines{std::string(csv)};
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 || line.empty()) continue;  // header
    // Names may contain commas inside quotes ("Bristol, City of").
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    fields.push_back(field);
    auto score = fields.size() == 4
                     ? Weight::Parse(fields[3])
                     : Result<Weight>(Status(ErrorCode::kInvalidArgument, "expected 4 fields"));
    if (!score.ok()) {
      return Status(ErrorCode::kInvalidArgument,
                    "areas line " + std::to_string(number) +
                        ": expected lad_code,lad_name,region,imd_average_score",
                    "areas");
    }
    areas.push_back({fields[0], fields[1], fields[2], score->micros(), "live"});
  }
  return areas;
}

// --- Use cases ------------------------------------------------------------------------------

Licensing::Licensing(App& app, LicensingOptions options) : app_(app), options_(options) {}

Result<RegisteredOrganisation> Licensing::RegisterOrganisation(
    const RequestContext& context, const licensing::Organisation& organisation,
    const std::string& username, const std::string& password) {
  PSL_RETURN_IF_ERROR(licensing::ValidateOrganisation(organisation));
  PSL_RETURN_IF_ERROR(access::ValidateUsername(username));
  PSL_RETURN_IF_ERROR(access::ValidatePassword(password));
  PSL_ASSIGN_OR_RETURN(const std::string hash, HashPassword(password));
  RegisteredOrganisation registered;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    const Timestamp now = app_.clock().Now();
    PSL_ASSIGN_OR_RETURN(
        registered.provider_id,
        store::OrganisationTable(transaction.connection()).Insert(organisation, now));
    access::User user;
    user.username = username;
    user.password_hash = hash;
    user.role = Role::kProvider;
    user.provider_id = registered.provider_id;
    user.created_at = now;
    auto inserted = transaction.users().Insert(user);
    if (!inserted.ok()) {
      if (inserted.status().code() == ErrorCode::kAlreadyExists) {
        return Status(ErrorCode::kAlreadyExists,
                      "the username '" + username + "' is taken; choose another", "username");
      }
      return inserted.status();
    }
    registered.user_id = *inserted;
    const json detail = {{"name", organisation.name},
                         {"legal_form", organisation.legal_form},
                         {"size", organisation.size},
                         {"username", username}};
    return WriteAudit(transaction, context, now, "provider.register",
                      "provider:" + std::to_string(registered.provider_id.value()), detail.dump());
  }));
  return registered;
}

Result<licensing::Checklist> Licensing::CurrentChecklist() {
  licensing::Checklist checklist;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(checklist, LoadChecklist(transaction, std::nullopt));
    return Status::Ok();
  }));
  return checklist;
}

Result<licensing::Checklist> Licensing::PublishChecklist(
    const RequestContext& context, std::vector<licensing::ChecklistItem> items) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  licensing::Checklist checklist{0, std::move(items)};
  PSL_RETURN_IF_ERROR(licensing::ValidateChecklist(checklist));
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::ChecklistTable checklists(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto latest, checklists.Latest());
    // Version 1 is the built-in default until the Regulator publishes: the first published
    // checklist is version 2 when applications exist against the default, else version 1.
    checklist.version = latest ? latest->version + 1 : 2;
    const Timestamp now = app_.clock().Now();
    if (!latest) {
      PSL_RETURN_IF_ERROR(checklists.Insert(
          1, ChecklistItemsToJson(licensing::DefaultChecklist().items), UserId(), now));
    }
    PSL_RETURN_IF_ERROR(checklists.Insert(checklist.version, ChecklistItemsToJson(checklist.items),
                                          context.principal.user_id, now));
    const json detail = {{"version", checklist.version}, {"items", checklist.items.size()}};
    return WriteAudit(transaction, context, now, "checklist.publish",
                      "checklist:" + std::to_string(checklist.version), detail.dump());
  }));
  return checklist;
}

Result<LicenceView> Licensing::ChangeLicence(LicenceId id, const LicenceChange& change) {
  LicenceView view;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const LicenceView before, Load(transaction, id));
    PSL_RETURN_IF_ERROR(change(transaction, before, app_.clock().Now()));
    PSL_ASSIGN_OR_RETURN(view, Load(transaction, id));
    return Status::Ok();
  }));
  return view;
}

Result<LicenceView> Licensing::Load(store::Transaction& transaction, LicenceId id) {
  store::LicenceTable licences(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto licence, licences.Get(id));
  if (!licence) return NotFound();
  LicenceView view;
  view.licence = std::move(*licence);
  PSL_ASSIGN_OR_RETURN(view.decisions, licences.Decisions(id));
  PSL_ASSIGN_OR_RETURN(view.open_proposal, licences.OpenProposal(id));
  PSL_ASSIGN_OR_RETURN(const auto checklist,
                       LoadChecklist(transaction, view.licence.checklist_version));
  view.assessment =
      licensing::AssessEvidence(checklist, EvidenceFromJson(view.licence.evidence_json));
  return view;
}

Result<LicenceView> Licensing::Apply(const RequestContext& context, const std::string& kind,
                                     const licensing::Evidence& evidence) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kProvider}));
  PSL_CHECK(context.principal.provider_id.has_value(), "provider users are scoped (schema)");
  PSL_RETURN_IF_ERROR(licensing::ValidateLicenceKind(kind));
  const ProviderId provider = *context.principal.provider_id;
  LicenceView view;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    const Timestamp now = app_.clock().Now();
    store::ChecklistTable checklists(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto checklist, LoadChecklist(transaction, std::nullopt));
    PSL_RETURN_IF_ERROR(licensing::ValidateEvidence(checklist, evidence));
    PSL_ASSIGN_OR_RETURN(auto stored_version, checklists.Get(checklist.version));
    if (!stored_version) {  // the built-in default, recorded the first time it is used
      PSL_RETURN_IF_ERROR(checklists.Insert(checklist.version,
                                            ChecklistItemsToJson(checklist.items), UserId(), now));
    }
    store::LicenceTable licences(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto live, licences.FindLive(provider, kind));
    if (live) {
      return Status(ErrorCode::kAlreadyExists,
                    "this provider already has a " + kind + " licence or application (licence " +
                        std::to_string(live->id.value()) + ", " +
                        std::string(licensing::LicenceStatusName(live->status)) + ")",
                    "kind");
    }
    store::LicenceRecord record;
    record.provider_id = provider;
    record.kind = kind;
    record.status = LicenceStatus::kApplied;
    record.checklist_version = checklist.version;
    record.evidence_json = EvidenceToJson(evidence);
    record.applied_at = now;
    PSL_ASSIGN_OR_RETURN(const LicenceId id, licences.Insert(record));

    // LIC-3: the administrative fee, owed by the provider, in the same transaction.
    ledger::PostingRequest fee;
    fee.idempotency_key = "fee:licence:" + std::to_string(id.value());
    fee.effective_date = now.UtcDate();
    fee.description = "Licence application fee (" + kind + ")";
    fee.cause = Target(id);
    fee.lines = {{ledger::ProviderReceivableAccount(provider), options_.application_fee},
                 {std::string(ledger::kFeeIncomeAccount),
                  Money::FromPence(-options_.application_fee.pence())}};
    PSL_ASSIGN_OR_RETURN(const auto posted, transaction.ledger().Post(fee, now));
    PSL_RETURN_IF_ERROR(licences.SetFeePosting(id, posted.id));

    const auto assessment = licensing::AssessEvidence(checklist, evidence);
    store::DecisionRecord submitted{
        0,  id,           LicenceStatus::kApplied, LicenceStatus::kApplied,      "",
        "", std::nullopt, "application submitted", AssessmentToJson(assessment), now};
    PSL_RETURN_IF_ERROR(licences.AppendDecision(submitted, context.principal.user_id, UserId()));
    const json detail = {{"kind", kind},
                         {"checklist_version", checklist.version},
                         {"fee_pence", options_.application_fee.pence()},
                         {"fee_posting_id", posted.id.value()}};
    PSL_RETURN_IF_ERROR(
        WriteAudit(transaction, context, now, "licence.apply", Target(id), detail.dump()));
    PSL_ASSIGN_OR_RETURN(view, Load(transaction, id));
    return Status::Ok();
  }));
  return view;
}

Result<std::vector<store::LicenceRecord>> Licensing::List(const RequestContext& context,
                                                          store::LicenceFilter filter) {
  PSL_RETURN_IF_ERROR(
      access::RequireRole(context.principal, RoleSet{Role::kRegulator, Role::kProvider}));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(filter.limit));
  if (context.principal.role == Role::kProvider) filter.provider_id = context.principal.provider_id;
  std::vector<store::LicenceRecord> licences;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(licences, store::LicenceTable(transaction.connection()).List(filter));
    return Status::Ok();
  }));
  return licences;
}

Result<LicenceView> Licensing::Get(const RequestContext& context, LicenceId id) {
  PSL_RETURN_IF_ERROR(
      access::RequireRole(context.principal, RoleSet{Role::kRegulator, Role::kProvider}));
  LicenceView view;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(view, Load(transaction, id));
    return Status::Ok();
  }));
  // A provider never learns whether another provider's licence exists.
  if (context.principal.role == Role::kProvider &&
      context.principal.provider_id != view.licence.provider_id) {
    return NotFound();
  }
  return view;
}

Result<LicenceView> Licensing::Transition(const RequestContext& context, LicenceId id,
                                          LicenceStatus to, const std::string& reasons,
                                          const std::optional<std::string>& grounds,
                                          const std::optional<std::string>& scope_restriction,
                                          bool set_scope) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  PSL_RETURN_IF_ERROR(licensing::ValidateReasons(reasons));
  if (scope_restriction)
    PSL_RETURN_IF_ERROR(licensing::ValidateScopeRestriction(*scope_restriction));
  return ChangeLicence(
      id, [&](store::Transaction& transaction, const LicenceView& before, Timestamp now) -> Status {
        const LicenceStatus from = before.licence.status;
        PSL_RETURN_IF_ERROR(licensing::CheckTransition(from, to));
        if (licensing::NeedsFourEyes(to)) {
          PSL_CHECK(false, "suspension and revocation go through ConfirmProposal");
        }
        store::LicenceTable licences(transaction.connection());
        std::optional<Date> granted_on;
        if (to == LicenceStatus::kGranted && from == LicenceStatus::kUnderReview) {
          if (!licensing::AllPassed(before.assessment)) {
            std::string failed;
            for (const auto& item : before.assessment) {
              if (!item.passed) failed += (failed.empty() ? "" : ", ") + item.item_id;
            }
            return Status(ErrorCode::kFailedPrecondition,
                          "cannot grant: the evidence fails the checklist on " + failed +
                              "; refuse with reasons, or ask the applicant to apply again",
                          "decision");
          }
          if (licensing::IsTopUp(before.licence.kind)) {
            PSL_ASSIGN_OR_RETURN(auto general, licences.FindLive(before.licence.provider_id,
                                                                 licensing::kGeneralLicence));
            if (!general || general->status != LicenceStatus::kGranted) {
              return Status(
                  ErrorCode::kFailedPrecondition,
                  "a top-up licence is granted only to a provider holding a granted general "
                  "licence (LIC-4)",
                  "decision");
            }
          }
          granted_on = now.UtcDate();
        }
        PSL_RETURN_IF_ERROR(licences.SetStatus(id, to, granted_on));
        if (set_scope) PSL_RETURN_IF_ERROR(licences.SetScopeRestriction(id, scope_restriction));
        store::DecisionRecord decision{
            0, id, from, to, "", "", grounds, reasons, AssessmentToJson(before.assessment), now};
        PSL_RETURN_IF_ERROR(licences.AppendDecision(decision, context.principal.user_id, UserId()));
        json detail = {{"from", licensing::LicenceStatusName(from)},
                       {"to", licensing::LicenceStatusName(to)}};
        if (set_scope)
          detail["scope_restriction"] = scope_restriction ? json(*scope_restriction) : json();
        PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now,
                                       "licence." + std::string(licensing::LicenceStatusName(to)),
                                       Target(id), detail.dump()));
        return Status::Ok();
      });
}

Result<LicenceView> Licensing::StartReview(const RequestContext& context, LicenceId id) {
  return Transition(context, id, LicenceStatus::kUnderReview, "review started", std::nullopt,
                    std::nullopt, false);
}

Result<LicenceView> Licensing::Decide(const RequestContext& context, LicenceId id, bool grant,
                                      const std::string& reasons,
                                      const std::optional<std::string>& scope_restriction) {
  if (!grant && scope_restriction) {
    return Status(ErrorCode::kInvalidArgument, "a refusal carries no scope restriction",
                  "scope_restriction");
  }
  return Transition(context, id, grant ? LicenceStatus::kGranted : LicenceStatus::kRefused, reasons,
                    std::nullopt, scope_restriction, grant);
}

Result<LicenceView> Licensing::Reinstate(const RequestContext& context, LicenceId id,
                                         const std::string& reasons) {
  // Reinstating a suspended licence restores it, so one regulator may decide it; only decisions
  // that end or stop a licence need four eyes.
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  {
    LicenceView current;
    PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(current, Load(transaction, id));
      return Status::Ok();
    }));
    if (current.licence.status != LicenceStatus::kSuspended) {
      return licensing::CheckTransition(current.licence.status, LicenceStatus::kGranted);
    }
    if (current.open_proposal) {
      return Status(ErrorCode::kFailedPrecondition,
                    "a " + current.open_proposal->action +
                        " proposal is open; withdraw it before reinstating",
                    "id");
    }
  }
  return Transition(context, id, LicenceStatus::kGranted, reasons, std::nullopt, std::nullopt,
                    false);
}

Result<LicenceView> Licensing::Propose(const RequestContext& context, LicenceId id,
                                       const std::string& action, const std::string& grounds,
                                       const std::string& reasons) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  if (action != "suspend" && action != "revoke") {
    return Status(ErrorCode::kInvalidArgument, "the action is suspend or revoke", "action");
  }
  PSL_RETURN_IF_ERROR(licensing::ValidateGrounds(grounds));
  PSL_RETURN_IF_ERROR(licensing::ValidateReasons(reasons));
  return ChangeLicence(
      id, [&](store::Transaction& transaction, const LicenceView& before, Timestamp now) -> Status {
        const LicenceStatus to =
            action == "suspend" ? LicenceStatus::kSuspended : LicenceStatus::kRevoked;
        PSL_RETURN_IF_ERROR(licensing::CheckTransition(before.licence.status, to));
        if (before.open_proposal) {
          return Status(ErrorCode::kConflict,
                        "a " + before.open_proposal->action + " proposal by " +
                            before.open_proposal->proposed_by_name +
                            " is already open; confirm or withdraw it first",
                        "id");
        }
        store::ProposalRecord proposal{0,  id, action, grounds, reasons, context.principal.user_id,
                                       "", now};
        auto inserted = store::LicenceTable(transaction.connection()).InsertProposal(proposal);
        if (!inserted.ok()) {
          if (inserted.status().code() == ErrorCode::kAlreadyExists) {
            return Status(ErrorCode::kConflict, "a proposal is already open on this licence", "id");
          }
          return inserted.status();
        }
        const json detail = {{"action", action}, {"grounds", grounds}};
        PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now, "licence.propose_" + action,
                                       Target(id), detail.dump()));
        return Status::Ok();
      });
}

Result<LicenceView> Licensing::ConfirmProposal(const RequestContext& context, LicenceId id) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  return ChangeLicence(
      id, [&](store::Transaction& transaction, const LicenceView& before, Timestamp now) -> Status {
        if (!before.open_proposal) {
          return Status(ErrorCode::kFailedPrecondition, "there is no open proposal to confirm",
                        "id");
        }
        const store::ProposalRecord& proposal = *before.open_proposal;
        if (proposal.proposed_by == context.principal.user_id ||
            !context.principal.user_id.valid()) {
          return Status(ErrorCode::kFailedPrecondition,
                        "four eyes: a different regulator must confirm the proposal made by " +
                            proposal.proposed_by_name,
                        "id");
        }
        const LicenceStatus to =
            proposal.action == "suspend" ? LicenceStatus::kSuspended : LicenceStatus::kRevoked;
        PSL_RETURN_IF_ERROR(licensing::CheckTransition(before.licence.status, to));
        store::LicenceTable licences(transaction.connection());
        PSL_RETURN_IF_ERROR(licences.SetStatus(id, to, std::nullopt));
        PSL_RETURN_IF_ERROR(
            licences.CloseProposal(proposal.id, "confirmed", context.principal.user_id, now));
        store::DecisionRecord decision{0,
                                       id,
                                       before.licence.status,
                                       to,
                                       "",
                                       "",
                                       proposal.grounds,
                                       proposal.reasons,
                                       AssessmentToJson(before.assessment),
                                       now};
        PSL_RETURN_IF_ERROR(
            licences.AppendDecision(decision, context.principal.user_id, proposal.proposed_by));
        const json detail = {{"action", proposal.action},
                             {"grounds", proposal.grounds},
                             {"proposed_by", proposal.proposed_by_name}};
        PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now,
                                       "licence." + std::string(licensing::LicenceStatusName(to)),
                                       Target(id), detail.dump()));
        return Status::Ok();
      });
}

Result<LicenceView> Licensing::WithdrawProposal(const RequestContext& context, LicenceId id) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  return ChangeLicence(
      id, [&](store::Transaction& transaction, const LicenceView& before, Timestamp now) -> Status {
        if (!before.open_proposal) {
          return Status(ErrorCode::kFailedPrecondition, "there is no open proposal to withdraw",
                        "id");
        }
        PSL_RETURN_IF_ERROR(store::LicenceTable(transaction.connection())
                                .CloseProposal(before.open_proposal->id, "withdrawn",
                                               context.principal.user_id, now));
        const json detail = {{"action", before.open_proposal->action}};
        PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now, "licence.withdraw_proposal",
                                       Target(id), detail.dump()));
        return Status::Ok();
      });
}

Result<LicenceView> Licensing::SetScopeRestriction(const RequestContext& context, LicenceId id,
                                                   const std::optional<std::string>& sector,
                                                   const std::string& reasons) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  PSL_RETURN_IF_ERROR(licensing::ValidateReasons(reasons));
  if (sector) PSL_RETURN_IF_ERROR(licensing::ValidateScopeRestriction(*sector));
  return ChangeLicence(
      id, [&](store::Transaction& transaction, const LicenceView& before, Timestamp now) -> Status {
        if (before.licence.status != LicenceStatus::kGranted &&
            before.licence.status != LicenceStatus::kSuspended) {
          return Status(ErrorCode::kFailedPrecondition,
                        "only a granted or suspended licence carries a scope restriction", "id");
        }
        PSL_RETURN_IF_ERROR(
            store::LicenceTable(transaction.connection()).SetScopeRestriction(id, sector));
        const json detail = {{"scope_restriction", sector ? json(*sector) : json()},
                             {"reasons", reasons}};
        PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now,
                                       sector ? "licence.restrict_scope" : "licence.lift_scope",
                                       Target(id), detail.dump()));
        return Status::Ok();
      });
}

Status Licensing::ImportAreas(const RequestContext& context,
                              const std::vector<store::AreaRecord>& areas) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::AreaTable table(transaction.connection());
    for (const auto& area : areas) PSL_RETURN_IF_ERROR(table.Upsert(area));
    const json detail = {{"areas", areas.size()}};
    return WriteAudit(transaction, context, app_.clock().Now(), "areas.import", "areas",
                      detail.dump());
  }));
  // Quotes read the districts' scores from a cached snapshot.
  app_.journey_cache().ForgetQuoteSnapshot();
  return Status::Ok();
}

Result<std::vector<store::AreaRecord>> Licensing::ListAreas(const std::string& mode,
                                                            const std::string& after_code,
                                                            int limit) {
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  if (!mode.empty() && mode != "live" && mode != "control") {
    return Status(ErrorCode::kInvalidArgument, "mode is live or control", "mode");
  }
  std::vector<store::AreaRecord> areas;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(areas,
                         store::AreaTable(transaction.connection()).List(mode, after_code, limit));
    return Status::Ok();
  }));
  return areas;
}

Result<store::AreaRecord> Licensing::SetAreaMode(const RequestContext& context,
                                                 const std::string& code, const std::string& mode) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulator));
  if (mode != "live" && mode != "control") {
    return Status(ErrorCode::kInvalidArgument, "mode is live or control (LIC-7)", "mode");
  }
  std::optional<store::AreaRecord> area;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::AreaTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const bool changed, table.SetMode(code, mode));
    if (!changed) return Status(ErrorCode::kNotFound, "no such area", "code");
    PSL_ASSIGN_OR_RETURN(area, table.Get(code));
    const json detail = {{"mode", mode}};
    return WriteAudit(transaction, context, app_.clock().Now(), "area.set_mode", "area:" + code,
                      detail.dump());
  }));
  return *area;
}

Result<std::vector<store::LicenceRecord>> Licensing::SearchRegister(store::LicenceFilter filter) {
  PSL_RETURN_IF_ERROR(ValidatePageLimit(filter.limit));
  filter.provider_id.reset();
  if (filter.status && !OnRegister(*filter.status)) {
    return Status(ErrorCode::kInvalidArgument,
                  "the register lists granted, suspended, revoked and refused licences", "status");
  }
  filter.decided_only = true;
  std::vector<store::LicenceRecord> found;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(found, store::LicenceTable(transaction.connection()).List(filter));
    return Status::Ok();
  }));
  return found;
}

Result<LicenceView> Licensing::RegisterEntry(LicenceId id) {
  LicenceView view;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(view, Load(transaction, id));
    return Status::Ok();
  }));
  if (!OnRegister(view.licence.status)) return NotFound();
  // The public sees decisions and reasons, not the applicant's evidence or an open proposal.
  view.licence.evidence_json = "{}";
  view.open_proposal.reset();
  return view;
}

Result<store::OrganisationRecord> Licensing::Organisation(ProviderId id) {
  std::optional<store::OrganisationRecord> record;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(record, store::OrganisationTable(transaction.connection()).Get(id));
    return Status::Ok();
  }));
  if (!record) return Status(ErrorCode::kNotFound, "no such provider", "id");
  return *record;
}

}  // namespace psl::app
