// The complaint domain (REG-3, CHO-6): categories, the deadline rule, the lifecycle, overdue,
// and input validation. Expected values follow the rule documented in regulation/complaint.h:
// the deadline is the UTC filing date plus response_days (default 20), and a complaint is
// overdue when still open on a later UTC date.
#include <gtest/gtest.h>

#include <string>

#include "psl/regulation/complaint.h"

namespace psl::regulation {
namespace {

Timestamp At(std::string_view iso) {
  auto at = Timestamp::ParseIso8601(iso);
  EXPECT_TRUE(at.ok()) << iso;
  return *at;
}

Date D(std::string_view text) {
  auto date = Date::Parse(text);
  EXPECT_TRUE(date.ok()) << text;
  return *date;
}

ComplaintFiling Filing(std::optional<std::string> email = "someone@example.org") {
  ComplaintFiling filing;
  filing.provider_id = ProviderId(1);
  filing.category = ComplaintCategory::kInducements;
  filing.text = "I was offered a voucher to sign up.";
  filing.contact_email = std::move(email);
  return filing;
}

Complaint Filed(std::string_view at = "2025-01-06T09:00:00Z") {
  auto complaint = FileComplaint(Filing(), Complainant::Public(), At(at), ComplaintPolicy{});
  EXPECT_TRUE(complaint.ok()) << complaint.status().ToString();
  return *complaint;
}

TEST(ComplaintCategoryTest, EveryNameRoundTripsAndCho6HasItsTwoCategories) {
  for (ComplaintCategory category :
       {ComplaintCategory::kServiceQuality, ComplaintCategory::kSafeguarding,
        ComplaintCategory::kInducements, ComplaintCategory::kMisleadingMarketing,
        ComplaintCategory::kDataProtection, ComplaintCategory::kOther}) {
    auto parsed = ParseComplaintCategory(ComplaintCategoryName(category));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, category);
  }
  // CHO-6: a complaint category exists for inducements and for marketing.
  EXPECT_EQ(ComplaintCategoryName(ComplaintCategory::kInducements), "inducements");
  EXPECT_EQ(ComplaintCategoryName(ComplaintCategory::kMisleadingMarketing), "misleading_marketing");
}

TEST(ComplaintCategoryTest, UnknownNamesAreRefusedNamingTheFieldAndTheValidNames) {
  for (std::string_view name : {"", "bribery", "Inducements", "other "}) {
    auto parsed = ParseComplaintCategory(name);
    ASSERT_FALSE(parsed.ok()) << name;
    EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().field(), "category");
    EXPECT_NE(parsed.status().message().find("service_quality"), std::string::npos);
  }
  EXPECT_FALSE(ParseComplaintOutcome("dismissed").ok());
  EXPECT_EQ(ParseComplaintOutcome("dismissed").status().field(), "outcome");
  EXPECT_EQ(*ParseComplaintOutcome("partly_upheld"), ComplaintOutcome::kPartlyUpheld);
  EXPECT_EQ(*ParseComplaintStatus("responded"), ComplaintStatus::kResponded);
  EXPECT_FALSE(ParseComplaintStatus("pending").ok());
}

TEST(ComplaintDeadlineTest, TwentyCalendarDaysFromTheUtcFilingDateByDefault) {
  EXPECT_EQ(ComplaintPolicy{}.response_days, 20);
  EXPECT_EQ(ResponseDeadline(D("2025-01-06"), ComplaintPolicy{}), D("2025-01-26"));
  // Across a month, a year, and 29 February.
  EXPECT_EQ(ResponseDeadline(D("2025-01-20"), ComplaintPolicy{}), D("2025-02-09"));
  EXPECT_EQ(ResponseDeadline(D("2025-12-20"), ComplaintPolicy{}), D("2026-01-09"));
  EXPECT_EQ(ResponseDeadline(D("2024-02-20"), ComplaintPolicy{}), D("2024-03-11"));
  // Configurable.
  EXPECT_EQ(ResponseDeadline(D("2025-01-06"), ComplaintPolicy{5}), D("2025-01-11"));
  EXPECT_EQ(ResponseDeadline(D("2025-01-06"), ComplaintPolicy{1}), D("2025-01-07"));
}

TEST(ComplaintDeadlineTest, TheFilingInstantCountsByItsUtcDate) {
  EXPECT_EQ(Filed("2025-01-06T00:00:00Z").response_due, D("2025-01-26"));
  EXPECT_EQ(Filed("2025-01-06T23:59:59Z").response_due, D("2025-01-26"));
  EXPECT_EQ(Filed("2025-01-07T00:00:00Z").response_due, D("2025-01-27"));
}

