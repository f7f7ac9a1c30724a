// The demonstration citizens for `make run` (issue 4 item 9): a few thousand people across real
// districts who came in by the three routes (ENT-1), took the single assessment (ASM-1..3) and
// chose, were helped to choose or were given a provider (CHO-1..3), with prices locked at
// registration (TAR-4). Everything goes through the journey's use cases, as the referrer, the
// government, the citizens and the scheduler, at backdated times on a ManualClock, so the data
// is audited and checked exactly like real casework. Deterministic: a fixed-seed mt19937_64
// (its output is fixed by the C++ standard), reduced with `%` and shifts rather than the
// standard distributions (whose output differs between standard libraries).
//
// The timeline: entries arrive over the last ~18 months, more of them recently (a programme
// that grows); every event (entry, follow-up, assessment, shortlist, choice) is put on one
// queue ordered by time, and the choice-deadline job runs at 02:00 every day in between, so a
// choice left alone for 28 days goes to the default provider (CHO-3) on the right date, and the
// choices of the last four weeks are still open.
//
// Logins cost an Argon2id hash each (about a tenth of a second), so only one citizen in 60
// gets one (online self-referral, or a login the Regulator links to a life-event record); the
// others are seen through the `referrer`'s caseload and the Regulator's view.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <queue>
#include <random>
#include <set>
#include <tuple>

#include "psl/app/audit_writer.h"
#include "psl/app/demo.h"
#include "psl/app/journey.h"
#include "psl/core/check.h"
#include "psl/store/journey_tables.h"
#include "psl/store/licensing_tables.h"

namespace psl::app {
namespace {

constexpr std::int64_t kDay = 86'400;
constexpr std::int64_t kHour = 3'600;
constexpr int kHistoryDays = 540;  // about 18 months
constexpr int kLoginEvery = 60;    // one citizen in 60 has a login of their own
constexpr char kCitizenPassword[] = "psl-demo-citizen";
// Registrations at least this old get outcome history (see MarkOutcomeHistory).
constexpr int kHistoryAfterDays = 240;

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  int Between(int low, int high) {
    return low + static_cast<int>(Below(static_cast<std::size_t>(high - low + 1)));
  }
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& values) {
    return values[Below(values.size())];
  }

 private:
  std::mt19937_64 engine_;
};

constexpr std::array<const char*, 48> kFirstNames = {
    "Olivia",   "Amelia", "Isla",   "Ava",     "Mia",    "Ivy",     "Lily",      "Grace",
    "Freya",    "Sophia", "Aisha",  "Fatima",  "Chloe",  "Jessica", "Zara",      "Megan",
    "Emma",     "Hannah", "Priya",  "Joanne",  "Karen",  "Tracey",  "Agnieszka", "Siobhan",
    "Oliver",   "George", "Noah",   "Arthur",  "Leo",    "Harry",   "Jack",      "Mohammed",
    "Muhammad", "Jacob",  "Oscar",  "Charlie", "Thomas", "Daniel",  "Liam",      "Ryan",
    "Kieran",   "Connor", "Tomasz", "Imran",   "Darren", "Lee",     "Wayne",     "Kwame"};
constexpr std::array<const char*, 48> kLastNames = {
    "Smith",    "Jones",    "Taylor",  "Brown",    "Williams", "Wilson", "Johnson", "Davies",
    "Patel",    "Robinson", "Wright",  "Thompson", "Evans",    "Walker", "White",   "Roberts",
    "Green",    "Hall",     "Wood",    "Jackson",  "Clarke",   "Khan",   "Hussain", "Ali",
    "Begum",    "Ahmed",    "Lewis",   "Harris",   "Martin",   "Cooper", "Hill",    "Ward",
    "Hughes",   "Turner",   "Edwards", "Collins",  "Kowalski", "Nowak",  "O'Brien", "Murphy",
    "Campbell", "Kelly",    "Mensah",  "Okafor",   "Shaw",     "Lloyd",  "Baker",   "Moore"};
// Common, validly shaped prefixes of National Insurance numbers.
constexpr std::array<const char*, 12> kNumberPrefixes = {"AB", "CE", "JK", "JS", "NP", "NR",
                                                         "PA", "SH", "SR", "TW", "WK", "YL"};

enum class Profile {
  kLowPaid,
  kUnemployed,
  kYoungNeet,
  kSchoolPupil,
  kParent,
  kHomeless,
  kOffender,
  kMentalHealth,
  kPhysicalHealth,
  kRedundant,
};

struct ProfileInfo {
  Profile profile;
  int weight;                            // share of citizens
  int youngest, oldest;                  // age at entry
  double vulnerability;                  // 0..1: how often the report's barriers appear
  std::vector<std::string> end_results;  // what they came for, first eligible is acted on
};

const std::vector<ProfileInfo>& Profiles() {
  static const auto* const profiles = new std::vector<ProfileInfo>{
      {Profile::kLowPaid, 9, 22, 60, 0.08, {"individual_prosperity"}},
      {Profile::kUnemployed, 18, 18, 63, 0.22, {"individual_prosperity"}},
      {Profile::kYoungNeet, 8, 16, 19, 0.28, {"individual_prosperity", "fair_start"}},
      {Profile::kSchoolPupil, 4, 14, 15, 0.10, {"fair_start", "individual_prosperity"}},
      {Profile::kParent, 12, 18, 40, 0.14, {"fair_start", "individual_prosperity"}},
      {Profile::kHomeless,
       8,
       19,
       60,
       0.80,
       {"better_physical_health", "individual_prosperity", "lower_crime"}},
      {Profile::kOffender, 12, 18, 50, 0.62, {"lower_crime", "better_physical_health"}},
      {Profile::kMentalHealth, 12, 18, 65, 0.35, {"good_mental_health", "individual_prosperity"}},
      {Profile::kPhysicalHealth,
       11,
       25,
       66,
       0.08,
       {"better_physical_health", "individual_prosperity"}},
      {Profile::kRedundant, 6, 28, 62, 0.05, {"individual_prosperity"}},
  };
  return *profiles;
}

const ProfileInfo& InfoOf(Profile profile) {
  for (const ProfileInfo& info : Profiles()) {
    if (info.profile == profile) return info;
  }
  PSL_CHECK(false, "every profile is listed");
  return Profiles().front();
}

Profile PickProfile(Random& random) {
  int total = 0;
  for (const ProfileInfo& info : Profiles()) total += info.weight;
  int left = static_cast<int>(random.Below(static_cast<std::size_t>(total)));
  for (const ProfileInfo& info : Profiles()) {
    if (left < info.weight) return info.profile;
    left -= info.weight;
  }
  return Profiles().back().profile;
}

