// triggers: the receivers' file (config key `triggers`), read at start and
// on SIGHUP. It holds the providers' secrets, never the campaigns file
// (which says which events issue): secrets rotate on their own schedule and
// the file is kept 0600.
//
// {"format": "stickerforge-triggers", "version": 1,
//  "tolerance_seconds": 300, "claim_wait_seconds": 4,
//  "link_base": "https://stickers.example/?code={code}",
//  "endpoints": [{"source": "stripe", "campaign": "spring", "secrets": ["whsec_..."]},
//                {"source": "shopify", "secrets": ["new", "old"]}]}
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sf::triggers {

/// Where one provider delivers: POST /v1/hooks/<source>/<campaign>.
struct Endpoint {
  std::string source;
  std::string campaign;               // "" = every campaign that issues on this source
  std::vector<std::string> secrets;   // one, or two while rotating
  std::string api_base, api_key;      // mailchimp: confirm the member before issuing
};

struct TriggerSettings {
  std::vector<Endpoint> endpoints;
  int tolerance_seconds = 300;        // signed timestamps (Stripe, Standard Webhooks, ours)
  int claim_wait_seconds = 4;         // a claim page waits this long for its webhook
  std::string link_base;              // "{code}" replaced, or the code appended
  std::size_t max_body_bytes = 256 * 1024;

  /// The endpoint for (source, campaign): the campaign's own, else the
  /// source's catch-all; nullptr when neither is configured.
  const Endpoint* find(std::string_view source, std::string_view campaign) const;
};

/// Reads the file. `public_url` (the verifier's config) is the default link
/// base and the URL Square signs. Throws Error(bad_input) naming the file and
/// every bad field (unknown source, missing secrets, a group/world-readable
/// file, a short secret), Error(not_found) when missing.
TriggerSettings load_trigger_settings(const std::filesystem::path& path,
                                      std::string_view public_url);

}  // namespace sf::triggers
