// The satisfaction survey (PAY-6, docs/payment.md §4): the job that invites a random sample of
// all customers at each wave, the citizen's answers, and the recommend rates payments use.
//
// Who: the Regulator (or the scheduler, as the system) runs the job; a citizen sees and answers
// only their own invitations (anyone else's is "not found"); the rates are public.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/app/app.h"
#include "psl/core/weight.h"
#include "psl/store/survey_table.h"

namespace psl::app {

struct SurveyJobReport {
  std::int64_t considered = 0;  // registrations that reached a wave and were looked at
  std::int64_t invited = 0;     // of those, the sample: invitations written
};

struct ProviderSatisfaction {
  ProviderId provider;
  std::string provider_name;
  store::SurveyCounts counts;
  std::optional<Weight> rate;  // its own rate; none without a valid answer
  bool uses_national = false;  // fewer than the minimum valid answers: payments use the national
};

struct SatisfactionRates {
  Date from;
  Date to;
  int minimum_answers = 0;
  store::SurveyCounts national;
  std::optional<Weight> national_rate;          // none without a valid answer anywhere
  std::vector<ProviderSatisfaction> providers;  // every provider answered for in the period
};

class Surveys {
 public:
  explicit Surveys(App& app) : app_(app) {}

  // Regulator (the scheduler runs it hourly as the system). For each wave of the latest payment
  // settings, invites the sampled registrations dated on or before `today` minus the wave's
  // months that no earlier run considered, in batches of 500 (one transaction and one audit line
  // each). Re-running invites nobody twice. kInvalidArgument ("date") for a day after today.
  // Each wave remembers the last registration date it has looked at (survey_waves), so a run
  // reads only what is new; registrations are dated the day they are made, so none is missed.
  Result<SurveyJobReport> RunSurveyJob(const RequestContext& context, Date today);

  // Citizen: their invitations, answered or not, newest first.
  Result<std::vector<store::SurveyInvitationRecord>> MySurveys(const RequestContext& context);

  // Citizen: answers one of their invitations (answer text as payment::ParseAnswer reads it).
  // kInvalidArgument ("answer") for an unknown answer; kNotFound for an invitation that is not
  // theirs; kConflict when it is already answered. Returns the answered invitation.
  Result<store::SurveyInvitationRecord> Answer(const RequestContext& context,
                                               std::int64_t invitation_id, std::string_view answer);

  // Public: recommend rates over answers given in [from, to].
  Result<SatisfactionRates> Rates(const RequestContext& context, Date from, Date to);

 private:
  App& app_;
};

}  // namespace psl::app
