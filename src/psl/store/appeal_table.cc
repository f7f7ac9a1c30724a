#include "psl/store/appeal_table.h"

#include "psl/core/check.h"

namespace psl::store {
namespace {

using licensing::LicenceStatus;
using regulation::AppealId;
using regulation::AppealStatus;
using regulation::DisputeId;
using regulation::Party;
using regulation::PartyKind;

SqlValue UserOrNull(UserId id) {
  if (id.valid()) return id.value();
  return nullptr;
}

SqlValue ProviderOrNull(const Party& party) {
  if (party.kind == PartyKind::kProvider) return party.provider_id.value();
  return nullptr;
}

std::string Name(LicenceStatus status) { return std::string(licensing::LicenceStatusName(status)); }

LicenceStatus LicenceStatusColumn(const Row& row, std::size_t column) {
  auto status = licensing::ParseLicenceStatus(row.Text(column));
  PSL_CHECK(status.ok(), "licence statuses are constrained by the schema");
  return *status;
}

// The arbitration decision joined at `first` (outcome, terms, reasons, decided_by, decided_at),
// or nullopt when there is none yet.
std::optional<ArbitrationRecord> ArbitrationColumns(const Row& row, std::size_t first) {
  if (row.IsNull(first)) return std::nullopt;
  ArbitrationRecord record;
  record.outcome = row.Text(first);
  if (!row.IsNull(first + 1)) record.terms = row.Text(first + 1);
  record.reasons = row.Text(first + 2);
  record.decided_by = row.Text(first + 3);
  record.decided_at = Timestamp::FromUnixSeconds(row.Int(first + 4));
  return record;
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

// --- Appeals --------------------------------------------------------------------------------

constexpr std::string_view kAppealSelect =
    "SELECT a.id, a.licence_id, a.provider_id, p.name, l.kind, a.appealed_status, a.grounds, "
    "a.status, COALESCE(u.username, ''), a.lodged_at, a.licence_status_after, d.outcome, "
    "d.terms, d.reasons, COALESCE(du.username, ''), d.decided_at FROM appeals a JOIN providers p "
    "ON p.id = a.provider_id JOIN licences l ON l.id = a.licence_id LEFT JOIN users u ON u.id = "
    "a.lodged_by LEFT JOIN arbitration_decisions d ON d.appeal_id = a.id LEFT JOIN users du ON "
    "du.id = d.decided_by ";

AppealRecord AppealFromRow(const Row& row) {
  AppealRecord appeal;
  appeal.id = AppealId(row.Int(0));
  appeal.licence_id = LicenceId(row.Int(1));
  appeal.provider_id = ProviderId(row.Int(2));
  appeal.provider_name = row.Text(3);
  appeal.licence_kind = row.Text(4);
  appeal.appealed_status = LicenceStatusColumn(row, 5);
  appeal.grounds = row.Text(6);
  auto status = regulation::ParseAppealStatus(row.Text(7));
  PSL_CHECK(status.ok(), "appeal statuses are constrained by the schema");
  appeal.status = *status;
  appeal.lodged_by = row.Text(8);
  appeal.lodged_at = Timestamp::FromUnixSeconds(row.Int(9));
  if (!row.IsNull(10)) appeal.licence_status_after = LicenceStatusColumn(row, 10);
  appeal.decision = ArbitrationColumns(row, 11);
  return appeal;
}

Result<std::optional<AppealRecord>> OneAppeal(Result<Rows> rows) {
  if (!rows.ok()) return std::move(rows).status();
  if (rows->empty()) return std::optional<AppealRecord>();
  return std::optional<AppealRecord>(AppealFromRow(rows->front()));
}

// --- Disputes -------------------------------------------------------------------------------

constexpr std::string_view kDisputeSelect =
    "SELECT s.id, s.claimant_kind, s.claimant_provider_id, COALESCE(cp.name, 'government'), "
    "s.respondent_kind, s.respondent_provider_id, COALESCE(rp.name, 'government'), s.subject, "
    "s.description, s.status, COALESCE(u.username, ''), s.filed_at, d.outcome, d.terms, "
    "d.reasons, COALESCE(du.username, ''), d.decided_at FROM disputes s LEFT JOIN providers cp "
    "ON cp.id = s.claimant_provider_id LEFT JOIN providers rp ON rp.id = "
    "s.respondent_provider_id LEFT JOIN users u ON u.id = s.filed_by LEFT JOIN "
    "arbitration_decisions d ON d.dispute_id = s.id LEFT JOIN users du ON du.id = d.decided_by ";

Party PartyColumns(const Row& row, std::size_t kind_column) {
  auto kind = regulation::ParsePartyKind(row.Text(kind_column), "kind");
  PSL_CHECK(kind.ok(), "party kinds are constrained by the schema");
  if (*kind == PartyKind::kGovernment) return Party::Government();
  return Party::Provider(ProviderId(row.Int(kind_column + 1)));
}

DisputeRecord DisputeFromRow(const Row& row) {
  DisputeRecord dispute;
  dispute.id = DisputeId(row.Int(0));
  dispute.claimant = PartyColumns(row, 1);
  dispute.claimant_name = row.Text(3);
  dispute.respondent = PartyColumns(row, 4);
  dispute.respondent_name = row.Text(6);
  dispute.subject = row.Text(7);
  dispute.description = row.Text(8);
  auto status = regulation::ParseDisputeStatus(row.Text(9));
  PSL_CHECK(status.ok(), "dispute statuses are constrained by the schema");
  dispute.status = *status;
  dispute.filed_by = row.Text(10);
  dispute.filed_at = Timestamp::FromUnixSeconds(row.Int(11));
  dispute.resolution = ArbitrationColumns(row, 12);
  return dispute;
}

}  // namespace

// --- AppealTable ----------------------------------------------------------------------------

Result<AppealId> AppealTable::Insert(LicenceId licence, ProviderId provider, LicenceStatus appealed,
                                     std::string_view grounds, UserId by, Timestamp at) {
  PSL_ASSIGN_OR_RETURN(
      auto id, connection_.InsertReturningId(
                   "INSERT INTO appeals (licence_id, provider_id, appealed_status, grounds, "
                   "lodged_by, lodged_at) VALUES ($1, $2, $3, $4, $5, $6)",
                   {licence.value(), provider.value(), Name(appealed), std::string(grounds),
                    UserOrNull(by), at.unix_seconds()}));
  PSL_CHECK(id.has_value(), "an appeal insert always inserts");
  return AppealId(*id);
}

Result<std::optional<AppealRecord>> AppealTable::Get(AppealId id) {
  static const std::string sql = std::string(kAppealSelect) + "WHERE a.id = $1";
  return OneAppeal(connection_.Query(sql, {id.value()}));
}

Result<std::optional<AppealRecord>> AppealTable::OpenFor(LicenceId licence) {
  static const std::string sql =
      std::string(kAppealSelect) + "WHERE a.licence_id = $1 AND a.status = 'lodged'";
  return OneAppeal(connection_.Query(sql, {licence.value()}));
}

Result<std::vector<AppealRecord>> AppealTable::List(const AppealFilter& filter) {
  Parameters parameters;
  std::string sql = std::string(kAppealSelect) + "WHERE a.id > " + parameters.Add(filter.after_id);
  if (filter.provider_id)
    sql += " AND a.provider_id = " + parameters.Add(filter.provider_id->value());
  if (filter.status) {
    sql += " AND a.status = " +
           parameters.Add(std::string(regulation::AppealStatusName(*filter.status)));
  }
  sql += " ORDER BY a.id LIMIT " + parameters.Add(std::int64_t{filter.limit});
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, parameters.values()));
  std::vector<AppealRecord> appeals;
  appeals.reserve(rows.size());
  for (const Row& row : rows) appeals.push_back(AppealFromRow(row));
  return appeals;
}

