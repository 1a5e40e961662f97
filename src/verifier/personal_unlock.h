// verifier: the personal unlock address (/u/<token>) a customer gets at
// redemption. The token names the ledger's redemption record (its code key)
// and the end of the campaign, MACed with the download secret, so it cannot
// be forged or moved to another code, needs no storage, and works on every
// instance sharing that secret. It stays valid while the campaign lives;
// the code itself stays used for everyone else.
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

enum class PersonalCheck { valid, bad, ended };

class PersonalTokens {
 public:
  /// Same secret as the download tokens (at least 16 bytes); the MAC input
  /// differs, so neither token passes for the other.
  explicit PersonalTokens(const Bytes& secret);
  ~PersonalTokens();
  PersonalTokens(PersonalTokens&&) noexcept;

  /// "<ends_unix>.<base64url code key>.<base64url MAC>"; ends_unix 0 = the
  /// campaign has no end.
  std::string issue(std::string_view code_key, std::int64_t ends_unix) const;

  /// Checks a token at `now_unix`; fills `code_key` (and `ends_unix` when
  /// given) when valid. Never throws.
  PersonalCheck check(std::string_view token, std::int64_t now_unix, std::string& code_key,
                      std::int64_t* ends_unix = nullptr) const;

 private:
  std::unique_ptr<crypto::HmacSha256Key> key_;
};

}  // namespace sf::verifier
