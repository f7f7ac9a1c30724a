#include "psl/app/inspections.h"

#include <map>
#include <nlohmann/json.hpp>

#include "psl/app/audit_writer.h"
#include "psl/store/inspection_table.h"

namespace psl::app {
namespace {

using access::Role;
using access::RoleSet;
using regulation::Inspection;
using regulation::InspectionId;
using regulation::InspectionStatus;

constexpr RoleSet kInspectorOnly{Role::kInspector};
constexpr RoleSet kRegulatorOnly{Role::kRegulator};
constexpr RoleSet kStaff{Role::kInspector, Role::kRegulator};

Status NoSuchInspection(InspectionId id) {
  return Status(ErrorCode::kNotFound, "there is no inspection " + std::to_string(id.value()), "id");
}

Status NoSuchProvider(ProviderId id, std::string field) {
  return Status(ErrorCode::kNotFound, "there is no provider " + std::to_string(id.value()),
                std::move(field));
}

// Builds what callers see, with the rubric of each inspection's version (loaded once per call).
class FindingMaker {
 public:
  FindingMaker(store::InspectionTable& table, const access::Principal& principal)
      : table_(table), principal_(principal) {}

  Result<Finding> Make(Inspection inspection) {
    auto cached = rubrics_.find(inspection.rubric_version);
    if (cached == rubrics_.end()) {
      PSL_ASSIGN_OR_RETURN(auto rubric, table_.FindRubric(inspection.rubric_version));
      PSL_CHECK(rubric.has_value(), "inspections reference stored rubric versions");
      cached = rubrics_.emplace(inspection.rubric_version, std::move(*rubric)).first;
    }
    Finding finding;
    finding.overall_tenths = regulation::OverallScoreTenths(inspection.record.answers);
    finding.adverse_flags = regulation::AdverseFlags(cached->second, inspection.record.answers);
    finding.suspension_suggested = regulation::SuspensionSuggested(inspection);
    if (!regulation::ShowsInspector(principal_)) {
      inspection.inspector_id = UserId();
      inspection.published_by = UserId();
    }
    finding.inspection = std::move(inspection);
    return finding;
  }

  Result<std::vector<Finding>> MakeAll(std::vector<Inspection> inspections) {
    std::vector<Finding> findings;
    findings.reserve(inspections.size());
    for (Inspection& inspection : inspections) {
      PSL_ASSIGN_OR_RETURN(Finding finding, Make(std::move(inspection)));
      findings.push_back(std::move(finding));
    }
    return findings;
  }

 private:
  store::InspectionTable& table_;
  const access::Principal& principal_;
  std::map<std::int64_t, regulation::Rubric> rubrics_;
};

nlohmann::json AnswersJson(const regulation::Answers& answers) {
  nlohmann::json scores = nlohmann::json::object();
  for (const auto& [key, answer] : answers) {
    if (answer.kind == regulation::CriterionKind::kFlag) {
      scores[key] = answer.value == 1;
    } else {
      scores[key] = answer.value;
    }
  }
  return scores;
}

std::string RecordDetail(const regulation::VisitRecord& record, std::int64_t rubric_version) {
  return nlohmann::json{
      {"provider_id", record.provider_id.value()}, {"visit_date", record.visit_date.ToString()},
      {"rubric_version", rubric_version},          {"scores", AnswersJson(record.answers)},
      {"malpractice", record.malpractice},         {"finding_length", record.finding.size()}}
      .dump();
}

std::string Target(InspectionId id) { return "inspection:" + std::to_string(id.value()); }

}  // namespace

Result<regulation::Rubric> Inspections::GetRubric(const RequestContext& context) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet::Everyone()));
  regulation::Rubric rubric;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::InspectionTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(rubric, table.CurrentRubric());
    return Status::Ok();
  }));
  return rubric;
}

Result<regulation::Rubric> Inspections::ReplaceRubric(const RequestContext& context,
                                                      const regulation::Rubric& rubric) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulatorOnly));
  PSL_RETURN_IF_ERROR(regulation::ValidateRubric(rubric));
  regulation::Rubric stored = rubric;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::InspectionTable table(transaction.connection());
    const Timestamp now = app_.clock().Now();
    PSL_ASSIGN_OR_RETURN(stored.version,
                         table.InsertRubric(rubric, context.principal.user_id, now));
    nlohmann::json criteria = nlohmann::json::array();
    for (const regulation::Criterion& criterion : rubric.criteria) {
      nlohmann::json item = {{"key", criterion.key},
                             {"kind", regulation::CriterionKindName(criterion.kind)}};
      if (criterion.adverse_answer) item["adverse_answer"] = *criterion.adverse_answer;
      criteria.push_back(std::move(item));
    }
    const nlohmann::json detail = {{"version", stored.version}, {"criteria", criteria}};
    return WriteAudit(transaction, context, now, "rubric.update",
                      "rubric:" + std::to_string(stored.version), detail.dump());
  }));
  return stored;
}

