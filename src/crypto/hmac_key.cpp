#include "crypto/hmac_key.h"

#include <openssl/evp.h>

#include <cstring>

#include "crypto/openssl_error.h"

namespace sf::crypto {
namespace {

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

// One scratch context per thread: copying a prepared state into it avoids an
// allocation per MAC.
EVP_MD_CTX* scratch() {
  thread_local MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx) throw openssl_failure("EVP_MD_CTX_new");
  return ctx.get();
}

}  // namespace

struct HmacSha256Key::State {
  EVP_MD* md = nullptr;
  MdCtx inner, outer;  // SHA-256 after absorbing key^ipad / key^opad
  ~State() { EVP_MD_free(md); }
};

HmacSha256Key::HmacSha256Key(ByteView key) : state_(std::make_unique<State>()) {
  // Pre-fetching the digest skips the provider lookup on every call.
  state_->md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (!state_->md) throw openssl_failure("fetch sha256");
  std::uint8_t block[64] = {};
  if (key.size() > sizeof block) {
    Bytes digest = sha256(key);
    std::memcpy(block, digest.data(), digest.size());
  } else if (!key.empty()) {
    std::memcpy(block, key.data(), key.size());
  }
  std::uint8_t pad[64];
  auto prepare = [&](MdCtx& ctx, std::uint8_t fill) {
    for (int i = 0; i < 64; ++i) pad[i] = block[i] ^ fill;
    ctx.reset(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), state_->md, nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), pad, sizeof pad) != 1)
      throw openssl_failure("hmac-sha256 key setup");
  };
  prepare(state_->inner, 0x36);
  prepare(state_->outer, 0x5c);
}

HmacSha256Key::~HmacSha256Key() = default;
HmacSha256Key::HmacSha256Key(HmacSha256Key&&) noexcept = default;
HmacSha256Key& HmacSha256Key::operator=(HmacSha256Key&&) noexcept = default;

std::array<std::uint8_t, 32> HmacSha256Key::mac(ByteView data) const {
  EVP_MD_CTX* ctx = scratch();
  std::array<std::uint8_t, 32> inner_hash, out;
  unsigned int length = 0;
  if (EVP_MD_CTX_copy_ex(ctx, state_->inner.get()) != 1 ||
      EVP_DigestUpdate(ctx, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx, inner_hash.data(), &length) != 1 ||
      EVP_MD_CTX_copy_ex(ctx, state_->outer.get()) != 1 ||
      EVP_DigestUpdate(ctx, inner_hash.data(), inner_hash.size()) != 1 ||
      EVP_DigestFinal_ex(ctx, out.data(), &length) != 1)
    throw openssl_failure("hmac-sha256");
  return out;
}

}  // namespace sf::crypto
