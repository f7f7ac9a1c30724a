#include "psl/regulation/appeal.h"

#include "psl/core/check.h"

namespace psl::regulation {
namespace {

using licensing::LicenceStatus;

Status Invalid(std::string message, std::string_view field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::string(field));
}

// The licence's status in messages. Spelt here (the names of licence.h) so that this library
// needs only the enumeration from psl_licensing, not its code.
std::string_view LicenceWord(LicenceStatus status) {
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

bool Blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// 1..max characters, not blank.
Status ValidateText(std::string_view text, std::size_t max, std::string_view what,
                    std::string_view field) {
  if (Blank(text) || CountCharacters(text) > max) {
    return Invalid("give " + std::string(what) + ", 1 to " + std::to_string(max) + " characters",
                   field);
  }
  return Status::Ok();
}

}  // namespace

std::size_t CountCharacters(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;  // every byte but a continuation byte starts a character
  }
  return count;
}

// --- Appeals --------------------------------------------------------------------------------

std::string_view AppealStatusName(AppealStatus status) {
  switch (status) {
    case AppealStatus::kLodged: return "lodged";
    case AppealStatus::kUpheld: return "upheld";
    case AppealStatus::kDismissed: return "dismissed";
  }
  return "lodged";
}

Result<AppealStatus> ParseAppealStatus(std::string_view name, std::string_view field) {
  for (AppealStatus status :
       {AppealStatus::kLodged, AppealStatus::kUpheld, AppealStatus::kDismissed}) {
    if (AppealStatusName(status) == name) return status;
  }
  return Invalid("an appeal's status is lodged, upheld or dismissed", field);
}

Result<AppealStatus> ParseAppealDecision(std::string_view name, std::string_view field) {
  if (name == "uphold") return AppealStatus::kUpheld;
  if (name == "dismiss") return AppealStatus::kDismissed;
  return Invalid("the decision on an appeal is uphold or dismiss", field);
}

bool IsAppealable(LicenceStatus status) {
  return status == LicenceStatus::kRefused || status == LicenceStatus::kSuspended ||
         status == LicenceStatus::kRevoked;
}

Status CheckAppealable(LicenceStatus status) {
  if (IsAppealable(status)) return Status::Ok();
  return Status(ErrorCode::kFailedPrecondition,
                "only a refusal, a suspension or a revocation can be appealed (LIC-5); this "
                "licence is " +
                    std::string(LicenceWord(status)),
                "licence_id");
}

LicenceStatus StatusAfterUpheld(LicenceStatus appealed) {
  switch (appealed) {
    case LicenceStatus::kRefused: return LicenceStatus::kUnderReview;
    case LicenceStatus::kSuspended: return LicenceStatus::kGranted;
    case LicenceStatus::kRevoked: return LicenceStatus::kSuspended;
    default: break;
  }
  PSL_CHECK(false, "only refusals, suspensions and revocations are appealed");
  return appealed;
}

Status CheckAppealOpen(AppealStatus status) {
  if (status == AppealStatus::kLodged) return Status::Ok();
  return Status(ErrorCode::kFailedPrecondition,
                "this appeal was already " + std::string(AppealStatusName(status)) +
                    "; a decided appeal is not decided again",
                "id");
}

Status ValidateAppealGrounds(std::string_view grounds) {
  return ValidateText(grounds, kMaxAppealGroundsLength, "the grounds of the appeal", "grounds");
}

// --- Disputes -------------------------------------------------------------------------------

std::string_view DisputeStatusName(DisputeStatus status) {
  return status == DisputeStatus::kOpen ? "open" : "resolved";
}

std::string_view PartyKindName(PartyKind kind) {
  return kind == PartyKind::kProvider ? "provider" : "government";
}

std::string_view DisputeFindingName(DisputeFinding finding) {
  switch (finding) {
    case DisputeFinding::kForClaimant: return "for_claimant";
    case DisputeFinding::kForRespondent: return "for_respondent";
    case DisputeFinding::kPartly: return "partly";
  }
  return "partly";
}

Result<DisputeStatus> ParseDisputeStatus(std::string_view name, std::string_view field) {
  if (name == "open") return DisputeStatus::kOpen;
  if (name == "resolved") return DisputeStatus::kResolved;
  return Invalid("a dispute's status is open or resolved", field);
}

Result<PartyKind> ParsePartyKind(std::string_view name, std::string_view field) {
  if (name == "provider") return PartyKind::kProvider;
  if (name == "government") return PartyKind::kGovernment;
  return Invalid("a party is provider or government", field);
}

Result<DisputeFinding> ParseDisputeFinding(std::string_view name, std::string_view field) {
  for (DisputeFinding finding :
       {DisputeFinding::kForClaimant, DisputeFinding::kForRespondent, DisputeFinding::kPartly}) {
    if (DisputeFindingName(finding) == name) return finding;
  }
  return Invalid("the finding is for_claimant, for_respondent or partly", field);
}

Status ValidateDisputeParties(const Party& claimant, const Party& respondent) {
  for (const Party* party : {&claimant, &respondent}) {
    const bool named = party->provider_id.valid();
    if ((party->kind == PartyKind::kProvider) != named) {
      return Invalid(party->kind == PartyKind::kProvider
                         ? "name the provider by its id"
                         : "government is one party; it names no provider",
                     party == &claimant ? "claimant_provider_id" : "respondent_provider_id");
    }
  }
  if (claimant.kind == PartyKind::kGovernment && respondent.kind == PartyKind::kGovernment) {
    return Invalid("a dispute is between two providers, or a provider and government (REG-5)",
                   "respondent_kind");
  }
  if (claimant == respondent) {
    return Invalid("a provider cannot be in dispute with itself", "respondent_provider_id");
  }
  return Status::Ok();
}

Status ValidateDisputeSubject(std::string_view subject) {
  return ValidateText(subject, kMaxDisputeSubjectLength, "the subject of the dispute", "subject");
}

Status ValidateDisputeDescription(std::string_view description) {
  return ValidateText(description, kMaxDisputeDescriptionLength, "a description of the dispute",
                      "description");
}

Status CheckDisputeOpen(DisputeStatus status) {
  if (status == DisputeStatus::kOpen) return Status::Ok();
  return Status(ErrorCode::kFailedPrecondition,
                "this dispute is already resolved; a resolution is not made twice", "id");
}

// --- Arbitration ----------------------------------------------------------------------------

Status ValidateArbitrationReasons(std::string_view reasons) {
  return ValidateText(reasons, kMaxArbitrationTextLength, "the reasons for the decision",
                      "reasons");
}

Status ValidateArbitrationTerms(std::string_view terms) {
  return ValidateText(terms, kMaxArbitrationTextLength, "the terms of the decision", "decision");
}

}  // namespace psl::regulation