Result<Finding> Inspections::RecordVisit(const RequestContext& context,
                                         const regulation::VisitRecord& record) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kInspectorOnly));
  Finding result;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::InspectionTable table(transaction.connection());
    const Timestamp now = app_.clock().Now();
    PSL_ASSIGN_OR_RETURN(const regulation::Rubric rubric, table.CurrentRubric());
    PSL_RETURN_IF_ERROR(regulation::ValidateVisitRecord(rubric, record, now.UtcDate()));
    PSL_ASSIGN_OR_RETURN(const bool exists,
                         transaction.parties().ProviderExists(record.provider_id));
    if (!exists) return NoSuchProvider(record.provider_id, "provider_id");
    Inspection inspection;
    inspection.record = record;
    inspection.inspector_id = context.principal.user_id;
    inspection.rubric_version = rubric.version;
    inspection.status = InspectionStatus::kDraft;
    inspection.created_at = now;
    inspection.updated_at = now;
    PSL_ASSIGN_OR_RETURN(inspection.id, table.Insert(inspection));
    PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now, "inspection.create",
                                   Target(inspection.id), RecordDetail(record, rubric.version)));
    FindingMaker maker(table, context.principal);
    PSL_ASSIGN_OR_RETURN(result, maker.Make(std::move(inspection)));
    return Status::Ok();
  }));
  return result;
}

Result<Finding> Inspections::EditDraft(const RequestContext& context, InspectionId id,
                                       const regulation::VisitRecord& record) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kInspectorOnly));
  Finding result;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::InspectionTable table(transaction.connection());
    const Timestamp now = app_.clock().Now();
    PSL_ASSIGN_OR_RETURN(std::optional<Inspection> found, table.Find(id));
    if (!found || !regulation::IsVisibleTo(*found, context.principal)) {
      return NoSuchInspection(id);
    }
    PSL_RETURN_IF_ERROR(regulation::CheckCanEdit(*found, context.principal));
    PSL_ASSIGN_OR_RETURN(auto rubric, table.FindRubric(found->rubric_version));
    PSL_CHECK(rubric.has_value(), "inspections reference stored rubric versions");
    PSL_RETURN_IF_ERROR(regulation::ValidateVisitRecord(*rubric, record, now.UtcDate()));
    PSL_ASSIGN_OR_RETURN(const bool exists,
                         transaction.parties().ProviderExists(record.provider_id));
    if (!exists) return NoSuchProvider(record.provider_id, "provider_id");
    Inspection inspection = std::move(*found);
    inspection.record = record;
    inspection.updated_at = now;
    PSL_RETURN_IF_ERROR(table.UpdateDraft(inspection));
    PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now, "inspection.update", Target(id),
                                   RecordDetail(record, inspection.rubric_version)));
    FindingMaker maker(table, context.principal);
    PSL_ASSIGN_OR_RETURN(result, maker.Make(std::move(inspection)));
    return Status::Ok();
  }));
  return result;
}

Result<Finding> Inspections::Publish(const RequestContext& context, InspectionId id) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kRegulatorOnly));
  Finding result;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::InspectionTable table(transaction.connection());
    const Timestamp now = app_.clock().Now();
    PSL_ASSIGN_OR_RETURN(std::optional<Inspection> found, table.Find(id));
    if (!found) return NoSuchInspection(id);
    PSL_ASSIGN_OR_RETURN(auto rubric, table.FindRubric(found->rubric_version));
    PSL_CHECK(rubric.has_value(), "inspections reference stored rubric versions");
    PSL_RETURN_IF_ERROR(regulation::ValidateReadyToPublish(*rubric, *found));
    PSL_RETURN_IF_ERROR(table.Publish(id, context.principal.user_id, now));
    Inspection inspection = std::move(*found);
    inspection.status = InspectionStatus::kPublished;
    inspection.published_at = now;
    inspection.published_by = context.principal.user_id;
    inspection.updated_at = now;
    const nlohmann::json detail = {
        {"provider_id", inspection.record.provider_id.value()},
        {"malpractice", inspection.record.malpractice},
        {"suspension_suggested", regulation::SuspensionSuggested(inspection)}};
    PSL_RETURN_IF_ERROR(
        WriteAudit(transaction, context, now, "inspection.publish", Target(id), detail.dump()));
    FindingMaker maker(table, context.principal);
    PSL_ASSIGN_OR_RETURN(result, maker.Make(std::move(inspection)));
    return Status::Ok();
  }));
  return result;
}

