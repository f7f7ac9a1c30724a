// Creating users, API keys and the party records users are scoped to.
#include <nlohmann/json.hpp>

#include "psl/app/app.h"
#include "psl/app/credentials.h"

namespace psl::app {

using access::Role;
using access::RoleSet;

Result<UserId> App::CreateUser(const RequestContext& context, const NewUser& user) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kRegulator}));
  PSL_RETURN_IF_ERROR(access::ValidateUsername(user.username));
  PSL_RETURN_IF_ERROR(access::ValidatePassword(user.password));
  PSL_RETURN_IF_ERROR(access::ValidateScope(user.role, user.provider_id, user.citizen_id));
  // Hash before the transaction: Argon2id takes tens of milliseconds and needs no lock.
  PSL_ASSIGN_OR_RETURN(const std::string hash, HashPassword(user.password));
  UserId id;
  PSL_RETURN_IF_ERROR(store_.Write([&](store::Transaction& transaction) -> Status {
    if (user.provider_id) {
      PSL_ASSIGN_OR_RETURN(const bool exists, transaction.parties().ProviderExists(*user.provider_id));
      if (!exists) return Status(ErrorCode::kNotFound, "no such provider", "provider_id");
    }
    if (user.citizen_id) {
      PSL_ASSIGN_OR_RETURN(const bool exists, transaction.parties().CitizenExists(*user.citizen_id));
      if (!exists) return Status(ErrorCode::kNotFound, "no such citizen", "citizen_id");
    }
    access::User record;
    record.username = user.username;
    record.password_hash = hash;
    record.role = user.role;
    record.provider_id = user.provider_id;
    record.citizen_id = user.citizen_id;
    record.created_at = clock_.Now();
    auto inserted = transaction.users().Insert(record);
    if (!inserted.ok()) {
      if (inserted.status().code() == ErrorCode::kAlreadyExists) {
        return Status(ErrorCode::kAlreadyExists,
                      "the username '" + user.username + "' is taken; choose another",
                      "username");
      }
      return inserted.status();
    }
    id = *inserted;
    nlohmann::json detail = {{"username", user.username}, {"role", access::RoleName(user.role)}};
    if (user.provider_id) detail["provider_id"] = user.provider_id->value();
    if (user.citizen_id) detail["citizen_id"] = user.citizen_id->value();
    return Audit(transaction, context, "user.create", "user:" + std::to_string(id.value()),
                 detail.dump());
  }));
  return id;
}

Result<NewApiKey> App::CreateApiKey(const RequestContext& context, std::string_view name) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet::AnyUser()));
  if (name.empty() || name.size() > 100) {
    return Status(ErrorCode::kInvalidArgument, "name the key in 1 to 100 characters", "name");
  }
  NewApiKey key;
  key.name = std::string(name);
  key.key = NewSecretToken(kApiKeyPrefix);
  PSL_RETURN_IF_ERROR(store_.Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(key.id, transaction.api_keys().Insert(HashToken(key.key),
                                                               context.principal.user_id, name,
                                                               clock_.Now()));
    const nlohmann::json detail = {{"name", key.name}};
    return Audit(transaction, context, "api_key.create",
                 "api_key:" + std::to_string(key.id.value()), detail.dump());
  }));
  return key;
}

Result<ProviderId> App::CreateProvider(const RequestContext& context, std::string_view name) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, RoleSet{Role::kRegulator}));
  if (name.empty() || name.size() > 200) {
    return Status(ErrorCode::kInvalidArgument, "a provider's name is 1 to 200 characters", "name");
  }
  ProviderId id;
  PSL_RETURN_IF_ERROR(store_.Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(id, transaction.parties().InsertProvider(name, clock_.Now()));
    const nlohmann::json detail = {{"name", name}};
    return Audit(transaction, context, "provider.create",
                 "provider:" + std::to_string(id.value()), detail.dump());
  }));
  return id;
}

Result<CitizenId> App::CreateCitizen(const RequestContext& context) {
  PSL_RETURN_IF_ERROR(
      access::RequireRole(context.principal, RoleSet{Role::kRegulator, Role::kReferrer}));
  CitizenId id;
  PSL_RETURN_IF_ERROR(store_.Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(id, transaction.parties().InsertCitizen(clock_.Now()));
    return Audit(transaction, context, "citizen.create", "citizen:" + std::to_string(id.value()),
                 "");
  }));
  return id;
}

}  // namespace psl::app
