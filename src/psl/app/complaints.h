// Use cases of complaints (REG-3, CHO-6).
//
// Who may do what:
// - file: a citizen (the complaint is tied to their own citizen record) or the public, not
//   logged in (a contact email is required); no other role files complaints;
// - read and list: the Regulator (every complaint, with filters), a provider (complaints about
//   itself only), a citizen (the complaints they filed only). A complaint outside the caller's
//   scope is kNotFound, exactly as one that does not exist, so ids reveal nothing;
// - respond: the provider the complaint is about, once, while it is open;
// - close: the Regulator, with an outcome and reasons, once.
// Every change writes its audit line (complaint.create, complaint.respond, complaint.close) in
// the same transaction. Audit details carry ids, category and outcome only: never the text or
// the email.
//
// What each reader sees (REG-6: personal data stays with the roles entitled to it): the
// Regulator sees everything; the provider concerned sees the text, the contact email and the
// kind of complainant, but not which citizen record or user filed it, nor which Regulator
// staff closed it; the citizen who filed sees their complaint without staff user ids.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "psl/app/app.h"
#include "psl/regulation/complaint.h"

namespace psl::app {

struct ComplaintQuery {
  std::optional<ProviderId> provider_id;
  std::optional<regulation::ComplaintStatus> status;
  std::optional<regulation::ComplaintCategory> category;
  std::optional<bool> overdue;  // as of the clock's now
  std::optional<regulation::ComplaintId> before;
};

struct ComplaintView {
  regulation::Complaint complaint;  // with the fields the caller may not see cleared
  bool overdue = false;             // as of the clock's now
};

struct ComplaintPage {
  std::vector<ComplaintView> items;
  std::optional<regulation::ComplaintId> next_before;  // pass as `before` for the next page
};

class Complaints {
 public:
  explicit Complaints(App& app, regulation::ComplaintPolicy policy = {});

  // kInvalidArgument naming the field for bad input; kNotFound when the provider does not
  // exist; kPermissionDenied for roles other than citizen and the public.
  Result<ComplaintView> File(const RequestContext& context,
                             const regulation::ComplaintFiling& filing);
  Result<ComplaintView> Get(const RequestContext& context, regulation::ComplaintId id);
  // Regulator: all, filtered. Provider: about itself (a provider_id filter naming another
  // provider is kPermissionDenied). Citizen: their own.
  Result<ComplaintPage> List(const RequestContext& context, const ComplaintQuery& query, int limit);
  Result<ComplaintView> Respond(const RequestContext& context, regulation::ComplaintId id,
                                std::string response);
  Result<ComplaintView> Close(const RequestContext& context, regulation::ComplaintId id,
                              regulation::ComplaintOutcome outcome, std::string reasons);

 private:
  ComplaintView View(const access::Principal& principal, regulation::Complaint complaint) const;

  App& app_;
  regulation::ComplaintPolicy policy_;
};

}  // namespace psl::app
