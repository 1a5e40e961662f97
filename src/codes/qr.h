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

/// A 1-bit grayscale PNG with a 4-module quiet zone, `scale` pixels per module.
Bytes qr_png(std::string_view text, int scale = 8);

/// An SVG (one path, crisp at any size) with a 4-module quiet zone.
std::string qr_svg(std::string_view text);

}  // namespace sf::codes
