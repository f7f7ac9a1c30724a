// The demonstration market for `make run` (issue 3 item 10). Deterministic: the same market
// every time, built by the real use cases (so it is audited, charged and decided like real
// casework), at backdated times.
#include <array>

#include "psl/app/demo.h"
#include "psl/app/complaints.h"
#include "psl/app/inspections.h"
#include "psl/app/licensing.h"

namespace psl::app {
namespace {

constexpr std::array<std::string_view, 20> kNameStarts = {
    "Northern Pathways", "Second Chances",  "Bright Futures",   "Open Door",
    "Riverside",         "Hope Street",     "New Leaf",         "Fresh Start",
    "Kinship",           "Harbour",         "Step Forward",     "Common Ground",
    "Lighthouse",        "Thrive",          "Steady Ground",    "Working Minds",
    "Milestones",        "Crossroads",      "Willow",           "Beacon"};
constexpr std::array<std::string_view, 6> kSuffixByForm = {"Ltd", "Trust", "Mutual",
                                                           "Council Services", "", "Partnership"};
constexpr std::array<std::string_view, 6> kLegalForms = {"company",     "charity",
                                                         "mutual",      "public_body",
                                                         "sole_trader", "other"};
constexpr std::array<std::string_view, 4> kSizes = {"micro", "small", "medium", "large"};
constexpr std::array<std::string_view, 8> kSectors = {
    "employment", "skills", "addiction", "rehabilitation", "mental_health", "early_years",
    "housing", "health"};

licensing::Evidence Evidence(bool sound) {
  return {{"accountable_officer", "Named accountable officer"},
          {"governance_structure", "Board with independent members"},
          {"safeguarding_policy", "Safeguarding policy, reviewed annually"},
          {"staff_vetting", "yes"},
          {"data_protection_registration", "ZA000000"},
          {"complaints_procedure", "Published complaints procedure"},
          {"insurance", "yes"},
          {"latest_accounts", "Filed accounts for the last financial year"},
          {"liquidity_ratio", sound ? "1.40" : "0.70"},
          {"insolvency_proceedings", "no"}};
}

// A fixed linear congruential sequence: the demo is the same on every machine.
class Sequence {
 public:
  std::uint64_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }
  std::size_t Below(std::size_t bound) { return static_cast<std::size_t>(Next() % bound); }

 private:
  std::uint64_t state_ = 20140601;  // the report's year
};

Result<access::Principal> PrincipalOf(store::Store& store, const std::string& username) {
  std::optional<access::User> user;
  PSL_RETURN_IF_ERROR(store.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(user, transaction.users().FindByUsername(username));
    return Status::Ok();
  }));
  if (!user) {
    return Status(ErrorCode::kFailedPrecondition,
                  "the demonstration user '" + username + "' is missing; run psl demo");
  }
  return user->AsPrincipal();
}

}  // namespace

