#include "test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "psl/store/postgres/postgres_connection.h"

#ifdef PSL_TEST_WITH_SQLITE
#include "psl/store/sqlite/sqlite_connection.h"
#endif

namespace psl::store::testing {
namespace {

std::atomic<int> next_database{0};

}  // namespace

std::string EngineName(Engine engine) {
  switch (engine) {
    case Engine::kSqlite:
      return "Sqlite";
    case Engine::kPostgres:
      return "Postgres";
  }
  return "Unknown";
}

std::optional<std::string> TestDatabase::Create() {
  const std::string unique =
      std::to_string(::getpid()) + "_" + std::to_string(next_database.fetch_add(1));
  switch (engine_) {
    case Engine::kPostgres: {
      const char* server = std::getenv("PSL_TEST_POSTGRES_URL");
      if (server == nullptr || *server == '\0') {
        return "PSL_TEST_POSTGRES_URL is not set (run through scripts/with_postgres.sh)";
      }
      std::string url = server;
      auto admin = OpenPostgres(url);
      if (!admin.ok()) return "cannot connect to PostgreSQL: " + admin.status().ToString();
      admin_ = std::move(admin).value();
      schema_ = "psl_test_" + unique;
      if (Status created = admin_->ExecuteScript("CREATE SCHEMA " + schema_); !created.ok()) {
        schema_.clear();
        return "cannot create a schema: " + created.ToString();
      }
      // Select the schema in the connection string (options=-csearch_path=...), URL-encoded.
      if (url.find("://") != std::string::npos) {
        url += url.find('?') == std::string::npos ? "?" : "&";
        url += "options=-csearch_path%3D" + schema_;
      } else {
        url += " options='-csearch_path=" + schema_ + "'";
      }
      url_ = url;
      return std::nullopt;
    }
    case Engine::kSqlite: {
#ifdef PSL_TEST_WITH_SQLITE
      std::error_code error;
      std::filesystem::path folder = std::filesystem::temp_directory_path(error);
      if (error) folder = "/tmp";
      path_ = (folder / ("psl_connection_test_" + unique + ".db")).string();
      std::filesystem::remove(path_, error);
      return std::nullopt;
#else
      return "built without the SQLite adapter";
#endif
    }
  }
  return "unknown engine";
}

Result<std::unique_ptr<Connection>> TestDatabase::Open() const {
  switch (engine_) {
    case Engine::kPostgres:
      return OpenPostgres(url_);
    case Engine::kSqlite:
#ifdef PSL_TEST_WITH_SQLITE
      return OpenSqlite(path_);
#else
      break;
#endif
  }
  return Status(ErrorCode::kInternal, "engine not built");
}

TestDatabase::~TestDatabase() {
  if (admin_ != nullptr && !schema_.empty()) {
    Status dropped = admin_->ExecuteScript("DROP SCHEMA " + schema_ + " CASCADE");
    if (!dropped.ok())
      ADD_FAILURE() << "cannot drop schema " << schema_ << ": " << Describe(dropped);
  }
  if (!path_.empty()) {
    std::error_code error;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path_ + suffix, error);
    }
  }
}

std::string Describe(const SqlValue& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
  if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    return "Int " + std::to_string(*integer);
  }
  return "Text \"" + std::get<std::string>(value) + "\"";
}

::testing::AssertionResult IsInt(const SqlValue& value, std::int64_t expected) {
  const auto* integer = std::get_if<std::int64_t>(&value);
  if (integer != nullptr && *integer == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "expected Int " << expected << ", got " << Describe(value);
}

::testing::AssertionResult IsText(const SqlValue& value, const std::string& expected) {
  const auto* text = std::get_if<std::string>(&value);
  if (text != nullptr && *text == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "expected Text \"" << expected << "\", got " << Describe(value);
}

::testing::AssertionResult IsNull(const SqlValue& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected NULL, got " << Describe(value);
}

}  // namespace psl::store::testing
