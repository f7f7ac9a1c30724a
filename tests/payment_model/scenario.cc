#include "scenario.h"

#include <algorithm>
#include <map>
#include <random>
#include <sstream>

#include "payment_model.h"
#include "psl/app/journey.h"
#include "psl/assessment/questionnaire.h"
#include "psl/ledger/account.h"
#include "real_system.h"

namespace psl::payment_model {
namespace {

// Fixed-seed mt19937_64 reduced with `%` (the standard distributions differ between libraries).
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::int64_t Below(std::int64_t n) { return static_cast<std::int64_t>(engine_() % n); }
  bool Chance(int percent) { return Below(100) < percent; }

 private:
  std::mt19937_64 engine_;
};

// The journey tests' answers (tests/journey): eligible for lower crime, or for individual
// prosperity with no barriers.
assessment::Answers NoBarriers() {
  assessment::Answers answers = assessment::ReportExampleAnswers();
  answers["abused_as_child"] = "no";
  answers["reading"] = "easily";
  answers["english_first_language"] = "yes";
  answers["dyslexia"] = "no";
  answers["housing_now"] = "renting";
  answers["months_since_paid_work"] = "3";
  answers["highest_qualification"] = "gcse_or_equivalent";
  answers["low_mood"] = "not_at_all";
  answers["anxious"] = "not_at_all";
  answers["receives_benefits"] = "no";
  return answers;
}

assessment::Answers OffenderAnswers() {
  assessment::Answers answers = NoBarriers();
  answers["convicted"] = "yes";
  answers["custody"] = "in_last_five_years";
  answers["working_now"] = "full_time";
  answers["months_since_paid_work"] = "0";
  return answers;
}

struct PlayedOutcome {
  std::string id;
  int window_months = 0;
  int sustain_months = 0;
  bool graded = false;
};

struct PlayedRegistration {
  std::int64_t id = 0;
  std::size_t provider = 0;  // index into the market
  Date registered_on;
  std::vector<PlayedOutcome> outcomes;
};

class Player {
 public:
  Player(store::Store& store, const ScenarioMarket& market, std::uint64_t seed)
      : store_(store),
        market_(market),
        seed_(seed),
        clock_(At(MarketOpens())),
        app_(store, clock_),
        random_(seed) {}

  HistoryReport Play(const HistoryOptions& options);

 private:
  void Disagree(const std::string& what) {
    std::ostringstream text;
    text << "history " << seed_ << ", " << today_.ToString() << ": " << what;
    report_.disagreements.push_back(text.str());
  }
  app::RequestContext As(const access::Principal& principal) const {
    return {principal, "scenario:" + std::to_string(seed_)};
  }
  void GrantLicencesDue();
  void SwitchModes(bool at_start);
  void Register();
  void MakeClaim();
  void Decide();
  void PrepareOrRelease(bool final_run);
  void Release();
  void Compare(const std::string& when);

