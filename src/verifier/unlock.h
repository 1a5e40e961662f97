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
};

struct Unlock {
  std::string pack_id, pack_title;
  bool available = false;  // false: the pack has no build in the packs folder yet
  std::int64_t links_expire_unix = 0;
  std::vector<UnlockPlatform> platforms;
};

/// Never throws for a missing or broken build: available is then false and
/// the problem is logged.
Unlock make_unlock(Services& services, const std::string& pack_id, std::int64_t now_unix);

nlohmann::json to_json(const Unlock& unlock);

}  // namespace sf::verifier
