// The citizen journey through the application layer, on SQLite and on PostgreSQL: entry
// and one record per citizen (ENT-1, ENT-2), the single assessment (ASM-1..3), locked prices
// (TAR-4), the formats of choice (CHO-1), eligibility by licence (LIC-4), one provider per End
// Result and no switching (CHO-4, CHO-5), the deadline default (CHO-3) and a new choice after
// a revocation (CHO-7).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "journey_test_support.h"
#include "market_test.h"
#include "psl/store/journey_tables.h"
#include "test_database.h"

namespace psl::app::testing {
namespace {

using store::testing::Engine;
using store::testing::TestDatabase;

class JourneyAppTest : public MarketTest<JourneyMarket> {
 protected:
  Journey journey() { return Journey(market_->app()); }
  RequestContext As(const std::string& username) { return market_->As(username); }
  const Market& m() const { return market_->market(); }

  std::int64_t Count(const std::string& table) {
    std::int64_t count = -1;
    EXPECT_TRUE(store_
                    ->Read([&](store::Transaction& transaction) -> Status {
                      PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(
                                                          "SELECT COUNT(*) FROM " + table));
                      count = rows.at(0).Int(0);
                      return Status::Ok();
                    })
                    .ok());
    return count;
  }
};

// The report's worked example (chapter 5, "Example of tariff payment"; SPEC TAR-1): core
// £2,000 + illiterate £1,500 + ESL £1,000 + abuse as a child £3,000 + no fixed abode £3,000 +
// dyslexic £500 = £11,000, priced in a district and month whose weights are exactly 1.
TEST_P(JourneyAppTest, TheReportsElevenThousandPoundExampleIsLockedAtRegistration) {
  market_->clock().Set(Timestamp::FromUnixSeconds(1'389'000'000));  // 2014-01-06, MGSX 6.9%
  const CitizenId citizen = market_->Refer("Sam Example", "jobcentre");
  auto assessed = journey().Assess(As("referrer"), citizen, assessment::ReportExampleAnswers(),
                                   "Needs literacy support before job search.");
  ASSERT_TRUE(assessed.ok()) << assessed.status().ToString();
  EXPECT_EQ(assessed->barriers,
            (std::vector<std::string>{"childhood_abuse", "dyslexic", "english_second_language",
                                      "illiterate", "no_fixed_abode"}));
  const auto employment =
      std::find_if(assessed->prices.begin(), assessed->prices.end(),
                   [](const PricedOutcome& p) { return p.outcome == "employment_sustained_2y"; });
  ASSERT_NE(employment, assessed->prices.end());
  EXPECT_EQ(employment->quote.base.pence(), 1'100'000);
  EXPECT_EQ(employment->quote.geographic_weight, Weight::One());
  EXPECT_EQ(employment->quote.cyclical_weight, Weight::One());
  EXPECT_EQ(employment->quote.price.pence(), 1'100'000);

  // Jobcentre + individual prosperity: assisted choice (report Table 3).
  auto options = journey().Options(As("referrer"), citizen, "individual_prosperity");
  ASSERT_TRUE(options.ok()) << options.status().ToString();
  EXPECT_EQ(options->choice.format, "assisted");
  auto shortlisted = journey().Shortlist(As("referrer"), citizen, "individual_prosperity",
                                         {m().general_a, m().general_b, m().general_c});
  ASSERT_TRUE(shortlisted.ok()) << shortlisted.status().ToString();
  auto registered =
      journey().Register(As("referrer"), citizen, "individual_prosperity", m().general_b);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->provider_id, m().general_b);
  EXPECT_EQ(registered->tariff_version, 1);
  EXPECT_EQ(registered->catalogue_version, 1);
  const auto locked = std::find_if(registered->outcomes.begin(), registered->outcomes.end(),
                                   [](const store::RegisteredOutcomeRecord& o) {
                                     return o.outcome == "employment_sustained_2y";
                                   });
  ASSERT_NE(locked, registered->outcomes.end());
  EXPECT_EQ(locked->price_pence, 1'100'000);
  EXPECT_NE(locked->explanation_json.find("illiterate"), std::string::npos);

  // TAR-4: the price stays locked when the month (and so the cyclical weight) changes.
  market_->clock().Set(Timestamp::FromUnixSeconds(1'600'000'000));  // September 2020
  auto later = journey().GetCitizen(As("referrer"), citizen);
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->registrations.size(), 1u);
  for (const auto& outcome : later->registrations[0].outcomes) {
    if (outcome.outcome == "employment_sustained_2y") {
      EXPECT_EQ(outcome.price_pence, 1'100'000);
    }
  }
}

TEST_P(JourneyAppTest, OneRecordPerCitizenHoweverOftenTheyComeIn) {
  EntryInput input;
  input.route = "referral";
  input.source = "gp";
  input.person = {"Ada Lovelace", *Date::FromCivil(1985, 12, 10), kNeutralArea, "qq 12 34 56 c",
                  std::nullopt};
  auto first = journey().RecordEntry(As("referrer"), input);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->matched_existing);
  // The same National Insurance number through another route: the same record.
  input.route = "life_event";
  input.source = "redundancy";
  input.person.full_name = "Ada  LOVELACE";
  auto second = journey().RecordEntry(As("government"), input);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->matched_existing);
  EXPECT_EQ(second->citizen_id, first->citizen_id);
  // Without a number: the fallback key (name, birth date, district) finds the same person.
  input.person.national_insurance.reset();
  input.person.full_name = " ada lovelace ";
  input.route = "referral";
  input.source = "social_worker";
  auto third = journey().RecordEntry(As("referrer"), input);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->citizen_id, first->citizen_id);
  // A different birth date is a different person.
  input.route = "referral";
  input.source = "gp";
  input.person.date_of_birth = *Date::FromCivil(1985, 12, 11);
  auto other = journey().RecordEntry(As("referrer"), input);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->citizen_id, first->citizen_id);
  auto view = journey().GetCitizen(As("regulator"), first->citizen_id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->entries.size(), 3u);
  EXPECT_EQ(view->citizen.national_insurance, "QQ123456C");
}

