// Versioned schema migrations. Each migration runs once, in its own transaction, and is
// recorded in schema_migrations; `psl migrate` and `psl serve` apply whatever is missing.
// Migrations are append-only: never edit one that has shipped, add the next version.
#pragma once

#include <span>
#include <string_view>

#include "psl/store/connection.h"

namespace psl::store {

struct Migration {
  int version;
  std::string_view name;
  // Runs on both engines after {{ID}} is replaced by the engine's auto-increment primary key.
  std::string_view portable_sql;
  std::string_view sqlite_sql;    // engine-specific extras (triggers), may be empty
  std::string_view postgres_sql;  // engine-specific extras (triggers), may be empty
};

std::span<const Migration> AllMigrations();

// Each area's schema lives beside its tables; AllMigrations() lists them in version order.
extern const Migration kLicensingMigration;   // version 2, migrations_licensing.cc
extern const Migration kInspectionMigration;  // version 3, migrations_inspections.cc
extern const Migration kComplaintMigration;   // version 4, migrations_complaints.cc
extern const Migration kAppealMigration;      // version 5, migrations_appeals.cc
extern const Migration kJourneyMigration;     // version 6, migrations_journey.cc
extern const Migration kPaymentMigration;     // version 7, migrations_payment.cc

// The highest applied version (0 for an empty database).
Result<int> CurrentSchemaVersion(Connection& connection);

// Applies every missing migration in order. kFailedPrecondition when the database is newer
// than this program (a version it does not know), so an old binary never writes a new schema.
// `now_unix_seconds` is recorded as the time each migration was applied.
Status MigrateToLatest(Connection& connection, std::int64_t now_unix_seconds);

}  // namespace psl::store
