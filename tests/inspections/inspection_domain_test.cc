// The mystery-shopping rules (REG-2) as pure functions: the default rubric, validation naming
// the field, the overall score, adverse flags, visibility and editing.
#include <gtest/gtest.h>

#include "psl/regulation/inspection.h"

namespace psl::regulation {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

const Date kToday = D("2025-01-06");

VisitRecord CompleteRecord() {
  VisitRecord record;
  record.provider_id = ProviderId(7);
  record.visit_date = D("2025-01-03");
  record.answers = {{"courtesy", Answer::Score(4)},
                    {"accessibility", Answer::Score(4)},
                    {"accuracy_of_information", Answer::Score(3)},
                    {"safeguarding", Answer::Score(5)},
                    {"inducements_offered", Answer::Flag(false)},
                    {"marketing_within_guidelines", Answer::Flag(true)}};
  record.finding = "Friendly reception; the leaflet overstated job outcomes.";
  return record;
}

access::Principal Person(access::Role role, std::int64_t id) {
  return access::Principal{UserId(id), "someone", role, {}, {}};
}

TEST(Rubric, TheDefaultHasTheCriteriaOfReg2AndCho6) {
  const Rubric rubric = DefaultRubric();
  EXPECT_EQ(rubric.version, 1);
  ASSERT_TRUE(ValidateRubric(rubric).ok()) << ValidateRubric(rubric).ToString();
  std::vector<std::string> keys;
  for (const Criterion& criterion : rubric.criteria) keys.push_back(criterion.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"courtesy", "accessibility", "accuracy_of_information",
                                            "safeguarding", "inducements_offered",
                                            "marketing_within_guidelines"}));
  // CHO-6: being offered an inducement is a finding against the provider.
  ASSERT_NE(rubric.Find("inducements_offered"), nullptr);
  EXPECT_EQ(rubric.Find("inducements_offered")->kind, CriterionKind::kFlag);
  EXPECT_EQ(rubric.Find("inducements_offered")->adverse_answer, true);
  EXPECT_EQ(rubric.Find("marketing_within_guidelines")->adverse_answer, false);
  EXPECT_EQ(rubric.Find("courtesy")->kind, CriterionKind::kScore);
  EXPECT_EQ(rubric.Find("nonsense"), nullptr);
}

TEST(Rubric, ValidationNamesTheField) {
  Rubric rubric = DefaultRubric();
  rubric.criteria[2].key = "Bad Key";
  EXPECT_EQ(ValidateRubric(rubric).field(), "criteria[2].key");

  rubric = DefaultRubric();
  rubric.criteria[3].key = "courtesy";
  EXPECT_EQ(ValidateRubric(rubric).field(), "criteria[3].key");

  rubric = DefaultRubric();
  rubric.criteria[1].label = "";
  EXPECT_EQ(ValidateRubric(rubric).field(), "criteria[1].label");

  rubric = DefaultRubric();
  rubric.criteria[4].adverse_answer.reset();
  EXPECT_EQ(ValidateRubric(rubric).field(), "criteria[4].adverse_answer");

  rubric = DefaultRubric();
  rubric.criteria[0].adverse_answer = true;
  EXPECT_EQ(ValidateRubric(rubric).field(), "criteria[0].adverse_answer");

  rubric.criteria.clear();
  EXPECT_EQ(ValidateRubric(rubric).field(), "criteria");

  // Flags alone give no overall score.
  rubric.criteria = {{"inducements_offered", "Inducements?", CriterionKind::kFlag, true}};
  EXPECT_EQ(ValidateRubric(rubric).field(), "criteria");

  rubric.criteria.assign(kMaxCriteria + 1, {"x", "X", CriterionKind::kScore, std::nullopt});
  EXPECT_EQ(ValidateRubric(rubric).field(), "criteria");
}

TEST(VisitRecord, ACompleteRecordIsValid) {
  EXPECT_TRUE(ValidateVisitRecord(DefaultRubric(), CompleteRecord(), kToday).ok());
  VisitRecord partial = CompleteRecord();
  partial.answers.erase("safeguarding");
  partial.finding.clear();
  EXPECT_TRUE(ValidateVisitRecord(DefaultRubric(), partial, kToday).ok())
      << "drafts may be partial";
  VisitRecord today = CompleteRecord();
  today.visit_date = kToday;
  EXPECT_TRUE(ValidateVisitRecord(DefaultRubric(), today, kToday).ok());
}

