// crypto: HMAC-SHA256 under one fixed key, for hot loops (issuing and
// checking millions of codes). The key's inner and outer pads are hashed
// once, so each MAC costs two SHA-256 block compressions.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "crypto/primitives.h"

namespace sf::crypto {

/// A keyed HMAC-SHA256. Immutable after construction; mac() is thread-safe.
class HmacSha256Key {
 public:
  /// Throws Error(internal) if OpenSSL cannot set up SHA-256.
  explicit HmacSha256Key(ByteView key);
  ~HmacSha256Key();
  HmacSha256Key(HmacSha256Key&&) noexcept;
  HmacSha256Key& operator=(HmacSha256Key&&) noexcept;

  /// HMAC-SHA256(key, data); equals hmac_sha256(key, data). Throws
  /// Error(internal) on library failure.
  std::array<std::uint8_t, 32> mac(ByteView data) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sf::crypto