// How a life-event notice is taken up: a professional refers them (and so can see them), the
// Regulator links a login to the record so the citizen takes the assessment online, or nothing
// happens yet.
enum class FollowUp { kNone, kReferral, kAccount };

struct Route {
  std::string route;
  std::string source;
  FollowUp follow_up = FollowUp::kNone;
  std::string follow_up_source;  // kReferral
};

Route RouteOf(std::string route, std::string source) {
  Route result;
  result.route = std::move(route);
  result.source = std::move(source);
  return result;
}

// Routes and sources by profile (ENT-1, report Table 2 and Annex B). `login` says whether this
// citizen may have a login of their own (self-referral online needs one).
Route PickRoute(Profile profile, Random& random, bool login) {
  const double r = random.Unit();
  const auto referral = [](std::string source) { return RouteOf("referral", std::move(source)); };
  const auto self = [&](std::string source, std::string fallback) {
    return login ? RouteOf("self_referral", std::move(source))
                 : RouteOf("referral", std::move(fallback));
  };
  const auto life_event = [&](std::string source, std::string referral_source,
                              bool account_possible) {
    Route route = RouteOf("life_event", std::move(source));
    const double taken = random.Unit();
    if (account_possible && login) {
      route.follow_up = FollowUp::kAccount;
    } else if (taken < 0.75) {
      route.follow_up = FollowUp::kReferral;
      route.follow_up_source = std::move(referral_source);
    }
    return route;
  };
  switch (profile) {
    case Profile::kLowPaid:
      return r < 0.7 ? self(r < 0.55 ? "online" : "councillor_or_mp", "jobcentre")
                     : referral("jobcentre");
    case Profile::kUnemployed:
      if (r < 0.65) return referral("jobcentre");
      if (r < 0.8) return self("online", "jobcentre");
      return life_event("redundancy", "jobcentre", true);
    case Profile::kYoungNeet:
      if (r < 0.5) return referral("jobcentre");
      if (r < 0.7) return referral("school");
      return life_event("leaving_education", "school", true);
    case Profile::kSchoolPupil:
      return r < 0.6 ? life_event("leaving_education", "school", true) : referral("school");
    case Profile::kParent:
      if (r < 0.45) return life_event("birth", "health_visitor", false);
      if (r < 0.8) return referral("health_visitor");
      return referral("gp");
    case Profile::kHomeless: return r < 0.8 ? referral("street_team") : referral("social_worker");
    case Profile::kOffender:
      if (r < 0.35) return life_event("sentencing", "probation", false);
      if (r < 0.55) return referral("court");
      if (r < 0.85) return referral("probation");
      return referral("police");
    case Profile::kMentalHealth:
      if (r < 0.4) return referral("mental_health");
      if (r < 0.8) return referral("gp");
      return self("helpline", "gp");
    case Profile::kPhysicalHealth:
      if (r < 0.55) return referral("gp");
      if (r < 0.85) return self("gp", "gp");
      return life_event("chronic_illness", "gp", false);
    case Profile::kRedundant:
      return r < 0.8 ? life_event("redundancy", "jobcentre", true) : self("online", "jobcentre");
  }
  return referral("gp");
}

std::string NoteFor(const std::string& source) {
  static const std::map<std::string, std::string> notes = {
      {"jobcentre", "Referred by the work coach after a review of the claim."},
      {"school", "The school's careers lead explained the choice of providers."},
      {"health_visitor", "Seen at the new-birth visit; the family agreed to a referral."},
      {"gp", "Referred after a consultation; agreed to be contacted."},
      {"street_team", "Met by the outreach team; no fixed address, contact through the hostel."},
      {"social_worker", "Referred by the allocated social worker."},
      {"court", "Referred at sentencing."},
      {"probation", "Referred by the probation officer at the first supervision meeting."},
      {"police", "Referred by the neighbourhood policing team after repeated contact."},
      {"mental_health", "Referred by the community mental health team on discharge."},
  };
  const auto found = notes.find(source);
  return found == notes.end() ? std::string() : found->second;
}

std::string HowOften(Random& random, double v) {
  const double r = random.Unit();
  if (r < 0.05 + 0.35 * v)
    return random.Chance(0.5) ? "nearly_every_day" : "more_than_half_the_days";
  if (r < 0.35 + 0.3 * v) return "several_days";
  return "not_at_all";
}