TEST(VisitRecord, ValidationNamesTheField) {
  const Rubric rubric = DefaultRubric();
  struct Case {
    const char* what;
    void (*change)(VisitRecord&);
    const char* field;
  };
  const Case cases[] = {
      {"score 0", [](VisitRecord& r) { r.answers["courtesy"] = Answer::Score(0); },
       "scores.courtesy"},
      {"score 6", [](VisitRecord& r) { r.answers["safeguarding"] = Answer::Score(6); },
       "scores.safeguarding"},
      {"unknown criterion", [](VisitRecord& r) { r.answers["tidiness"] = Answer::Score(3); },
       "scores.tidiness"},
      {"a flag for a score", [](VisitRecord& r) { r.answers["courtesy"] = Answer::Flag(true); },
       "scores.courtesy"},
      {"a score for a flag",
       [](VisitRecord& r) { r.answers["inducements_offered"] = Answer::Score(1); },
       "scores.inducements_offered"},
      {"a future visit", [](VisitRecord& r) { r.visit_date = D("2025-01-07"); }, "visit_date"},
      {"no provider", [](VisitRecord& r) { r.provider_id = ProviderId(); }, "provider_id"},
      {"a long finding", [](VisitRecord& r) { r.finding.assign(kMaxFindingLength + 1, 'x'); },
       "finding"},
  };
  for (const Case& test : cases) {
    VisitRecord record = CompleteRecord();
    test.change(record);
    const Status status = ValidateVisitRecord(rubric, record, kToday);
    ASSERT_FALSE(status.ok()) << test.what;
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << test.what;
    EXPECT_EQ(status.field(), test.field) << test.what;
  }
  VisitRecord longest = CompleteRecord();
  longest.finding.assign(kMaxFindingLength, 'x');
  EXPECT_TRUE(ValidateVisitRecord(rubric, longest, kToday).ok());
}

TEST(OverallScore, IsTheMeanOfTheScoresInTenthsRoundedHalfUp) {
  // 4 + 4 + 3 + 5 = 16 over 4 = 4.0; the flags do not count.
  EXPECT_EQ(OverallScoreTenths(CompleteRecord().answers), 40);
  // 4, 4, 3: 3.666... -> 3.7.
  Answers answers = {{"a", Answer::Score(4)}, {"b", Answer::Score(4)}, {"c", Answer::Score(3)}};
  EXPECT_EQ(OverallScoreTenths(answers), 37);
  // 1, 2, 2, 2: 1.75 -> 1.8 (half up).
  answers = {{"a", Answer::Score(1)},
             {"b", Answer::Score(2)},
             {"c", Answer::Score(2)},
             {"d", Answer::Score(2)}};
  EXPECT_EQ(OverallScoreTenths(answers), 18);
  // 3, 3, 4: 3.333... -> 3.3.
  answers = {{"a", Answer::Score(3)}, {"b", Answer::Score(3)}, {"c", Answer::Score(4)}};
  EXPECT_EQ(OverallScoreTenths(answers), 33);
  answers = {{"a", Answer::Score(5)}};
  EXPECT_EQ(OverallScoreTenths(answers), 50);
  answers = {{"f", Answer::Flag(true)}};
  EXPECT_EQ(OverallScoreTenths(answers), std::nullopt);
  EXPECT_EQ(OverallScoreTenths({}), std::nullopt);
  EXPECT_EQ(FormatTenths(37), "3.7");
  EXPECT_EQ(FormatTenths(50), "5.0");
  EXPECT_EQ(FormatTenths(10), "1.0");
}

TEST(OverallScore, StaysWithinOneToFiveForEveryCombination) {
  // Every multiset of up to 4 scores: the mean in tenths is between 10 and 50 and within half a
  // tenth of the exact mean.
  for (int a = 1; a <= 5; ++a) {
    for (int b = 0; b <= 5; ++b) {
      for (int c = 0; c <= 5; ++c) {
        Answers answers = {{"a", Answer::Score(a)}};
        if (b > 0) answers["b"] = Answer::Score(b);
        if (c > 0) answers["c"] = Answer::Score(c);
        const std::int64_t sum = a + b + c;
        const std::int64_t count = static_cast<std::int64_t>(answers.size());
        const auto tenths = OverallScoreTenths(answers);
        ASSERT_TRUE(tenths.has_value());
        EXPECT_GE(*tenths, 10);
        EXPECT_LE(*tenths, 50);
        // |tenths - 10 * sum / count| <= 1/2, in integers.
        EXPECT_LE(std::abs(2 * count * *tenths - 20 * sum), count);
      }
    }
  }
}