  store::Store& store_;
  const ScenarioMarket& market_;
  std::uint64_t seed_;
  app::ManualClock clock_;
  app::App app_;
  Model model_;
  Random random_;
  HistoryReport report_;
  Date today_;
  std::vector<std::pair<Date, std::size_t>> licences_due_;  // (date, provider index)
  std::vector<bool> licensed_;
  std::vector<PlayedRegistration> registrations_;
  std::vector<std::int64_t> claims_;
  std::map<std::int64_t, std::string> claims_text_;
  std::optional<std::int64_t> open_run_;
  std::optional<Date> last_as_of_;
  int citizens_ = 0;
};

HistoryReport Player::Play(const HistoryOptions& options) {
  licensed_.assign(market_.providers.size(), false);
  for (std::size_t i = 0; i < market_.providers.size(); ++i) {
    licences_due_.push_back({MarketOpens().AddDays(random_.Below(760)), i});
  }
  std::sort(licences_due_.begin(), licences_due_.end());
  today_ = Date::FromCivil(2014, 1, 6)->AddDays(random_.Below(60));
  SwitchModes(true);
  const Date registrations_end = *Date::FromCivil(2017, 1, 1);
  for (int step = 0; step < options.steps && report_.disagreements.empty(); ++step) {
    today_ = today_.AddDays(5 + random_.Below(110));
    GrantLicencesDue();
    clock_.Set(At(today_));
    const std::int64_t pick = random_.Below(100);
    if (pick < 30 && today_ < registrations_end) {
      Register();
      if (random_.Chance(50)) Register();
    } else if (pick < 34) {
      SwitchModes(false);
    } else if (pick < 62) {
      MakeClaim();
      if (random_.Chance(50)) MakeClaim();
    } else if (pick < 80) {
      Decide();
      if (random_.Chance(40)) Decide();
    } else {
      PrepareOrRelease(false);
    }
  }
  // Settle everything due, then compare once more.
  if (report_.disagreements.empty()) {
    if (open_run_) Release();
    PrepareOrRelease(true);
    if (open_run_) Release();
    Compare("at the end");
  }
  return report_;
}

void Player::GrantLicencesDue() {
  for (auto& [date, index] : licences_due_) {
    if (licensed_[index] || date > today_) continue;
    clock_.Set(At(date));
    const MarketProvider& provider = market_.providers[index];
    if (std::string why = GrantGeneralLicence(app_, market_, provider); !why.empty()) {
      Disagree("licensing provider " + std::to_string(provider.id.value()) + ": " + why);
      continue;
    }
    std::int64_t owed = 0;
    const Status read = store_.Read([&](store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(const Money balance,
                           transaction.ledger().Balance(
                               ledger::ProviderReceivableAccount(provider.id), std::nullopt));
      owed = balance.pence();
      return Status::Ok();
    });
    if (!read.ok()) Disagree("reading the fee: " + read.ToString());
    model_.AddProvider(provider.id.value(), date, owed);
    licensed_[index] = true;
  }
}

void Player::SwitchModes(bool at_start) {
  const std::size_t count = market_.providers.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (!at_start &&
        i != static_cast<std::size_t>(random_.Below(static_cast<std::int64_t>(count)))) {
      continue;
    }
    if (at_start && !random_.Chance(40)) continue;
    const bool on = at_start ? true : random_.Chance(60);
    // Sometimes from a later date, so that a registration's locked mode is the one in force on
    // its own date, not the one recorded last.
    const Date from = at_start ? MarketOpens().AddDays(random_.Below(900))
                               : today_.AddDays(random_.Chance(30) ? random_.Below(60) : 0);
    const ProviderId provider = market_.providers[i].id;
    if (Status set = SetClawback(app_, provider, from, on); !set.ok()) {
      Disagree("setting the claw-back mode: " + set.ToString());
      return;
    }
    model_.SetClawback(provider.value(), from, on);
    if (on) ++report_.clawback_providers;
  }
}

void Player::Register() {
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < licensed_.size(); ++i) {
    if (licensed_[i]) open.push_back(i);
  }
  if (open.empty()) return;
  const std::size_t index = open[random_.Below(static_cast<std::int64_t>(open.size()))];
  const MarketProvider& provider = market_.providers[index];
  ++citizens_;
  std::vector<ProviderId> others;
  for (std::size_t i : open) others.push_back(market_.providers[i].id);
  // Individual prosperity is an assisted choice from a shortlist of at least three.
  const bool crime = open.size() < 3 || random_.Chance(50);
  const bool deprived = random_.Chance(50);
  auto registered =
      RegisterCitizen(app_, market_, provider, crime, deprived,
                      "Citizen " + std::to_string(seed_) + " Number " + std::to_string(citizens_),
                      citizens_, others);
  if (!registered.ok()) return Disagree(registered.status().ToString());
  PlayedRegistration played;
  played.id = registered->id;
  played.provider = index;
  played.registered_on = registered->on;
  if (played.registered_on != today_) Disagree("registered on " + played.registered_on.ToString());
  for (const ModelOutcome& outcome : registered->outcomes) {
    played.outcomes.push_back(
        {outcome.id, outcome.window_months, outcome.sustain_months, outcome.graded});
  }
  model_.Register(played.id, provider.id.value(), played.registered_on, registered->outcomes);
  registrations_.push_back(played);
  ++report_.registrations;
}

