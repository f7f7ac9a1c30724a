// Skunkworks outcomes (OUT-4, INN-2): moving a registered King Outcome onto its variant, the
// providers' methodologies, and the public register of both.
#include "psl/app/skunkworks.h"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "psl/app/audit_writer.h"
#include "psl/app/journey_citizen_scope.h"
#include "psl/app/journey_internal.h"
#include "psl/app/payment_accrual.h"
#include "psl/config/config_json.h"
#include "psl/store/journey_tables.h"
#include "psl/store/payment_tables.h"

namespace psl::app {

using access::Role;

namespace {

constexpr int kMaxListed = 1000;

Status NoSuchRegistration() {
  return Status(ErrorCode::kNotFound, "no such registration", "registration_id");
}

Result<ProviderId> CallerProvider(const RequestContext& context, std::string_view what) {
  PSL_RETURN_IF_ERROR(journey::RequireRole(context, {Role::kProvider}, what));
  if (!context.principal.provider_id || !context.principal.provider_id->valid()) {
    return Status(ErrorCode::kPermissionDenied, "this login acts for no provider");
  }
  return *context.principal.provider_id;
}

// The registration's own tariff version: a variant is priced on the terms locked with the
// registration (TAR-4), never today's tariff.
Result<std::shared_ptr<const tariff::Tariff>> TariffVersion(store::Transaction& transaction,
                                                            const JourneyCache& cache,
                                                            int version) {
  if (auto cached = cache.Tariff(version)) return cached;
  store::TariffTable table(transaction.connection());
  PSL_ASSIGN_OR_RETURN(const auto record, table.Get(version));
  if (!record) {
    const tariff::Tariff& built_in = tariff::DefaultTariff();
    if (version != built_in.version) {
      return Status(ErrorCode::kInternal, "a registration's tariff version is missing");
    }
    return std::shared_ptr<const tariff::Tariff>(std::shared_ptr<const tariff::Tariff>(),
                                                 &built_in);
  }
  auto parsed = config::ParseTariff(record->document);
  if (!parsed.ok()) return Status(ErrorCode::kInternal, "a stored tariff does not parse");
  auto loaded = std::make_shared<const tariff::Tariff>(std::move(parsed).value());
  cache.PutTariff(loaded);
  return loaded;
}

// The settings the base outcome's split was locked under, so that the variant's split follows
// the same rules; the latest when the base has no split.
Result<payment::PaymentSettings> SettingsVersion(store::Transaction& transaction,
                                                 std::optional<int> version) {
  if (!version) return payments::LoadPaymentSettings(transaction);
  store::PaymentSettingsTable table(transaction.connection());
  PSL_ASSIGN_OR_RETURN(const auto record, table.Get(*version));
  if (!record) {
    if (*version == payment::DefaultPaymentSettings().version) {
      return payment::DefaultPaymentSettings();
    }
    return Status(ErrorCode::kInternal, "a split's payment settings version is missing");
  }
  auto parsed = config::ParsePaymentSettings(record->document);
  if (!parsed.ok()) return Status(ErrorCode::kInternal, "stored payment settings do not parse");
  return std::move(parsed).value();
}

// What a split pays at registration: the upfront part, and the outcome part too in claw-back
// mode (PAY-5).
Money PaidAtRegistration(Money upfront, Money outcome, bool clawback) {
  return clawback ? Money::FromPence(upfront.pence() + outcome.pence()) : upfront;
}

std::string Percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "no active registrations";
  const std::int64_t basis_points = part * 10'000 / whole;
  return std::to_string(basis_points / 100) + "." + (basis_points % 100 < 10 ? "0" : "") +
         std::to_string(basis_points % 100) + "%";
}

struct Located {
  store::RegistrationRecord registration;
  store::RegisteredOutcomeRecord base;
  const catalogue::KingOutcome* variant = nullptr;
};

}  // namespace

std::int64_t ShareBasisPoints(const store::SkunkworksShare& share) {
  if (share.active <= 0) return 0;
  return share.placed * 10'000 / share.active;
}