TEST_P(JourneyAppTest, EachRoleUsesOnlyItsRouteIn) {
  EntryInput input{
      "life_event",
      "birth",
      {"Baby Doe", *Date::FromCivil(2025, 1, 1), kNeutralArea, std::nullopt, std::nullopt},
      ""};
  EXPECT_EQ(journey().RecordEntry(As("referrer"), input).status().code(),
            ErrorCode::kPermissionDenied);
  input.route = "referral";
  input.source = "birth";
  EXPECT_EQ(journey().RecordEntry(As("referrer"), input).status().field(), "source");
  input.source = "court";
  input.person.area_code = "E99999999";
  EXPECT_EQ(journey().RecordEntry(As("referrer"), input).status().field(), "person.area_code");
  EXPECT_EQ(Count("entries"), 0);
}

TEST_P(JourneyAppTest, ProfessionalChoiceIsTheReferrersAndFreeChoiceTheCitizens) {
  const CitizenId offender = market_->Refer("Olly Fender", "court");
  ASSERT_TRUE(journey().Assess(As("referrer"), offender, OffenderAnswers(), "").ok());
  auto options = journey().Options(As("referrer"), offender, "lower_crime");
  ASSERT_TRUE(options.ok()) << options.status().ToString();
  EXPECT_EQ(options->choice.format, "professional");
  auto registered = journey().Register(As("referrer"), offender, "lower_crime", m().general_a);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->basis, "professional");

  // The demo citizen refers themselves online: free choice for individual prosperity.
  EntryInput self{
      "self_referral",
      "online",
      {"Cee Citizen", *Date::FromCivil(1992, 3, 4), kDeprivedArea, std::nullopt, std::nullopt},
      ""};
  auto entered = journey().RecordEntry(As("citizen"), self);
  ASSERT_TRUE(entered.ok()) << entered.status().ToString();
  const CitizenId me = entered->citizen_id;
  EXPECT_EQ(me, *As("citizen").principal.citizen_id);
  EXPECT_EQ(journey().Assess(As("citizen"), me, UnemployedAnswers(), "my notes").status().field(),
            "recommendations");
  ASSERT_TRUE(journey().Assess(As("citizen"), me, UnemployedAnswers(), "").ok());
  auto free = journey().Options(As("citizen"), me, "individual_prosperity");
  ASSERT_TRUE(free.ok()) << free.status().ToString();
  EXPECT_EQ(free->choice.format, "free");
  // Suspended and unlicensed providers never appear; licensed ones do.
  std::vector<ProviderId> shown;
  for (const auto& option : free->providers) shown.push_back(option.information.provider);
  EXPECT_NE(std::find(shown.begin(), shown.end(), m().general_a), shown.end());
  EXPECT_EQ(std::find(shown.begin(), shown.end(), m().suspended), shown.end());
  EXPECT_EQ(std::find(shown.begin(), shown.end(), m().unlicensed), shown.end());
  // No outcomes yet: performance is "not enough data", never a number (CHO-2).
  for (const auto& option : free->providers) EXPECT_FALSE(option.information.success_rate);
  // A suspended provider is refused, naming the field.
  EXPECT_EQ(journey()
                .Register(As("citizen"), me, "individual_prosperity", m().suspended)
                .status()
                .field(),
            "provider_id");
  auto mine = journey().Register(As("citizen"), me, "individual_prosperity", m().general_c);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->basis, "citizen");
  // Blackpool is deprived: its geographic weight raises the price above the base.
  for (const auto& outcome : mine->outcomes) EXPECT_GT(outcome.price_pence, outcome.base_pence);
  // CHO-5: no second provider for the same End Result, no switching.
  auto again = journey().Register(As("citizen"), me, "individual_prosperity", m().general_a);
  EXPECT_EQ(again.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(again.status().field(), "end_result");
}

