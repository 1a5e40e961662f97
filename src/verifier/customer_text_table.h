// verifier (internal): the table behind customer_text.h.
#pragma once

#include <span>
#include <string_view>

namespace sf::verifier {

struct CustomerText {
  std::string_view key, en, de;
};

/// Every customer-facing sentence, sorted by nothing in particular.
std::span<const CustomerText> customer_texts();

}  // namespace sf::verifier
