// The satisfaction survey through the application layer, on SQLite and on PostgreSQL (PAY-6):
// the job invites the hashed sample of every registration that reached a wave (3 and 12 months),
// in batches, and nobody twice; a citizen answers only their own invitation, once; the rates
// fall back to the national rate below the minimum answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <utility>

#include "psl/app/surveys.h"
#include "psl/payment/satisfaction.h"
#include "psl/payment/settings.h"
#include "survey_test_support.h"
#include "test_database.h"

namespace psl::app::testing {
namespace {

using store::testing::Engine;
using store::testing::TestDatabase;

// 2025-01-06T09:00:00Z.
constexpr std::int64_t kToday = 1'736'154'000;

class SurveysAppTest : public ::testing::TestWithParam<Engine> {
 protected:
  SurveysAppTest() : clock_(Timestamp::FromUnixSeconds(kToday)) {}

  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    if (auto why = database_->Create()) GTEST_SKIP() << *why;
    auto store = store::Store::Open(database_->StoreUrl(), {.max_connections = 2});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_OK(store_->Migrate(clock_.Now()));
    app_ = std::make_unique<App>(*store_, clock_);
    ASSERT_OK_AND_ASSIGN(alpha_, app_->CreateProvider(RegulatorContext(), "Alpha Works"));
    ASSERT_OK_AND_ASSIGN(beta_, app_->CreateProvider(RegulatorContext(), "Beta Training"));
    ASSERT_OK_AND_ASSIGN(
        assessor_, app_->CreateUser(
                       RegulatorContext(),
                       {"assessor", "a long enough password 1", access::Role::kRegulator, {}, {}}));
  }

  Surveys surveys() { return Surveys(*app_); }

  // One new citizen per registration, all with `provider`, dated `on` (ended every third).
  std::vector<std::int64_t> Register(ProviderId provider, const std::vector<Date>& dates) {
    auto citizens = WriteCitizens(*store_, static_cast<int>(dates.size()), clock_.Now());
    EXPECT_TRUE(citizens.ok()) << citizens.status().ToString();
    if (!citizens.ok()) return {};
    std::vector<RegistrationSpec> specs;
    for (std::size_t i = 0; i < dates.size(); ++i) {
      specs.push_back({(*citizens)[i], provider, dates[i], i % 3 == 2});
    }
    auto ids = WriteRegistrations(*store_, assessor_, specs);
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? *ids : std::vector<std::int64_t>();
  }

  std::int64_t Scalar(const std::string& sql) {
    std::int64_t value = -1;
    EXPECT_OK(store_->Read([&](store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(sql));
      value = rows.at(0).Int(0);
      return Status::Ok();
    }));
    return value;
  }

  // (registration id, wave) of every invitation.
  std::set<std::pair<std::int64_t, int>> Invitations() {
    std::set<std::pair<std::int64_t, int>> found;
    EXPECT_OK(store_->Read([&](store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(
          auto rows, transaction.connection().Query("SELECT registration_id, wave_months FROM "
                                                    "survey_invitations"));
      for (const auto& row : rows) found.insert({row.Int(0), static_cast<int>(row.Int(1))});
      return Status::Ok();
    }));
    return found;
  }

