// artwork (internal): what a file is, from its first bytes, never its name.
#pragma once

#include <string>
#include <string_view>

#include "base/files.h"

namespace sf::artwork::detail {

/// "png", "jpeg", "webp", "gif", "tiff", "pdf", "svg", or "" when the bytes
/// are none of the formats we accept.
std::string sniff_format(const Bytes& bytes);

/// A short description of unrecognised content for messages ("text",
/// "binary data", "an HTML document").
std::string describe_content(const Bytes& bytes);

}  // namespace sf::artwork::detail
