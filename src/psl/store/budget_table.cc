#include "psl/store/budget_table.h"

#include <string>

#include "psl/store/row_values.h"

namespace psl::store {
namespace {

constexpr std::string_view kEnvelopeColumns =
    "e.id, e.end_result, e.period_from, e.period_to, e.amount_pence, e.set_by, e.set_at";

BudgetEnvelopeRecord ReadEnvelope(const Row& row) {
  BudgetEnvelopeRecord envelope;
  envelope.id = row.Int(0);
  envelope.end_result = row.Text(1);
  envelope.period_from = rows::DateFromColumn(row, 2);
  envelope.period_to = rows::DateFromColumn(row, 3);
  envelope.amount = rows::MoneyFromColumn(row, 4);
  envelope.set_by = rows::OptionalId<UserId>(row, 5);
  envelope.set_at = Timestamp::FromUnixSeconds(row.Int(6));
  return envelope;
}

// "$first, $first+1, ..." for `count` parameters.
std::string Placeholders(std::size_t first, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) text += ", ";
    text += "$" + std::to_string(first + i);
  }
  return text;
}

}  // namespace

Result<std::int64_t> BudgetTable::Insert(const BudgetEnvelopeRecord& envelope) {
  PSL_ASSIGN_OR_RETURN(
      const auto id,
      connection_.InsertReturningId(
          "INSERT INTO budget_envelopes (end_result, period_from, period_to, amount_pence, "
          "set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)",
          {envelope.end_result, envelope.period_from.ToString(), envelope.period_to.ToString(),
           envelope.amount.pence(), rows::IdOrNull(envelope.set_by),
           envelope.set_at.unix_seconds()}));
  if (!id) return Status(ErrorCode::kInternal, "the envelope was not stored");
  return *id;
}

Result<std::optional<BudgetEnvelopeRecord>> BudgetTable::Get(std::int64_t id) {
  PSL_ASSIGN_OR_RETURN(const Rows found,
                       connection_.Query("SELECT " + std::string(kEnvelopeColumns) +
                                             " FROM budget_envelopes e WHERE e.id = $1",
                                         {id}));
  return rows::FirstOf(found, ReadEnvelope);
}

Result<std::vector<BudgetEnvelopeRecord>> BudgetTable::InForce(Date from, Date to, int limit) {
  PSL_ASSIGN_OR_RETURN(
      const Rows found,
      connection_.Query(
          "SELECT " + std::string(kEnvelopeColumns) +
              " FROM budget_envelopes e WHERE e.period_to >= $1 AND e.period_from <= $2 AND "
              "e.id = (SELECT MAX(f.id) FROM budget_envelopes f WHERE f.end_result = "
              "e.end_result AND f.period_from = e.period_from AND f.period_to = e.period_to) "
              "ORDER BY e.end_result, e.period_from, e.period_to LIMIT $3",
          {from.ToString(), to.ToString(), std::int64_t{limit}}));
  std::vector<BudgetEnvelopeRecord> envelopes;
  for (const Row& row : found) envelopes.push_back(ReadEnvelope(row));
  return envelopes;
}

Result<std::vector<CommittedInputsRow>> BudgetTable::CommittedInputs(std::string_view end_result,
                                                                     Date from, Date to) {
  PSL_ASSIGN_OR_RETURN(
      const Rows found,
      connection_.Query(
          "SELECT substr(r.registered_on, 1, 7), s.outcome, SUM(s.upfront_pence), "
          "SUM(s.outcome_pence), SUM(s.satisfaction_pence) FROM outcome_splits s "
          "JOIN registrations r ON r.id = s.registration_id JOIN registered_outcomes o ON "
          "o.registration_id = s.registration_id AND o.outcome = s.outcome "
          "WHERE r.end_result = $1 AND r.registered_on >= $2 AND r.registered_on <= $3 AND "
          "o.status <> 'transferred' GROUP BY substr(r.registered_on, 1, 7), s.outcome "
          "ORDER BY 1, 2",
          {std::string(end_result), from.ToString(), to.ToString()}));
  std::vector<CommittedInputsRow> inputs;
  for (const Row& row : found) {
    inputs.push_back({row.Text(0), row.Text(1), rows::MoneyFromColumn(row, 2),
                      rows::MoneyFromColumn(row, 3), rows::MoneyFromColumn(row, 4)});
  }
  return inputs;
}

Result<std::map<std::string, AchievedMissed>> BudgetTable::Closed(
    const std::vector<std::string>& outcomes) {
  std::map<std::string, AchievedMissed> counts;
  if (outcomes.empty()) return counts;
  std::vector<SqlValue> parameters;
  for (const std::string& outcome : outcomes) parameters.emplace_back(outcome);
  PSL_ASSIGN_OR_RETURN(
      const Rows found,
      connection_.Query("SELECT outcome, SUM(CASE WHEN status = 'achieved' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN status = 'missed' THEN 1 ELSE 0 END) "
                        "FROM registered_outcomes WHERE status IN ('achieved', 'missed') AND "
                        "outcome IN (" +
                            Placeholders(1, outcomes.size()) + ") GROUP BY outcome",
                        std::span<const SqlValue>(parameters)));
  for (const Row& row : found) counts[row.Text(0)] = AchievedMissed{row.Int(1), row.Int(2)};
  return counts;
}

Result<std::vector<MonthAmount>> BudgetTable::AccountByMonth(std::string_view account, Date from,
                                                             Date to) {
  PSL_ASSIGN_OR_RETURN(
      const Rows found,
      connection_.Query(
          "SELECT substr(p.effective_date, 1, 7), SUM(l.amount_pence) FROM ledger_lines l "
          "JOIN ledger_postings p ON p.id = l.posting_id WHERE l.account_code = $1 AND "
          "p.effective_date >= $2 AND p.effective_date <= $3 "
          "GROUP BY substr(p.effective_date, 1, 7) ORDER BY 1",
          {std::string(account), from.ToString(), to.ToString()}));
  std::vector<MonthAmount> months;
  for (const Row& row : found) months.push_back({row.Text(0), rows::MoneyFromColumn(row, 1)});
  return months;
}

Result<std::vector<DatedAmount>> BudgetTable::AccountMovements(std::string_view account,
                                                               Date through) {
  PSL_ASSIGN_OR_RETURN(
      const Rows found,
      connection_.Query("SELECT p.effective_date, l.amount_pence FROM ledger_lines l "
                        "JOIN ledger_postings p ON p.id = l.posting_id WHERE l.account_code = $1 "
                        "AND p.effective_date <= $2 ORDER BY p.effective_date, p.id, "
                        "l.line_number",
                        {std::string(account), through.ToString()}));
  std::vector<DatedAmount> movements;
  for (const Row& row : found) {
    movements.push_back({rows::DateFromColumn(row, 0), rows::MoneyFromColumn(row, 1)});
  }
  return movements;
}

Result<std::vector<std::string>> BudgetTable::GeneralLicenceStatuses(ProviderId provider) {
  PSL_ASSIGN_OR_RETURN(const Rows found,
                       connection_.Query("SELECT status FROM licences WHERE provider_id = $1 AND "
                                         "kind = 'general' ORDER BY id",
                                         {provider.value()}));
  std::vector<std::string> statuses;
  for (const Row& row : found) statuses.push_back(row.Text(0));
  return statuses;
}

}  // namespace psl::store