void Player::MakeClaim() {
  if (registrations_.empty()) return;
  std::vector<std::pair<std::size_t, std::size_t>> open;
  for (std::size_t r = 0; r < registrations_.size(); ++r) {
    for (std::size_t o = 0; o < registrations_[r].outcomes.size(); ++o) {
      if (model_.Claimable(registrations_[r].id, registrations_[r].outcomes[o].id)) {
        open.push_back({r, o});
      }
    }
  }
  if (open.empty()) return;
  const auto [r, o] = open[random_.Below(static_cast<std::int64_t>(open.size()))];
  const PlayedRegistration& registration = registrations_[r];
  const PlayedOutcome& outcome = registration.outcomes[o];
  // Mostly valid: reached within the window and sustained by today.
  const Date low = registration.registered_on;
  Date high = registration.registered_on.AddMonths(outcome.window_months);
  const Date sustained_by = today_.AddMonths(-outcome.sustain_months);
  if (sustained_by < high) high = sustained_by;
  // Not sustainable by today: mostly wait for a later day rather than be refused.
  if (high < low && random_.Chance(80)) return;
  Date achieved = low;
  if (high >= low) {
    achieved = low.AddDays(random_.Below(high.DaysSinceEpoch() - low.DaysSinceEpoch() + 1));
  }
  const std::int64_t twist = random_.Below(100);
  if (twist < 4) achieved = low.AddDays(-1 - random_.Below(30));
  if (twist >= 4 && twist < 8) {
    achieved =
        registration.registered_on.AddMonths(outcome.window_months).AddDays(1 + random_.Below(60));
  }
  if (achieved > today_) return;  // a claim about the future is not worth a round trip
  std::optional<std::int64_t> fraction;
  if (outcome.graded) {
    const std::int64_t kind = random_.Below(100);
    if (kind < 15)
      fraction = 0;
    else if (kind < 35)
      fraction = 1'000'000;
    else if (kind < 95)
      fraction = random_.Below(1'000'001);
    // else: missing, refused.
  } else if (random_.Chance(3)) {
    // A part of a binary outcome, refused. (A fraction of exactly 1 on a binary outcome is
    // left alone: docs/payment.md says "absent (means 1)", which does not settle it.)
    fraction = 1 + random_.Below(999'999);
  }
  // The two readings of "registered_on + window + sustain" differ late in a month: skip a
  // claim whose fate hangs on that.
  const Date a = Deadline(registration.registered_on, outcome.window_months, outcome.sustain_months,
                          DeadlineReading::kTotalMonths);
  const Date b = Deadline(registration.registered_on, outcome.window_months, outcome.sustain_months,
                          DeadlineReading::kWindowThenSustain);
  if ((today_ > a) != (today_ > b)) return;

  std::string why;
  const bool allowed =
      model_.ClaimAllowed(registration.id, outcome.id, achieved, fraction, today_, &why);
  const ClaimInput input{registration.id, outcome.id, achieved, fraction};
  auto submitted = SubmitClaim(app_, As(market_.providers[registration.provider].principal), input);
  std::ostringstream what;
  what << "claim on registration " << registration.id << " ("
       << registration.registered_on.ToString() << ") " << outcome.id << " achieved "
       << achieved.ToString() << " fraction " << (fraction ? std::to_string(*fraction) : "none");
  if (allowed && !submitted.ok()) {
    return Disagree(what.str() + ": refused (" + submitted.status().ToString() +
                    ") but the model accepts it");
  }
  if (!allowed && submitted.ok()) {
    return Disagree(what.str() + ": accepted but the model refuses it (" + why + ")");
  }
  if (!allowed) {
    ++report_.claims_refused;
    return;
  }
  ++report_.claims_accepted;
  model_.Claim(*submitted, registration.id, outcome.id, fraction);
  claims_.push_back(*submitted);
  claims_text_[*submitted] = what.str();
}

void Player::Decide() {
  std::vector<std::int64_t> pending;
  for (std::int64_t claim : claims_) {
    if (model_.ClaimPending(claim)) pending.push_back(claim);
  }
  if (pending.empty()) return;
  const std::int64_t claim = pending[random_.Below(static_cast<std::int64_t>(pending.size()))];
  if (random_.Chance(75)) {
    auto verified = VerifyClaim(app_, As(market_.regulator), claim);
    if (!verified.ok()) {
      return Disagree("verifying claim " + std::to_string(claim) + ": " +
                      verified.status().ToString());
    }
    const auto [expected, part] = model_.Verify(claim, today_);
    ++report_.verified;
    if (*verified != expected) {
      Disagree("claim " + std::to_string(claim) + " (" + claims_text_[claim] + ", outcome part " +
               std::to_string(part) + ", claw-back mode " +
               (model_.ClaimClawback(claim) ? "on" : "off") + ") verified: accrued " +
               std::to_string(*verified) + ", model " + std::to_string(expected));
    }
  } else {
    if (Status rejected = RejectClaim(app_, As(market_.regulator), claim); !rejected.ok()) {
      return Disagree("rejecting claim " + std::to_string(claim) + ": " + rejected.ToString());
    }
    model_.Reject(claim);
    ++report_.rejected;
  }
}

void Player::PrepareOrRelease(bool final_run) {
  if (open_run_) {
    if (random_.Chance(70)) return Release();
    // A second run while one is open is refused, and changes nothing.
    auto refused = PrepareRun(app_, As(market_.regulator), today_);
    if (refused.ok()) return Disagree("a second open run was prepared");
    ++report_.prepares_refused;
    return;
  }
  if (!final_run && random_.Chance(3)) {
    auto future = PrepareRun(app_, As(market_.regulator), today_.AddDays(1 + random_.Below(9)));
    if (future.ok()) Disagree("a run dated in the future was prepared");
    return;
  }
  Date as_of = today_;
  if (!final_run) {
    if (last_as_of_ && random_.Chance(25)) {
      as_of = *last_as_of_;  // twice for the same date
    } else {
      as_of = today_.AddDays(-random_.Below(40));
    }
  }
  if (last_as_of_ && as_of < *last_as_of_) as_of = *last_as_of_;
  for (int tries = 0; model_.DeadlineAmbiguous(as_of); ++tries) {
    if (tries == 5 || (last_as_of_ && as_of <= *last_as_of_)) return;
    as_of = as_of.AddDays(-1);
  }
  auto prepared = PrepareRun(app_, As(market_.regulator), as_of);
  if (!prepared.ok()) {
    return Disagree("prepare as of " + as_of.ToString() + ": " + prepared.status().ToString());
  }
  const std::vector<RunSummary> expected = model_.Prepare(prepared->id, as_of);
  last_as_of_ = as_of;
  open_run_ = prepared->id;
  std::map<std::int64_t, RunSummary> by_provider;
  for (const RunSummary& summary : expected) by_provider[summary.provider] = summary;
  std::map<std::int64_t, RealRunProvider> got;
  for (const RealRunProvider& real : prepared->providers) {
    // A provider with no line in the run may be listed with zeros; the model lists none.
    if (real.lines == 0 && real.gross == 0 && real.clawbacks == 0 && real.paid == 0) continue;
    got[real.provider.value()] = real;
  }
  for (const auto& [provider, want] : by_provider) {
    auto it = got.find(provider);
    std::ostringstream text;
    text << "run " << prepared->id << " as of " << as_of.ToString() << ", provider " << provider
         << ": ";
    if (it == got.end()) {
      text << "missing from the run (model: " << want.lines << " lines, gross " << want.gross
           << ", claw-backs " << want.clawbacks << ")";
      Disagree(text.str());
      continue;
    }
    const RealRunProvider& real = it->second;
    bool differs = false;
    const auto field = [&](const char* name, std::int64_t model, std::int64_t system) {
      if (model != system) {
        text << name << " model " << model << " system " << system << "; ";
        differs = true;
      }
    };
    field("lines", want.lines, real.lines);
    field("gross", want.gross, real.gross);
    field("clawbacks", want.clawbacks, real.clawbacks);
    field("receivable", want.receivable, real.receivable);
    field("recovered", want.recovered, real.recovered);
    field("paid", want.paid, real.paid);
    field("shortfall", want.shortfall, real.shortfall);
    if (differs) Disagree(text.str());
  }
  for (const auto& [provider, real] : got) {
    if (!by_provider.contains(provider)) {
      Disagree("run " + std::to_string(prepared->id) + ": provider " + std::to_string(provider) +
               " has " + std::to_string(real.lines) + " lines the model does not expect");
    }
  }
}

void Player::Release() {
  if (Status released = ReleaseRun(app_, As(market_.regulator2), *open_run_); !released.ok()) {
    return Disagree("release of run " + std::to_string(*open_run_) + ": " + released.ToString());
  }
  model_.Release();
  open_run_.reset();
  ++report_.runs_released;
  Compare("after releasing run");
}

void Player::Compare(const std::string& when) {
  std::vector<std::string> found;
  const Status read = store_.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const store::LedgerCheck check, transaction.ledger().Check());
    if (!check.Sound()) {
      found.push_back("ledger unsound: total " + check.total.Format() + ", unbalanced " +
                      std::to_string(check.unbalanced_postings) + ", incomplete " +
                      std::to_string(check.incomplete_postings));
    }
    PSL_ASSIGN_OR_RETURN(const Money bank, transaction.ledger().Balance("bank", std::nullopt));
    if (-bank.pence() != model_.BankTotal()) {
      found.push_back("bank paid " + std::to_string(-bank.pence()) + ", model " +
                      std::to_string(model_.BankTotal()));
    }
    for (const auto& [end_result, expense] : model_.ExpenseByEndResult()) {
      PSL_ASSIGN_OR_RETURN(
          const Money balance,
          transaction.ledger().Balance(ledger::ProgrammeExpenseAccount(end_result), std::nullopt));
      if (balance.pence() != expense) {
        found.push_back("programme_expense:" + end_result + " " + std::to_string(balance.pence()) +
                        ", model " + std::to_string(expense));
      }
    }
    for (const auto& [provider, want] : model_.positions()) {
      PSL_ASSIGN_OR_RETURN(const RealPosition real,
                           ReadPosition(transaction, ProviderId(provider)));
      std::ostringstream text;
      const auto field = [&](const char* name, std::int64_t model, std::int64_t system) {
        if (model != system) text << " " << name << " model " << model << " system " << system;
      };
      field("payable", want.payable, real.payable);
      field("receivable", want.receivable, real.receivable);
      field("paid", want.paid, real.paid);
      field("accrued", want.accrued, real.accrued);
      field("due lines", want.lines, real.lines);
      if (!text.str().empty()) {
        found.push_back("provider " + std::to_string(provider) + ":" + text.str());
      }
    }
    return Status::Ok();
  });
  if (!read.ok()) found.push_back("reading: " + read.ToString());
  for (const std::string& what : found) Disagree(when + ": " + what);
}

}  // namespace

