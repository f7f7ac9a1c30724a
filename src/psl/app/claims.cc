// Outcome claims and the trusted feed (PAY-4, PAY-7, PAY-11): docs/payment.md sections 2, 3, 7.
#include "psl/app/claims.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "psl/app/audit_writer.h"
#include "psl/app/journey_internal.h"
#include "psl/app/payment_accrual.h"
#include "psl/entry/entry.h"
#include "psl/payment/claims.h"
#include "psl/payment/feed.h"
#include "psl/payment/relative.h"
#include "psl/store/journey_tables.h"
#include "psl/store/payment_tables.h"

namespace psl::app {

using access::Role;

namespace {

constexpr std::string_view kMethodologyHeld = "methodology not published (INN-2)";

Status NotFound(std::string what, std::string field) {
  return Status(ErrorCode::kNotFound, "no such " + what, std::move(field));
}

std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// A provider sees only its own claims; anyone else's are "not found" (never "forbidden").
bool Visible(const RequestContext& context, const store::ClaimRecord& claim) {
  if (context.principal.role == Role::kRegulator) return true;
  return context.principal.role == Role::kProvider && context.principal.provider_id &&
         *context.principal.provider_id == claim.provider;
}

// What a claim is judged by: its registration, the registered outcome and the catalogue entry.
struct ClaimSubject {
  store::RegistrationRecord registration;
  store::RegisteredOutcomeRecord outcome;
  catalogue::KingOutcome king;
  payment::ClaimRule rule;
  std::string payroll_outcome;  // the outcome the feed judges (a variant's base), or empty
};

Result<ClaimSubject> LoadSubject(store::Transaction& transaction, std::int64_t registration_id,
                                 std::string_view outcome) {
  store::RegistrationTable registrations(transaction.connection());
  PSL_ASSIGN_OR_RETURN(auto registration, registrations.Get(registration_id));
  if (!registration) return NotFound("registration", "registration_id");
  ClaimSubject subject;
  subject.registration = std::move(*registration);
  const auto found =
      std::find_if(subject.registration.outcomes.begin(), subject.registration.outcomes.end(),
                   [&](const store::RegisteredOutcomeRecord& o) { return o.outcome == outcome; });
  if (found == subject.registration.outcomes.end()) {
    return NotFound("outcome on this registration", "outcome");
  }
  subject.outcome = *found;
  PSL_ASSIGN_OR_RETURN(catalogue::Catalogue catalogue,
                       journey::LoadCatalogue(transaction, subject.registration.catalogue_version));
  const catalogue::KingOutcome* king = catalogue.FindOutcome(outcome);
  if (king == nullptr) {
    // A skunkworks variant may arrive in a later catalogue than the registration's (OUT-4).
    PSL_ASSIGN_OR_RETURN(catalogue, journey::LoadCatalogue(transaction, std::nullopt));
    king = catalogue.FindOutcome(outcome);
  }
  if (king == nullptr) {
    return Status(ErrorCode::kInternal, "a registered outcome is missing from the catalogue");
  }
  subject.king = *king;
  subject.rule = {king->kind == catalogue::OutcomeKind::kGraded, king->window_months,
                  king->sustain_months};
  const std::string base = king->skunkworks_variant_of.value_or(king->id);
  if (payment::IsPayrollOutcome(king->id)) {
    subject.payroll_outcome = king->id;
  } else if (payment::IsPayrollOutcome(base)) {
    subject.payroll_outcome = base;
  }
  return subject;
}

Status RequireOpen(const ClaimSubject& subject) {
  if (subject.outcome.status == "open") return Status::Ok();
  return Status(ErrorCode::kConflict,
                "the outcome " + subject.outcome.outcome + " is " + subject.outcome.status +
                    ", not open: it cannot be claimed or paid",
                "outcome");
}

// Everything verification will write, worked out before anything is written, so that a claim
// that cannot be verified leaves no trace.
struct VerificationPlan {
  store::ClaimRecord claim;
  Weight fraction;
  std::optional<std::int64_t> feed;
  store::PaymentLineRecord line;  // amount zero: nothing to accrue
  bool held = false;
};

Result<VerificationPlan> PlanVerification(store::Transaction& transaction,
                                          const store::ClaimRecord& claim, Weight fraction,
                                          std::optional<std::int64_t> feed, Date today) {
  if (claim.status != "pending") {
    return Status(ErrorCode::kConflict, "the claim is " + claim.status + ", not pending", "id");
  }
  PSL_ASSIGN_OR_RETURN(const ClaimSubject subject,
                       LoadSubject(transaction, claim.registration_id, claim.outcome));
  PSL_RETURN_IF_ERROR(RequireOpen(subject));
  store::OutcomeSplitTable splits(transaction.connection());
  PSL_ASSIGN_OR_RETURN(const auto split, splits.Get(claim.registration_id, claim.outcome));
  if (!split) {
    return Status(ErrorCode::kFailedPrecondition,
                  "the outcome has no locked split (PAY-1): it cannot be paid", "id");
  }
  PSL_ASSIGN_OR_RETURN(const payment::PaymentSettings settings,
                       payments::LoadPaymentSettings(transaction));
  PSL_ASSIGN_OR_RETURN(
      const store::RelativeCounts counts,
      store::ClosedOutcomeCounts(transaction.connection(), claim.outcome, claim.provider));
  const payment::RelativeFactor relative = payment::RelativeFactorFor(
      settings, subject.registration.end_result, {counts.provider.achieved, counts.provider.closed},
      {counts.everyone.achieved, counts.everyone.closed});

  VerificationPlan plan;
  plan.claim = claim;
  plan.fraction = fraction;
  plan.feed = feed;
  const std::string earned_rule = "outcome part " + split->outcome_part.FormatPlain() +
                                  " x fraction " + fraction.ToString() + " x relative " +
                                  relative.explanation;
  store::PaymentLineRecord& line = plan.line;
  line.provider = claim.provider;
  line.due_on = today;
  line.end_result = subject.registration.end_result;
  line.registration_id = claim.registration_id;
  line.outcome = claim.outcome;
  line.claim_id = claim.id;
  line.tariff_version = subject.outcome.tariff_version;
  if (split->clawback) {
    // PAY-5: the outcome part was paid at registration; only the difference moves now.
    PSL_ASSIGN_OR_RETURN(line.amount, payment::ClawbackModeAdjustment(split->outcome_part, fraction,
                                                                      relative.factor));
    line.kind = line.amount.IsNegative() ? "clawback" : "outcome";
    line.rule = "claw-back mode: " + earned_rule + " less the outcome part paid at registration";
  } else {
    PSL_ASSIGN_OR_RETURN(line.amount,
                         payment::OutcomePayment(split->outcome_part, fraction, relative.factor));
    line.kind = "outcome";
    line.rule = earned_rule;
  }
  line.idempotency_key = line.kind + ":claim:" + std::to_string(claim.id);
  // INN-2: a skunkworks outcome's payment waits for the provider's published methodology.
  if (subject.king.skunkworks_variant_of && !line.amount.IsNegative()) {
    PSL_ASSIGN_OR_RETURN(
        const bool published,
        store::MethodologyPublished(transaction.connection(), claim.provider, subject.king.id));
    if (!published) {
      line.held_reason = std::string(kMethodologyHeld);
      plan.held = true;
    }
  }
  return plan;
}

Status ApplyVerification(store::Transaction& transaction, const RequestContext& context,
                         Timestamp now, const VerificationPlan& plan,
                         std::optional<UserId> decided_by) {
  store::ClaimTable claims(transaction.connection());
  store::ClaimDecision decision;
  decision.id = plan.claim.id;
  decision.status = "verified";
  decision.decided_by = decided_by;
  decision.decided_on = plan.line.due_on;
  decision.decided_at = now;
  decision.verified_by_feed = plan.feed;
  decision.fraction = plan.fraction;
  PSL_ASSIGN_OR_RETURN(const bool decided, claims.Decide(decision));
  if (!decided) return Status(ErrorCode::kConflict, "the claim was decided meanwhile", "id");
  store::RegistrationTable registrations(transaction.connection());
  PSL_RETURN_IF_ERROR(
      registrations.SetOutcomeStatus(plan.claim.registration_id, plan.claim.outcome, "achieved"));
  const std::string cause = "claim:" + std::to_string(plan.claim.id);
  if (plan.held) {
    PSL_RETURN_IF_ERROR(payments::RecordHeld(transaction, plan.line).ToStatus());
  } else {
    PSL_RETURN_IF_ERROR(payments::AccrueDue(transaction, plan.line, cause,
                                            "Outcome " + plan.claim.outcome + ", registration " +
                                                std::to_string(plan.claim.registration_id),
                                            now)
                            .ToStatus());
  }
  nlohmann::json detail = {{"registration_id", plan.claim.registration_id},
                           {"outcome", plan.claim.outcome},
                           {"fraction", plan.fraction.ToString()},
                           {"kind", plan.line.kind},
                           {"amount_pence", plan.line.amount.pence()},
                           {"rule", plan.line.rule},
                           {"held", plan.held}};
  detail["verified_by_feed"] = plan.feed ? nlohmann::json(*plan.feed) : nlohmann::json(nullptr);
  return WriteAudit(transaction, context, now, "claim.verify", cause, detail.dump());
}

payment::EmploymentSpell AsSpell(const store::SpellRecord& record) {
  payment::EmploymentSpell spell;
  spell.citizen = record.citizen_key;
  spell.employer = record.employer;
  spell.start = record.started_on;
  spell.end = record.ended_on;
  spell.earnings = record.earnings;
  return spell;
}

struct FeedMatch {
  Weight fraction;
  std::int64_t feed_id = 0;
};

// The best stored spell that verifies the claim (the highest fraction), if any.
Result<std::optional<FeedMatch>> MatchFeed(store::Transaction& transaction,
                                           const store::ClaimRecord& claim, Date today,
                                           const std::vector<store::SpellRecord>& spells) {
  if (spells.empty()) return std::optional<FeedMatch>();
  PSL_ASSIGN_OR_RETURN(const ClaimSubject subject,
                       LoadSubject(transaction, claim.registration_id, claim.outcome));
  if (subject.payroll_outcome.empty()) return std::optional<FeedMatch>();
  PSL_ASSIGN_OR_RETURN(const payment::PaymentSettings settings,
                       payments::LoadPaymentSettings(transaction));
  std::optional<FeedMatch> best;
  for (const store::SpellRecord& record : spells) {
    const auto fraction =
        payment::MatchSpell(subject.rule, subject.registration.registered_on, claim.achieved_on,
                            today, AsSpell(record), settings.median_annual_wage);
    if (fraction && (!best || *fraction > best->fraction))
      best = FeedMatch{*fraction, record.feed_id};
  }
  return best;
}

// Verifies `claim` from the feed when a stored spell matches; returns whether it did. A claim
// whose outcome cannot be paid (no longer open, no split) stays pending for the Regulator.
Result<bool> VerifyFromFeed(store::Transaction& transaction, const RequestContext& context,
                            Timestamp now, const store::ClaimRecord& claim,
                            const std::vector<store::SpellRecord>& spells) {
  const Date today = now.UtcDate();
  PSL_ASSIGN_OR_RETURN(const auto match, MatchFeed(transaction, claim, today, spells));
  if (!match) return false;
  auto plan = PlanVerification(transaction, claim, match->fraction, match->feed_id, today);
  if (!plan.ok()) {
    const ErrorCode code = plan.status().code();
    if (code == ErrorCode::kConflict || code == ErrorCode::kFailedPrecondition) return false;
    return std::move(plan).status();
  }
  PSL_RETURN_IF_ERROR(ApplyVerification(transaction, context, now, *plan, std::nullopt));
  return true;
}

Result<store::ClaimRecord> Reload(store::Transaction& transaction, std::int64_t id) {
  PSL_ASSIGN_OR_RETURN(auto claim, store::ClaimTable(transaction.connection()).Get(id));
  PSL_CHECK(claim.has_value(), "a claim just written can be read back");
  return std::move(*claim);
}

// A feed's citizen column: a PSL citizen id (digits) or a National Insurance number.
Result<std::optional<CitizenId>> ResolveCitizen(store::CitizenTable& citizens,
                                                const std::string& key) {
  if (!key.empty() && key.size() <= 15 &&
      std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const std::int64_t id = std::stoll(key);
    if (id <= 0) return std::optional<CitizenId>();
    PSL_ASSIGN_OR_RETURN(const auto citizen, citizens.Get(CitizenId(id)));
    return citizen ? std::optional<CitizenId>(citizen->id) : std::optional<CitizenId>();
  }
  auto number = entry::NormaliseNationalInsurance(key);
  if (!number.ok()) return std::optional<CitizenId>();
  PSL_ASSIGN_OR_RETURN(const auto citizen, citizens.FindByNationalInsurance(*number));
  return citizen ? std::optional<CitizenId>(citizen->id) : std::optional<CitizenId>();
}

}  // namespace

Result<store::ClaimRecord> Claims::Submit(const RequestContext& context, const ClaimInput& input) {
  PSL_RETURN_IF_ERROR(journey::RequireRole(context, {Role::kProvider}, "claim an outcome (PAY-7)"));
  const std::string evidence = Trimmed(input.evidence);
  if (evidence.empty()) {
    return Status(ErrorCode::kInvalidArgument, "describe the evidence of the outcome", "evidence");
  }
  if (input.evidence.size() > kMaxEvidenceLength) {
    return Status(ErrorCode::kInvalidArgument, "must be at most 5000 characters", "evidence");
  }
  if (!context.principal.provider_id) return NotFound("registration", "registration_id");
  const ProviderId provider = *context.principal.provider_id;
  store::ClaimRecord result;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    const Timestamp now = app_.clock().Now();
    const Date today = now.UtcDate();
    auto loaded = LoadSubject(transaction, input.registration_id, input.outcome);
    if (!loaded.ok()) return std::move(loaded).status();
    const ClaimSubject& subject = *loaded;
    if (subject.registration.provider_id != provider) {
      return NotFound("registration", "registration_id");
    }
    store::ClaimTable claims(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto live, claims.Live(input.registration_id, input.outcome));
    if (live) {
      return Status(ErrorCode::kConflict,
                    "the outcome already has a " + live->status + " claim (" +
                        std::to_string(live->id) + "): an outcome is claimed once",
                    "outcome");
    }
    PSL_RETURN_IF_ERROR(RequireOpen(subject));
    PSL_ASSIGN_OR_RETURN(
        const Weight fraction,
        payment::CheckClaim(subject.rule, {subject.registration.registered_on, input.achieved_on,
                                           today, input.fraction}));
    store::ClaimRecord claim;
    claim.registration_id = input.registration_id;
    claim.outcome = input.outcome;
    claim.provider = provider;
    claim.citizen = subject.registration.citizen_id;
    claim.achieved_on = input.achieved_on;
    claim.fraction = fraction;
    claim.evidence = evidence;
    if (context.principal.user_id.valid()) claim.claimed_by = context.principal.user_id;
    claim.claimed_on = today;
    claim.claimed_at = now;
    auto inserted = claims.Insert(claim);
    if (!inserted.ok() && inserted.status().code() == ErrorCode::kAlreadyExists) {
      return Status(ErrorCode::kConflict, "the outcome was claimed meanwhile", "outcome");
    }
    PSL_ASSIGN_OR_RETURN(claim.id, std::move(inserted));
    claim.status = "pending";
    PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now, "claim.submit",
                                   "claim:" + std::to_string(claim.id),
                                   nlohmann::json{{"registration_id", claim.registration_id},
                                                  {"outcome", claim.outcome},
                                                  {"achieved_on", claim.achieved_on.ToString()},
                                                  {"fraction", fraction.ToString()}}
                                       .dump()));
    if (!subject.payroll_outcome.empty()) {
      PSL_ASSIGN_OR_RETURN(
          const auto spells,
          store::EvidenceFeedTable(transaction.connection()).SpellsFor(claim.citizen));
      PSL_RETURN_IF_ERROR(VerifyFromFeed(transaction, context, now, claim, spells).ToStatus());
    }
    PSL_ASSIGN_OR_RETURN(result, Reload(transaction, claim.id));
    return Status::Ok();
  }));
  return result;
}

