// The PostgreSQL implementation of Connection, over libpq.
//
// Parameters travel as text: integers as decimal text declared int8 (so `SELECT $1` gives an
// integer back, as on SQLite), text declared `unknown` (the server infers the type from the
// context, so text compares with dates and other columns), NULL as a null pointer. Results come
// back as text and are converted: int2/int4/int8 and numeric values without a fraction (SUM,
// for instance) become integers, everything else text.
//
// Differences from SQLite that callers must keep in mind:
// - an error inside a transaction aborts the whole transaction: later statements fail and
//   Commit() reports the abort (kInternal, after rolling back), so after an error inside a
//   transaction the only useful next step is Rollback();
// - text cannot hold a NUL character (rejected as kInvalidArgument).
//
// A lost connection is reported as kUnavailable. Outside a transaction the next call reconnects;
// inside one, every call fails until Commit() or Rollback() ends the transaction, so a caller
// never mistakes half a transaction for a whole one. Rollback() without an open transaction
// does nothing and succeeds (as on SQLite).
//
// Statements are prepared on first use and kept per connection, keyed by SQL text and parameter
// types; one that went stale (a schema change altered its result columns) is prepared again.
#pragma once

#include <memory>
#include <string_view>

#include "psl/core/result.h"
#include "psl/store/connection.h"

namespace psl::store {

// Connects to `url`, a libpq connection string such as postgresql://user@127.0.0.1:5432/dbname
// (key=value strings work too). A malformed string is kInvalidArgument; a server that cannot be
// reached or refuses the login is kUnavailable. A connect timeout of 10 seconds applies unless
// the string sets connect_timeout itself.
Result<std::unique_ptr<Connection>> OpenPostgres(std::string_view url);

}  // namespace psl::store