// Answers to the default questionnaire (ASM-1) for someone of this profile and age.
assessment::Answers MakeAnswers(Profile profile, int age, Random& random) {
  using std::to_string;
  const double v = InfoOf(profile).vulnerability;
  assessment::Answers a;
  a["sight"] = random.Chance(0.005 + 0.02 * v) ? "blind"
               : random.Chance(0.06)           ? "some_difficulty"
                                               : "no_difficulty";
  a["physical_disability"] = random.Chance(0.04 + 0.1 * v) ? "a_lot"
                             : random.Chance(0.12)         ? "a_little"
                                                           : "no";
  const double w = random.Unit();
  a["weight"] = w < 0.16 ? "overweight" : w < 0.23 ? "obese" : w < 0.25 ? "underweight" : "no";
  a["age_years"] = to_string(age);
  a["lone_parent"] = "no";
  a["children_under_5"] = "0";
  a["children_5_to_17"] = "0";
  a["in_care_as_child"] = random.Chance(0.02 + 0.25 * v) ? "yes" : "no";
  a["abused_as_child"] = random.Chance(0.03 + 0.4 * v) ? "yes"
                         : random.Chance(0.05)         ? "prefer_not_to_say"
                                                       : "no";
  a["receives_benefits"] = "no";
  a["behind_with_payments"] = random.Chance(0.06 + 0.3 * v) ? "yes" : "no";
  if (random.Chance(0.7)) {
    a["unsecured_debt_pounds"] = to_string(random.Chance(0.4) ? random.Between(0, 90) * 100 : 0);
  }
  a["people_to_rely_on"] = random.Chance(0.03 + 0.35 * v) ? "none"
                           : random.Chance(0.4)           ? "one_or_two"
                                                          : "three_or_more";
  const double l = random.Unit();
  a["lonely"] = l < 0.04 + 0.4 * v ? (random.Chance(0.4) ? "always" : "often")
                : l < 0.5          ? "sometimes"
                : l < 0.75         ? "rarely"
                                   : "never";
  a["low_mood"] = HowOften(random, v);
  a["anxious"] = HowOften(random, v);
  a["severe_mental_illness"] = random.Chance(0.01 + 0.12 * v) ? "yes" : "no";
  a["reading"] = random.Chance(0.015 + 0.2 * v)
                     ? (random.Chance(0.5) ? "only_a_few_words" : "not_at_all")
                 : random.Chance(0.08) ? "with_some_difficulty"
                                       : "easily";
  a["english_first_language"] = random.Chance(0.12) ? "no" : "yes";
  a["dyslexia"] = random.Chance(0.05 + 0.1 * v) ? "yes" : "no";
  a["learning_disability"] = random.Chance(0.01 + 0.05 * v) ? "yes" : "no";
  static const std::vector<std::string> qualifications = {
      "none", "below_gcse", "gcse_or_equivalent", "a_level_or_equivalent", "degree_or_higher"};
  a["highest_qualification"] =
      random.Chance(v) ? qualifications[random.Below(2)] : qualifications[2 + random.Below(3)];
  a["in_education"] = "no";
  a["smoking"] = random.Chance(0.12 + 0.5 * v) ? "yes" : random.Chance(0.25) ? "used_to" : "never";
  const double d = random.Unit();
  a["heavy_drinking"] = d < 0.02 + 0.2 * v  ? "daily_or_almost_daily"
                        : d < 0.1 + 0.3 * v ? "weekly"
                        : d < 0.3           ? "monthly"
                        : d < 0.6           ? "less_than_monthly"
                                            : "never";
  a["morning_drink"] = random.Chance(0.01 + 0.2 * v) ? "yes" : "no";
  a["working_now"] = random.Chance(0.75) ? "full_time" : "part_time";
  a["months_since_paid_work"] = "0";
  const double h = random.Unit();
  a["housing_now"] = h < 0.4 ? "own_home" : h < 0.8 ? "renting" : "with_family_or_friends";
  a["homeless_before"] = random.Chance(0.02 + 0.3 * v) ? "yes" : "no";
  a["convicted"] = random.Chance(0.03 + 0.3 * v) ? "yes" : "no";
  a["custody"] = "no";
  a["police_contacts_12m"] = "0";
  a["opiates"] =
      random.Chance(0.2 * v * v) ? (random.Chance(0.6) ? "regularly" : "occasionally") : "no";
  a["opiate_substitute"] = a["opiates"] == "regularly" && random.Chance(0.4) ? "yes" : "no";
  a["other_drugs"] =
      random.Chance(0.04 + 0.3 * v) ? (random.Chance(0.4) ? "regularly" : "occasionally") : "no";

  const auto not_working = [&](int low, int high) {
    a["working_now"] = "not_working";
    a["months_since_paid_work"] = to_string(random.Between(low, high));
  };
  switch (profile) {
    case Profile::kLowPaid:
      a["working_now"] = random.Chance(0.6) ? "part_time" : "full_time";
      a["receives_benefits"] = "yes";
      a["monthly_income_pounds"] = to_string(random.Between(16, 30) * 50);
      a["housing_now"] = "renting";
      break;
    case Profile::kUnemployed:
      not_working(3, 48);
      a["receives_benefits"] = random.Chance(0.85) ? "yes" : "no";
      break;
    case Profile::kYoungNeet:
      a["working_now"] = "not_working";
      // "your age in months if you have never had one"
      a["months_since_paid_work"] =
          to_string(random.Chance(0.6) ? age * 12 : random.Between(2, 11));
      a["highest_qualification"] = qualifications[random.Below(3)];
      a["housing_now"] = random.Chance(0.8) ? "with_family_or_friends" : "renting";
      a["receives_benefits"] = random.Chance(0.5) ? "yes" : "no";
      break;
    case Profile::kSchoolPupil:
      a["in_education"] = "yes";
      a["working_now"] = "not_working";
      a["months_since_paid_work"] = to_string(age * 12);
      a["highest_qualification"] = "below_gcse";
      a["housing_now"] = "with_family_or_friends";
      a["smoking"] = "never";
      a["heavy_drinking"] = "never";
      a["morning_drink"] = "no";
      break;
    case Profile::kParent:
      a["children_under_5"] = to_string(random.Chance(0.8) ? 1 : 2);
      a["children_5_to_17"] = to_string(random.Chance(0.3) ? random.Between(1, 2) : 0);
      a["lone_parent"] = random.Chance(0.35) ? "yes" : "no";
      if (random.Chance(0.5)) not_working(3, 30);
      a["receives_benefits"] = random.Chance(0.6) ? "yes" : "no";
      break;
    case Profile::kHomeless: {
      static const std::vector<std::string> places = {"sleeping_rough", "hostel_or_shelter",
                                                      "sofa_surfing"};
      a["housing_now"] = random.Pick(places);
      a["homeless_before"] = random.Chance(0.7) ? "yes" : "no";
      not_working(12, 120);
      a["receives_benefits"] = "yes";
      break;
    }
    case Profile::kOffender: {
      a["convicted"] = "yes";
      const double c = random.Unit();
      a["custody"] = c < 0.5   ? "in_last_five_years"
                     : c < 0.8 ? "facing_sentence"
                               : "in_custody_now";
      if (a["custody"] == "in_custody_now") a["housing_now"] = "prison_or_custody";
      a["police_contacts_12m"] = to_string(random.Between(0, 6));
      not_working(6, 80);
      break;
    }
    case Profile::kMentalHealth:
      a["low_mood"] = random.Chance(0.7) ? "more_than_half_the_days" : "nearly_every_day";
      a["anxious"] = HowOften(random, 0.9);
      a["severe_mental_illness"] = random.Chance(0.25) ? "yes" : "no";
      if (random.Chance(0.5)) not_working(2, 36);
      break;
    case Profile::kPhysicalHealth:
      a["weight"] = random.Chance(0.5) ? "overweight" : random.Chance(0.6) ? "obese" : "no";
      a["smoking"] = random.Chance(0.5) ? "yes" : a["smoking"];
      if (random.Chance(0.2)) a["physical_disability"] = "a_lot";
      if (random.Chance(0.3)) not_working(2, 40);
      break;
    case Profile::kRedundant:
      not_working(0, 3);
      a["receives_benefits"] = random.Chance(0.5) ? "yes" : "no";
      a["behind_with_payments"] = random.Chance(0.25) ? "yes" : "no";
      break;
  }
  return a;
}

// Barriers the generator may take back (to keep 0 to 6 per person), with the answers that
// remove them. The barriers that define a profile are kept.
struct BarrierReset {
  const char* barrier;
  std::vector<std::pair<const char*, const char*>> answers;
};