TEST_P(JourneyAppTest, AProfessionalChoiceCannotBeMadeByTheCitizen) {
  EntryInput self{
      "self_referral",
      "online",
      {"Cee Citizen", *Date::FromCivil(1992, 3, 4), kNeutralArea, std::nullopt, std::nullopt},
      ""};
  ASSERT_TRUE(journey().RecordEntry(As("citizen"), self).ok());
  const CitizenId me = *As("citizen").principal.citizen_id;
  ASSERT_TRUE(journey().Assess(As("citizen"), me, OffenderAnswers(), "").ok());
  // Lower crime is a professional choice whatever the route (report Table 3).
  auto options = journey().Options(As("citizen"), me, "lower_crime");
  ASSERT_TRUE(options.ok()) << options.status().ToString();
  EXPECT_EQ(options->choice.format, "professional");
  EXPECT_EQ(journey().Register(As("citizen"), me, "lower_crime", m().general_a).status().code(),
            ErrorCode::kPermissionDenied);
  // The citizen may still ask for the default provider (CHO-3).
  auto defaulted = journey().RegisterDefault(As("citizen"), me, "lower_crime");
  ASSERT_TRUE(defaulted.ok()) << defaulted.status().ToString();
  EXPECT_EQ(defaulted->basis, "auto_request");
}

TEST_P(JourneyAppTest, AnOutcomeNeedingATopUpShowsOnlyProvidersHoldingIt) {
  const CitizenId citizen = market_->Refer("Mo Od", "mental_health");
  auto assessed = journey().Assess(As("referrer"), citizen, LowMoodAnswers(), "");
  ASSERT_TRUE(assessed.ok()) << assessed.status().ToString();
  auto options = journey().Options(As("referrer"), citizen, "good_mental_health");
  ASSERT_TRUE(options.ok()) << options.status().ToString();
  ASSERT_EQ(options->providers.size(), 1u);
  EXPECT_EQ(options->providers[0].information.provider, m().clinical);
  const std::int64_t before = Count("registrations");
  auto refused = journey().Register(As("referrer"), citizen, "good_mental_health", m().general_a);
  EXPECT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().field(), "provider_id");
  EXPECT_EQ(Count("registrations"), before);
  EXPECT_TRUE(journey().Register(As("referrer"), citizen, "good_mental_health", m().clinical).ok());
}

TEST_P(JourneyAppTest, NobodyRegistersInAControlArea) {
  const CitizenId citizen = market_->Refer("Con Trol", "jobcentre", kControlArea);
  ASSERT_TRUE(journey().Assess(As("referrer"), citizen, UnemployedAnswers(), "").ok());
  ASSERT_TRUE(journey()
                  .Shortlist(As("referrer"), citizen, "individual_prosperity",
                             {m().general_a, m().general_b, m().general_c})
                  .ok());
  auto refused =
      journey().Register(As("referrer"), citizen, "individual_prosperity", m().general_a);
  EXPECT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Count("registrations"), 0);
}

