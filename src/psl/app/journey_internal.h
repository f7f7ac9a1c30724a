// Helpers shared by the journey's use-case files (journey_*.cc). Not part of the app's API.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "psl/app/journey.h"

namespace psl::app::journey {

Status RequireRole(const RequestContext& context, access::RoleSet roles, std::string_view what);

// Version 1 of each document is built in; later versions come from the database.
Result<catalogue::Catalogue> LoadCatalogue(store::Transaction& transaction,
                                           std::optional<int> version);
Result<AssessmentConfig> LoadAssessmentConfig(store::Transaction& transaction);
Result<choice::FormatRules> LoadChoiceRules(store::Transaction& transaction);
Result<std::shared_ptr<const tariff::Tariff>> TariffInForce(store::Transaction& transaction,
                                                            const JourneyCache& cache, Date date);
Result<std::shared_ptr<const tariff::UnemploymentSeries>> Series(store::Transaction& transaction,
                                                                 const JourneyCache& cache);
// kNotFound naming `field` when the district is unknown.
Result<tariff::Area> LoadArea(store::Transaction& transaction, std::string_view code,
                              std::string_view field);
std::string MonthText(int year, int month);  // "2020-10"

}  // namespace psl::app::journey
