// Tests for psl::Status, psl::Result and the PSL_RETURN_IF_ERROR / PSL_ASSIGN_OR_RETURN macros
// (src/psl/core/result.h: errors travel without exceptions).
#include "psl/core/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "test_support.h"

namespace psl {
namespace {

TEST(Status, OkAndError) {
  EXPECT_TRUE(Status().ok());
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_EQ(Status::Ok().ToString(), "ok");

  const Status error(ErrorCode::kNotFound, "no such provider", "provider_id");
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.code(), ErrorCode::kNotFound);
  EXPECT_EQ(error.message(), "no such provider");
  EXPECT_EQ(error.field(), "provider_id");
  EXPECT_EQ(error.ToString(), "not_found: no such provider (field: provider_id)");
  EXPECT_EQ(Status(ErrorCode::kOverflow, "too big").ToString(), "overflow: too big");
}

TEST(Status, ErrorCodeNamesAreDistinct) {
  // result.h: each code maps to one HTTP status and one CLI exit code, so names must differ.
  std::set<std::string_view> names;
  for (ErrorCode code :
       {ErrorCode::kInvalidArgument, ErrorCode::kNotFound, ErrorCode::kAlreadyExists,
        ErrorCode::kConflict, ErrorCode::kFailedPrecondition, ErrorCode::kUnauthenticated,
        ErrorCode::kPermissionDenied, ErrorCode::kResourceExhausted, ErrorCode::kOverflow,
        ErrorCode::kUnavailable, ErrorCode::kInternal}) {
    names.insert(ErrorCodeName(code));
  }
  EXPECT_EQ(names.size(), 11u);
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInternal), "internal");
}

TEST(Result, HoldsAValueOrAnError) {
  Result<int> good = 42;
  EXPECT_TRUE(good.ok());
  EXPECT_TRUE(static_cast<bool>(good));
  EXPECT_EQ(good.value(), 42);
  EXPECT_EQ(*good, 42);
  *good = 7;
  EXPECT_EQ(good.value(), 7);

  Result<std::string> text = std::string("hello");
  EXPECT_EQ(text->size(), 5u);
  EXPECT_EQ(std::move(text).value(), "hello");

  Result<int> bad = Status(ErrorCode::kConflict, "lost a race");
  EXPECT_FALSE(bad.ok());
  EXPECT_FALSE(static_cast<bool>(bad));
  EXPECT_EQ(bad.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(bad.status().message(), "lost a race");
  EXPECT_EQ(std::move(bad).status().code(), ErrorCode::kConflict);
}

TEST(ResultDeathTest, MisuseIsAProgrammerError) {
  // result.h: a Result cannot hold an OK status; value() of an error and status() of a value
  // are programmer errors (PSL_CHECK aborts).
  EXPECT_DEATH(
      {
        Result<int> r = Status::Ok();
        (void)r;
      },
      "cannot hold an OK status");
  EXPECT_DEATH(
      {
        Result<int> r = Status(ErrorCode::kInternal, "x");
        (void)r.value();
      },
      "value\\(\\) of an error Result");
  EXPECT_DEATH(
      {
        Result<int> r = 1;
        (void)r.status();
      },
      "status\\(\\) of an OK Result");
  EXPECT_DEATH((void)Status().code(), "code\\(\\) of an OK status");
}

// Helpers exercising the macros.

Status Check(bool fail) {
  if (fail) return Status(ErrorCode::kFailedPrecondition, "check failed", "field.a");
  return Status::Ok();
}

Result<int> Half(int value) {
  if (value % 2 != 0) return Status(ErrorCode::kInvalidArgument, "odd: " + std::to_string(value));
  return value / 2;
}

int steps_after_return_if_error = 0;

Status TwoChecks(bool fail_first, bool fail_second) {
  PSL_RETURN_IF_ERROR(Check(fail_first));
  ++steps_after_return_if_error;
  PSL_RETURN_IF_ERROR(Check(fail_second));
  ++steps_after_return_if_error;
  return Status::Ok();
}

Result<int> Quarter(int value) {
  PSL_ASSIGN_OR_RETURN(const int half, Half(value));
  PSL_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

Result<int> ReassignExisting(int value) {
  int current = 0;
  PSL_ASSIGN_OR_RETURN(current, Half(value));
  return current + 1;
}

Result<std::unique_ptr<int>> MakeBox(int value) {
  if (value < 0) return Status(ErrorCode::kInvalidArgument, "negative");
  return std::make_unique<int>(value);
}

Result<int> Unbox(int value) {
  // Move-only values pass through PSL_ASSIGN_OR_RETURN.
  PSL_ASSIGN_OR_RETURN(std::unique_ptr<int> box, MakeBox(value));
  return *box * 10;
}

Status StatusFromResult(int value) {
  PSL_ASSIGN_OR_RETURN([[maybe_unused]] int half, Half(value));
  return Status::Ok();
}

TEST(Macros, ReturnIfErrorPropagatesTheFirstError) {
  steps_after_return_if_error = 0;
  EXPECT_TRUE(TwoChecks(false, false).ok());
  EXPECT_EQ(steps_after_return_if_error, 2);

  steps_after_return_if_error = 0;
  const Status first = TwoChecks(true, false);
  EXPECT_FALSE(first.ok());
  EXPECT_EQ(first.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(first.field(), "field.a");
  EXPECT_EQ(steps_after_return_if_error, 0);  // stopped before the next statement

  steps_after_return_if_error = 0;
  EXPECT_FALSE(TwoChecks(false, true).ok());
  EXPECT_EQ(steps_after_return_if_error, 1);
}

TEST(Macros, AssignOrReturnPropagatesOrAssigns) {
  EXPECT_EQ(Quarter(12).value(), 3);
  const auto odd_first = Quarter(7);
  ASSERT_FALSE(odd_first.ok());
  EXPECT_EQ(odd_first.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(odd_first.status().message(), "odd: 7");
  const auto odd_second = Quarter(6);  // 6 / 2 = 3 is odd
  ASSERT_FALSE(odd_second.ok());
  EXPECT_EQ(odd_second.status().message(), "odd: 3");

  EXPECT_EQ(ReassignExisting(8).value(), 5);
  EXPECT_FALSE(ReassignExisting(9).ok());

  EXPECT_EQ(Unbox(4).value(), 40);
  EXPECT_EQ(Unbox(-1).status().message(), "negative");

  EXPECT_TRUE(StatusFromResult(2).ok());
  EXPECT_EQ(StatusFromResult(3).code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace psl
