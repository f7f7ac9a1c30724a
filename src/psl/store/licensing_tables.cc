#include "psl/store/licensing_tables.h"

#include <algorithm>
#include <cctype>

namespace psl::store {
namespace {

using licensing::LicenceStatus;

SqlValue Nullable(const std::optional<std::string>& text) {
  if (text) return *text;
  return nullptr;
}

SqlValue UserOrNull(UserId id) {
  if (id.valid()) return id.value();
  return nullptr;
}

SqlValue DateOrNull(const std::optional<Date>& date) {
  if (date) return date->ToString();
  return nullptr;
}

std::optional<std::string> OptionalText(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Text(column);
}

LicenceStatus StatusColumn(const Row& row, std::size_t column) {
  auto status = licensing::ParseLicenceStatus(row.Text(column));
  PSL_CHECK(status.ok(), "licence statuses are constrained by the schema");
  return *status;
}

// Numbered parameters for SQL assembled from optional filters.
class Parameters {
 public:
  std::string Add(SqlValue value) {
    values_.push_back(std::move(value));
    return "$" + std::to_string(values_.size());
  }
  const std::vector<SqlValue>& values() const { return values_; }

 private:
  std::vector<SqlValue> values_;
};

// The smallest string greater than every string that starts with `prefix` (for a range scan).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

constexpr std::string_view kLicenceColumns =
    "l.id, l.provider_id, p.name, l.kind, l.status, l.checklist_version, l.evidence, "
    "l.scope_restriction, l.applied_at, l.granted_on, l.fee_posting_id";

LicenceRecord LicenceFromRow(const Row& row) {
  LicenceRecord licence;
  licence.id = LicenceId(row.Int(0));
  licence.provider_id = ProviderId(row.Int(1));
  licence.provider_name = row.Text(2);
  licence.kind = row.Text(3);
  licence.status = StatusColumn(row, 4);
  licence.checklist_version = static_cast<int>(row.Int(5));
  licence.evidence_json = row.Text(6);
  licence.scope_restriction = OptionalText(row, 7);
  licence.applied_at = Timestamp::FromUnixSeconds(row.Int(8));
  if (!row.IsNull(9)) {
    auto date = Date::Parse(row.Text(9));
    PSL_CHECK(date.ok(), "grant dates are written by Date::ToString");
    licence.granted_on = *date;
  }
  if (!row.IsNull(10)) licence.fee_posting_id = PostingId(row.Int(10));
  return licence;
}

std::string LicenceSelect(std::string_view where) {
  std::string sql = "SELECT ";
  sql += kLicenceColumns;
  sql += " FROM licences l JOIN providers p ON p.id = l.provider_id ";
  sql += where;
  return sql;
}

Result<std::optional<LicenceRecord>> OneLicence(Result<Rows> rows) {
  if (!rows.ok()) return std::move(rows).status();
  if (rows->empty()) return std::optional<LicenceRecord>();
  return std::optional<LicenceRecord>(LicenceFromRow(rows->front()));
}

}  // namespace

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    const unsigned char c = i < name.size() ? static_cast<unsigned char>(name[i]) : ' ';
    // Letters, digits and any UTF-8 byte stay in words; everything else separates them.
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      if (std::find(words.begin(), words.end(), word) == words.end() && words.size() < 20) {
        words.push_back(word);
      }
      word.clear();
    }
  }
  return words;
}

// --- Organisations --------------------------------------------------------------------------

Result<ProviderId> OrganisationTable::Insert(const licensing::Organisation& organisation,
                                             Timestamp now) {
  PSL_ASSIGN_OR_RETURN(
      auto id, connection_.InsertReturningId(
                   "INSERT INTO providers (name, created_at, legal_form, size) VALUES ($1, $2, "
                   "$3, $4)",
                   {organisation.name, now.unix_seconds(), organisation.legal_form,
                    organisation.size}));
  PSL_CHECK(id.has_value(), "a provider insert always inserts");
  for (const std::string& word : NameWords(organisation.name)) {
    PSL_RETURN_IF_ERROR(connection_
                            .Execute("INSERT INTO provider_name_words (word, provider_id) VALUES "
                                     "($1, $2)",
                                     {word, *id})
                            .ToStatus());
  }
  for (const std::string& sector : organisation.sectors) {
    PSL_RETURN_IF_ERROR(connection_
                            .Execute("INSERT INTO provider_sectors (provider_id, sector) VALUES "
                                     "($1, $2)",
                                     {*id, sector})
                            .ToStatus());
  }
  for (std::size_t i = 0; i < organisation.area_codes.size(); ++i) {
    PSL_ASSIGN_OR_RETURN(Rows known, connection_.Query("SELECT 1 FROM areas WHERE code = $1",
                                                       {organisation.area_codes[i]}));
    if (known.empty()) {
      return Status(ErrorCode::kNotFound,
                    "no local authority district " + organisation.area_codes[i] +
                        "; the areas are listed at GET /api/v1/areas",
                    "areas[" + std::to_string(i) + "]");
    }
    PSL_RETURN_IF_ERROR(connection_
                            .Execute("INSERT INTO provider_areas (provider_id, area_code) VALUES "
                                     "($1, $2)",
                                     {*id, organisation.area_codes[i]})
                            .ToStatus());
  }
  return ProviderId(*id);
}

