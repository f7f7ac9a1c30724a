#include "claims_test_support.h"

namespace psl::app::testing {

Timestamp DayAfterStart(std::int64_t days) {
  return Timestamp::FromUnixSeconds(kStart + days * 86'400);
}

Date StartDate() { return Timestamp::FromUnixSeconds(kStart).UtcDate(); }

RequestContext ClaimsMarket::Provider(const std::string& username) {
  if (auto found = providers_.find(username); found != providers_.end()) return found->second;
  auto session = app().Login(username, "a-long-password", "test");
  PSL_CHECK(session.ok(), "the market's providers log in");
  auto principal = app().Authenticate(session->token);
  PSL_CHECK(principal.ok(), "a fresh session authenticates");
  RequestContext context{*principal, "test:" + username};
  providers_.emplace(username, context);
  return context;
}

Customer ClaimsMarket::Register(const std::string& name, const std::string& national_insurance,
                                ProviderId provider) {
  Customer customer;
  customer.national_insurance = national_insurance;
  Journey journey(app());
  EntryInput input;
  input.route = "referral";
  input.source = "jobcentre";
  input.person.full_name = name;
  input.person.date_of_birth = *Date::FromCivil(1990, 2, 3);
  input.person.area_code = kNeutralArea;
  input.person.national_insurance = national_insurance;
  auto entered = journey.RecordEntry(As("referrer"), input);
  EXPECT_TRUE(entered.ok()) << entered.status().ToString();
  if (!entered.ok()) return customer;
  customer.citizen = entered->citizen_id;
  auto assessed = journey.Assess(As("referrer"), customer.citizen, UnemployedAnswers(), "");
  EXPECT_TRUE(assessed.ok()) << assessed.status().ToString();
  auto shortlisted = journey.Shortlist(As("referrer"), customer.citizen, "individual_prosperity",
                                       {m().general_a, m().general_b, m().general_c});
  EXPECT_TRUE(shortlisted.ok()) << shortlisted.status().ToString();
  auto registered =
      journey.Register(As("referrer"), customer.citizen, "individual_prosperity", provider);
  EXPECT_TRUE(registered.ok()) << registered.status().ToString();
  if (registered.ok()) customer.registration_id = registered->id;
  return customer;
}

std::int64_t ClaimsMarket::Number(const std::string& sql) {
  std::int64_t value = -1;
  EXPECT_TRUE(store_
                  .Read([&](store::Transaction& transaction) -> Status {
                    PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(sql));
                    if (!rows.empty() && !rows.front().IsNull(0)) value = rows.front().Int(0);
                    return Status::Ok();
                  })
                  .ok())
      << sql;
  return value;
}

std::string ClaimsMarket::Text(const std::string& sql) {
  std::string value;
  EXPECT_TRUE(store_
                  .Read([&](store::Transaction& transaction) -> Status {
                    PSL_ASSIGN_OR_RETURN(auto rows, transaction.connection().Query(sql));
                    if (!rows.empty() && !rows.front().IsNull(0)) value = rows.front().Text(0);
                    return Status::Ok();
                  })
                  .ok())
      << sql;
  return value;
}

}  // namespace psl::app::testing
