// Storage of inspection rubrics and findings (REG-2). Construct it over a transaction's
// connection: `InspectionTable table(transaction.connection());`.
#pragma once

#include <optional>
#include <vector>

#include "psl/regulation/inspection.h"
#include "psl/store/connection.h"

namespace psl::store {

struct InspectionFilter {
  std::optional<regulation::InspectionStatus> status;
  std::optional<UserId> inspector;
  std::optional<ProviderId> provider;
  std::optional<regulation::InspectionId> before;  // ids below this (newest first)
  int limit = 50;
};

class InspectionTable {
 public:
  explicit InspectionTable(Connection& connection) : connection_(connection) {}

  // --- Rubric versions (append-only) ---
  // The newest version; PSL_CHECKs that one exists (migration 3 stores version 1).
  Result<regulation::Rubric> CurrentRubric();
  Result<std::optional<regulation::Rubric>> FindRubric(std::int64_t version);
  // Stores `rubric` as the next version and returns it. kConflict when another writer stored
  // that version first.
  Result<std::int64_t> InsertRubric(const regulation::Rubric& rubric, UserId by, Timestamp now);

  // --- Inspections ---
  // Stores a new draft with its answers; returns its id.
  Result<regulation::InspectionId> Insert(const regulation::Inspection& inspection);
  // Replaces a draft's record (provider, date, answers, finding, malpractice) and updated_at.
  // kFailedPrecondition when it is no longer a draft.
  Status UpdateDraft(const regulation::Inspection& inspection);
  // draft -> published. kFailedPrecondition when it is no longer a draft.
  Status Publish(regulation::InspectionId id, UserId by, Timestamp at);
  Result<std::optional<regulation::Inspection>> Find(regulation::InspectionId id);
  // Newest (highest id) first.
  Result<std::vector<regulation::Inspection>> List(const InspectionFilter& filter);
  // For each provider with a published finding, its latest one (latest visit date, then
  // highest id), for providers with id > `after`, in provider id order.
  Result<std::vector<regulation::Inspection>> LatestPublishedPerProvider(
      std::optional<ProviderId> after, int limit);
  Result<std::int64_t> Count();
  Result<std::int64_t> CountScores();

 private:
  Status LoadAnswers(std::vector<regulation::Inspection>& inspections);
  Status InsertAnswers(regulation::InspectionId id, const regulation::Answers& answers);

  Connection& connection_;
};

}  // namespace psl::store