Result<Finding> Inspections::Get(const RequestContext& context, InspectionId id) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet::Everyone()));
  Finding result;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::InspectionTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(std::optional<Inspection> found, table.Find(id));
    if (!found || !regulation::IsVisibleTo(*found, context.principal)) {
      return NoSuchInspection(id);
    }
    FindingMaker maker(table, context.principal);
    PSL_ASSIGN_OR_RETURN(result, maker.Make(std::move(*found)));
    return Status::Ok();
  }));
  return result;
}

Result<FindingPage> Inspections::List(const RequestContext& context,
                                      std::optional<InspectionStatus> status,
                                      std::optional<InspectionId> before, int limit) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, kStaff));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  store::InspectionFilter filter;
  filter.status = status.value_or(InspectionStatus::kDraft);
  if (context.principal.role == Role::kInspector) filter.inspector = context.principal.user_id;
  filter.before = before;
  filter.limit = limit;
  FindingPage page;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::InspectionTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto inspections, table.List(filter));
    FindingMaker maker(table, context.principal);
    PSL_ASSIGN_OR_RETURN(page.items, maker.MakeAll(std::move(inspections)));
    return Status::Ok();
  }));
  if (static_cast<int>(page.items.size()) == limit) {
    page.next_before = page.items.back().inspection.id;
  }
  return page;
}

Result<FindingPage> Inspections::PublishedFindings(const RequestContext& context,
                                                   ProviderId provider,
                                                   std::optional<InspectionId> before, int limit) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet::Everyone()));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  store::InspectionFilter filter;
  filter.status = InspectionStatus::kPublished;
  filter.provider = provider;
  filter.before = before;
  filter.limit = limit;
  FindingPage page;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const bool exists, transaction.parties().ProviderExists(provider));
    if (!exists) return NoSuchProvider(provider, "id");
    store::InspectionTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto inspections, table.List(filter));
    FindingMaker maker(table, context.principal);
    PSL_ASSIGN_OR_RETURN(page.items, maker.MakeAll(std::move(inspections)));
    return Status::Ok();
  }));
  if (static_cast<int>(page.items.size()) == limit) {
    page.next_before = page.items.back().inspection.id;
  }
  return page;
}

Result<std::optional<Finding>> Inspections::LatestPublishedFinding(const RequestContext& context,
                                                                   ProviderId provider) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet::Everyone()));
  std::optional<Finding> result;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const bool exists, transaction.parties().ProviderExists(provider));
    if (!exists) return NoSuchProvider(provider, "id");
    store::InspectionTable table(transaction.connection());
    // The per-provider query starts after provider - 1, so its first row is this provider's.
    PSL_ASSIGN_OR_RETURN(auto latest,
                         table.LatestPublishedPerProvider(ProviderId(provider.value() - 1), 1));
    if (latest.empty() || latest.front().record.provider_id != provider) return Status::Ok();
    FindingMaker maker(table, context.principal);
    PSL_ASSIGN_OR_RETURN(result, maker.Make(std::move(latest.front())));
    return Status::Ok();
  }));
  return result;
}

Result<LatestFindingPage> Inspections::LatestPublishedPerProvider(const RequestContext& context,
                                                                  std::optional<ProviderId> after,
                                                                  int limit) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet::Everyone()));
  PSL_RETURN_IF_ERROR(ValidatePageLimit(limit));
  LatestFindingPage page;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    store::InspectionTable table(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto inspections, table.LatestPublishedPerProvider(after, limit));
    FindingMaker maker(table, context.principal);
    PSL_ASSIGN_OR_RETURN(page.items, maker.MakeAll(std::move(inspections)));
    return Status::Ok();
  }));
  if (static_cast<int>(page.items.size()) == limit) {
    page.next_after = page.items.back().inspection.record.provider_id;
  }
  return page;
}

}  // namespace psl::app
