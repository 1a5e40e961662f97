// Test images made in the test itself (no binary fixtures): rasters drawn
// in code, then written as PNG/WEBP/... with our encoders, or as hand-made
// TIFF/PDF/PNG-header bytes for formats and broken files we cannot encode.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "artwork/artwork.h"

namespace sf::test {

/// A w x h raster whose pixel (x, y) is `paint(x, y)` as 0xRRGGBBAA.
artwork::Raster make_raster(int width, int height,
                            const std::function<std::uint32_t(int, int)>& paint);

/// A transparent w x h canvas with an opaque `rgba` rectangle at (x, y).
artwork::Raster rect_on_transparent(int width, int height, int x, int y, int rect_w, int rect_h,
                                    std::uint32_t rgba);

/// Photo-like noisy art (hard to compress), opaque disc on transparency.
artwork::Raster noisy_disc(int size_px, unsigned seed);

/// Illustration-like art: gradients and a ring on transparency, with a
/// little noise so lossless PNG is not tiny.
artwork::Raster smooth_art(int size_px);

void write_bytes(const std::filesystem::path& path, const Bytes& bytes);

/// A PNG made of a valid signature and IHDR (correct CRC) declaring
/// `width` x `height` RGBA, followed by IEND: a header-only bomb.
Bytes png_header_only(std::uint32_t width, std::uint32_t height);

/// Uncompressed little-endian RGBA TIFF of `raster`.
Bytes tiff_bytes(const artwork::Raster& raster);

/// One-page PDF (`width_pt` x `height_pt`) with a filled red square.
std::string pdf_with_square(int width_pt, int height_pt);

/// Pixel at (x, y) as 0xRRGGBBAA.
std::uint32_t pixel(const artwork::Raster& raster, int x, int y);

}  // namespace sf::test
