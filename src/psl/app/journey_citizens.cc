// Entry (ENT-1, ENT-2), the citizen record and caseloads, and the single assessment (ASM-1..3).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "psl/access/user.h"
#include "psl/app/audit_writer.h"
#include "psl/app/credentials.h"
#include "psl/app/journey.h"
#include "psl/app/journey_citizen_scope.h"
#include "psl/app/journey_internal.h"
#include "psl/store/licensing_tables.h"

namespace psl::app {

using access::Role;
using namespace journey;

namespace journey {

Status CheckCitizenVisible(store::Transaction& transaction, const RequestContext& context,
                           CitizenId id) {
  const access::Principal& principal = context.principal;
  store::CitizenTable citizens(transaction.connection());
  bool visible = false;
  switch (principal.role) {
    case Role::kRegulator: {
      PSL_ASSIGN_OR_RETURN(auto citizen, citizens.Get(id));
      visible = citizen.has_value();
      break;
    }
    case Role::kReferrer: {
      store::CitizenScope scope{store::CitizenScope::Kind::kReferrer, principal.user_id, {}};
      PSL_ASSIGN_OR_RETURN(visible, citizens.Visible(id, scope));
      break;
    }
    case Role::kProvider: {
      if (!principal.provider_id) break;
      store::CitizenScope scope{store::CitizenScope::Kind::kProvider, {}, *principal.provider_id};
      PSL_ASSIGN_OR_RETURN(visible, citizens.Visible(id, scope));
      break;
    }
    case Role::kCitizen: visible = principal.citizen_id && *principal.citizen_id == id; break;
    default: break;
  }
  if (visible) return Status::Ok();
  return Status(ErrorCode::kNotFound,
                "there is no citizen " + std::to_string(id.value()) + " in your caseload",
                "citizen_id");
}

std::vector<std::string> JsonStrings(const std::string& text) {
  std::vector<std::string> values;
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_array()) return values;
  for (const auto& value : parsed) {
    if (value.is_string()) values.push_back(value.get<std::string>());
  }
  return values;
}

Result<std::vector<PricedOutcome>> PriceOutcomes(store::Transaction& transaction,
                                                 const JourneyCache& cache,
                                                 const catalogue::Catalogue& catalogue,
                                                 const std::vector<std::string>& outcomes,
                                                 const std::vector<std::string>& barriers,
                                                 const std::string& area_code, Date date) {
  std::vector<PricedOutcome> prices;
  PSL_ASSIGN_OR_RETURN(auto tariff, TariffInForce(transaction, cache, date));
  PSL_ASSIGN_OR_RETURN(const tariff::Area area, LoadArea(transaction, area_code, "area_code"));
  PSL_ASSIGN_OR_RETURN(auto series, Series(transaction, cache));
  for (const std::string& outcome : outcomes) {
    auto quote = tariff::PriceOutcome(*tariff, area, *series, {outcome, barriers, date});
    // An outcome added by a newer catalogue is priced once a tariff prices it.
    if (!quote.ok()) continue;
    const catalogue::KingOutcome* known = catalogue.FindOutcome(outcome);
    prices.push_back({outcome, known ? known->end_result : std::string(), std::move(*quote)});
  }
  return prices;
}

Result<AssessmentView> ViewAssessment(store::Transaction& transaction, const JourneyCache& cache,
                                      const store::AssessmentRecord& record,
                                      const std::string& area_code, Date today) {
  AssessmentView view;
  view.record = record;
  view.barriers = JsonStrings(record.barriers_json);
  view.eligible_outcomes = JsonStrings(record.eligible_outcomes_json);
  PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                       LoadCatalogue(transaction, record.catalogue_version));
  for (const std::string& outcome : view.eligible_outcomes) {
    if (const auto* known = catalogue.FindOutcome(outcome)) {
      if (std::find(view.eligible_end_results.begin(), view.eligible_end_results.end(),
                    known->end_result) == view.eligible_end_results.end()) {
        view.eligible_end_results.push_back(known->end_result);
      }
    }
  }
  std::sort(view.eligible_end_results.begin(), view.eligible_end_results.end());
  PSL_ASSIGN_OR_RETURN(view.prices,
                       PriceOutcomes(transaction, cache, catalogue, view.eligible_outcomes,
                                     view.barriers, area_code, today));
  return view;
}

}  // namespace journey