const std::vector<BarrierReset>& Resets() {
  static const auto* const resets = new std::vector<BarrierReset>{
      {"illiterate", {{"reading", "with_some_difficulty"}}},
      {"english_second_language", {{"english_first_language", "yes"}}},
      {"childhood_abuse", {{"abused_as_child", "prefer_not_to_say"}}},
      {"dyslexic", {{"dyslexia", "no"}}},
      {"blind", {{"sight", "partially_sighted"}}},
      {"homelessness_history", {{"homeless_before", "no"}}},
      {"heroin_addiction", {{"opiates", "occasionally"}, {"opiate_substitute", "no"}}},
      {"alcohol_dependency", {{"morning_drink", "no"}, {"heavy_drinking", "weekly"}}},
      {"severe_mental_illness", {{"severe_mental_illness", "no"}}},
      {"learning_disability", {{"learning_disability", "no"}}},
      {"physical_disability", {{"physical_disability", "a_little"}}},
      {"care_leaver", {{"in_care_as_child", "no"}}},
      {"lone_parent", {{"lone_parent", "no"}}},
      {"debt_problems", {{"behind_with_payments", "no"}, {"unsecured_debt_pounds", "0"}}},
  };
  return *resets;
}

// At most `cap` barriers: the rules decide what the answers mean, so ask them.
Result<assessment::Answers> CapBarriers(assessment::Answers answers, std::size_t cap,
                                        const AssessmentConfig& config,
                                        const catalogue::Catalogue& catalogue, Random& random) {
  for (int round = 0; round < 20; ++round) {
    PSL_ASSIGN_OR_RETURN(
        const assessment::Outcome outcome,
        assessment::Assess(config.questionnaire, config.rules, catalogue, answers));
    if (outcome.barriers.size() <= cap) return answers;
    std::vector<const BarrierReset*> removable;
    for (const BarrierReset& reset : Resets()) {
      if (std::find(outcome.barriers.begin(), outcome.barriers.end(), reset.barrier) !=
          outcome.barriers.end()) {
        removable.push_back(&reset);
      }
    }
    if (removable.empty()) return answers;
    for (const auto& [question, value] : removable[random.Below(removable.size())]->answers) {
      answers[question] = value;
    }
  }
  return answers;
}

int AgeOn(Date birth, Date day) {
  int age = day.year() - birth.year();
  if (std::make_pair(day.month(), day.day()) < std::make_pair(birth.month(), birth.day())) --age;
  return age;
}

struct Citizen {
  Profile profile = Profile::kUnemployed;
  entry::Person person;
  Route route;
  bool demo = false;     // the `citizen` demonstration login's own record
  std::string username;  // a login of their own, when they have one
  // Set as the story unfolds.
  CitizenId id;
  std::optional<access::Principal> login;
  bool referrer_sees = false;
  std::map<std::string, std::vector<std::string>> outcomes_by_end_result;
  std::map<std::string, std::vector<ProviderId>> shortlists;
};

enum class Kind { kJobs, kEntry, kFollowUp, kAssess, kShortlist, kChoose, kDefault };

struct Event {
  std::int64_t at = 0;  // unix seconds
  std::int64_t seq = 0;
  Kind kind = Kind::kJobs;
  std::size_t citizen = 0;
  std::string end_result;
  bool by_citizen = false;
};

struct Later {
  bool operator()(const Event& a, const Event& b) const {
    return std::tie(a.at, a.seq) > std::tie(b.at, b.seq);
  }
};

Result<access::Principal> PrincipalOf(store::Store& store, const std::string& username) {
  std::optional<access::User> user;
  PSL_RETURN_IF_ERROR(store.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(user, transaction.users().FindByUsername(username));
    return Status::Ok();
  }));
  if (!user) {
    return Status(ErrorCode::kFailedPrecondition,
                  "the demonstration user '" + username + "' is missing; run psl demo");
  }
  return user->AsPrincipal();
}

Status Explain(const Status& status, const std::string& what) {
  return Status(status.code(), "demonstration citizens, " + what + ": " + status.message(),
                status.field());
}

class Seeder {
 public:
  Seeder(store::Store& store, Timestamp now, int count,
         const std::function<void(int, int)>& progress)
      : store_(store),
        now_(now),
        count_(count),
        progress_(progress),
        clock_(now),
        app_(store, clock_),
        journey_(app_),
        payments_(store, app_, clock_, now, count),
        random_(20140601) {}

  Result<DemoJourneySummary> Run();

 private:
  Status Prepare();
  void Plan();
  void Schedule(Event event);
  std::int64_t WorkingTime(std::int64_t day_start);
  Status Handle(const Event& event);
  Status Enter(Citizen& citizen);
  Status FollowUp(Citizen& citizen);
  Status AssessCitizen(std::size_t index, Citizen& citizen);
  void PlanChoice(std::size_t index, Citizen& citizen, const std::string& end_result,
                  const std::string& format, std::int64_t at);
  Result<std::vector<store::EligibleProvider>> Candidates(const Citizen& citizen,
                                                          const std::string& end_result);
  ProviderId PickProvider(const std::vector<store::EligibleProvider>& providers);
  RequestContext ActorFor(const Citizen& citizen, bool by_citizen) const;
  Status MarkOutcomeHistory();
  Status Count();

  store::Store& store_;
  const Timestamp now_;
  const int count_;
  const std::function<void(int, int)>& progress_;
  ManualClock clock_;
  App app_;
  Journey journey_;
  DemoPayments payments_;
  Random random_;

  RequestContext as_referrer_;
  RequestContext as_government_;
  const RequestContext as_system_{access::Principal::System("psl demo"), "cli:demo"};
  const RequestContext as_scheduler_{access::Principal::System("scheduler"), "cli:demo"};
  const RequestContext as_public_{access::Principal::Public(), "cli:demo"};
  access::Principal demo_citizen_;
  std::vector<store::AreaRecord> areas_;
  std::vector<double> area_weights_;  // cumulative
  AssessmentConfig config_;
  catalogue::Catalogue catalogue_;
  choice::FormatRules format_rules_;
  std::map<std::string, std::vector<store::EligibleProvider>> eligible_by_top_ups_;

  std::vector<Citizen> citizens_;
  std::priority_queue<Event, std::vector<Event>, Later> queue_;
  std::int64_t next_seq_ = 0;
  int entered_ = 0;
  DemoJourneySummary summary_;
};

