// crypto: the project's only door to OpenSSL. Every other module asks for
// hashes, MACs, ciphers and signatures here, in sf::Bytes and spans, so no
// OpenSSL type or header leaks out (style.md §2). Depends only on base.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/files.h"

namespace sf::crypto {

using ByteView = std::span<const std::uint8_t>;

/// Bytes viewed from text (no copy), for MAC inputs and labels.
inline ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

/// `count` bytes from the OS CSPRNG (OpenSSL RAND_bytes). Throws
/// Error(internal) if the generator fails.
Bytes random_bytes(std::size_t count);

/// SHA-256 of `data` (32 bytes). Throws Error(internal) on library failure.
Bytes sha256(ByteView data);

/// HMAC-SHA256 of `data` under `key` (32 bytes). Throws Error(internal) on
/// library failure. For many MACs under one key use HmacSha256Key.
Bytes hmac_sha256(ByteView key, ByteView data);

/// HKDF-SHA256 (RFC 5869) extract-and-expand to `length` bytes. Throws
/// Error(bad_input) when length is 0 or above 255*32, Error(internal) on
/// library failure.
Bytes hkdf_sha256(ByteView ikm, ByteView salt, ByteView info, std::size_t length);

/// AES-256-CBC with PKCS#7 padding. Throws Error(bad_input) when key is not
/// 32 bytes or iv not 16 bytes.
Bytes aes256_cbc_encrypt(ByteView key, ByteView iv, ByteView plaintext);

/// Inverse of aes256_cbc_encrypt. Throws Error(bad_input) on a wrong key/iv
/// size, a ciphertext that is not a whole number of blocks, or bad padding.
Bytes aes256_cbc_decrypt(ByteView key, ByteView iv, ByteView ciphertext);

/// True when a and b are equal, in time that depends only on their lengths
/// (CRYPTO_memcmp). Use it for every MAC/tag comparison.
bool constant_time_equal(ByteView a, ByteView b);

}  // namespace sf::crypto
