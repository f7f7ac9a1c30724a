#include "psl/regulation/complaint.h"

#include <array>
#include <cstdint>
#include <utility>

namespace psl::regulation {
namespace {

Status Invalid(std::string message, std::string_view field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::string(field));
}

template <typename Enum, std::size_t N>
Result<Enum> ParseName(std::string_view name, const std::array<Enum, N>& values,
                       std::string_view (*name_of)(Enum), std::string_view field,
                       std::string_view what) {
  std::string valid;
  for (Enum value : values) {
    if (name_of(value) == name) return value;
    if (!valid.empty()) valid += ", ";
    valid += name_of(value);
  }
  return Invalid("unknown " + std::string(what) + " '" + std::string(name.substr(0, 50)) +
                     "'; use one of " + valid,
                 field);
}

constexpr std::array kCategories = {
    ComplaintCategory::kServiceQuality, ComplaintCategory::kSafeguarding,
    ComplaintCategory::kInducements,    ComplaintCategory::kMisleadingMarketing,
    ComplaintCategory::kDataProtection, ComplaintCategory::kOther};
constexpr std::array kStatuses = {ComplaintStatus::kOpen, ComplaintStatus::kResponded,
                                  ComplaintStatus::kClosed};
constexpr std::array kOutcomes = {ComplaintOutcome::kUpheld, ComplaintOutcome::kPartlyUpheld,
                                  ComplaintOutcome::kNotUpheld, ComplaintOutcome::kWithdrawn};
constexpr std::array kComplainants = {ComplainantKind::kCitizen, ComplainantKind::kPublic};

// The number of code points in `text`, or nullopt when it is not valid UTF-8 (overlong forms,
// surrogates and values above U+10FFFF are refused).
std::optional<std::size_t> CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      length = 1;
      code = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code = lead & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      code = (code << 6) | (next & 0x3F);
    }
    constexpr std::array<std::uint32_t, 5> kSmallest = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return std::nullopt;
    }
    i += length;
    ++count;
  }
  return count;
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string_view ComplaintCategoryName(ComplaintCategory category) {
  switch (category) {
    case ComplaintCategory::kServiceQuality: return "service_quality";
    case ComplaintCategory::kSafeguarding: return "safeguarding";
    case ComplaintCategory::kInducements: return "inducements";
    case ComplaintCategory::kMisleadingMarketing: return "misleading_marketing";
    case ComplaintCategory::kDataProtection: return "data_protection";
    case ComplaintCategory::kOther: return "other";
  }
  PSL_CHECK(false, "every complaint category has a name");
  return "";
}

std::string_view ComplaintStatusName(ComplaintStatus status) {
  switch (status) {
    case ComplaintStatus::kOpen: return "open";
    case ComplaintStatus::kResponded: return "responded";
    case ComplaintStatus::kClosed: return "closed";
  }
  PSL_CHECK(false, "every complaint status has a name");
  return "";
}

std::string_view ComplaintOutcomeName(ComplaintOutcome outcome) {
  switch (outcome) {
    case ComplaintOutcome::kUpheld: return "upheld";
    case ComplaintOutcome::kPartlyUpheld: return "partly_upheld";
    case ComplaintOutcome::kNotUpheld: return "not_upheld";
    case ComplaintOutcome::kWithdrawn: return "withdrawn";
  }
  PSL_CHECK(false, "every complaint outcome has a name");
  return "";
}

std::string_view ComplainantKindName(ComplainantKind kind) {
  switch (kind) {
    case ComplainantKind::kCitizen: return "citizen";
    case ComplainantKind::kPublic: return "public";
  }
  PSL_CHECK(false, "every complainant kind has a name");
  return "";
}

Result<ComplaintCategory> ParseComplaintCategory(std::string_view name, std::string_view field) {
  return ParseName(name, kCategories, &ComplaintCategoryName, field, "category");
}

Result<ComplaintStatus> ParseComplaintStatus(std::string_view name, std::string_view field) {
  return ParseName(name, kStatuses, &ComplaintStatusName, field, "status");
}

Result<ComplaintOutcome> ParseComplaintOutcome(std::string_view name, std::string_view field) {
  return ParseName(name, kOutcomes, &ComplaintOutcomeName, field, "outcome");
}

Result<ComplainantKind> ParseComplainantKind(std::string_view name) {
  return ParseName(name, kComplainants, &ComplainantKindName, "complainant", "complainant");
}

Status ValidateComplaintPolicy(const ComplaintPolicy& policy) {
  if (policy.response_days < 1 || policy.response_days > kMaxComplaintResponseDays) {
    return Invalid(
        "the response period is 1 to " + std::to_string(kMaxComplaintResponseDays) + " days",
        "response_days");
  }
  return Status::Ok();
}

Date ResponseDeadline(Date filed_on, const ComplaintPolicy& policy) {
  PSL_CHECK(ValidateComplaintPolicy(policy).ok(), "the complaint policy is validated when set");
  return filed_on.AddDays(policy.response_days);
}

