// Test helpers: read the pixel size from PNG and WebP headers (our checks
// must not trust our own decoder), and write tiny valid PNGs for fakes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>

namespace sf::test {

/// {width, height} from a PNG IHDR or a WebP VP8/VP8L/VP8X header; nullopt
/// when the file is neither (or is truncated).
std::optional<std::pair<int, int>> image_size(const std::filesystem::path& file);

/// Writes an uncompressed (stored-deflate) RGBA PNG of one colour.
void write_png(const std::filesystem::path& file, int width, int height);

}  // namespace sf::test
