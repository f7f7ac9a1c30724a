#include "psl/store/payment_tables.h"

#include <string>

#include "psl/store/row_values.h"

namespace psl::store {

using rows::DateFromColumn;
using rows::FirstOf;
using rows::IdOrNull;
using rows::IntOrNull;
using rows::MoneyFromColumn;
using rows::OptionalId;
using rows::OptionalInt;
using rows::OptionalText;
using rows::TextOrNull;

// --- payment_settings ---

namespace {

PaymentSettingsRecord SettingsFromRow(const Row& row) {
  PaymentSettingsRecord record;
  record.version = static_cast<int>(row.Int(0));
  record.document = row.Text(1);
  record.published_by = OptionalId<UserId>(row, 2);
  record.published_at = Timestamp::FromUnixSeconds(row.Int(3));
  return record;
}

}  // namespace

Result<std::optional<PaymentSettingsRecord>> PaymentSettingsTable::Latest() {
  PSL_ASSIGN_OR_RETURN(const Rows rows,
                       connection_.Query("SELECT version, document, published_by, published_at "
                                         "FROM payment_settings ORDER BY version DESC LIMIT 1"));
  return FirstOf(rows, SettingsFromRow);
}

Result<std::optional<PaymentSettingsRecord>> PaymentSettingsTable::Get(int version) {
  PSL_ASSIGN_OR_RETURN(const Rows rows,
                       connection_.Query("SELECT version, document, published_by, published_at "
                                         "FROM payment_settings WHERE version = $1",
                                         {std::int64_t{version}}));
  return FirstOf(rows, SettingsFromRow);
}

Status PaymentSettingsTable::Insert(const PaymentSettingsRecord& record) {
  return connection_
      .Execute(
          "INSERT INTO payment_settings (version, document, published_by, published_at) "
          "VALUES ($1, $2, $3, $4)",
          {std::int64_t{record.version}, record.document, IdOrNull(record.published_by),
           record.published_at.unix_seconds()})
      .ToStatus();
}

// --- provider_payment_modes ---

Status PaymentModeTable::Insert(const PaymentModeRecord& record) {
  return connection_
      .Execute(
          "INSERT INTO provider_payment_modes (provider_id, clawback, effective_from, set_by, "
          "set_at) VALUES ($1, $2, $3, $4, $5)",
          {record.provider.value(), std::int64_t{record.clawback ? 1 : 0},
           record.effective_from.ToString(), IdOrNull(record.set_by), record.set_at.unix_seconds()})
      .ToStatus();
}

Result<bool> PaymentModeTable::ClawbackOn(ProviderId provider, Date on) {
  PSL_ASSIGN_OR_RETURN(const Rows rows,
                       connection_.Query("SELECT clawback FROM provider_payment_modes WHERE "
                                         "provider_id = $1 AND effective_from <= $2 "
                                         "ORDER BY effective_from DESC, id DESC LIMIT 1",
                                         {provider.value(), on.ToString()}));
  return !rows.empty() && rows.front().Int(0) == 1;
}

Result<std::vector<PaymentModeRecord>> PaymentModeTable::History(ProviderId provider) {
  PSL_ASSIGN_OR_RETURN(const Rows rows,
                       connection_.Query("SELECT id, provider_id, clawback, effective_from, "
                                         "set_by, set_at FROM provider_payment_modes WHERE "
                                         "provider_id = $1 ORDER BY id",
                                         {provider.value()}));
  std::vector<PaymentModeRecord> records;
  for (const Row& row : rows) {
    PaymentModeRecord record;
    record.id = row.Int(0);
    record.provider = ProviderId(row.Int(1));
    record.clawback = row.Int(2) == 1;
    record.effective_from = DateFromColumn(row, 3);
    record.set_by = OptionalId<UserId>(row, 4);
    record.set_at = Timestamp::FromUnixSeconds(row.Int(5));
    records.push_back(std::move(record));
  }
  return records;
}

// --- outcome_splits ---

namespace {

constexpr std::string_view kSplitColumns =
    "registration_id, outcome, upfront_pence, outcome_pence, satisfaction_pence, "
    "upfront_percent, outcome_percent, satisfaction_percent, rule, clawback, settings_version";

OutcomeSplitRecord SplitFromRow(const Row& row) {
  OutcomeSplitRecord split;
  split.registration_id = row.Int(0);
  split.outcome = row.Text(1);
  split.upfront = MoneyFromColumn(row, 2);
  split.outcome_part = MoneyFromColumn(row, 3);
  split.satisfaction = MoneyFromColumn(row, 4);
  split.upfront_percent = static_cast<int>(row.Int(5));
  split.outcome_percent = static_cast<int>(row.Int(6));
  split.satisfaction_percent = static_cast<int>(row.Int(7));
  split.rule = row.Text(8);
  split.clawback = row.Int(9) == 1;
  split.settings_version = static_cast<int>(row.Int(10));
  return split;
}

}  // namespace

Status OutcomeSplitTable::Insert(const OutcomeSplitRecord& split) {
  return connection_
      .Execute(
          "INSERT INTO outcome_splits (" + std::string(kSplitColumns) +
              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
          {split.registration_id, split.outcome, split.upfront.pence(), split.outcome_part.pence(),
           split.satisfaction.pence(), std::int64_t{split.upfront_percent},
           std::int64_t{split.outcome_percent}, std::int64_t{split.satisfaction_percent},
           split.rule, std::int64_t{split.clawback ? 1 : 0}, std::int64_t{split.settings_version}})
      .ToStatus();
}

Result<std::optional<OutcomeSplitRecord>> OutcomeSplitTable::Get(std::int64_t registration_id,
                                                                 std::string_view outcome) {
  PSL_ASSIGN_OR_RETURN(
      const Rows rows,
      connection_.Query("SELECT " + std::string(kSplitColumns) +
                            " FROM outcome_splits WHERE registration_id = $1 AND outcome = $2",
                        {registration_id, std::string(outcome)}));
  return FirstOf(rows, SplitFromRow);
}

Result<std::vector<OutcomeSplitRecord>> OutcomeSplitTable::ForRegistration(
    std::int64_t registration_id) {
  PSL_ASSIGN_OR_RETURN(
      const Rows rows,
      connection_.Query("SELECT " + std::string(kSplitColumns) +
                            " FROM outcome_splits WHERE registration_id = $1 ORDER BY outcome",
                        {registration_id}));
  std::vector<OutcomeSplitRecord> splits;
  for (const Row& row : rows) splits.push_back(SplitFromRow(row));
  return splits;
}

Status OutcomeSplitTable::Queue(std::int64_t registration_id, std::string_view outcome,
                                Date deadline, std::optional<Date> satisfaction_due) {
  PSL_RETURN_IF_ERROR(
      connection_
          .Execute("INSERT INTO outcome_deadlines (registration_id, outcome, deadline_on) VALUES "
                   "($1, $2, $3)",
                   {registration_id, std::string(outcome), deadline.ToString()})
          .ToStatus());
  if (!satisfaction_due) return Status::Ok();
  return connection_
      .Execute(
          "INSERT INTO satisfaction_due (registration_id, outcome, due_on) VALUES ($1, $2, $3)",
          {registration_id, std::string(outcome), satisfaction_due->ToString()})
      .ToStatus();
}

// --- payment_lines ---

namespace {

constexpr std::string_view kLineColumns =
    "l.id, l.idempotency_key, l.provider_id, l.kind, l.amount_pence, l.due_on, l.end_result, "
    "l.registration_id, l.outcome, l.claim_id, l.tariff_version, l.rule, l.posting_id, "
    "l.held_reason, l.run_id, r.citizen_id, COALESCE(c.full_name, '')";
constexpr std::string_view kLineFrom =
    " FROM payment_lines l LEFT JOIN registrations r ON r.id = l.registration_id "
    "LEFT JOIN citizens c ON c.id = r.citizen_id";

PaymentLineRecord LineFromRow(const Row& row) {
  PaymentLineRecord line;
  line.id = row.Int(0);
  line.idempotency_key = row.Text(1);
  line.provider = ProviderId(row.Int(2));
  line.kind = row.Text(3);
  line.amount = MoneyFromColumn(row, 4);
  line.due_on = DateFromColumn(row, 5);
  line.end_result = row.Text(6);
  line.registration_id = OptionalInt(row, 7);
  line.outcome = OptionalText(row, 8);
  line.claim_id = OptionalInt(row, 9);
  if (!row.IsNull(10)) line.tariff_version = static_cast<int>(row.Int(10));
  line.rule = row.Text(11);
  line.posting = OptionalId<PostingId>(row, 12);
  line.held_reason = OptionalText(row, 13);
  line.run_id = OptionalInt(row, 14);
  line.citizen_id = OptionalInt(row, 15);
  line.citizen_name = row.Text(16);
  return line;
}

Result<std::vector<PaymentLineRecord>> ReadLines(const Result<Rows>& result) {
  PSL_RETURN_IF_ERROR(result.ToStatus());
  std::vector<PaymentLineRecord> lines;
  lines.reserve(result->size());
  for (const Row& row : *result) lines.push_back(LineFromRow(row));
  return lines;
}

}  // namespace

Result<std::optional<std::int64_t>> PaymentLineTable::Insert(const PaymentLineRecord& line) {
  std::optional<std::int64_t> tariff_version;
  if (line.tariff_version) tariff_version = *line.tariff_version;
  return connection_.InsertReturningId(
      "INSERT INTO payment_lines (idempotency_key, provider_id, kind, amount_pence, due_on, "
      "end_result, registration_id, outcome, claim_id, tariff_version, rule, posting_id, "
      "held_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
      "ON CONFLICT (idempotency_key) DO NOTHING",
      {line.idempotency_key, line.provider.value(), line.kind, line.amount.pence(),
       line.due_on.ToString(), line.end_result, IntOrNull(line.registration_id),
       TextOrNull(line.outcome), IntOrNull(line.claim_id), IntOrNull(tariff_version), line.rule,
       IdOrNull(line.posting), TextOrNull(line.held_reason)});
}

Result<std::optional<PaymentLineRecord>> PaymentLineTable::FindByKey(
    std::string_view idempotency_key) {
  PSL_ASSIGN_OR_RETURN(const Rows rows, connection_.Query("SELECT " + std::string(kLineColumns) +
                                                              std::string(kLineFrom) +
                                                              " WHERE l.idempotency_key = $1",
                                                          {std::string(idempotency_key)}));
  return FirstOf(rows, LineFromRow);
}

Result<std::vector<PaymentLineRecord>> PaymentLineTable::ForRegistration(
    std::int64_t registration_id) {
  return ReadLines(connection_.Query("SELECT " + std::string(kLineColumns) +
                                         std::string(kLineFrom) +
                                         " WHERE l.registration_id = $1 ORDER BY l.id",
                                     {registration_id}));
}

Result<std::vector<PaymentLineRecord>> PaymentLineTable::Held(std::optional<ProviderId> provider,
                                                              int limit) {
  if (provider) {
    return ReadLines(connection_.Query(
        "SELECT " + std::string(kLineColumns) + std::string(kLineFrom) +
            " WHERE l.held_reason IS NOT NULL AND l.provider_id = $1 ORDER BY l.id LIMIT $2",
        {provider->value(), std::int64_t{limit}}));
  }
  return ReadLines(connection_.Query("SELECT " + std::string(kLineColumns) +
                                         std::string(kLineFrom) +
                                         " WHERE l.held_reason IS NOT NULL ORDER BY l.id LIMIT $1",
                                     {std::int64_t{limit}}));
}

Result<bool> PaymentLineTable::Release(std::int64_t id, PostingId posting) {
  PSL_ASSIGN_OR_RETURN(const std::int64_t changed,
                       connection_.Execute("UPDATE payment_lines SET posting_id = $1, "
                                           "held_reason = NULL WHERE id = $2 AND held_reason "
                                           "IS NOT NULL",
                                           {posting.value(), id}));
  return changed == 1;
}

Result<std::vector<PaymentLineRecord>> PaymentLineTable::ForRun(std::int64_t run_id,
                                                                ProviderId provider,
                                                                std::int64_t after_id, int limit) {
  return ReadLines(connection_.Query(
      "SELECT " + std::string(kLineColumns) + std::string(kLineFrom) +
          " WHERE l.run_id = $1 AND l.provider_id = $2 AND l.id > $3 ORDER BY l.id LIMIT $4",
      {run_id, provider.value(), after_id, std::int64_t{limit}}));
}

// --- payment_runs ---

namespace {

constexpr std::string_view kRunColumns =
    "id, as_of, status, prepared_by, prepared_at, released_by, released_at, line_count, "
    "total_pence";

PaymentRunRecord RunFromRow(const Row& row) {
  PaymentRunRecord run;
  run.id = row.Int(0);
  run.as_of = DateFromColumn(row, 1);
  run.status = row.Text(2);
  run.prepared_by = OptionalId<UserId>(row, 3);
  run.prepared_at = Timestamp::FromUnixSeconds(row.Int(4));
  run.released_by = OptionalId<UserId>(row, 5);
  if (!row.IsNull(6)) run.released_at = Timestamp::FromUnixSeconds(row.Int(6));
  run.line_count = row.Int(7);
  run.total = MoneyFromColumn(row, 8);
  return run;
}

constexpr std::string_view kRunProviderColumns =
    "rp.run_id, pr.as_of, rp.provider_id, p.name, rp.line_count, rp.gross_pence, "
    "rp.clawback_pence, rp.receivable_pence, rp.recovered_pence, rp.paid_pence, "
    "rp.shortfall_pence, rp.status, rp.posting_id, rp.paid_at";
constexpr std::string_view kRunProviderFrom =
    " FROM payment_run_providers rp JOIN payment_runs pr ON pr.id = rp.run_id "
    "JOIN providers p ON p.id = rp.provider_id";

RunProviderRecord RunProviderFromRow(const Row& row) {
  RunProviderRecord record;
  record.run_id = row.Int(0);
  record.run_as_of = DateFromColumn(row, 1);
  record.provider = ProviderId(row.Int(2));
  record.provider_name = row.Text(3);
  record.line_count = row.Int(4);
  record.gross = MoneyFromColumn(row, 5);
  record.clawbacks = MoneyFromColumn(row, 6);
  record.receivable = MoneyFromColumn(row, 7);
  record.recovered = MoneyFromColumn(row, 8);
  record.paid = MoneyFromColumn(row, 9);
  record.shortfall = MoneyFromColumn(row, 10);
  record.status = row.Text(11);
  record.posting = OptionalId<PostingId>(row, 12);
  if (!row.IsNull(13)) record.paid_at = Timestamp::FromUnixSeconds(row.Int(13));
  return record;
}

Result<std::vector<RunProviderRecord>> ReadRunProviders(const Result<Rows>& result) {
  PSL_RETURN_IF_ERROR(result.ToStatus());
  std::vector<RunProviderRecord> records;
  for (const Row& row : *result) records.push_back(RunProviderFromRow(row));
  return records;
}

}  // namespace

Result<std::int64_t> PaymentRunTable::Insert(const PaymentRunRecord& run) {
  PSL_ASSIGN_OR_RETURN(
      const auto id,
      connection_.InsertReturningId(
          "INSERT INTO payment_runs (as_of, status, prepared_by, prepared_at, line_count, "
          "total_pence) VALUES ($1, $2, $3, $4, $5, $6)",
          {run.as_of.ToString(), run.status, IdOrNull(run.prepared_by),
           run.prepared_at.unix_seconds(), run.line_count, run.total.pence()}));
  PSL_CHECK(id.has_value(), "a plain INSERT always inserts");
  return *id;
}

Result<std::optional<PaymentRunRecord>> PaymentRunTable::Get(std::int64_t id) {
  PSL_ASSIGN_OR_RETURN(const Rows rows, connection_.Query("SELECT " + std::string(kRunColumns) +
                                                              " FROM payment_runs WHERE id = $1",
                                                          {id}));
  return FirstOf(rows, RunFromRow);
}

Result<std::optional<PaymentRunRecord>> PaymentRunTable::Open() {
  PSL_ASSIGN_OR_RETURN(const Rows rows,
                       connection_.Query("SELECT " + std::string(kRunColumns) +
                                         " FROM payment_runs WHERE status <> 'released' "
                                         "ORDER BY id LIMIT 1"));
  return FirstOf(rows, RunFromRow);
}

Result<std::vector<PaymentRunRecord>> PaymentRunTable::List(std::int64_t before_id, int limit) {
  PSL_ASSIGN_OR_RETURN(const Rows rows,
                       connection_.Query("SELECT " + std::string(kRunColumns) +
                                             " FROM payment_runs WHERE id < $1 ORDER BY id DESC "
                                             "LIMIT $2",
                                         {before_id, std::int64_t{limit}}));
  std::vector<PaymentRunRecord> runs;
  for (const Row& row : rows) runs.push_back(RunFromRow(row));
  return runs;
}

Status PaymentRunTable::SetTotals(std::int64_t id, std::int64_t line_count, Money total) {
  return connection_
      .Execute("UPDATE payment_runs SET line_count = $1, total_pence = $2 WHERE id = $3",
               {line_count, total.pence(), id})
      .ToStatus();
}

Status PaymentRunTable::SetStatus(std::int64_t id, std::string_view status,
                                  std::optional<UserId> released_by,
                                  std::optional<Timestamp> released_at) {
  std::optional<std::int64_t> at;
  if (released_at) at = released_at->unix_seconds();
  return connection_
      .Execute(
          "UPDATE payment_runs SET status = $1, released_by = COALESCE($2, released_by), "
          "released_at = COALESCE($3, released_at) WHERE id = $4",
          {std::string(status), IdOrNull(released_by), IntOrNull(at), id})
      .ToStatus();
}

Result<std::int64_t> PaymentRunTable::AssignDueLines(std::int64_t run_id, Date as_of) {
  return connection_.Execute(
      "UPDATE payment_lines SET run_id = $1 WHERE run_id IS NULL AND due_on <= $2 AND "
      "held_reason IS NULL",
      {run_id, as_of.ToString()});
}

Status PaymentRunTable::SummariseProviders(std::int64_t run_id) {
  return connection_
      .Execute(
          "INSERT INTO payment_run_providers (run_id, provider_id, line_count, gross_pence, "
          "clawback_pence, receivable_pence, recovered_pence, paid_pence, shortfall_pence, "
          "status) SELECT $1, provider_id, COUNT(*), "
          "COALESCE(SUM(CASE WHEN amount_pence > 0 THEN amount_pence ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN amount_pence < 0 THEN amount_pence ELSE 0 END), 0), "
          "0, 0, 0, 0, 'prepared' FROM payment_lines WHERE run_id = $2 GROUP BY provider_id",
          {run_id, run_id})
      .ToStatus();
}

Status PaymentRunTable::SetNetting(const RunProviderRecord& netting) {
  return connection_
      .Execute(
          "UPDATE payment_run_providers SET receivable_pence = $1, recovered_pence = $2, "
          "paid_pence = $3, shortfall_pence = $4 WHERE run_id = $5 AND provider_id = $6",
          {netting.receivable.pence(), netting.recovered.pence(), netting.paid.pence(),
           netting.shortfall.pence(), netting.run_id, netting.provider.value()})
      .ToStatus();
}

Status PaymentRunTable::MarkPaid(std::int64_t run_id, ProviderId provider,
                                 std::optional<PostingId> posting, Timestamp at) {
  return connection_
      .Execute(
          "UPDATE payment_run_providers SET status = 'paid', posting_id = $1, paid_at = $2 "
          "WHERE run_id = $3 AND provider_id = $4",
          {IdOrNull(posting), at.unix_seconds(), run_id, provider.value()})
      .ToStatus();
}

Result<std::vector<RunProviderRecord>> PaymentRunTable::Providers(std::int64_t run_id) {
  return ReadRunProviders(connection_.Query("SELECT " + std::string(kRunProviderColumns) +
                                                std::string(kRunProviderFrom) +
                                                " WHERE rp.run_id = $1 ORDER BY rp.provider_id",
                                            {run_id}));
}

Result<std::optional<RunProviderRecord>> PaymentRunTable::Provider(std::int64_t run_id,
                                                                   ProviderId provider) {
  PSL_ASSIGN_OR_RETURN(const Rows rows,
                       connection_.Query("SELECT " + std::string(kRunProviderColumns) +
                                             std::string(kRunProviderFrom) +
                                             " WHERE rp.run_id = $1 AND rp.provider_id = $2",
                                         {run_id, provider.value()}));
  return FirstOf(rows, RunProviderFromRow);
}

Result<std::vector<RunProviderRecord>> PaymentRunTable::ForProvider(ProviderId provider,
                                                                    int limit) {
  return ReadRunProviders(connection_.Query("SELECT " + std::string(kRunProviderColumns) +
                                                std::string(kRunProviderFrom) +
                                                " WHERE rp.provider_id = $1 ORDER BY rp.run_id "
                                                "DESC LIMIT $2",
                                            {provider.value(), std::int64_t{limit}}));
}

}  // namespace psl::store
