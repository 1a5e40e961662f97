// crypto: Ed25519 (RFC 8032) for link codes, which anyone holding the public
// key can verify. Keys travel as raw 32-byte values (the private key is the
// RFC 8032 seed), so key files stay independent of OpenSSL's formats.
#pragma once

#include <memory>

#include "crypto/primitives.h"

namespace sf::crypto {

/// A private key, parsed once so signing in a loop is cheap. sign() is
/// thread-safe.
class Ed25519PrivateKey {
 public:
  /// A fresh random key. Throws Error(internal) on library failure.
  static Ed25519PrivateKey generate();
  /// From a 32-byte seed; throws Error(bad_input) on another size.
  static Ed25519PrivateKey from_seed(ByteView seed);
  ~Ed25519PrivateKey();
  Ed25519PrivateKey(Ed25519PrivateKey&&) noexcept;
  Ed25519PrivateKey& operator=(Ed25519PrivateKey&&) noexcept;

  /// The 32-byte seed (secret: never print it).
  Bytes seed() const;
  /// The 32-byte public key.
  Bytes public_key() const;
  /// The 64-byte signature of `message`. Throws Error(internal) on failure.
  Bytes sign(ByteView message) const;

 private:
  struct State;
  explicit Ed25519PrivateKey(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// A public key, parsed once so verifying in a loop is cheap. verify() is
/// thread-safe.
class Ed25519PublicKey {
 public:
  /// From 32 raw bytes; throws Error(bad_input) on another size or a value
  /// OpenSSL rejects.
  static Ed25519PublicKey from_bytes(ByteView public_key);
  ~Ed25519PublicKey();
  Ed25519PublicKey(Ed25519PublicKey&&) noexcept;
  Ed25519PublicKey& operator=(Ed25519PublicKey&&) noexcept;

  /// True only for a valid 64-byte signature of `message`; never throws for
  /// bad signatures.
  bool verify(ByteView message, ByteView signature) const;

 private:
  struct State;
  explicit Ed25519PublicKey(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// One-shot helpers (parse the key each call).
Bytes ed25519_sign(ByteView seed, ByteView message);
bool ed25519_verify(ByteView public_key, ByteView message, ByteView signature);

}  // namespace sf::crypto
