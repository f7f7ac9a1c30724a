#include "psl/app/credentials.h"

#include <sodium.h>

#include <array>

namespace psl::app {
namespace {

void EnsureSodium() {
  static const int initialised = sodium_init();
  PSL_CHECK(initialised >= 0, "libsodium failed to initialise");
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str_alg(hash.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status(ErrorCode::kResourceExhausted, "not enough memory to hash the password");
  }
  return std::string(hash.data());
}

bool VerifyPassword(std::string_view password, std::string_view hash) {
  EnsureSodium();
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

const std::string& DecoyPasswordHash() {
  static const std::string decoy = [] {
    auto hash = HashPassword(NewSecretToken("decoy"));
    PSL_CHECK(hash.ok(), "the decoy hash can be made");
    return *hash;
  }();
  return decoy;
}

std::string NewSecretToken(std::string_view prefix) {
  EnsureSodium();
  std::array<unsigned char, 32> random{};
  randombytes_buf(random.data(), random.size());
  return std::string(prefix) + Hex(random.data(), random.size());
}

std::string HashToken(std::string_view token) {
  EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  return Hex(digest.data(), digest.size());
}

}  // namespace psl::app
