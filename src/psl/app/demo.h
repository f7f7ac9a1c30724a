// The demonstration market for `make run` and the browser tests. For now one user per role;
// later issues grow it. Idempotent: users that exist are left as they are.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/app/clock.h"
#include "psl/core/money.h"
#include "psl/store/licensing_tables.h"

namespace psl::app {

struct DemoLogin {
  std::string username;
  std::string password;
  access::Role role;
  bool created = false;
};

// Username = the role's name (and `regulator2`, a second regulator for four-eyes decisions);
// password = "psl-demo-<username>". Printed by `psl serve` and in the README: demonstration
// credentials, never for a real deployment.
Result<std::vector<DemoLogin>> SeedDemo(App& app);

struct DemoMarketSummary {
  bool created = false;  // false when the market was already there
  int providers = 0;
  int licences = 0;
};

// The demonstration market (issue 3): every English district from `areas`, about 40 providers
// of varied size, sector and legal form over real areas, licensed at different times in the
// last two years (so the sliding scale matters), some with top-ups, applications waiting for
// review, a refused application and a suspended licence. Needs SeedDemo's users. Acts at
// backdated times through its own clock, ending at `now`. Idempotent.
Result<DemoMarketSummary> SeedDemoMarket(store::Store& store, Timestamp now,
                                         const std::vector<store::AreaRecord>& areas);

struct DemoPaymentSummary {
  int runs_released = 0;
  int runs_prepared = 0;  // left for a second regulator to release (the last one)
  int claims_submitted = 0;
  int claims_verified = 0;  // by a regulator or by the feed
  int claims_verified_by_feed = 0;
  int claims_rejected = 0;
  int claims_pending = 0;  // waiting in the Regulator's queue
  int feeds = 0;
  int survey_invitations = 0;
  int survey_answers = 0;
  int clawback_providers = 0;
  int budgets = 0;
  Money paid;  // to providers' bank accounts by the released runs
};

// The payment history (issue 5 item 9), played day by day alongside the demonstration citizens
// on their clock: providers claim outcomes once they are sustained and the Regulator verifies or
// rejects them (an evidence feed verifies payroll outcomes by itself), the survey job invites
// customers and some answer, government sets budgets per End Result and financial year, two
// providers in good standing opt into claw-back mode, and a payment run is prepared by one
// regulator and released by the other on the first of every month. Every row comes from the
// app's use cases, so it is audited like real casework. Deterministic (its own fixed seed).
class DemoPayments {
 public:
  DemoPayments(store::Store& store, App& app, ManualClock& clock, Timestamp now, int citizens);
  ~DemoPayments();
  DemoPayments(const DemoPayments&) = delete;
  DemoPayments& operator=(const DemoPayments&) = delete;

  // At 02:00 of every day of the history (the overnight batch), after the day's choice jobs.
  Status OnDay(Date day);
  // Outcomes the payment history looks after (claimed, or in claw-back mode, where a missed
  // outcome must be clawed back by a payment run): the journey's outcome-history stand-in
  // leaves them alone.
  bool LooksAfter(std::int64_t registration_id, const std::string& outcome) const;
  // At the end: a run prepared up to today and left for the second regulator to release.
  Result<DemoPaymentSummary> Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct DemoJourneySummary {
  bool created = false;  // false when the citizens were already there (or none were asked for)
  int citizens = 0;      // records made, besides the `citizen` login's own
  int logins = 0;        // citizens with a login of their own (besides `citizen`)
  int entries = 0;
  int assessments = 0;
  int shortlists = 0;
  int registrations = 0;
  int open_choices = 0;
  // Closed outcomes: verified claims, plus a stand-in history for outcomes whose sustainment
  // is longer than the demonstration's 18 months (no real claim or deadline can close them yet).
  int outcomes_achieved = 0;
  int outcomes_missed = 0;
  std::map<std::string, int> by_route;   // entries: life_event, referral, self_referral
  std::map<std::string, int> by_format;  // registrations: free, assisted, professional
  std::map<std::string, int> by_basis;   // registrations: citizen, professional, auto_*
  std::map<int, int> barrier_histogram;  // assessments by number of barriers
  DemoPaymentSummary payments;
};

// The demonstration citizens (issue 4): `citizens` people spread over the live districts (more
// in more deprived ones), entering by the three routes over the last ~18 months, assessed,
// shortlisted and registered through the journey's use cases at backdated times, with the
// choice-deadline job run daily in between (CHO-3); the `citizen` login gets a story of its
// own (a self-referral, an assessment, a registration and an open choice); the payment history
// (DemoPayments) is played along the same timeline. Needs SeedDemo's
// users and SeedDemoMarket's market. Deterministic. Idempotent: does nothing when citizens
// besides the `citizen` login's record exist. `progress` is called every 500 citizens.
Result<DemoJourneySummary> SeedDemoJourney(
    store::Store& store, Timestamp now, int citizens,
    const std::function<void(int done, int total)>& progress = {});

}  // namespace psl::app
