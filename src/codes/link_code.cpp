#include "codes/link_code.h"

#include <algorithm>
#include <cctype>

#include "base/error.h"
#include "codes/base64url.h"
#include "codes/typed_code.h"

namespace sf::codes {
namespace {

constexpr std::uint8_t kVersion = 1;
constexpr std::uint8_t kHasSubject = 1;
constexpr std::string_view kDomain = "STKL1";

void put_be(Bytes& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

std::uint64_t get_be(const Bytes& in, std::size_t at, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = (value << 8) | in[at + i];
  return value;
}

Bytes signed_message(const Bytes& payload) {
  Bytes message(kDomain.size() + payload.size());
  std::copy(kDomain.begin(), kDomain.end(), message.begin());
  std::copy(payload.begin(), payload.end(), message.begin() + kDomain.size());
  return message;
}

}  // namespace

std::string_view code_in_link(std::string_view text) {
  if (text.find('/') == std::string_view::npos && text.find('?') == std::string_view::npos)
    return text;
  text = text.substr(0, text.find('#'));
  std::string_view path = text.substr(0, text.find('?'));
  std::string_view segment = path.substr(path.find_last_of('/') + 1);
  // A token is 108 or 130 characters; a typed code 16 to 19 (with hyphens).
  auto code_sized = [](std::string_view piece) {
    return piece.size() == 108 || piece.size() == 130 || (piece.size() >= 16 && piece.size() <= 19);
  };
  if (code_sized(segment)) return segment;
  std::size_t query = text.find('?');
  while (query != std::string_view::npos) {
    std::string_view rest = text.substr(query + 1);
    std::string_view pair = rest.substr(0, rest.find('&'));
    std::string_view value = pair.substr(pair.find('=') + 1);
    if (code_sized(value)) return value;
    query = text.find('&', query + 1);
  }
  return segment;
}

Bytes link_payload(const LinkFields& f) {
  if (f.key_id > kTypedMaxKeyId || f.campaign_number > kTypedMaxCampaignNumber ||
      f.serial >= kTypedSerialsPerSlot)
    throw internal_error("link token field out of range");
  Bytes out;
  out.reserve(33);
  out.push_back(kVersion);
  out.push_back(static_cast<std::uint8_t>(f.key_id));
  put_be(out, f.campaign_number, 2);
  put_be(out, f.serial, 4);
  put_be(out, static_cast<std::uint64_t>(f.not_after_unix), 8);
  out.push_back(f.subject_hash ? kHasSubject : 0);
  if (f.subject_hash) out.insert(out.end(), f.subject_hash->begin(), f.subject_hash->end());
  return out;
}

std::string sign_link(const crypto::Ed25519PrivateKey& key, const LinkFields& fields) {
  Bytes payload = link_payload(fields);
  Bytes signature = key.sign(signed_message(payload));
  payload.insert(payload.end(), signature.begin(), signature.end());
  return base64url_encode(payload);
}

std::array<std::uint8_t, 16> subject_hash(std::string_view subject) {
  while (!subject.empty() && std::isspace(static_cast<unsigned char>(subject.front())))
    subject.remove_prefix(1);
  while (!subject.empty() && std::isspace(static_cast<unsigned char>(subject.back())))
    subject.remove_suffix(1);
  std::string lower(subject);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Bytes digest = crypto::sha256(crypto::as_bytes(lower));
  std::array<std::uint8_t, 16> out;
  std::copy(digest.begin(), digest.begin() + 16, out.begin());
  return out;
}

LinkParse parse_link(std::string_view text) {
  LinkParse result;
  text = code_in_link(text);
  auto bytes = base64url_decode(text);
  if (!bytes) {
    result.problem = "link token is not base64url text";
    return result;
  }
  const Bytes& b = *bytes;
  if (b.size() != 17 + 64 && b.size() != 33 + 64) {
    result.problem = "link token decodes to " + std::to_string(b.size()) +
                     " bytes; expected 81 or 97";
    return result;
  }
  if (b[0] != kVersion) {
    result.problem = "link token version " + std::to_string(b[0]) + " is unknown; expected 1";
    return result;
  }
  std::size_t payload_size = b.size() - 64;
  bool has_subject = b[16] & kHasSubject;
  if ((b[16] & ~kHasSubject) != 0 || has_subject != (payload_size == 33)) {
    result.problem = "link token flags do not match its length";
    return result;
  }
  LinkFields& f = result.fields;
  f.key_id = b[1];
  f.campaign_number = static_cast<std::uint32_t>(get_be(b, 2, 2));
  f.serial = static_cast<std::uint32_t>(get_be(b, 4, 4));
  f.not_after_unix = static_cast<std::int64_t>(get_be(b, 8, 8));
  if (has_subject) {
    std::array<std::uint8_t, 16> hash;
    std::copy(b.begin() + 17, b.begin() + 33, hash.begin());
    f.subject_hash = hash;
  }
  if (f.key_id > kTypedMaxKeyId || f.campaign_number > kTypedMaxCampaignNumber ||
      f.serial >= kTypedSerialsPerSlot) {
    result.problem = "link token fields are out of range";
    return result;
  }
  result.signed_message = signed_message(Bytes(b.begin(), b.begin() + payload_size));
  result.signature.assign(b.begin() + payload_size, b.end());
  result.ok = true;
  return result;
}

}  // namespace sf::codes