Status Seeder::Prepare() {
  PSL_ASSIGN_OR_RETURN(const access::Principal referrer, PrincipalOf(store_, "referrer"));
  PSL_ASSIGN_OR_RETURN(const access::Principal government, PrincipalOf(store_, "government"));
  PSL_ASSIGN_OR_RETURN(demo_citizen_, PrincipalOf(store_, "citizen"));
  as_referrer_ = {referrer, "cli:demo"};
  as_government_ = {government, "cli:demo"};
  PSL_RETURN_IF_ERROR(store_.Read([&](store::Transaction& transaction) -> Status {
    store::AreaTable table(transaction.connection());
    std::string after;
    for (;;) {
      PSL_ASSIGN_OR_RETURN(auto page, table.List("live", after, 500));
      if (page.empty()) break;
      after = page.back().code;
      for (auto& area : page) areas_.push_back(std::move(area));
    }
    return Status::Ok();
  }));
  if (areas_.empty()) {
    return Status(ErrorCode::kFailedPrecondition,
                  "no live district to place demonstration citizens in; load the areas first "
                  "(psl demo --areas data/areas.csv)");
  }
  // More people come forward in more deprived districts (TAR-2's deprivation score).
  double total = 0;
  for (const store::AreaRecord& area : areas_) {
    const double score = static_cast<double>(area.imd_score_micros) / 1e6;
    total += std::pow(std::max(score, 1.0), 1.5);
    area_weights_.push_back(total);
  }
  PSL_ASSIGN_OR_RETURN(config_, journey_.CurrentAssessmentConfig());
  PSL_ASSIGN_OR_RETURN(catalogue_, journey_.Catalogue(std::nullopt));
  PSL_ASSIGN_OR_RETURN(format_rules_, journey_.ChoiceRules());
  return Status::Ok();
}

std::int64_t Seeder::WorkingTime(std::int64_t day_start) {
  return day_start + 9 * kHour + static_cast<std::int64_t>(random_.Below(8 * 3600));
}

void Seeder::Schedule(Event event) {
  if (event.at >= now_.unix_seconds() - 60) return;  // still in the future: not happened yet
  event.seq = next_seq_++;
  queue_.push(std::move(event));
}

void Seeder::Plan() {
  const std::int64_t today_start = now_.UtcDate().DaysSinceEpoch() * kDay;
  const std::int64_t first_day = today_start - kHistoryDays * kDay;
  for (std::int64_t day = first_day; day <= today_start; day += kDay) {
    Schedule({day + 2 * kHour, 0, Kind::kJobs, 0, {}, false});
  }
  std::set<std::string> keys;
  std::set<std::string> numbers;

  // The `citizen` login's own story: a self-referral twelve days ago, an assessment, one
  // registration and one choice still open.
  {
    Citizen demo;
    demo.demo = true;
    demo.profile = Profile::kUnemployed;
    demo.person.full_name = "Sam Taylor";
    demo.person.date_of_birth = Date::FromCivil(1988, 4, 17).value();
    const auto middlesbrough = std::find_if(
        areas_.begin(), areas_.end(), [](const auto& area) { return area.code == "E06000002"; });
    demo.person.area_code = (middlesbrough != areas_.end() ? *middlesbrough : areas_.front()).code;
    demo.person.national_insurance = "JK482107C";
    demo.person.email = "sam.taylor@example.org";
    demo.route = RouteOf("self_referral", "online");
    keys.insert(entry::FallbackKey(demo.person));
    numbers.insert(*demo.person.national_insurance);
    citizens_.push_back(std::move(demo));
    Schedule({today_start - 12 * kDay + 10 * kHour, 0, Kind::kEntry, 0, {}, true});
  }

  const int login_budget = count_ / kLoginEvery;
  int logins = 0;
  for (int i = 0; i < count_; ++i) {
    Citizen citizen;
    citizen.profile = PickProfile(random_);
    const ProfileInfo& info = InfoOf(citizen.profile);
    // Arrivals grow over the period: density 0.35 + x on [0, 1] (inverse of its CDF).
    const double u = random_.Unit();
    const double x = std::min(0.999999, -0.35 + std::sqrt(0.1225 + 1.7 * u));
    const std::int64_t day = first_day + static_cast<std::int64_t>(x * kHistoryDays) * kDay;
    const std::int64_t at = WorkingTime(day);
    const Date entered_on = Timestamp::FromUnixSeconds(at).UtcDate();
    const int age = random_.Between(info.youngest, info.oldest);

    const double a = random_.Unit() * area_weights_.back();
    const std::size_t area = static_cast<std::size_t>(
        std::upper_bound(area_weights_.begin(), area_weights_.end(), a) - area_weights_.begin());
    citizen.person.area_code = areas_[std::min(area, areas_.size() - 1)].code;
    for (;;) {
      citizen.person.full_name = std::string(kFirstNames[random_.Below(kFirstNames.size())]) + " " +
                                 kLastNames[random_.Below(kLastNames.size())];
      const int month = random_.Between(1, 12);
      const int birth_year = entered_on.year() - age - (month > entered_on.month() ? 1 : 0);
      citizen.person.date_of_birth =
          Date::FromCivil(birth_year, month, random_.Between(1, 28)).value();
      if (keys.insert(entry::FallbackKey(citizen.person)).second) break;
    }
    // Adults mostly know their National Insurance number; children and rough sleepers often
    // do not (entry.h: the fallback key matches them).
    const bool knows_number =
        age >= 16 && random_.Chance(citizen.profile == Profile::kHomeless ? 0.3 : 0.75);
    while (knows_number) {
      char number[16];
      std::snprintf(
          number, sizeof number, "%s%06d%c", kNumberPrefixes[random_.Below(kNumberPrefixes.size())],
          static_cast<int>(random_.Below(1'000'000)), static_cast<char>('A' + random_.Below(4)));
      if (numbers.insert(number).second) {
        citizen.person.national_insurance = number;
        break;
      }
    }
    const bool may_login = logins < login_budget && random_.Chance(3.0 / kLoginEvery);
    citizen.route = PickRoute(citizen.profile, random_, may_login);
    if (citizen.route.route == "self_referral" || citizen.route.follow_up == FollowUp::kAccount) {
      char username[32];
      std::snprintf(username, sizeof username, "demo-citizen-%04d", ++logins);
      citizen.username = username;
      if (random_.Chance(0.7)) {
        std::string email = citizen.person.full_name + "." + std::to_string(logins);
        std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) {
          return c == ' ' ? '.' : c == '\'' ? '-' : static_cast<char>(std::tolower(c));
        });
        citizen.person.email = email + "@example.org";
      }
    }
    citizens_.push_back(std::move(citizen));
    Schedule({at, 0, Kind::kEntry, citizens_.size() - 1, {}, false});
  }
}

RequestContext Seeder::ActorFor(const Citizen& citizen, bool by_citizen) const {
  if (by_citizen && citizen.login) return {*citizen.login, "cli:demo"};
  return as_referrer_;
}