Result<std::optional<OrganisationRecord>> OrganisationTable::Get(ProviderId id) {
  PSL_ASSIGN_OR_RETURN(Rows rows,
                       connection_.Query("SELECT name, legal_form, size FROM providers WHERE id = $1",
                                         {id.value()}));
  if (rows.empty()) return std::optional<OrganisationRecord>();
  OrganisationRecord record{id, {rows[0].Text(0), rows[0].Text(1), rows[0].Text(2), {}, {}}};
  PSL_ASSIGN_OR_RETURN(Rows sectors, connection_.Query("SELECT sector FROM provider_sectors WHERE "
                                                       "provider_id = $1 ORDER BY sector",
                                                       {id.value()}));
  for (const Row& row : sectors) record.organisation.sectors.push_back(row.Text(0));
  PSL_ASSIGN_OR_RETURN(Rows areas, connection_.Query("SELECT area_code FROM provider_areas WHERE "
                                                     "provider_id = $1 ORDER BY area_code",
                                                     {id.value()}));
  for (const Row& row : areas) record.organisation.area_codes.push_back(row.Text(0));
  return std::optional<OrganisationRecord>(std::move(record));
}

// --- Areas ----------------------------------------------------------------------------------

Status AreaTable::Upsert(const AreaRecord& area) {
  return connection_
      .Execute("INSERT INTO areas (code, name, region, imd_score_micros) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT (code) DO UPDATE SET name = excluded.name, region = excluded.region, "
               "imd_score_micros = excluded.imd_score_micros",
               {area.code, area.name, area.region, area.imd_score_micros})
      .ToStatus();
}

Result<bool> AreaTable::SetMode(std::string_view code, std::string_view mode) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t changed,
                       connection_.Execute("UPDATE areas SET mode = $2 WHERE code = $1",
                                           {std::string(code), std::string(mode)}));
  return changed > 0;
}

namespace {
AreaRecord AreaFromRow(const Row& row) {
  return {row.Text(0), row.Text(1), row.Text(2), row.Int(3), row.Text(4)};
}
}  // namespace

Result<std::optional<AreaRecord>> AreaTable::Get(std::string_view code) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT code, name, region, imd_score_micros, "
                                                    "mode FROM areas WHERE code = $1",
                                                    {std::string(code)}));
  if (rows.empty()) return std::optional<AreaRecord>();
  return std::optional<AreaRecord>(AreaFromRow(rows.front()));
}

Result<std::vector<AreaRecord>> AreaTable::List(std::string_view mode, std::string_view after_code,
                                                int limit) {
  Parameters parameters;
  std::string sql = "SELECT code, name, region, imd_score_micros, mode FROM areas WHERE code > " +
                    parameters.Add(std::string(after_code));
  if (!mode.empty()) sql += " AND mode = " + parameters.Add(std::string(mode));
  sql += " ORDER BY code LIMIT " + parameters.Add(std::int64_t{limit});
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, parameters.values()));
  std::vector<AreaRecord> areas;
  for (const Row& row : rows) areas.push_back(AreaFromRow(row));
  return areas;
}

// --- Checklists -----------------------------------------------------------------------------

Result<std::optional<ChecklistRecord>> ChecklistTable::Latest() {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT version, items FROM "
                                                    "checklist_versions ORDER BY version DESC "
                                                    "LIMIT 1"));
  if (rows.empty()) return std::optional<ChecklistRecord>();
  return std::optional<ChecklistRecord>(
      ChecklistRecord{static_cast<int>(rows[0].Int(0)), rows[0].Text(1)});
}