namespace {

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

// The person travels as "person" in requests, so its errors name "person.<field>".
Status ValidatePersonField(const entry::Person& person, Date today) {
  Status status = entry::ValidatePerson(person, today);
  if (status.ok() || status.field().empty()) return status;
  return Status(status.code(), status.message(), "person." + status.field());
}

// The record a person's details make: the number normalised, the fallback key (ENT-2).
Result<store::CitizenRecord> IdentityOf(const entry::Person& person, Timestamp now) {
  store::CitizenRecord identity;
  if (person.national_insurance) {
    PSL_ASSIGN_OR_RETURN(identity.national_insurance,
                         entry::NormaliseNationalInsurance(*person.national_insurance));
  }
  identity.full_name = person.full_name;
  identity.date_of_birth = person.date_of_birth;
  identity.area_code = person.area_code;
  identity.fallback_key = entry::FallbackKey(person);
  identity.email = person.email;
  identity.created_at = now;
  return identity;
}

Status RoleMayUseRoute(const RequestContext& context, std::string_view route) {
  const Role role = context.principal.role;
  if (route == "life_event" && role == Role::kGovernment) return Status::Ok();
  if (route == "referral" && role == Role::kReferrer) return Status::Ok();
  if (route == "self_referral" && role == Role::kCitizen) return Status::Ok();
  return Status(ErrorCode::kPermissionDenied,
                "a life event is recorded by government, a referral by a referring "
                "professional, a self-referral by the citizen themselves (ENT-1); " +
                    std::string(access::RoleName(role)) + " may not record a " +
                    std::string(route));
}

}  // namespace

Result<EntryResult> Journey::RecordEntry(const RequestContext& context, const EntryInput& input) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kGovernment, Role::kReferrer, Role::kCitizen},
                                  "record an entry (ENT-1)"));
  PSL_RETURN_IF_ERROR(entry::ValidateRouteAndSource(input.route, input.source));
  PSL_RETURN_IF_ERROR(RoleMayUseRoute(context, input.route));
  const Timestamp now = app_.clock().Now();
  PSL_RETURN_IF_ERROR(ValidatePersonField(input.person, now.UtcDate()));
  if (input.notes.size() > 5000) return Invalid("notes are at most 5000 characters", "notes");
  if (context.principal.role == Role::kCitizen && !context.principal.citizen_id) {
    return Status(ErrorCode::kFailedPrecondition, "this account has no citizen record");
  }
  PSL_ASSIGN_OR_RETURN(store::CitizenRecord identity, IdentityOf(input.person, now));
  const std::optional<std::string> number = identity.national_insurance;

  EntryResult result;
  Status written = app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(
        LoadArea(transaction, input.person.area_code, "person.area_code").ToStatus());
    store::CitizenTable citizens(transaction.connection());
    std::optional<store::CitizenRecord> found;
    if (context.principal.role == Role::kCitizen) {
      // A self-referral is about the signed-in citizen's own record, never anyone else's.
      PSL_ASSIGN_OR_RETURN(found, citizens.Get(*context.principal.citizen_id));
      if (!found) return Status(ErrorCode::kNotFound, "your citizen record is missing");
      if (number) {
        PSL_ASSIGN_OR_RETURN(auto holder, citizens.FindByNationalInsurance(*number));
        if (holder && holder->id != found->id) {
          return Status(ErrorCode::kConflict,
                        "this National Insurance number belongs to another record; ask the "
                        "Regulator to link your account to it",
                        "person.national_insurance");
        }
      }
      result.matched_existing = found->full_name.has_value();
      if (!found->full_name || (number && !found->national_insurance)) {
        identity.id = found->id;
        if (found->national_insurance) identity.national_insurance = found->national_insurance;
        PSL_RETURN_IF_ERROR(citizens.UpdateIdentity(identity));
      }
    } else {
      if (number) {
        PSL_ASSIGN_OR_RETURN(found, citizens.FindByNationalInsurance(*number));
        if (!found) {
          PSL_ASSIGN_OR_RETURN(found, citizens.FindByFallbackKey(*identity.fallback_key, true));
          if (found) {
            // The number is learnt now: attach it to the record found by name and birth.
            store::CitizenRecord updated = *found;
            updated.national_insurance = number;
            PSL_RETURN_IF_ERROR(citizens.UpdateIdentity(updated));
          }
        }
      } else {
        PSL_ASSIGN_OR_RETURN(found, citizens.FindByFallbackKey(*identity.fallback_key, false));
      }
      result.matched_existing = found.has_value();
      if (!found) {
        PSL_ASSIGN_OR_RETURN(identity.id, citizens.Insert(identity));
        found = identity;
      }
    }
    result.citizen_id = found->id;
    store::EntryTable entries(transaction.connection());
    store::EntryRecord entry;
    entry.citizen_id = found->id;
    entry.route = input.route;
    entry.source = input.source;
    if (context.principal.user_id.valid()) entry.recorded_by = context.principal.user_id;
    entry.notes = input.notes;
    entry.matched_existing = result.matched_existing;
    entry.recorded_at = now;
    PSL_ASSIGN_OR_RETURN(result.entry_id, entries.Insert(entry));
    return WriteAudit(transaction, context, now, "citizen.entry",
                      "citizen:" + std::to_string(found->id.value()),
                      nlohmann::json{{"route", input.route},
                                     {"source", input.source},
                                     {"entry_id", result.entry_id},
                                     {"matched_existing", result.matched_existing}}
                          .dump());
  });
  if (!written.ok() && written.code() == ErrorCode::kAlreadyExists) {
    return Status(ErrorCode::kConflict,
                  "another entry for this person was recorded at the same moment; send it again "
                  "and it will join the same record");
  }
  PSL_RETURN_IF_ERROR(written);
  return result;
}

