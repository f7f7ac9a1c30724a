// The tariff instrument: lookup, validation and the choice of the version in force (TAR-4).
#include "psl/tariff/tariff.h"

#include <string>

namespace psl::tariff {
namespace {

// [a-z][a-z0-9_]*, at most 64 characters: the same rule as catalogue::IsSnakeCaseId, written
// here so that the tariff's validation does not need the catalogue's implementation.
bool IsSnakeCase(std::string_view id) {
  if (id.empty() || id.size() > catalogue::kMaxIdLength) return false;
  if (id.front() < 'a' || id.front() > 'z') return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

Status CheckAmount(Money amount, const std::string& field) {
  if (amount.IsNegative()) return Invalid("an amount cannot be negative", field);
  if (amount.pence() > kMaxAmountPence) {
    return Invalid("an amount is at most " + Money::FromPence(kMaxAmountPence).Format(), field);
  }
  return Status::Ok();
}

// 0 < minimum <= 1 <= maximum <= 3.
Status CheckBounds(Weight minimum, Weight maximum, const std::string& prefix) {
  if (minimum.micros() <= 0 || minimum > Weight::One()) {
    return Invalid("the minimum weight must be above 0 and at most 1", prefix + ".minimum");
  }
  if (maximum < Weight::One() || maximum.micros() > 3 * Weight::kScale) {
    return Invalid("the maximum weight must be between 1 and 3", prefix + ".maximum");
  }
  return Status::Ok();
}

Status CheckRange(std::int64_t value, std::int64_t minimum, std::int64_t maximum,
                  const std::string& field) {
  if (value < minimum || value > maximum) {
    return Invalid("must be between " + std::to_string(minimum) + " and " + std::to_string(maximum),
                   field);
  }
  return Status::Ok();
}

}  // namespace

const OutcomeTariff* Tariff::Find(std::string_view outcome) const {
  for (const OutcomeTariff& entry : outcomes) {
    if (entry.outcome == outcome) return &entry;
  }
  return nullptr;
}

Status ValidateTariff(const Tariff& tariff) {
  if (tariff.version < 1) return Invalid("the tariff version must be 1 or more", "version");
  if (tariff.catalogue_version < 1) {
    return Invalid("the catalogue version must be 1 or more", "catalogue_version");
  }
  if (tariff.supplements.size() > kMaxTariffEntries) {
    return Invalid("at most " + std::to_string(kMaxTariffEntries) + " barriers",
                   "supplements_pence");
  }
  for (const auto& [barrier, amount] : tariff.supplements) {
    const std::string field = "supplements_pence." + barrier;
    if (!IsSnakeCase(barrier)) {
      return Invalid("a barrier id is snake_case ([a-z][a-z0-9_]*, at most 64 characters)", field);
    }
    PSL_RETURN_IF_ERROR(CheckAmount(amount, field));
  }
  if (tariff.outcomes.empty()) return Invalid("a tariff prices at least one outcome", "outcomes");
  if (tariff.outcomes.size() > kMaxTariffEntries) {
    return Invalid("at most " + std::to_string(kMaxTariffEntries) + " outcomes", "outcomes");
  }
  for (std::size_t i = 0; i < tariff.outcomes.size(); ++i) {
    const OutcomeTariff& entry = tariff.outcomes[i];
    const std::string prefix = "outcomes[" + std::to_string(i) + "]";
    if (!IsSnakeCase(entry.outcome)) {
      return Invalid("an outcome id is snake_case ([a-z][a-z0-9_]*, at most 64 characters)",
                     prefix + ".outcome");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (tariff.outcomes[j].outcome == entry.outcome) {
        return Invalid("the outcome " + entry.outcome + " is priced twice", prefix + ".outcome");
      }
    }
    PSL_RETURN_IF_ERROR(CheckAmount(entry.core, prefix + ".core_pence"));
    if (entry.supplements.size() > kMaxTariffEntries) {
      return Invalid("at most " + std::to_string(kMaxTariffEntries) + " barriers",
                     prefix + ".supplements_pence");
    }
    for (const auto& [barrier, amount] : entry.supplements) {
      const std::string field = prefix + ".supplements_pence." + barrier;
      if (!tariff.supplements.contains(barrier)) {
        return Invalid("unknown barrier '" + barrier +
                           "': an outcome can only override a barrier of supplements_pence",
                       field);
      }
      PSL_RETURN_IF_ERROR(CheckAmount(amount, field));
    }
  }
  const GeographicWeighting& geographic = tariff.geographic;
  PSL_RETURN_IF_ERROR(CheckRange(geographic.reference_score_milli, 0, 1'000'000,
                                 "geographic.reference_score_milli"));
  PSL_RETURN_IF_ERROR(CheckRange(geographic.slope_micros_per_milli_point, 0, 1'000'000,
                                 "geographic.slope_micros_per_milli_point"));
  PSL_RETURN_IF_ERROR(CheckBounds(geographic.minimum, geographic.maximum, "geographic"));
  const CyclicalWeighting& cyclical = tariff.cyclical;
  PSL_RETURN_IF_ERROR(
      CheckRange(cyclical.reference_rate_tenths, 0, 1000, "cyclical.reference_rate_tenths"));
  PSL_RETURN_IF_ERROR(
      CheckRange(cyclical.slope_micros_per_tenth, 0, 1'000'000, "cyclical.slope_micros_per_tenth"));
  PSL_RETURN_IF_ERROR(CheckBounds(cyclical.minimum, cyclical.maximum, "cyclical"));
  return Status::Ok();
}

Status ValidateTariffAgainst(const Tariff& tariff, const catalogue::Catalogue& catalogue) {
  PSL_RETURN_IF_ERROR(ValidateTariff(tariff));
  if (tariff.catalogue_version != catalogue.version) {
    return Invalid("the tariff prices catalogue version " +
                       std::to_string(tariff.catalogue_version) + ", not version " +
                       std::to_string(catalogue.version),
                   "catalogue_version");
  }
  // Catalogue::FindOutcome is not used: the tariff library needs only the catalogue's types.
  for (std::size_t i = 0; i < tariff.outcomes.size(); ++i) {
    bool known = false;
    for (const catalogue::KingOutcome& outcome : catalogue.outcomes) {
      if (outcome.id == tariff.outcomes[i].outcome) {
        known = true;
        break;
      }
    }
    if (!known) {
      return Invalid("the outcome " + tariff.outcomes[i].outcome + " is not in catalogue version " +
                         std::to_string(catalogue.version),
                     "outcomes[" + std::to_string(i) + "].outcome");
    }
  }
  for (const catalogue::KingOutcome& outcome : catalogue.outcomes) {
    if (tariff.Find(outcome.id) == nullptr) {
      return Invalid("the outcome " + outcome.id + " of catalogue version " +
                         std::to_string(catalogue.version) + " has no price",
                     "outcomes");
    }
  }
  return Status::Ok();
}

Result<const Tariff*> TariffInForce(std::span<const Tariff> tariffs, Date date) {
  const Tariff* best = nullptr;
  for (const Tariff& tariff : tariffs) {
    if (tariff.effective_from > date) continue;
    if (best == nullptr || tariff.effective_from > best->effective_from ||
        (tariff.effective_from == best->effective_from && tariff.version > best->version)) {
      best = &tariff;
    }
  }
  if (best == nullptr) {
    return Status(ErrorCode::kNotFound, "no tariff is in force on " + date.ToString(), "date");
  }
  return best;
}

}  // namespace psl::tariff