Status Seeder::Enter(Citizen& citizen) {
  EntryInput input{citizen.route.route, citizen.route.source, citizen.person,
                   NoteFor(citizen.route.source)};
  const Timestamp at = clock_.Now();
  if (citizen.demo) {
    citizen.login = demo_citizen_;
    input.notes.clear();
    PSL_ASSIGN_OR_RETURN(const EntryResult entered,
                         journey_.RecordEntry({demo_citizen_, "cli:demo"}, input));
    citizen.id = entered.citizen_id;
  } else if (citizen.route.route == "self_referral") {
    SignUpInput sign_up{citizen.username, kCitizenPassword, citizen.route.source, citizen.person};
    PSL_ASSIGN_OR_RETURN(const EntryResult entered, journey_.SignUp(as_public_, sign_up));
    citizen.id = entered.citizen_id;
    PSL_ASSIGN_OR_RETURN(citizen.login, PrincipalOf(store_, citizen.username));
    ++summary_.logins;
    ++summary_.citizens;
  } else {
    const bool referral = citizen.route.route == "referral";
    PSL_ASSIGN_OR_RETURN(const EntryResult entered,
                         journey_.RecordEntry(referral ? as_referrer_ : as_government_, input));
    citizen.id = entered.citizen_id;
    citizen.referrer_sees = referral;
    ++summary_.citizens;
  }
  ++summary_.entries;
  ++summary_.by_route[citizen.route.route];

  const std::int64_t day_start = at.unix_seconds() - at.unix_seconds() % kDay;
  if (citizen.route.route == "life_event") {
    if (citizen.route.follow_up != FollowUp::kNone) {
      Schedule({WorkingTime(day_start + random_.Between(2, 15) * kDay),
                0,
                Kind::kFollowUp,
                static_cast<std::size_t>(&citizen - citizens_.data()),
                {},
                false});
    }
    return Status::Ok();
  }
  // A referrer assesses at the first meeting, within a few days; online, straight away.
  const std::int64_t assess_at = citizen.route.route == "referral"
                                     ? WorkingTime(day_start + random_.Between(0, 4) * kDay)
                                     : at.unix_seconds() + random_.Between(10, 60) * 60;
  Schedule({std::max(assess_at, at.unix_seconds() + 600),
            0,
            Kind::kAssess,
            static_cast<std::size_t>(&citizen - citizens_.data()),
            {},
            false});
  return Status::Ok();
}

Status Seeder::FollowUp(Citizen& citizen) {
  const Timestamp at = clock_.Now();
  if (citizen.route.follow_up == FollowUp::kReferral) {
    citizen.route.route = "referral";  // the latest entry sets the format (CHO-1)
    citizen.route.source = citizen.route.follow_up_source;
    EntryInput input{"referral", citizen.route.source, citizen.person,
                     NoteFor(citizen.route.source)};
    PSL_ASSIGN_OR_RETURN(const EntryResult entered, journey_.RecordEntry(as_referrer_, input));
    if (entered.citizen_id != citizen.id || !entered.matched_existing) {
      return Status(ErrorCode::kInternal, "a follow-up referral did not find the record (ENT-2)");
    }
    citizen.referrer_sees = true;
    ++summary_.entries;
    ++summary_.by_route["referral"];
  } else {
    // The Regulator links a login to the record made by the life event (ENT-2).
    NewUser user{citizen.username, kCitizenPassword, access::Role::kCitizen, {}, citizen.id};
    PSL_ASSIGN_OR_RETURN(const UserId id, app_.CreateUser(as_system_, user));
    citizen.login = access::Principal{id, citizen.username, access::Role::kCitizen, {}, citizen.id};
    ++summary_.logins;
  }
  const std::int64_t day_start = at.unix_seconds() - at.unix_seconds() % kDay;
  Schedule({WorkingTime(day_start + random_.Between(0, 3) * kDay),
            0,
            Kind::kAssess,
            static_cast<std::size_t>(&citizen - citizens_.data()),
            {},
            false});
  return Status::Ok();
}

Status Seeder::AssessCitizen(std::size_t index, Citizen& citizen) {
  const Timestamp at = clock_.Now();
  assessment::Answers answers;
  if (citizen.demo) {
    // Out of work for 14 months, overweight and a smoker: Individual Prosperity and Better
    // physical health, both free choice after an online self-referral (CHO-1).
    answers = assessment::ReportExampleAnswers();
    answers["abused_as_child"] = "no";
    answers["reading"] = "easily";
    answers["english_first_language"] = "yes";
    answers["dyslexia"] = "no";
    answers["housing_now"] = "renting";
    answers["months_since_paid_work"] = "14";
    answers["weight"] = "overweight";
    answers["smoking"] = "yes";
    answers["age_years"] = std::to_string(AgeOn(citizen.person.date_of_birth, at.UtcDate()));
  } else {
    const std::size_t cap = 6;
    PSL_ASSIGN_OR_RETURN(
        answers,
        CapBarriers(MakeAnswers(citizen.profile, AgeOn(citizen.person.date_of_birth, at.UtcDate()),
                                random_),
                    cap, config_, catalogue_, random_));
  }
  const bool by_citizen = !citizen.referrer_sees;
  if (by_citizen && !citizen.login) {
    return Status(ErrorCode::kInternal, "nobody can assess this demonstration citizen");
  }
  const std::string recommendations =
      by_citizen ? std::string()
                 : "Discussed the options in person; the citizen wants help close to home.";
  PSL_ASSIGN_OR_RETURN(
      const AssessmentView view,
      journey_.Assess(ActorFor(citizen, by_citizen), citizen.id, answers, recommendations));
  ++summary_.assessments;
  ++summary_.barrier_histogram[static_cast<int>(view.barriers.size())];
  for (const std::string& outcome : view.eligible_outcomes) {
    if (const catalogue::KingOutcome* known = catalogue_.FindOutcome(outcome)) {
      citizen.outcomes_by_end_result[known->end_result].push_back(outcome);
    }
  }
  if (citizen.demo) {
    // One registration (Individual Prosperity) six days ago; Better physical health stays open.
    const std::int64_t today_start = now_.UtcDate().DaysSinceEpoch() * kDay;
    Schedule({today_start - 6 * kDay + 19 * kHour, 0, Kind::kChoose, index, "individual_prosperity",
              true});
    return Status::Ok();
  }
  // Act on what they came for (the first of their profile's End Results they are eligible
  // for) and sometimes on another; the rest is left to the deadline (CHO-3).
  const ProfileInfo& info = InfoOf(citizen.profile);
  std::string main;
  for (const std::string& end_result : info.end_results) {
    if (citizen.outcomes_by_end_result.count(end_result)) {
      main = end_result;
      break;
    }
  }
  for (const std::string& end_result : view.eligible_end_results) {
    if (end_result != main && !random_.Chance(0.1)) continue;
    const std::string format(choice::FormatName(
        choice::FormatFor(format_rules_, citizen.route.route, citizen.route.source, end_result)));
    PlanChoice(index, citizen, end_result, format, at.unix_seconds());
  }
  return Status::Ok();
}

