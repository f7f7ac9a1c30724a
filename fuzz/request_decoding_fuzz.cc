// libFuzzer target for everything PSL decodes from outside input: the request body decoders, the
// query-string and path decoders, and the core text parsers (money, dates, weights, instants).
//
// Every input is fed to every decoder. Besides the sanitizers' own findings (memory errors,
// undefined behaviour, leaks), the target checks invariants the decoders promise and traps
// (__builtin_trap) when one is broken:
//  - an error always carries a non-empty message and an input-error code;
//  - what a decoder accepts is within the limits it documents (a decoded posting passes
//    ledger::ValidatePosting, a limit is 1..500, a date is a real date...);
//  - what a decoder accepts survives a round trip: re-encoding the decoded value and decoding it
//    again gives the same value (Money::Parse(m.Format()) == m, Date::Parse(d.ToString()) == d,
//    a decoded body re-serialised as JSON decodes to the same request);
//  - DecodePathId and RefuseUnknownQuery agree with simple independent oracles.
//
// Run it with scripts/fuzz.sh; the seed corpus is fuzz/corpus/request_decoding/.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/api/budget_decoding.h"
#include "psl/api/claim_decoding.h"
#include "psl/api/journey_decoding.h"
#include "psl/api/licensing_decoding.h"
#include "psl/api/payment_decoding.h"
#include "psl/api/regulation_decoding.h"
#include "psl/api/request_decoding.h"
#include "psl/api/skunkworks_decoding.h"
#include "psl/api/survey_decoding.h"
#include "psl/core/date.h"
#include "psl/core/money.h"
#include "psl/core/timestamp.h"
#include "psl/core/weight.h"
#include "psl/ledger/posting.h"

