// codes: the keyring file. HMAC keys sign typed codes, Ed25519 keys sign link
// tokens; every key has a 5-bit id carried by its codes, so keys rotate:
// a retired key still verifies but no longer issues. The file holds secrets,
// so it is written 0600 and refused when group- or world-readable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/files.h"

namespace sf::codes {

enum class KeyType { hmac, ed25519 };

/// "hmac" or "ed25519".
std::string_view key_type_name(KeyType type);

struct KeyEntry {
  std::uint32_t id = 0;    // 1..31, carried in every code
  KeyType type = KeyType::hmac;
  bool retired = false;
  std::int64_t created_unix = 0;
  Bytes secret;      // 32 bytes; empty in a public-only keyring
  Bytes public_key;  // ed25519 only
};

/// 8 hex digits naming the key itself in ledger keys (codes.md §3): HMAC
/// keys a MAC of a fixed label (the secret stays secret), Ed25519 keys a
/// hash of the public key, so a public-only keyring computes the same.
std::string key_fingerprint(const KeyEntry& key);

class Keyring {
 public:
  /// Reads a keyring. Throws Error(not_found) when missing, Error(bad_input)
  /// when group/world-readable (with the chmod to fix it) or corrupt (naming
  /// the field). A public-only file (keys export-public) is accepted at any
  /// mode and has no secrets.
  static Keyring load(const std::filesystem::path& path);

  /// Writes atomically with mode 0600.
  void save(const std::filesystem::path& path) const;

  /// Adds a fresh random key with the lowest free id. Throws
  /// Error(conflict) when all 31 ids are used.
  const KeyEntry& add(KeyType type, std::int64_t now_unix);

  /// Marks a key retired. Throws Error(not_found) for an unknown id.
  void retire(std::uint32_t id);

  /// The newest active key of `type` (with its secret), or nullptr.
  const KeyEntry* issuing_key(KeyType type) const;
  /// The key with `id`, or nullptr.
  const KeyEntry* find(std::uint32_t id) const;
  /// Every key, oldest first.
  const std::vector<KeyEntry>& keys() const { return keys_; }

  /// JSON of the Ed25519 public keys only (safe to publish).
  std::string public_json() const;

 private:
  std::vector<KeyEntry> keys_;
};

}  // namespace sf::codes
