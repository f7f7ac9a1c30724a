// Secrets: Argon2id password hashes, bearer tokens and API keys (libsodium). Tokens are random
// 256-bit values shown to their owner once; the database keeps only their SHA-256, so a copy
// of the database does not let anyone log in.
#pragma once

#include <string>
#include <string_view>

#include "psl/core/result.h"

namespace psl::app {

inline constexpr std::string_view kSessionTokenPrefix = "psl_s_";
inline constexpr std::string_view kApiKeyPrefix = "psl_k_";

// Argon2id with libsodium's interactive limits, as its self-describing "$argon2id$..." string.
Result<std::string> HashPassword(std::string_view password);
// Constant-time check of a password against a HashPassword string.
bool VerifyPassword(std::string_view password, std::string_view hash);
// A hash that no password matches, used to spend the same time when a username is unknown.
const std::string& DecoyPasswordHash();

// prefix + 64 hex characters of fresh randomness.
std::string NewSecretToken(std::string_view prefix);
// Hex SHA-256 of a token, the form stored and looked up.
std::string HashToken(std::string_view token);

}  // namespace psl::app
