// Registrations for the survey tests, written straight into the store: the survey only reads a
// registration's id, citizen, provider, date and status, so the tests make thousands of them
// without walking the journey (which has its own tests) for each.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/core/date.h"
#include "psl/store/store.h"

namespace psl::app::testing {

// The citizen, provider and date of each registration to write; ended ones are ended by the
// customer (the survey still goes to them: "all customers").
struct RegistrationSpec {
  CitizenId citizen;
  ProviderId provider;
  Date registered_on;
  bool ended = false;
};

// Writes the registrations (with the entry, assessment and choice each one refers to) in one
// transaction and returns their ids in order. `assessor` is any user id.
Result<std::vector<std::int64_t>> WriteRegistrations(store::Store& store, UserId assessor,
                                                     const std::vector<RegistrationSpec>& specs);

// `count` new citizens, in one transaction.
Result<std::vector<CitizenId>> WriteCitizens(store::Store& store, int count, Timestamp now);

// A citizen user's request context (no session: the use cases only read the principal).
RequestContext CitizenContext(CitizenId citizen);
RequestContext ProviderContext(ProviderId provider);
RequestContext RegulatorContext();
RequestContext PublicContext();

Date Day(const std::string& text);  // "2025-01-06"

}  // namespace psl::app::testing
