// verifier: the frame every customer page shares: language, the campaign's
// brand (name, logo, colours, support and privacy links) and the security
// headers. Pages are plain HTML with no script, so they work everywhere.
#pragma once

#include <string>
#include <string_view>

#include "verifier/customer_text.h"
#include "verifier/http_types.h"

namespace sf::verifier {

/// A campaign's brand as the pages show it; every field optional.
struct PageBrand {
  std::string name;
  std::string logo_url;      // served by the verifier (/brand/<campaign>/logo)
  std::string primary, background, text;  // "#RRGGBB"
  std::string support_url, privacy_url;   // https://, http:// or mailto:
};

struct PageContext {
  Language language = Language::en;
  PageBrand brand;
};

/// A text/html reply: `main` (already HTML) inside the frame, titled `title`
/// (plain text). no-store, a strict Content-Security-Policy, nosniff.
HttpReply html_reply(int status, const PageContext& context, std::string_view title,
                     const std::string& main);

/// True for "#RRGGBB" (the only colour spelling put into the page's CSS).
bool is_hex_colour(std::string_view text);

}  // namespace sf::verifier
