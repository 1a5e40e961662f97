// triggers: the pieces every provider's signature check is built from.
// Signatures are computed over the raw request bytes exactly as the
// provider signs them and compared in constant time; each endpoint may hold
// two secrets while one is rotated, and every secret is tried (no early
// exit) so the answer time does not say which one matched.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/files.h"

namespace sf::triggers {

/// HMAC-SHA256 of `data` under the bytes of `key`.
Bytes hmac_sha256(std::string_view key, std::string_view data);

/// Standard base64 with padding (RFC 4648 §4).
std::string base64(const Bytes& bytes);
/// Decodes standard base64 (padding optional); nullopt for anything else.
std::optional<Bytes> base64_decode(std::string_view text);
/// Lower-case hex.
std::string hex(const Bytes& bytes);

/// Constant-time equality of two texts (false for different lengths).
bool same_text(std::string_view a, std::string_view b);

/// True when `given` equals expected(secret) for one of `secrets`.
template <class Expected>
bool any_secret_matches(const std::vector<std::string>& secrets, std::string_view given,
                        Expected expected) {
  bool match = false;
  for (const std::string& secret : secrets) match |= same_text(expected(secret), given);
  return match;
}

/// True when |now - signed_at| is within `tolerance` seconds.
bool fresh(std::int64_t signed_at, std::int64_t now, int tolerance);

/// The first 16 bytes of SHA-256 of the address trimmed and lower-cased, in
/// hex: the same subject hash link tokens carry (codes.md §2.1), so a
/// support question about an address finds its codes without storing it.
std::string email_hash(std::string_view email);

}  // namespace sf::triggers
