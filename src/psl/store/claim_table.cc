#include "psl/store/claim_table.h"

#include <string>

#include "psl/store/row_values.h"

namespace psl::store {
namespace {

using namespace rows;

// The claim's columns, then what its due lines accrued (the index on registration_id finds
// them; a held line counts too, with its reason).
constexpr std::string_view kClaimSelect =
    "SELECT c.id, c.registration_id, c.outcome, c.provider_id, c.citizen_id, c.achieved_on, "
    "c.fraction_micros, c.evidence, c.claimed_by, c.claimed_on, c.claimed_at, c.status, "
    "c.decided_by, c.decided_on, c.decided_at, c.reason, c.verified_by_feed, "
    "(SELECT SUM(l.amount_pence) FROM payment_lines l WHERE l.registration_id = "
    "c.registration_id AND l.claim_id = c.id), "
    "(SELECT MAX(l.held_reason) FROM payment_lines l WHERE l.registration_id = "
    "c.registration_id AND l.claim_id = c.id) "
    "FROM claims c ";

ClaimRecord ClaimFromRow(const Row& row) {
  ClaimRecord claim;
  claim.id = row.Int(0);
  claim.registration_id = row.Int(1);
  claim.outcome = row.Text(2);
  claim.provider = ProviderId(row.Int(3));
  claim.citizen = CitizenId(row.Int(4));
  claim.achieved_on = DateFromColumn(row, 5);
  claim.fraction = Weight::FromMicros(row.Int(6));
  claim.evidence = row.Text(7);
  claim.claimed_by = OptionalId<UserId>(row, 8);
  claim.claimed_on = DateFromColumn(row, 9);
  claim.claimed_at = Timestamp::FromUnixSeconds(row.Int(10));
  claim.status = row.Text(11);
  claim.decided_by = OptionalId<UserId>(row, 12);
  claim.decided_on = OptionalDate(row, 13);
  if (auto at = OptionalInt(row, 14)) claim.decided_at = Timestamp::FromUnixSeconds(*at);
  claim.reason = OptionalText(row, 15);
  claim.verified_by_feed = OptionalInt(row, 16);
  claim.payment_pence = OptionalInt(row, 17);
  claim.held_reason = OptionalText(row, 18);
  // A verified claim that moved no money (claw-back mode, binary outcome) accrued nothing.
  if (claim.status == "verified" && !claim.payment_pence) claim.payment_pence = 0;
  return claim;
}

Result<std::vector<ClaimRecord>> ReadClaims(Connection& connection, const std::string& sql,
                                            std::span<const SqlValue> parameters) {
  PSL_ASSIGN_OR_RETURN(Rows found, connection.Query(sql, parameters));
  std::vector<ClaimRecord> claims;
  claims.reserve(found.size());
  for (const Row& row : found) claims.push_back(ClaimFromRow(row));
  return claims;
}

}  // namespace

Result<std::int64_t> ClaimTable::Insert(const ClaimRecord& c) {
  PSL_ASSIGN_OR_RETURN(
      const std::optional<std::int64_t> id,
      connection_.InsertReturningId(
          "INSERT INTO claims (registration_id, outcome, provider_id, citizen_id, achieved_on, "
          "fraction_micros, evidence, claimed_by, claimed_on, claimed_at, status) VALUES ($1, $2, "
          "$3, $4, $5, $6, $7, $8, $9, $10, 'pending')",
          {c.registration_id, c.outcome, c.provider.value(), c.citizen.value(),
           c.achieved_on.ToString(), c.fraction.micros(), c.evidence, IdOrNull(c.claimed_by),
           c.claimed_on.ToString(), c.claimed_at.unix_seconds()}));
  if (!id) return Status(ErrorCode::kInternal, "a claim insert returned no id");
  return *id;
}

Result<std::optional<ClaimRecord>> ClaimTable::Get(std::int64_t id) {
  const SqlValue parameters[] = {id};
  PSL_ASSIGN_OR_RETURN(
      auto claims,
      ReadClaims(connection_, std::string(kClaimSelect) + "WHERE c.id = $1", parameters));
  if (claims.empty()) return std::optional<ClaimRecord>();
  return std::optional<ClaimRecord>(std::move(claims.front()));
}

Result<std::optional<ClaimRecord>> ClaimTable::Live(std::int64_t registration_id,
                                                    std::string_view outcome) {
  const SqlValue parameters[] = {registration_id, std::string(outcome)};
  PSL_ASSIGN_OR_RETURN(
      auto claims, ReadClaims(connection_,
                              std::string(kClaimSelect) +
                                  "WHERE c.registration_id = $1 AND c.outcome = $2 AND c.status IN "
                                  "('pending', 'verified')",
                              parameters));
  if (claims.empty()) return std::optional<ClaimRecord>();
  return std::optional<ClaimRecord>(std::move(claims.front()));
}

Result<std::vector<ClaimRecord>> ClaimTable::List(std::optional<ProviderId> provider,
                                                  std::optional<std::string> status,
                                                  std::int64_t before_id, int limit) {
  // Unused filters are 0 or '' and drop out, so one parameterised text serves every case (a
  // typed value rather than NULL: PostgreSQL must infer each parameter's type).
  const SqlValue parameters[] = {before_id, provider ? provider->value() : std::int64_t{0},
                                 status.value_or(""), std::int64_t{limit}};
  return ReadClaims(connection_,
                    std::string(kClaimSelect) +
                        "WHERE (c.id < $1 OR $1 = 0) AND (c.provider_id = $2 OR $2 = 0) AND "
                        "(c.status = $3 OR $3 = '') ORDER BY c.id DESC LIMIT $4",
                    parameters);
}

Result<std::vector<ClaimRecord>> ClaimTable::PendingForCitizen(CitizenId citizen) {
  const SqlValue parameters[] = {citizen.value()};
  return ReadClaims(
      connection_,
      std::string(kClaimSelect) + "WHERE c.citizen_id = $1 AND c.status = 'pending' ORDER BY c.id",
      parameters);
}

Result<bool> ClaimTable::Decide(const ClaimDecision& d) {
  PSL_ASSIGN_OR_RETURN(
      const std::int64_t changed,
      connection_.Execute(
          "UPDATE claims SET status = $1, decided_by = $2, decided_on = $3, decided_at = $4, "
          "reason = $5, verified_by_feed = $6, fraction_micros = $7 WHERE id = $8 AND status = "
          "'pending'",
          {d.status, IdOrNull(d.decided_by), d.decided_on.ToString(), d.decided_at.unix_seconds(),
           TextOrNull(d.reason), IntOrNull(d.verified_by_feed), d.fraction.micros(), d.id}));
  return changed == 1;
}

Result<std::int64_t> EvidenceFeedTable::Insert(const EvidenceFeedRecord& feed) {
  PSL_ASSIGN_OR_RETURN(
      const std::optional<std::int64_t> id,
      connection_.InsertReturningId(
          "INSERT INTO evidence_feeds (name, imported_by, imported_on, imported_at, row_count) "
          "VALUES ($1, $2, $3, $4, $5)",
          {feed.name, IdOrNull(feed.imported_by), feed.imported_on.ToString(),
           feed.imported_at.unix_seconds(), feed.row_count}));
  if (!id) return Status(ErrorCode::kInternal, "a feed insert returned no id");
  return *id;
}

Status EvidenceFeedTable::InsertSpell(const SpellRecord& s) {
  return connection_
      .Execute(
          "INSERT INTO employment_spells (feed_id, citizen_id, citizen_key, employer, started_on, "
          "ended_on, earnings_pence) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {s.feed_id, IdOrNull(s.citizen), s.citizen_key, s.employer, s.started_on.ToString(),
           DateOrNull(s.ended_on), s.earnings.pence()})
      .ToStatus();
}

