#include "psl/store/inspection_table.h"

#include <map>

namespace psl::store {
namespace {

using regulation::Answer;
using regulation::CriterionKind;
using regulation::Inspection;
using regulation::InspectionId;
using regulation::InspectionStatus;

constexpr std::string_view kColumns =
    "i.id, i.provider_id, i.visit_date, i.inspector_id, i.rubric_version, i.finding, "
    "i.malpractice, i.status, i.created_at, i.updated_at, i.published_at, i.published_by";

Inspection InspectionFromRow(const Row& row) {
  Inspection inspection;
  inspection.id = InspectionId(row.Int(0));
  inspection.record.provider_id = ProviderId(row.Int(1));
  auto date = Date::Parse(row.Text(2));
  PSL_CHECK(date.ok(), "visit dates are written by Date::ToString");
  inspection.record.visit_date = *date;
  inspection.inspector_id = UserId(row.Int(3));
  inspection.rubric_version = row.Int(4);
  inspection.record.finding = row.Text(5);
  inspection.record.malpractice = row.Int(6) != 0;
  auto status = regulation::ParseInspectionStatus(row.Text(7));
  PSL_CHECK(status.ok(), "the inspections table holds only valid statuses (CHECK constraint)");
  inspection.status = *status;
  inspection.created_at = Timestamp::FromUnixSeconds(row.Int(8));
  inspection.updated_at = Timestamp::FromUnixSeconds(row.Int(9));
  if (!row.IsNull(10)) inspection.published_at = Timestamp::FromUnixSeconds(row.Int(10));
  if (!row.IsNull(11)) inspection.published_by = UserId(row.Int(11));
  return inspection;
}

std::string Select(std::string_view tail) {
  std::string sql = "SELECT ";
  sql += kColumns;
  sql += " FROM inspections i ";
  sql += tail;
  return sql;
}

SqlValue OptionalUser(UserId id) {
  if (id.valid()) return id.value();
  return nullptr;
}

SqlValue OptionalFlag(std::optional<bool> flag) {
  if (flag) return std::int64_t{*flag ? 1 : 0};
  return nullptr;
}

}  // namespace

Result<regulation::Rubric> InspectionTable::CurrentRubric() {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT MAX(version) FROM inspection_rubrics"));
  PSL_CHECK(!rows.empty() && !rows.front().IsNull(0), "migration 3 stores rubric version 1");
  PSL_ASSIGN_OR_RETURN(auto rubric, FindRubric(rows.front().Int(0)));
  PSL_CHECK(rubric.has_value(), "the newest rubric version exists");
  return *rubric;
}

Result<std::optional<regulation::Rubric>> InspectionTable::FindRubric(std::int64_t version) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows,
      connection_.Query("SELECT criterion, label, kind, adverse_answer FROM "
                        "inspection_rubric_criteria WHERE version = $1 ORDER BY position",
                        {version}));
  if (rows.empty()) return std::optional<regulation::Rubric>();
  regulation::Rubric rubric;
  rubric.version = version;
  for (const Row& row : rows) {
    regulation::Criterion criterion;
    criterion.key = row.Text(0);
    criterion.label = row.Text(1);
    auto kind = regulation::ParseCriterionKind(row.Text(2));
    PSL_CHECK(kind.ok(), "criterion kinds are checked by the table");
    criterion.kind = *kind;
    if (!row.IsNull(3)) criterion.adverse_answer = row.Int(3) != 0;
    rubric.criteria.push_back(std::move(criterion));
  }
  return std::optional<regulation::Rubric>(std::move(rubric));
}

