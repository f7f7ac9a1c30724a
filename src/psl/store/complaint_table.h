// Storage of complaints (REG-3). Construct over a transaction's connection:
//   store::ComplaintTable complaints(transaction.connection());
// The table stores and reads; the lifecycle rules are in regulation/complaint.h.
#pragma once

#include <optional>
#include <vector>

#include "psl/regulation/complaint.h"
#include "psl/store/connection.h"

namespace psl::store {

// Which complaints to list; every filter that is set must hold.
struct ComplaintFilter {
  std::optional<ProviderId> provider_id;
  std::optional<CitizenId> citizen_id;
  std::optional<regulation::ComplaintStatus> status;
  std::optional<regulation::ComplaintCategory> category;
  // true: open with a deadline before `today`; false: everything else.
  std::optional<bool> overdue;
  Date today;                                     // used only with `overdue`
  std::optional<regulation::ComplaintId> before;  // ids below this one (paging, newest first)
};

class ComplaintTable {
 public:
  explicit ComplaintTable(Connection& connection) : connection_(connection) {}

  // Stores a new complaint (its id is ignored) and returns its id.
  Result<regulation::ComplaintId> Insert(const regulation::Complaint& complaint);
  Result<std::optional<regulation::Complaint>> Get(regulation::ComplaintId id);
  // Writes the complaint's response and closing fields and status, provided its stored status
  // is still `expected`: kConflict when another request moved it first.
  Status Update(const regulation::Complaint& complaint, regulation::ComplaintStatus expected);
  // Newest first, at most `limit`.
  Result<std::vector<regulation::Complaint>> List(const ComplaintFilter& filter, int limit);
  Result<std::int64_t> Count();

 private:
  Connection& connection_;
};

}  // namespace psl::store