TEST_P(JourneyAppTest, AssistedChoiceNeedsTheShortlist) {
  const CitizenId citizen = market_->Refer("Ash Sisted", "jobcentre");
  ASSERT_TRUE(journey().Assess(As("referrer"), citizen, UnemployedAnswers(), "").ok());
  auto early = journey().Register(As("referrer"), citizen, "individual_prosperity", m().general_a);
  EXPECT_EQ(early.status().field(), "provider_id");
  EXPECT_EQ(journey()
                .Shortlist(As("referrer"), citizen, "individual_prosperity", {m().general_a})
                .status()
                .field(),
            "provider_ids");
  EXPECT_EQ(journey()
                .Shortlist(As("referrer"), citizen, "individual_prosperity",
                           {m().general_a, m().general_b, m().suspended})
                .status()
                .field(),
            "provider_ids");
  ASSERT_TRUE(journey()
                  .Shortlist(As("referrer"), citizen, "individual_prosperity",
                             {m().general_a, m().general_b, m().clinical})
                  .ok());
  EXPECT_EQ(journey()
                .Register(As("referrer"), citizen, "individual_prosperity", m().general_c)
                .status()
                .field(),
            "provider_id");
  EXPECT_TRUE(
      journey().Register(As("referrer"), citizen, "individual_prosperity", m().clinical).ok());
}

TEST_P(JourneyAppTest, ReferrersSeeOnlyTheirCaseloadAndProvidersOnlyTheirCustomers) {
  const CitizenId mine = market_->Refer("Kay Seload", "jobcentre");
  ASSERT_TRUE(journey().Assess(As("referrer"), mine, UnemployedAnswers(), "").ok());
  ASSERT_TRUE(journey()
                  .Shortlist(As("referrer"), mine, "individual_prosperity",
                             {m().general_a, m().general_b, m().general_c})
                  .ok());
  ASSERT_TRUE(
      journey().Register(As("referrer"), mine, "individual_prosperity", m().general_a).ok());
  // A second referrer.
  NewUser second{"referrer-two", "another-long-password", access::Role::kReferrer, {}, {}};
  ASSERT_TRUE(market_->app().CreateUser(market_->System(), second).ok());
  auto session = market_->app().Login("referrer-two", "another-long-password", "t");
  ASSERT_TRUE(session.ok());
  const RequestContext other{*market_->app().Authenticate(session->token), "t"};
  EXPECT_EQ(journey().GetCitizen(other, mine).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(journey().Assess(other, mine, UnemployedAnswers(), "").status().code(),
            ErrorCode::kNotFound);
  auto their_list = journey().ListCitizens(other, 0, 50);
  ASSERT_TRUE(their_list.ok());
  EXPECT_TRUE(their_list->items.empty());
  auto my_list = journey().ListCitizens(As("referrer"), 0, 50);
  ASSERT_TRUE(my_list.ok());
  ASSERT_EQ(my_list->items.size(), 1u);
  // Providers: Alpha sees its customer (registrations only, no answers); Beta does not.
  auto alpha_session = market_->app().Login("alpha", "a-long-password", "t");
  ASSERT_TRUE(alpha_session.ok());
  const RequestContext alpha{*market_->app().Authenticate(alpha_session->token), "t"};
  auto seen = journey().GetCitizen(alpha, mine);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_FALSE(seen->assessment.has_value());
  EXPECT_TRUE(seen->entries.empty());
  EXPECT_EQ(seen->registrations.size(), 1u);
  auto beta_session = market_->app().Login("beta", "a-long-password", "t");
  ASSERT_TRUE(beta_session.ok());
  const RequestContext beta{*market_->app().Authenticate(beta_session->token), "t"};
  EXPECT_EQ(journey().GetCitizen(beta, mine).status().code(), ErrorCode::kNotFound);
  auto beta_registrations = journey().ListRegistrations(beta, 0, 50);
  ASSERT_TRUE(beta_registrations.ok());
  EXPECT_TRUE(beta_registrations->items.empty());
  // The demo citizen is not this citizen.
  EXPECT_EQ(journey().GetCitizen(As("citizen"), mine).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(journey().ListCitizens(As("government"), 0, 50).status().code(),
            ErrorCode::kPermissionDenied);
}

TEST_P(JourneyAppTest, AfterTheDeadlineTheDefaultProviderIsChosen) {
  const CitizenId citizen = market_->Refer("Dee Fault", "jobcentre");
  ASSERT_TRUE(journey().Assess(As("referrer"), citizen, UnemployedAnswers(), "").ok());
  const Date today = market_->clock().Now().UtcDate();
  auto early = journey().RunChoiceJobs(market_->System(), today.AddDays(28));
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->auto_registered, 0);  // the deadline day itself is still the citizen's
  auto late = journey().RunChoiceJobs(market_->System(), today.AddDays(29));
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_EQ(late->auto_registered, 1);
  auto view = journey().GetCitizen(As("referrer"), citizen);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->registrations.size(), 1u);
  EXPECT_EQ(view->registrations[0].basis, "auto_deadline");
  const ProviderId chosen = view->registrations[0].provider_id;
  EXPECT_TRUE(chosen == m().general_a || chosen == m().general_b || chosen == m().general_c ||
              chosen == m().clinical);
  // Running it again changes nothing.
  auto again = journey().RunChoiceJobs(market_->System(), today.AddDays(30));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->auto_registered, 0);
  EXPECT_EQ(Count("registrations"), 1);
}

