// Use cases for the money around paying by results (docs/payment.md §1, §5, §9):
//  - PaymentSettingsAdmin: the Regulator publishes payment settings versions (version 1 is
//    built in, payment::DefaultPaymentSettings(), and never stored);
//  - PaymentModes: a provider opts in or out of the claw-back mode (PAY-5), effective the next
//    day, opting in restricted to providers in good standing unless the settings say otherwise;
//  - Budgets: government's envelope per End Result and period, and the committed and paid spend
//    against it by month (PAY-10).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/payment/settings.h"
#include "psl/store/budget_table.h"

namespace psl::app {

struct PaymentSettingsView {
  int version = 1;
  std::optional<Timestamp> published_at;  // none for the built-in version 1
  payment::PaymentSettings settings;
};

class PaymentSettingsAdmin {
 public:
  explicit PaymentSettingsAdmin(App& app) : app_(app) {}

  // Anyone: the latest version, or the one asked for (kNotFound naming "version").
  Result<PaymentSettingsView> Get(std::optional<int> version);
  // Regulator: publishes `settings` as the next version (latest + 1, assigned here). When the
  // document names a version it must be that number (kConflict otherwise), so two regulators
  // editing the same version cannot both publish over it unseen.
  Result<PaymentSettingsView> Publish(const RequestContext& context,
                                      payment::PaymentSettings settings,
                                      std::optional<int> expected_version);

 private:
  App& app_;
};

struct PaymentModeView {
  ProviderId provider;
  bool clawback = false;               // the mode last chosen
  std::optional<Date> effective_from;  // when that choice applies; none when never chosen
  bool good_standing = false;
  std::optional<std::string> good_standing_reason;  // why not, when not
};

class PaymentModes {
 public:
  explicit PaymentModes(App& app) : app_(app) {}

  // The Regulator, or the provider itself (anyone else: not found).
  Result<PaymentModeView> Get(const RequestContext& context, ProviderId provider);
  // Opting in is refused (kFailedPrecondition naming "clawback") for a provider not in good
  // standing while settings.clawback_requires_good_standing. The change applies from tomorrow:
  // registrations made today keep today's mode. Choosing the mode already chosen writes nothing.
  Result<PaymentModeView> Set(const RequestContext& context, ProviderId provider, bool clawback);

 private:
  App& app_;
};

struct BudgetInput {
  std::string end_result;
  Date period_from;
  Date period_to;
  Money amount;
};

struct BudgetMonth {
  std::string month;  // "2026-04"
  Money committed;
  Money paid;
};

struct BudgetView {
  store::BudgetEnvelopeRecord envelope;
  Money committed;
  Money paid;
  std::vector<BudgetMonth> months;  // every calendar month the period touches
};

inline constexpr int kMaxBudgetMonths = 120;
inline constexpr int kMaxBudgetEnvelopes = 200;

// How committed spend is estimated, for people reading the figures.
extern const char* const kExpectedSuccessNote;

class Budgets {
 public:
  explicit Budgets(App& app) : app_(app) {}

  // Government: sets (or replaces) the envelope of an End Result of the current catalogue for a
  // period of at most kMaxBudgetMonths months.
  Result<store::BudgetEnvelopeRecord> Set(const RequestContext& context, const BudgetInput& input);
  // Government and the Regulator: the envelopes in force whose period overlaps [from, to]
  // (either end open when absent), with committed and paid spend by month.
  Result<std::vector<BudgetView>> List(const RequestContext& context, std::optional<Date> from,
                                       std::optional<Date> to);

 private:
  App& app_;
};

}  // namespace psl::app