namespace {

using nlohmann::json;
using psl::ErrorCode;
using psl::Status;

constexpr std::int64_t kMaxId = 1'000'000'000'000'000'000;  // the decoders' largest id

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

// An error from decoding outside input: a message for the caller and an input-error code.
void RequireInputError(const Status& status) {
  Require(!status.ok());
  Require(!status.message().empty());
  const ErrorCode code = status.code();
  Require(code == ErrorCode::kInvalidArgument || code == ErrorCode::kResourceExhausted);
}

// An error from a core parser: bad text, or a number out of range.
void RequireParseError(const Status& status) {
  Require(!status.ok());
  Require(!status.message().empty());
  Require(status.code() == ErrorCode::kInvalidArgument || status.code() == ErrorCode::kOverflow);
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// --- Core parsers ------------------------------------------------------------------------------

void FuzzMoney(std::string_view text) {
  auto money = psl::Money::Parse(text);
  if (!money.ok()) {
    RequireParseError(money.status());
    return;
  }
  auto formatted = psl::Money::Parse(money->Format());
  Require(formatted.ok() && *formatted == *money);
  auto plain = psl::Money::Parse(money->FormatPlain());
  Require(plain.ok() && *plain == *money);
}

void FuzzDate(std::string_view text) {
  auto date = psl::Date::Parse(text);
  if (!date.ok()) {
    RequireParseError(date.status());
    return;
  }
  // "YYYY-MM-DD, exactly": the only accepted spelling of a date is its canonical one.
  Require(date->ToString() == text);
  Require(date->year() >= 1 && date->year() <= 9999);
  Require(date->month() >= 1 && date->month() <= 12);
  Require(date->day() >= 1 && date->day() <= psl::DaysInMonth(date->year(), date->month()));
  Require(psl::Date::FromDaysSinceEpoch(date->DaysSinceEpoch()) == *date);
  Require(date->AddDays(1).DaysSinceEpoch() == date->DaysSinceEpoch() + 1);
}

void FuzzWeight(std::string_view text) {
  auto weight = psl::Weight::Parse(text);
  if (!weight.ok()) {
    RequireParseError(weight.status());
    return;
  }
  auto again = psl::Weight::Parse(weight->ToString());
  Require(again.ok() && *again == *weight);
}

void FuzzTimestamp(std::string_view text) {
  auto instant = psl::Timestamp::ParseIso8601(text);
  if (!instant.ok()) {
    RequireParseError(instant.status());
    return;
  }
  Require(instant->ToIso8601() == text);
  Require(instant->UtcDate().ToString() == text.substr(0, 10));
}

// --- Body decoders -----------------------------------------------------------------------------

void FuzzLogin(std::string_view body) {
  auto login = psl::api::DecodeLoginRequest(body);
  if (!login.ok()) {
    RequireInputError(login.status());
    return;
  }
  Require(login->username.size() <= psl::access::kMaxUsernameLength);
  Require(login->password.size() <= psl::access::kMaxPasswordLength);
  const json encoded = {{"username", login->username}, {"password", login->password}};
  auto again = psl::api::DecodeLoginRequest(encoded.dump());
  Require(again.ok() && again->username == login->username && again->password == login->password);
}

void FuzzNewUser(std::string_view body) {
  auto user = psl::api::DecodeNewUserRequest(body);
  if (!user.ok()) {
    RequireInputError(user.status());
    return;
  }
  Require(psl::access::ValidateUsername(user->username).ok());
  Require(psl::access::ValidatePassword(user->password).ok());
  Require(psl::access::ValidateScope(user->role, user->provider_id, user->citizen_id).ok());
  json encoded = {{"username", user->username},
                  {"password", user->password},
                  {"role", std::string(psl::access::RoleName(user->role))}};
  if (user->provider_id) encoded["provider_id"] = user->provider_id->value();
  if (user->citizen_id) encoded["citizen_id"] = user->citizen_id->value();
  auto again = psl::api::DecodeNewUserRequest(encoded.dump());
  Require(again.ok() && again->username == user->username && again->password == user->password &&
          again->role == user->role && again->provider_id == user->provider_id &&
          again->citizen_id == user->citizen_id);
}

void FuzzApiKey(std::string_view body) {
  auto key = psl::api::DecodeApiKeyRequest(body);
  if (!key.ok()) {
    RequireInputError(key.status());
    return;
  }
  Require(!key->name.empty() && key->name.size() <= 100);
  const json encoded = {{"name", key->name}};
  auto again = psl::api::DecodeApiKeyRequest(encoded.dump());
  Require(again.ok() && again->name == key->name);
}

void FuzzPosting(std::string_view body) {
  auto posting = psl::api::DecodePostingRequest(body);
  if (!posting.ok()) {
    RequireInputError(posting.status());
    return;
  }
  Require(psl::ledger::ValidatePosting(*posting).ok());
  Require(psl::ledger::IsBalanced(*posting));
  Require(!posting->reverses.has_value());  // a reversal is made by the server, never sent
  json lines = json::array();
  for (const psl::ledger::PostingLine& line : posting->lines) {
    lines.push_back({{"account", line.account_code}, {"amount_pence", line.amount.pence()}});
  }
  const json encoded = {{"idempotency_key", posting->idempotency_key},
                        {"effective_date", posting->effective_date.ToString()},
                        {"description", posting->description},
                        {"cause", posting->cause},
                        {"lines", lines}};
  auto again = psl::api::DecodePostingRequest(encoded.dump());
  Require(again.ok() && psl::ledger::SameContent(*again, *posting));
}

void FuzzReversal(std::string_view body) {
  auto reversal = psl::api::DecodeReversalRequest(body);
  if (!reversal.ok()) {
    RequireInputError(reversal.status());
    return;
  }
  Require(!reversal->idempotency_key.empty());
  Require(reversal->idempotency_key.size() <= psl::ledger::kMaxIdempotencyKeyLength);
  Require(!reversal->reason.empty());
  Require(reversal->reason.size() <= psl::ledger::kMaxDescriptionLength);
  const json encoded = {{"idempotency_key", reversal->idempotency_key},
                        {"effective_date", reversal->effective_date.ToString()},
                        {"reason", reversal->reason}};
  auto again = psl::api::DecodeReversalRequest(encoded.dump());
  Require(again.ok() && again->idempotency_key == reversal->idempotency_key &&
          again->effective_date == reversal->effective_date && again->reason == reversal->reason);
}

// --- Path and query decoders -------------------------------------------------------------------

// The oracle for a positive id: decimal digits only (leading zeros allowed) with a value from 1
// to kMaxId.
bool IsPositiveId(std::string_view text) {
  if (text.empty() || !AllDigits(text)) return false;
  while (text.size() > 1 && text.front() == '0') text.remove_prefix(1);
  if (text.size() > 19) return false;
  const std::uint64_t value = std::stoull(std::string(text));
  return value >= 1 && value <= static_cast<std::uint64_t>(kMaxId);
}

void RequireCanonicalId(std::string_view text, std::int64_t id) {
  Require(id >= 1 && id <= kMaxId);
  while (text.size() > 1 && text.front() == '0') text.remove_prefix(1);
  Require(std::to_string(id) == text);
}

void FuzzPathId(std::string_view text) {
  auto id = psl::api::DecodePathId(text, "id");
  Require(id.ok() == IsPositiveId(text));
  if (!id.ok()) {
    RequireInputError(id.status());
    Require(id.status().field() == "id");
    return;
  }
  RequireCanonicalId(text, *id);
}

psl::api::Query SplitQuery(std::string_view text) {
  psl::api::Query query;
  while (true) {
    const std::size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      query.emplace(std::string(pair), std::string());
    } else {
      query.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
  return query;
}

void FuzzRefuseUnknown(const psl::api::Query& query,
                       std::initializer_list<std::string_view> allowed) {
  bool all_known = true;
  for (const auto& [key, value] : query) {
    bool known = false;
    for (std::string_view name : allowed) known = known || key == name;
    all_known = all_known && known;
  }
  const Status status = psl::api::RefuseUnknownQuery(query, allowed);
  Require(status.ok() == all_known);
  if (!status.ok()) RequireInputError(status);
}

void FuzzQuery(std::string_view text) {
  const psl::api::Query query = SplitQuery(text);

  auto limit = psl::api::DecodeLimit(query);
  if (!limit.ok()) {
    RequireInputError(limit.status());
    Require(query.count("limit") > 0);
  } else if (query.count("limit") == 0) {
    Require(*limit == psl::api::kDefaultPageSize);
  } else {
    Require(query.count("limit") == 1);
    Require(*limit >= 1 && *limit <= psl::app::kMaxPageSize);
    RequireCanonicalId(query.find("limit")->second, *limit);
  }

  auto before = psl::api::DecodeOptionalId(query, "before");
  if (!before.ok()) {
    RequireInputError(before.status());
    Require(before.status().field() == "before");
  } else if (before->has_value()) {
    Require(query.count("before") == 1);
    RequireCanonicalId(query.find("before")->second, **before);
  } else {
    Require(query.count("before") == 0);
  }

  auto as_of = psl::api::DecodeOptionalDate(query, "as_of");
  if (!as_of.ok()) {
    RequireInputError(as_of.status());
    Require(as_of.status().field() == "as_of");
  } else if (as_of->has_value()) {
    Require(query.count("as_of") == 1);
    Require((*as_of)->ToString() == query.find("as_of")->second);
  } else {
    Require(query.count("as_of") == 0);
  }

  auto after = psl::api::DecodeOptionalText(query, "after", 100);
  if (!after.ok()) {
    RequireInputError(after.status());
  } else if (query.count("after") == 0) {
    Require(after->empty());
  } else {
    Require(query.count("after") == 1);
    Require(*after == query.find("after")->second && after->size() <= 100);
  }

  FuzzRefuseUnknown(query, {"limit", "before"});
  FuzzRefuseUnknown(query, {"as_of", "after", "limit"});
}

// --- Licensing decoders (LIC-1..8) ---------------------------------------------------------------

// Whatever the licensing decoders accept already satisfies the domain's own validation.
void FuzzLicensing(std::string_view body) {
  if (auto organisation = psl::api::DecodeOrganisationRequest(body); organisation.ok()) {
    Require(psl::licensing::ValidateOrganisation(organisation->organisation).ok());
  } else {
    RequireInputError(organisation.status());
  }
  if (auto application = psl::api::DecodeApplicationRequest(body); application.ok()) {
    Require(psl::licensing::ValidateLicenceKind(application->kind).ok());
    for (const auto& [id, answer] : application->evidence) {
      Require(answer.size() <= psl::licensing::kMaxEvidenceLength);
    }
  } else {
    RequireInputError(application.status());
  }
  if (auto decision = psl::api::DecodeDecisionRequest(body); decision.ok()) {
    Require(psl::licensing::ValidateReasons(decision->reasons).ok());
  } else {
    RequireInputError(decision.status());
  }
  if (auto proposal = psl::api::DecodeProposalRequest(body); proposal.ok()) {
    Require(psl::licensing::ValidateGrounds(proposal->grounds).ok());
    Require(proposal->action == "suspend" || proposal->action == "revoke");
  } else {
    RequireInputError(proposal.status());
  }
  if (auto scope = psl::api::DecodeScopeRequest(body); scope.ok()) {
    Require(!scope->scope_restriction ||
            psl::licensing::ValidateScopeRestriction(*scope->scope_restriction).ok());
  } else {
    RequireInputError(scope.status());
  }
  if (auto checklist = psl::api::DecodeChecklistRequest(body); checklist.ok()) {
    Require(psl::licensing::ValidateChecklist({0, *checklist}).ok());
  } else {
    RequireInputError(checklist.status());
  }
  if (auto reasons = psl::api::DecodeReasonsRequest(body); !reasons.ok()) {
    RequireInputError(reasons.status());
  }
  if (auto mode = psl::api::DecodeAreaModeRequest(body); mode.ok()) {
    Require(*mode == "live" || *mode == "control");
  } else {
    RequireInputError(mode.status());
  }
  if (Status empty = psl::api::DecodeEmptyRequest(body); !empty.ok()) RequireInputError(empty);
}

// --- Regulation decoders (REG-3, REG-5) -----------------------------------------------------------

void FuzzRegulation(std::string_view body) {
  if (auto filing = psl::api::DecodeComplaintFiling(body); filing.ok()) {
    Require(filing->provider_id.valid());
    Require(!filing->text.empty());
  } else {
    RequireInputError(filing.status());
  }
  if (auto response = psl::api::DecodeComplaintResponse(body); !response.ok()) {
    RequireInputError(response.status());
  }
  if (auto closure = psl::api::DecodeComplaintClosure(body); !closure.ok()) {
    RequireInputError(closure.status());
  }
  if (auto lodge = psl::api::DecodeLodgeRequest(body); lodge.ok()) {
    Require(lodge->licence_id.valid());
  } else {
    RequireInputError(lodge.status());
  }
  if (auto decision = psl::api::DecodeAppealDecisionRequest(body); !decision.ok()) {
    RequireInputError(decision.status());
  }
  if (auto dispute = psl::api::DecodeDisputeRequest(body); !dispute.ok()) {
    RequireInputError(dispute.status());
  }
  if (auto resolution = psl::api::DecodeResolutionRequest(body); !resolution.ok()) {
    RequireInputError(resolution.status());
  }
}

// --- Citizen journey decoders (ENT, ASM, TAR, CHO) ------------------------------------------------

void FuzzJourney(std::string_view body) {
  if (auto quote = psl::api::DecodeQuoteRequest(body); quote.ok()) {
    Require(quote->barriers.size() <= 50);
    Require(quote->outcome.size() <= 64 && quote->area_code.size() <= 16);
    // TAR-5: nothing carrying a discount is ever accepted.
    const json parsed = json::parse(body, nullptr, false);
    Require(parsed.is_object() && !parsed.contains("discount") && !parsed.contains("rebate") &&
            !parsed.contains("bid"));
  } else {
    RequireInputError(quote.status());
  }
  if (auto entry = psl::api::DecodeEntryRequest(body); entry.ok()) {
    Require(entry->notes.size() <= 5000);
    Require(entry->person.area_code.size() <= 16);
  } else {
    RequireInputError(entry.status());
  }
  if (auto sign_up = psl::api::DecodeSignUpRequest(body); !sign_up.ok()) {
    RequireInputError(sign_up.status());
  }
  if (auto assessment = psl::api::DecodeAssessmentRequest(body); assessment.ok()) {
    Require(assessment->answers.size() <= 200);
    Require(assessment->recommendations.size() <= 5000);
  } else {
    RequireInputError(assessment.status());
  }
  if (auto shortlist = psl::api::DecodeShortlistRequest(body); shortlist.ok()) {
    Require(shortlist->providers.size() <= 20);
    for (const psl::ProviderId provider : shortlist->providers) Require(provider.valid());
  } else {
    RequireInputError(shortlist.status());
  }
  if (auto registration = psl::api::DecodeRegistrationRequest(body); registration.ok()) {
    Require(registration->provider.valid());
  } else {
    RequireInputError(registration.status());
  }
  if (auto end_result = psl::api::DecodeEndResultRequest(body); !end_result.ok()) {
    RequireInputError(end_result.status());
  }
  if (auto config = psl::api::DecodeAssessmentConfigRequest(body); !config.ok()) {
    RequireInputError(config.status());
  }
}

// Paying by results (PAY-1..11, INN-2): every decoder either refuses with an input error naming
// a field, or yields values inside the bounds the use cases rely on.
void FuzzPayments(std::string_view body) {
  if (auto split = psl::api::DecodeSplitRequest(body); split.ok()) {
    Require(split->price.pence() >= 0 && split->price.pence() <= 1'000'000'000'000);
  } else {
    RequireInputError(split.status());
  }
  if (auto run = psl::api::DecodePaymentRunRequest(body); !run.ok()) {
    RequireInputError(run.status());
  }
  if (auto claim = psl::api::DecodeClaimRequest(body); claim.ok()) {
    Require(claim->registration_id > 0);
    if (claim->fraction) {
      Require(claim->fraction->micros() >= 0 && claim->fraction->micros() <= 1'000'000);
    }
  } else {
    RequireInputError(claim.status());
  }
  if (auto reason = psl::api::DecodeRejectClaimRequest(body); reason.ok()) {
    Require(!reason->empty());
  } else {
    RequireInputError(reason.status());
  }
  if (auto feed = psl::api::DecodeEvidenceFeedRequest(body); !feed.ok()) {
    RequireInputError(feed.status());
  }
  if (auto job = psl::api::DecodeSurveyJobRequest(body); !job.ok()) {
    RequireInputError(job.status());
  }
  if (auto answer = psl::api::DecodeSurveyAnswerRequest(body); !answer.ok()) {
    RequireInputError(answer.status());
  }
  if (auto placement = psl::api::DecodeSkunkworksPlacementRequest(body); !placement.ok()) {
    RequireInputError(placement.status());
  }
  if (auto methodology = psl::api::DecodeMethodologyRequest(body); !methodology.ok()) {
    RequireInputError(methodology.status());
  }
  if (auto settings = psl::api::DecodePaymentSettingsRequest(body); settings.ok()) {
    Require(psl::payment::ValidatePaymentSettings(settings->settings).ok());
  } else {
    RequireInputError(settings.status());
  }
  if (auto mode = psl::api::DecodePaymentModeRequest(body); !mode.ok()) {
    RequireInputError(mode.status());
  }
  if (auto budget = psl::api::DecodeBudgetRequest(body); budget.ok()) {
    Require(budget->amount.pence() >= 0 && !(budget->period_to < budget->period_from));
  } else {
    RequireInputError(budget.status());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  FuzzMoney(input);
  FuzzDate(input);
  FuzzWeight(input);
  FuzzTimestamp(input);

  FuzzLogin(input);
  FuzzNewUser(input);
  FuzzApiKey(input);
  FuzzPosting(input);
  FuzzReversal(input);
  FuzzLicensing(input);
  FuzzRegulation(input);
  FuzzJourney(input);
  FuzzPayments(input);

  FuzzPathId(input);
  FuzzQuery(input);
  return 0;
}