Result<SkunkworksPlacement> Skunkworks::Place(const RequestContext& context,
                                              std::int64_t registration_id,
                                              const std::string& base_outcome,
                                              const std::string& variant) {
  PSL_ASSIGN_OR_RETURN(const ProviderId provider,
                       CallerProvider(context, "move an outcome onto a skunkworks variant"));
  SkunkworksPlacement placement;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    const Timestamp now = app_.clock().Now();
    const Date today = now.UtcDate();
    store::SkunkworksTable skunkworks(transaction.connection());
    PSL_RETURN_IF_ERROR(skunkworks.LockProvider(provider));
    store::RegistrationTable registrations(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto registration, registrations.Get(registration_id));
    if (!registration || registration->provider_id != provider) return NoSuchRegistration();
    if (registration->status != "active") {
      return Status(ErrorCode::kFailedPrecondition,
                    "registration " + std::to_string(registration_id) + " has ended",
                    "registration_id");
    }
    const auto base = std::find_if(
        registration->outcomes.begin(), registration->outcomes.end(),
        [&](const store::RegisteredOutcomeRecord& o) { return o.outcome == base_outcome; });
    if (base == registration->outcomes.end()) {
      return Status(ErrorCode::kNotFound,
                    "registration " + std::to_string(registration_id) + " has no outcome " +
                        base_outcome.substr(0, 64),
                    "outcome");
    }
    if (base->status != "open") {
      return Status(ErrorCode::kConflict,
                    base_outcome + " is " + base->status + ": only an open outcome can move",
                    "outcome");
    }
    PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                         journey::LoadCatalogue(transaction, registration->catalogue_version));
    const catalogue::KingOutcome* king = catalogue.FindOutcome(base_outcome);
    const catalogue::KingOutcome* target = catalogue.FindOutcome(variant);
    if (king == nullptr || target == nullptr || target->skunkworks_variant_of != base_outcome) {
      return Status(ErrorCode::kFailedPrecondition,
                    variant.substr(0, 64) + " is not a skunkworks variant of " + base_outcome +
                        " in catalogue version " + std::to_string(registration->catalogue_version) +
                        " (the registration's)",
                    "variant");
    }
    const Date window_end = registration->registered_on.AddMonths(king->window_months);
    if (today > window_end) {
      return Status(ErrorCode::kFailedPrecondition,
                    base_outcome + "'s window closed on " + window_end.ToString() +
                        ": an outcome moves onto its variant only within its window",
                    "outcome");
    }
    const bool variant_registered =
        std::any_of(registration->outcomes.begin(), registration->outcomes.end(),
                    [&](const store::RegisteredOutcomeRecord& o) { return o.outcome == variant; });
    if (variant_registered) {
      return Status(ErrorCode::kConflict, variant + " is already registered", "variant");
    }

    // INN-2: the cap counts registrations, so a second placement on one registration is free.
    PSL_ASSIGN_OR_RETURN(const payment::PaymentSettings latest,
                         payments::LoadPaymentSettings(transaction));
    PSL_ASSIGN_OR_RETURN(const store::SkunkworksShare share, skunkworks.ShareOf(provider));
    PSL_ASSIGN_OR_RETURN(const auto existing, skunkworks.ForRegistration(registration_id));
    const std::int64_t placed_after = share.placed + (existing.empty() ? 1 : 0);
    if (placed_after * 100 > std::int64_t{latest.skunkworks_max_percent} * share.active) {
      return Status(ErrorCode::kFailedPrecondition,
                    "at most " + std::to_string(latest.skunkworks_max_percent) +
                        "% of a provider's active registrations may hold a skunkworks outcome "
                        "(INN-2): this would make " +
                        std::to_string(placed_after) + " of " + std::to_string(share.active) +
                        " (" + Percent(placed_after, share.active) + ")",
                    "variant");
    }

    // The variant's price on the registration's terms (TAR-4).
    PSL_ASSIGN_OR_RETURN(auto tariff, TariffVersion(transaction, app_.journey_cache(),
                                                    registration->tariff_version));
    PSL_ASSIGN_OR_RETURN(const tariff::Area area,
                         journey::LoadArea(transaction, registration->area_code, "area_code"));
    PSL_ASSIGN_OR_RETURN(auto series, journey::Series(transaction, app_.journey_cache()));
    auto quote = tariff::PriceOutcome(
        *tariff, area, *series,
        {variant, journey::JsonStrings(registration->barriers_json), registration->registered_on});
    if (!quote.ok()) {
      return Status(ErrorCode::kFailedPrecondition,
                    "tariff version " + std::to_string(registration->tariff_version) +
                        ", locked with this registration, does not price " + variant + " (" +
                        quote.status().message() + ")",
                    "variant");
    }
    store::RegisteredOutcomeRecord moved;
    moved.registration_id = registration_id;
    moved.outcome = variant;
    moved.base_pence = quote->base.pence();
    moved.geographic_weight_micros = quote->geographic_weight.micros();
    moved.cyclical_weight_micros = quote->cyclical_weight.micros();
    moved.price_pence = quote->price.pence();
    moved.tariff_version = quote->tariff_version;
    nlohmann::json items = nlohmann::json::array();
    for (const tariff::QuoteItem& item : quote->items) {
      nlohmann::json line = {{"kind", item.kind}, {"id", item.id}, {"label", item.label}};
      if (item.amount) line["amount_pence"] = item.amount->pence();
      if (item.weight) line["weight"] = item.weight->ToString();
      items.push_back(std::move(line));
    }
    items.push_back({{"kind", "skunkworks"},
                     {"id", base_outcome},
                     {"label", "Moved from " + base_outcome + " on " + today.ToString() +
                                   " as its skunkworks variant (OUT-4), priced on the "
                                   "registration's date, barriers, district and tariff"}});
    moved.explanation_json = items.dump();
    moved.status = "open";
    PSL_RETURN_IF_ERROR(registrations.InsertOutcome(moved));
    PSL_RETURN_IF_ERROR(
        registrations.SetOutcomeStatus(registration_id, base_outcome, "transferred"));

    // The variant's split, locked under the base's settings version and the mode on the
    // registration date.
    store::OutcomeSplitTable splits(transaction.connection());
    PSL_ASSIGN_OR_RETURN(const auto base_split, splits.Get(registration_id, base_outcome));
    PSL_ASSIGN_OR_RETURN(
        const payment::PaymentSettings locked,
        SettingsVersion(transaction, base_split ? std::optional<int>(base_split->settings_version)
                                                : std::nullopt));
    PSL_ASSIGN_OR_RETURN(const Date licensed_on,
                         payments::LicensedOn(transaction, registration->provider_id));
    PSL_ASSIGN_OR_RETURN(const bool clawback,
                         store::PaymentModeTable(transaction.connection())
                             .ClawbackOn(registration->provider_id, registration->registered_on));
    PSL_ASSIGN_OR_RETURN(
        const payment::Split split,
        payments::LockSplit(transaction, *registration, moved, locked, licensed_on, clawback,
                            target->window_months, target->sustain_months));

    // Upfront already paid stays; a bigger variant upfront is topped up (docs/payment.md §6).
    Money base_paid;
    if (base_split) {
      base_paid =
          PaidAtRegistration(base_split->upfront, base_split->outcome_part, base_split->clawback);
    } else {
      PSL_ASSIGN_OR_RETURN(
          const payment::Split would_be,
          payment::SplitFor(locked, Money::FromPence(base->price_pence), licensed_on,
                            registration->registered_on, registration->end_result, base_outcome));
      base_paid = PaidAtRegistration(would_be.upfront, would_be.outcome, clawback);
    }
    const Money variant_paid = PaidAtRegistration(split.upfront, split.outcome, clawback);
    Money top_up;
    if (variant_paid > base_paid) {
      top_up = Money::FromPence(variant_paid.pence() - base_paid.pence());
      store::PaymentLineRecord line;
      line.idempotency_key =
          "skunkworks-upfront:" + std::to_string(registration_id) + ":" + variant;
      line.provider = registration->provider_id;
      line.kind = "upfront";
      line.amount = top_up;
      line.due_on = today;
      line.end_result = registration->end_result;
      line.registration_id = registration_id;
      line.outcome = variant;
      line.tariff_version = moved.tariff_version;
      line.rule = "skunkworks top-up";
      PSL_RETURN_IF_ERROR(
          payments::AccrueDue(transaction, line, "registration:" + std::to_string(registration_id),
                              "Skunkworks top-up for " + variant + ", registration " +
                                  std::to_string(registration_id),
                              now)
              .ToStatus());
    }

    store::SkunkworksPlacementRecord record;
    record.registration_id = registration_id;
    record.base_outcome = base_outcome;
    record.variant = variant;
    record.provider = provider;
    if (context.principal.user_id.valid()) record.placed_by = context.principal.user_id;
    record.placed_on = today;
    record.placed_at = now;
    const Status inserted = skunkworks.InsertPlacement(record);
    if (!inserted.ok() && inserted.code() == ErrorCode::kAlreadyExists) {
      return Status(ErrorCode::kConflict, base_outcome + " was moved already", "outcome");
    }
    PSL_RETURN_IF_ERROR(inserted);

    placement.registration_id = registration_id;
    placement.base_outcome = base_outcome;
    placement.variant = variant;
    placement.price = quote->price;
    placement.upfront = split.upfront;
    placement.outcome = split.outcome;
    placement.satisfaction = split.satisfaction;
    placement.rule = split.rule;
    placement.top_up = top_up;
    placement.placed_on = today;
    return WriteAudit(transaction, context, now, "skunkworks.place",
                      "registration:" + std::to_string(registration_id),
                      nlohmann::json{{"base_outcome", base_outcome},
                                     {"variant", variant},
                                     {"price_pence", quote->price.pence()},
                                     {"upfront_pence", split.upfront.pence()},
                                     {"top_up_pence", top_up.pence()},
                                     {"placed", placed_after},
                                     {"active", share.active}}
                          .dump());
  }));
  return placement;
}

