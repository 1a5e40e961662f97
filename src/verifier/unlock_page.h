// verifier: the unlock as a page: the stickers, one card per configured
// messenger with two or three numbered steps (the visitor's system first),
// "save the images" for everyone, and the personal address with its QR.
#pragma once

#include <cstdint>
#include <string>

#include "verifier/browser.h"
#include "verifier/page_frame.h"
#include "verifier/unlock.h"

namespace sf::verifier {

struct UnlockPageOptions {
  Device device = Device::other;
  std::int64_t redeemed_at_unix = 0;  // shown as "you unlocked these on ..." when returning
  bool returning = false;
  std::int64_t address_ends_unix = 0;  // the campaign's end; 0 = open
  int download_ttl_seconds = 900;
  std::string home_url = "/";
};

/// The page's <main> content (HTML).
std::string unlock_main(const PageContext& context, const Unlock& unlock,
                        const UnlockPageOptions& options);

}  // namespace sf::verifier
