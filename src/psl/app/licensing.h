// Use cases of licensing and the Regulator's licence casework (LIC-1..8, REG-1, X-5).
// Each method is one user action: role and scope checked, the rule applied, the change and its
// audit line written in one transaction.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "psl/app/app.h"
#include "psl/licensing/checklist.h"
#include "psl/licensing/licence.h"
#include "psl/store/licensing_tables.h"

namespace psl::app {

struct LicensingOptions {
  Money application_fee = Money::FromPence(25'000);  // LIC-3 default: £250
};

// A licence as its readers see it: the record, its decision history and any open proposal.
struct LicenceView {
  store::LicenceRecord licence;
  std::vector<store::DecisionRecord> decisions;
  std::optional<store::ProposalRecord> open_proposal;
  std::vector<licensing::ItemAssessment> assessment;  // of the evidence, against its checklist
};

struct RegisteredOrganisation {
  ProviderId provider_id;
  UserId user_id;
};

class Licensing {
 public:
  explicit Licensing(App& app, LicensingOptions options = {});

  // LIC-1: any organisation registers itself and its first provider user, without logging in.
  Result<RegisteredOrganisation> RegisterOrganisation(const RequestContext& context,
                                                      const licensing::Organisation& organisation,
                                                      const std::string& username,
                                                      const std::string& password);

  // LIC-2: the checklist applications are made against (public), and a new version (regulator).
  Result<licensing::Checklist> CurrentChecklist();
  Result<licensing::Checklist> PublishChecklist(const RequestContext& context,
                                                std::vector<licensing::ChecklistItem> items);

  // LIC-1..4: a provider applies for the general licence or a top-up, with evidence; the
  // administrative fee is charged through the ledger in the same transaction (LIC-3).
  Result<LicenceView> Apply(const RequestContext& context, const std::string& kind,
                            const licensing::Evidence& evidence);

  // The Regulator sees every licence; a provider only its own (others are "not found").
  Result<std::vector<store::LicenceRecord>> List(const RequestContext& context,
                                                 store::LicenceFilter filter);
  Result<LicenceView> Get(const RequestContext& context, LicenceId id);

  // LIC-5, REG-1: decisions with reasons.
  Result<LicenceView> StartReview(const RequestContext& context, LicenceId id);
  Result<LicenceView> Decide(const RequestContext& context, LicenceId id, bool grant,
                             const std::string& reasons,
                             const std::optional<std::string>& scope_restriction);
  Result<LicenceView> Reinstate(const RequestContext& context, LicenceId id,
                                const std::string& reasons);

  // X-5 four eyes: one regulator proposes suspension or revocation; a different one confirms.
  Result<LicenceView> Propose(const RequestContext& context, LicenceId id,
                              const std::string& action, const std::string& grounds,
                              const std::string& reasons);
  Result<LicenceView> ConfirmProposal(const RequestContext& context, LicenceId id);
  Result<LicenceView> WithdrawProposal(const RequestContext& context, LicenceId id);

  // LIC-7: a temporary scope restriction ("employment only"), set or lifted (nullopt).
  Result<LicenceView> SetScopeRestriction(const RequestContext& context, LicenceId id,
                                          const std::optional<std::string>& sector,
                                          const std::string& reasons);

  // LIC-7: areas (local authority districts) and whether each is live or a control.
  Status ImportAreas(const RequestContext& context, const std::vector<store::AreaRecord>& areas);
  Result<std::vector<store::AreaRecord>> ListAreas(const std::string& mode,
                                                   const std::string& after_code, int limit);
  Result<store::AreaRecord> SetAreaMode(const RequestContext& context, const std::string& code,
                                        const std::string& mode);

  // LIC-8: the public register: decided licences (not applications in progress), searchable.
  Result<std::vector<store::LicenceRecord>> SearchRegister(store::LicenceFilter filter);
  Result<LicenceView> RegisterEntry(LicenceId id);
  Result<store::OrganisationRecord> Organisation(ProviderId id);

 private:
  // One change to one licence: in a single write transaction, load it, let `change` act at
  // `now` (writing its audit line), and return the licence as it then stands.
  using LicenceChange = std::function<Status(store::Transaction& transaction,
                                             const LicenceView& before, Timestamp now)>;
  Result<LicenceView> ChangeLicence(LicenceId id, const LicenceChange& change);
  Result<LicenceView> Load(store::Transaction& transaction, LicenceId id);
  Result<LicenceView> Transition(const RequestContext& context, LicenceId id,
                                 licensing::LicenceStatus to, const std::string& reasons,
                                 const std::optional<std::string>& grounds,
                                 const std::optional<std::string>& scope_restriction,
                                 bool set_scope);

  App& app_;
  LicensingOptions options_;
};

// Checklists are stored and sent as JSON arrays of items.
std::string ChecklistItemsToJson(const std::vector<licensing::ChecklistItem>& items);
Result<std::vector<licensing::ChecklistItem>> ChecklistItemsFromJson(std::string_view json);
std::string EvidenceToJson(const licensing::Evidence& evidence);
licensing::Evidence EvidenceFromJson(std::string_view json);
std::string AssessmentToJson(const std::vector<licensing::ItemAssessment>& assessment);

// Reads data/areas.csv (lad_code,lad_name,region,imd_average_score).
Result<std::vector<store::AreaRecord>> ParseAreasCsv(std::string_view csv);

}  // namespace psl::app
