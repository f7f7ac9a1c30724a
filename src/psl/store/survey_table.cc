#include "psl/store/survey_table.h"

#include <string>

#include "psl/store/row_values.h"

namespace psl::store {
namespace {

using rows::DateFromColumn;
using rows::FirstOf;
using rows::OptionalDate;
using rows::OptionalInt;
using rows::OptionalText;

constexpr std::string_view kInvitationSelect =
    "SELECT s.id, s.registration_id, s.citizen_id, s.provider_id, s.wave_months, s.invited_on, "
    "s.answer, s.answered_on, s.answered_at, p.name, r.end_result "
    "FROM survey_invitations s JOIN providers p ON p.id = s.provider_id "
    "JOIN registrations r ON r.id = s.registration_id ";

SurveyInvitationRecord InvitationFromRow(const Row& row) {
  SurveyInvitationRecord record;
  record.id = row.Int(0);
  record.registration_id = row.Int(1);
  record.citizen = CitizenId(row.Int(2));
  record.provider = ProviderId(row.Int(3));
  record.wave_months = static_cast<int>(row.Int(4));
  record.invited_on = DateFromColumn(row, 5);
  record.answer = OptionalText(row, 6);
  record.answered_on = OptionalDate(row, 7);
  if (auto at = OptionalInt(row, 8)) record.answered_at = Timestamp::FromUnixSeconds(*at);
  record.provider_name = row.Text(9);
  record.end_result = row.Text(10);
  return record;
}

// Recommending and valid answers in one pass; "don't know" is not a valid answer (PAY-6).
constexpr std::string_view kCountColumns =
    "COALESCE(SUM(CASE WHEN answer IN ('extremely_likely', 'likely') THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN answer <> 'dont_know' THEN 1 ELSE 0 END), 0)";

SurveyCounts CountsFromRow(const Row& row, std::size_t first) {
  return {row.Int(first), row.Int(first + 1)};
}

}  // namespace

Result<std::optional<Date>> SurveyTable::DoneThrough(int wave_months) {
  PSL_ASSIGN_OR_RETURN(Rows found, connection_.Query("SELECT done_through FROM survey_waves "
                                                     "WHERE wave_months = $1",
                                                     {std::int64_t{wave_months}}));
  return FirstOf(found, [](const Row& row) { return DateFromColumn(row, 0); });
}

Status SurveyTable::SetDoneThrough(int wave_months, Date through) {
  return connection_
      .Execute(
          "INSERT INTO survey_waves (wave_months, done_through) VALUES ($1, $2) "
          "ON CONFLICT (wave_months) DO UPDATE SET done_through = excluded.done_through "
          "WHERE survey_waves.done_through < excluded.done_through",
          {std::int64_t{wave_months}, through.ToString()})
      .ToStatus();
}

Result<std::vector<SurveyCandidate>> SurveyTable::Candidates(Date through, Date cursor_date,
                                                             std::int64_t cursor_id, int limit) {
  PSL_ASSIGN_OR_RETURN(
      Rows found,
      connection_.Query(
          "SELECT id, citizen_id, provider_id, registered_on FROM registrations "
          "WHERE registered_on <= $1 AND (registered_on > $2 OR (registered_on = $2 AND id > $3)) "
          "ORDER BY registered_on, id LIMIT $4",
          {through.ToString(), cursor_date.ToString(), cursor_id, std::int64_t{limit}}));
  std::vector<SurveyCandidate> candidates;
  candidates.reserve(found.size());
  for (const Row& row : found) {
    candidates.push_back(
        {row.Int(0), CitizenId(row.Int(1)), ProviderId(row.Int(2)), DateFromColumn(row, 3)});
  }
  return candidates;
}

Result<std::optional<std::int64_t>> SurveyTable::Invite(const SurveyInvitationRecord& invitation) {
  return connection_.InsertReturningId(
      "INSERT INTO survey_invitations (registration_id, citizen_id, provider_id, wave_months, "
      "invited_on) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (registration_id, wave_months) DO NOTHING",
      {invitation.registration_id, invitation.citizen.value(), invitation.provider.value(),
       std::int64_t{invitation.wave_months}, invitation.invited_on.ToString()});
}

Result<std::optional<SurveyInvitationRecord>> SurveyTable::Get(std::int64_t id) {
  PSL_ASSIGN_OR_RETURN(Rows found,
                       connection_.Query(std::string(kInvitationSelect) + "WHERE s.id = $1", {id}));
  return FirstOf(found, InvitationFromRow);
}

Result<std::vector<SurveyInvitationRecord>> SurveyTable::ForCitizen(CitizenId citizen, int limit) {
  PSL_ASSIGN_OR_RETURN(
      Rows found, connection_.Query(std::string(kInvitationSelect) + "WHERE s.citizen_id = $1 "
                                                                     "ORDER BY s.id DESC LIMIT $2",
                                    {citizen.value(), std::int64_t{limit}}));
  std::vector<SurveyInvitationRecord> invitations;
  invitations.reserve(found.size());
  for (const Row& row : found) invitations.push_back(InvitationFromRow(row));
  return invitations;
}

Result<bool> SurveyTable::RecordAnswer(std::int64_t id, std::string_view answer, Date on,
                                       Timestamp at) {
  PSL_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      connection_.Execute("UPDATE survey_invitations SET answer = $1, "
                          "answered_on = $2, answered_at = $3 "
                          "WHERE id = $4 AND answer IS NULL",
                          {std::string(answer), on.ToString(), at.unix_seconds(), id}));
  return changed == 1;
}

