// codes: base64url without padding (RFC 4648 §5), for link tokens and key files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/files.h"
#include "crypto/primitives.h"

namespace sf::codes {

/// Encodes without '=' padding.
std::string base64url_encode(crypto::ByteView bytes);

/// Decodes unpadded base64url; nullopt on any other character or a length
/// that cannot come from encoding. Never throws.
std::optional<Bytes> base64url_decode(std::string_view text);

}  // namespace sf::codes
