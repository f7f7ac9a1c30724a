// Login, token authentication and logout.
#include "psl/app/app.h"
#include "psl/app/credentials.h"

#include <nlohmann/json.hpp>

namespace psl::app {
namespace {

Status WrongCredentials() {
  return Status(ErrorCode::kUnauthenticated,
                "wrong username or password; check both and try again");
}

}  // namespace

Result<SessionGrant> App::Login(std::string_view username, std::string_view password,
                                std::string_view request_id) {
  if (username.empty() || username.size() > access::kMaxUsernameLength ||
      password.size() > access::kMaxPasswordLength) {
    return WrongCredentials();
  }
  std::optional<access::User> user;
  PSL_RETURN_IF_ERROR(store_.Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(user, transaction.users().FindByUsername(username));
    return Status::Ok();
  }));
  const Timestamp now = clock_.Now();
  if (!user) {
    (void)VerifyPassword(password, DecoyPasswordHash());  // same time as a real check
    return WrongCredentials();
  }
  if (user->locked_until > now) {
    return Status(ErrorCode::kResourceExhausted,
                  "too many failed logins: this account is locked until " +
                      user->locked_until.ToIso8601() + "; try again after that");
  }
  const bool verified = VerifyPassword(password, user->password_hash);

  RequestContext context{user->AsPrincipal(), std::string(request_id)};
  SessionGrant grant;
  Status status = store_.Write([&](store::Transaction& transaction) -> Status {
    // Re-read inside the write transaction: a concurrent failure may have moved the count.
    PSL_ASSIGN_OR_RETURN(auto current, transaction.users().FindById(user->id));
    PSL_CHECK(current.has_value(), "users are never deleted");
    const std::string target = "user:" + std::to_string(user->id.value());
    if (!verified) {
      const std::int64_t failures = current->failed_logins + 1;
      const Timestamp locked_until =
          access::LockedUntilAfterFailure(options_.lockout, failures, now);
      PSL_RETURN_IF_ERROR(transaction.users().RecordLoginFailure(user->id, failures, locked_until));
      nlohmann::json detail = {{"failed_logins", failures}};
      if (locked_until > now) detail["locked_until"] = locked_until.ToIso8601();
      return Audit(transaction, context, "session.login_failed", target, detail.dump());
    }
    grant.token = NewSecretToken(kSessionTokenPrefix);
    grant.expires_at = now.PlusSeconds(options_.session_seconds);
    grant.role = user->role;
    grant.user_id = user->id;
    PSL_RETURN_IF_ERROR(transaction.users().ClearLoginFailures(user->id));
    PSL_RETURN_IF_ERROR(transaction.sessions().Insert(
        {HashToken(grant.token), user->id, now, grant.expires_at}));
    const nlohmann::json detail = {{"expires_at", grant.expires_at.ToIso8601()}};
    return Audit(transaction, context, "session.create", target, detail.dump());
  });
  PSL_RETURN_IF_ERROR(status);
  if (!verified) return WrongCredentials();
  return grant;
}

Result<access::Principal> App::Authenticate(std::string_view bearer_token) {
  const bool is_session = bearer_token.starts_with(kSessionTokenPrefix);
  const bool is_api_key = bearer_token.starts_with(kApiKeyPrefix);
  if ((!is_session && !is_api_key) || bearer_token.size() != kSessionTokenPrefix.size() + 64) {
    return Status(ErrorCode::kUnauthenticated,
                  "the bearer token is not one PSL issued; log in again at POST /api/v1/sessions");
  }
  const std::string token_hash = HashToken(bearer_token);
  std::optional<access::User> user;
  const Timestamp now = clock_.Now();
  PSL_RETURN_IF_ERROR(store_.Read([&](store::Transaction& transaction) -> Status {
    if (is_session) {
      PSL_ASSIGN_OR_RETURN(user, transaction.sessions().FindLiveUser(token_hash, now));
    } else {
      PSL_ASSIGN_OR_RETURN(user, transaction.api_keys().FindLiveUser(token_hash));
    }
    return Status::Ok();
  }));
  if (!user) {
    return Status(ErrorCode::kUnauthenticated,
                  "the token is unknown, expired or logged out; log in again");
  }
  return user->AsPrincipal();
}

Status App::Logout(const RequestContext& context, std::string_view bearer_token) {
  PSL_RETURN_IF_ERROR(access::RequireRole(context.principal, access::RoleSet::AnyUser()));
  if (!bearer_token.starts_with(kSessionTokenPrefix)) {
    return Status(ErrorCode::kInvalidArgument, "only a session token can log out; API keys stay",
                  "Authorization");
  }
  return store_.Write([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const bool revoked,
                         transaction.sessions().Revoke(HashToken(bearer_token), clock_.Now()));
    if (!revoked) return Status(ErrorCode::kUnauthenticated, "that session has already ended");
    return Audit(transaction, context, "session.revoke",
                 "user:" + std::to_string(context.principal.user_id.value()), "");
  });
}

}  // namespace psl::app
