// A scratch database per test, on any engine, and assertion helpers for Status and rows.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "psl/core/result.h"
#include "psl/store/connection.h"

namespace psl::store::testing {

enum class Engine { kSqlite, kPostgres };

std::string EngineName(Engine engine);

// PostgreSQL: a fresh schema in the database named by PSL_TEST_POSTGRES_URL, dropped at the
// end, and selected through the connection string so that reconnects keep it. SQLite: a fresh
// file in the temporary folder, deleted at the end.
class TestDatabase {
 public:
  explicit TestDatabase(Engine engine) : engine_(engine) {}
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Why the engine cannot be used here (to skip the test), or nullopt once it is ready.
  std::optional<std::string> Create();

  // A new connection to the scratch database.
  Result<std::unique_ptr<Connection>> Open() const;

  Engine engine() const { return engine_; }

  // The scratch database as a psl::store::Store URL ("sqlite:PATH" or "postgresql://...").
  std::string StoreUrl() const { return engine_ == Engine::kSqlite ? "sqlite:" + path_ : url_; }

 private:
  Engine engine_;
  std::string url_;                    // PostgreSQL: server URL with the schema selected
  std::string schema_;                 // PostgreSQL: the scratch schema
  std::unique_ptr<Connection> admin_;  // PostgreSQL: creates and drops the schema
  std::string path_;                   // SQLite: the database file
};

inline std::string Describe(const Status& status) { return status.ToString(); }
template <typename T>
std::string Describe(const Result<T>& result) {
  return result.ok() ? std::string("ok") : result.status().ToString();
}

std::string Describe(const SqlValue& value);

// Gtest assertions on a value: checks the type before reading it, so a wrong type fails the
// test instead of tripping PSL_CHECK.
::testing::AssertionResult IsInt(const SqlValue& value, std::int64_t expected);
::testing::AssertionResult IsText(const SqlValue& value, const std::string& expected);
::testing::AssertionResult IsNull(const SqlValue& value);

}  // namespace psl::store::testing

#define PSL_TEST_CONCAT_INNER(a, b) a##b
#define PSL_TEST_CONCAT(a, b) PSL_TEST_CONCAT_INNER(a, b)

#define ASSERT_OK(expression)                                                                \
  do {                                                                                       \
    const auto& psl_test_result_ = (expression);                                             \
    ASSERT_TRUE(psl_test_result_.ok()) << ::psl::store::testing::Describe(psl_test_result_); \
  } while (false)

#define EXPECT_OK(expression)                                                                \
  do {                                                                                       \
    const auto& psl_test_result_ = (expression);                                             \
    EXPECT_TRUE(psl_test_result_.ok()) << ::psl::store::testing::Describe(psl_test_result_); \
  } while (false)

// Expects an error with the given ErrorCode.
#define EXPECT_CODE(expression, expected_code)                                                     \
  do {                                                                                             \
    const auto& psl_test_result_ = (expression);                                                   \
    if (psl_test_result_.ok()) {                                                                   \
      ADD_FAILURE() << #expression " succeeded; expected " << ::psl::ErrorCodeName(expected_code); \
    } else {                                                                                       \
      EXPECT_EQ(::psl::ErrorCodeName(::psl::store::testing::CodeOf(psl_test_result_)),             \
                ::psl::ErrorCodeName(expected_code))                                               \
          << ::psl::store::testing::Describe(psl_test_result_);                                    \
    }                                                                                              \
  } while (false)

// Declares `lhs` from a Result, or fails the test with the error.
#define ASSERT_OK_AND_ASSIGN(lhs, expression)                                         \
  auto PSL_TEST_CONCAT(psl_test_value_, __LINE__) = (expression);                     \
  ASSERT_TRUE(PSL_TEST_CONCAT(psl_test_value_, __LINE__).ok())                        \
      << ::psl::store::testing::Describe(PSL_TEST_CONCAT(psl_test_value_, __LINE__)); \
  lhs = std::move(PSL_TEST_CONCAT(psl_test_value_, __LINE__)).value()

namespace psl::store::testing {

inline ErrorCode CodeOf(const Status& status) { return status.code(); }
template <typename T>
ErrorCode CodeOf(const Result<T>& result) {
  return result.status().code();
}

}  // namespace psl::store::testing