TEST_P(JourneyAppTest, ARevokedProvidersCustomersChooseAgainAtTheirLockedPrices) {
  const CitizenId citizen = market_->Refer("Rev Oked", "jobcentre", kDeprivedArea);
  ASSERT_TRUE(journey().Assess(As("referrer"), citizen, UnemployedAnswers(), "").ok());
  ASSERT_TRUE(journey()
                  .Shortlist(As("referrer"), citizen, "individual_prosperity",
                             {m().general_a, m().general_b, m().general_c})
                  .ok());
  auto first = journey().Register(As("referrer"), citizen, "individual_prosperity", m().general_a);
  ASSERT_TRUE(first.ok());
  // Alpha's licence is suspended and then revoked (four eyes each time).
  Licensing licensing(market_->app());
  ASSERT_TRUE(licensing
                  .Propose(As("regulator"), m().general_a_licence, "suspend", "malpractice",
                           "Inducements found by mystery shoppers.")
                  .ok());
  ASSERT_TRUE(licensing.ConfirmProposal(As("regulator2"), m().general_a_licence).ok());
  ASSERT_TRUE(licensing
                  .Propose(As("regulator"), m().general_a_licence, "revoke", "malpractice",
                           "Inducements continued.")
                  .ok());
  ASSERT_TRUE(licensing.ConfirmProposal(As("regulator2"), m().general_a_licence).ok());
  // Prices move on (a later month), but the customer's terms do not.
  market_->clock().Advance(60 * 86'400);
  auto job = journey().RunChoiceJobs(market_->System(), market_->clock().Now().UtcDate());
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->reopened_after_revocation, 1);
  auto options = journey().Options(As("referrer"), citizen, "individual_prosperity");
  ASSERT_TRUE(options.ok()) << options.status().ToString();
  EXPECT_EQ(options->choice.reason, "revocation");
  ASSERT_TRUE(journey()
                  .Shortlist(As("referrer"), citizen, "individual_prosperity",
                             {m().general_b, m().general_c, m().clinical})
                  .ok());
  auto second = journey().Register(As("referrer"), citizen, "individual_prosperity", m().general_b);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->replaces_registration_id, first->id);
  ASSERT_EQ(second->outcomes.size(), first->outcomes.size());
  for (std::size_t i = 0; i < first->outcomes.size(); ++i) {
    EXPECT_EQ(second->outcomes[i].price_pence, first->outcomes[i].price_pence);
    EXPECT_EQ(second->outcomes[i].tariff_version, first->outcomes[i].tariff_version);
  }
  auto view = journey().GetCitizen(As("regulator"), citizen);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->registrations.size(), 2u);
  EXPECT_EQ(view->registrations[0].status, "ended");
  EXPECT_EQ(view->registrations[0].ended_reason, "provider_revoked");
  for (const auto& outcome : view->registrations[0].outcomes) {
    EXPECT_EQ(outcome.status, "transferred");
  }
}