namespace {

Status CheckText(const std::string& text, std::size_t max_length, std::string_view field) {
  const bool blank = std::all_of(text.begin(), text.end(),
                                 [](unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); });
  if (blank) {
    return Status(ErrorCode::kInvalidArgument, "must not be empty", std::string(field));
  }
  if (text.size() > max_length) {
    return Status(ErrorCode::kInvalidArgument,
                  "must be at most " + std::to_string(max_length) + " characters",
                  std::string(field));
  }
  return Status::Ok();
}

}  // namespace

Result<store::SkunkworksMethodologyRecord> Skunkworks::PublishMethodology(
    const RequestContext& context, const std::string& variant, const std::string& title,
    const std::string& methodology) {
  PSL_ASSIGN_OR_RETURN(const ProviderId provider,
                       CallerProvider(context, "publish a skunkworks methodology (INN-2)"));
  PSL_RETURN_IF_ERROR(CheckText(variant, 64, "variant"));
  PSL_RETURN_IF_ERROR(CheckText(title, kMaxMethodologyTitle, "title"));
  PSL_RETURN_IF_ERROR(CheckText(methodology, kMaxMethodologyText, "methodology"));
  store::SkunkworksMethodologyRecord record;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                         journey::LoadCatalogue(transaction, std::nullopt));
    const catalogue::KingOutcome* known = catalogue.FindOutcome(variant);
    if (known == nullptr || !known->skunkworks_variant_of) {
      return Status(ErrorCode::kFailedPrecondition,
                    variant + " is not a skunkworks variant in catalogue version " +
                        std::to_string(catalogue.version),
                    "variant");
    }
    const Timestamp now = app_.clock().Now();
    record.provider = provider;
    record.variant = variant;
    record.title = title;
    record.methodology = methodology;
    if (context.principal.user_id.valid()) record.published_by = context.principal.user_id;
    record.published_on = now.UtcDate();
    record.published_at = now;
    auto inserted = store::SkunkworksTable(transaction.connection()).InsertMethodology(record);
    if (!inserted.ok() && inserted.status().code() == ErrorCode::kAlreadyExists) {
      return Status(ErrorCode::kConflict,
                    "this provider has already published its methodology for " + variant,
                    "variant");
    }
    PSL_ASSIGN_OR_RETURN(record.id, std::move(inserted));
    PSL_ASSIGN_OR_RETURN(auto named,
                         transaction.connection().Query("SELECT name FROM providers WHERE id = $1",
                                                        {provider.value()}));
    if (!named.empty()) record.provider_name = named.front().Text(0);
    return WriteAudit(
        transaction, context, now, "skunkworks.methodology",
        "provider:" + std::to_string(provider.value()),
        nlohmann::json{{"methodology_id", record.id}, {"variant", variant}, {"title", title}}
            .dump());
  }));
  return record;
}

Result<SkunkworksOverview> Skunkworks::Overview(const RequestContext& context) {
  (void)context;  // public
  SkunkworksOverview overview;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const payment::PaymentSettings settings,
                         payments::LoadPaymentSettings(transaction));
    overview.max_percent = settings.skunkworks_max_percent;
    PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                         journey::LoadCatalogue(transaction, std::nullopt));
    for (const catalogue::KingOutcome& outcome : catalogue.outcomes) {
      if (!outcome.skunkworks_variant_of) continue;
      overview.variants.push_back({outcome.id, *outcome.skunkworks_variant_of, outcome.name});
    }
    store::SkunkworksTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(overview.methodologies, table.Methodologies(kMaxListed));
    PSL_ASSIGN_OR_RETURN(overview.providers, table.Shares(kMaxListed));
    return Status::Ok();
  }));
  return overview;
}

}  // namespace psl::app
