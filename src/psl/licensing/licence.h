// Licences and their lifecycle (LIC-1, LIC-4, LIC-5, LIC-6, LIC-7). Pure domain.
//
//   applied -> under_review -> granted | refused
//   granted -> suspended -> granted (reinstated) | revoked
//
// Suspension and revocation end (or may end) a licence, so they take four eyes: one
// regulator proposes, a different one confirms. Licences never expire and carry no geographic
// restriction; a temporary scope restriction (LIC-7, e.g. "employment only") can be set and
// lifted by the Regulator.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/core/result.h"

namespace psl::licensing {

enum class LicenceStatus { kApplied, kUnderReview, kGranted, kRefused, kSuspended, kRevoked };

std::string_view LicenceStatusName(LicenceStatus status);
Result<LicenceStatus> ParseLicenceStatus(std::string_view name);

// Whether the lifecycle allows from -> to; kFailedPrecondition naming both otherwise.
Status CheckTransition(LicenceStatus from, LicenceStatus to);
// Suspension and revocation need a second regulator's confirmation.
bool NeedsFourEyes(LicenceStatus to);
// A licence in these states blocks a second application of the same kind by the same provider.
bool IsLive(LicenceStatus status);

// "general" covers every outcome not flagged as needing a top-up; the top-ups (defaults of
// LIC-4) cover the flagged ones.
inline constexpr std::string_view kGeneralLicence = "general";
inline constexpr std::array<std::string_view, 2> kTopUpLicences = {"clinical_governance",
                                                                   "child_safeguarding"};
Status ValidateLicenceKind(std::string_view kind);
bool IsTopUp(std::string_view kind);

// Grounds for suspension or revocation (LIC-6).
inline constexpr std::array<std::string_view, 3> kGrounds = {
    "underperformance", "poor_customer_experience", "malpractice"};
Status ValidateGrounds(std::string_view grounds);

// Who may apply (LIC-1): any legal form, any size, any sector.
inline constexpr std::array<std::string_view, 6> kLegalForms = {
    "company", "charity", "mutual", "public_body", "sole_trader", "other"};
inline constexpr std::array<std::string_view, 4> kSizes = {"micro", "small", "medium", "large"};
inline constexpr std::array<std::string_view, 8> kSectors = {
    "employment", "skills",      "addiction",   "rehabilitation",
    "mental_health", "early_years", "housing", "health"};
// A scope restriction names one sector (LIC-7: "employment only").
Status ValidateScopeRestriction(std::string_view sector);

struct Organisation {
  std::string name;
  std::string legal_form;
  std::string size;
  std::vector<std::string> sectors;     // at least one of kSectors
  std::vector<std::string> area_codes;  // local authority districts it operates in (may be empty)
};
// Shape only; whether each area code exists is the store's to check.
Status ValidateOrganisation(const Organisation& organisation);

inline constexpr std::size_t kMaxReasonsLength = 5000;
// Every decision records reasons (LIC-5): 1..5000 characters.
Status ValidateReasons(std::string_view reasons);

}  // namespace psl::licensing