Result<bool> AppealTable::Decide(AppealId id, AppealStatus outcome,
                                 LicenceStatus licence_status_after, Timestamp at) {
  PSL_CHECK(outcome != AppealStatus::kLodged, "an appeal is decided upheld or dismissed");
  PSL_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      connection_.Execute("UPDATE appeals SET status = $2, licence_status_after = $3, "
                          "decided_at = $4 WHERE id = $1 AND status = 'lodged'",
                          {id.value(), std::string(regulation::AppealStatusName(outcome)),
                           Name(licence_status_after), at.unix_seconds()}));
  return changed == 1;
}

// --- DisputeTable ---------------------------------------------------------------------------

Result<DisputeId> DisputeTable::Insert(const Party& claimant, const Party& respondent,
                                       std::string_view subject, std::string_view description,
                                       UserId by, Timestamp at) {
  PSL_ASSIGN_OR_RETURN(
      auto id,
      connection_.InsertReturningId(
          "INSERT INTO disputes (claimant_kind, claimant_provider_id, respondent_kind, "
          "respondent_provider_id, subject, description, filed_by, filed_at) VALUES ($1, $2, "
          "$3, $4, $5, $6, $7, $8)",
          {std::string(regulation::PartyKindName(claimant.kind)), ProviderOrNull(claimant),
           std::string(regulation::PartyKindName(respondent.kind)), ProviderOrNull(respondent),
           std::string(subject), std::string(description), UserOrNull(by), at.unix_seconds()}));
  PSL_CHECK(id.has_value(), "a dispute insert always inserts");
  return DisputeId(*id);
}

