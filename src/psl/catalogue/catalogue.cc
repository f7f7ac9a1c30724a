#include "psl/catalogue/catalogue.h"

#include <algorithm>
#include <set>
#include <string>

#include "psl/licensing/licence.h"

namespace psl::catalogue {
namespace {

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxEvidenceLength = 2000;
constexpr int kMaxMonths = 600;

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

Status CheckId(std::string_view id, const std::string& field) {
  if (!IsSnakeCaseId(id)) {
    return Invalid(
        "must be a snake_case id: a lower-case letter, then lower-case letters, digits "
        "or '_', at most 64 characters",
        field);
  }
  return Status::Ok();
}

Status CheckText(std::string_view text, std::size_t max_length, const std::string& field) {
  if (text.empty() || text.size() > max_length) {
    return Invalid("must be 1 to " + std::to_string(max_length) + " characters", field);
  }
  return Status::Ok();
}

}  // namespace

bool IsSnakeCaseId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  if (id.front() < 'a' || id.front() > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string_view OutcomeKindName(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kBinary: return "binary";
    case OutcomeKind::kGraded: return "graded";
  }
  PSL_CHECK(false, "unknown OutcomeKind");
  return "";
}

Result<OutcomeKind> ParseOutcomeKind(std::string_view name) {
  if (name == "binary") return OutcomeKind::kBinary;
  if (name == "graded") return OutcomeKind::kGraded;
  return Status(ErrorCode::kInvalidArgument, "must be \"binary\" or \"graded\"");
}

const EndResult* Catalogue::FindEndResult(std::string_view id) const {
  for (const EndResult& end_result : end_results) {
    if (end_result.id == id) return &end_result;
  }
  return nullptr;
}

const KingOutcome* Catalogue::FindOutcome(std::string_view id) const {
  for (const KingOutcome& outcome : outcomes) {
    if (outcome.id == id) return &outcome;
  }
  return nullptr;
}

Status ValidateCatalogue(const Catalogue& catalogue) {
  if (catalogue.version < 1) return Invalid("must be 1 or more", "version");
  if (catalogue.end_results.empty()) return Invalid("name at least one End Result", "end_results");
  if (catalogue.outcomes.empty()) return Invalid("name at least one King Outcome", "outcomes");

  std::set<std::string_view> end_result_ids;
  for (std::size_t i = 0; i < catalogue.end_results.size(); ++i) {
    const EndResult& end_result = catalogue.end_results[i];
    const std::string prefix = "end_results[" + std::to_string(i) + "].";
    PSL_RETURN_IF_ERROR(CheckId(end_result.id, prefix + "id"));
    if (!end_result_ids.insert(end_result.id).second) {
      return Invalid("'" + end_result.id + "' appears twice; ids are unique", prefix + "id");
    }
    PSL_RETURN_IF_ERROR(CheckText(end_result.name, kMaxNameLength, prefix + "name"));
  }

  std::set<std::string_view> outcome_ids;
  for (std::size_t i = 0; i < catalogue.outcomes.size(); ++i) {
    const KingOutcome& outcome = catalogue.outcomes[i];
    const std::string prefix = "outcomes[" + std::to_string(i) + "].";
    PSL_RETURN_IF_ERROR(CheckId(outcome.id, prefix + "id"));
    if (!outcome_ids.insert(outcome.id).second) {
      return Invalid("'" + outcome.id + "' appears twice; ids are unique", prefix + "id");
    }
    if (!end_result_ids.contains(outcome.end_result)) {
      return Invalid("names no End Result of this catalogue", prefix + "end_result");
    }
    PSL_RETURN_IF_ERROR(CheckText(outcome.name, kMaxNameLength, prefix + "name"));
    if (outcome.kind != OutcomeKind::kBinary && outcome.kind != OutcomeKind::kGraded) {
      return Invalid("must be binary or graded", prefix + "kind");
    }
    if (outcome.window_months < 1 || outcome.window_months > kMaxMonths) {
      return Invalid("must be between 1 and 600 months", prefix + "window_months");
    }
    if (outcome.sustain_months < 0 || outcome.sustain_months > kMaxMonths) {
      return Invalid("must be between 0 and 600 months", prefix + "sustain_months");
    }
    PSL_RETURN_IF_ERROR(CheckText(outcome.evidence, kMaxEvidenceLength, prefix + "evidence"));
    if (outcome.top_up_licence.has_value() && !licensing::IsTopUp(*outcome.top_up_licence)) {
      std::string known;
      for (std::string_view top_up : licensing::kTopUpLicences) {
        known += (known.empty() ? "" : ", ") + std::string(top_up);
      }
      return Invalid("must be a top-up licence (" + known + ") or absent",
                     prefix + "top_up_licence");
    }
  }

  // Skunkworks variants (OUT-4), once every id is known: a variant of a plain King Outcome of
  // the same End Result, never of itself or of another variant.
  for (std::size_t i = 0; i < catalogue.outcomes.size(); ++i) {
    const KingOutcome& outcome = catalogue.outcomes[i];
    if (!outcome.skunkworks_variant_of.has_value()) continue;
    const std::string field = "outcomes[" + std::to_string(i) + "].skunkworks_variant_of";
    const KingOutcome* base = catalogue.FindOutcome(*outcome.skunkworks_variant_of);
    if (base == nullptr) return Invalid("names no King Outcome of this catalogue", field);
    if (base == &outcome) return Invalid("an outcome cannot be a variant of itself", field);
    if (base->skunkworks_variant_of.has_value()) {
      return Invalid("must name a King Outcome that is not itself a skunkworks variant", field);
    }
    if (base->end_result != outcome.end_result) {
      return Invalid("must name a King Outcome of the same End Result ('" + base->end_result + "')",
                     field);
    }
  }
  return Status::Ok();
}

bool operator==(const EndResult& a, const EndResult& b) { return a.id == b.id && a.name == b.name; }

bool operator==(const KingOutcome& a, const KingOutcome& b) {
  return a.id == b.id && a.end_result == b.end_result && a.name == b.name && a.kind == b.kind &&
         a.window_months == b.window_months && a.sustain_months == b.sustain_months &&
         a.evidence == b.evidence && a.top_up_licence == b.top_up_licence &&
         a.skunkworks_variant_of == b.skunkworks_variant_of;
}

bool operator==(const Catalogue& a, const Catalogue& b) {
  return a.version == b.version && a.end_results == b.end_results && a.outcomes == b.outcomes;
}

}  // namespace psl::catalogue
