#include "psl/licensing/checklist.h"

#include <array>
#include <set>

#include "psl/core/weight.h"

namespace psl::licensing {
namespace {

bool IsSnakeCase(std::string_view text) {
  if (text.empty() || text.size() > 64 || !(text.front() >= 'a' && text.front() <= 'z')) {
    return false;
  }
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

std::string_view SectionName(Section section) {
  switch (section) {
    case Section::kManagerial: return "managerial";
    case Section::kOperational: return "operational";
    case Section::kFinancial: return "financial";
  }
  return "managerial";
}

Result<Section> ParseSection(std::string_view name) {
  for (Section section : {Section::kManagerial, Section::kOperational, Section::kFinancial}) {
    if (SectionName(section) == name) return section;
  }
  return Invalid("a section is managerial, operational or financial", "section");
}

std::string_view EvidenceKindName(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::kText: return "text";
    case EvidenceKind::kYes: return "yes";
    case EvidenceKind::kNo: return "no";
    case EvidenceKind::kDecimalAtLeast: return "decimal_at_least";
  }
  return "text";
}

Result<EvidenceKind> ParseEvidenceKind(std::string_view name) {
  for (EvidenceKind kind : {EvidenceKind::kText, EvidenceKind::kYes, EvidenceKind::kNo,
                            EvidenceKind::kDecimalAtLeast}) {
    if (EvidenceKindName(kind) == name) return kind;
  }
  return Invalid("an evidence kind is text, yes, no or decimal_at_least", "kind");
}

Checklist DefaultChecklist() {
  using enum Section;
  using enum EvidenceKind;
  return Checklist{
      1,
      {
          {"accountable_officer", kManagerial, "Name of the accountable officer", kText, ""},
          {"governance_structure", kManagerial, "Governance structure (board, trustees, ...)",
           kText, ""},
          {"safeguarding_policy", kManagerial, "Safeguarding policy: title and date", kText, ""},
          {"staff_vetting", kOperational, "Are all staff who meet customers vetted (DBS)?", kYes,
           ""},
          {"data_protection_registration", kOperational,
           "Data-protection (ICO) registration number", kText, ""},
          {"complaints_procedure", kOperational, "Complaints procedure: title and date", kText,
           ""},
          {"insurance", kOperational, "Public and employer's liability insurance in force?", kYes,
           ""},
          {"latest_accounts", kFinancial, "Latest filed accounts: period and where filed", kText,
           ""},
          {"liquidity_ratio", kFinancial, "Liquidity ratio (current assets / current liabilities)",
           kDecimalAtLeast, "1.0"},
          {"insolvency_proceedings", kFinancial, "Any insolvency proceedings open or pending?",
           kNo, ""},
      }};
}

Status ValidateChecklist(const Checklist& checklist) {
  if (checklist.items.empty() || checklist.items.size() > kMaxChecklistItems) {
    return Invalid("a checklist has between 1 and 50 items", "items");
  }
  std::set<std::string> ids;
  std::set<Section> sections;
  for (std::size_t i = 0; i < checklist.items.size(); ++i) {
    const ChecklistItem& item = checklist.items[i];
    const std::string field = "items[" + std::to_string(i) + "]";
    if (!IsSnakeCase(item.id)) return Invalid("an item id is snake_case", field + ".id");
    if (!ids.insert(item.id).second) return Invalid("item ids must be unique", field + ".id");
    if (Trimmed(item.question).empty() || item.question.size() > 500) {
      return Invalid("each item asks a question of 1 to 500 characters", field + ".question");
    }
    const bool decimal = item.kind == EvidenceKind::kDecimalAtLeast;
    if (decimal != !item.threshold.empty()) {
      return Invalid("decimal_at_least items, and only they, have a threshold",
                     field + ".threshold");
    }
    if (decimal && !Weight::Parse(item.threshold).ok()) {
      return Invalid("the threshold is a decimal like 1.0", field + ".threshold");
    }
    sections.insert(item.section);
  }
  if (sections.size() != 3) {
    return Invalid("the checklist covers managerial, operational and financial competency (LIC-2)",
                   "items");
  }
  return Status::Ok();
}

Status ValidateEvidence(const Checklist& checklist, const Evidence& evidence) {
  for (const auto& [id, answer] : evidence) {
    bool known = false;
    for (const ChecklistItem& item : checklist.items) known = known || item.id == id;
    if (!known) {
      return Invalid("no checklist item '" + id + "' in checklist version " +
                         std::to_string(checklist.version),
                     "evidence." + id);
    }
    if (answer.size() > kMaxEvidenceLength) {
      return Invalid("evidence is at most 2000 characters", "evidence." + id);
    }
  }
  for (const ChecklistItem& item : checklist.items) {
    if (!evidence.contains(item.id)) {
      return Invalid("give evidence for: " + item.question, "evidence." + item.id);
    }
  }
  return Status::Ok();
}

std::vector<ItemAssessment> AssessEvidence(const Checklist& checklist, const Evidence& evidence) {
  std::vector<ItemAssessment> assessment;
  for (const ChecklistItem& item : checklist.items) {
    const auto found = evidence.find(item.id);
    const std::string answer = found == evidence.end() ? std::string() : Trimmed(found->second);
    ItemAssessment result{item.id, false, ""};
    switch (item.kind) {
      case EvidenceKind::kText:
        result.passed = !answer.empty();
        result.reason = result.passed ? "evidence given" : "no evidence given";
        break;
      case EvidenceKind::kYes:
      case EvidenceKind::kNo: {
        const std::string wanted = item.kind == EvidenceKind::kYes ? "yes" : "no";
        result.passed = answer == wanted;
        result.reason = result.passed ? "answered " + wanted
                                      : "answered '" + answer + "'; the standard is " + wanted;
        break;
      }
      case EvidenceKind::kDecimalAtLeast: {
        auto value = Weight::Parse(answer);
        auto threshold = Weight::Parse(item.threshold);
        if (!value.ok() || !threshold.ok()) {
          result.reason = "'" + answer + "' is not a decimal number";
        } else {
          result.passed = *value >= *threshold;
          result.reason = value->ToString() + (result.passed ? " meets " : " is below ") +
                          "the minimum " + threshold->ToString();
        }
        break;
      }
    }
    assessment.push_back(std::move(result));
  }
  return assessment;
}

bool AllPassed(const std::vector<ItemAssessment>& assessment) {
  for (const ItemAssessment& item : assessment) {
    if (!item.passed) return false;
  }
  return !assessment.empty();
}

}  // namespace psl::licensing
