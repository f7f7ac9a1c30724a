#include "psl/licensing/licence.h"

#include <algorithm>
#include <set>

namespace psl::licensing {
namespace {

constexpr std::array<LicenceStatus, 6> kStatuses = {
    LicenceStatus::kApplied, LicenceStatus::kUnderReview, LicenceStatus::kGranted,
    LicenceStatus::kRefused, LicenceStatus::kSuspended,   LicenceStatus::kRevoked};

template <std::size_t N>
bool OneOf(const std::array<std::string_view, N>& choices, std::string_view value) {
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

template <std::size_t N>
std::string Listed(const std::array<std::string_view, N>& choices) {
  std::string text;
  for (std::string_view choice : choices) {
    if (!text.empty()) text += ", ";
    text += choice;
  }
  return text;
}

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

}  // namespace

std::string_view LicenceStatusName(LicenceStatus status) {
  switch (status) {
    case LicenceStatus::kApplied: return "applied";
    case LicenceStatus::kUnderReview: return "under_review";
    case LicenceStatus::kGranted: return "granted";
    case LicenceStatus::kRefused: return "refused";
    case LicenceStatus::kSuspended: return "suspended";
    case LicenceStatus::kRevoked: return "revoked";
  }
  return "applied";
}

Result<LicenceStatus> ParseLicenceStatus(std::string_view name) {
  for (LicenceStatus status : kStatuses) {
    if (LicenceStatusName(status) == name) return status;
  }
  return Invalid("a status is applied, under_review, granted, refused, suspended or revoked",
                 "status");
}

Status CheckTransition(LicenceStatus from, LicenceStatus to) {
  using enum LicenceStatus;
  const bool allowed = (from == kApplied && to == kUnderReview) ||
                       (from == kUnderReview && (to == kGranted || to == kRefused)) ||
                       (from == kGranted && to == kSuspended) ||
                       (from == kSuspended && (to == kGranted || to == kRevoked));
  if (allowed) return Status::Ok();
  return Status(ErrorCode::kFailedPrecondition,
                "a licence that is " + std::string(LicenceStatusName(from)) + " cannot become " +
                    std::string(LicenceStatusName(to)) +
                    " (the lifecycle is applied -> under_review -> granted | refused; granted -> "
                    "suspended -> granted | revoked)",
                "status");
}

bool NeedsFourEyes(LicenceStatus to) {
  return to == LicenceStatus::kSuspended || to == LicenceStatus::kRevoked;
}

bool IsLive(LicenceStatus status) {
  return status != LicenceStatus::kRefused && status != LicenceStatus::kRevoked;
}

Status ValidateLicenceKind(std::string_view kind) {
  if (kind == kGeneralLicence || OneOf(kTopUpLicences, kind)) return Status::Ok();
  return Invalid("a licence kind is general or a top-up: " + Listed(kTopUpLicences), "kind");
}

bool IsTopUp(std::string_view kind) { return OneOf(kTopUpLicences, kind); }

Status ValidateGrounds(std::string_view grounds) {
  if (OneOf(kGrounds, grounds)) return Status::Ok();
  return Invalid("grounds are one of " + Listed(kGrounds) + " (LIC-6)", "grounds");
}

Status ValidateScopeRestriction(std::string_view sector) {
  if (OneOf(kSectors, sector)) return Status::Ok();
  return Invalid("a scope restriction names one sector: " + Listed(kSectors), "scope_restriction");
}

Status ValidateOrganisation(const Organisation& organisation) {
  if (organisation.name.empty() || organisation.name.size() > 200) {
    return Invalid("the organisation's name is 1 to 200 characters", "name");
  }
  if (!OneOf(kLegalForms, organisation.legal_form)) {
    return Invalid("legal_form is one of " + Listed(kLegalForms), "legal_form");
  }
  if (!OneOf(kSizes, organisation.size)) {
    return Invalid("size is one of " + Listed(kSizes), "size");
  }
  if (organisation.sectors.empty() || organisation.sectors.size() > kSectors.size()) {
    return Invalid("name at least one sector: " + Listed(kSectors), "sectors");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < organisation.sectors.size(); ++i) {
    if (!OneOf(kSectors, organisation.sectors[i]) || !seen.insert(organisation.sectors[i]).second) {
      return Invalid("each sector once, one of " + Listed(kSectors),
                     "sectors[" + std::to_string(i) + "]");
    }
  }
  if (organisation.area_codes.size() > 400) return Invalid("at most 400 areas", "areas");
  seen.clear();
  for (std::size_t i = 0; i < organisation.area_codes.size(); ++i) {
    const std::string& code = organisation.area_codes[i];
    bool shaped = code.size() == 9 && code[0] >= 'A' && code[0] <= 'Z';
    for (std::size_t c = 1; c < code.size(); ++c) shaped = shaped && code[c] >= '0' && code[c] <= '9';
    if (!shaped || !seen.insert(code).second) {
      return Invalid("areas are distinct district codes like E08000003",
                     "areas[" + std::to_string(i) + "]");
    }
  }
  return Status::Ok();
}

Status ValidateReasons(std::string_view reasons) {
  if (reasons.find_first_not_of(" \t\r\n") == std::string_view::npos ||
      reasons.size() > kMaxReasonsLength) {
    return Invalid("give the reasons for the decision, up to 5000 characters", "reasons");
  }
  return Status::Ok();
}

}  // namespace psl::licensing
