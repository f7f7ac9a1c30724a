// Storage for the citizen journey (OUT, ENT, ASM, TAR, CHO): published configuration versions,
// tariffs, the unemployment series, citizens and their entries, assessments, choices and
// registrations with their locked prices. Construct each table from the transaction's
// connection. Documents (catalogue, answers, explanations) are JSON text that the app layer
// reads and writes; the tables only store them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/ids.h"
#include "psl/core/timestamp.h"
#include "psl/store/connection.h"

namespace psl::store {

// --- Configuration versions (catalogue, questionnaire, rules, choice_rules) ----------------

struct ConfigRecord {
  std::string kind;
  int version = 0;
  std::string document;
  std::optional<UserId> published_by;  // none for the built-in defaults
  Timestamp published_at;
};

class ConfigTable {
 public:
  explicit ConfigTable(Connection& connection) : connection_(connection) {}
  Result<std::optional<ConfigRecord>> Latest(std::string_view kind);
  Result<std::optional<ConfigRecord>> Get(std::string_view kind, int version);
  // kAlreadyExists when the version is taken.
  Status Insert(const ConfigRecord& record);

 private:
  Connection& connection_;
};

// --- Tariffs (TAR-4) and the unemployment series (TAR-2) -----------------------------------

struct TariffRecord {
  int version = 0;
  Date effective_from;
  std::string document;
  std::string status;  // proposed | approved
  std::optional<UserId> proposed_by;
  Timestamp proposed_at;
  std::optional<UserId> approved_by;
  std::optional<Timestamp> approved_at;
};

class TariffTable {
 public:
  explicit TariffTable(Connection& connection) : connection_(connection) {}
  Status Insert(const TariffRecord& record);  // kAlreadyExists when the version is taken
  Result<std::optional<TariffRecord>> Get(int version);
  Result<int> LatestVersion();  // 0 when there is none
  // Newest first, at most `limit`.
  Result<std::vector<TariffRecord>> List(int limit);
  // The approved tariffs in force on `date` or later-dated ones are excluded: effective_from <=
  // date, newest effective date first, then highest version.
  Result<std::optional<TariffRecord>> InForce(Date date);
  // Every approved tariff, oldest version first.
  Result<std::vector<TariffRecord>> Approved();
  // Marks a proposed tariff approved; false when it was not proposed (a lost race).
  Result<bool> Approve(int version, UserId by, Timestamp now);

 private:
  Connection& connection_;
};

struct RateRecord {
  std::string month;  // "YYYY-MM"
  std::int64_t rate_tenths = 0;
};

class UnemploymentTable {
 public:
  explicit UnemploymentTable(Connection& connection) : connection_(connection) {}
  Status Upsert(const RateRecord& rate);
  Result<std::vector<RateRecord>> All();  // ascending by month
  Result<std::int64_t> Count();

 private:
  Connection& connection_;
};

// --- Citizens and entries (ENT-1, ENT-2) ----------------------------------------------------

struct CitizenRecord {
  CitizenId id;
  std::optional<std::string> full_name;  // none for an account made before its first entry
  std::optional<Date> date_of_birth;
  std::optional<std::string> area_code;
  std::optional<std::string> national_insurance;
  std::optional<std::string> fallback_key;
  std::optional<std::string> email;
  Timestamp created_at;
};

// Who is looking, for the caseload (each role sees only its own: SPEC section 0).
struct CitizenScope {
  enum class Kind { kAll, kReferrer, kProvider } kind = Kind::kAll;
  UserId referrer;      // kReferrer: citizens this user referred or assessed
  ProviderId provider;  // kProvider: citizens ever registered with this provider
};

class CitizenTable {
 public:
  explicit CitizenTable(Connection& connection) : connection_(connection) {}
  Result<std::optional<CitizenRecord>> Get(CitizenId id);
  Result<std::optional<CitizenRecord>> FindByNationalInsurance(std::string_view number);
  // The oldest record with this fallback key; `without_number_only` skips records that hold a
  // National Insurance number.
  Result<std::optional<CitizenRecord>> FindByFallbackKey(std::string_view key,
                                                         bool without_number_only);
  // kAlreadyExists when the number or the fallback key is taken (a concurrent entry).
  Result<CitizenId> Insert(const CitizenRecord& citizen);
  // Fills identity fields on an existing record (an account's first entry, or a number
  // learnt later); kAlreadyExists when the number belongs to another record.
  Status UpdateIdentity(const CitizenRecord& citizen);