Result<std::optional<ChecklistRecord>> ChecklistTable::Get(int version) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT version, items FROM "
                                                    "checklist_versions WHERE version = $1",
                                                    {std::int64_t{version}}));
  if (rows.empty()) return std::optional<ChecklistRecord>();
  return std::optional<ChecklistRecord>(
      ChecklistRecord{static_cast<int>(rows[0].Int(0)), rows[0].Text(1)});
}

Status ChecklistTable::Insert(int version, std::string_view items_json, UserId by,
                              Timestamp now) {
  return connection_
      .Execute("INSERT INTO checklist_versions (version, items, created_by, created_at) VALUES "
               "($1, $2, $3, $4)",
               {std::int64_t{version}, std::string(items_json), UserOrNull(by),
                now.unix_seconds()})
      .ToStatus();
}

// --- Licences -------------------------------------------------------------------------------

Result<LicenceId> LicenceTable::Insert(const LicenceRecord& licence) {
  PSL_ASSIGN_OR_RETURN(
      auto id,
      connection_.InsertReturningId(
          "INSERT INTO licences (provider_id, kind, status, checklist_version, evidence, "
          "scope_restriction, applied_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {licence.provider_id.value(), licence.kind,
           std::string(licensing::LicenceStatusName(licence.status)),
           std::int64_t{licence.checklist_version}, licence.evidence_json,
           Nullable(licence.scope_restriction), licence.applied_at.unix_seconds()}));
  PSL_CHECK(id.has_value(), "a licence insert always inserts");
  return LicenceId(*id);
}

Result<std::optional<LicenceRecord>> LicenceTable::Get(LicenceId id) {
  static const std::string sql = LicenceSelect("WHERE l.id = $1");
  return OneLicence(connection_.Query(sql, {id.value()}));
}

Result<std::optional<LicenceRecord>> LicenceTable::FindLive(ProviderId provider,
                                                            std::string_view kind) {
  static const std::string sql = LicenceSelect(
      "WHERE l.provider_id = $1 AND l.kind = $2 AND l.status NOT IN ('refused', 'revoked') "
      "ORDER BY l.id LIMIT 1");
  return OneLicence(connection_.Query(sql, {provider.value(), std::string(kind)}));
}

Result<std::vector<LicenceRecord>> LicenceTable::List(const LicenceFilter& filter) {
  Parameters parameters;
  std::string where = "WHERE l.id > " + parameters.Add(filter.after_id);
  if (filter.provider_id) where += " AND l.provider_id = " + parameters.Add(filter.provider_id->value());
  if (filter.status) {
    where += " AND l.status = " +
             parameters.Add(std::string(licensing::LicenceStatusName(*filter.status)));
  }
  if (filter.decided_only) {
    where += " AND l.status IN ('granted', 'suspended', 'revoked', 'refused')";
  }
  if (!filter.kind.empty()) where += " AND l.kind = " + parameters.Add(filter.kind);
  for (const std::string& word : NameWords(filter.name)) {
    where += " AND l.provider_id IN (SELECT w.provider_id FROM provider_name_words w WHERE "
             "w.word >= " + parameters.Add(word) + " AND w.word < " +
             parameters.Add(PrefixEnd(word)) + ")";
  }
  if (!filter.sector.empty()) {
    where += " AND EXISTS (SELECT 1 FROM provider_sectors s WHERE s.provider_id = l.provider_id "
             "AND s.sector = " + parameters.Add(filter.sector) + ")";
  }
  if (!filter.area.empty()) {
    where += " AND EXISTS (SELECT 1 FROM provider_areas a WHERE a.provider_id = l.provider_id "
             "AND a.area_code = " + parameters.Add(filter.area) + ")";
  }
  where += " ORDER BY l.id LIMIT " + parameters.Add(std::int64_t{filter.limit});
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(LicenceSelect(where), parameters.values()));
  std::vector<LicenceRecord> licences;
  licences.reserve(rows.size());
  for (const Row& row : rows) licences.push_back(LicenceFromRow(row));
  return licences;
}

Status LicenceTable::SetStatus(LicenceId id, LicenceStatus status, std::optional<Date> granted_on) {
  return connection_
      .Execute("UPDATE licences SET status = $2, granted_on = COALESCE(granted_on, $3) WHERE id = $1",
               {id.value(), std::string(licensing::LicenceStatusName(status)),
                DateOrNull(granted_on)})
      .ToStatus();
}