TEST(AdverseFlags, ListsTheFlagsAnsweredAgainstTheProvider) {
  const Rubric rubric = DefaultRubric();
  EXPECT_TRUE(AdverseFlags(rubric, CompleteRecord().answers).empty());
  VisitRecord record = CompleteRecord();
  record.answers["inducements_offered"] = Answer::Flag(true);
  record.answers["marketing_within_guidelines"] = Answer::Flag(false);
  EXPECT_EQ(AdverseFlags(rubric, record.answers),
            (std::vector<std::string>{"inducements_offered", "marketing_within_guidelines"}));
  record.answers.erase("inducements_offered");
  EXPECT_EQ(AdverseFlags(rubric, record.answers),
            (std::vector<std::string>{"marketing_within_guidelines"}));
}

TEST(Publishing, NeedsACompleteDraft) {
  const Rubric rubric = DefaultRubric();
  Inspection inspection;
  inspection.id = InspectionId(3);
  inspection.record = CompleteRecord();
  EXPECT_TRUE(ValidateReadyToPublish(rubric, inspection).ok());

  Inspection missing = inspection;
  missing.record.answers.erase("accessibility");
  EXPECT_EQ(ValidateReadyToPublish(rubric, missing).code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ValidateReadyToPublish(rubric, missing).field(), "scores.accessibility");

  Inspection unwritten = inspection;
  unwritten.record.finding.clear();
  EXPECT_EQ(ValidateReadyToPublish(rubric, unwritten).field(), "finding");

  Inspection published = inspection;
  published.status = InspectionStatus::kPublished;
  EXPECT_EQ(ValidateReadyToPublish(rubric, published).code(), ErrorCode::kFailedPrecondition);
}

TEST(Visibility, DraftsOnlyToTheirInspectorAndTheRegulator) {
  Inspection draft;
  draft.inspector_id = UserId(10);
  EXPECT_TRUE(IsVisibleTo(draft, Person(access::Role::kInspector, 10)));
  EXPECT_TRUE(IsVisibleTo(draft, Person(access::Role::kRegulator, 2)));
  EXPECT_FALSE(IsVisibleTo(draft, Person(access::Role::kInspector, 11)));
  EXPECT_FALSE(IsVisibleTo(draft, Person(access::Role::kProvider, 10)));
  EXPECT_FALSE(IsVisibleTo(draft, access::Principal::Public()));
  EXPECT_FALSE(IsVisibleTo(draft, Person(access::Role::kGovernment, 3)));

  Inspection published = draft;
  published.status = InspectionStatus::kPublished;
  for (access::Role role : access::kAllRoles) {
    EXPECT_TRUE(IsVisibleTo(published, Person(role, 99))) << access::RoleName(role);
  }
  // Mystery shoppers are covert: only staff see who visited.
  EXPECT_TRUE(ShowsInspector(Person(access::Role::kRegulator, 2)));
  EXPECT_FALSE(ShowsInspector(Person(access::Role::kProvider, 2)));
  EXPECT_FALSE(ShowsInspector(access::Principal::Public()));
}

TEST(Editing, OnlyItsOwnInspectorOnlyWhileADraft) {
  Inspection draft;
  draft.inspector_id = UserId(10);
  EXPECT_TRUE(CheckCanEdit(draft, Person(access::Role::kInspector, 10)).ok());
  EXPECT_EQ(CheckCanEdit(draft, Person(access::Role::kInspector, 11)).code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CheckCanEdit(draft, Person(access::Role::kRegulator, 10)).code(),
            ErrorCode::kPermissionDenied);
  Inspection published = draft;
  published.status = InspectionStatus::kPublished;
  EXPECT_EQ(CheckCanEdit(published, Person(access::Role::kInspector, 10)).code(),
            ErrorCode::kFailedPrecondition);
}

TEST(Suspension, IsSuggestedOnlyForPublishedMalpractice) {
  Inspection inspection;
  inspection.record.malpractice = true;
  EXPECT_FALSE(SuspensionSuggested(inspection)) << "a draft suggests nothing";
  inspection.status = InspectionStatus::kPublished;
  EXPECT_TRUE(SuspensionSuggested(inspection));
  inspection.record.malpractice = false;
  EXPECT_FALSE(SuspensionSuggested(inspection));
}

TEST(Names, RoundTrip) {
  for (auto kind : {CriterionKind::kScore, CriterionKind::kFlag}) {
    EXPECT_EQ(*ParseCriterionKind(CriterionKindName(kind)), kind);
  }
  for (auto status : {InspectionStatus::kDraft, InspectionStatus::kPublished}) {
    EXPECT_EQ(*ParseInspectionStatus(InspectionStatusName(status)), status);
  }
  EXPECT_FALSE(ParseCriterionKind("scale").ok());
  EXPECT_EQ(ParseInspectionStatus("final").status().field(), "status");
}

}  // namespace
}  // namespace psl::regulation
