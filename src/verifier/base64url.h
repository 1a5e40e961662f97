// verifier (internal): base64url without padding, for tokens and keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/files.h"

namespace sf::verifier {

std::string base64url_encode(const Bytes& bytes);

/// nullopt when `text` holds a character outside the alphabet or has an
/// impossible length.
std::optional<Bytes> base64url_decode(std::string_view text);

}  // namespace sf::verifier