Status LicenceTable::SetFeePosting(LicenceId id, PostingId posting) {
  return connection_
      .Execute("UPDATE licences SET fee_posting_id = $2 WHERE id = $1", {id.value(), posting.value()})
      .ToStatus();
}

Status LicenceTable::SetScopeRestriction(LicenceId id, std::optional<std::string> scope) {
  return connection_
      .Execute("UPDATE licences SET scope_restriction = $2 WHERE id = $1",
               {id.value(), Nullable(scope)})
      .ToStatus();
}

Status LicenceTable::AppendDecision(const DecisionRecord& decision, UserId decided_by,
                                    UserId proposed_by) {
  return connection_
      .Execute("INSERT INTO licence_decisions (licence_id, from_status, to_status, decided_by, "
               "proposed_by, grounds, reasons, assessment, at) VALUES ($1, $2, $3, $4, $5, $6, "
               "$7, $8, $9)",
               {decision.licence_id.value(),
                std::string(licensing::LicenceStatusName(decision.from)),
                std::string(licensing::LicenceStatusName(decision.to)), UserOrNull(decided_by),
                UserOrNull(proposed_by), Nullable(decision.grounds), decision.reasons,
                decision.assessment_json, decision.at.unix_seconds()})
      .ToStatus();
}

Result<std::vector<DecisionRecord>> LicenceTable::Decisions(LicenceId id) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows,
      connection_.Query(
          "SELECT d.id, d.from_status, d.to_status, COALESCE(u.username, ''), "
          "COALESCE(q.username, ''), d.grounds, d.reasons, d.assessment, d.at FROM "
          "licence_decisions d LEFT JOIN users u ON u.id = d.decided_by LEFT JOIN users q ON "
          "q.id = d.proposed_by WHERE d.licence_id = $1 ORDER BY d.id",
          {id.value()}));
  std::vector<DecisionRecord> decisions;
  for (const Row& row : rows) {
    DecisionRecord decision;
    decision.id = row.Int(0);
    decision.licence_id = id;
    decision.from = StatusColumn(row, 1);
    decision.to = StatusColumn(row, 2);
    decision.decided_by = row.Text(3);
    decision.proposed_by = row.Text(4);
    decision.grounds = OptionalText(row, 5);
    decision.reasons = row.Text(6);
    decision.assessment_json = row.Text(7);
    decision.at = Timestamp::FromUnixSeconds(row.Int(8));
    decisions.push_back(std::move(decision));
  }
  return decisions;
}

Result<std::optional<ProposalRecord>> LicenceTable::OpenProposal(LicenceId id) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows, connection_.Query("SELECT p.id, p.action, p.grounds, p.reasons, p.proposed_by, "
                                   "u.username, p.proposed_at FROM licence_proposals p JOIN users "
                                   "u ON u.id = p.proposed_by WHERE p.licence_id = $1 AND "
                                   "p.state = 'open'",
                                   {id.value()}));
  if (rows.empty()) return std::optional<ProposalRecord>();
  const Row& row = rows.front();
  return std::optional<ProposalRecord>(ProposalRecord{
      row.Int(0), id, row.Text(1), row.Text(2), row.Text(3), UserId(row.Int(4)), row.Text(5),
      Timestamp::FromUnixSeconds(row.Int(6))});
}

Result<std::int64_t> LicenceTable::InsertProposal(const ProposalRecord& proposal) {
  PSL_ASSIGN_OR_RETURN(
      auto id, connection_.InsertReturningId(
                   "INSERT INTO licence_proposals (licence_id, action, grounds, reasons, "
                   "proposed_by, proposed_at) VALUES ($1, $2, $3, $4, $5, $6)",
                   {proposal.licence_id.value(), proposal.action, proposal.grounds,
                    proposal.reasons, proposal.proposed_by.value(),
                    proposal.proposed_at.unix_seconds()}));
  PSL_CHECK(id.has_value(), "a proposal insert always inserts");
  return *id;
}

Status LicenceTable::CloseProposal(std::int64_t proposal_id, std::string_view state, UserId by,
                                   Timestamp now) {
  return connection_
      .Execute("UPDATE licence_proposals SET state = $2, closed_by = $3, closed_at = $4 WHERE "
               "id = $1 AND state = 'open'",
               {proposal_id, std::string(state), UserOrNull(by), now.unix_seconds()})
      .ToStatus();
}

}  // namespace psl::store
