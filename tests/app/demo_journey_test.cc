// The demonstration citizens (issue 4 item 9): made through the journey's use cases, idempotent,
// with every route (ENT-1), every format of choice (CHO-1), auto-choice at the deadline (CHO-3),
// prices locked at registration equal to a fresh quote on the registration's date (TAR-4), and
// something to show for the `citizen` and `referrer` demonstration logins.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "psl/app/demo.h"
#include "psl/app/journey.h"

namespace psl::app {
namespace {

constexpr int kCitizens = 300;

// ["a","b"] -> {a, b}: barrier ids are snake_case, never escaped.
std::vector<std::string> Strings(const std::string& json) {
  std::vector<std::string> values;
  std::size_t at = 0;
  while ((at = json.find('"', at)) != std::string::npos) {
    const std::size_t end = json.find('"', at + 1);
    values.push_back(json.substr(at + 1, end - at - 1));
    at = end + 1;
  }
  return values;
}

class DemoJourneyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ =
        new std::filesystem::path(std::filesystem::temp_directory_path() /
                                  ("psl_demo_journey_test_" + std::to_string(::getpid()) + ".db"));
    std::filesystem::remove(*path_);
    now_ = Timestamp::ParseIso8601("2026-06-15T12:00:00Z").value();
    clock_ = new ManualClock(now_);
    auto store = store::Store::Open("sqlite:" + path_->string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value().release();
    ASSERT_TRUE(store_->Migrate(now_).ok());
    app_ = new App(*store_, *clock_);
    ASSERT_TRUE(SeedDemo(*app_).ok());
    const std::vector<store::AreaRecord> areas = {
        {"E06000002", "Middlesbrough", "North East", 40'460'000, "live"},
        {"E08000003", "Manchester", "North West", 40'037'000, "live"},
        {"E06000001", "Hartlepool", "North East", 35'037'000, "live"},
        {"E08000025", "Birmingham", "West Midlands", 38'067'000, "live"},
        {"E09000007", "Camden", "London", 20'001'000, "live"},
        {"E07000178", "Oxford", "South East", 12'000'000, "live"}};
    auto market = SeedDemoMarket(*store_, now_, areas);
    ASSERT_TRUE(market.ok()) << market.status().ToString();
    int progress_calls = 0;
    auto summary = SeedDemoJourney(*store_, now_, kCitizens, [&](int done, int total) {
      ++progress_calls;
      EXPECT_EQ(total, kCitizens);
      EXPECT_LE(done, total);
    });
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    summary_ = new DemoJourneySummary(*summary);
    EXPECT_EQ(progress_calls, 1);  // every 500 citizens, and at the end
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete app_;
    delete store_;
    delete clock_;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_->string() + suffix);
    }
    delete path_;
  }

  static RequestContext As(const std::string& username) {
    auto grant = app_->Login(username, "psl-demo-" + username, "test");
    EXPECT_TRUE(grant.ok()) << grant.status().ToString();
    auto principal = app_->Authenticate(grant->token);
    EXPECT_TRUE(principal.ok());
    return {*principal, "test"};
  }

  static std::vector<store::RegistrationRecord> AllRegistrations() {
    std::vector<store::RegistrationRecord> all;
    std::int64_t before = 0;
    for (;;) {
      auto page = Journey(*app_).ListRegistrations(As("regulator"), before, 500);
      EXPECT_TRUE(page.ok());
      if (!page.ok()) break;
      all.insert(all.end(), page->items.begin(), page->items.end());
      if (!page->next_before) break;
      before = *page->next_before;
    }
    return all;
  }

  static std::int64_t CitizenCount() {
    std::int64_t count = 0;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(count,
                                           store::CitizenTable(transaction.connection()).Count());
                      return Status::Ok();
                    })
                    .ok());
    return count;
  }

  static inline std::filesystem::path* path_ = nullptr;
  static inline Timestamp now_;
  static inline ManualClock* clock_ = nullptr;
  static inline store::Store* store_ = nullptr;
  static inline App* app_ = nullptr;
  static inline DemoJourneySummary* summary_ = nullptr;
};

