// verifier (internal): what a redemption hands the customer, with fresh
// download tokens, for both the JSON answer and the HTML page.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "verifier/json_text.h"
#include "verifier/services.h"

namespace sf::verifier {

struct UnlockPlatform {
  std::string platform;
  std::string add_link;
  std::vector<std::pair<std::string, std::string>> downloads;  // file name, URL with token
  std::vector<std::pair<std::string, std::string>> install;    // install.json field, https URL
};

struct Unlock {
  std::string pack_id, pack_title;
  bool available = false;  // false: the pack has no build in the packs folder yet
  std::int64_t links_expire_unix = 0;
  std::vector<UnlockPlatform> platforms;
  /// The stickers as PNGs (URLs with tokens) and all of them as one ZIP.
  std::vector<std::string> previews;
  std::string images_file, images_url;
  // The customer's personal unlock address (/u/<token>) and a QR image of it.
  std::string personal_token, personal_url, personal_qr_url;
};

/// Never throws for a missing or broken build: available is then false and
/// the problem is logged.
Unlock make_unlock(Services& services, const std::string& pack_id, std::int64_t now_unix);

/// Adds the personal unlock address of the redemption `code_key` (valid until
/// `ends_unix`, the campaign's end; 0 = open).
void attach_personal_address(Services& services, Unlock& unlock, const std::string& code_key,
                             std::int64_t ends_unix);

nlohmann::json to_json(const Unlock& unlock);

}  // namespace sf::verifier
