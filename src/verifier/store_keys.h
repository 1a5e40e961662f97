// verifier: store API keys. The file holds only SHA-256 digests of the keys,
// so a leaked config does not leak keys; a caller's bearer key is hashed and
// compared in constant time.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sf::verifier {

struct StoreKey {
  std::string store;       // store id, shown in answers and reports ("berlin-01")
  std::string sha256_hex;  // lower-case hex digest of the key
};

class StoreKeys {
 public:
  StoreKeys() = default;
  explicit StoreKeys(std::vector<StoreKey> keys) : keys_(std::move(keys)) {}

  /// Reads {"stores": [{"store": ID, "key_sha256": HEX}, ...]}. Throws
  /// Error(not_found/io) for an unreadable file and Error(bad_input) naming
  /// every bad entry (missing field, digest not 64 hex, duplicate store).
  static StoreKeys load(const std::filesystem::path& path);

  /// The store whose key is `key`, or nullopt. Costs one SHA-256.
  std::optional<std::string> authenticate(std::string_view key) const;

  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<StoreKey> keys_;
};

/// Lower-case hex SHA-256 of a store key, as the file stores it.
std::string store_key_digest(std::string_view key);

/// A fresh random store key ("sk_" + 43 base64url characters).
std::string new_store_key();

}  // namespace sf::verifier