TEST_F(DemoJourneyTest, TheCountsAddUp) {
  const DemoJourneySummary& s = *summary_;
  EXPECT_TRUE(s.created);
  EXPECT_EQ(s.citizens, kCitizens);
  EXPECT_EQ(CitizenCount(), kCitizens + 1);  // and the `citizen` login's own record
  EXPECT_GT(s.logins, 0);                    // at most one in 60 (demo_journey.cc: kLoginEvery)
  EXPECT_LE(s.logins, kCitizens / 60);
  EXPECT_GT(s.entries, kCitizens);  // life events followed up by a referral
  EXPECT_GT(s.assessments, kCitizens * 7 / 10);
  EXPECT_LE(s.assessments, kCitizens + 1);
  EXPECT_GT(s.shortlists, 0);
  EXPECT_GT(s.open_choices, 0);
  EXPECT_GT(s.outcomes_achieved, 0);
  EXPECT_GT(s.outcomes_missed, 0);
  EXPECT_EQ(static_cast<std::size_t>(s.registrations), AllRegistrations().size());
  EXPECT_GT(s.registrations, kCitizens);
  // ENT-1: every route; CHO-1 and CHO-3: every format and every basis.
  for (const char* route : {"life_event", "referral", "self_referral"}) {
    EXPECT_GT(s.by_route.count(route) ? s.by_route.at(route) : 0, 0) << route;
  }
  for (const char* format : {"free", "assisted", "professional"}) {
    EXPECT_GT(s.by_format.count(format) ? s.by_format.at(format) : 0, 0) << format;
  }
  for (const char* basis : {"citizen", "professional", "auto_deadline", "auto_request"}) {
    EXPECT_GT(s.by_basis.count(basis) ? s.by_basis.at(basis) : 0, 0) << basis;
  }
  // Barriers vary from none to six, and several are common.
  ASSERT_FALSE(s.barrier_histogram.empty());
  EXPECT_EQ(s.barrier_histogram.begin()->first, 0);
  EXPECT_LE(s.barrier_histogram.rbegin()->first, 6);
  int three_or_more = 0;
  for (const auto& [barriers, count] : s.barrier_histogram) {
    if (barriers >= 3) three_or_more += count;
  }
  EXPECT_GT(three_or_more, kCitizens / 20);
}

TEST_F(DemoJourneyTest, ASecondRunAddsNothing) {
  const std::int64_t citizens = CitizenCount();
  const std::size_t registrations = AllRegistrations().size();
  auto again = SeedDemoJourney(*store_, now_, kCitizens);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->registrations, 0);
  EXPECT_EQ(CitizenCount(), citizens);
  EXPECT_EQ(AllRegistrations().size(), registrations);
}

TEST_F(DemoJourneyTest, LockedPricesEqualAFreshQuoteOnTheRegistrationDate) {
  Journey journey(*app_);
  int checked = 0;
  for (const store::RegistrationRecord& registration : AllRegistrations()) {
    EXPECT_LE(registration.registered_on, now_.UtcDate());
    const std::vector<std::string> barriers = Strings(registration.barriers_json);
    EXPECT_EQ(static_cast<int>(barriers.size()), registration.barrier_count);
    ASSERT_FALSE(registration.outcomes.empty()) << registration.id;
    for (const store::RegisteredOutcomeRecord& outcome : registration.outcomes) {
      auto quote = journey.Quote(
          {outcome.outcome, barriers, registration.area_code, registration.registered_on});
      ASSERT_TRUE(quote.ok()) << quote.status().ToString();
      EXPECT_EQ(outcome.price_pence, quote->price.pence()) << registration.id << outcome.outcome;
      EXPECT_EQ(outcome.base_pence, quote->base.pence());
      EXPECT_EQ(outcome.geographic_weight_micros, quote->geographic_weight.micros());
      EXPECT_EQ(outcome.cyclical_weight_micros, quote->cyclical_weight.micros());
      EXPECT_EQ(outcome.tariff_version, quote->tariff_version);
      ++checked;
    }
  }
  EXPECT_GT(checked, kCitizens);
}

TEST_F(DemoJourneyTest, TheCitizenLoginHasAStoryToShow) {
  const RequestContext citizen = As("citizen");
  ASSERT_TRUE(citizen.principal.citizen_id.has_value());
  auto view = Journey(*app_).GetCitizen(citizen, *citizen.principal.citizen_id);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  ASSERT_EQ(view->entries.size(), 1u);
  EXPECT_EQ(view->entries[0].route, "self_referral");
  ASSERT_TRUE(view->assessment.has_value());
  EXPECT_FALSE(view->assessment->prices.empty());
  ASSERT_EQ(view->registrations.size(), 1u);
  EXPECT_EQ(view->registrations[0].basis, "citizen");
  int open = 0;
  for (const store::ChoiceRecord& choice : view->choices) {
    if (choice.status != "open") continue;
    ++open;
    EXPECT_GT(choice.deadline, now_.UtcDate());
    auto options = Journey(*app_).Options(citizen, view->citizen.id, choice.end_result);
    ASSERT_TRUE(options.ok()) << options.status().ToString();
    EXPECT_FALSE(options->providers.empty());
  }
  EXPECT_EQ(open, 1);
}

TEST_F(DemoJourneyTest, TheReferrerHasACaseload) {
  const RequestContext referrer = As("referrer");
  auto page = Journey(*app_).ListCitizens(referrer, 0, 50);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 50u);
  EXPECT_TRUE(page->next_before.has_value());
  int assessed = 0;
  for (const store::CitizenRecord& record : page->items) {
    auto view = Journey(*app_).GetCitizen(referrer, record.id);
    ASSERT_TRUE(view.ok()) << view.status().ToString();
    assessed += view->assessment.has_value();
  }
  EXPECT_GT(assessed, 25);
}

}  // namespace
}  // namespace psl::app
