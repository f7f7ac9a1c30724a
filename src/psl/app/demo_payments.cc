// The demonstration payment history (issue 5 item 9; DemoPayments in demo.h). It runs inside the
// demonstration citizens' timeline, at 07:00 on the journey's clock every day (before any
// casework of the day), so a claim is made only once its outcome has been sustained, a survey
// invitation exists only once its wave has come, and each payment run pays what was due by
// the end of the previous month. Every write goes through the app's use cases (Claims, Surveys,
// PaymentRuns, PaymentModes, Budgets), as the providers, citizens, regulators and government
// who would make it: the figures on statements, charts and surveys are the system's own.
//
// Only outcomes that can really be claimed within the ~18 months of history are claimed (window
// at most 36 months, sustainment at most 12): the longer ones (two years in work, three years
// out of custody...) cannot have been reached yet, and no claim deadline (window + sustainment,
// at least 24 months) can have passed, so outcomes are never "missed" by a run here; the
// journey's outcome-history stand-in closes those for the provider comparison (CHO-2).
// Deterministic: a fixed-seed mt19937_64 reduced with `%` (see demo_journey.cc).
#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "psl/app/budgets.h"
#include "psl/app/claims.h"
#include "psl/app/demo.h"
#include "psl/app/journey.h"
#include "psl/app/payment_runs.h"
#include "psl/app/surveys.h"
#include "psl/store/journey_tables.h"

namespace psl::app {
namespace {

constexpr std::int64_t kDay = 86'400;
constexpr std::int64_t kHour = 3'600;
// Outcomes longer than this cannot be reached and claimed within the demonstration's history.
constexpr int kMaxClaimableWindow = 36;
constexpr int kMaxClaimableSustain = 12;
// Payment runs before claw-back mode is offered: by then the first runs have netted the
// licence fees, so the busiest providers are in good standing (PAY-5).
constexpr int kRunsBeforeClawback = 3;
constexpr int kClawbackProviders = 2;

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  int Between(int low, int high) {
    return low + static_cast<int>(Below(static_cast<std::size_t>(high - low + 1)));
  }
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

 private:
  std::mt19937_64 engine_;
};

// A provider's own quality, fixed by its id, as the journey's outcome history has it.
double Quality(ProviderId provider) {
  return 0.25 + 0.1 * static_cast<double>((provider.value() * 13) % 5);
}

std::string EvidenceFor(const std::string& outcome, Date achieved_on) {
  static const std::map<std::string, std::string> evidence = {
      {"median_wage_fraction_3y", "Payslips and the employment contract; HMRC RTI to confirm."},
      {"debt_reduced_2y", "Credit reference agency report and bank statements, before and now."},
      {"quit_smoking_sustained",
       "Carbon monoxide readings at 4 weeks and 12 months (below 10 ppm)."},
      {"clinical_scale_improvement", "PHQ-9 and GAD-7 scores from the treating clinician."},
      {"loneliness_quality_of_life",
       "UCLA loneliness and ONS4 scores from the independent survey."},
  };
  const auto found = evidence.find(outcome);
  const std::string text = found != evidence.end()
                               ? found->second
                               : "Records held by the provider, available on request.";
  return text + " Reached on " + achieved_on.ToString() + ".";
}

constexpr std::array<const char*, 8> kEmployers = {
    "Tesco Stores Ltd", "NHS Trust",      "Amazon UK Services", "Greggs plc",
    "Local Council",    "Balfour Beatty", "Sainsbury's",        "Smith, Jones & Co"};

struct PlannedClaim {
  std::int64_t registration = 0;
  std::string outcome;
  ProviderId provider;
  CitizenId citizen;
  Date achieved_on;
  Date deadline;
  std::optional<Weight> fraction;  // graded outcomes the provider measures itself
  bool payroll = false;            // verified by the evidence feed, not by hand
  bool second_try = false;         // made again after a rejection: never rejected twice
};

struct Decision {
  std::int64_t claim = 0;
  bool reject = false;
  PlannedClaim planned;  // to try again after a rejection
};

struct PlannedAnswer {
  std::int64_t invitation = 0;
  CitizenId citizen;
  std::string answer;
};

Result<access::Principal> UserNamed(store::Transaction& transaction, const std::string& name) {
  PSL_ASSIGN_OR_RETURN(const auto user, transaction.users().FindByUsername(name));
  if (!user) {
    return Status(ErrorCode::kFailedPrecondition,
                  "the demonstration user '" + name + "' is missing; run psl demo");
  }
  return user->AsPrincipal();
}

Status Explain(const Status& status, const std::string& what) {
  return Status(status.code(), "demonstration payments, " + what + ": " + status.message(),
                status.field());
}

}  // namespace