void Seeder::PlanChoice(std::size_t index, Citizen& citizen, const std::string& end_result,
                        const std::string& format, std::int64_t at) {
  const bool referrer = citizen.referrer_sees;
  const bool login = citizen.login.has_value();
  const double r = random_.Unit();
  const std::int64_t day_start = at - at % kDay;
  const auto later = [&](int low, int high) {
    return WorkingTime(day_start + random_.Between(low, high) * kDay);
  };
  if (format == "professional") {
    if (!referrer) return;  // nobody to choose for them: the default at the deadline
    if (r < 0.78)
      Schedule({later(1, 10), 0, Kind::kChoose, index, end_result, false});
    else if (r < 0.88)
      Schedule({later(1, 10), 0, Kind::kDefault, index, end_result, false});
    return;
  }
  if (format == "assisted") {
    if (!referrer || r >= 0.88) return;
    const std::int64_t shortlisted = later(0, 5);
    Schedule({shortlisted, 0, Kind::kShortlist, index, end_result, false});
    const double pick = random_.Unit();
    const std::int64_t chosen =
        shortlisted + (2 + static_cast<std::int64_t>(random_.Below(12))) * kDay;
    if (pick < 0.72)
      Schedule({chosen, 0, Kind::kChoose, index, end_result, login});
    else if (pick < 0.82)
      Schedule({chosen, 0, Kind::kDefault, index, end_result, login});
    return;
  }
  // Free choice: the citizen chooses, online or with the professional who referred them.
  if (login) {
    if (r < 0.65)
      Schedule({later(0, 20), 0, Kind::kChoose, index, end_result, true});
    else if (r < 0.8)
      Schedule({later(0, 20), 0, Kind::kDefault, index, end_result, true});
  } else if (referrer) {
    if (r < 0.5)
      Schedule({later(0, 14), 0, Kind::kChoose, index, end_result, false});
    else if (r < 0.6)
      Schedule({later(0, 14), 0, Kind::kDefault, index, end_result, false});
  }
}

// The providers that can take this citizen for this End Result (a general licence and the
// top-ups its outcomes need, LIC-4), licensed at least a month before today: the demonstration
// market's licences are dated, and nobody chooses a provider before it exists.
Result<std::vector<store::EligibleProvider>> Seeder::Candidates(const Citizen& citizen,
                                                                const std::string& end_result) {
  std::set<std::string> top_ups;
  const auto found = citizen.outcomes_by_end_result.find(end_result);
  if (found != citizen.outcomes_by_end_result.end()) {
    for (const std::string& outcome : found->second) {
      const catalogue::KingOutcome* known = catalogue_.FindOutcome(outcome);
      if (known && known->top_up_licence) top_ups.insert(*known->top_up_licence);
    }
  }
  std::string key;
  for (const std::string& top_up : top_ups) key += top_up + ",";
  auto cached = eligible_by_top_ups_.find(key);
  if (cached == eligible_by_top_ups_.end()) {
    std::vector<store::EligibleProvider> eligible;
    PSL_RETURN_IF_ERROR(store_.Read([&](store::Transaction& transaction) -> Status {
      store::RegistrationTable registrations(transaction.connection());
      // Every provider licensed by any date; the cut-off below applies the seeding date.
      PSL_ASSIGN_OR_RETURN(eligible, registrations.EligibleProviders(
                                         std::vector<std::string>(top_ups.begin(), top_ups.end()),
                                         *Date::FromCivil(9999, 12, 31)));
      return Status::Ok();
    }));
    cached = eligible_by_top_ups_.emplace(key, std::move(eligible)).first;
  }
  const Date cutoff = clock_.Now().UtcDate().AddDays(-30);
  std::vector<store::EligibleProvider> candidates;
  for (const store::EligibleProvider& provider : cached->second) {
    if (provider.licensed_on <= cutoff) candidates.push_back(provider);
  }
  return candidates;
}

// Older providers have more customers (word of mouth, capacity), and some are simply better
// known: weights grow with time since the licence, and vary by provider.
ProviderId Seeder::PickProvider(const std::vector<store::EligibleProvider>& providers) {
  const Date today = clock_.Now().UtcDate();
  std::vector<double> cumulative;
  double total = 0;
  for (const store::EligibleProvider& provider : providers) {
    const double days =
        static_cast<double>(today.DaysSinceEpoch() - provider.licensed_on.DaysSinceEpoch());
    const double fame = 1.0 + static_cast<double>((provider.provider.value() * 7) % 5);
    total += fame * (1.0 + std::min(days, 720.0) / 60.0);
    cumulative.push_back(total);
  }
  const double r = random_.Unit() * total;
  const auto pick = std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin();
  return providers[std::min(static_cast<std::size_t>(pick), providers.size() - 1)].provider;
}

Status Seeder::Handle(const Event& event) {
  clock_.Set(Timestamp::FromUnixSeconds(event.at));
  if (event.kind == Kind::kJobs) {
    PSL_RETURN_IF_ERROR(journey_.RunChoiceJobs(as_scheduler_, clock_.Now().UtcDate()).ToStatus());
    return payments_.OnDay(clock_.Now().UtcDate());
  }
  Citizen& citizen = citizens_[event.citizen];
  switch (event.kind) {
    case Kind::kJobs: return Status::Ok();
    case Kind::kEntry: {
      PSL_RETURN_IF_ERROR(Enter(citizen));
      if (!citizen.demo) {
        ++entered_;
        if (progress_ && (entered_ % 500 == 0 || entered_ == count_)) progress_(entered_, count_);
      }
      return Status::Ok();
    }
    case Kind::kFollowUp: return FollowUp(citizen);
    case Kind::kAssess: return AssessCitizen(event.citizen, citizen);
    case Kind::kShortlist: {
      PSL_ASSIGN_OR_RETURN(auto candidates, Candidates(citizen, event.end_result));
      // 3 to 5 providers (CHO-1 defaults); too few licensed yet: the default at the deadline.
      if (candidates.size() < static_cast<std::size_t>(format_rules_.shortlist_minimum)) {
        return Status::Ok();
      }
      const std::size_t size = std::min<std::size_t>(
          candidates.size(),
          static_cast<std::size_t>(
              random_.Between(format_rules_.shortlist_minimum, format_rules_.shortlist_maximum)));
      std::vector<ProviderId> shortlist;
      while (shortlist.size() < size) {
        const ProviderId pick = PickProvider(candidates);
        if (std::find(shortlist.begin(), shortlist.end(), pick) == shortlist.end()) {
          shortlist.push_back(pick);
        }
      }
      PSL_RETURN_IF_ERROR(
          journey_.Shortlist(as_referrer_, citizen.id, event.end_result, shortlist).ToStatus());
      citizen.shortlists[event.end_result] = shortlist;
      ++summary_.shortlists;
      return Status::Ok();
    }
    case Kind::kChoose: {
      const RequestContext actor = ActorFor(citizen, event.by_citizen);
      ProviderId provider;
      const auto shortlist = citizen.shortlists.find(event.end_result);
      if (shortlist != citizen.shortlists.end()) {
        provider = shortlist->second[random_.Below(shortlist->second.size())];
      } else {
        const std::string format(choice::FormatName(choice::FormatFor(
            format_rules_, citizen.route.route, citizen.route.source, event.end_result)));
        if (format == "assisted") return Status::Ok();  // no shortlist was drawn up
        PSL_ASSIGN_OR_RETURN(auto candidates, Candidates(citizen, event.end_result));
        if (candidates.empty()) return Status::Ok();
        provider = PickProvider(candidates);
      }
      return journey_.Register(actor, citizen.id, event.end_result, provider).ToStatus();
    }
    case Kind::kDefault:
      return journey_
          .RegisterDefault(ActorFor(citizen, event.by_citizen), citizen.id, event.end_result)
          .ToStatus();
  }
  return Status::Ok();
}

