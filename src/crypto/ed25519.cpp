#include "crypto/ed25519.h"

#include <openssl/evp.h>

#include <string>

#include "crypto/openssl_error.h"

namespace sf::crypto {
namespace {

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

Bytes raw_key(EVP_PKEY* key, bool private_part) {
  Bytes out(32);
  std::size_t length = out.size();
  int ok = private_part ? EVP_PKEY_get_raw_private_key(key, out.data(), &length)
                        : EVP_PKEY_get_raw_public_key(key, out.data(), &length);
  if (ok != 1 || length != 32) throw openssl_failure("ed25519 key export");
  return out;
}

}  // namespace

struct Ed25519PrivateKey::State {
  Pkey key;
};
struct Ed25519PublicKey::State {
  Pkey key;
};

Ed25519PrivateKey::Ed25519PrivateKey(std::unique_ptr<State> state) : state_(std::move(state)) {}
Ed25519PrivateKey::~Ed25519PrivateKey() = default;
Ed25519PrivateKey::Ed25519PrivateKey(Ed25519PrivateKey&&) noexcept = default;
Ed25519PrivateKey& Ed25519PrivateKey::operator=(Ed25519PrivateKey&&) noexcept = default;

Ed25519PrivateKey Ed25519PrivateKey::generate() { return from_seed(random_bytes(32)); }

Ed25519PrivateKey Ed25519PrivateKey::from_seed(ByteView seed) {
  if (seed.size() != 32)
    throw bad_input("ed25519 private key is " + std::to_string(seed.size()) +
                    " bytes; expected 32");
  auto state = std::make_unique<State>();
  state->key.reset(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  if (!state->key) throw openssl_failure("ed25519 private key import");
  return Ed25519PrivateKey(std::move(state));
}

Bytes Ed25519PrivateKey::seed() const { return raw_key(state_->key.get(), true); }
Bytes Ed25519PrivateKey::public_key() const { return raw_key(state_->key.get(), false); }

Bytes Ed25519PrivateKey::sign(ByteView message) const {
  MdCtx ctx(EVP_MD_CTX_new());
  Bytes signature(64);
  std::size_t length = signature.size();
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, state_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), signature.data(), &length, message.data(), message.size()) != 1 ||
      length != 64)
    throw openssl_failure("ed25519 sign");
  return signature;
}

Ed25519PublicKey::Ed25519PublicKey(std::unique_ptr<State> state) : state_(std::move(state)) {}
Ed25519PublicKey::~Ed25519PublicKey() = default;
Ed25519PublicKey::Ed25519PublicKey(Ed25519PublicKey&&) noexcept = default;
Ed25519PublicKey& Ed25519PublicKey::operator=(Ed25519PublicKey&&) noexcept = default;

Ed25519PublicKey Ed25519PublicKey::from_bytes(ByteView public_key) {
  if (public_key.size() != 32)
    throw bad_input("ed25519 public key is " + std::to_string(public_key.size()) +
                    " bytes; expected 32");
  auto state = std::make_unique<State>();
  state->key.reset(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(),
                                               public_key.size()));
  if (!state->key) {
    clear_openssl_errors();
    throw bad_input("ed25519 public key is not a valid curve point");
  }
  return Ed25519PublicKey(std::move(state));
}

bool Ed25519PublicKey::verify(ByteView message, ByteView signature) const {
  if (signature.size() != 64) return false;
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx) throw openssl_failure("EVP_MD_CTX_new");
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, state_->key.get()) != 1)
    throw openssl_failure("ed25519 verify init");
  int ok = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                            message.size());
  if (ok != 1) clear_openssl_errors();
  return ok == 1;
}

Bytes ed25519_sign(ByteView seed, ByteView message) {
  return Ed25519PrivateKey::from_seed(seed).sign(message);
}

bool ed25519_verify(ByteView public_key, ByteView message, ByteView signature) {
  if (public_key.size() != 32) return false;
  try {
    return Ed25519PublicKey::from_bytes(public_key).verify(message, signature);
  } catch (const Error&) {
    return false;
  }
}

}  // namespace sf::crypto
