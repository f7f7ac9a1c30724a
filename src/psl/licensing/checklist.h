// The competency checklists of a licence application (LIC-2): managerial, operational and
// financial items, each with the evidence it asks for and its pass criterion. Versioned
// configuration that the Regulator edits; the licence checks basic standards, it does not try
// to predict success (report, Recommendation 1.1). Pure domain.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "psl/core/result.h"

namespace psl::licensing {

enum class Section { kManagerial, kOperational, kFinancial };

// What the applicant gives for an item, and when it passes:
//   kText            any non-empty text (a name, a policy reference, a registration number);
//   kYes / kNo       the answer "yes" / "no" passes, the other fails;
//   kDecimalAtLeast  a decimal number >= threshold (e.g. a liquidity ratio of at least 1.0).
enum class EvidenceKind { kText, kYes, kNo, kDecimalAtLeast };

struct ChecklistItem {
  std::string id;  // snake_case, unique in the checklist
  Section section = Section::kManagerial;
  std::string question;
  EvidenceKind kind = EvidenceKind::kText;
  std::string threshold;  // for kDecimalAtLeast: a decimal with up to six places, e.g. "1.0"
};

struct Checklist {
  int version = 1;
  std::vector<ChecklistItem> items;
};

// The answers of one application: item id -> the applicant's evidence.
using Evidence = std::map<std::string, std::string>;

struct ItemAssessment {
  std::string item_id;
  bool passed = false;
  std::string reason;  // why it passed or failed, for the decision record
};

inline constexpr std::size_t kMaxEvidenceLength = 2000;
inline constexpr std::size_t kMaxChecklistItems = 50;

std::string_view SectionName(Section section);
Result<Section> ParseSection(std::string_view name);
std::string_view EvidenceKindName(EvidenceKind kind);
Result<EvidenceKind> ParseEvidenceKind(std::string_view name);

// LIC-2's defaults: managerial (accountable officer, governance, safeguarding policy),
// operational (staff vetting, data-protection registration, complaints procedure, insurance),
// financial (latest accounts, liquidity ratio >= 1.0, no insolvency proceedings).
Checklist DefaultChecklist();

// A checklist the Regulator may publish: 1..50 items, unique snake_case ids, every section
// present, questions given, thresholds only (and always) on decimal items.
Status ValidateChecklist(const Checklist& checklist);

// Evidence an application may carry: an answer for every item, none for unknown items, each at
// most 2000 characters. Whether the answers *pass* is AssessEvidence's business, not this.
Status ValidateEvidence(const Checklist& checklist, const Evidence& evidence);

// Item by item, whether the evidence meets the criterion.
std::vector<ItemAssessment> AssessEvidence(const Checklist& checklist, const Evidence& evidence);
bool AllPassed(const std::vector<ItemAssessment>& assessment);

}  // namespace psl::licensing
