// A market with one registered customer per test, for the claim tests on either engine: the
// journey's JourneyMarket (providers licensed through the licensing use cases), a citizen with a
// National Insurance number registered with Alpha for individual prosperity on 2025-01-06, and
// the provider's own login.
#pragma once

#include <memory>
#include <string>

#include "journey_test_support.h"
#include "psl/app/claims.h"
#include "psl/store/claim_table.h"
#include "psl/store/journey_tables.h"

namespace psl::app::testing {

struct Customer {
  CitizenId citizen;
  std::int64_t registration_id = 0;
  std::string national_insurance;
};

// 2025-01-06 plus whole days, as an instant at 09:00 UTC.
Timestamp DayAfterStart(std::int64_t days);
Date StartDate();

class ClaimsMarket {
 public:
  explicit ClaimsMarket(store::Store& store) : store_(store), market_(store) {}
  std::string Seed() { return market_.Seed(); }

  JourneyMarket& journey() { return market_; }
  App& app() { return market_.app(); }
  const Market& m() const { return market_.market(); }
  RequestContext As(const std::string& user) { return market_.As(user); }
  // A licensed provider's own login ("alpha" is general_a, "beta" general_b).
  RequestContext Provider(const std::string& username);

  // A new citizen with this National Insurance number, assessed and registered with `provider`
  // for individual_prosperity on the clock's current day.
  Customer Register(const std::string& name, const std::string& national_insurance,
                    ProviderId provider);

  // Reads one integer from the store (COUNT(*) and the like); -1 on failure.
  std::int64_t Number(const std::string& sql);
  std::string Text(const std::string& sql);

 private:
  store::Store& store_;
  JourneyMarket market_;
  std::map<std::string, RequestContext> providers_;
};

}  // namespace psl::app::testing