Result<SurveyCounts> SurveyTable::ProviderCounts(ProviderId provider, Date from, Date to) {
  PSL_ASSIGN_OR_RETURN(Rows found,
                       connection_.Query("SELECT " + std::string(kCountColumns) +
                                             " FROM survey_invitations WHERE provider_id = $1 "
                                             "AND answered_on >= $2 AND answered_on <= $3",
                                         {provider.value(), from.ToString(), to.ToString()}));
  return CountsFromRow(found.at(0), 0);
}

Result<SurveyCounts> SurveyTable::NationalCounts(Date from, Date to) {
  PSL_ASSIGN_OR_RETURN(Rows found,
                       connection_.Query("SELECT " + std::string(kCountColumns) +
                                             " FROM survey_invitations "
                                             "WHERE answered_on >= $1 AND answered_on <= $2",
                                         {from.ToString(), to.ToString()}));
  return CountsFromRow(found.at(0), 0);
}

Result<std::vector<ProviderSurveyCounts>> SurveyTable::CountsByProvider(Date from, Date to) {
  PSL_ASSIGN_OR_RETURN(
      Rows found, connection_.Query("SELECT s.provider_id, p.name, " + std::string(kCountColumns) +
                                        ", COUNT(*) FROM survey_invitations s "
                                        "JOIN providers p ON p.id = s.provider_id "
                                        "WHERE s.answered_on >= $1 AND s.answered_on <= $2 "
                                        "GROUP BY s.provider_id, p.name ORDER BY s.provider_id",
                                    {from.ToString(), to.ToString()}));
  std::vector<ProviderSurveyCounts> counts;
  counts.reserve(found.size());
  for (const Row& row : found) {
    counts.push_back({ProviderId(row.Int(0)), row.Text(1), CountsFromRow(row, 2), row.Int(4)});
  }
  return counts;
}

Result<std::optional<std::int64_t>> SurveyTable::RecommendBasisPoints(ProviderId provider,
                                                                      Date from, Date to,
                                                                      int minimum) {
  PSL_ASSIGN_OR_RETURN(const SurveyCounts counts, ProviderCounts(provider, from, to));
  if (counts.valid == 0 || counts.valid < minimum) return std::optional<std::int64_t>();
  const __int128 numerator = static_cast<__int128>(counts.recommending) * 10000;
  const __int128 rounded =
      (2 * numerator + counts.valid) / (2 * static_cast<__int128>(counts.valid));
  return std::optional<std::int64_t>(static_cast<std::int64_t>(rounded));
}

}  // namespace psl::store
