#include "psl/regulation/inspection.h"

#include <set>

namespace psl::regulation {
namespace {

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

bool IsWellFormedKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxCriterionKeyLength) return false;
  if (key.front() < 'a' || key.front() > 'z') return false;
  for (char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string_view CriterionKindName(CriterionKind kind) {
  switch (kind) {
    case CriterionKind::kScore: return "score";
    case CriterionKind::kFlag: return "flag";
  }
  return "score";
}

Result<CriterionKind> ParseCriterionKind(std::string_view name) {
  if (name == "score") return CriterionKind::kScore;
  if (name == "flag") return CriterionKind::kFlag;
  return Invalid("unknown kind '" + std::string(name) + "'; use score or flag", "kind");
}

std::string_view InspectionStatusName(InspectionStatus status) {
  switch (status) {
    case InspectionStatus::kDraft: return "draft";
    case InspectionStatus::kPublished: return "published";
  }
  return "draft";
}

Result<InspectionStatus> ParseInspectionStatus(std::string_view name) {
  if (name == "draft") return InspectionStatus::kDraft;
  if (name == "published") return InspectionStatus::kPublished;
  return Invalid("unknown status '" + std::string(name) + "'; use draft or published", "status");
}

const Criterion* Rubric::Find(std::string_view key) const {
  for (const Criterion& criterion : criteria) {
    if (criterion.key == key) return &criterion;
  }
  return nullptr;
}

Rubric DefaultRubric() {
  Rubric rubric;
  rubric.version = 1;
  rubric.criteria = {
      {"courtesy", "Courtesy: were you treated with respect and patience?", CriterionKind::kScore,
       std::nullopt},
      {"accessibility", "Accessibility: could you get in, be understood and be helped?",
       CriterionKind::kScore, std::nullopt},
      {"accuracy_of_information",
       "Accuracy of information: was what you were told about the service true and complete?",
       CriterionKind::kScore, std::nullopt},
      {"safeguarding", "Safeguarding: were risks to you noticed and handled properly?",
       CriterionKind::kScore, std::nullopt},
      {"inducements_offered",
       "Inducements (CHO-6): were you offered anything to choose this provider?",
       CriterionKind::kFlag, true},
      {"marketing_within_guidelines",
       "Marketing: did the provider's marketing follow the Regulator's guidelines?",
       CriterionKind::kFlag, false},
  };
  return rubric;
}

Status ValidateRubric(const Rubric& rubric) {
  if (rubric.criteria.empty() || rubric.criteria.size() > kMaxCriteria) {
    return Invalid("a rubric has 1 to " + std::to_string(kMaxCriteria) + " criteria", "criteria");
  }
  std::set<std::string_view> keys;
  bool any_score = false;
  for (std::size_t i = 0; i < rubric.criteria.size(); ++i) {
    const Criterion& criterion = rubric.criteria[i];
    const std::string where = "criteria[" + std::to_string(i) + "].";
    if (!IsWellFormedKey(criterion.key)) {
      return Invalid("a key is 1 to " + std::to_string(kMaxCriterionKeyLength) +
                         " of a-z, 0-9 and _, starting with a letter",
                     where + "key");
    }
    if (!keys.insert(criterion.key).second) {
      return Invalid("the key '" + criterion.key + "' is used twice", where + "key");
    }
    if (criterion.label.empty() || criterion.label.size() > kMaxCriterionLabelLength) {
      return Invalid("a label is 1 to " + std::to_string(kMaxCriterionLabelLength) + " characters",
                     where + "label");
    }
    if (criterion.kind == CriterionKind::kFlag && !criterion.adverse_answer) {
      return Invalid("a flag says which answer (true or false) counts against the provider",
                     where + "adverse_answer");
    }
    if (criterion.kind == CriterionKind::kScore && criterion.adverse_answer) {
      return Invalid("only flags have an adverse answer; remove it", where + "adverse_answer");
    }
    any_score = any_score || criterion.kind == CriterionKind::kScore;
  }
  if (!any_score) {
    return Invalid("a rubric needs at least one scored (1 to 5) criterion", "criteria");
  }
  return Status::Ok();
}

Status ValidateVisitRecord(const Rubric& rubric, const VisitRecord& record, Date today) {
  if (!record.provider_id.valid()) return Invalid("name the provider visited", "provider_id");
  if (record.visit_date > today) {
    return Invalid("the visit date " + record.visit_date.ToString() + " is in the future",
                   "visit_date");
  }
  for (const auto& [key, answer] : record.answers) {
    const std::string field = "scores." + key;
    const Criterion* criterion = rubric.Find(key);
    if (criterion == nullptr) {
      return Invalid(
          "'" + key + "' is not a criterion of rubric version " + std::to_string(rubric.version),
          field);
    }
    if (criterion->kind == CriterionKind::kScore) {
      if (answer.kind != CriterionKind::kScore) {
        return Invalid("must be a whole number from 1 to 5", field);
      }
      if (answer.value < kMinScore || answer.value > kMaxScore) {
        return Invalid("must be a whole number from 1 to 5", field);
      }
    } else {
      if (answer.kind != CriterionKind::kFlag || (answer.value != 0 && answer.value != 1)) {
        return Invalid("must be true or false", field);
      }
    }
  }
  if (record.finding.size() > kMaxFindingLength) {
    return Invalid("must be at most " + std::to_string(kMaxFindingLength) + " characters",
                   "finding");
  }
  return Status::Ok();
}

Status ValidateReadyToPublish(const Rubric& rubric, const Inspection& inspection) {
  if (inspection.status == InspectionStatus::kPublished) {
    return Status(ErrorCode::kFailedPrecondition,
                  "inspection " + std::to_string(inspection.id.value()) +
                      " is already published; published findings never change",
                  "status");
  }
  for (const Criterion& criterion : rubric.criteria) {
    if (!inspection.record.answers.contains(criterion.key)) {
      return Status(ErrorCode::kFailedPrecondition,
                    "the draft does not answer '" + criterion.key +
                        "'; its inspector must complete it before it is published",
                    "scores." + criterion.key);
    }
  }
  if (inspection.record.finding.empty()) {
    return Status(ErrorCode::kFailedPrecondition,
                  "the draft has no written finding; its inspector must write one first",
                  "finding");
  }
  return Status::Ok();
}

bool IsVisibleTo(const Inspection& inspection, const access::Principal& principal) {
  if (inspection.status == InspectionStatus::kPublished) return true;
  if (principal.role == access::Role::kRegulator) return true;
  return principal.role == access::Role::kInspector && principal.user_id.valid() &&
         principal.user_id == inspection.inspector_id;
}

Status CheckCanEdit(const Inspection& inspection, const access::Principal& principal) {
  if (principal.role != access::Role::kInspector || principal.user_id != inspection.inspector_id) {
    return Status(ErrorCode::kPermissionDenied,
                  "only the inspector who recorded an inspection may edit it");
  }
  if (inspection.status != InspectionStatus::kDraft) {
    return Status(ErrorCode::kFailedPrecondition,
                  "inspection " + std::to_string(inspection.id.value()) +
                      " is published; published findings never change",
                  "status");
  }
  return Status::Ok();
}

bool ShowsInspector(const access::Principal& principal) {
  return principal.role == access::Role::kRegulator || principal.role == access::Role::kInspector;
}

std::optional<std::int64_t> OverallScoreTenths(const Answers& answers) {
  std::int64_t sum = 0;
  std::int64_t count = 0;
  for (const auto& [key, answer] : answers) {
    if (answer.kind != CriterionKind::kScore) continue;
    sum += answer.value;
    ++count;
  }
  if (count == 0) return std::nullopt;
  // Scores are positive, so half away from zero is half up: (2 * 10 * sum + count) / (2 * count).
  return (20 * sum + count) / (2 * count);
}

std::string FormatTenths(std::int64_t tenths) {
  const std::string sign = tenths < 0 ? "-" : "";
  const std::int64_t magnitude = tenths < 0 ? -tenths : tenths;
  return sign + std::to_string(magnitude / 10) + "." + std::to_string(magnitude % 10);
}

std::vector<std::string> AdverseFlags(const Rubric& rubric, const Answers& answers) {
  std::vector<std::string> flags;
  for (const Criterion& criterion : rubric.criteria) {
    if (criterion.kind != CriterionKind::kFlag || !criterion.adverse_answer) continue;
    const auto found = answers.find(criterion.key);
    if (found == answers.end()) continue;
    if ((found->second.value == 1) == *criterion.adverse_answer) flags.push_back(criterion.key);
  }
  return flags;
}

bool SuspensionSuggested(const Inspection& inspection) {
  return inspection.status == InspectionStatus::kPublished && inspection.record.malpractice;
}

}  // namespace psl::regulation
