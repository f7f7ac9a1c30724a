// Use cases of appeals and disputes (REG-5, LIC-5): the Regulator's arbitration. Each method is
// one user action: role and scope checked, the rule applied (regulation/appeal.h), the change
// and its audit line written in one transaction.
//
// Who does what:
// - a provider lodges an appeal against a refusal, suspension or revocation of its own licence
//   (another provider's licence is "not found"), and sees its own appeals;
// - the Regulator sees every appeal and upholds or dismisses it with reasons; an upheld appeal
//   moves the licence (refused -> under_review, suspended -> granted, revoked -> suspended)
//   through the licensing tables, with a licence decision record, in the same transaction;
// - a provider files a dispute against another provider or against government; a government
//   user files one against a provider; each party sees the disputes it is party to (others are
//   "not found"); the Regulator sees every dispute and resolves it with a finding, terms and
//   reasons.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/regulation/appeal.h"
#include "psl/store/appeal_table.h"

namespace psl::app {

// The respondent named by the party filing a dispute.
struct DisputeRespondent {
  regulation::PartyKind kind = regulation::PartyKind::kProvider;
  std::optional<ProviderId> provider_id;  // for a provider
};

class Appeals {
 public:
  explicit Appeals(App& app) : app_(app) {}

  // --- Appeals ---
  Result<store::AppealRecord> Lodge(const RequestContext& context, LicenceId licence,
                                    const std::string& grounds);
  // A provider sees its own; the Regulator every appeal.
  Result<std::vector<store::AppealRecord>> List(const RequestContext& context,
                                                store::AppealFilter filter);
  Result<store::AppealRecord> Get(const RequestContext& context, regulation::AppealId id);
  // `outcome` is kUpheld or kDismissed.
  Result<store::AppealRecord> Decide(const RequestContext& context, regulation::AppealId id,
                                     regulation::AppealStatus outcome, const std::string& reasons);

  // --- Disputes ---
  Result<store::DisputeRecord> FileDispute(const RequestContext& context,
                                           const DisputeRespondent& respondent,
                                           const std::string& subject,
                                           const std::string& description);
  // A party sees the disputes it is party to; the Regulator every dispute.
  Result<std::vector<store::DisputeRecord>> ListDisputes(const RequestContext& context,
                                                         store::DisputeFilter filter);
  Result<store::DisputeRecord> GetDispute(const RequestContext& context, regulation::DisputeId id);
  Result<store::DisputeRecord> ResolveDispute(const RequestContext& context,
                                              regulation::DisputeId id,
                                              regulation::DisputeFinding finding,
                                              const std::string& terms, const std::string& reasons);

 private:
  App& app_;
};

}  // namespace psl::app
