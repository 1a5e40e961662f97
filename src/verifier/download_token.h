// verifier: short-lived signed download tokens. A token binds one file path
// ("pack/platform/file") to an expiry, MACed with the service's download
// secret, so a link in an unlock answer works for a while and for that file
// only, and nothing needs to be stored per token.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/files.h"

namespace sf::crypto {
class HmacSha256Key;
}

namespace sf::verifier {

enum class TokenCheck { valid, malformed, bad_signature, expired };

class DownloadTokens {
 public:
  /// `secret` of at least 16 bytes; throws Error(bad_input) otherwise.
  explicit DownloadTokens(const Bytes& secret);
  ~DownloadTokens();
  DownloadTokens(DownloadTokens&&) noexcept;

  /// "<expires_unix>.<base64url MAC>" for `file_path`.
  std::string issue(std::string_view file_path, std::int64_t expires_unix) const;

  /// Checks `token` against `file_path` at `now_unix`. Never throws.
  TokenCheck check(std::string_view file_path, std::string_view token,
                   std::int64_t now_unix) const;

 private:
  std::unique_ptr<crypto::HmacSha256Key> key_;
};

/// The secret from a file (its bytes, at least 16), or 32 random bytes when
/// `path` is empty. Throws Error(not_found/io/bad_input) naming the file.
Bytes load_download_secret(const std::filesystem::path& path);

}  // namespace sf::verifier
