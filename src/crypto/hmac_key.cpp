#include "crypto/hmac_key.h"

// The low-level SHA-256 API is deprecated in OpenSSL 3 in favour of EVP, but
// EVP has no allocation-free way to restart from a saved state: copying an
// EVP_MD_CTX allocates, which halves the rate of checking codes. The
// SHA256_CTX is a plain struct that copies for free and still runs OpenSSL's
// assembly (SHA-NI where available). Checked against EVP HMAC in tests.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <cstring>

#include "crypto/openssl_error.h"

namespace sf::crypto {

struct HmacSha256Key::State {
  SHA256_CTX inner;  // after absorbing key ^ ipad
  SHA256_CTX outer;  // after absorbing key ^ opad
};

HmacSha256Key::HmacSha256Key(ByteView key) : state_(std::make_unique<State>()) {
  std::uint8_t block[64] = {};
  if (key.size() > sizeof block) {
    Bytes digest = sha256(key);
    std::memcpy(block, digest.data(), digest.size());
  } else if (!key.empty()) {
    std::memcpy(block, key.data(), key.size());
  }
  std::uint8_t pad[64];
  auto prepare = [&](SHA256_CTX& ctx, std::uint8_t fill) {
    for (int i = 0; i < 64; ++i) pad[i] = block[i] ^ fill;
    if (SHA256_Init(&ctx) != 1 || SHA256_Update(&ctx, pad, sizeof pad) != 1)
      throw openssl_failure("hmac-sha256 key setup");
  };
  prepare(state_->inner, 0x36);
  prepare(state_->outer, 0x5c);
  OPENSSL_cleanse(block, sizeof block);
  OPENSSL_cleanse(pad, sizeof pad);
}

HmacSha256Key::~HmacSha256Key() {
  if (state_) OPENSSL_cleanse(state_.get(), sizeof(State));
}
HmacSha256Key::HmacSha256Key(HmacSha256Key&&) noexcept = default;
HmacSha256Key& HmacSha256Key::operator=(HmacSha256Key&&) noexcept = default;

std::array<std::uint8_t, 32> HmacSha256Key::mac(ByteView data) const {
  std::array<std::uint8_t, 32> inner_hash, out;
  SHA256_CTX ctx = state_->inner;
  SHA256_Update(&ctx, data.data(), data.size());
  SHA256_Final(inner_hash.data(), &ctx);
  ctx = state_->outer;
  SHA256_Update(&ctx, inner_hash.data(), inner_hash.size());
  SHA256_Final(out.data(), &ctx);
  return out;
}

}  // namespace sf::crypto
