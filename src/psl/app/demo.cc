#include "psl/app/demo.h"

namespace psl::app {

Result<std::vector<DemoLogin>> SeedDemo(App& app) {
  const RequestContext context{access::Principal::System("psl demo"), "cli:demo"};
  std::vector<DemoLogin> logins;
  // One user per role, and a second regulator so that four-eyes decisions can be shown.
  std::vector<std::pair<std::string, access::Role>> users;
  for (access::Role role : access::kAllRoles) {
    if (role != access::Role::kPublic) users.emplace_back(access::RoleName(role), role);
  }
  users.emplace_back("regulator2", access::Role::kRegulator);
  for (const auto& user_entry : users) {
    // Named variables, not a structured binding: clang 14 (the fuzz build) cannot capture those.
    const std::string& name = user_entry.first;
    const access::Role role = user_entry.second;
    DemoLogin login{name, "psl-demo-" + name, role};
    std::optional<access::User> existing;
    PSL_RETURN_IF_ERROR(app.store().Read([&](store::Transaction& transaction) -> Status {
      PSL_ASSIGN_OR_RETURN(existing, transaction.users().FindByUsername(name));
      return Status::Ok();
    }));
    if (!existing) {
      NewUser user{name, login.password, role, {}, {}};
      if (role == access::Role::kProvider) {
        PSL_ASSIGN_OR_RETURN(user.provider_id,
                             app.CreateProvider(context, "Demonstration Employment Services CIC"));
      }
      if (role == access::Role::kCitizen) {
        PSL_ASSIGN_OR_RETURN(user.citizen_id, app.CreateCitizen(context));
      }
      auto created = app.CreateUser(context, user);
      if (!created.ok()) return created.status();
      login.created = true;
    }
    logins.push_back(std::move(login));
  }
  return logins;
}

}  // namespace psl::app