Result<EntryResult> Journey::SignUp(const RequestContext& context, const SignUpInput& input) {
  PSL_RETURN_IF_ERROR(
      RequireRole(context, {Role::kPublic}, "sign up as a new citizen (sign out first)"));
  PSL_RETURN_IF_ERROR(access::ValidateUsername(input.username));
  PSL_RETURN_IF_ERROR(access::ValidatePassword(input.password));
  PSL_RETURN_IF_ERROR(entry::ValidateRouteAndSource("self_referral", input.source));
  const Timestamp now = app_.clock().Now();
  PSL_RETURN_IF_ERROR(ValidatePersonField(input.person, now.UtcDate()));
  PSL_ASSIGN_OR_RETURN(store::CitizenRecord identity, IdentityOf(input.person, now));
  const std::optional<std::string> number = identity.national_insurance;
  // Hash before the transaction: Argon2id takes tens of milliseconds and needs no lock.
  PSL_ASSIGN_OR_RETURN(const std::string hash, HashPassword(input.password));
  EntryResult result;
  Status written = app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(
        LoadArea(transaction, input.person.area_code, "person.area_code").ToStatus());
    store::CitizenTable citizens(transaction.connection());
    std::optional<store::CitizenRecord> existing;
    if (number) {
      PSL_ASSIGN_OR_RETURN(existing, citizens.FindByNationalInsurance(*number));
    }
    if (!existing) {
      PSL_ASSIGN_OR_RETURN(existing, citizens.FindByFallbackKey(*identity.fallback_key, false));
    }
    if (existing) {
      return Status(ErrorCode::kConflict,
                    "you already have a record with us; ask the professional who referred you, "
                    "or the Regulator, to give you a login to it",
                    "person");
    }
    PSL_ASSIGN_OR_RETURN(identity.id, citizens.Insert(identity));
    access::User user;
    user.username = input.username;
    user.password_hash = hash;
    user.role = Role::kCitizen;
    user.citizen_id = identity.id;
    user.created_at = now;
    auto user_id = transaction.users().Insert(user);
    if (!user_id.ok() && user_id.status().code() == ErrorCode::kAlreadyExists) {
      return Status(ErrorCode::kConflict,
                    "the username '" + input.username + "' is taken; choose another", "username");
    }
    PSL_RETURN_IF_ERROR(user_id.ToStatus());
    store::EntryTable entries(transaction.connection());
    store::EntryRecord entry;
    entry.citizen_id = identity.id;
    entry.route = "self_referral";
    entry.source = input.source;
    entry.recorded_by = *user_id;
    entry.recorded_at = now;
    PSL_ASSIGN_OR_RETURN(result.entry_id, entries.Insert(entry));
    result.citizen_id = identity.id;
    return WriteAudit(
        transaction, context, now, "citizen.sign_up",
        "citizen:" + std::to_string(identity.id.value()),
        nlohmann::json{
            {"username", input.username}, {"source", input.source}, {"entry_id", result.entry_id}}
            .dump());
  });
  if (!written.ok() && written.code() == ErrorCode::kAlreadyExists) {
    return Status(ErrorCode::kConflict, "someone signed up with these details at the same moment");
  }
  PSL_RETURN_IF_ERROR(written);
  return result;
}