  std::vector<store::SurveyInvitationRecord> AllInvitations() {
    std::vector<store::SurveyInvitationRecord> all;
    EXPECT_OK(store_->Read([&](store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(
                                          "SELECT id FROM survey_invitations ORDER BY id"));
      store::SurveyTable table(transaction.connection());
      for (const auto& row : rows) {
        PSL_ASSIGN_OR_RETURN(auto invitation, table.Get(row.Int(0)));
        all.push_back(*invitation);
      }
      return Status::Ok();
    }));
    return all;
  }

  std::int64_t AuditLines(const std::string& action) {
    return Scalar("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }

  ManualClock clock_;
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<App> app_;
  ProviderId alpha_;
  ProviderId beta_;
  UserId assessor_;
};

const int kSample = payment::DefaultPaymentSettings().survey_sample_percent;

std::vector<Date> Spread(const std::string& first, int count, int days) {
  std::vector<Date> dates;
  for (int i = 0; i < count; ++i) dates.push_back(Day(first).AddDays(i % days));
  return dates;
}

TEST_P(SurveysAppTest, TheJobInvitesTheSampleOfEveryoneWhoReachedAWaveInBatches) {
  ASSERT_EQ(payment::DefaultPaymentSettings().survey_months, (std::vector<int>{3, 12}));
  // 3 to 7 months ago: the 3-month wave only; over a year ago: both; last month: neither.
  const auto recent = Register(alpha_, Spread("2024-06-01", 620, 120));
  const auto old = Register(beta_, Spread("2023-06-01", 150, 30));
  const auto fresh = Register(alpha_, Spread("2024-12-01", 40, 30));
  ASSERT_EQ(recent.size() + old.size() + fresh.size(), 810u);

  ASSERT_OK_AND_ASSIGN(const SurveyJobReport report,
                       surveys().RunSurveyJob(RegulatorContext(), Day("2025-01-06")));

  std::set<std::pair<std::int64_t, int>> expected;
  for (auto id : recent) {
    if (payment::InSurveySample(id, 3, kSample)) expected.insert({id, 3});
  }
  for (auto id : old) {
    if (payment::InSurveySample(id, 3, kSample)) expected.insert({id, 3});
    if (payment::InSurveySample(id, 12, kSample)) expected.insert({id, 12});
  }
  EXPECT_EQ(Invitations(), expected);
  EXPECT_EQ(report.considered, 770 + 150);
  EXPECT_EQ(report.invited, static_cast<std::int64_t>(expected.size()));
  // About half of the 920 (registration, wave) pairs: a hash that sampled everyone or nobody
  // fails here.
  EXPECT_GT(report.invited, 920 * 40 / 100);
  EXPECT_LT(report.invited, 920 * 60 / 100);
  // 770 at 3 months in batches of 500 (two), 150 at 12 months (one): one audit line each.
  EXPECT_EQ(AuditLines("survey.invite"), 3);
  // The invitation goes to the registration's citizen about its provider, dated the job's day.
  for (const auto& invitation : AllInvitations()) {
    EXPECT_EQ(invitation.invited_on, Day("2025-01-06"));
    EXPECT_EQ(invitation.provider,
              std::count(old.begin(), old.end(), invitation.registration_id) ? beta_ : alpha_);
    EXPECT_EQ(invitation.end_result, "individual_prosperity");
    EXPECT_FALSE(invitation.answer.has_value());
  }
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM survey_invitations s JOIN registrations r ON r.id = "
                   "s.registration_id WHERE r.citizen_id <> s.citizen_id"),
            0);
}

