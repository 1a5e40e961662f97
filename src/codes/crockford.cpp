#include "codes/crockford.h"

namespace sf::codes {
namespace {

struct DecodeTable {
  std::array<std::int8_t, 256> value{};
  constexpr DecodeTable() {
    for (auto& v : value) v = -1;
    for (int i = 0; i < 32; ++i) {
      char c = kCrockfordAlphabet[i];
      value[static_cast<unsigned char>(c)] = static_cast<std::int8_t>(i);
      if (c >= 'A' && c <= 'Z') value[static_cast<unsigned char>(c - 'A' + 'a')] = static_cast<std::int8_t>(i);
    }
    // Crockford's lenient readings: letters people confuse with digits.
    value['I'] = value['i'] = value['L'] = value['l'] = 1;
    value['O'] = value['o'] = 0;
  }
};
constexpr DecodeTable kTable;

// Luhn mod N: doubling a value and adding its base-32 "digits" is a
// bijection on 0..31, which is why every single substitution is caught.
int luhn_sum(std::span<const std::uint8_t> values, int first_factor) {
  int factor = first_factor, sum = 0;
  for (std::size_t i = values.size(); i-- > 0;) {
    int addend = factor * values[i];
    sum += addend / 32 + addend % 32;
    factor = factor == 2 ? 1 : 2;
  }
  return sum;
}

}  // namespace

int crockford_value(char symbol) { return kTable.value[static_cast<unsigned char>(symbol)]; }

int luhn32_check(std::span<const std::uint8_t> values) {
  return (32 - luhn_sum(values, 2) % 32) % 32;
}

bool luhn32_valid(std::span<const std::uint8_t> values_with_check) {
  return luhn_sum(values_with_check, 1) % 32 == 0;
}

}  // namespace sf::codes