TEST(ComplaintDeadlineTest, PolicyIsOneToThreeHundredSixtyFiveDays) {
  EXPECT_TRUE(ValidateComplaintPolicy({1}).ok());
  EXPECT_TRUE(ValidateComplaintPolicy({365}).ok());
  for (int days : {0, -1, 366}) {
    const Status status = ValidateComplaintPolicy({days});
    ASSERT_FALSE(status.ok()) << days;
    EXPECT_EQ(status.field(), "response_days");
    auto filed = FileComplaint(Filing(), Complainant::Public(), At("2025-01-06T09:00:00Z"),
                               ComplaintPolicy{days});
    EXPECT_FALSE(filed.ok()) << days;
  }
}

TEST(ComplaintOverdueTest, OverdueOnlyWhenStillOpenAfterTheDeadlineDate) {
  const Complaint open = Filed();  // due 2025-01-26
  EXPECT_FALSE(IsOverdue(open, At("2025-01-06T09:00:00Z")));
  EXPECT_FALSE(IsOverdue(open, At("2025-01-26T00:00:00Z")));
  EXPECT_FALSE(IsOverdue(open, At("2025-01-26T23:59:59Z")));  // the whole deadline day
  EXPECT_TRUE(IsOverdue(open, At("2025-01-27T00:00:00Z")));
  EXPECT_TRUE(IsOverdue(open, At("2026-06-01T00:00:00Z")));

  Complaint responded = Filed();
  ASSERT_TRUE(RecordResponse(responded, "We are looking into it.", UserId(5),
                             At("2025-01-30T10:00:00Z"))
                  .ok());  // late, but responded
  EXPECT_FALSE(IsOverdue(responded, At("2025-02-01T00:00:00Z")));

  Complaint closed = Filed();
  ASSERT_TRUE(CloseComplaint(closed, ComplaintOutcome::kWithdrawn, "Withdrawn by the complainant.",
                             UserId(2), At("2025-01-07T10:00:00Z"))
                  .ok());
  EXPECT_FALSE(IsOverdue(closed, At("2025-02-01T00:00:00Z")));
}

TEST(ComplaintLifecycleTest, OpenRespondedClosed) {
  Complaint complaint = Filed();
  EXPECT_EQ(complaint.status, ComplaintStatus::kOpen);
  EXPECT_FALSE(complaint.response.has_value());
  EXPECT_FALSE(complaint.outcome.has_value());

  ASSERT_TRUE(
      RecordResponse(complaint, "We apologise.", UserId(5), At("2025-01-10T10:00:00Z")).ok());
  EXPECT_EQ(complaint.status, ComplaintStatus::kResponded);
  EXPECT_EQ(complaint.response, "We apologise.");
  EXPECT_EQ(complaint.responded_by, UserId(5));
  EXPECT_EQ(complaint.responded_at, At("2025-01-10T10:00:00Z"));

  ASSERT_TRUE(CloseComplaint(complaint, ComplaintOutcome::kPartlyUpheld, "The offer was made.",
                             UserId(2), At("2025-01-20T10:00:00Z"))
                  .ok());
  EXPECT_EQ(complaint.status, ComplaintStatus::kClosed);
  EXPECT_EQ(complaint.outcome, ComplaintOutcome::kPartlyUpheld);
  EXPECT_EQ(complaint.outcome_reasons, "The offer was made.");
  EXPECT_EQ(complaint.closed_by, UserId(2));
  EXPECT_EQ(complaint.response, "We apologise.");  // kept
}

TEST(ComplaintLifecycleTest, OpenStraightToClosed) {
  Complaint complaint = Filed();
  ASSERT_TRUE(CloseComplaint(complaint, ComplaintOutcome::kNotUpheld, "No evidence.", UserId(),
                             At("2025-01-08T10:00:00Z"))
                  .ok());
  EXPECT_EQ(complaint.status, ComplaintStatus::kClosed);
  EXPECT_FALSE(complaint.response.has_value());
  EXPECT_FALSE(complaint.closed_by.has_value());  // the system operator is recorded as nobody
}

