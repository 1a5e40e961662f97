#include "verifier/personal_unlock.h"

#include <charconv>

#include "base/error.h"
#include "codes/base64url.h"
#include "crypto/hmac_key.h"

namespace sf::verifier {
namespace {

constexpr std::size_t kMacBytes = 16;

std::string mac_input(std::string_view code_key, std::int64_t ends_unix) {
  return "sf-unlock-1\n" + std::string(code_key) + "\n" + std::to_string(ends_unix);
}

}  // namespace

PersonalTokens::PersonalTokens(const Bytes& secret) {
  if (secret.size() < 16)
    throw bad_input("download secret has " + std::to_string(secret.size()) +
                    " bytes; expected at least 16");
  key_ = std::make_unique<crypto::HmacSha256Key>(crypto::ByteView(secret));
}

PersonalTokens::~PersonalTokens() = default;
PersonalTokens::PersonalTokens(PersonalTokens&&) noexcept = default;

std::string PersonalTokens::issue(std::string_view code_key, std::int64_t ends_unix) const {
  auto mac = key_->mac(crypto::as_bytes(mac_input(code_key, ends_unix)));
  return std::to_string(ends_unix) + "." + codes::base64url_encode(crypto::as_bytes(code_key)) +
         "." + codes::base64url_encode(crypto::ByteView(mac.data(), kMacBytes));
}

PersonalCheck PersonalTokens::check(std::string_view token, std::int64_t now_unix,
                                    std::string& code_key, std::int64_t* ends_unix) const {
  if (token.size() > 300) return PersonalCheck::bad;
  std::size_t first = token.find('.');
  std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || first == 0) return PersonalCheck::bad;
  std::int64_t ends = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + first, ends);
  if (ec != std::errc() || end != token.data() + first || ends < 0) return PersonalCheck::bad;
  auto key = codes::base64url_decode(token.substr(first + 1, second - first - 1));
  auto given = codes::base64url_decode(token.substr(second + 1));
  if (!key || key->empty() || !given || given->size() != kMacBytes) return PersonalCheck::bad;
  std::string text(key->begin(), key->end());
  auto mac = key_->mac(crypto::as_bytes(mac_input(text, ends)));
  if (!crypto::constant_time_equal(crypto::ByteView(mac.data(), kMacBytes), *given))
    return PersonalCheck::bad;
  if (ends != 0 && now_unix >= ends) return PersonalCheck::ended;
  code_key = std::move(text);
  if (ends_unix) *ends_unix = ends;
  return PersonalCheck::valid;
}

}  // namespace sf::verifier
