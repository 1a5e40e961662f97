#include "verifier/download_token.h"

#include <charconv>

#include "base/error.h"
#include "codes/base64url.h"
#include "crypto/hmac_key.h"

namespace sf::verifier {
namespace {

// 128 bits of MAC: a token is a bearer credential for a file.
constexpr std::size_t kMacBytes = 16;

std::string mac_input(std::string_view file_path, std::int64_t expires_unix) {
  std::string input = "sf-download-1\n";
  input += file_path;
  input += '\n';
  input += std::to_string(expires_unix);
  return input;
}

}  // namespace

DownloadTokens::DownloadTokens(const Bytes& secret) {
  if (secret.size() < 16)
    throw bad_input("download secret has " + std::to_string(secret.size()) +
                    " bytes; expected at least 16");
  key_ = std::make_unique<crypto::HmacSha256Key>(crypto::ByteView(secret));
}

DownloadTokens::~DownloadTokens() = default;
DownloadTokens::DownloadTokens(DownloadTokens&&) noexcept = default;

std::string DownloadTokens::issue(std::string_view file_path, std::int64_t expires_unix) const {
  auto mac = key_->mac(crypto::as_bytes(mac_input(file_path, expires_unix)));
  Bytes truncated(mac.begin(), mac.begin() + kMacBytes);
  return std::to_string(expires_unix) + "." + codes::base64url_encode(truncated);
}

TokenCheck DownloadTokens::check(std::string_view file_path, std::string_view token,
                                 std::int64_t now_unix) const {
  if (token.size() > 64) return TokenCheck::malformed;
  auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0) return TokenCheck::malformed;
  std::int64_t expires = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + dot, expires);
  if (ec != std::errc() || end != token.data() + dot || expires <= 0)
    return TokenCheck::malformed;
  auto given = codes::base64url_decode(token.substr(dot + 1));
  if (!given || given->size() != kMacBytes) return TokenCheck::malformed;
  auto mac = key_->mac(crypto::as_bytes(mac_input(file_path, expires)));
  if (!crypto::constant_time_equal(crypto::ByteView(mac.data(), kMacBytes), *given))
    return TokenCheck::bad_signature;
  if (now_unix > expires) return TokenCheck::expired;
  return TokenCheck::valid;
}

Bytes load_download_secret(const std::filesystem::path& path) {
  if (path.empty()) return crypto::random_bytes(32);
  Bytes secret = read_file(path, 4096);
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.size() < 16)
    throw bad_input(path.string() + ": download secret has " + std::to_string(secret.size()) +
                    " bytes; expected at least 16 (e.g. head -c 32 /dev/urandom | base64)");
  return secret;
}

}  // namespace sf::verifier