Result<std::vector<SpellRecord>> EvidenceFeedTable::SpellsFor(CitizenId citizen) {
  PSL_ASSIGN_OR_RETURN(
      Rows found,
      connection_.Query("SELECT id, feed_id, citizen_id, citizen_key, employer, started_on, "
                        "ended_on, earnings_pence FROM employment_spells WHERE citizen_id = $1 "
                        "ORDER BY started_on, id LIMIT 1000",
                        {citizen.value()}));
  std::vector<SpellRecord> spells;
  spells.reserve(found.size());
  for (const Row& row : found) {
    SpellRecord spell;
    spell.id = row.Int(0);
    spell.feed_id = row.Int(1);
    spell.citizen = OptionalId<CitizenId>(row, 2);
    spell.citizen_key = row.Text(3);
    spell.employer = row.Text(4);
    spell.started_on = DateFromColumn(row, 5);
    spell.ended_on = OptionalDate(row, 6);
    spell.earnings = MoneyFromColumn(row, 7);
    spells.push_back(std::move(spell));
  }
  return spells;
}

Result<RelativeCounts> ClosedOutcomeCounts(Connection& connection, std::string_view outcome,
                                           ProviderId provider) {
  PSL_ASSIGN_OR_RETURN(
      Rows found, connection.Query(
                      "SELECT CASE WHEN r.provider_id = $2 THEN 1 ELSE 0 END, o.status, COUNT(*) "
                      "FROM registered_outcomes o JOIN registrations r ON r.id = o.registration_id "
                      "WHERE o.outcome = $1 AND o.status IN ('achieved', 'missed') GROUP BY 1, 2",
                      {std::string(outcome), provider.value()}));
  RelativeCounts counts;
  for (const Row& row : found) {
    const bool own = row.Int(0) == 1;
    const bool achieved = row.Text(1) == "achieved";
    const std::int64_t n = row.Int(2);
    counts.everyone.closed += n;
    if (achieved) counts.everyone.achieved += n;
    if (own) {
      counts.provider.closed += n;
      if (achieved) counts.provider.achieved += n;
    }
  }
  return counts;
}

Result<bool> MethodologyPublished(Connection& connection, ProviderId provider,
                                  std::string_view variant) {
  PSL_ASSIGN_OR_RETURN(
      Rows found,
      connection.Query("SELECT 1 FROM skunkworks_methodologies WHERE provider_id = $1 AND "
                       "variant = $2",
                       {provider.value(), std::string(variant)}));
  return !found.empty();
}

}  // namespace psl::store
