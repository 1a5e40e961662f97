// codes: QR images of codes and links (libqrencode), as PNG or SVG, for
// receipts, posters and the printable sheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/files.h"

namespace sf::codes {

/// The QR symbol as rows of modules (true = dark), quiet zone excluded.
/// Throws Error(bad_input) when `text` is too long for a QR code.
std::vector<std::vector<bool>> qr_modules(std::string_view text);

/// A 1-bit PNG with a 4-module quiet zone, `scale` pixels per module, dark
/// modules in `dark` ("#RRGGBB", e.g. a brand colour from qr_dark_color) on white.
Bytes qr_png(std::string_view text, int scale = 8, std::string_view dark = "#000000");

/// An SVG (one path, crisp at any size) with a 4-module quiet zone.
std::string qr_svg(std::string_view text, std::string_view dark = "#000000");

}  // namespace sf::codes
