#include "psl/store/skunkworks_table.h"

#include <string>

#include "psl/store/row_values.h"

namespace psl::store {

using rows::DateFromColumn;
using rows::IdOrNull;
using rows::OptionalId;

Status SkunkworksTable::LockProvider(ProviderId provider) {
  if (connection_.dialect() != Dialect::kPostgres) return Status::Ok();
  return connection_.Query("SELECT id FROM providers WHERE id = $1 FOR UPDATE", {provider.value()})
      .ToStatus();
}

Status SkunkworksTable::InsertPlacement(const SkunkworksPlacementRecord& p) {
  return connection_
      .Execute(
          "INSERT INTO skunkworks_placements (registration_id, base_outcome, variant, "
          "provider_id, placed_by, placed_on, placed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {p.registration_id, p.base_outcome, p.variant, p.provider.value(), IdOrNull(p.placed_by),
           p.placed_on.ToString(), p.placed_at.unix_seconds()})
      .ToStatus();
}

Result<std::vector<SkunkworksPlacementRecord>> SkunkworksTable::ForRegistration(
    std::int64_t registration_id) {
  PSL_ASSIGN_OR_RETURN(
      Rows found,
      connection_.Query(
          "SELECT registration_id, base_outcome, variant, provider_id, placed_by, placed_on, "
          "placed_at FROM skunkworks_placements WHERE registration_id = $1 ORDER BY base_outcome",
          {registration_id}));
  std::vector<SkunkworksPlacementRecord> placements;
  placements.reserve(found.size());
  for (const Row& row : found) {
    SkunkworksPlacementRecord p;
    p.registration_id = row.Int(0);
    p.base_outcome = row.Text(1);
    p.variant = row.Text(2);
    p.provider = ProviderId(row.Int(3));
    p.placed_by = OptionalId<UserId>(row, 4);
    p.placed_on = DateFromColumn(row, 5);
    p.placed_at = Timestamp::FromUnixSeconds(row.Int(6));
    placements.push_back(std::move(p));
  }
  return placements;
}

namespace {

// Active registrations per provider and how many of them hold a placement.
constexpr std::string_view kShareSelect =
    "SELECT r.provider_id, p.name, COUNT(*), "
    "SUM(CASE WHEN EXISTS (SELECT 1 FROM skunkworks_placements s WHERE s.registration_id = "
    "r.id) THEN 1 ELSE 0 END) FROM registrations r JOIN providers p ON p.id = r.provider_id "
    "WHERE r.status = 'active' ";

SkunkworksShare ShareFromRow(const Row& row) {
  SkunkworksShare share;
  share.provider = ProviderId(row.Int(0));
  share.provider_name = row.Text(1);
  share.active = row.Int(2);
  share.placed = row.IsNull(3) ? 0 : row.Int(3);
  return share;
}

}  // namespace

Result<SkunkworksShare> SkunkworksTable::ShareOf(ProviderId provider) {
  PSL_ASSIGN_OR_RETURN(
      Rows found, connection_.Query(std::string(kShareSelect) +
                                        "AND r.provider_id = $1 GROUP BY r.provider_id, p.name",
                                    {provider.value()}));
  if (found.empty()) {
    SkunkworksShare none;
    none.provider = provider;
    return none;
  }
  return ShareFromRow(found.front());
}

Result<std::vector<SkunkworksShare>> SkunkworksTable::Shares(int limit) {
  PSL_ASSIGN_OR_RETURN(
      Rows found,
      connection_.Query(std::string(kShareSelect) +
                            "GROUP BY r.provider_id, p.name ORDER BY r.provider_id LIMIT $1",
                        {std::int64_t{limit}}));
  std::vector<SkunkworksShare> shares;
  shares.reserve(found.size());
  for (const Row& row : found) shares.push_back(ShareFromRow(row));
  return shares;
}

Result<std::int64_t> SkunkworksTable::InsertMethodology(const SkunkworksMethodologyRecord& m) {
  PSL_ASSIGN_OR_RETURN(
      const auto id,
      connection_.InsertReturningId(
          "INSERT INTO skunkworks_methodologies (provider_id, variant, title, methodology, "
          "published_by, published_on, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {m.provider.value(), m.variant, m.title, m.methodology, IdOrNull(m.published_by),
           m.published_on.ToString(), m.published_at.unix_seconds()}));
  if (!id) return Status(ErrorCode::kInternal, "a methodology insert returned no id");
  return *id;
}

Result<bool> SkunkworksTable::MethodologyPublished(ProviderId provider, std::string_view variant) {
  PSL_ASSIGN_OR_RETURN(Rows found, connection_.Query("SELECT 1 FROM skunkworks_methodologies WHERE "
                                                     "provider_id = $1 AND variant = $2",
                                                     {provider.value(), std::string(variant)}));
  return !found.empty();
}

Result<std::vector<SkunkworksMethodologyRecord>> SkunkworksTable::Methodologies(int limit) {
  PSL_ASSIGN_OR_RETURN(
      Rows found,
      connection_.Query(
          "SELECT m.id, m.provider_id, p.name, m.variant, m.title, m.methodology, "
          "m.published_by, m.published_on, m.published_at FROM skunkworks_methodologies m "
          "JOIN providers p ON p.id = m.provider_id ORDER BY m.id LIMIT $1",
          {std::int64_t{limit}}));
  std::vector<SkunkworksMethodologyRecord> methodologies;
  methodologies.reserve(found.size());
  for (const Row& row : found) {
    SkunkworksMethodologyRecord m;
    m.id = row.Int(0);
    m.provider = ProviderId(row.Int(1));
    m.provider_name = row.Text(2);
    m.variant = row.Text(3);
    m.title = row.Text(4);
    m.methodology = row.Text(5);
    m.published_by = OptionalId<UserId>(row, 6);
    m.published_on = DateFromColumn(row, 7);
    m.published_at = Timestamp::FromUnixSeconds(row.Int(8));
    methodologies.push_back(std::move(m));
  }
  return methodologies;
}

}  // namespace psl::store
