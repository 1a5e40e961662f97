// exporters: Signal's sticker-pack manifest (Stickers.proto), encoded by hand
// because it is four fields, and the pack encryption Signal clients expect.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/files.h"

namespace sf::exporters::signal {

struct ManifestSticker {
  std::uint32_t id = 0;
  std::string emoji;
};

/// message StickerPack { optional string title = 1; optional string author = 2;
///   optional Sticker cover = 3; repeated Sticker stickers = 4; }
/// message Sticker { optional uint32 id = 1; optional string emoji = 2; }
struct Manifest {
  std::string title, author;
  std::optional<ManifestSticker> cover;
  std::vector<ManifestSticker> stickers;
};

/// Protobuf wire encoding of `manifest` (fields in number order).
Bytes encode_manifest(const Manifest& manifest);
/// Decodes a manifest; throws Error(bad_input) on malformed protobuf.
Manifest decode_manifest(std::span<const std::uint8_t> bytes);

/// The two keys HKDF-SHA256(pack_key, salt = 32 zero bytes, info = "Sticker Pack")
/// gives: bytes 0-31 AES-256, bytes 32-63 HMAC-SHA256.
struct PackKeys {
  Bytes aes_key, mac_key;
};
/// Throws Error(bad_input) unless `pack_key` is 32 bytes.
PackKeys derive_keys(std::span<const std::uint8_t> pack_key);

/// IV(16) || AES-256-CBC/PKCS#7(plaintext) || HMAC-SHA256(mac_key, IV || ciphertext).
/// The IV is derived from the keys and the plaintext, so a fixed pack key
/// gives byte-identical blobs (and equal IVs only for equal plaintexts).
Bytes encrypt_blob(const PackKeys& keys, std::span<const std::uint8_t> plaintext);

/// Verifies the MAC, then decrypts. Throws Error(bad_input) on a bad MAC.
Bytes decrypt_blob(const PackKeys& keys, std::span<const std::uint8_t> blob);

/// Lower-case hex of `bytes`; and the reverse (throws Error(bad_input)).
std::string to_hex(std::span<const std::uint8_t> bytes);
Bytes from_hex(const std::string& hex, const std::string& what);

}  // namespace sf::exporters::signal
