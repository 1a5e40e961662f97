// triggers: the receipt snippet a till prints with a code: plain text for
// 58 mm (32 columns) and 80 mm (48 columns) thermal printers, plus the QR of
// the code's link as SVG (ESC/POS drivers and POS SDKs print images).
#pragma once

#include <string>
#include <string_view>

namespace sf::triggers {

/// Centered lines at `columns` wide: a title, the campaign name, the code,
/// and the link wrapped at the width (never broken mid-code).
std::string receipt_text(std::string_view campaign_name, std::string_view code,
                         std::string_view link, int columns);

}  // namespace sf::triggers
