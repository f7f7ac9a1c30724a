// PostgreSQL-only behaviour of the adapter: type conversion, connection loss, races, and the
// prepared-statement cache. Runs when PSL_TEST_POSTGRES_URL is set (scripts/with_postgres.sh).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "psl/store/connection.h"
#include "psl/store/postgres/postgres_connection.h"
#include "test_database.h"

namespace psl::store::testing {
namespace {

class PostgresOnly : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::optional<std::string> skip = database_.Create()) GTEST_SKIP() << *skip;
    ASSERT_OK_AND_ASSIGN(connection_, database_.Open());
    ASSERT_OK(db().ExecuteScript("CREATE TABLE vals (k TEXT PRIMARY KEY, n BIGINT, t TEXT)"));
  }

  Connection& db() { return *connection_; }

  Result<Rows> Row1(std::string_view sql, std::initializer_list<SqlValue> parameters = {}) {
    auto rows = db().Query(sql, parameters);
    if (rows.ok() && rows->size() != 1) {
      return Status(ErrorCode::kInternal, "expected one row, got " + std::to_string(rows->size()));
    }
    return rows;
  }

  // Ends `victim`'s server session from another connection, as a crash or restart would.
  void Terminate(Connection& victim) {
    ASSERT_OK_AND_ASSIGN(Rows pid, victim.Query("SELECT pg_backend_pid()"));
    ASSERT_EQ(pid.size(), 1u);
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Connection> killer, database_.Open());
    // The second argument waits (up to 10 s) until the session is gone.
    ASSERT_OK(killer->Query("SELECT pg_terminate_backend($1::int, 10000)", {pid[0].Int(0)}));
  }

  TestDatabase database_{Engine::kPostgres};
  std::unique_ptr<Connection> connection_;
};

TEST_F(PostgresOnly, ConvertsIntegerTypesAndWholeNumerics) {
  ASSERT_OK_AND_ASSIGN(Rows rows, Row1("SELECT 2::int2, 3::int4, 4::int8, 5::numeric, -6::numeric, "
                                       "5.50::numeric, 'NaN'::numeric, true, 1.5::float8, 7::oid, "
                                       "'2024-02-29'::date"));
  const Row& row = rows[0];
  ASSERT_EQ(row.size(), 11u);
  EXPECT_TRUE(IsInt(row.Value(0), 2));
  EXPECT_TRUE(IsInt(row.Value(1), 3));
  EXPECT_TRUE(IsInt(row.Value(2), 4));
  EXPECT_TRUE(IsInt(row.Value(3), 5));
  EXPECT_TRUE(IsInt(row.Value(4), -6));
  EXPECT_TRUE(IsText(row.Value(5), "5.50"));
  EXPECT_TRUE(IsText(row.Value(6), "NaN"));
  EXPECT_TRUE(IsText(row.Value(7), "t"));
  EXPECT_TRUE(IsText(row.Value(8), "1.5"));
  EXPECT_TRUE(IsText(row.Value(9), "7"));
  EXPECT_TRUE(IsText(row.Value(10), "2024-02-29"));
  // Text parameters take the type the context asks for.
  ASSERT_OK_AND_ASSIGN(Rows dates, Row1("SELECT $1::date + 1", {"2024-02-28"}));
  EXPECT_TRUE(IsText(dates[0].Value(0), "2024-02-29"));
  ASSERT_OK_AND_ASSIGN(Rows average, Row1("SELECT AVG(x) FROM (VALUES (1), (2)) AS v(x)"));
  EXPECT_TRUE(IsText(average[0].Value(0), "1.5000000000000000"));
}

TEST_F(PostgresOnly, SumBeyond64BitsIsOverflow) {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  ASSERT_OK(db().Execute("INSERT INTO vals (k, n) VALUES ('a', $1), ('b', $1)", {max}));
  EXPECT_CODE(db().Query("SELECT SUM(n) FROM vals"), ErrorCode::kOverflow);
  EXPECT_CODE(db().Query("SELECT 99999999999999999999::numeric"), ErrorCode::kOverflow);
  ASSERT_OK_AND_ASSIGN(Rows rows, Row1("SELECT SUM(n) - $1 FROM vals", {max}));
  EXPECT_TRUE(IsInt(rows[0].Value(0), max));
}