TEST_P(JourneyAppTest, ATariffNeedsTwoRegulatorsAndPricesFromItsEffectiveDate) {
  tariff::Tariff next = tariff::DefaultTariff();
  next.version = 2;
  next.effective_from = *Date::FromCivil(2025, 2, 1);
  for (auto& outcome : next.outcomes) {
    if (outcome.outcome == "employment_sustained_2y") outcome.core = Money::FromPence(250'000);
  }
  auto proposed = journey().ProposeTariff(As("regulator"), next);
  ASSERT_TRUE(proposed.ok()) << proposed.status().ToString();
  EXPECT_EQ(journey().ApproveTariff(As("regulator"), 2).status().code(),
            ErrorCode::kFailedPrecondition);
  // Not yet approved: quotes still use version 1.
  const QuoteInput input{"employment_sustained_2y", {}, kNeutralArea, *Date::FromCivil(2025, 3, 1)};
  auto before = journey().Quote(input);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->tariff_version, 1);
  auto approved = journey().ApproveTariff(As("regulator2"), 2);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  auto after = journey().Quote(input);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->tariff_version, 2);
  EXPECT_EQ(after->base.pence(), 250'000);
  // Before its effective date, version 1 still prices.
  auto january =
      journey().Quote({"employment_sustained_2y", {}, kNeutralArea, *Date::FromCivil(2025, 1, 31)});
  ASSERT_TRUE(january.ok());
  EXPECT_EQ(january->tariff_version, 1);
  // A version number out of turn is refused.
  next.version = 5;
  EXPECT_EQ(journey().ProposeTariff(As("regulator"), next).status().field(), "version");
}

TEST_P(JourneyAppTest, ANewCatalogueVersionAddsOutcomesAndOldRegistrationsKeepTheirs) {
  const CitizenId citizen = market_->Refer("Ver Sion", "court");
  ASSERT_TRUE(journey().Assess(As("referrer"), citizen, OffenderAnswers(), "").ok());
  ASSERT_TRUE(journey().Register(As("referrer"), citizen, "lower_crime", m().general_a).ok());
  catalogue::Catalogue next = catalogue::DefaultCatalogue();
  next.version = 2;
  catalogue::KingOutcome sober = *next.FindOutcome("sober_2y");
  sober.id = "sober_3y";
  sober.name = "Sober for three years";
  sober.sustain_months = 36;
  next.outcomes.push_back(sober);
  EXPECT_EQ(journey().PublishCatalogue(As("regulator"), next).status().code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(journey().PublishCatalogue(As("government"), next).ok());
  auto current = journey().Catalogue(std::nullopt);
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->version, 2);
  EXPECT_NE(current->FindOutcome("sober_3y"), nullptr);
  auto first = journey().Catalogue(1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->FindOutcome("sober_3y"), nullptr);
  auto view = journey().GetCitizen(As("regulator"), citizen);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->registrations.at(0).catalogue_version, 1);
}

TEST_P(JourneyAppTest, BadAnswersAreRefusedNamingTheQuestionAndWriteNothing) {
  const CitizenId citizen = market_->Refer("Bad Input", "jobcentre");
  const std::int64_t audit_before = Count("audit_log");
  assessment::Answers answers = UnemployedAnswers();
  answers["age_years"] = "130";
  EXPECT_EQ(journey().Assess(As("referrer"), citizen, answers, "").status().field(),
            "answers.age_years");
  answers = UnemployedAnswers();
  answers["housing_now"] = "castle";
  EXPECT_EQ(journey().Assess(As("referrer"), citizen, answers, "").status().field(),
            "answers.housing_now");
  answers = UnemployedAnswers();
  answers.erase("working_now");
  EXPECT_EQ(journey().Assess(As("referrer"), citizen, answers, "").status().field(),
            "answers.working_now");
  EXPECT_EQ(Count("assessments"), 0);
  EXPECT_EQ(Count("choices"), 0);
  EXPECT_EQ(Count("audit_log"), audit_before);
  // An End Result the citizen is not eligible for has no choice to make.
  ASSERT_TRUE(journey().Assess(As("referrer"), citizen, UnemployedAnswers(), "").ok());
  EXPECT_EQ(
      journey().Register(As("referrer"), citizen, "fair_start", m().general_a).status().code(),
      ErrorCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(Engines, JourneyAppTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return store::testing::EngineName(info.param); });

}  // namespace
}  // namespace psl::app::testing