  Result<bool> Visible(CitizenId id, const CitizenScope& scope);
  // Ordered by id descending (newest first), before `before_id` (0: from the newest).
  Result<std::vector<CitizenRecord>> List(const CitizenScope& scope, std::int64_t before_id,
                                          int limit);
  Result<std::int64_t> Count();

 private:
  Connection& connection_;
};

struct EntryRecord {
  std::int64_t id = 0;
  CitizenId citizen_id;
  std::string route;
  std::string source;
  std::optional<UserId> recorded_by;
  std::string notes;
  bool matched_existing = false;
  Timestamp recorded_at;
};

class EntryTable {
 public:
  explicit EntryTable(Connection& connection) : connection_(connection) {}
  Result<std::int64_t> Insert(const EntryRecord& entry);
  Result<std::vector<EntryRecord>> ForCitizen(CitizenId id);  // oldest first, at most 200
  Result<std::optional<EntryRecord>> Latest(CitizenId id);

 private:
  Connection& connection_;
};

// --- Assessments (ASM-1..3) -----------------------------------------------------------------

struct AssessmentRecord {
  std::int64_t id = 0;
  CitizenId citizen_id;
  std::int64_t entry_id = 0;
  int questionnaire_version = 0;
  int rules_version = 0;
  int catalogue_version = 0;
  std::string answers_json;            // {"question": "answer", ...}
  std::string barriers_json;           // ["illiterate", ...]
  std::string eligible_outcomes_json;  // ["employment_sustained_2y", ...]
  std::string recommendations;
  UserId assessed_by;
  Date taken_on;
  Timestamp taken_at;
};

class AssessmentTable {
 public:
  explicit AssessmentTable(Connection& connection) : connection_(connection) {}
  Result<std::int64_t> Insert(const AssessmentRecord& assessment);
  Result<std::optional<AssessmentRecord>> Get(std::int64_t id);
  Result<std::optional<AssessmentRecord>> Latest(CitizenId id);

 private:
  Connection& connection_;
};

// --- Choices (CHO-1, CHO-3, CHO-7) ----------------------------------------------------------

struct ChoiceRecord {
  std::int64_t id = 0;
  CitizenId citizen_id;
  std::string end_result;
  std::int64_t assessment_id = 0;
  std::string format;  // free | assisted | professional
  std::string reason;  // assessment | revocation
  Date deadline;
  std::string status;                         // open | registered | superseded
  std::optional<std::string> shortlist_json;  // [provider ids] for assisted choice
  std::optional<UserId> shortlisted_by;
  std::optional<std::int64_t> previous_registration_id;
  Timestamp opened_at;
};

class ChoiceTable {
 public:
  explicit ChoiceTable(Connection& connection) : connection_(connection) {}
  // kAlreadyExists when the citizen already has an open choice for the End Result.
  Result<std::int64_t> Insert(const ChoiceRecord& choice);
  Result<std::optional<ChoiceRecord>> Open(CitizenId citizen, std::string_view end_result);
  Result<std::vector<ChoiceRecord>> ForCitizen(CitizenId citizen);  // at most 200, oldest first
  // Open choices whose deadline is before `today`, oldest deadline first.
  Result<std::vector<ChoiceRecord>> Overdue(Date today, int limit);
  Status SetShortlist(std::int64_t id, std::string_view shortlist_json, UserId by);
  // Moves an open choice to `status`; false when it was no longer open.
  Result<bool> Close(std::int64_t id, std::string_view status);

