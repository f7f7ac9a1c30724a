// Appeals and disputes (REG-5, LIC-5): the Regulator's arbitration. Pure domain.
//
// APPEALS. A provider appeals a licence decision that refused, suspended or revoked its own
// licence: the licence's current status must be refused, suspended or revoked. It gives its
// grounds (1..5000 characters). One appeal may be open (lodged) per licence at a time.
//
//   lodged -> upheld | dismissed
//
// The Regulator decides with reasons (1..5000 characters). What an upheld appeal does to the
// licence (the "appeal transitions", outside the ordinary LIC-5 lifecycle and only reachable
// through an upheld appeal):
//
//   refused   -> under_review   the application is reopened and decided again on its merits;
//   suspended -> granted        the suspension is lifted (as a reinstatement would);
//   revoked   -> suspended      the revocation is set aside, but the licence does not spring
//                               back to granted: it is suspended, so that reinstating it or
//                               revoking it again goes through the usual decisions, and a
//                               revocation again takes four eyes.
//
// A dismissed appeal leaves the licence as it is. Either way the decision is recorded in the
// licence's decision history with the reasons (REG-1), and in the append-only record of
// arbitration decisions.
//
// DISPUTES. Between two providers, or between a provider and government (never government
// against itself, never a provider against itself), with a subject (1..200 characters) and a
// description (1..5000). Filed by one party (the claimant) against the other (the respondent).
//
//   open -> resolved
//
// The Regulator resolves it with a finding (for the claimant, for the respondent, or partly
// for each), the terms of its decision (1..5000) and reasons (1..5000).
//
// Lengths are counted in characters (Unicode code points of UTF-8 text), not bytes; text made
// only of spaces is empty.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "psl/core/ids.h"
#include "psl/core/result.h"
#include "psl/licensing/licence.h"

namespace psl::regulation {

using AppealId = StrongId<struct AppealIdTag>;
using DisputeId = StrongId<struct DisputeIdTag>;

inline constexpr std::size_t kMaxAppealGroundsLength = 5000;
inline constexpr std::size_t kMaxArbitrationTextLength = 5000;  // reasons, terms
inline constexpr std::size_t kMaxDisputeSubjectLength = 200;
inline constexpr std::size_t kMaxDisputeDescriptionLength = 5000;
// The byte cap for decoding a text of `characters` code points (UTF-8: at most 4 bytes each).
constexpr std::size_t MaxUtf8Bytes(std::size_t characters) { return characters * 4; }

// --- Appeals --------------------------------------------------------------------------------

enum class AppealStatus { kLodged, kUpheld, kDismissed };

std::string_view AppealStatusName(AppealStatus status);
// Exactly the names above; kInvalidArgument naming `field` otherwise.
Result<AppealStatus> ParseAppealStatus(std::string_view name, std::string_view field = "status");

// The decision sent by the Regulator: "uphold" or "dismiss" (kInvalidArgument naming `field`).
Result<AppealStatus> ParseAppealDecision(std::string_view name,
                                         std::string_view field = "decision");

// Whether a licence in `status` can be appealed: refused, suspended or revoked.
bool IsAppealable(licensing::LicenceStatus status);
// kFailedPrecondition naming "licence_id" when the licence's status cannot be appealed.
Status CheckAppealable(licensing::LicenceStatus status);
// Where an upheld appeal takes the licence (see above). Only for appealable statuses.
licensing::LicenceStatus StatusAfterUpheld(licensing::LicenceStatus appealed);
// A lodged appeal may be decided once; kFailedPrecondition naming "id" otherwise.
Status CheckAppealOpen(AppealStatus status);

Status ValidateAppealGrounds(std::string_view grounds);  // field "grounds"

// --- Disputes -------------------------------------------------------------------------------

enum class DisputeStatus { kOpen, kResolved };
enum class PartyKind { kProvider, kGovernment };
enum class DisputeFinding { kForClaimant, kForRespondent, kPartly };

std::string_view DisputeStatusName(DisputeStatus status);
std::string_view PartyKindName(PartyKind kind);
std::string_view DisputeFindingName(DisputeFinding finding);
Result<DisputeStatus> ParseDisputeStatus(std::string_view name, std::string_view field = "status");
Result<PartyKind> ParsePartyKind(std::string_view name, std::string_view field);
Result<DisputeFinding> ParseDisputeFinding(std::string_view name,
                                           std::string_view field = "finding");

// One side of a dispute: a provider (named by id) or government.
struct Party {
  PartyKind kind = PartyKind::kProvider;
  ProviderId provider_id;  // valid exactly when kind is kProvider

  static Party Provider(ProviderId id) { return {PartyKind::kProvider, id}; }
  static Party Government() { return {PartyKind::kGovernment, ProviderId()}; }
  friend bool operator==(const Party&, const Party&) = default;
};

// Two providers, or a provider and government (either way round); the respondent is named in
// errors ("respondent_provider_id", "respondent_kind").
Status ValidateDisputeParties(const Party& claimant, const Party& respondent);
Status ValidateDisputeSubject(std::string_view subject);          // field "subject"
Status ValidateDisputeDescription(std::string_view description);  // field "description"
// An open dispute may be resolved once; kFailedPrecondition naming "id" otherwise.
Status CheckDisputeOpen(DisputeStatus status);

// --- Arbitration ----------------------------------------------------------------------------

// Reasons for an arbitration decision (appeal or dispute): 1..5000 characters.
Status ValidateArbitrationReasons(std::string_view reasons);  // field "reasons"
// The terms of a dispute's resolution: 1..5000 characters.
Status ValidateArbitrationTerms(std::string_view terms);  // field "decision"

// Characters (code points) in UTF-8 text; each invalid byte counts as one.
std::size_t CountCharacters(std::string_view text);

}  // namespace psl::regulation
