// motion (internal): PNG chunk writing (CRC, big-endian fields) and
// filtered, deflated image rows, for our APNG encoder.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/files.h"

namespace sf::motion::detail {

void put_be32(Bytes& out, std::uint32_t value);
void put_be16(Bytes& out, std::uint16_t value);

/// Appends length, type, data and CRC.
void put_chunk(Bytes& out, std::string_view type, const Bytes& data);

/// zlib stream of the rows of a `width` x `height` sub-image with
/// `channels` bytes per pixel (1 = palette index, 4 = RGBA). Palette rows
/// are left unfiltered; RGBA rows get the filter with the smallest sum of
/// absolute values (the usual libpng heuristic).
Bytes deflate_rows(const std::uint8_t* pixels, int width, int height, int channels, int stride_bytes);

}  // namespace sf::motion::detail
