#include "psl/entry/entry.h"

#include <algorithm>
#include <cctype>
#include <span>

namespace psl::entry {
namespace {

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

bool Contains(std::span<const std::string_view> choices, std::string_view value) {
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

std::string Listed(std::span<const std::string_view> choices) {
  std::string text;
  for (std::string_view choice : choices) {
    if (!text.empty()) text += ", ";
    text += choice;
  }
  return text;
}

}  // namespace

Status ValidateRouteAndSource(std::string_view route, std::string_view source) {
  std::span<const std::string_view> sources;
  if (route == "life_event") {
    sources = kLifeEventSources;
  } else if (route == "referral") {
    sources = kReferralSources;
  } else if (route == "self_referral") {
    sources = kSelfReferralSources;
  } else {
    return Invalid("a route is life_event, referral or self_referral", "route");
  }
  if (!Contains(sources, source)) {
    return Invalid("a " + std::string(route) + " comes from one of: " + Listed(sources), "source");
  }
  return Status::Ok();
}

Result<std::string> NormaliseNationalInsurance(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == ' ') continue;
    compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (compact.size() > 9) break;
  }
  const auto is_letter = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  bool ok = compact.size() == 9 && is_letter(compact[0]) && is_letter(compact[1]) &&
            compact[8] >= 'A' && compact[8] <= 'D';
  for (std::size_t i = 2; ok && i < 8; ++i) ok = is_digit(compact[i]);
  if (!ok) {
    return Invalid(
        "a National Insurance number is two letters, six digits and A, B, C or D "
        "(for example QQ 12 34 56 C)",
        "national_insurance");
  }
  return compact;
}

Status ValidatePerson(const Person& person, Date today) {
  if (person.full_name.empty() || person.full_name.size() > 200) {
    return Invalid("the full name is 1 to 200 characters", "full_name");
  }
  if (std::all_of(person.full_name.begin(), person.full_name.end(),
                  [](unsigned char c) { return std::isspace(c) != 0; })) {
    return Invalid("the full name cannot be blank", "full_name");
  }
  if (person.date_of_birth > today) {
    return Invalid("the date of birth cannot be in the future", "date_of_birth");
  }
  if (person.date_of_birth.year() < 1900) {
    return Invalid("the date of birth cannot be before 1900", "date_of_birth");
  }
  if (person.area_code.empty() || person.area_code.size() > 16) {
    return Invalid("the home district is a local authority code such as E06000001", "area_code");
  }
  if (person.national_insurance) {
    auto normalised = NormaliseNationalInsurance(*person.national_insurance);
    if (!normalised.ok()) return normalised.status();
  }
  if (person.email) {
    const std::string& email = *person.email;
    const auto at = email.find('@');
    if (email.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= email.size()) {
      return Invalid("an email address looks like name@example.org", "email");
    }
  }
  return Status::Ok();
}

std::string FallbackKey(const Person& person) {
  std::string name;
  bool pending_space = false;
  for (char raw : person.full_name) {
    const auto c = static_cast<unsigned char>(raw);
    if (std::isspace(c)) {
      pending_space = !name.empty();
      continue;
    }
    const bool kept = std::isalnum(c) || c == '-' || c == '\'' || c >= 0x80;
    if (!kept) continue;
    if (pending_space) name += ' ';
    pending_space = false;
    name += static_cast<char>(std::tolower(c));
  }
  return name + "|" + person.date_of_birth.ToString() + "|" + person.area_code;
}

}  // namespace psl::entry
