// Storage for licensing (LIC-1..8): organisations' details, areas, checklist versions, licences,
// their decision history (append-only) and four-eyes proposals. Construct each table from the
// transaction's connection: `LicenceTable licences(transaction.connection());`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/ids.h"
#include "psl/core/timestamp.h"
#include "psl/licensing/licence.h"
#include "psl/store/connection.h"

namespace psl::store {

struct OrganisationRecord {
  ProviderId id;
  licensing::Organisation organisation;
};

// The lower-case words of a name, as the register indexes and searches them (at most 20).
std::vector<std::string> NameWords(std::string_view name);

class OrganisationTable {
 public:
  explicit OrganisationTable(Connection& connection) : connection_(connection) {}
  // kNotFound naming the field when an area code is unknown.
  Result<ProviderId> Insert(const licensing::Organisation& organisation, Timestamp now);
  Result<std::optional<OrganisationRecord>> Get(ProviderId id);

 private:
  Connection& connection_;
};

struct AreaRecord {
  std::string code;
  std::string name;
  std::string region;
  std::int64_t imd_score_micros = 0;  // IMD 2019 average score, six decimals
  std::string mode;                   // live | control (LIC-7)
};

class AreaTable {
 public:
  explicit AreaTable(Connection& connection) : connection_(connection) {}
  // Inserts the area, or updates its name, region and score; the mode is kept.
  Status Upsert(const AreaRecord& area);
  // Returns false when there is no such area.
  Result<bool> SetMode(std::string_view code, std::string_view mode);
  Result<std::optional<AreaRecord>> Get(std::string_view code);
  // Ordered by code, after `after_code`; `mode` filters when not empty.
  Result<std::vector<AreaRecord>> List(std::string_view mode, std::string_view after_code,
                                       int limit);

 private:
  Connection& connection_;
};

struct ChecklistRecord {
  int version = 0;
  std::string items_json;
};

class ChecklistTable {
 public:
  explicit ChecklistTable(Connection& connection) : connection_(connection) {}
  Result<std::optional<ChecklistRecord>> Latest();
  Result<std::optional<ChecklistRecord>> Get(int version);
  // kAlreadyExists when the version is taken (two regulators publishing at once).
  Status Insert(int version, std::string_view items_json, UserId by, Timestamp now);

 private:
  Connection& connection_;
};

struct LicenceRecord {
  LicenceId id;
  ProviderId provider_id;
  std::string provider_name;
  std::string kind;
  licensing::LicenceStatus status = licensing::LicenceStatus::kApplied;
  int checklist_version = 0;
  std::string evidence_json;
  std::optional<std::string> scope_restriction;
  Timestamp applied_at;
  std::optional<Date> granted_on;  // the first grant: months since licence count from it (PAY-3)
  std::optional<PostingId> fee_posting_id;
};

struct DecisionRecord {
  std::int64_t id = 0;
  LicenceId licence_id;
  licensing::LicenceStatus from = licensing::LicenceStatus::kApplied;
  licensing::LicenceStatus to = licensing::LicenceStatus::kApplied;
  std::string decided_by;   // username; empty for the applicant's own submission
  std::string proposed_by;  // username of the four-eyes proposer, when there was one
  std::optional<std::string> grounds;
  std::string reasons;
  std::string assessment_json;  // item-by-item assessment, a JSON array
  Timestamp at;
};

struct ProposalRecord {
  std::int64_t id = 0;
  LicenceId licence_id;
  std::string action;  // suspend | revoke
  std::string grounds;
  std::string reasons;
  UserId proposed_by;
  std::string proposed_by_name;
  Timestamp proposed_at;
};

struct LicenceFilter {
  std::optional<ProviderId> provider_id;
  std::optional<licensing::LicenceStatus> status;
  std::string kind;    // empty: any
  // Words of the provider's name: each word given must begin a word of the name, in any case
  // ("north path" finds "Northern Pathways CIC"); empty: any.
  std::string name;
  std::string sector;  // the provider works in this sector; empty: any
  std::string area;    // the provider operates in this area; empty: any
  // Only licences the Regulator has decided on (granted, suspended, revoked, refused): the public
  // register, which never shows applications in progress.
  bool decided_only = false;
  std::int64_t after_id = 0;
  int limit = 50;
};

class LicenceTable {
 public:
  explicit LicenceTable(Connection& connection) : connection_(connection) {}

  Result<LicenceId> Insert(const LicenceRecord& licence);
  Result<std::optional<LicenceRecord>> Get(LicenceId id);
  // The provider's live (not refused, not revoked) licence of this kind, if any.
  Result<std::optional<LicenceRecord>> FindLive(ProviderId provider, std::string_view kind);
  // Ordered by id, after filter.after_id.
  Result<std::vector<LicenceRecord>> List(const LicenceFilter& filter);
  // Sets the status (and the grant date the first time it is granted).
  Status SetStatus(LicenceId id, licensing::LicenceStatus status, std::optional<Date> granted_on);
  Status SetFeePosting(LicenceId id, PostingId posting);
  Status SetScopeRestriction(LicenceId id, std::optional<std::string> scope_restriction);

  Status AppendDecision(const DecisionRecord& decision, UserId decided_by, UserId proposed_by);
  Result<std::vector<DecisionRecord>> Decisions(LicenceId id);

  Result<std::optional<ProposalRecord>> OpenProposal(LicenceId id);
  // kAlreadyExists when the licence already has an open proposal.
  Result<std::int64_t> InsertProposal(const ProposalRecord& proposal);
  Status CloseProposal(std::int64_t proposal_id, std::string_view state, UserId by,
                       Timestamp now);

 private:
  Connection& connection_;
};

}  // namespace psl::store
