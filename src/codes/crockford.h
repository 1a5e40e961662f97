// codes: Crockford Base32 symbols and the Luhn mod 32 check symbol used by
// typed codes. Pure functions, no allocation on the hot path.
#pragma once

#include <array>
#include <span>
#include <cstdint>
#include <string_view>

namespace sf::codes {

/// The 32 symbols in value order (no I, L, O, U).
inline constexpr std::string_view kCrockfordAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Value 0..31 of a symbol read leniently (case-insensitive, I/L -> 1,
/// O -> 0), or -1 for anything else (including U).
int crockford_value(char symbol);

/// The check symbol value for `values` (Luhn mod 32, computed from the
/// rightmost value leftwards with factors 2,1,2,...).
int luhn32_check(std::span<const std::uint8_t> values);

/// True when the last value is the right check value for the ones before it.
bool luhn32_valid(std::span<const std::uint8_t> values_with_check);

}  // namespace sf::codes