TEST_F(PostgresOnly, MalformedUrlIsInvalidArgument) {
  EXPECT_CODE(OpenPostgres("not a connection string"), ErrorCode::kInvalidArgument);
  EXPECT_CODE(OpenPostgres("postgresql://host/db?no_such_option=1"), ErrorCode::kInvalidArgument);
  EXPECT_CODE(OpenPostgres(std::string_view("host=a\0b", 8)), ErrorCode::kInvalidArgument);
}

TEST_F(PostgresOnly, UnreachableServerIsUnavailable) {
  // Port 1 on the loopback interface: nothing listens there, so the connect fails at once.
  EXPECT_CODE(OpenPostgres("postgresql://postgres@127.0.0.1:1/postgres"), ErrorCode::kUnavailable);
  EXPECT_CODE(OpenPostgres("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2"),
              ErrorCode::kUnavailable);
}

TEST_F(PostgresOnly, UnknownDatabaseIsUnavailable) {
  const char* server = std::getenv("PSL_TEST_POSTGRES_URL");
  std::string url = server;
  url = url.substr(0, url.rfind('/')) + "/psl_no_such_database";
  EXPECT_CODE(OpenPostgres(url), ErrorCode::kUnavailable);
}

TEST_F(PostgresOnly, LostConnectionIsUnavailableThenReconnects) {
  ASSERT_OK(db().Execute("INSERT INTO vals (k) VALUES ('a')"));
  Terminate(db());
  EXPECT_CODE(db().Query("SELECT COUNT(*) FROM vals"), ErrorCode::kUnavailable);
  // The next call opens a new session, with the same settings (schema from the URL).
  ASSERT_OK_AND_ASSIGN(Rows rows, Row1("SELECT COUNT(*) FROM vals"));
  EXPECT_TRUE(IsInt(rows[0].Value(0), 1));
  ASSERT_OK_AND_ASSIGN(Rows setting, Row1("SELECT current_setting('client_min_messages')"));
  EXPECT_TRUE(IsText(setting[0].Value(0), "warning"));
}

TEST_F(PostgresOnly, LostConnectionInsideTransactionFailsUntilTheTransactionEnds) {
  ASSERT_OK(db().Begin(/*write=*/true));
  ASSERT_OK(db().Execute("INSERT INTO vals (k) VALUES ('lost')"));
  Terminate(db());
  EXPECT_CODE(db().Execute("INSERT INTO vals (k) VALUES ('after')"), ErrorCode::kUnavailable);
  // No silent reconnect: the rest of the transaction must not run on its own.
  EXPECT_CODE(db().Execute("INSERT INTO vals (k) VALUES ('after')"), ErrorCode::kUnavailable);
  EXPECT_CODE(db().Commit(), ErrorCode::kUnavailable);
  ASSERT_OK_AND_ASSIGN(Rows rows, Row1("SELECT COUNT(*) FROM vals"));
  EXPECT_TRUE(IsInt(rows[0].Value(0), 0));

  // Rollback after a loss succeeds: the server discarded the work already.
  ASSERT_OK(db().Begin(/*write=*/true));
  ASSERT_OK(db().Execute("INSERT INTO vals (k) VALUES ('lost')"));
  Terminate(db());
  EXPECT_OK(db().Rollback());
  ASSERT_OK(db().Execute("INSERT INTO vals (k) VALUES ('kept')"));
  ASSERT_OK_AND_ASSIGN(Rows kept, Row1("SELECT k FROM vals"));
  EXPECT_TRUE(IsText(kept[0].Value(0), "kept"));
}