Result<std::int64_t> InspectionTable::InsertRubric(const regulation::Rubric& rubric, UserId by,
                                                   Timestamp now) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows, connection_.Query("SELECT COALESCE(MAX(version), 0) FROM inspection_rubrics"));
  const std::int64_t version = rows.at(0).Int(0) + 1;
  auto inserted = connection_.Execute(
      "INSERT INTO inspection_rubrics (version, created_at, created_by) VALUES ($1, $2, $3)",
      {version, now.unix_seconds(), OptionalUser(by)});
  if (!inserted.ok()) {
    if (inserted.status().code() == ErrorCode::kAlreadyExists) {
      return Status(ErrorCode::kConflict,
                    "another rubric version was stored at the same time; reload and retry");
    }
    return inserted.status();
  }
  for (std::size_t i = 0; i < rubric.criteria.size(); ++i) {
    const regulation::Criterion& criterion = rubric.criteria[i];
    auto added = connection_.Execute(
        "INSERT INTO inspection_rubric_criteria (version, position, criterion, label, kind, "
        "adverse_answer) VALUES ($1, $2, $3, $4, $5, $6)",
        {version, static_cast<std::int64_t>(i), criterion.key, criterion.label,
         std::string(regulation::CriterionKindName(criterion.kind)),
         OptionalFlag(criterion.adverse_answer)});
    if (!added.ok()) return added.status();
  }
  return version;
}

Status InspectionTable::InsertAnswers(InspectionId id, const regulation::Answers& answers) {
  for (const auto& [key, answer] : answers) {
    auto added = connection_.Execute(
        "INSERT INTO inspection_scores (inspection_id, criterion, kind, value) VALUES ($1, $2, "
        "$3, $4)",
        {id.value(), key, std::string(regulation::CriterionKindName(answer.kind)), answer.value});
    if (!added.ok()) return added.status();
  }
  return Status::Ok();
}

Result<InspectionId> InspectionTable::Insert(const Inspection& inspection) {
  PSL_ASSIGN_OR_RETURN(
      auto id,
      connection_.InsertReturningId(
          "INSERT INTO inspections (provider_id, visit_date, inspector_id, rubric_version, "
          "finding, malpractice, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
          "'draft', $7, $8)",
          {inspection.record.provider_id.value(), inspection.record.visit_date.ToString(),
           inspection.inspector_id.value(), inspection.rubric_version, inspection.record.finding,
           std::int64_t{inspection.record.malpractice ? 1 : 0},
           inspection.created_at.unix_seconds(), inspection.updated_at.unix_seconds()}));
  PSL_CHECK(id.has_value(), "a plain INSERT inserts its row");
  const InspectionId inserted(*id);
  PSL_RETURN_IF_ERROR(InsertAnswers(inserted, inspection.record.answers));
  return inserted;
}

Status InspectionTable::UpdateDraft(const Inspection& inspection) {
  // The row first: on PostgreSQL this locks it, so a concurrent publish waits for this edit.
  PSL_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      connection_.Execute("UPDATE inspections SET provider_id = $2, visit_date = $3, finding = $4, "
                          "malpractice = $5, updated_at = $6 WHERE id = $1 AND status = 'draft'",
                          {inspection.id.value(), inspection.record.provider_id.value(),
                           inspection.record.visit_date.ToString(), inspection.record.finding,
                           std::int64_t{inspection.record.malpractice ? 1 : 0},
                           inspection.updated_at.unix_seconds()}));
  if (changed != 1) {
    return Status(ErrorCode::kFailedPrecondition,
                  "inspection " + std::to_string(inspection.id.value()) +
                      " is no longer a draft; published findings never change",
                  "status");
  }
  auto removed = connection_.Execute("DELETE FROM inspection_scores WHERE inspection_id = $1",
                                     {inspection.id.value()});
  if (!removed.ok()) return removed.status();
  return InsertAnswers(inspection.id, inspection.record.answers);
}

Status InspectionTable::Publish(InspectionId id, UserId by, Timestamp at) {
  PSL_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      connection_.Execute("UPDATE inspections SET status = 'published', published_at = $2, "
                          "published_by = $3, updated_at = $2 WHERE id = $1 AND status = 'draft'",
                          {id.value(), at.unix_seconds(), OptionalUser(by)}));
  if (changed != 1) {
    return Status(ErrorCode::kFailedPrecondition,
                  "inspection " + std::to_string(id.value()) + " is not a draft", "status");
  }
  return Status::Ok();
}

