// codes: a campaign's brand (name, logo, colours, support and privacy links),
// shown on the customer's pages, the printed cards and the QR images. Every
// field is optional; what is not set falls back to stickerforge's plain look.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/problems.h"

namespace sf::codes {

/// Colours as "#RRGGBB" (upper case once validated); "" = not set.
struct BrandColors {
  std::string primary;     // buttons, accents, QR modules
  std::string background;  // page and card background
  std::string text;        // body text
};

struct Brand {
  std::string name;                 // "Fergie & Friends"
  std::string logo;                 // as written in the campaigns file (relative to it)
  std::filesystem::path logo_file;  // `logo` resolved against the campaigns file's folder
  BrandColors colors;
  std::string support_url;          // https://…, http://… or mailto:…
  std::string privacy_url;

  bool empty() const;
};

/// The colours to draw with: the brand's where set, else stickerforge's
/// defaults (dark blue on white).
BrandColors effective_colors(const Brand& brand);

/// Text colour readable on `background` ("#FFFFFF" or "#111111"), for a
/// button label on the primary colour.
std::string readable_on(std::string_view background);

/// WCAG 2 contrast ratio of two "#RRGGBB" colours (1 to 21).
double contrast_ratio(std::string_view a, std::string_view b);

/// The colour for a QR code's dark modules: the brand's primary colour when
/// phone cameras still read it on white (contrast >= 4.5:1), else its text
/// colour under the same rule, else black.
std::string qr_dark_color(const Brand& brand);

/// "image/png" or "image/svg+xml" from the logo's extension; "" without logo.
std::string logo_media_type(const Brand& brand);

/// Every problem with `brand`, each naming `where` + ".field", the value and
/// what is expected: name length, logo type and presence, colour syntax,
/// text/background contrast, link schemes. Normalises colours to upper case.
void check_brand(Brand& brand, const std::string& where, Problems& problems);

/// "#RRGGBB" in upper case, or "" when `text` is not a colour of that form.
std::string normalize_color(std::string_view text);

}  // namespace sf::codes