TEST_F(PostgresOnly, CommitAfterAFailedStatementReportsTheRollback) {
  ASSERT_OK(db().Execute("INSERT INTO vals (k) VALUES ('a')"));
  ASSERT_OK(db().Begin(/*write=*/true));
  ASSERT_OK(db().Execute("INSERT INTO vals (k) VALUES ('b')"));
  EXPECT_CODE(db().Execute("INSERT INTO vals (k) VALUES ('a')"), ErrorCode::kAlreadyExists);
  // The transaction is aborted: later statements fail, and Commit says it did not commit.
  EXPECT_FALSE(db().Execute("INSERT INTO vals (k) VALUES ('c')").ok());
  EXPECT_CODE(db().Commit(), ErrorCode::kInternal);
  EXPECT_OK(db().Rollback());  // nothing left to roll back, and no harm done
  ASSERT_OK_AND_ASSIGN(Rows rows, Row1("SELECT COUNT(*) FROM vals"));
  EXPECT_TRUE(IsInt(rows[0].Value(0), 1));
}

TEST_F(PostgresOnly, SerializationFailureIsConflict) {
  ASSERT_OK(db().Execute("INSERT INTO vals (k, n) VALUES ('a', 1)"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Connection> other, database_.Open());
  ASSERT_OK(db().Begin(/*write=*/true));
  ASSERT_OK(db().Execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
  ASSERT_OK(db().Query("SELECT n FROM vals WHERE k = 'a'"));  // takes the snapshot
  ASSERT_OK(other->Execute("UPDATE vals SET n = 2 WHERE k = 'a'"));
  EXPECT_CODE(db().Execute("UPDATE vals SET n = 3 WHERE k = 'a'"), ErrorCode::kConflict);
  ASSERT_OK(db().Rollback());
  ASSERT_OK_AND_ASSIGN(Rows rows, Row1("SELECT n FROM vals WHERE k = 'a'"));
  EXPECT_TRUE(IsInt(rows[0].Value(0), 2));
}

TEST_F(PostgresOnly, LockTimeoutIsUnavailable) {
  ASSERT_OK(db().Execute("INSERT INTO vals (k, n) VALUES ('a', 1)"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Connection> other, database_.Open());
  ASSERT_OK(other->Begin(/*write=*/true));
  ASSERT_OK(other->Execute("UPDATE vals SET n = 2 WHERE k = 'a'"));
  ASSERT_OK(db().Begin(/*write=*/true));
  EXPECT_CODE(db().Query("SELECT n FROM vals WHERE k = 'a' FOR UPDATE NOWAIT"),
              ErrorCode::kUnavailable);
  ASSERT_OK(db().Rollback());
  ASSERT_OK(other->Commit());
}

TEST_F(PostgresOnly, NulInTextIsInvalidArgument) {
  EXPECT_CODE(db().Execute("INSERT INTO vals (k) VALUES ($1)", {std::string("a\0b", 3)}),
              ErrorCode::kInvalidArgument);
  EXPECT_CODE(db().Query(std::string_view("SELECT 1\0", 9)), ErrorCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(Rows rows, Row1("SELECT COUNT(*) FROM vals"));
  EXPECT_TRUE(IsInt(rows[0].Value(0), 0));
}

TEST_F(PostgresOnly, InvalidUtf8IsRejected) {
  EXPECT_CODE(db().Execute("INSERT INTO vals (k) VALUES ($1)", {std::string("\xff\xfe")}),
              ErrorCode::kInternal);
}

TEST_F(PostgresOnly, SameSqlWithDifferentParameterTypes) {
  // One SQL text, first with an integer, then with NULL, then text: each shape is prepared apart.
  ASSERT_OK_AND_ASSIGN(Rows integer, Row1("SELECT $1", {std::int64_t{1}}));
  EXPECT_TRUE(IsInt(integer[0].Value(0), 1));
  ASSERT_OK_AND_ASSIGN(Rows null, Row1("SELECT $1", {nullptr}));
  EXPECT_TRUE(IsNull(null[0].Value(0)));
  ASSERT_OK_AND_ASSIGN(Rows text, Row1("SELECT $1", {"one"}));
  EXPECT_TRUE(IsText(text[0].Value(0), "one"));
  ASSERT_OK_AND_ASSIGN(Rows again, Row1("SELECT $1", {std::int64_t{2}}));
  EXPECT_TRUE(IsInt(again[0].Value(0), 2));
  // Text into a BIGINT column is converted by the server, as SQLite's affinity would.
  ASSERT_OK(db().Execute("INSERT INTO vals (k, n) VALUES ($1, $2)", {"a", "42"}));
  ASSERT_OK_AND_ASSIGN(Rows stored, Row1("SELECT n FROM vals"));
  EXPECT_TRUE(IsInt(stored[0].Value(0), 42));
}

TEST_F(PostgresOnly, ParameterCountMismatchIsInternal) {
  EXPECT_CODE(db().Query("SELECT $1::bigint + $2::bigint", {std::int64_t{1}}),
              ErrorCode::kInternal);
  EXPECT_CODE(db().Query("SELECT 1; SELECT 2"), ErrorCode::kInternal);
  ASSERT_OK(Row1("SELECT 1"));
}

TEST_F(PostgresOnly, PreparedStatementsSurviveDeallocateAndManyDistinctTexts) {
  ASSERT_OK(Row1("SELECT COUNT(*) FROM vals"));
  ASSERT_OK(db().ExecuteScript("DEALLOCATE ALL"));
  ASSERT_OK(Row1("SELECT COUNT(*) FROM vals"));
  // More distinct texts than the cache holds.
  for (int i = 0; i < 600; ++i) {
    ASSERT_OK_AND_ASSIGN(Rows rows,
                         Row1("SELECT $1::bigint + " + std::to_string(i), {std::int64_t{1}}));
    ASSERT_TRUE(IsInt(rows[0].Value(0), i + 1));
  }
  ASSERT_OK_AND_ASSIGN(Rows prepared, Row1("SELECT COUNT(*) FROM pg_prepared_statements"));
  ASSERT_TRUE(std::holds_alternative<std::int64_t>(prepared[0].Value(0)));
  EXPECT_LE(prepared[0].Int(0), 513);
}

TEST_F(PostgresOnly, SchemaChangeInsideATransactionDoesNotLoseWork) {
  ASSERT_OK(db().Execute("INSERT INTO vals (k, n) VALUES ('a', 1)"));
  ASSERT_OK(Row1("SELECT * FROM vals"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Connection> other, database_.Open());
  ASSERT_OK(other->ExecuteScript("ALTER TABLE vals ADD COLUMN extra BIGINT"));
  ASSERT_OK(db().Begin(/*write=*/true));
  ASSERT_OK(db().Execute("INSERT INTO vals (k, n) VALUES ('b', 2)"));
  // The cached SELECT * is stale; inside a transaction it may fail but must not be half-run.
  auto rows = db().Query("SELECT * FROM vals ORDER BY k");
  if (rows.ok()) {
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].size(), 4u);
    ASSERT_OK(db().Commit());
  } else {
    ASSERT_OK(db().Rollback());
  }
  ASSERT_OK_AND_ASSIGN(Rows after, db().Query("SELECT * FROM vals ORDER BY k"));
  ASSERT_FALSE(after.empty());
  EXPECT_EQ(after[0].size(), 4u);
}

TEST_F(PostgresOnly, DestroyingMidTransactionRollsBack) {
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Connection> doomed, database_.Open());
    ASSERT_OK(doomed->Begin(/*write=*/true));
    ASSERT_OK(doomed->Execute("INSERT INTO vals (k) VALUES ('a')"));
  }
  ASSERT_OK_AND_ASSIGN(Rows rows, Row1("SELECT COUNT(*) FROM vals"));
  EXPECT_TRUE(IsInt(rows[0].Value(0), 0));
}

}  // namespace
}  // namespace psl::store::testing
