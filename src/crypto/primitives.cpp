#include "crypto/primitives.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <memory>
#include <string>

#include "base/error.h"
#include "crypto/openssl_error.h"

namespace sf::crypto {
namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;

void check_aes_sizes(ByteView key, ByteView iv) {
  if (key.size() != 32)
    throw bad_input("aes-256-cbc key is " + std::to_string(key.size()) +
                    " bytes; expected 32");
  if (iv.size() != 16)
    throw bad_input("aes-256-cbc iv is " + std::to_string(iv.size()) + " bytes; expected 16");
}

// One function for both directions: the EVP calls differ only by `encrypt`.
Bytes aes256_cbc(ByteView key, ByteView iv, ByteView input, bool encrypt) {
  check_aes_sizes(key, iv);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) throw openssl_failure("EVP_CIPHER_CTX_new");
  if (EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, key.data(), iv.data(),
                        encrypt ? 1 : 0) != 1)
    throw openssl_failure("aes-256-cbc init");
  Bytes out(input.size() + 16);
  int written = 0;
  if (EVP_CipherUpdate(ctx.get(), out.data(), &written, input.data(),
                       static_cast<int>(input.size())) != 1)
    throw openssl_failure("aes-256-cbc update");
  int last = 0;
  if (EVP_CipherFinal_ex(ctx.get(), out.data() + written, &last) != 1) {
    clear_openssl_errors();
    throw bad_input("aes-256-cbc ciphertext has bad padding (wrong key or corrupt data)");
  }
  out.resize(static_cast<std::size_t>(written + last));
  return out;
}

}  // namespace

Bytes random_bytes(std::size_t count) {
  Bytes out(count);
  if (count > 0 && RAND_bytes(out.data(), static_cast<int>(count)) != 1)
    throw openssl_failure("RAND_bytes");
  return out;
}

Bytes sha256(ByteView data) {
  Bytes out(32);
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr) != 1)
    throw openssl_failure("sha256");
  return out;
}

Bytes hmac_sha256(ByteView key, ByteView data) {
  Bytes out(32);
  unsigned int length = 0;
  // HMAC() with an empty key needs a non-null pointer.
  static const std::uint8_t kEmpty = 0;
  if (!HMAC(EVP_sha256(), key.empty() ? &kEmpty : key.data(), static_cast<int>(key.size()),
            data.data(), data.size(), out.data(), &length))
    throw openssl_failure("hmac-sha256");
  return out;
}

Bytes hkdf_sha256(ByteView ikm, ByteView salt, ByteView info, std::size_t length) {
  if (length == 0 || length > 255 * 32)
    throw bad_input("hkdf-sha256 output length " + std::to_string(length) +
                    " is out of range; expected 1 to 8160 bytes");
  PkeyCtx ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr), &EVP_PKEY_CTX_free);
  static const std::uint8_t kEmpty = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 ||
      EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) <= 0 ||
      EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), salt.empty() ? &kEmpty : salt.data(),
                                  static_cast<int>(salt.size())) <= 0 ||
      EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), ikm.empty() ? &kEmpty : ikm.data(),
                                 static_cast<int>(ikm.size())) <= 0 ||
      EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), info.empty() ? &kEmpty : info.data(),
                                  static_cast<int>(info.size())) <= 0)
    throw openssl_failure("hkdf-sha256 setup");
  Bytes out(length);
  std::size_t out_length = length;
  if (EVP_PKEY_derive(ctx.get(), out.data(), &out_length) <= 0)
    throw openssl_failure("hkdf-sha256 derive");
  return out;
}

Bytes aes256_cbc_encrypt(ByteView key, ByteView iv, ByteView plaintext) {
  return aes256_cbc(key, iv, plaintext, true);
}

Bytes aes256_cbc_decrypt(ByteView key, ByteView iv, ByteView ciphertext) {
  if (ciphertext.empty() || ciphertext.size() % 16 != 0)
    throw bad_input("aes-256-cbc ciphertext is " + std::to_string(ciphertext.size()) +
                    " bytes; expected a non-zero multiple of 16");
  return aes256_cbc(key, iv, ciphertext, false);
}

bool constant_time_equal(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sf::crypto