Result<DemoMarketSummary> SeedDemoMarket(store::Store& store, Timestamp now,
                                         const std::vector<store::AreaRecord>& areas) {
  DemoMarketSummary summary;
  ManualClock clock(now);
  App app(store, clock);
  Licensing licensing(app);
  PSL_ASSIGN_OR_RETURN(const access::Principal regulator, PrincipalOf(store, "regulator"));
  PSL_ASSIGN_OR_RETURN(const access::Principal regulator2, PrincipalOf(store, "regulator2"));
  const RequestContext as_regulator{regulator, "cli:demo"};
  const RequestContext as_regulator2{regulator2, "cli:demo"};

  // Idempotent: the market exists once its first organisation does.
  std::optional<access::User> marker;
  PSL_RETURN_IF_ERROR(store.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(marker, transaction.users().FindByUsername("demo-provider-01"));
    return Status::Ok();
  }));
  if (marker) return summary;
  summary.created = true;

  if (!areas.empty()) PSL_RETURN_IF_ERROR(licensing.ImportAreas(as_regulator, areas));
  constexpr std::int64_t kDay = 86'400;

  // The `provider` demonstration login's own organisation: licensed a little over a year ago.
  PSL_ASSIGN_OR_RETURN(const access::Principal demo_provider, PrincipalOf(store, "provider"));
  clock.Set(now.PlusSeconds(-400 * kDay));
  PSL_ASSIGN_OR_RETURN(auto own, licensing.Apply({demo_provider, "cli:demo"}, "general",
                                                 Evidence(true)));
  ++summary.licences;
  clock.Advance(2 * kDay);
  PSL_RETURN_IF_ERROR(licensing.StartReview(as_regulator, own.licence.id).ToStatus());
  clock.Advance(5 * kDay);
  PSL_RETURN_IF_ERROR(licensing
                          .Decide(as_regulator, own.licence.id, true,
                                  "Managerial, operational and financial competency evidenced "
                                  "(LIC-2).",
                                  std::nullopt)
                          .ToStatus());

  struct DemoProvider {
    ProviderId id;
    RequestContext as_provider;
    bool suspended = false;
  };
  std::vector<DemoProvider> providers;
  Sequence sequence;
  constexpr int kProviders = 40;
  for (int i = 0; i < kProviders; ++i) {
    // Spread over the last two years, the newest first-granted only weeks ago (PAY-3 bands).
    const std::int64_t days_ago = 20 + (i * 731) / kProviders;
    clock.Set(now.PlusSeconds(-days_ago * kDay));
    const std::size_t form = static_cast<std::size_t>(i) % kLegalForms.size();
    licensing::Organisation organisation;
    organisation.name = std::string(kNameStarts[static_cast<std::size_t>(i) % kNameStarts.size()]);
    if (i >= static_cast<int>(kNameStarts.size())) organisation.name += " North";
    if (!kSuffixByForm[form].empty()) organisation.name += " " + std::string(kSuffixByForm[form]);
    organisation.legal_form = std::string(kLegalForms[form]);
    organisation.size = std::string(kSizes[sequence.Below(kSizes.size())]);
    const std::size_t first_sector = static_cast<std::size_t>(i) % kSectors.size();
    organisation.sectors.emplace_back(kSectors[first_sector]);
    if (i % 3 == 0) organisation.sectors.emplace_back(kSectors[(first_sector + 3) % kSectors.size()]);
    const std::size_t area_count = areas.empty() ? 0 : 1 + sequence.Below(4);
    for (std::size_t a = 0; a < area_count; ++a) {
      const std::string& code = areas[sequence.Below(areas.size())].code;
      if (std::find(organisation.area_codes.begin(), organisation.area_codes.end(), code) ==
          organisation.area_codes.end()) {
        organisation.area_codes.push_back(code);
      }
    }
    char username[32];
    std::snprintf(username, sizeof username, "demo-provider-%02d", i + 1);
    PSL_ASSIGN_OR_RETURN(const auto registered,
                         licensing.RegisterOrganisation({access::Principal::Public(), "cli:demo"},
                                                        organisation, username,
                                                        "psl-demo-provider"));
    ++summary.providers;
    const RequestContext as_provider{
        access::Principal{registered.user_id, username, access::Role::kProvider,
                          registered.provider_id, std::nullopt},
        "cli:demo"};

    providers.push_back({registered.provider_id, as_provider, i == 12});
    const bool refused = i == 7;
    const bool waiting = i == 0 || i == 1;  // the newest two wait in the review queue
    PSL_ASSIGN_OR_RETURN(auto general, licensing.Apply(as_provider, "general", Evidence(!refused)));
    ++summary.licences;
    const LicenceId id = general.licence.id;
    if (i == 0) continue;  // applied, not yet picked up
    clock.Advance(2 * kDay);
    PSL_RETURN_IF_ERROR(licensing.StartReview(as_regulator, id).ToStatus());
    if (waiting) continue;
    clock.Advance(5 * kDay);
    if (refused) {
      PSL_RETURN_IF_ERROR(licensing
                              .Decide(as_regulator, id, false,
                                      "Liquidity ratio 0.70 is below the minimum of 1.0 (LIC-2); "
                                      "the organisation may apply again with new accounts.",
                                      std::nullopt)
                              .ToStatus());
      continue;
    }
    const std::optional<std::string> scope =
        i % 11 == 5 ? std::optional<std::string>(organisation.sectors.front()) : std::nullopt;
    PSL_RETURN_IF_ERROR(
        licensing
            .Decide(as_regulator, id, true,
                    "Managerial, operational and financial competency evidenced (LIC-2).", scope)
            .ToStatus());

    // Top-ups for mental-health and early-years providers (LIC-4).
    const std::string sector = organisation.sectors.front();
    if (sector == "mental_health" || sector == "early_years") {
      clock.Advance(3 * kDay);
      const std::string kind =
          sector == "mental_health" ? "clinical_governance" : "child_safeguarding";
      PSL_ASSIGN_OR_RETURN(auto top_up, licensing.Apply(as_provider, kind, Evidence(true)));
      ++summary.licences;
      clock.Advance(kDay);
      PSL_RETURN_IF_ERROR(licensing.StartReview(as_regulator, top_up.licence.id).ToStatus());
      clock.Advance(4 * kDay);
      PSL_RETURN_IF_ERROR(licensing
                              .Decide(as_regulator, top_up.licence.id, true,
                                      "Top-up standards evidenced (LIC-4).", std::nullopt)
                              .ToStatus());
    }

    // A suspended licence: proposed by one regulator, confirmed by another.
    if (i == 12) {
      clock.Advance(60 * kDay);
      PSL_RETURN_IF_ERROR(licensing
                              .Propose(as_regulator, id, "suspend", "poor_customer_experience",
                                       "Recommend rate far below peers for three periods and "
                                       "complaints upheld about inducements.")
                              .ToStatus());
      clock.Advance(kDay);
      PSL_RETURN_IF_ERROR(licensing.ConfirmProposal(as_regulator2, id).ToStatus());
    }
  }

  // Published mystery-shopping findings (REG-2) for a dozen providers, two drafts still with the
  // inspector, and the malpractice finding behind the suspension.
  PSL_ASSIGN_OR_RETURN(const access::Principal inspector, PrincipalOf(store, "inspector"));
  const RequestContext as_inspector{inspector, "cli:demo"};
  Inspections inspections(app);
  const regulation::Rubric rubric = regulation::DefaultRubric();
  for (std::size_t p = 2; p < providers.size() && p < 16; ++p) {
    const DemoProvider& provider = providers[p];
    clock.Set(now.PlusSeconds(-static_cast<std::int64_t>(90 - 5 * p) * kDay));
    regulation::VisitRecord visit;
    visit.provider_id = provider.id;
    visit.visit_date = clock.Now().UtcDate().AddDays(-1);
    for (const regulation::Criterion& criterion : rubric.criteria) {
      if (criterion.kind == regulation::CriterionKind::kScore) {
        visit.answers[criterion.key] =
            regulation::Answer::Score(provider.suspended ? 2 : 3 + static_cast<int>(p % 3));
      } else {
        // The adverse answer only for the provider found offering inducements (CHO-6).
        const bool adverse = provider.suspended;
        visit.answers[criterion.key] =
            regulation::Answer::Flag(adverse ? *criterion.adverse_answer : !*criterion.adverse_answer);
      }
    }
    visit.malpractice = provider.suspended;
    visit.finding = provider.suspended
                        ? "Staff offered a shopping voucher to sign up and could not explain the "
                          "complaints procedure. Malpractice: inducements (CHO-6)."
                        : "Courteous and accurate; the office is accessible and the "
                          "safeguarding lead was named on request.";
    PSL_ASSIGN_OR_RETURN(const auto recorded, inspections.RecordVisit(as_inspector, visit));
    if (p >= 14) continue;  // left as drafts
    clock.Advance(2 * kDay);
    PSL_RETURN_IF_ERROR(
        inspections.Publish(as_regulator, recorded.inspection.id).ToStatus());
  }

  // Complaints (REG-3, CHO-6): open, answered and closed ones, from the public and a citizen.
  Complaints complaints(app);
  PSL_ASSIGN_OR_RETURN(const access::Principal citizen, PrincipalOf(store, "citizen"));
  struct DemoComplaint {
    std::size_t provider;
    regulation::ComplaintCategory category;
    const char* text;
    bool from_citizen;
    int stage;  // 0 open, 1 answered by the provider, 2 closed by the Regulator
  };
  const DemoComplaint demo_complaints[] = {
      {3, regulation::ComplaintCategory::kServiceQuality,
       "Three appointments cancelled at short notice in one month.", false, 0},
      {12, regulation::ComplaintCategory::kInducements,
       "I was offered a voucher if I signed up there instead of choosing freely.", false, 2},
      {5, regulation::ComplaintCategory::kMisleadingMarketing,
       "Their leaflet says they are the 'official' provider for the area.", true, 1},
      {9, regulation::ComplaintCategory::kSafeguarding,
       "My worker shared my address with another client by mistake.", false, 1},
      {20, regulation::ComplaintCategory::kOther, "Nobody answers the phone on Fridays.", false, 0},
  };
  for (const DemoComplaint& demo : demo_complaints) {
    if (demo.provider >= providers.size()) continue;
    clock.Set(now.PlusSeconds(-(demo.stage == 0 ? 3 : 40) * kDay));
    regulation::ComplaintFiling filing;
    filing.provider_id = providers[demo.provider].id;
    filing.category = demo.category;
    filing.text = demo.text;
    if (!demo.from_citizen) filing.contact_email = "member.of.public@example.org";
    const RequestContext filer =
        demo.from_citizen ? RequestContext{citizen, "cli:demo"}
                          : RequestContext{access::Principal::Public(), "cli:demo"};
    PSL_ASSIGN_OR_RETURN(const auto filed, complaints.File(filer, filing));
    if (demo.stage >= 1) {
      clock.Advance(6 * kDay);
      PSL_RETURN_IF_ERROR(complaints
                              .Respond(providers[demo.provider].as_provider, filed.complaint.id,
                                       "We are sorry. We have reviewed what happened and changed "
                                       "our procedure; the manager will call you this week.")
                              .ToStatus());
    }
    if (demo.stage >= 2) {
      clock.Advance(10 * kDay);
      PSL_RETURN_IF_ERROR(complaints
                              .Close(as_regulator, filed.complaint.id,
                                     regulation::ComplaintOutcome::kUpheld,
                                     "Inducements are not allowed (CHO-6); the finding was "
                                     "referred to the licence casework.")
                              .ToStatus());
    }
  }
  return summary;
}

}  // namespace psl::app
