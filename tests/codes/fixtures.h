// Test fixtures for the codes module: fixed keys (the docs/codes.md vectors)
// and a small keyring/campaigns pair on disk.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "codes/campaign_book.h"
#include "codes/keyring.h"
#include "support/temp_dir.h"

namespace sf::test {

/// The vector HMAC key: bytes 0x00..0x1f.
inline Bytes vector_hmac_key() {
  Bytes key(32);
  for (int i = 0; i < 32; ++i) key[i] = static_cast<std::uint8_t>(i);
  return key;
}

/// The vector Ed25519 seed: bytes 0x20..0x3f.
inline Bytes vector_ed25519_seed() {
  Bytes seed(32);
  for (int i = 0; i < 32; ++i) seed[i] = static_cast<std::uint8_t>(32 + i);
  return seed;
}

/// A keyring file with hmac key 1 = vector key and ed25519 key 2 = vector seed.
inline std::filesystem::path write_vector_keyring(const std::filesystem::path& path) {
  write_file(path, R"({"keys": [
    {"id": 1, "type": "hmac", "status": "active", "created": "2026-01-01T00:00:00Z",
     "secret": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"},
    {"id": 2, "type": "ed25519", "status": "active", "created": "2026-01-01T00:00:00Z",
     "secret": "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8"}]})");
  ::chmod(path.c_str(), 0600);
  return path;
}

/// A campaigns file with campaign "spring" owning key 1 number 42 and key 2
/// number 42 (first serials 0 and 1048576), running all of 2026.
inline std::filesystem::path write_vector_campaigns(const std::filesystem::path& path) {
  write_file(path, R"({"campaigns": [
    {"id": "spring", "name": "Spring survey", "pack": "acme_hearts", "trigger": "survey",
     "starts": "2026-01-01T00:00:00Z", "ends": "2027-01-01T00:00:00Z",
     "uses_per_code": 1, "cap": 0,
     "slots": [{"key_id": 1, "number": 42, "first_serial": 0, "used": 5000},
               {"key_id": 2, "number": 42, "first_serial": 1048576, "used": 5000}]}]})");
  return path;
}

/// 2026-06-01T00:00:00Z: inside the vector campaign.
inline constexpr std::int64_t kMidCampaign = 1780272000;

}  // namespace sf::test