TEST_P(SurveysAppTest, ReRunsInviteNobodyTwiceAndLookOnlyAtWhatIsNew) {
  const auto first = Register(alpha_, Spread("2024-08-01", 80, 60));
  ASSERT_OK_AND_ASSIGN(const auto run1,
                       surveys().RunSurveyJob(RegulatorContext(), Day("2025-01-06")));
  EXPECT_EQ(run1.considered, 80);
  const auto invited = Invitations();
  const auto audit = AuditLines("survey.invite");

  // The same day again: the watermark says everything was considered; nothing is written.
  ASSERT_OK_AND_ASSIGN(const auto run2,
                       surveys().RunSurveyJob(RegulatorContext(), Day("2025-01-06")));
  EXPECT_EQ(run2.considered, 0);
  EXPECT_EQ(run2.invited, 0);
  EXPECT_EQ(AuditLines("survey.invite"), audit);

  // A crash before the watermark moved: the job looks again but the unique key holds.
  ASSERT_OK(store_->Write([](store::Transaction& transaction) -> Status {
    return transaction.connection().Execute("DELETE FROM survey_waves").ToStatus();
  }));
  ASSERT_OK_AND_ASSIGN(const auto run3,
                       surveys().RunSurveyJob(RegulatorContext(), Day("2025-01-06")));
  EXPECT_EQ(run3.considered, 80);
  EXPECT_EQ(run3.invited, 0);
  EXPECT_EQ(Invitations(), invited);

  // A month later only the registrations that reached the wave since are considered.
  // (Registrations are dated the day they are made, so new ones come after the watermark,
  // 2024-10-06 for the 3-month wave.)
  const auto later = Register(beta_, Spread("2024-10-07", 40, 30));
  clock_.Set(Timestamp::FromUnixSeconds(kToday + 31 * 86'400));  // 2025-02-06
  ASSERT_OK_AND_ASSIGN(const auto run4,
                       surveys().RunSurveyJob(RegulatorContext(), Day("2025-02-06")));
  EXPECT_EQ(run4.considered, 40);  // 2024-10-07..2024-11-05, all on or before 2024-11-06
  std::int64_t expected_new = 0;
  for (auto id : later) expected_new += payment::InSurveySample(id, 3, kSample) ? 1 : 0;
  EXPECT_EQ(run4.invited, expected_new);
  EXPECT_EQ(static_cast<std::int64_t>(Invitations().size()),
            static_cast<std::int64_t>(invited.size()) + expected_new);
}

TEST_P(SurveysAppTest, WavesFallDueAtThreeAndTwelveMonthsToTheDay) {
  // Several registrations on one day, so that some are sampled at each wave.
  const auto ids = Register(alpha_, std::vector<Date>(24, Day("2024-01-06")));
  std::set<std::pair<std::int64_t, int>> at3;
  std::set<std::pair<std::int64_t, int>> at12;
  for (auto id : ids) {
    if (payment::InSurveySample(id, 3, kSample)) at3.insert({id, 3});
    if (payment::InSurveySample(id, 12, kSample)) at12.insert({id, 12});
  }
  ASSERT_FALSE(at3.empty());
  ASSERT_FALSE(at12.empty());

  ASSERT_OK(surveys().RunSurveyJob(RegulatorContext(), Day("2024-04-05")));
  EXPECT_TRUE(Invitations().empty()) << "a day short of three months";
  ASSERT_OK(surveys().RunSurveyJob(RegulatorContext(), Day("2024-04-06")));
  EXPECT_EQ(Invitations(), at3);
  ASSERT_OK(surveys().RunSurveyJob(RegulatorContext(), Day("2025-01-05")));
  EXPECT_EQ(Invitations(), at3) << "a day short of twelve months";
  ASSERT_OK(surveys().RunSurveyJob(RegulatorContext(), Day("2025-01-06")));
  std::set<std::pair<std::int64_t, int>> both = at3;
  both.insert(at12.begin(), at12.end());
  EXPECT_EQ(Invitations(), both);
}

TEST_P(SurveysAppTest, TheMonthEndFollowsTheMonthRule) {
  // 30 November + 3 months is 28 February (the month has no 30th): due that day, not before.
  const auto ids = Register(alpha_, std::vector<Date>(12, Day("2024-11-30")));
  std::set<std::pair<std::int64_t, int>> at3;
  for (auto id : ids) {
    if (payment::InSurveySample(id, 3, kSample)) at3.insert({id, 3});
  }
  ASSERT_FALSE(at3.empty());
  clock_.Set(Timestamp::FromUnixSeconds(1'740'733'200));  // 2025-02-28T09:00:00Z
  ASSERT_OK(surveys().RunSurveyJob(RegulatorContext(), Day("2025-02-27")));
  EXPECT_TRUE(Invitations().empty());
  ASSERT_OK(surveys().RunSurveyJob(RegulatorContext(), Day("2025-02-28")));
  EXPECT_EQ(Invitations(), at3);
}

TEST_P(SurveysAppTest, OnlyTheRegulatorRunsTheJobAndNotForAFutureDay) {
  Register(alpha_, Spread("2024-01-01", 10, 5));
  EXPECT_CODE(surveys().RunSurveyJob(ProviderContext(alpha_), Day("2025-01-06")),
              ErrorCode::kPermissionDenied);
  EXPECT_CODE(surveys().RunSurveyJob(PublicContext(), Day("2025-01-06")),
              ErrorCode::kPermissionDenied);
  auto future = surveys().RunSurveyJob(RegulatorContext(), Day("2025-01-07"));
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(future.status().field(), "date");
  EXPECT_TRUE(Invitations().empty());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM survey_waves"), 0);
}

TEST_P(SurveysAppTest, ACitizenAnswersTheirOwnInvitationOnceAndNobodyElsesAtAll) {
  Register(alpha_, Spread("2024-06-01", 16, 16));
  ASSERT_OK(surveys().RunSurveyJob(RegulatorContext(), Day("2025-01-06")));
  const auto invitations = AllInvitations();
  ASSERT_GE(invitations.size(), 2u);
  const auto& mine = invitations[0];
  const auto& theirs = invitations[1];
  const RequestContext me = CitizenContext(mine.citizen);
  const auto audit = AuditLines("survey.answer");

  // Someone else's invitation does not exist for me; nothing is written.
  EXPECT_CODE(surveys().Answer(me, theirs.id, "likely"), ErrorCode::kNotFound);
  EXPECT_CODE(surveys().Answer(me, 999'999, "likely"), ErrorCode::kNotFound);
  // Only citizens answer.
  EXPECT_CODE(surveys().Answer(ProviderContext(alpha_), mine.id, "likely"),
              ErrorCode::kPermissionDenied);
  EXPECT_CODE(surveys().Answer(RegulatorContext(), mine.id, "likely"),
              ErrorCode::kPermissionDenied);
  // An unknown answer names the field.
  auto unknown = surveys().Answer(me, mine.id, "very_likely");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().field(), "answer");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM survey_invitations WHERE answer IS NOT NULL"), 0);
  EXPECT_EQ(AuditLines("survey.answer"), audit);

  ASSERT_OK_AND_ASSIGN(const auto answered, surveys().Answer(me, mine.id, "extremely_likely"));
  EXPECT_EQ(answered.id, mine.id);
  EXPECT_EQ(answered.answer, std::optional<std::string>("extremely_likely"));
  EXPECT_EQ(answered.answered_on, std::optional<Date>(Day("2025-01-06")));
  EXPECT_EQ(answered.provider_name, "Alpha Works");
  EXPECT_EQ(AuditLines("survey.answer"), audit + 1);

  // An answer is final.
  EXPECT_CODE(surveys().Answer(me, mine.id, "unlikely"), ErrorCode::kConflict);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM survey_invitations WHERE answer = 'extremely_likely'"), 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM survey_invitations WHERE answer IS NOT NULL"), 1);
  EXPECT_EQ(AuditLines("survey.answer"), audit + 1);
}

TEST_P(SurveysAppTest, ACitizenSeesOnlyTheirOwnInvitations) {
  Register(alpha_, Spread("2023-06-01", 12, 12));
  ASSERT_OK(surveys().RunSurveyJob(RegulatorContext(), Day("2025-01-06")));
  const auto invitations = AllInvitations();
  ASSERT_FALSE(invitations.empty());
  const CitizenId citizen = invitations.front().citizen;
  std::int64_t theirs = 0;
  for (const auto& invitation : invitations) theirs += invitation.citizen == citizen ? 1 : 0;

  ASSERT_OK_AND_ASSIGN(const auto mine, surveys().MySurveys(CitizenContext(citizen)));
  EXPECT_EQ(static_cast<std::int64_t>(mine.size()), theirs);
  for (const auto& invitation : mine) {
    EXPECT_EQ(invitation.citizen, citizen);
    EXPECT_EQ(invitation.provider_name, "Alpha Works");
    EXPECT_EQ(invitation.end_result, "individual_prosperity");
  }
  ASSERT_OK_AND_ASSIGN(const auto nobody, surveys().MySurveys(CitizenContext(CitizenId(999'999))));
  EXPECT_TRUE(nobody.empty());
  EXPECT_CODE(surveys().MySurveys(RegulatorContext()), ErrorCode::kPermissionDenied);
  EXPECT_CODE(surveys().MySurveys(ProviderContext(alpha_)), ErrorCode::kPermissionDenied);
}

TEST_P(SurveysAppTest, RatesUseTheProvidersOwnFromTheMinimumAndTheNationalBelowIt) {
  Register(alpha_, Spread("2023-06-01", 90, 30));
  Register(beta_, Spread("2023-06-01", 20, 10));
  ASSERT_OK(surveys().RunSurveyJob(RegulatorContext(), Day("2025-01-06")));
  std::vector<store::SurveyInvitationRecord> alpha;
  std::vector<store::SurveyInvitationRecord> beta;
  for (const auto& invitation : AllInvitations()) {
    (invitation.provider == alpha_ ? alpha : beta).push_back(invitation);
  }
  const int minimum = payment::DefaultPaymentSettings().minimum_answers;
  ASSERT_GE(static_cast<int>(alpha.size()), minimum + 5);
  ASSERT_GE(beta.size(), 6u);
  ASSERT_LT(static_cast<int>(beta.size()), minimum);

  // Alpha: 26 recommend of 32 valid, and 3 "don't know" that do not count.
  const std::vector<std::string> alpha_answers = [] {
    std::vector<std::string> answers(13, "extremely_likely");
    answers.insert(answers.end(), 13, "likely");
    answers.insert(answers.end(), 2, "neither");
    answers.insert(answers.end(), 2, "unlikely");
    answers.insert(answers.end(), 2, "extremely_unlikely");
    answers.insert(answers.end(), 3, "dont_know");
    return answers;
  }();
  for (std::size_t i = 0; i < alpha_answers.size(); ++i) {
    ASSERT_OK(surveys().Answer(CitizenContext(alpha[i].citizen), alpha[i].id, alpha_answers[i]));
  }
  // Beta: 2 recommend of 5 valid.
  const std::vector<std::string> beta_answers = {"likely", "likely", "neither", "unlikely",
                                                 "unlikely"};
  for (std::size_t i = 0; i < beta_answers.size(); ++i) {
    ASSERT_OK(surveys().Answer(CitizenContext(beta[i].citizen), beta[i].id, beta_answers[i]));
  }
  // One more Beta answer a week later: outside a window that ends today.
  clock_.Set(Timestamp::FromUnixSeconds(kToday + 7 * 86'400));
  ASSERT_OK(surveys().Answer(CitizenContext(beta[5].citizen), beta[5].id, "likely"));

  ASSERT_OK_AND_ASSIGN(const SatisfactionRates rates,
                       surveys().Rates(PublicContext(), Day("2024-01-07"), Day("2025-01-06")));
  EXPECT_EQ(rates.minimum_answers, minimum);
  EXPECT_EQ(rates.national.recommending, 28);
  EXPECT_EQ(rates.national.valid, 37);
  ASSERT_TRUE(rates.national_rate.has_value());
  EXPECT_EQ(rates.national_rate->ToString(), "0.756757");  // 28 / 37
  ASSERT_EQ(rates.providers.size(), 2u);
  EXPECT_EQ(rates.providers[0].provider, alpha_);
  EXPECT_EQ(rates.providers[0].provider_name, "Alpha Works");
  EXPECT_EQ(rates.providers[0].counts.recommending, 26);
  EXPECT_EQ(rates.providers[0].counts.valid, 32);
  EXPECT_EQ(rates.providers[0].rate->ToString(), "0.812500");
  EXPECT_FALSE(rates.providers[0].uses_national);
  EXPECT_EQ(rates.providers[1].provider, beta_);
  EXPECT_EQ(rates.providers[1].counts.valid, 5);
  EXPECT_EQ(rates.providers[1].rate->ToString(), "0.400000");
  EXPECT_TRUE(rates.providers[1].uses_national);

  // The week after counts the late answer.
  ASSERT_OK_AND_ASSIGN(const auto later,
                       surveys().Rates(PublicContext(), Day("2025-01-01"), Day("2025-01-13")));
  EXPECT_EQ(later.national.valid, 38);
  // A window with no answers: no rates at all, not zero.
  ASSERT_OK_AND_ASSIGN(const auto empty,
                       surveys().Rates(PublicContext(), Day("2020-01-01"), Day("2020-12-31")));
  EXPECT_EQ(empty.national.valid, 0);
  EXPECT_FALSE(empty.national_rate.has_value());
  EXPECT_TRUE(empty.providers.empty());
  auto backwards = surveys().Rates(PublicContext(), Day("2025-01-06"), Day("2025-01-05"));
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.status().field(), "to");

  // The store's answers for the lead's payment run and the choice page.
  ASSERT_OK(store_->Read([&](store::Transaction& transaction) -> Status {
    store::SurveyTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto counts,
                         table.ProviderCounts(alpha_, Day("2024-01-07"), Day("2025-01-06")));
    EXPECT_EQ(counts.recommending, 26);
    EXPECT_EQ(counts.valid, 32);
    PSL_ASSIGN_OR_RETURN(auto national, table.NationalCounts(Day("2025-01-13"), Day("2025-01-13")));
    EXPECT_EQ(national.recommending, 1);
    EXPECT_EQ(national.valid, 1);
    PSL_ASSIGN_OR_RETURN(auto alpha_bp, table.RecommendBasisPoints(alpha_, Day("2024-01-07"),
                                                                   Day("2025-01-06"), minimum));
    EXPECT_EQ(alpha_bp, std::optional<std::int64_t>(8125));
    PSL_ASSIGN_OR_RETURN(auto beta_bp, table.RecommendBasisPoints(beta_, Day("2024-01-07"),
                                                                  Day("2025-01-06"), minimum));
    EXPECT_FALSE(beta_bp.has_value()) << "5 answers are not enough data";
    PSL_ASSIGN_OR_RETURN(
        auto beta_any, table.RecommendBasisPoints(beta_, Day("2024-01-07"), Day("2025-01-06"), 5));
    EXPECT_EQ(beta_any, std::optional<std::int64_t>(4000));
    return Status::Ok();
  }));
}

INSTANTIATE_TEST_SUITE_P(Engines, SurveysAppTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return store::testing::EngineName(info.param); });

}  // namespace
}  // namespace psl::app::testing
