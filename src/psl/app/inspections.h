// Use cases of mystery shopping (REG-2): inspectors record covert visits against the rubric,
// the Regulator publishes the findings, and anyone can read what is published (the register
// and the point of choice, CHO-2, show the latest finding per provider).
//
// Each method is one user action: role check, validation, and for changes one Store::Write
// holding the change and its audit line (inspection.create, inspection.update,
// inspection.publish, rubric.update).
#pragma once

#include <optional>
#include <vector>

#include "psl/app/app.h"
#include "psl/regulation/inspection.h"

namespace psl::app {

// An inspection as a caller sees it, with what the domain derives from it.
struct Finding {
  regulation::Inspection inspection;  // inspector_id is 0 unless the caller may see it
  std::optional<std::int64_t> overall_tenths;
  std::vector<std::string> adverse_flags;
  bool suspension_suggested = false;
};

struct FindingPage {
  std::vector<Finding> items;
  std::optional<regulation::InspectionId> next_before;  // pass as `before` for the next page
};

struct LatestFindingPage {
  std::vector<Finding> items;            // one per provider, in provider id order
  std::optional<ProviderId> next_after;  // pass as `after_provider` for the next page
};

class Inspections {
 public:
  explicit Inspections(App& app) : app_(app) {}

  // The current rubric. Anyone, logged in or not.
  Result<regulation::Rubric> GetRubric(const RequestContext& context);
  // Stores `rubric` (its version is ignored) as the next version. Regulator only.
  Result<regulation::Rubric> ReplaceRubric(const RequestContext& context,
                                           const regulation::Rubric& rubric);

  // Records a visit as a draft under the current rubric. Inspector only.
  Result<Finding> RecordVisit(const RequestContext& context, const regulation::VisitRecord& record);
  // Replaces a draft's record. Only the inspector who recorded it, only while a draft.
  Result<Finding> EditDraft(const RequestContext& context, regulation::InspectionId id,
                            const regulation::VisitRecord& record);
  // draft -> published. Regulator only; the draft must be complete.
  Result<Finding> Publish(const RequestContext& context, regulation::InspectionId id);

  // One inspection: published ones to anyone; a draft to its inspector and the Regulator, and
  // kNotFound to everyone else (so a draft's existence is not disclosed).
  Result<Finding> Get(const RequestContext& context, regulation::InspectionId id);
  // Inspections with `status` (default drafts), newest first: an inspector sees only their
  // own, the Regulator all. Inspector or regulator.
  Result<FindingPage> List(const RequestContext& context,
                           std::optional<regulation::InspectionStatus> status,
                           std::optional<regulation::InspectionId> before, int limit);

  // A provider's published findings, newest first. Anyone; kNotFound for an unknown provider.
  Result<FindingPage> PublishedFindings(const RequestContext& context, ProviderId provider,
                                        std::optional<regulation::InspectionId> before, int limit);
  // A provider's latest published finding (latest visit); nullopt when it has none.
  Result<std::optional<Finding>> LatestPublishedFinding(const RequestContext& context,
                                                        ProviderId provider);
  // The latest published finding of every provider that has one, for the register.
  Result<LatestFindingPage> LatestPublishedPerProvider(const RequestContext& context,
                                                       std::optional<ProviderId> after, int limit);

 private:
  App& app_;
};

}  // namespace psl::app