Result<ClaimPage> Claims::List(const RequestContext& context, const std::string& status,
                               std::int64_t before, int limit) {
  PSL_RETURN_IF_ERROR(
      journey::RequireRole(context, {Role::kRegulator, Role::kProvider}, "list claims"));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  if (!status.empty() && status != "pending" && status != "verified" && status != "rejected") {
    return Status(ErrorCode::kInvalidArgument, "must be pending, verified or rejected", "status");
  }
  std::optional<ProviderId> provider;
  if (context.principal.role == Role::kProvider) {
    if (!context.principal.provider_id) return ClaimPage{};
    provider = context.principal.provider_id;
  }
  ClaimPage page;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(
        page.items,
        store::ClaimTable(transaction.connection())
            .List(provider, status.empty() ? std::nullopt : std::optional<std::string>(status),
                  before, limit + 1));
    return Status::Ok();
  }));
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.next_before = page.items.back().id;
  }
  return page;
}

Result<store::ClaimRecord> Claims::Get(const RequestContext& context, std::int64_t id) {
  PSL_RETURN_IF_ERROR(
      journey::RequireRole(context, {Role::kRegulator, Role::kProvider}, "read claims"));
  std::optional<store::ClaimRecord> claim;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(claim, store::ClaimTable(transaction.connection()).Get(id));
    return Status::Ok();
  }));
  if (!claim || !Visible(context, *claim)) return NotFound("claim", "id");
  return std::move(*claim);
}

