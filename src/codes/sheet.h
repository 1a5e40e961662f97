// codes: printable reward cards, as one HTML document: A4 sheets of cut-out
// cards or a strip for 58/80 mm receipt printers. Each card carries the brand,
// the code on one line, its QR (always a URL a phone camera opens), the
// address to type it at, three short steps and the last day, in words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "codes/campaign.h"

namespace sf::codes {

enum class CardLayout { a4, receipt_58, receipt_80 };

/// "a4", "receipt-58", "receipt-80"; nullopt otherwise.
std::optional<CardLayout> parse_card_layout(std::string_view name);

struct CardSettings {
  CardLayout layout = CardLayout::a4;
  /// Where a customer types the code, as printed: "rewards.example".
  std::string address;
  /// Typed codes are printed to be typed; link codes only scanned.
  bool typed = true;
};

/// What a customer types into the browser for a link base:
/// "https://rewards.example/r/" and "https://acme.example/redeem?c={code}"
/// give "rewards.example" and "acme.example/redeem".
std::string redemption_address(std::string_view link_base);

/// Appends the cards' HTML to `out` as codes arrive (the caller flushes).
class SheetWriter {
 public:
  /// Throws Error(io) when the brand's logo cannot be read.
  SheetWriter(std::string& out, const Campaign& campaign, CardSettings settings);
  /// One card. Throws Error(bad_input) if `qr_url` cannot be a QR code.
  void add(std::string_view code, std::uint64_t serial, std::string_view qr_url);
  /// Closes the document.
  void finish();

 private:
  std::string& out_;
  CardSettings settings_;
  std::string qr_dark_;
  std::string header_;  // brand logo and name, the same on every card
  std::string footer_;  // steps and expiry, the same on every card
};

}  // namespace sf::codes