Status InspectionTable::LoadAnswers(std::vector<Inspection>& inspections) {
  if (inspections.empty()) return Status::Ok();
  std::string sql =
      "SELECT inspection_id, criterion, kind, value FROM inspection_scores WHERE inspection_id "
      "IN (";
  std::vector<SqlValue> parameters;
  std::map<std::int64_t, Inspection*> by_id;
  for (Inspection& inspection : inspections) {
    if (!parameters.empty()) sql += ", ";
    parameters.emplace_back(inspection.id.value());
    sql += "$" + std::to_string(parameters.size());
    by_id[inspection.id.value()] = &inspection;
  }
  sql += ")";
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, parameters));
  for (const Row& row : rows) {
    auto kind = regulation::ParseCriterionKind(row.Text(2));
    PSL_CHECK(kind.ok(), "score kinds are checked by the table");
    by_id.at(row.Int(0))->record.answers[row.Text(1)] = Answer{*kind, row.Int(3)};
  }
  return Status::Ok();
}

Result<std::optional<Inspection>> InspectionTable::Find(InspectionId id) {
  static const std::string sql = Select("WHERE i.id = $1");
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, {id.value()}));
  if (rows.empty()) return std::optional<Inspection>();
  std::vector<Inspection> found = {InspectionFromRow(rows.front())};
  PSL_RETURN_IF_ERROR(LoadAnswers(found));
  return std::optional<Inspection>(std::move(found.front()));
}

Result<std::vector<Inspection>> InspectionTable::List(const InspectionFilter& filter) {
  std::string where = "WHERE 1 = 1";
  std::vector<SqlValue> parameters;
  auto add = [&](std::string_view condition, SqlValue value) {
    parameters.push_back(std::move(value));
    where += " AND ";
    where += condition;
    where += " $" + std::to_string(parameters.size());
  };
  if (filter.status) {
    add("i.status =", std::string(regulation::InspectionStatusName(*filter.status)));
  }
  if (filter.inspector) add("i.inspector_id =", filter.inspector->value());
  if (filter.provider) add("i.provider_id =", filter.provider->value());
  if (filter.before) add("i.id <", filter.before->value());
  parameters.emplace_back(std::int64_t{filter.limit});
  const std::string sql =
      Select(where + " ORDER BY i.id DESC LIMIT $" + std::to_string(parameters.size()));
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, parameters));
  std::vector<Inspection> inspections;
  inspections.reserve(rows.size());
  for (const Row& row : rows) inspections.push_back(InspectionFromRow(row));
  PSL_RETURN_IF_ERROR(LoadAnswers(inspections));
  return inspections;
}

Result<std::vector<Inspection>> InspectionTable::LatestPublishedPerProvider(
    std::optional<ProviderId> after, int limit) {
  static const std::string sql = Select(
      "WHERE i.status = 'published' AND i.provider_id > $1 AND NOT EXISTS (SELECT 1 FROM "
      "inspections j WHERE j.provider_id = i.provider_id AND j.status = 'published' AND "
      "(j.visit_date > i.visit_date OR (j.visit_date = i.visit_date AND j.id > i.id))) "
      "ORDER BY i.provider_id LIMIT $2");
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, {after ? after->value() : std::int64_t{0},
                                                          std::int64_t{limit}}));
  std::vector<Inspection> inspections;
  inspections.reserve(rows.size());
  for (const Row& row : rows) inspections.push_back(InspectionFromRow(row));
  PSL_RETURN_IF_ERROR(LoadAnswers(inspections));
  return inspections;
}

Result<std::int64_t> InspectionTable::Count() {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT COUNT(*) FROM inspections"));
  return rows.at(0).Int(0);
}

Result<std::int64_t> InspectionTable::CountScores() {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT COUNT(*) FROM inspection_scores"));
  return rows.at(0).Int(0);
}

}  // namespace psl::store