Status ValidateContactEmail(std::string_view email, std::string_view field) {
  const std::string advice = "give a contact email such as name@example.org";
  if (email.size() < 3 || email.size() > kMaxContactEmailLength) {
    return Invalid("a contact email is 3 to " + std::to_string(kMaxContactEmailLength) +
                       " characters; " + advice,
                   field);
  }
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return Invalid("a contact email has exactly one '@'; " + advice, field);
  }
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64) {
    return Invalid("the part before '@' is 1 to 64 characters; " + advice, field);
  }
  for (char c : local) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' ||
        c == ';' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\') {
      return Invalid("the part before '@' has a character an email address cannot; " + advice,
                     field);
    }
  }
  int labels = 0;
  std::size_t start = 0;
  while (true) {
    const auto dot = domain.find('.', start);
    const std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return Invalid("the domain after '@' is not a valid domain name; " + advice, field);
    }
    for (char c : label) {
      if (!IsAsciiAlnum(c) && c != '-') {
        return Invalid("the domain after '@' is not a valid domain name; " + advice, field);
      }
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (labels < 2) {
    return Invalid("the domain after '@' needs a dot, as in example.org; " + advice, field);
  }
  return Status::Ok();
}

Status ValidateText(std::string_view text, std::size_t max_characters, std::string_view field) {
  const auto characters = CountCodePoints(text);
  if (!characters) return Invalid("the text is not valid UTF-8", field);
  if (IsBlank(text)) return Invalid("must not be empty", field);
  if (*characters > max_characters) {
    return Invalid("must be at most " + std::to_string(max_characters) + " characters (it has " +
                       std::to_string(*characters) + ")",
                   field);
  }
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F) {
      return Invalid("must not contain control characters", field);
    }
  }
  return Status::Ok();
}

Result<Complaint> FileComplaint(const ComplaintFiling& filing, const Complainant& complainant,
                                Timestamp now, const ComplaintPolicy& policy) {
  PSL_RETURN_IF_ERROR(ValidateComplaintPolicy(policy));
  if (!filing.provider_id.valid()) {
    return Invalid("name the provider the complaint is about", "provider_id");
  }
  PSL_RETURN_IF_ERROR(ValidateText(filing.text, kMaxComplaintTextLength, "text"));
  if (filing.contact_email) PSL_RETURN_IF_ERROR(ValidateContactEmail(*filing.contact_email));

  Complaint complaint;
  complaint.provider_id = filing.provider_id;
  complaint.category = filing.category;
  complaint.text = filing.text;
  complaint.contact_email = filing.contact_email;
  complaint.complainant = complainant.kind;
  switch (complainant.kind) {
    case ComplainantKind::kCitizen:
      if (!complainant.citizen_id || !complainant.citizen_id->valid() || !complainant.user_id ||
          !complainant.user_id->valid()) {
        return Invalid("a citizen's complaint is filed from their own citizen record",
                       "citizen_id");
      }
      complaint.filed_by = complainant.user_id;
      complaint.citizen_id = complainant.citizen_id;
      break;
    case ComplainantKind::kPublic:
      if (!filing.contact_email) {
        return Invalid("give a contact email so the Regulator can reply to you", "contact_email");
      }
      break;
  }
  complaint.filed_at = now;
  complaint.response_due = ResponseDeadline(now.UtcDate(), policy);
  complaint.status = ComplaintStatus::kOpen;
  return complaint;
}

Status RecordResponse(Complaint& complaint, std::string text, UserId by, Timestamp at) {
  switch (complaint.status) {
    case ComplaintStatus::kOpen: break;
    case ComplaintStatus::kResponded:
      return Status(ErrorCode::kFailedPrecondition,
                    "the provider has already responded to this complaint; a complaint takes one "
                    "response",
                    "status");
    case ComplaintStatus::kClosed:
      return Status(ErrorCode::kFailedPrecondition,
                    "the complaint is closed; a closed complaint takes no response", "status");
  }
  PSL_RETURN_IF_ERROR(ValidateText(text, kMaxComplaintResponseLength, "response"));
  complaint.status = ComplaintStatus::kResponded;
  complaint.response = std::move(text);
  complaint.responded_at = at;
  complaint.responded_by = by;
  return Status::Ok();
}

Status CloseComplaint(Complaint& complaint, ComplaintOutcome outcome, std::string reasons,
                      UserId by, Timestamp at) {
  if (complaint.status == ComplaintStatus::kClosed) {
    return Status(
        ErrorCode::kFailedPrecondition,
        "the complaint is already closed" +
            (complaint.outcome ? " (" + std::string(ComplaintOutcomeName(*complaint.outcome)) + ")"
                               : std::string()) +
            "; a complaint is closed once",
        "status");
  }
  PSL_RETURN_IF_ERROR(ValidateText(reasons, kMaxComplaintReasonsLength, "reasons"));
  complaint.status = ComplaintStatus::kClosed;
  complaint.outcome = outcome;
  complaint.outcome_reasons = std::move(reasons);
  complaint.closed_at = at;
  complaint.closed_by = by.valid() ? std::optional<UserId>(by) : std::nullopt;
  return Status::Ok();
}

bool IsOverdue(const Complaint& complaint, Timestamp now) {
  return complaint.status == ComplaintStatus::kOpen && now.UtcDate() > complaint.response_due;
}

}  // namespace psl::regulation
