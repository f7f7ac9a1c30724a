// Mystery shopping (REG-2): the rubric and inspection findings. Pure domain: no I/O, no clock.
//
// The rubric is versioned configuration: the Regulator replaces it with a new version, and each
// inspection keeps the version it was recorded under (as registrations keep their catalogue
// version, OUT-3). A criterion is either a score from 1 (poor) to 5 (excellent) or a yes/no
// flag; a flag names the answer that counts against the provider (`inducements_offered: yes`
// is the CHO-6 inducement finding; `marketing_within_guidelines: no` is a marketing finding).
//
// An inspection goes draft -> published. The inspector who recorded a draft may edit it; only
// the Regulator publishes; a published finding never changes. Drafts are visible only to their
// inspector and to the Regulator.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/access/role.h"
#include "psl/core/date.h"
#include "psl/core/ids.h"
#include "psl/core/result.h"
#include "psl/core/timestamp.h"

namespace psl::regulation {

using InspectionId = StrongId<struct InspectionIdTag>;

inline constexpr std::int64_t kMinScore = 1;
inline constexpr std::int64_t kMaxScore = 5;
inline constexpr std::size_t kMaxFindingLength = 5000;
inline constexpr std::size_t kMaxCriteria = 30;
inline constexpr std::size_t kMaxCriterionKeyLength = 50;
inline constexpr std::size_t kMaxCriterionLabelLength = 200;

enum class CriterionKind { kScore, kFlag };
std::string_view CriterionKindName(CriterionKind kind);  // "score", "flag"
Result<CriterionKind> ParseCriterionKind(std::string_view name);

struct Criterion {
  std::string key;    // [a-z][a-z0-9_]*, the name used in `scores`
  std::string label;  // what the inspector is asked
  CriterionKind kind = CriterionKind::kScore;
  // Flags only: the answer that is a finding against the provider.
  std::optional<bool> adverse_answer;

  friend bool operator==(const Criterion&, const Criterion&) = default;
};

struct Rubric {
  std::int64_t version = 0;  // 0 until stored; stored versions are 1, 2, ...
  std::vector<Criterion> criteria;

  const Criterion* Find(std::string_view key) const;
};

// The default rubric (REG-2, CHO-6), stored as version 1 by migration 3.
Rubric DefaultRubric();

// 1..30 criteria with unique, well-formed keys and labels; at least one scored criterion (so
// that an overall score exists); an adverse answer on every flag and on no score. Errors name
// the field, e.g. "criteria[2].key".
Status ValidateRubric(const Rubric& rubric);

// One answer: a score 1..5, or a flag (value 1 = yes, 0 = no).
struct Answer {
  CriterionKind kind = CriterionKind::kScore;
  std::int64_t value = 0;

  static Answer Score(std::int64_t score) { return {CriterionKind::kScore, score}; }
  static Answer Flag(bool yes) { return {CriterionKind::kFlag, yes ? 1 : 0}; }
  friend bool operator==(const Answer&, const Answer&) = default;
};

// Criterion key -> answer.
using Answers = std::map<std::string, Answer>;

enum class InspectionStatus { kDraft, kPublished };
std::string_view InspectionStatusName(InspectionStatus status);  // "draft", "published"
Result<InspectionStatus> ParseInspectionStatus(std::string_view name);

// What an inspector writes about one visit (recorded, then edited while a draft).
struct VisitRecord {
  ProviderId provider_id;
  Date visit_date;
  Answers answers;
  std::string finding;  // the written finding, at most 5000 bytes
  bool malpractice = false;
};

struct Inspection {
  InspectionId id;
  VisitRecord record;
  UserId inspector_id;
  std::int64_t rubric_version = 0;
  InspectionStatus status = InspectionStatus::kDraft;
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> published_at;
  UserId published_by;
};

// Every answer names a criterion of `rubric` and has its kind and range ("scores.courtesy");
// the visit is not after `today` ("visit_date"); the finding is at most 5000 bytes ("finding");
// the provider id is set ("provider_id"). A draft may leave criteria unanswered.
Status ValidateVisitRecord(const Rubric& rubric, const VisitRecord& record, Date today);

// Publishing needs a complete finding: every criterion of the rubric answered and a written
// finding. kFailedPrecondition naming the first gap; also when it is already published.
Status ValidateReadyToPublish(const Rubric& rubric, const Inspection& inspection);

// Who may see an inspection: everyone once published; a draft only its inspector and the
// Regulator (the rest are told it does not exist).
bool IsVisibleTo(const Inspection& inspection, const access::Principal& principal);

// Whether `principal` may edit `inspection` (which they can see): only its own inspector, only
// while a draft. kPermissionDenied or kFailedPrecondition.
Status CheckCanEdit(const Inspection& inspection, const access::Principal& principal);

// Whether the inspector's identity is shown: mystery shoppers are covert, so only to the
// Regulator and inspectors.
bool ShowsInspector(const access::Principal& principal);

// The overall score: the mean of the answered 1..5 criteria, in tenths rounded half away from
// zero (4, 4, 3 -> 36.67 -> 37, shown "3.7"). Flags never enter the mean: they are findings of
// their own (AdverseFlags). nullopt when no scored criterion is answered.
std::optional<std::int64_t> OverallScoreTenths(const Answers& answers);
// "3.7" for 37.
std::string FormatTenths(std::int64_t tenths);

// The flags answered with their adverse answer, in rubric order.
std::vector<std::string> AdverseFlags(const Rubric& rubric, const Answers& answers);

// A published finding of malpractice suggests suspending the licence (LIC-6): licensing offers
// the Regulator a "propose suspension" action (four eyes, X-5); nothing is suspended here.
bool SuspensionSuggested(const Inspection& inspection);

}  // namespace psl::regulation
