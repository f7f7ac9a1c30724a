// Scope and views shared by the journey's use-case files. Not part of the app's API.
#pragma once

#include <string>
#include <vector>

#include "psl/app/journey.h"

namespace psl::app::journey {

// kNotFound (never "forbidden", so existence does not leak) unless the caller may see the
// citizen: the Regulator, a referrer who referred or assessed them, a provider they are
// registered with, the citizen themselves.
Status CheckCitizenVisible(store::Transaction& transaction, const RequestContext& context,
                           CitizenId id);

std::vector<std::string> JsonStrings(const std::string& json_array_text);

// Today's price of each outcome for these barriers and district; outcomes the tariff in force
// does not price are left out.
Result<std::vector<PricedOutcome>> PriceOutcomes(store::Transaction& transaction,
                                                 const JourneyCache& cache,
                                                 const catalogue::Catalogue& catalogue,
                                                 const std::vector<std::string>& outcomes,
                                                 const std::vector<std::string>& barriers,
                                                 const std::string& area_code, Date date);

Result<AssessmentView> ViewAssessment(store::Transaction& transaction, const JourneyCache& cache,
                                      const store::AssessmentRecord& record,
                                      const std::string& area_code, Date today);

}  // namespace psl::app::journey