Result<CitizenPage> Journey::ListCitizens(const RequestContext& context, std::int64_t before,
                                          int limit) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kRegulator, Role::kReferrer, Role::kProvider},
                                  "list a caseload"));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  store::CitizenScope scope;
  if (context.principal.role == Role::kReferrer) {
    scope = {store::CitizenScope::Kind::kReferrer, context.principal.user_id, {}};
  } else if (context.principal.role == Role::kProvider) {
    if (!context.principal.provider_id) return CitizenPage{};
    scope = {store::CitizenScope::Kind::kProvider, {}, *context.principal.provider_id};
  }
  CitizenPage page;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::CitizenTable citizens(transaction.connection());
    PSL_ASSIGN_OR_RETURN(page.items, citizens.List(scope, before, limit + 1));
    return Status::Ok();
  }));
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.next_before = page.items.back().id.value();
  }
  return page;
}

Result<CitizenView> Journey::GetCitizen(const RequestContext& context, CitizenId id) {
  CitizenView view;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(CheckCitizenVisible(transaction, context, id));
    store::CitizenTable citizens(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto citizen, citizens.Get(id));
    if (!citizen) return Status(ErrorCode::kNotFound, "no such citizen", "citizen_id");
    view.citizen = *citizen;
    if (citizen->area_code) {
      store::AreaTable areas(transaction.connection());
      PSL_ASSIGN_OR_RETURN(auto area, areas.Get(*citizen->area_code));
      if (area) {
        view.area_name = area->name;
        view.area_mode = area->mode;
      }
    }
    store::RegistrationTable registrations(transaction.connection());
    PSL_ASSIGN_OR_RETURN(view.registrations, registrations.ForCitizen(id));
    if (context.principal.role == Role::kProvider) {
      // A provider sees its own registrations of this customer and nothing else about them.
      std::erase_if(view.registrations, [&](const store::RegistrationRecord& r) {
        return r.provider_id != *context.principal.provider_id;
      });
      view.citizen.national_insurance.reset();
      view.citizen.fallback_key.reset();
      return Status::Ok();
    }
    store::EntryTable entries(transaction.connection());
    PSL_ASSIGN_OR_RETURN(view.entries, entries.ForCitizen(id));
    store::AssessmentTable assessments(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto latest, assessments.Latest(id));
    if (latest && citizen->area_code) {
      PSL_ASSIGN_OR_RETURN(view.assessment,
                           ViewAssessment(transaction, app_.journey_cache(), *latest,
                                          *citizen->area_code, app_.clock().Now().UtcDate()));
    }
    store::ChoiceTable choices(transaction.connection());
    PSL_ASSIGN_OR_RETURN(view.choices, choices.ForCitizen(id));
    view.citizen.fallback_key.reset();
    return Status::Ok();
  }));
  return view;
}

