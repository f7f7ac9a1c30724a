// Use cases of the citizen journey (OUT-1..3, ENT-1..2, ASM-1..3, TAR-1..6, CHO-1..7): the
// versioned configuration, quotes, entry, the single assessment, the choice of provider and
// registration with locked prices. Each method is one user action: role and scope checked, the
// domain rule applied, the change and its audit line written in one transaction.
//
// Who sees whom (SPEC section 0): the Regulator sees every citizen; a referrer only the
// citizens they referred or assessed; a provider only citizens registered with it (and only its
// own registrations); a citizen only themselves. Anyone else is told "not found".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/assessment/questionnaire.h"
#include "psl/catalogue/catalogue.h"
#include "psl/choice/choice.h"
#include "psl/entry/entry.h"
#include "psl/store/journey_tables.h"
#include "psl/tariff/tariff.h"

namespace psl::app {

struct QuoteInput {
  std::string outcome;
  std::vector<std::string> barriers;
  std::string area_code;
  Date date;
};

struct TariffView {
  store::TariffRecord record;
  tariff::Tariff tariff;
};

struct AssessmentConfig {
  assessment::Questionnaire questionnaire;
  assessment::Rules rules;
};

struct EntryInput {
  std::string route;
  std::string source;
  entry::Person person;
  std::string notes;
};

// Online self-referral without an account (ENT-1): a new citizen record and its login.
struct SignUpInput {
  std::string username;
  std::string password;
  std::string source;  // a self-referral source: online, gp, councillor_or_mp, helpline
  entry::Person person;
};

struct EntryResult {
  CitizenId citizen_id;
  std::int64_t entry_id = 0;
  bool matched_existing = false;
};

struct PricedOutcome {
  std::string outcome;
  std::string end_result;
  tariff::Quote quote;
};

struct AssessmentView {
  store::AssessmentRecord record;
  std::vector<std::string> barriers;
  std::vector<std::string> eligible_outcomes;
  std::vector<std::string> eligible_end_results;
  std::vector<PricedOutcome> prices;  // each eligible outcome priced today (TAR-3)
};

struct CitizenView {
  store::CitizenRecord citizen;
  std::optional<std::string> area_name;
  std::optional<std::string> area_mode;  // live | control
  std::vector<store::EntryRecord> entries;
  std::optional<AssessmentView> assessment;  // the latest; none for a provider
  std::vector<store::ChoiceRecord> choices;
  std::vector<store::RegistrationRecord> registrations;  // a provider: only its own
};

struct CitizenPage {
  std::vector<store::CitizenRecord> items;
  std::optional<std::int64_t> next_before;
};

struct ProviderOption {
  choice::ProviderInformation information;
  Date licensed_on;
  bool on_shortlist = false;
};

struct OptionsView {
  std::string end_result;
  store::ChoiceRecord choice;
  std::vector<PricedOutcome> prices;  // the same for every provider: no price competition
  std::vector<ProviderOption> providers;
  std::optional<choice::AutoChoice> default_choice;
  choice::Thresholds thresholds;
  std::string similar_customers;  // how "similar" was defined for this citizen
};

struct RegistrationPage {
  std::vector<store::RegistrationRecord> items;
  std::optional<std::int64_t> next_before;
};

struct JobReport {
  int auto_registered = 0;
  int reopened_after_revocation = 0;
  int left_open_without_provider = 0;
};

class Journey {
 public:
  explicit Journey(App& app);

  // --- Configuration (OUT-3, ASM-1/2, TAR-4, CHO-1) ---
  Result<catalogue::Catalogue> Catalogue(std::optional<int> version);
  // Government publishes the next catalogue version (version must be latest + 1).
  Result<catalogue::Catalogue> PublishCatalogue(const RequestContext& context,
                                                const catalogue::Catalogue& catalogue);
  Result<AssessmentConfig> CurrentAssessmentConfig();
  Result<AssessmentConfig> PublishAssessmentConfig(const RequestContext& context,
                                                   const AssessmentConfig& config);
  Result<choice::FormatRules> ChoiceRules();
  Result<choice::FormatRules> PublishChoiceRules(const RequestContext& context,
                                                 const choice::FormatRules& rules);
  Result<std::vector<store::TariffRecord>> ListTariffs();
  Result<TariffView> GetTariff(int version);
  // a regulator proposes (version must be latest + 1); a different regulator approves.
  Result<TariffView> ProposeTariff(const RequestContext& context, const tariff::Tariff& tariff);
  Result<TariffView> ApproveTariff(const RequestContext& context, int version);

  // --- Quotes (TAR-1..3) ---
  Result<tariff::Quote> Quote(const QuoteInput& input);

  // --- Entry (ENT-1, ENT-2) ---
  // A life event (government), a referral (referrer) or a self-referral (the citizen, for
  // their own record).
  Result<EntryResult> RecordEntry(const RequestContext& context, const EntryInput& input);
  // The public signs up by self-referral. When the person already has a record (found by
  // National Insurance number or by name, birth date and district) no second record is made:
  // the answer says to ask the referrer or the Regulator to link the account (ENT-2), so nobody
  // can claim someone else's record by knowing their details.
  Result<EntryResult> SignUp(const RequestContext& context, const SignUpInput& input);
  Result<CitizenPage> ListCitizens(const RequestContext& context, std::int64_t before, int limit);
  Result<CitizenView> GetCitizen(const RequestContext& context, CitizenId id);

  // --- Assessment (ASM-1..3) ---
  Result<AssessmentView> Assess(const RequestContext& context, CitizenId id,
                                const assessment::Answers& answers,
                                const std::string& recommendations);

  // --- Choice and registration (CHO-1..7, TAR-4) ---
  Result<OptionsView> Options(const RequestContext& context, CitizenId id,
                              const std::string& end_result);
  Result<OptionsView> Shortlist(const RequestContext& context, CitizenId id,
                                const std::string& end_result,
                                const std::vector<ProviderId>& providers);
  Result<store::RegistrationRecord> Register(const RequestContext& context, CitizenId id,
                                             const std::string& end_result, ProviderId provider);
  // CHO-3 on request: the default provider.
  Result<store::RegistrationRecord> RegisterDefault(const RequestContext& context, CitizenId id,
                                                    const std::string& end_result);
  Result<RegistrationPage> ListRegistrations(const RequestContext& context, std::int64_t before,
                                             int limit);
  // The scheduled job (the clock is a parameter): auto-choice after the deadline (CHO-3) and a
  // new choice for customers of a revoked provider (CHO-7). Regulator or system.
  Result<JobReport> RunChoiceJobs(const RequestContext& context, Date today);

  // Seeds the unemployment series from the built-in data when the table is empty (demo and
  // first start). Returns the number of months written.
  Result<std::int64_t> SeedReferenceData(const RequestContext& context);

 private:
  App& app_;
};

}  // namespace psl::app
