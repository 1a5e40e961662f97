// codes: the link token format (docs/codes.md §Link tokens). An Ed25519
// signature over a small binary payload, base64url-encoded so it fits in a
// URL path or query and in a QR code; verifiable with the public key alone.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/ed25519.h"

namespace sf::codes {

/// What a link token carries.
struct LinkFields {
  std::uint32_t key_id = 0;           // 0..31, an ed25519 key of the keyring
  std::uint32_t campaign_number = 0;  // 0..1023
  std::uint32_t serial = 0;           // 0..1048575 within the slot
  std::int64_t not_after_unix = 0;    // last valid second; 0 = campaign decides
  std::optional<std::array<std::uint8_t, 16>> subject_hash;  // who it was sent to
};

/// The payload bytes (17 or 33) that are signed and sent.
Bytes link_payload(const LinkFields& fields);

/// base64url(payload | Ed25519 signature over "STKL1" | payload).
std::string sign_link(const crypto::Ed25519PrivateKey& key, const LinkFields& fields);

/// First 16 bytes of SHA-256 of the subject (e.g. an e-mail address), after
/// trimming and lower-casing, so tokens never carry the address itself.
std::array<std::uint8_t, 16> subject_hash(std::string_view subject);

/// The code inside a pasted link: the last path segment, or a query value,
/// that has the length of a link token or a typed code
/// ("https://x/r/TOKEN?utm=y", "https://x/redeem?c=11A0-16JH-3NDR-T0XE").
/// Text without '/' or '?' is returned as is. Never throws.
std::string_view code_in_link(std::string_view text);

/// A token's text split into fields and signature, before any key is used.
struct LinkParse {
  bool ok = false;
  LinkFields fields;
  Bytes signed_message;   // "STKL1" | payload
  Bytes signature;        // 64 bytes
  std::string problem;    // when !ok
};

/// Decodes a token (or a URL whose last path segment or query value is
/// one). Never throws.
LinkParse parse_link(std::string_view text);

}  // namespace sf::codes