Result<store::ClaimRecord> Claims::Verify(const RequestContext& context, std::int64_t id) {
  PSL_RETURN_IF_ERROR(journey::RequireRole(context, {Role::kRegulator}, "verify claims (PAY-7)"));
  store::ClaimRecord result;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const auto claim, store::ClaimTable(transaction.connection()).Get(id));
    if (!claim) return NotFound("claim", "id");
    const Timestamp now = app_.clock().Now();
    PSL_ASSIGN_OR_RETURN(
        const VerificationPlan plan,
        PlanVerification(transaction, *claim, claim->fraction, std::nullopt, now.UtcDate()));
    std::optional<UserId> by;
    if (context.principal.user_id.valid()) by = context.principal.user_id;
    PSL_RETURN_IF_ERROR(ApplyVerification(transaction, context, now, plan, by));
    PSL_ASSIGN_OR_RETURN(result, Reload(transaction, id));
    return Status::Ok();
  }));
  return result;
}

Result<store::ClaimRecord> Claims::Reject(const RequestContext& context, std::int64_t id,
                                          const std::string& reason) {
  PSL_RETURN_IF_ERROR(journey::RequireRole(context, {Role::kRegulator}, "reject claims (PAY-7)"));
  const std::string why = Trimmed(reason);
  if (why.empty()) {
    return Status(ErrorCode::kInvalidArgument, "say why the claim is rejected", "reason");
  }
  if (reason.size() > kMaxReasonLength) {
    return Status(ErrorCode::kInvalidArgument, "must be at most 2000 characters", "reason");
  }
  store::ClaimRecord result;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::ClaimTable claims(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto claim, claims.Get(id));
    if (!claim) return NotFound("claim", "id");
    if (claim->status != "pending") {
      return Status(ErrorCode::kConflict, "the claim is " + claim->status + ", not pending", "id");
    }
    const Timestamp now = app_.clock().Now();
    store::ClaimDecision decision;
    decision.id = id;
    decision.status = "rejected";
    if (context.principal.user_id.valid()) decision.decided_by = context.principal.user_id;
    decision.decided_on = now.UtcDate();
    decision.decided_at = now;
    decision.reason = why;
    decision.fraction = claim->fraction;
    PSL_ASSIGN_OR_RETURN(const bool decided, claims.Decide(decision));
    if (!decided) return Status(ErrorCode::kConflict, "the claim was decided meanwhile", "id");
    PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now, "claim.reject",
                                   "claim:" + std::to_string(id),
                                   nlohmann::json{{"reason", why}}.dump()));
    PSL_ASSIGN_OR_RETURN(result, Reload(transaction, id));
    return Status::Ok();
  }));
  return result;
}