Result<RegisteredCitizen> RegisterCitizen(app::App& app, const ScenarioMarket& market,
                                          const MarketProvider& provider, bool crime, bool deprived,
                                          const std::string& name, int n,
                                          const std::vector<ProviderId>& others) {
  app::Journey journey(app);
  const app::RequestContext referrer{market.referrer, "scenario"};
  app::EntryInput input;
  input.route = "referral";
  input.source = crime ? "court" : "jobcentre";
  input.person.full_name = name;
  input.person.date_of_birth = *Date::FromCivil(1970 + n % 30, 1 + n % 12, 1 + n % 28);
  input.person.area_code = deprived ? kDeprivedArea : kNeutralArea;
  PSL_ASSIGN_OR_RETURN(const app::EntryResult entered, journey.RecordEntry(referrer, input));
  const CitizenId citizen = entered.citizen_id;
  PSL_RETURN_IF_ERROR(
      journey.Assess(referrer, citizen, crime ? OffenderAnswers() : NoBarriers(), "").ToStatus());
  const std::string end_result = crime ? "lower_crime" : "individual_prosperity";
  PSL_ASSIGN_OR_RETURN(const app::OptionsView options,
                       journey.Options(referrer, citizen, end_result));
  if (options.choice.format != "professional") {
    // Assisted choice: a shortlist of 3 to 5 with the chosen provider on it.
    std::vector<ProviderId> shortlist = {provider.id};
    for (ProviderId other : others) {
      if (shortlist.size() < 5 && other != provider.id) shortlist.push_back(other);
    }
    for (const app::ProviderOption& option : options.providers) {
      const ProviderId other = option.information.provider;
      if (shortlist.size() < 3 &&
          std::find(shortlist.begin(), shortlist.end(), other) == shortlist.end()) {
        shortlist.push_back(other);
      }
    }
    PSL_RETURN_IF_ERROR(journey.Shortlist(referrer, citizen, end_result, shortlist).ToStatus());
  }
  PSL_ASSIGN_OR_RETURN(const store::RegistrationRecord registered,
                       journey.Register(referrer, citizen, end_result, provider.id));
  PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                       journey.Catalogue(registered.catalogue_version));
  RegisteredCitizen result;
  result.id = registered.id;
  result.on = registered.registered_on;
  for (const store::RegisteredOutcomeRecord& outcome : registered.outcomes) {
    const catalogue::KingOutcome* known = catalogue.FindOutcome(outcome.outcome);
    if (known == nullptr) {
      return Status(ErrorCode::kInternal, "unknown outcome " + outcome.outcome, "outcome");
    }
    result.outcomes.push_back({outcome.outcome, known->end_result, outcome.price_pence,
                               known->window_months, known->sustain_months,
                               known->kind == catalogue::OutcomeKind::kGraded});
  }
  return result;
}

HistoryReport PlayHistory(store::Store& store, const ScenarioMarket& market, std::uint64_t seed,
                          const HistoryOptions& options) {
  Player player(store, market, seed);
  return player.Play(options);
}

}  // namespace psl::payment_model
