#include "codes/typed_code.h"

#include "base/error.h"
#include "base/text.h"
#include "codes/crockford.h"

namespace sf::codes {
namespace {

// The 75 data bits, most significant first: kid | campaign | serial | tag.
void to_values(const TypedFields& f, std::uint64_t tag, std::uint8_t values[16]) {
  values[0] = static_cast<std::uint8_t>(f.key_id);
  values[1] = static_cast<std::uint8_t>(f.campaign_number >> 5);
  values[2] = static_cast<std::uint8_t>(f.campaign_number & 31);
  for (int i = 0; i < 4; ++i) values[3 + i] = (f.serial >> (15 - 5 * i)) & 31;
  for (int i = 0; i < 8; ++i) values[7 + i] = (tag >> (35 - 5 * i)) & 31;
  values[15] = static_cast<std::uint8_t>(luhn32_check({values, 15}));
}

}  // namespace

std::array<std::uint8_t, 12> typed_mac_input(const TypedFields& f) {
  return {'S', 'T', 'K', 'R', '1',
          static_cast<std::uint8_t>(f.key_id),
          static_cast<std::uint8_t>(f.campaign_number >> 8),
          static_cast<std::uint8_t>(f.campaign_number),
          static_cast<std::uint8_t>(f.serial >> 24),
          static_cast<std::uint8_t>(f.serial >> 16),
          static_cast<std::uint8_t>(f.serial >> 8),
          static_cast<std::uint8_t>(f.serial)};
}

std::uint64_t typed_tag(const crypto::HmacSha256Key& key, const TypedFields& fields) {
  auto input = typed_mac_input(fields);
  auto mac = key.mac(input);
  std::uint64_t tag = 0;
  for (int i = 0; i < 5; ++i) tag = (tag << 8) | mac[i];
  return tag;
}

void format_typed_into(const TypedFields& fields, std::uint64_t tag, char out[19]) {
  if (fields.key_id > kTypedMaxKeyId || fields.campaign_number > kTypedMaxCampaignNumber ||
      fields.serial >= kTypedSerialsPerSlot || tag >> 40)
    throw internal_error("typed code field out of range (key " +
                         std::to_string(fields.key_id) + ", campaign number " +
                         std::to_string(fields.campaign_number) + ", serial " +
                         std::to_string(fields.serial) + ")");
  std::uint8_t values[16];
  to_values(fields, tag, values);
  int at = 0;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) out[at++] = '-';
    out[at++] = kCrockfordAlphabet[values[i]];
  }
}

std::string format_typed(const TypedFields& fields, std::uint64_t tag) {
  char text[19];
  format_typed_into(fields, tag, text);
  return std::string(text, 19);
}

TypedParse parse_typed(std::string_view text) {
  TypedParse result;
  std::uint8_t values[16];
  int count = 0;
  for (char c : text) {
    if (c == '-' || c == ' ' || c == '\t') continue;
    int v = crockford_value(c);
    if (v < 0) {
      result.problem = "code has " + quote(std::string_view(&c, 1)) +
                       ", which is not a code symbol (codes use 0-9 and A-Z except I, L, O, U)";
      return result;
    }
    if (count == 16) {
      count = 17;
      break;
    }
    values[count++] = static_cast<std::uint8_t>(v);
  }
  if (count != 16) {
    std::size_t symbols = 0;
    for (char c : text)
      if (c != '-' && c != ' ' && c != '\t') ++symbols;
    result.problem = "code has " + std::to_string(symbols) + " symbols; expected 16";
    return result;
  }
  if (!luhn32_valid({values, 16})) {
    result.status = TypedParse::Status::mistyped;
    result.problem = "code looks mistyped: its check symbol does not match; check each symbol";
    return result;
  }
  TypedFields& f = result.fields;
  f.key_id = values[0];
  f.campaign_number = (std::uint32_t(values[1]) << 5) | values[2];
  f.serial = 0;
  for (int i = 3; i < 7; ++i) f.serial = (f.serial << 5) | values[i];
  for (int i = 7; i < 15; ++i) result.tag = (result.tag << 5) | values[i];
  result.status = TypedParse::Status::ok;
  return result;
}

}  // namespace sf::codes