Result<AssessmentView> Journey::Assess(const RequestContext& context, CitizenId id,
                                       const assessment::Answers& answers,
                                       const std::string& recommendations) {
  PSL_RETURN_IF_ERROR(RequireRole(context, {Role::kReferrer, Role::kCitizen},
                                  "take the single assessment (ASM-1)"));
  if (context.principal.role == Role::kCitizen && !recommendations.empty()) {
    return Invalid("recommendations are attached by the referring professional (ASM-3)",
                   "recommendations");
  }
  if (recommendations.size() > 5000) {
    return Invalid("recommendations are at most 5000 characters", "recommendations");
  }
  const Timestamp now = app_.clock().Now();
  const Date today = now.UtcDate();
  AssessmentView view;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    PSL_RETURN_IF_ERROR(CheckCitizenVisible(transaction, context, id));
    store::CitizenTable citizens(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto citizen, citizens.Get(id));
    if (!citizen || !citizen->area_code) {
      return Status(ErrorCode::kFailedPrecondition,
                    "record how the citizen came in first (POST /api/v1/entries): the assessment "
                    "needs their home district",
                    "citizen_id");
    }
    store::EntryTable entries(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto entry, entries.Latest(id));
    if (!entry) {
      return Status(ErrorCode::kFailedPrecondition,
                    "record how the citizen came in first (POST /api/v1/entries)", "citizen_id");
    }
    PSL_ASSIGN_OR_RETURN(const AssessmentConfig config, LoadAssessmentConfig(transaction));
    PSL_ASSIGN_OR_RETURN(const catalogue::Catalogue catalogue,
                         LoadCatalogue(transaction, std::nullopt));
    PSL_ASSIGN_OR_RETURN(
        const assessment::Outcome outcome,
        assessment::Assess(config.questionnaire, config.rules, catalogue, answers));
    store::AssessmentRecord record;
    record.citizen_id = id;
    record.entry_id = entry->id;
    record.questionnaire_version = config.questionnaire.version;
    record.rules_version = config.rules.version;
    record.catalogue_version = catalogue.version;
    record.answers_json = nlohmann::json(answers).dump();
    record.barriers_json = nlohmann::json(outcome.barriers).dump();
    record.eligible_outcomes_json = nlohmann::json(outcome.eligible_outcomes).dump();
    record.recommendations = recommendations;
    record.assessed_by = context.principal.user_id;
    record.taken_on = today;
    record.taken_at = now;
    store::AssessmentTable assessments(transaction.connection());
    PSL_ASSIGN_OR_RETURN(record.id, assessments.Insert(record));

    // A choice opens for each End Result the citizen is newly eligible for; one already
    // registered stays with its provider (CHO-5: no switching).
    PSL_ASSIGN_OR_RETURN(const choice::FormatRules rules, LoadChoiceRules(transaction));
    store::ChoiceTable choices(transaction.connection());
    store::RegistrationTable registrations(transaction.connection());
    for (const std::string& end_result : outcome.eligible_end_results) {
      PSL_ASSIGN_OR_RETURN(auto active, registrations.Active(id, end_result));
      if (active) continue;
      PSL_ASSIGN_OR_RETURN(auto open, choices.Open(id, end_result));
      std::optional<std::int64_t> previous;
      std::string reason = "assessment";
      if (open) {
        PSL_RETURN_IF_ERROR(choices.Close(open->id, "superseded").ToStatus());
        // A reassessment keeps a revocation's locked terms (CHO-7).
        previous = open->previous_registration_id;
        reason = open->reason;
      }
      store::ChoiceRecord choice;
      choice.citizen_id = id;
      choice.end_result = end_result;
      choice.assessment_id = record.id;
      choice.format = std::string(
          choice::FormatName(choice::FormatFor(rules, entry->route, entry->source, end_result)));
      choice.reason = reason;
      choice.deadline = today.AddDays(rules.choice_deadline_days);
      choice.status = "open";
      choice.previous_registration_id = previous;
      choice.opened_at = now;
      PSL_RETURN_IF_ERROR(choices.Insert(choice).ToStatus());
    }
    PSL_ASSIGN_OR_RETURN(view, ViewAssessment(transaction, app_.journey_cache(), record,
                                              *citizen->area_code, today));
    return WriteAudit(transaction, context, now, "citizen.assess",
                      "citizen:" + std::to_string(id.value()),
                      nlohmann::json{{"assessment_id", record.id},
                                     {"questionnaire_version", record.questionnaire_version},
                                     {"barriers", outcome.barriers.size()},
                                     {"eligible_outcomes", outcome.eligible_outcomes.size()}}
                          .dump());
  }));
  return view;
}

}  // namespace psl::app