Result<std::optional<DisputeRecord>> DisputeTable::Get(DisputeId id) {
  static const std::string sql = std::string(kDisputeSelect) + "WHERE s.id = $1";
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, {id.value()}));
  if (rows.empty()) return std::optional<DisputeRecord>();
  return std::optional<DisputeRecord>(DisputeFromRow(rows.front()));
}

Result<std::vector<DisputeRecord>> DisputeTable::List(const DisputeFilter& filter) {
  Parameters parameters;
  std::string sql = std::string(kDisputeSelect) + "WHERE s.id > " + parameters.Add(filter.after_id);
  if (filter.party) {
    if (filter.party->kind == PartyKind::kGovernment) {
      sql += " AND (s.claimant_kind = 'government' OR s.respondent_kind = 'government')";
    } else {
      const std::string claimant = parameters.Add(filter.party->provider_id.value());
      const std::string respondent = parameters.Add(filter.party->provider_id.value());
      sql += " AND (s.claimant_provider_id = " + claimant +
             " OR s.respondent_provider_id = " + respondent + ")";
    }
  }
  if (filter.status) {
    sql += " AND s.status = " +
           parameters.Add(std::string(regulation::DisputeStatusName(*filter.status)));
  }
  sql += " ORDER BY s.id LIMIT " + parameters.Add(std::int64_t{filter.limit});
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, parameters.values()));
  std::vector<DisputeRecord> disputes;
  disputes.reserve(rows.size());
  for (const Row& row : rows) disputes.push_back(DisputeFromRow(row));
  return disputes;
}

Result<bool> DisputeTable::Resolve(DisputeId id, Timestamp at) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t changed,
                       connection_.Execute("UPDATE disputes SET status = 'resolved', "
                                           "resolved_at = $2 WHERE id = $1 AND status = 'open'",
                                           {id.value(), at.unix_seconds()}));
  return changed == 1;
}

// --- ArbitrationTable -----------------------------------------------------------------------

Status ArbitrationTable::AppendForAppeal(AppealId appeal, AppealStatus outcome,
                                         std::string_view reasons, UserId by, Timestamp at) {
  return connection_
      .Execute(
          "INSERT INTO arbitration_decisions (appeal_id, outcome, reasons, decided_by, "
          "decided_at) VALUES ($1, $2, $3, $4, $5)",
          {appeal.value(), std::string(regulation::AppealStatusName(outcome)), std::string(reasons),
           UserOrNull(by), at.unix_seconds()})
      .ToStatus();
}

Status ArbitrationTable::AppendForDispute(DisputeId dispute, regulation::DisputeFinding finding,
                                          std::string_view terms, std::string_view reasons,
                                          UserId by, Timestamp at) {
  return connection_
      .Execute(
          "INSERT INTO arbitration_decisions (dispute_id, outcome, terms, reasons, "
          "decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6)",
          {dispute.value(), std::string(regulation::DisputeFindingName(finding)),
           std::string(terms), std::string(reasons), UserOrNull(by), at.unix_seconds()})
      .ToStatus();
}

}  // namespace psl::store