struct DemoPayments::State {
  State(store::Store& store_in, App& app_in, ManualClock& clock_in, Timestamp now_in, int count)
      : store(store_in),
        app(app_in),
        clock(clock_in),
        now(now_in),
        citizens(count),
        claims(app_in),
        surveys(app_in),
        runs(app_in),
        modes(app_in),
        budgets(app_in) {}

  Status Start();
  Status SetBudgets(Date day);
  Status ScanRegistrations();
  void Plan(const store::RegistrationRecord& registration);
  Status ImportFeed(Date day);
  Status PaymentRun(Date as_of);
  Status OfferClawback();
  Status MakeClaims(Date day);
  Status Decide(Date day);
  Status Survey(Date day);
  Status Answer(Date day);
  void Tick() { clock.Advance(7); }
  RequestContext AsProvider(ProviderId provider) const;
  RequestContext AsCitizen(CitizenId citizen) const;
  const RequestContext& NextRegulator() { return (++decisions % 2) ? regulator : regulator2; }

  store::Store& store;
  App& app;
  ManualClock& clock;
  const Timestamp now;
  const int citizens;
  Claims claims;
  Surveys surveys;
  PaymentRuns runs;
  PaymentModes modes;
  Budgets budgets;
  Random random{20150401};

  bool started = false;
  catalogue::Catalogue catalogue;
  RequestContext regulator;
  RequestContext regulator2;
  RequestContext government;
  const RequestContext scheduler{access::Principal::System("scheduler"), "cli:demo"};
  std::map<std::int64_t, access::Principal> provider_users;
  std::map<std::int64_t, access::Principal> citizen_users;

  std::int64_t last_registration = 0;
  std::int64_t last_invitation = 0;
  std::int64_t decisions = 0;
  std::int64_t manual_claims = 0;  // every tenth first claim decided by hand is rejected
  std::multimap<std::int64_t, PlannedClaim> claims_due;  // by day number
  std::multimap<std::int64_t, Decision> decisions_due;
  std::multimap<std::int64_t, PlannedAnswer> answers_due;
  std::string spells;  // feed rows waiting for the next import
  std::set<std::pair<std::int64_t, std::string>> looked_after;
  std::map<std::int64_t, Date> clawback_from;  // provider -> first day in claw-back mode
  std::map<std::int64_t, int> registrations_by_provider;
  std::set<int> budget_years;
  DemoPaymentSummary summary;
};

RequestContext DemoPayments::State::AsProvider(ProviderId provider) const {
  const auto found = provider_users.find(provider.value());
  if (found != provider_users.end()) return {found->second, "cli:demo"};
  // Every demonstration provider has a login (demo_market.cc); this stays the provider's own.
  return {access::Principal{UserId(), "provider " + std::to_string(provider.value()),
                            access::Role::kProvider, provider, std::nullopt},
          "cli:demo"};
}

RequestContext DemoPayments::State::AsCitizen(CitizenId citizen) const {
  const auto found = citizen_users.find(citizen.value());
  if (found != citizen_users.end()) return {found->second, "web:survey"};
  // Most demonstration citizens have no login: they answer the independent survey by post or
  // telephone, recorded as themselves.
  return {access::Principal{UserId(), "citizen " + std::to_string(citizen.value()),
                            access::Role::kCitizen, std::nullopt, citizen},
          "survey:telephone"};
}

