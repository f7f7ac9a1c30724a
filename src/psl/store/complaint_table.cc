#include "psl/store/complaint_table.h"

#include <string>

namespace psl::store {
namespace {

using regulation::Complaint;
using regulation::ComplaintId;

constexpr std::string_view kColumns =
    "id, provider_id, category, text, complainant, filed_by_user_id, citizen_id, contact_email, "
    "filed_at, response_due, status, response, responded_at, responded_by_user_id, outcome, "
    "outcome_reasons, closed_at, closed_by_user_id";

template <typename Id>
SqlValue IdOrNull(const std::optional<Id>& id) {
  if (id && id->valid()) return id->value();
  return nullptr;
}

SqlValue TextOrNull(const std::optional<std::string>& text) {
  if (text) return *text;
  return nullptr;
}

SqlValue InstantOrNull(const std::optional<Timestamp>& at) {
  if (at) return at->unix_seconds();
  return nullptr;
}

template <typename Id>
std::optional<Id> OptionalId(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return Id(row.Int(column));
}

std::optional<std::string> OptionalText(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Text(column);
}

std::optional<Timestamp> OptionalInstant(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return Timestamp::FromUnixSeconds(row.Int(column));
}

Complaint ComplaintFromRow(const Row& row) {
  Complaint complaint;
  complaint.id = ComplaintId(row.Int(0));
  complaint.provider_id = ProviderId(row.Int(1));
  auto category = regulation::ParseComplaintCategory(row.Text(2));
  PSL_CHECK(category.ok(), "complaints hold only valid categories (CHECK constraint)");
  complaint.category = *category;
  complaint.text = row.Text(3);
  auto complainant = regulation::ParseComplainantKind(row.Text(4));
  PSL_CHECK(complainant.ok(), "complaints hold only valid complainants (CHECK constraint)");
  complaint.complainant = *complainant;
  complaint.filed_by = OptionalId<UserId>(row, 5);
  complaint.citizen_id = OptionalId<CitizenId>(row, 6);
  complaint.contact_email = OptionalText(row, 7);
  complaint.filed_at = Timestamp::FromUnixSeconds(row.Int(8));
  auto due = Date::Parse(row.Text(9));
  PSL_CHECK(due.ok(), "complaint deadlines are written by Date::ToString");
  complaint.response_due = *due;
  auto status = regulation::ParseComplaintStatus(row.Text(10));
  PSL_CHECK(status.ok(), "complaints hold only valid statuses (CHECK constraint)");
  complaint.status = *status;
  complaint.response = OptionalText(row, 11);
  complaint.responded_at = OptionalInstant(row, 12);
  complaint.responded_by = OptionalId<UserId>(row, 13);
  if (!row.IsNull(14)) {
    auto outcome = regulation::ParseComplaintOutcome(row.Text(14));
    PSL_CHECK(outcome.ok(), "complaints hold only valid outcomes (CHECK constraint)");
    complaint.outcome = *outcome;
  }
  complaint.outcome_reasons = OptionalText(row, 15);
  complaint.closed_at = OptionalInstant(row, 16);
  complaint.closed_by = OptionalId<UserId>(row, 17);
  // Habit 5: the invariants checked before writing hold after reading back.
  PSL_CHECK(
      (complaint.status == regulation::ComplaintStatus::kClosed) == complaint.outcome.has_value(),
      "a stored complaint has an outcome exactly when it is closed");
  return complaint;
}

SqlValue OptionalEnumName(bool present, std::string_view name) {
  if (!present) return nullptr;
  return std::string(name);
}

}  // namespace

Result<ComplaintId> ComplaintTable::Insert(const Complaint& complaint) {
  PSL_ASSIGN_OR_RETURN(
      auto id,
      connection_.InsertReturningId(
          "INSERT INTO complaints (provider_id, category, text, complainant, filed_by_user_id, "
          "citizen_id, contact_email, filed_at, response_due, status) VALUES ($1, $2, $3, $4, $5, "
          "$6, $7, $8, $9, $10)",
          {complaint.provider_id.value(),
           std::string(regulation::ComplaintCategoryName(complaint.category)), complaint.text,
           std::string(regulation::ComplainantKindName(complaint.complainant)),
           IdOrNull(complaint.filed_by), IdOrNull(complaint.citizen_id),
           TextOrNull(complaint.contact_email), complaint.filed_at.unix_seconds(),
           complaint.response_due.ToString(),
           std::string(regulation::ComplaintStatusName(complaint.status))}));
  PSL_CHECK(id.has_value(), "a complaint insert always inserts a row");
  return ComplaintId(*id);
}

Result<std::optional<Complaint>> ComplaintTable::Get(ComplaintId id) {
  static const std::string sql =
      "SELECT " + std::string(kColumns) + " FROM complaints WHERE id = $1";
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, {id.value()}));
  if (rows.empty()) return std::optional<Complaint>();
  return std::optional<Complaint>(ComplaintFromRow(rows.front()));
}

