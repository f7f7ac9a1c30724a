// Complaints (REG-3, CHO-6): categories, deadlines, outcomes. Pure domain.
//
// A complaint is about one provider. It is filed by a citizen user (tied to their citizen
// record) or by a member of the public who gives a contact email. The provider must respond by
// the response deadline; the Regulator closes it with an outcome and reasons.
//
// Lifecycle: open -> responded -> closed, or open -> closed. Nothing else: a second response,
// a response after closing, and a second close are refused (kFailedPrecondition).
//
// The deadline rule (REG-3): the provider has `response_days` calendar days (default 20) from
// the UTC date the complaint was filed; the deadline is that date plus `response_days`, and the
// provider may respond at any time on it. A complaint is overdue when it is still open (no
// response, not closed) on a later UTC date. The deadline is fixed when the complaint is filed,
// so changing the policy never moves the deadlines of complaints already filed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "psl/core/date.h"
#include "psl/core/ids.h"
#include "psl/core/result.h"
#include "psl/core/timestamp.h"

namespace psl::regulation {

using ComplaintId = StrongId<struct ComplaintIdTag>;

// CHO-6: inducements and misleading marketing each have their own category.
enum class ComplaintCategory {
  kServiceQuality,
  kSafeguarding,
  kInducements,
  kMisleadingMarketing,
  kDataProtection,
  kOther,
};

enum class ComplaintStatus { kOpen, kResponded, kClosed };

enum class ComplaintOutcome { kUpheld, kPartlyUpheld, kNotUpheld, kWithdrawn };

// Who filed: a citizen user (scoped to a citizen record) or the public (with a contact email).
enum class ComplainantKind { kCitizen, kPublic };

std::string_view ComplaintCategoryName(ComplaintCategory category);
std::string_view ComplaintStatusName(ComplaintStatus status);
std::string_view ComplaintOutcomeName(ComplaintOutcome outcome);
std::string_view ComplainantKindName(ComplainantKind kind);

// Each accepts exactly the names above; kInvalidArgument naming `field` and the valid names.
Result<ComplaintCategory> ParseComplaintCategory(std::string_view name,
                                                 std::string_view field = "category");
Result<ComplaintStatus> ParseComplaintStatus(std::string_view name,
                                             std::string_view field = "status");
Result<ComplaintOutcome> ParseComplaintOutcome(std::string_view name,
                                               std::string_view field = "outcome");
Result<ComplainantKind> ParseComplainantKind(std::string_view name);

// Lengths in characters (Unicode code points), not bytes.
inline constexpr std::size_t kMaxComplaintTextLength = 5000;
inline constexpr std::size_t kMaxComplaintResponseLength = 5000;
inline constexpr std::size_t kMaxComplaintReasonsLength = 5000;
inline constexpr std::size_t kMaxContactEmailLength = 254;

inline constexpr int kDefaultComplaintResponseDays = 20;
inline constexpr int kMaxComplaintResponseDays = 365;

// Configuration (the Regulator's): how long a provider has to respond.
struct ComplaintPolicy {
  int response_days = kDefaultComplaintResponseDays;
};
// response_days is 1 to 365.
Status ValidateComplaintPolicy(const ComplaintPolicy& policy);

// The deadline rule above: the filing date plus policy.response_days.
Date ResponseDeadline(Date filed_on, const ComplaintPolicy& policy);

// A contact email, checked simply: 3 to 254 characters, no spaces or control characters, one
// '@' with 1 to 64 characters before it, and after it a domain of dot-separated labels (at least
// two, none empty, letters, digits and '-' only, not starting or ending with '-').
Status ValidateContactEmail(std::string_view email, std::string_view field = "contact_email");

// A free text: not blank, at most `max_characters` code points, valid UTF-8, and no control
// characters other than tab, line feed and carriage return.
Status ValidateText(std::string_view text, std::size_t max_characters, std::string_view field);

struct Complaint {
  ComplaintId id;  // 0 until stored
  ProviderId provider_id;
  ComplaintCategory category = ComplaintCategory::kOther;
  std::string text;

  ComplainantKind complainant = ComplainantKind::kPublic;
  std::optional<UserId> filed_by;            // the citizen user; none for the public
  std::optional<CitizenId> citizen_id;       // set exactly when complainant is kCitizen
  std::optional<std::string> contact_email;  // required from the public, optional for citizens

  Timestamp filed_at;
  Date response_due;

  ComplaintStatus status = ComplaintStatus::kOpen;

  std::optional<std::string> response;  // the provider's response
  std::optional<Timestamp> responded_at;
  std::optional<UserId> responded_by;

  std::optional<ComplaintOutcome> outcome;  // set exactly when closed
  std::optional<std::string> outcome_reasons;
  std::optional<Timestamp> closed_at;
  std::optional<UserId> closed_by;  // none when the system operator closed it
};

// What a complainant submits.
struct ComplaintFiling {
  ProviderId provider_id;
  ComplaintCategory category = ComplaintCategory::kOther;
  std::string text;
  std::optional<std::string> contact_email;
};

// Who is filing: a citizen user, or the public.
struct Complainant {
  ComplainantKind kind = ComplainantKind::kPublic;
  std::optional<UserId> user_id;
  std::optional<CitizenId> citizen_id;

  static Complainant Public() { return {}; }
  static Complainant Citizen(UserId user, CitizenId citizen) {
    return {ComplainantKind::kCitizen, user, citizen};
  }
};

// A new open complaint with its deadline, or kInvalidArgument naming the field: a blank or too
// long text, a bad email, the public without an email, a citizen without a citizen record.
Result<Complaint> FileComplaint(const ComplaintFiling& filing, const Complainant& complainant,
                                Timestamp now, const ComplaintPolicy& policy);

// open -> responded. kFailedPrecondition from any other status; kInvalidArgument for a bad text.
Status RecordResponse(Complaint& complaint, std::string text, UserId by, Timestamp at);

// open or responded -> closed. kFailedPrecondition when already closed; kInvalidArgument for
// blank or too long reasons. `by` may be invalid (the system operator): then none is recorded.
Status CloseComplaint(Complaint& complaint, ComplaintOutcome outcome, std::string reasons,
                      UserId by, Timestamp at);

// Still open after the UTC date of the deadline, as of `now`.
bool IsOverdue(const Complaint& complaint, Timestamp now);

}  // namespace psl::regulation
