#include "payment_model.h"

#include <algorithm>
#include <stdexcept>

namespace psl::payment_model {

int MonthsBetween(Date from, Date to) {
  int months = 0;
  while (from.AddMonths(months + 1) <= to) ++months;
  return months;
}

Shares SharesFor(Date licensed_on, Date registered_on) {
  // SPEC PAY-3's table, read top to bottom.
  const int months = MonthsBetween(licensed_on, registered_on);
  if (months < 3) return {100, 0, 0};
  if (months < 6) return {90, 10, 0};
  if (months < 12) return {60, 30, 10};
  if (months < 18) return {40, 50, 10};
  return {30, 60, 10};
}

Parts SplitPence(std::int64_t price, Shares shares) {
  Parts parts;
  parts.upfront = price * shares.upfront / 100;  // prices are >= 0: division rounds down
  parts.satisfaction = price * shares.satisfaction / 100;
  parts.outcome = price - parts.upfront - parts.satisfaction;
  return parts;
}

Date Deadline(Date registered_on, int window_months, int sustain_months, DeadlineReading reading) {
  if (reading == DeadlineReading::kTotalMonths) {
    return registered_on.AddMonths(window_months + sustain_months);
  }
  return registered_on.AddMonths(window_months).AddMonths(sustain_months);
}

void Model::AddProvider(std::int64_t provider, Date licensed_on, std::int64_t fees_owed) {
  licensed_on_[provider] = licensed_on;
  positions_[provider].receivable = fees_owed;
}

void Model::SetClawback(std::int64_t provider, Date from, bool on) {
  modes_[provider].push_back({from, on});
}

bool Model::ClawbackOn(std::int64_t provider, Date on) const {
  bool result = false;
  Date best;
  bool found = false;
  auto it = modes_.find(provider);
  if (it == modes_.end()) return false;
  // The latest setting effective on or before `on`; a later record of the same date wins.
  for (const auto& [from, value] : it->second) {
    if (from <= on && (!found || from >= best)) {
      best = from;
      result = value;
      found = true;
    }
  }
  return result;
}

void Model::AddLine(std::int64_t provider, const std::string& kind, std::int64_t amount,
                    Date due_on, const std::string& end_result) {
  if (amount == 0) return;  // a zero amount moves nothing and records nothing
  Line line;
  line.provider = provider;
  line.kind = kind;
  line.amount = amount;
  line.due_on = due_on;
  line.end_result = end_result;
  lines_.push_back(line);
  positions_[provider].accrued += amount;
  positions_[provider].lines += 1;
  positions_[provider].payable += amount;
}

void Model::Register(std::int64_t registration, std::int64_t provider, Date on,
                     const std::vector<ModelOutcome>& outcomes) {
  const Date licensed = licensed_on_.at(provider);
  const bool clawback = ClawbackOn(provider, on);
  for (const ModelOutcome& outcome : outcomes) {
    Held held;
    held.registration = registration;
    held.provider = provider;
    held.registered_on = on;
    held.outcome = outcome;
    held.parts = SplitPence(outcome.price, SharesFor(licensed, on));
    held.clawback = clawback;
    outcomes_.push_back(held);
    std::int64_t now = held.parts.upfront;
    if (clawback) now += held.parts.outcome;
    AddLine(provider, "upfront", now, on, outcome.end_result);
  }
}

Model::Held* Model::Find(std::int64_t registration, const std::string& outcome) {
  for (Held& held : outcomes_) {
    if (held.registration == registration && held.outcome.id == outcome) return &held;
  }
  return nullptr;
}

const Model::Held* Model::Find(std::int64_t registration, const std::string& outcome) const {
  for (const Held& held : outcomes_) {
    if (held.registration == registration && held.outcome.id == outcome) return &held;
  }
  return nullptr;
}

bool Model::LiveClaim(std::int64_t registration, const std::string& outcome) const {
  for (const auto& [id, claim] : claims_) {
    if (claim.registration == registration && claim.outcome == outcome &&
        (claim.status == "pending" || claim.status == "verified")) {
      return true;
    }
  }
  return false;
}

bool Model::ClaimAllowed(std::int64_t registration, const std::string& outcome, Date achieved_on,
                         std::optional<std::int64_t> fraction_micros, Date claimed_on,
                         std::string* why) const {
  const auto refuse = [&](const char* reason) {
    if (why != nullptr) *why = reason;
    return false;
  };
  const Held* held = Find(registration, outcome);
  if (held == nullptr) return refuse("no such outcome");
  if (held->status != "open") return refuse("outcome not open");
  if (LiveClaim(registration, outcome)) return refuse("a live claim exists");
  if (achieved_on < held->registered_on) return refuse("achieved before registration");
  if (achieved_on > held->registered_on.AddMonths(held->outcome.window_months)) {
    return refuse("achieved after the window");
  }
  if (claimed_on < achieved_on.AddMonths(held->outcome.sustain_months)) {
    return refuse("not yet sustained");
  }
  if (claimed_on > Deadline(held->registered_on, held->outcome.window_months,
                            held->outcome.sustain_months, reading_)) {
    return refuse("after the deadline");
  }
  if (claimed_on < achieved_on) return refuse("achieved in the future");
  if (held->outcome.graded) {
    if (!fraction_micros) return refuse("graded needs a fraction");
    if (*fraction_micros < 0 || *fraction_micros > 1'000'000) return refuse("fraction 0..1");
  } else if (fraction_micros) {
    return refuse("binary takes no fraction");
  }
  return true;
}

bool Model::Claimable(std::int64_t registration, const std::string& outcome) const {
  const Held* held = Find(registration, outcome);
  return held != nullptr && held->status == "open" && !LiveClaim(registration, outcome);
}

void Model::Claim(std::int64_t claim, std::int64_t registration, const std::string& outcome,
                  std::optional<std::int64_t> fraction_micros) {
  claims_[claim] = ClaimState{registration, outcome, fraction_micros, "pending"};
}

bool Model::ClaimPending(std::int64_t claim) const {
  auto it = claims_.find(claim);
  return it != claims_.end() && it->second.status == "pending";
}

std::pair<std::int64_t, std::int64_t> Model::Verify(std::int64_t claim_id, Date on) {
  ClaimState& claim = claims_.at(claim_id);
  claim.status = "verified";
  Held* held = Find(claim.registration, claim.outcome);
  held->status = "achieved";
  const std::int64_t fraction = claim.fraction_micros.value_or(1'000'000);
  // Graded: outcome part × fraction, rounded once to the nearest penny, half away from zero
  // (docs/payment.md §3; both are >= 0, so half away from zero is half up).
  const std::int64_t earned = (held->parts.outcome * fraction + 500'000) / 1'000'000;
  if (!held->clawback) {
    AddLine(held->provider, "outcome", earned, on, held->outcome.end_result);
    return {earned, held->parts.outcome};
  }
  // The whole outcome part went out at registration; what was not earned comes back, so the
  // provider ends up with exactly what it would have had without claw-back.
  AddLine(held->provider, "clawback", -(held->parts.outcome - earned), on,
          held->outcome.end_result);
  return {-(held->parts.outcome - earned), held->parts.outcome};
}

bool Model::ClaimClawback(std::int64_t claim_id) const {
  const ClaimState& claim = claims_.at(claim_id);
  return Find(claim.registration, claim.outcome)->clawback;
}

void Model::Reject(std::int64_t claim) { claims_.at(claim).status = "rejected"; }

bool Model::DeadlineAmbiguous(Date as_of) const {
  for (const Held& held : outcomes_) {
    if (held.status != "open") continue;
    const Date a = Deadline(held.registered_on, held.outcome.window_months,
                            held.outcome.sustain_months, DeadlineReading::kTotalMonths);
    const Date b = Deadline(held.registered_on, held.outcome.window_months,
                            held.outcome.sustain_months, DeadlineReading::kWindowThenSustain);
    if ((a < as_of) != (b < as_of)) return true;
  }
  return false;
}

std::vector<RunSummary> Model::Prepare(std::int64_t run, Date as_of) {
  if (open_run_ != 0) throw std::logic_error("a run is open");
  // 1. Missed outcomes: the deadline has passed with no pending or verified claim.
  for (Held& held : outcomes_) {
    if (held.status != "open") continue;
    const Date deadline = Deadline(held.registered_on, held.outcome.window_months,
                                   held.outcome.sustain_months, reading_);
    if (!(deadline < as_of)) continue;
    if (LiveClaim(held.registration, held.outcome.id)) continue;
    held.status = "missed";
    if (held.clawback) {
      AddLine(held.provider, "clawback", -held.parts.outcome, as_of, held.outcome.end_result);
    }
  }
  // 2. Every unassigned line due by as_of joins the run.
  std::map<std::int64_t, RunSummary> summaries;
  for (Line& line : lines_) {
    if (line.run != 0 || line.due_on > as_of) continue;
    line.run = run;
    RunSummary& summary = summaries[line.provider];
    summary.provider = line.provider;
    summary.lines += 1;
    if (line.amount > 0) summary.gross += line.amount;
    if (line.amount < 0) summary.clawbacks += line.amount;
  }
  // 3. Netting (§5): the run's amount first clears what the provider owes; a negative amount
  // becomes a debt.
  std::vector<RunSummary> result;
  for (auto& [provider, summary] : summaries) {
    const std::int64_t due = summary.gross + summary.clawbacks;
    const std::int64_t owed = positions_[provider].receivable;
    summary.receivable = owed;
    if (due <= 0) {
      summary.shortfall = -due;
    } else {
      summary.recovered = std::min(due, owed);
      summary.paid = due - summary.recovered;
    }
    result.push_back(summary);
  }
  open_run_ = run;
  open_summaries_ = result;
  return result;
}

void Model::Release() {
  for (const RunSummary& summary : open_summaries_) {
    ProviderPosition& position = positions_[summary.provider];
    position.payable -= summary.gross + summary.clawbacks;
    position.receivable += summary.shortfall - summary.recovered;
    position.paid += summary.paid;
  }
  open_summaries_.clear();
  open_run_ = 0;
}

std::int64_t Model::BankTotal() const {
  std::int64_t total = 0;
  for (const auto& [provider, position] : positions_) total += position.paid;
  return total;
}

std::map<std::string, std::int64_t> Model::ExpenseByEndResult() const {
  std::map<std::string, std::int64_t> expense;
  for (const Line& line : lines_) expense[line.end_result] += line.amount;
  return expense;
}

}  // namespace psl::payment_model