Status ComplaintTable::Update(const Complaint& complaint, regulation::ComplaintStatus expected) {
  PSL_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      connection_.Execute(
          "UPDATE complaints SET status = $2, response = $3, responded_at = $4, "
          "responded_by_user_id = $5, outcome = $6, outcome_reasons = $7, closed_at = $8, "
          "closed_by_user_id = $9 WHERE id = $1 AND status = $10",
          {complaint.id.value(), std::string(regulation::ComplaintStatusName(complaint.status)),
           TextOrNull(complaint.response), InstantOrNull(complaint.responded_at),
           IdOrNull(complaint.responded_by),
           OptionalEnumName(complaint.outcome.has_value(),
                            complaint.outcome ? regulation::ComplaintOutcomeName(*complaint.outcome)
                                              : std::string_view()),
           TextOrNull(complaint.outcome_reasons), InstantOrNull(complaint.closed_at),
           IdOrNull(complaint.closed_by), std::string(regulation::ComplaintStatusName(expected))}));
  if (changed != 1) {
    return Status(ErrorCode::kConflict,
                  "the complaint changed while this request was handled; read it again", "id");
  }
  return Status::Ok();
}

Result<std::vector<Complaint>> ComplaintTable::List(const ComplaintFilter& filter, int limit) {
  PSL_CHECK(limit > 0, "page limits are validated at the edge");
  std::string sql = "SELECT " + std::string(kColumns) + " FROM complaints WHERE 1 = 1";
  std::vector<SqlValue> parameters;
  const auto condition = [&](std::string_view text, SqlValue value) {
    parameters.push_back(std::move(value));
    sql += " AND ";
    sql += text;
    sql += " $" + std::to_string(parameters.size());
  };
  if (filter.provider_id) condition("provider_id =", filter.provider_id->value());
  if (filter.citizen_id) condition("citizen_id =", filter.citizen_id->value());
  if (filter.status) {
    condition("status =", std::string(regulation::ComplaintStatusName(*filter.status)));
  }
  if (filter.category) {
    condition("category =", std::string(regulation::ComplaintCategoryName(*filter.category)));
  }
  if (filter.overdue) {
    // Overdue (regulation::IsOverdue): still open after the deadline date. Dates as
    // 'YYYY-MM-DD' text compare in calendar order.
    parameters.push_back(filter.today.ToString());
    const std::string today = "$" + std::to_string(parameters.size());
    sql += *filter.overdue ? " AND (status = 'open' AND response_due < " + today + ")"
                           : " AND NOT (status = 'open' AND response_due < " + today + ")";
  }
  if (filter.before) condition("id <", filter.before->value());
  // The limit is a validated int, written into the text (binding it trips a false GCC warning).
  sql += " ORDER BY id DESC LIMIT " + std::to_string(limit);

  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, parameters));
  std::vector<Complaint> complaints;
  complaints.reserve(rows.size());
  for (const Row& row : rows) complaints.push_back(ComplaintFromRow(row));
  return complaints;
}

Result<std::int64_t> ComplaintTable::Count() {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT COUNT(*) FROM complaints"));
  return rows.at(0).Int(0);
}

}  // namespace psl::store
