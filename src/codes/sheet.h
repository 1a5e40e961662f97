// codes: a printable HTML sheet of codes (a grid of cards, each with the code
// in large type and its QR), for sticker cards and in-store handouts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "codes/campaign.h"

namespace sf::codes {

/// Appends the sheet's HTML to `out` as codes arrive (the caller flushes).
class SheetWriter {
 public:
  SheetWriter(std::string& out, const Campaign& campaign);
  /// One card. Throws Error(bad_input) if `qr_text` cannot be a QR code.
  void add(std::string_view code, std::uint64_t serial, std::string_view qr_text);
  /// Closes the document.
  void finish();

 private:
  std::string& out_;
};

}  // namespace sf::codes