TEST(ComplaintLifecycleTest, EveryOtherTransitionIsRefusedAndChangesNothing) {
  // responded -> responded
  Complaint responded = Filed();
  ASSERT_TRUE(RecordResponse(responded, "First.", UserId(5), At("2025-01-10T10:00:00Z")).ok());
  const Complaint before_second = responded;
  Status second = RecordResponse(responded, "Second.", UserId(5), At("2025-01-11T10:00:00Z"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(second.message().find("already responded"), std::string::npos);
  EXPECT_EQ(responded.response, before_second.response);
  EXPECT_EQ(responded.responded_at, before_second.responded_at);

  // closed -> responded, closed -> closed
  Complaint closed = Filed();
  ASSERT_TRUE(CloseComplaint(closed, ComplaintOutcome::kUpheld, "Proven.", UserId(2),
                             At("2025-01-10T10:00:00Z"))
                  .ok());
  Status late = RecordResponse(closed, "Too late.", UserId(5), At("2025-01-11T10:00:00Z"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.code(), ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(closed.response.has_value());
  Status again = CloseComplaint(closed, ComplaintOutcome::kNotUpheld, "Changed my mind.", UserId(2),
                                At("2025-01-12T10:00:00Z"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(again.message().find("already closed"), std::string::npos);
  EXPECT_EQ(closed.outcome, ComplaintOutcome::kUpheld);
  EXPECT_EQ(closed.outcome_reasons, "Proven.");
}

TEST(ComplaintLifecycleTest, BlankResponsesAndReasonsAreRefused) {
  Complaint complaint = Filed();
  Status blank = RecordResponse(complaint, " \n ", UserId(5), At("2025-01-10T10:00:00Z"));
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.field(), "response");
  EXPECT_EQ(complaint.status, ComplaintStatus::kOpen);
  Status no_reasons = CloseComplaint(complaint, ComplaintOutcome::kUpheld, "", UserId(2),
                                     At("2025-01-10T10:00:00Z"));
  ASSERT_FALSE(no_reasons.ok());
  EXPECT_EQ(no_reasons.field(), "reasons");
  EXPECT_EQ(complaint.status, ComplaintStatus::kOpen);
}

TEST(ComplaintFilingTest, ThePublicMustGiveAContactEmail) {
  auto without = FileComplaint(Filing(std::nullopt), Complainant::Public(),
                               At("2025-01-06T09:00:00Z"), ComplaintPolicy{});
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(without.status().field(), "contact_email");
}

TEST(ComplaintFilingTest, ACitizensComplaintIsTiedToTheirRecordAndTheEmailIsOptional) {
  auto filed = FileComplaint(Filing(std::nullopt), Complainant::Citizen(UserId(7), CitizenId(3)),
                             At("2025-01-06T09:00:00Z"), ComplaintPolicy{});
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  EXPECT_EQ(filed->complainant, ComplainantKind::kCitizen);
  EXPECT_EQ(filed->citizen_id, CitizenId(3));
  EXPECT_EQ(filed->filed_by, UserId(7));
  EXPECT_FALSE(filed->contact_email.has_value());

  Complainant no_record{ComplainantKind::kCitizen, UserId(7), std::nullopt};
  auto refused = FileComplaint(Filing(), no_record, At("2025-01-06T09:00:00Z"), ComplaintPolicy{});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "citizen_id");
}

TEST(ComplaintFilingTest, TextIsOneToFiveThousandCharacters) {
  const auto file = [](std::string text) {
    ComplaintFiling filing = Filing();
    filing.text = std::move(text);
    return FileComplaint(filing, Complainant::Public(), At("2025-01-06T09:00:00Z"),
                         ComplaintPolicy{});
  };
  EXPECT_TRUE(file(std::string(5000, 'a')).ok());
  // Characters, not bytes: 5000 two-byte characters are accepted.
  std::string accented;
  for (int i = 0; i < 5000; ++i) accented += "\xC3\xA9";  // é
  EXPECT_TRUE(file(accented).ok());
  EXPECT_TRUE(file("Line one\nline two\ttabbed").ok());

  for (std::string bad :
       {std::string(), std::string("   \n\t"), std::string(5001, 'a'), std::string("bad \xC3 byte"),
        std::string("nul \x01 byte"), std::string("\xED\xA0\x80 surrogate"),
        std::string("\xC0\xAF overlong")}) {
    auto refused = file(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.status().field(), "text");
  }
  EXPECT_NE(file(std::string(5001, 'a')).status().message().find("5000"), std::string::npos);
}

TEST(ComplaintFilingTest, ContactEmailsAreCheckedSimply) {
  for (std::string_view good :
       {"a@b.co", "first.last+tag@example.org", "x_y@mail.example.co.uk", "A1@EXAMPLE.ORG"}) {
    EXPECT_TRUE(ValidateContactEmail(good).ok()) << good;
  }
  const std::string long_local = std::string(65, 'a') + "@example.org";
  const std::string too_long = "a@" + std::string(250, 'b') + ".org";
  for (std::string_view bad : std::initializer_list<std::string_view>{
           "", "a", "no-at-sign", "@example.org", "a@", "a@b", "a@@example.org", "a@b@example.org",
           "a b@example.org", "a@exa mple.org", "a@.example.org", "a@example..org",
           "a@example.org.", "a@-example.org", "a@example_org.com", "a\"b@example.org",
           std::string_view(long_local), std::string_view(too_long)}) {
    const Status status = ValidateContactEmail(bad);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(status.field(), "contact_email") << bad;
  }
  auto filed = FileComplaint(Filing("not-an-email"), Complainant::Public(),
                             At("2025-01-06T09:00:00Z"), ComplaintPolicy{});
  ASSERT_FALSE(filed.ok());
  EXPECT_EQ(filed.status().field(), "contact_email");
}

TEST(ComplaintFilingTest, TheProviderMustBeNamed) {
  ComplaintFiling filing = Filing();
  filing.provider_id = ProviderId();
  auto refused =
      FileComplaint(filing, Complainant::Public(), At("2025-01-06T09:00:00Z"), ComplaintPolicy{});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "provider_id");
}

}  // namespace
}  // namespace psl::regulation
