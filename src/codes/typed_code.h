// codes: the typed code format (docs/codes.md §Typed codes). 16 Crockford
// symbols: 15 carry kid (5 bits) | campaign number (10) | serial (20) |
// tag (40), the 16th is a Luhn mod 32 check symbol.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/hmac_key.h"

namespace sf::codes {

inline constexpr std::uint32_t kTypedMaxKeyId = 31;
inline constexpr std::uint32_t kTypedMaxCampaignNumber = 1023;
inline constexpr std::uint32_t kTypedSerialsPerSlot = 1u << 20;

/// What a typed code carries besides its tag.
struct TypedFields {
  std::uint32_t key_id = 0;           // 0..31
  std::uint32_t campaign_number = 0;  // 0..1023
  std::uint32_t serial = 0;           // 0..1048575
};

/// The 12-byte MAC input: "STKR1" | kid u8 | campaign u16 BE | serial u32 BE.
std::array<std::uint8_t, 12> typed_mac_input(const TypedFields& fields);

/// The 40-bit tag: first 5 bytes of HMAC-SHA256(key, typed_mac_input) as a
/// big-endian number.
std::uint64_t typed_tag(const crypto::HmacSha256Key& key, const TypedFields& fields);

/// "XXXX-XXXX-XXXX-XXXX". Throws Error(internal) when a field is out of range
/// (a programmer error: the issuer never asks for one).
std::string format_typed(const TypedFields& fields, std::uint64_t tag);

/// Writes the 19 characters of format_typed into `out` without allocating.
void format_typed_into(const TypedFields& fields, std::uint64_t tag, char out[19]);

/// Result of reading a typed code's text (no key involved).
struct TypedParse {
  enum class Status { ok, malformed, mistyped } status = Status::malformed;
  TypedFields fields;
  std::uint64_t tag = 0;
  std::string problem;  // for malformed/mistyped: what is wrong, for people
};

/// Reads a typed code leniently: case, spaces, hyphens, I/L -> 1, O -> 0.
/// Never throws.
TypedParse parse_typed(std::string_view text);

}  // namespace sf::codes