Status DemoPayments::State::Start() {
  PSL_RETURN_IF_ERROR(store.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const access::Principal first, UserNamed(transaction, "regulator"));
    PSL_ASSIGN_OR_RETURN(const access::Principal second, UserNamed(transaction, "regulator2"));
    PSL_ASSIGN_OR_RETURN(const access::Principal treasury, UserNamed(transaction, "government"));
    regulator = {first, "cli:demo"};
    regulator2 = {second, "cli:demo"};
    government = {treasury, "cli:demo"};
    return Status::Ok();
  }));
  Journey journey(app);
  PSL_ASSIGN_OR_RETURN(catalogue, journey.Catalogue(std::nullopt));
  started = true;
  return Status::Ok();
}

// Government sets each End Result's envelope at the start of its financial year (April to
// March), sized to the demonstration's number of citizens so the chart has a sensible scale.
Status DemoPayments::State::SetBudgets(Date day) {
  const int year = day.month() >= 4 ? day.year() : day.year() - 1;
  if (!budget_years.insert(year).second) return Status::Ok();
  // Pence per demonstration citizen per year, by End Result.
  static const std::map<std::string, std::int64_t> per_citizen = {
      {"individual_prosperity", 260'000},
      {"better_physical_health", 120'000},
      {"lower_crime", 90'000},
      {"good_mental_health", 60'000},
      {"fair_start", 50'000}};
  for (const catalogue::EndResult& end_result : catalogue.end_results) {
    const auto found = per_citizen.find(end_result.id);
    const std::int64_t pence =
        (found == per_citizen.end() ? 50'000 : found->second) * std::max(citizens, 1);
    BudgetInput input{end_result.id, *Date::FromCivil(year, 4, 1),
                      *Date::FromCivil(year + 1, 3, 31),
                      Money::FromPence(pence / 100'000 * 100'000)};  // whole thousands of pounds
    PSL_RETURN_IF_ERROR(budgets.Set(government, input).ToStatus());
    ++summary.budgets;
    Tick();
  }
  return Status::Ok();
}

Status DemoPayments::State::ScanRegistrations() {
  std::vector<store::RegistrationRecord> fresh;
  PSL_RETURN_IF_ERROR(store.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(
        const store::Rows rows,
        transaction.connection().Query("SELECT id FROM registrations WHERE id > $1 ORDER BY id",
                                       {last_registration}));
    store::RegistrationTable registrations(transaction.connection());
    for (const store::Row& row : rows) {
      PSL_ASSIGN_OR_RETURN(auto registration, registrations.Get(row.Int(0)));
      if (registration) fresh.push_back(std::move(*registration));
    }
    return Status::Ok();
  }));
  for (const store::RegistrationRecord& registration : fresh) {
    last_registration = std::max(last_registration, registration.id);
    ++registrations_by_provider[registration.provider_id.value()];
    Plan(registration);
  }
  return Status::Ok();
}

// Whether and when each outcome of a new registration will be reached and claimed: more often
// with a better provider and fewer barriers, claimed some days after the sustainment ends.
void DemoPayments::State::Plan(const store::RegistrationRecord& registration) {
  const auto mode = clawback_from.find(registration.provider_id.value());
  const bool clawback = mode != clawback_from.end() && registration.registered_on >= mode->second;
  const double chance =
      std::max(0.05, Quality(registration.provider_id) + 0.1 - 0.05 * registration.barrier_count);
  const Date today = now.UtcDate();
  for (const store::RegisteredOutcomeRecord& outcome : registration.outcomes) {
    // In claw-back mode a run must claw back what is missed: the stand-in never closes those.
    if (clawback) looked_after.insert({registration.id, outcome.outcome});
    const catalogue::KingOutcome* king = catalogue.FindOutcome(outcome.outcome);
    if (king == nullptr || king->window_months > kMaxClaimableWindow ||
        king->sustain_months > kMaxClaimableSustain) {
      continue;
    }
    if (!random.Chance(chance)) continue;
    PlannedClaim planned;
    planned.registration = registration.id;
    planned.outcome = outcome.outcome;
    planned.provider = registration.provider_id;
    planned.citizen = registration.citizen_id;
    planned.achieved_on = registration.registered_on.AddDays(
        random.Between(20, std::min(king->window_months * 30 - 10, 240)));
    planned.deadline =
        registration.registered_on.AddMonths(king->window_months + king->sustain_months);
    planned.payroll = outcome.outcome == "median_wage_fraction_3y";
    if (king->kind == catalogue::OutcomeKind::kGraded) {
      // Graded outcomes: often part of the way, sometimes all of it (for wages the feed's
      // earnings decide the fraction verified).
      planned.fraction =
          random.Chance(0.3) ? Weight::One() : Weight::FromMicros(random.Between(30, 95) * 10'000);
    }
    const Date claim_on =
        planned.achieved_on.AddMonths(king->sustain_months).AddDays(random.Between(3, 25));
    if (claim_on >= today || claim_on > planned.deadline) continue;  // not claimed yet
    looked_after.insert({registration.id, outcome.outcome});
    claims_due.emplace(claim_on.DaysSinceEpoch(), std::move(planned));
  }
}

// The trusted feed (PAY-7): the month's payroll spells of people who started work, which
// verify their providers' pending wage claims by themselves.
Status DemoPayments::State::ImportFeed(Date day) {
  if (spells.empty()) return Status::Ok();
  const std::string csv = "citizen,employer,start,end,earnings\n" + spells;
  const std::string name = "HMRC RTI " + day.AddDays(-1).ToString().substr(0, 7);
  auto imported = claims.ImportFeed(regulator, name, csv);
  if (!imported.ok()) return Explain(imported.status(), "feed " + name);
  spells.clear();
  ++summary.feeds;
  summary.claims_verified += static_cast<int>(imported->claims_verified.size());
  summary.claims_verified_by_feed += static_cast<int>(imported->claims_verified.size());
  Tick();
  return Status::Ok();
}

// Four eyes: one regulator prepares, the other releases.
Status DemoPayments::State::PaymentRun(Date as_of) {
  auto prepared = runs.Prepare(regulator, as_of);
  if (!prepared.ok()) return Explain(prepared.status(), "preparing the run to " + as_of.ToString());
  clock.Advance(20 * 60);
  auto released = runs.Release(regulator2, prepared->run.id);
  if (!released.ok())
    return Explain(released.status(), "releasing run " + std::to_string(prepared->run.id));
  ++summary.runs_released;
  for (const store::RunProviderRecord& row : released->providers) {
    summary.paid = Money::FromPence(summary.paid.pence() + row.paid.pence());
  }
  Tick();
  return Status::Ok();
}

// PAY-5: the busiest providers still in good standing opt into claw-back mode themselves.
Status DemoPayments::State::OfferClawback() {
  std::vector<std::pair<int, std::int64_t>> busiest;
  for (const auto& [provider, count] : registrations_by_provider)
    busiest.emplace_back(-count, provider);
  std::sort(busiest.begin(), busiest.end());
  for (const auto& entry : busiest) {
    if (static_cast<int>(clawback_from.size()) >= kClawbackProviders) break;
    const ProviderId provider(entry.second);
    if (!provider_users.count(provider.value())) continue;
    PSL_ASSIGN_OR_RETURN(const PaymentModeView view, modes.Get(regulator, provider));
    if (!view.good_standing || view.clawback) continue;
    PSL_ASSIGN_OR_RETURN(const PaymentModeView set,
                         modes.Set(AsProvider(provider), provider, true));
    if (set.effective_from) clawback_from[provider.value()] = *set.effective_from;
    ++summary.clawback_providers;
    Tick();
  }
  return Status::Ok();
}

Status DemoPayments::State::MakeClaims(Date day) {
  const std::int64_t today = day.DaysSinceEpoch();
  while (!claims_due.empty() && claims_due.begin()->first <= today) {
    PlannedClaim planned = std::move(claims_due.begin()->second);
    claims_due.erase(claims_due.begin());
    ClaimInput input{planned.registration, planned.outcome, planned.achieved_on, planned.fraction,
                     EvidenceFor(planned.outcome, planned.achieved_on)};
    auto claim = claims.Submit(AsProvider(planned.provider), input);
    Tick();
    if (!claim.ok()) {
      // The registration may have ended or the outcome moved on meanwhile: nothing to claim.
      if (claim.status().code() == ErrorCode::kConflict ||
          claim.status().code() == ErrorCode::kFailedPrecondition) {
        continue;
      }
      return Explain(claim.status(),
                     "claim for registration " + std::to_string(planned.registration));
    }
    ++summary.claims_submitted;
    if (claim->status == "verified") {
      ++summary.claims_verified;
      ++summary.claims_verified_by_feed;
      continue;
    }
    if (planned.payroll) {
      const int pounds = random.Between(14, 44) * 1000 + random.Between(0, 99) * 10;
      spells += std::to_string(planned.citizen.value()) + ",\"" +
                kEmployers[random.Below(kEmployers.size())] + "\"," +
                planned.achieved_on.ToString() + ",," + std::to_string(pounds) + ".00\n";
      continue;
    }
    const bool reject = !planned.second_try && ++manual_claims % 10 == 3;
    Decision decision{claim->id, reject, planned};
    decisions_due.emplace(today + random.Between(2, 12), std::move(decision));
  }
  return Status::Ok();
}

Status DemoPayments::State::Decide(Date day) {
  const std::int64_t today = day.DaysSinceEpoch();
  while (!decisions_due.empty() && decisions_due.begin()->first <= today) {
    Decision decision = std::move(decisions_due.begin()->second);
    decisions_due.erase(decisions_due.begin());
    const RequestContext& by = NextRegulator();
    if (decision.reject) {
      PSL_RETURN_IF_ERROR(claims
                              .Reject(by, decision.claim,
                                      "The evidence does not show the date the outcome was "
                                      "reached; send the assessor's signed record.")
                              .ToStatus());
      ++summary.claims_rejected;
      PlannedClaim again = std::move(decision.planned);
      again.second_try = true;
      const Date retry = day.AddDays(random.Between(7, 30));
      if (retry <= again.deadline) claims_due.emplace(retry.DaysSinceEpoch(), std::move(again));
    } else {
      auto verified = claims.Verify(by, decision.claim);
      if (!verified.ok() && verified.status().code() != ErrorCode::kConflict) {
        return Explain(verified.status(), "verifying claim " + std::to_string(decision.claim));
      }
      if (verified.ok()) ++summary.claims_verified;
    }
    Tick();
  }
  return Status::Ok();
}

// The survey job as the scheduler runs it, then some of the invited answer over the next weeks:
// more of them recommend the better providers.
Status DemoPayments::State::Survey(Date day) {
  PSL_ASSIGN_OR_RETURN(const SurveyJobReport report, surveys.RunSurveyJob(scheduler, day));
  if (report.invited == 0) return Status::Ok();
  summary.survey_invitations += static_cast<int>(report.invited);
  store::Rows rows;
  PSL_RETURN_IF_ERROR(store.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(rows, transaction.connection().Query(
                                   "SELECT id, citizen_id, provider_id FROM survey_invitations "
                                   "WHERE id > $1 ORDER BY id",
                                   {last_invitation}));
    return Status::Ok();
  }));
  for (const store::Row& row : rows) {
    last_invitation = std::max(last_invitation, row.Int(0));
    if (!random.Chance(0.55)) continue;
    const double recommend = 0.45 + 0.6 * Quality(ProviderId(row.Int(2)));
    const double r = random.Unit();
    std::string answer;
    if (r < 0.05) {
      answer = "dont_know";
    } else if (r < 0.05 + 0.95 * recommend) {
      answer = random.Chance(0.45) ? "extremely_likely" : "likely";
    } else {
      const double d = random.Unit();
      answer = d < 0.5 ? "neither" : d < 0.8 ? "unlikely" : "extremely_unlikely";
    }
    answers_due.emplace(day.DaysSinceEpoch() + random.Between(1, 25),
                        PlannedAnswer{row.Int(0), CitizenId(row.Int(1)), answer});
  }
  return Status::Ok();
}

Status DemoPayments::State::Answer(Date day) {
  const std::int64_t today = day.DaysSinceEpoch();
  while (!answers_due.empty() && answers_due.begin()->first <= today) {
    const PlannedAnswer planned = answers_due.begin()->second;
    answers_due.erase(answers_due.begin());
    auto answered = surveys.Answer(AsCitizen(planned.citizen), planned.invitation, planned.answer);
    if (!answered.ok()) {
      return Explain(answered.status(),
                     "answer to invitation " + std::to_string(planned.invitation));
    }
    ++summary.survey_answers;
    Tick();
  }
  return Status::Ok();
}

DemoPayments::DemoPayments(store::Store& store, App& app, ManualClock& clock, Timestamp now,
                           int citizens)
    : state_(std::make_unique<State>(store, app, clock, now, citizens)) {}

DemoPayments::~DemoPayments() = default;

bool DemoPayments::LooksAfter(std::int64_t registration_id, const std::string& outcome) const {
  return state_->looked_after.count({registration_id, outcome}) > 0;
}

Status DemoPayments::OnDay(Date day) {
  State& s = *state_;
  // The morning batch: before the day's casework, which starts at 09:00.
  s.clock.Set(Timestamp::FromUnixSeconds(day.DaysSinceEpoch() * kDay + 7 * kHour));
  if (!s.started) {
    PSL_RETURN_IF_ERROR(s.Start());
    // Every demonstration provider and citizen login, to act as them.
    PSL_RETURN_IF_ERROR(s.store.Read([&](store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(const store::Rows rows,
                           transaction.connection().Query(
                               "SELECT username FROM users WHERE role IN ('provider', 'citizen') "
                               "ORDER BY id"));
      for (const store::Row& row : rows) {
        PSL_ASSIGN_OR_RETURN(const access::Principal principal,
                             UserNamed(transaction, row.Text(0)));
        if (principal.provider_id)
          s.provider_users.emplace(principal.provider_id->value(), principal);
        if (principal.citizen_id) s.citizen_users.emplace(principal.citizen_id->value(), principal);
      }
      return Status::Ok();
    }));
  }
  PSL_RETURN_IF_ERROR(s.SetBudgets(day));
  PSL_RETURN_IF_ERROR(s.ScanRegistrations());
  if (day.day() == 1 && s.last_registration > 0) {
    PSL_RETURN_IF_ERROR(s.ImportFeed(day));
    PSL_RETURN_IF_ERROR(s.PaymentRun(day.AddDays(-1)));
    if (s.summary.runs_released == kRunsBeforeClawback) PSL_RETURN_IF_ERROR(s.OfferClawback());
  }
  PSL_RETURN_IF_ERROR(s.MakeClaims(day));
  PSL_RETURN_IF_ERROR(s.Decide(day));
  PSL_RETURN_IF_ERROR(s.Survey(day));
  PSL_RETURN_IF_ERROR(s.Answer(day));
  return Status::Ok();
}

Result<DemoPaymentSummary> DemoPayments::Finish() {
  State& s = *state_;
  if (!s.started) return s.summary;
  const Date today = s.now.UtcDate();
  s.clock.Set(s.now.PlusSeconds(-20 * 60));
  // Citizens who registered since this morning's batch are part of the last run too.
  PSL_RETURN_IF_ERROR(s.ScanRegistrations());
  auto prepared = s.runs.Prepare(s.regulator, today);
  if (!prepared.ok()) return Explain(prepared.status(), "preparing the last run");
  s.summary.runs_prepared = 1;
  PSL_RETURN_IF_ERROR(s.store.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(
        const store::Rows rows,
        transaction.connection().Query("SELECT COUNT(*) FROM claims WHERE status = 'pending'"));
    s.summary.claims_pending = rows.empty() ? 0 : static_cast<int>(rows.front().Int(0));
    return Status::Ok();
  }));
  return s.summary;
}

}  // namespace psl::app