Result<FeedImport> Claims::ImportFeed(const RequestContext& context, const std::string& name,
                                      std::string_view csv_text) {
  PSL_RETURN_IF_ERROR(
      journey::RequireRole(context, {Role::kRegulator}, "import a trusted evidence feed (PAY-7)"));
  const std::string feed_name = Trimmed(name);
  if (feed_name.empty()) {
    return Status(ErrorCode::kInvalidArgument, "name the feed, e.g. \"HMRC RTI 2026-03\"", "name");
  }
  if (name.size() > kMaxFeedNameLength) {
    return Status(ErrorCode::kInvalidArgument, "must be at most 200 characters", "name");
  }
  PSL_ASSIGN_OR_RETURN(const std::vector<payment::EmploymentSpell> spells,
                       payment::ParseEmploymentSpells(csv_text));
  FeedImport report;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    report = FeedImport{};
    const Timestamp now = app_.clock().Now();
    store::EvidenceFeedTable feeds(transaction.connection());
    store::EvidenceFeedRecord feed;
    feed.name = feed_name;
    if (context.principal.user_id.valid()) feed.imported_by = context.principal.user_id;
    feed.imported_on = now.UtcDate();
    feed.imported_at = now;
    feed.row_count = static_cast<std::int64_t>(spells.size());
    PSL_ASSIGN_OR_RETURN(report.feed_id, feeds.Insert(feed));
    report.rows = feed.row_count;
    store::CitizenTable citizens(transaction.connection());
    std::map<std::string, std::optional<CitizenId>> resolved;
    std::set<std::int64_t> matched;
    for (const payment::EmploymentSpell& spell : spells) {
      auto known = resolved.find(spell.citizen);
      if (known == resolved.end()) {
        PSL_ASSIGN_OR_RETURN(const auto citizen, ResolveCitizen(citizens, spell.citizen));
        known = resolved.emplace(spell.citizen, citizen).first;
      }
      store::SpellRecord record;
      record.feed_id = report.feed_id;
      record.citizen = known->second;
      record.citizen_key = spell.citizen;
      record.employer = spell.employer;
      record.started_on = spell.start;
      record.ended_on = spell.end;
      record.earnings = spell.earnings;
      PSL_RETURN_IF_ERROR(feeds.InsertSpell(record));
      if (known->second) matched.insert(known->second->value());
    }
    report.matched_citizens = static_cast<std::int64_t>(matched.size());
    store::ClaimTable claims(transaction.connection());
    for (const std::int64_t citizen : matched) {
      PSL_ASSIGN_OR_RETURN(const auto pending, claims.PendingForCitizen(CitizenId(citizen)));
      if (pending.empty()) continue;
      PSL_ASSIGN_OR_RETURN(const auto stored, feeds.SpellsFor(CitizenId(citizen)));
      for (const store::ClaimRecord& claim : pending) {
        PSL_ASSIGN_OR_RETURN(const bool verified,
                             VerifyFromFeed(transaction, context, now, claim, stored));
        if (verified) report.claims_verified.push_back(claim.id);
      }
    }
    return WriteAudit(transaction, context, now, "evidence_feed.import",
                      "evidence_feed:" + std::to_string(report.feed_id),
                      nlohmann::json{{"name", feed_name},
                                     {"rows", report.rows},
                                     {"matched_citizens", report.matched_citizens},
                                     {"claims_verified", report.claims_verified}}
                          .dump());
  }));
  return report;
}

}  // namespace psl::app
