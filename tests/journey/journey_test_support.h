// A small market for the journey tests, on either engine: districts (one a control area), the
// demo users, and providers licensed through the licensing use cases, so that choice and
// registration meet real licences. Time is a ManualClock the tests move.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>

#include "psl/app/app.h"
#include "psl/app/clock.h"
#include "psl/app/demo.h"
#include "psl/app/journey.h"
#include "psl/app/licensing.h"
#include "psl/assessment/questionnaire.h"
#include "psl/store/store.h"

namespace psl::app::testing {

// 2025-01-06T09:00:00Z.
inline constexpr std::int64_t kStart = 1'736'154'000;
// 2013-12-02T09:00:00Z: providers are licensed then.
inline constexpr std::int64_t kMarketOpens = 1'385'974'800;

// Hillingdon's IMD 2019 score is the default tariff's reference (docs/tariff.md), so its
// geographic weight is exactly 1.
inline constexpr const char* kNeutralArea = "E09000017";
inline constexpr const char* kDeprivedArea = "E06000009";  // Blackpool
inline constexpr const char* kControlArea = "E07000089";   // Hart, switched to control

struct Market {
  ProviderId general_a;  // general licence only
  ProviderId general_b;
  ProviderId general_c;
  ProviderId clinical;    // general + clinical_governance
  ProviderId suspended;   // general licence suspended
  ProviderId unlicensed;  // registered, never licensed
  LicenceId general_a_licence;
};

class JourneyMarket {
 public:
  explicit JourneyMarket(store::Store& store)
      : clock_(Timestamp::FromUnixSeconds(kStart)), app_(store, clock_) {}

  // Seeds users, areas and providers; returns why it failed, or empty.
  std::string Seed();

  App& app() { return app_; }
  ManualClock& clock() { return clock_; }
  const Market& market() const { return market_; }

  // The request context of a demo user, or of one of the market's providers' users ("alpha",
  // "beta", ...), logged in through the real session path.
  RequestContext As(const std::string& username);
  RequestContext System() const { return {access::Principal::System("journey test"), "test"}; }

  // A referral by `referrer` (default the demo referrer) of a new person; returns the citizen.
  CitizenId Refer(const std::string& name, const std::string& source,
                  const std::string& area = kNeutralArea, const std::string& referrer = "referrer");

 private:
  std::string SeedAt();
  Result<ProviderId> Licensed(const std::string& name, const std::string& username,
                              const std::vector<std::string>& kinds, LicenceId* general);

  ManualClock clock_;
  App app_;
  Market market_;
  std::map<std::string, RequestContext> contexts_;
  std::set<std::string> provider_users_;  // log in with kProviderPassword
  int counter_ = 0;
};

// Answers that make a working-age person eligible for individual_prosperity with no barriers.
assessment::Answers UnemployedAnswers();
// Answers eligible for lower_crime (a recent custodial sentence).
assessment::Answers OffenderAnswers();
// Answers eligible for good_mental_health (clinical_scale_improvement needs clinical_governance).
assessment::Answers LowMoodAnswers();

}  // namespace psl::app::testing
