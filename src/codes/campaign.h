// codes: a campaign as the verifier sees it. Expiry, trigger, pack and limits
// live here, not in the code, so marketers change them without reissuing.
#pragma once

#include <cstdint>
#include <string>

#include "codes/brand.h"

namespace sf::codes {

/// One reward campaign (a row of the campaigns file).
struct Campaign {
  std::string id;        // marketer's name for it: "spring-survey"
  std::string name;      // display title
  std::string pack_id;   // the sticker pack a redemption unlocks
  std::string trigger;   // "survey", "subscription", "purchase" or "manual"
  std::int64_t starts_unix = 0;  // first valid second (UTC); 0 = open
  std::int64_t ends_unix = 0;    // first invalid second (UTC); 0 = open
  int uses_per_code = 1;         // redemptions allowed per code
  std::int64_t cap = 0;          // total redemptions allowed; 0 = none
  Brand brand{};                 // how pages, cards and QR images look; empty = plain
};

}  // namespace sf::codes
