#include "survey_test_support.h"

#include "psl/core/check.h"
#include "psl/store/user_tables.h"

namespace psl::app::testing {

Result<std::vector<std::int64_t>> WriteRegistrations(store::Store& store, UserId assessor,
                                                     const std::vector<RegistrationSpec>& specs) {
  std::vector<std::int64_t> ids;
  PSL_RETURN_IF_ERROR(store.Write([&](store::Transaction& transaction) -> Status {
    store::Connection& db = transaction.connection();
    for (const RegistrationSpec& spec : specs) {
      const std::string on = spec.registered_on.ToString();
      PSL_ASSIGN_OR_RETURN(
          auto entry, db.InsertReturningId("INSERT INTO entries (citizen_id, route, source, notes, "
                                           "matched_existing, recorded_at) VALUES ($1, 'referral', "
                                           "'jobcentre', '', 0, 0)",
                                           {spec.citizen.value()}));
      PSL_ASSIGN_OR_RETURN(
          auto assessment,
          db.InsertReturningId(
              "INSERT INTO assessments (citizen_id, entry_id, questionnaire_version, "
              "rules_version, catalogue_version, answers, barriers, eligible_outcomes, "
              "recommendations, assessed_by_user_id, taken_on, taken_at) VALUES ($1, $2, 1, 1, "
              "1, '{}', '[]', '[]', '', $3, $4, 0)",
              {spec.citizen.value(), *entry, assessor.value(), on}));
      PSL_ASSIGN_OR_RETURN(
          auto choice,
          db.InsertReturningId("INSERT INTO choices (citizen_id, end_result, assessment_id, "
                               "format, reason, deadline, status, opened_at) VALUES ($1, "
                               "'individual_prosperity', $2, 'free', 'assessment', $3, "
                               "'registered', 0)",
                               {spec.citizen.value(), *assessment, on}));
      PSL_ASSIGN_OR_RETURN(
          auto registration,
          db.InsertReturningId(
              "INSERT INTO registrations (citizen_id, end_result, provider_id, choice_id, "
              "assessment_id, format, basis, registered_on, registered_at, catalogue_version, "
              "tariff_version, area_code, barriers, barrier_count, status, ended_reason) VALUES "
              "($1, 'individual_prosperity', $2, $3, $4, 'free', 'citizen', $5, 0, 1, 1, "
              "'E09000017', '[]', 0, $6, $7)",
              {spec.citizen.value(), spec.provider.value(), *choice, *assessment, on,
               std::string(spec.ended ? "ended" : "active"),
               spec.ended ? store::SqlValue(std::string("customer_left"))
                          : store::SqlValue(nullptr)}));
      ids.push_back(*registration);
    }
    return Status::Ok();
  }));
  return ids;
}

Result<std::vector<CitizenId>> WriteCitizens(store::Store& store, int count, Timestamp now) {
  std::vector<CitizenId> citizens;
  PSL_RETURN_IF_ERROR(store.Write([&](store::Transaction& transaction) -> Status {
    for (int i = 0; i < count; ++i) {
      PSL_ASSIGN_OR_RETURN(const CitizenId id, transaction.parties().InsertCitizen(now));
      citizens.push_back(id);
    }
    return Status::Ok();
  }));
  return citizens;
}

RequestContext CitizenContext(CitizenId citizen) {
  return {access::Principal{UserId(900'000 + citizen.value()),
                            "citizen-" + std::to_string(citizen.value()),
                            access::Role::kCitizen,
                            {},
                            citizen},
          "test"};
}

RequestContext ProviderContext(ProviderId provider) {
  return {
      access::Principal{
          UserId(800'000 + provider.value()), "provider", access::Role::kProvider, provider, {}},
      "test"};
}

RequestContext RegulatorContext() { return {access::Principal::System("survey test"), "test"}; }

RequestContext PublicContext() { return {access::Principal::Public(), "test"}; }

Date Day(const std::string& text) {
  auto date = Date::Parse(text);
  PSL_CHECK(date.ok(), "a test date is YYYY-MM-DD");
  return *date;
}

}  // namespace psl::app::testing