// Outcome history for the provider comparison (CHO-2). This stands in for the outcomes that no
// real claim can close yet (DemoPayments claims those it can, PAY-7, and looks after those of
// claw-back providers, whose misses a run must claw back): registrations older than eight months
// get most of their outcomes closed, achieved or missed, with a success rate that varies by
// provider and falls with the customer's barriers. Closed outcomes of similar customers (same
// outcome, same barrier band) reach the threshold of 20 for the larger, older providers, so
// some providers show a success rate and the rest "not enough data". Batches of 500 updates,
// each with one audit line.
Status Seeder::MarkOutcomeHistory() {
  const Date cutoff = now_.UtcDate().AddDays(-kHistoryAfterDays);
  struct Update {
    std::int64_t registration;
    std::string outcome;
    bool achieved;
  };
  std::vector<Update> updates;
  std::int64_t before = 0;
  for (;;) {
    std::vector<store::RegistrationRecord> page;
    PSL_RETURN_IF_ERROR(store_.Read([&](store::Transaction& transaction) -> Status {
      store::RegistrationTable registrations(transaction.connection());
      PSL_ASSIGN_OR_RETURN(page, registrations.List(std::nullopt, before, 500));
      return Status::Ok();
    }));
    if (page.empty()) break;
    before = page.back().id;
    for (const store::RegistrationRecord& registration : page) {
      ++summary_.by_basis[registration.basis];
      ++summary_.by_format[registration.format];
      ++summary_.registrations;
      if (registration.registered_on > cutoff) continue;
      // A provider's own quality, fixed by its id: from about 25% to 65% without barriers.
      const double quality =
          0.25 + 0.1 * static_cast<double>((registration.provider_id.value() * 13) % 5);
      const double chance = std::max(0.05, quality - 0.05 * registration.barrier_count);
      for (const store::RegisteredOutcomeRecord& outcome : registration.outcomes) {
        if (outcome.status != "open" || !random_.Chance(0.8)) continue;
        if (payments_.LooksAfter(registration.id, outcome.outcome)) continue;
        updates.push_back({registration.id, outcome.outcome, random_.Chance(chance)});
      }
    }
    if (page.size() < 500) break;
  }
  std::sort(updates.begin(), updates.end(), [](const Update& a, const Update& b) {
    return std::tie(a.registration, a.outcome) < std::tie(b.registration, b.outcome);
  });
  clock_.Set(now_.PlusSeconds(-3 * kHour));
  for (std::size_t start = 0; start < updates.size(); start += 500) {
    const std::size_t end = std::min(updates.size(), start + 500);
    int achieved = 0;
    PSL_RETURN_IF_ERROR(store_.Write([&](store::Transaction& transaction) -> Status {
      store::RegistrationTable registrations(transaction.connection());
      for (std::size_t i = start; i < end; ++i) {
        PSL_RETURN_IF_ERROR(
            registrations.SetOutcomeStatus(updates[i].registration, updates[i].outcome,
                                           updates[i].achieved ? "achieved" : "missed"));
        achieved += updates[i].achieved;
      }
      return WriteAudit(transaction, as_system_, clock_.Now(), "demo.outcome_history",
                        "registered_outcomes",
                        nlohmann::json{{"closed", end - start},
                                       {"achieved", achieved},
                                       {"note",
                                        "demonstration data standing in for verified outcome "
                                        "claims (PAY-7)"}}
                            .dump());
    }));
    summary_.outcomes_achieved += achieved;
    summary_.outcomes_missed += static_cast<int>(end - start) - achieved;
  }
  return Status::Ok();
}

Status Seeder::Count() {
  return store_.Read([&](store::Transaction& transaction) -> Status {
    store::ChoiceTable choices(transaction.connection());
    for (const Citizen& citizen : citizens_) {
      if (!citizen.id.valid()) continue;
      PSL_ASSIGN_OR_RETURN(auto all, choices.ForCitizen(citizen.id));
      for (const store::ChoiceRecord& choice : all)
        summary_.open_choices += choice.status == "open";
    }
    return Status::Ok();
  });
}

Result<DemoJourneySummary> Seeder::Run() {
  // Idempotent: the journey exists once any citizen besides the demonstration login's does.
  std::int64_t existing = 0;
  PSL_RETURN_IF_ERROR(store_.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(existing, store::CitizenTable(transaction.connection()).Count());
    return Status::Ok();
  }));
  if (existing > 1 || count_ <= 0) return summary_;
  summary_.created = true;
  PSL_RETURN_IF_ERROR(Prepare());
  Plan();
  while (!queue_.empty()) {
    const Event event = queue_.top();
    queue_.pop();
    Status handled = Handle(event);
    if (!handled.ok()) {
      return Explain(handled, "event " + std::to_string(static_cast<int>(event.kind)) +
                                  " for citizen " + std::to_string(event.citizen) + " at " +
                                  Timestamp::FromUnixSeconds(event.at).ToIso8601());
    }
  }
  PSL_RETURN_IF_ERROR(MarkOutcomeHistory());
  PSL_ASSIGN_OR_RETURN(summary_.payments, payments_.Finish());
  summary_.outcomes_achieved += summary_.payments.claims_verified;
  PSL_RETURN_IF_ERROR(Count());
  return summary_;
}

}  // namespace

Result<DemoJourneySummary> SeedDemoJourney(store::Store& store, Timestamp now, int citizens,
                                           const std::function<void(int, int)>& progress) {
  Seeder seeder(store, now, citizens, progress);
  return seeder.Run();
}

}  // namespace psl::app