 private:
  Connection& connection_;
};

// --- Registrations (CHO-4, CHO-5, CHO-7, TAR-4) ---------------------------------------------

struct RegisteredOutcomeRecord {
  std::int64_t registration_id = 0;
  std::string outcome;
  std::int64_t base_pence = 0;
  std::int64_t geographic_weight_micros = 0;
  std::int64_t cyclical_weight_micros = 0;
  std::int64_t price_pence = 0;
  int tariff_version = 0;
  std::string explanation_json;  // the quote's items
  std::string status;            // open | achieved | missed | transferred
  // PAY-1..3: the split locked with the price (read only; written by OutcomeSplitTable).
  struct Split {
    std::int64_t upfront_pence = 0;
    std::int64_t outcome_pence = 0;
    std::int64_t satisfaction_pence = 0;
    std::string rule;
    bool clawback = false;
  };
  std::optional<Split> split;
};

struct RegistrationRecord {
  std::int64_t id = 0;
  CitizenId citizen_id;
  std::string end_result;
  ProviderId provider_id;
  std::string provider_name;  // read only
  std::string citizen_name;   // read only
  std::int64_t choice_id = 0;
  std::int64_t assessment_id = 0;
  std::string format;
  std::string basis;  // citizen | professional | auto_deadline | auto_request
  std::optional<UserId> chosen_by;
  Date registered_on;
  Timestamp registered_at;
  int catalogue_version = 0;
  int tariff_version = 0;
  std::string area_code;
  std::string barriers_json;
  int barrier_count = 0;
  std::string status;  // active | ended
  std::optional<std::string> ended_reason;
  std::optional<std::int64_t> replaces_registration_id;
  std::vector<RegisteredOutcomeRecord> outcomes;  // read with the registration
};

// The figures CHO-2 shows for one provider, aggregated by the database.
struct ProviderOutcomeCounts {
  ProviderId provider;
  std::int64_t achieved = 0;
  std::int64_t closed = 0;
  std::int64_t local_achieved = 0;
  std::int64_t local_closed = 0;
};

struct EligibleProvider {
  ProviderId provider;
  std::string name;
  Date licensed_on;  // the general licence's first grant
};

struct MysteryShoppingSummary {
  ProviderId provider;
  std::int64_t score_percent = 0;  // mean of the 1..5 scores as a percentage of 5
  bool malpractice = false;
  std::string visit_date;
  std::string finding;
};

class RegistrationTable {
 public:
  explicit RegistrationTable(Connection& connection) : connection_(connection) {}
  // kAlreadyExists when the citizen already has an active registration for the End Result.
  Result<std::int64_t> Insert(const RegistrationRecord& registration);
  Status InsertOutcome(const RegisteredOutcomeRecord& outcome);
  Result<std::optional<RegistrationRecord>> Get(std::int64_t id);
  Result<std::optional<RegistrationRecord>> Active(CitizenId citizen, std::string_view end_result);
  Result<std::vector<RegistrationRecord>> ForCitizen(CitizenId citizen);  // oldest first
  // Newest first, before `before_id`; a provider's own when `provider` is valid.
  Result<std::vector<RegistrationRecord>> List(std::optional<ProviderId> provider,
                                               std::int64_t before_id, int limit);
  Result<std::int64_t> Count();
  Status End(std::int64_t id, std::string_view reason);
  Status SetOutcomeStatus(std::int64_t registration_id, std::string_view outcome,
                          std::string_view status);
  // Active registrations whose provider no longer holds a live general licence because it was
  // revoked (CHO-7), oldest first.
  Result<std::vector<RegistrationRecord>> WithRevokedProvider(int limit);

  // Providers holding a granted general licence and every top-up in `top_ups`, each first
  // granted on or before `on`, ordered by id.
  Result<std::vector<EligibleProvider>> EligibleProviders(const std::vector<std::string>& top_ups,
                                                          Date on);
  // Closed outcomes of `outcomes` for customers in the barrier-count band [low, high], per
  // provider, nationally and in `region`.
  Result<std::vector<ProviderOutcomeCounts>> OutcomeCounts(const std::vector<std::string>& outcomes,
                                                           int low, int high,
                                                           std::string_view region);
  Result<std::vector<MysteryShoppingSummary>> LatestMysteryShopping();

 private:
  Connection& connection_;
};

}  // namespace psl::store
