// Storage of appeals and disputes (REG-5) and of the Regulator's arbitration decisions on them
// (append-only). Construct each table from the transaction's connection:
// `AppealTable appeals(transaction.connection());`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "psl/core/ids.h"
#include "psl/core/timestamp.h"
#include "psl/licensing/licence.h"
#include "psl/regulation/appeal.h"
#include "psl/store/connection.h"

namespace psl::store {

// One arbitration decision, as read back with the appeal or dispute it decides.
struct ArbitrationRecord {
  std::string outcome;               // upheld | dismissed (appeals); a finding (disputes)
  std::optional<std::string> terms;  // disputes: the terms of the decision
  std::string reasons;
  std::string decided_by;  // username; empty for the system
  Timestamp decided_at;
};

struct AppealRecord {
  regulation::AppealId id;
  LicenceId licence_id;
  ProviderId provider_id;
  std::string provider_name;
  std::string licence_kind;
  licensing::LicenceStatus appealed_status = licensing::LicenceStatus::kRefused;
  std::string grounds;
  regulation::AppealStatus status = regulation::AppealStatus::kLodged;
  std::string lodged_by;  // username
  Timestamp lodged_at;
  std::optional<licensing::LicenceStatus> licence_status_after;  // once decided
  std::optional<ArbitrationRecord> decision;                     // once decided
};

struct AppealFilter {
  std::optional<ProviderId> provider_id;
  std::optional<regulation::AppealStatus> status;
  std::int64_t after_id = 0;
  int limit = 50;
};

class AppealTable {
 public:
  explicit AppealTable(Connection& connection) : connection_(connection) {}

  // kAlreadyExists when the licence already has a lodged appeal.
  Result<regulation::AppealId> Insert(LicenceId licence, ProviderId provider,
                                      licensing::LicenceStatus appealed, std::string_view grounds,
                                      UserId by, Timestamp at);
  Result<std::optional<AppealRecord>> Get(regulation::AppealId id);
  Result<std::optional<AppealRecord>> OpenFor(LicenceId licence);
  // Ordered by id, after filter.after_id.
  Result<std::vector<AppealRecord>> List(const AppealFilter& filter);
  // Records the outcome of a lodged appeal; false when it was no longer lodged (a lost race).
  Result<bool> Decide(regulation::AppealId id, regulation::AppealStatus outcome,
                      licensing::LicenceStatus licence_status_after, Timestamp at);

 private:
  Connection& connection_;
};

struct DisputeRecord {
  regulation::DisputeId id;
  regulation::Party claimant;
  std::string claimant_name;  // the provider's name, or "government"
  regulation::Party respondent;
  std::string respondent_name;
  std::string subject;
  std::string description;
  regulation::DisputeStatus status = regulation::DisputeStatus::kOpen;
  std::string filed_by;  // username
  Timestamp filed_at;
  std::optional<ArbitrationRecord> resolution;  // once resolved
};

struct DisputeFilter {
  std::optional<regulation::Party> party;  // disputes this party is either side of
  std::optional<regulation::DisputeStatus> status;
  std::int64_t after_id = 0;
  int limit = 50;
};

class DisputeTable {
 public:
  explicit DisputeTable(Connection& connection) : connection_(connection) {}

  Result<regulation::DisputeId> Insert(const regulation::Party& claimant,
                                       const regulation::Party& respondent,
                                       std::string_view subject, std::string_view description,
                                       UserId by, Timestamp at);
  Result<std::optional<DisputeRecord>> Get(regulation::DisputeId id);
  Result<std::vector<DisputeRecord>> List(const DisputeFilter& filter);
  // Marks an open dispute resolved; false when it was no longer open (a lost race).
  Result<bool> Resolve(regulation::DisputeId id, Timestamp at);

 private:
  Connection& connection_;
};

// The append-only record of arbitration decisions (the database refuses UPDATE and DELETE).
// Each appeal and each dispute is decided at most once (kAlreadyExists otherwise).
class ArbitrationTable {
 public:
  explicit ArbitrationTable(Connection& connection) : connection_(connection) {}

  Status AppendForAppeal(regulation::AppealId appeal, regulation::AppealStatus outcome,
                         std::string_view reasons, UserId by, Timestamp at);
  Status AppendForDispute(regulation::DisputeId dispute, regulation::DisputeFinding finding,
                          std::string_view terms, std::string_view reasons, UserId by,
                          Timestamp at);

 private:
  Connection& connection_;
};

}  // namespace psl::store
