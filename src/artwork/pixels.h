// artwork (internal): moving pixels between our Raster and libvips images,
// and the Artwork's private state.
#pragma once

#include <string>

#include <vips/vips8>

#include "artwork/artwork.h"

namespace sf::artwork {

/// The decoded, trimmed, styled source: straight-alpha RGBA kept in memory so
/// every platform's fit reads the same pixels without decoding again.
struct Artwork::Impl {
  std::filesystem::path file;
  std::string source_format;
  std::pair<int, int> source_size;
  Raster pixels;  // straight alpha, fully transparent pixels zeroed
  LoadReport report;
  bool pixel_art = false;  // few colours, small: enlarged with nearest neighbour
};

namespace detail {

/// A vips view of `raster`'s memory (no copy): `raster` must outlive it.
vips::VImage to_vips(const Raster& raster);

/// Lazily converts grey, 16-bit, CMYK and Lab images to 8-bit sRGB (alpha
/// kept); images of unknown interpretation are only cast.
vips::VImage to_srgb8(vips::VImage image);

/// Lazily converts any image to 4-band 8-bit sRGB (opaque alpha added).
vips::VImage to_rgba8(vips::VImage image);

/// `image` shrunk by the whole factor `k` with premultiplied box averaging,
/// read in strips so a sequential source is never held whole. Throws
/// vips::VError when decoding fails.
Raster shrink_box(vips::VImage image, int k);

/// Materialises any image as 8-bit sRGB RGBA (adding opaque alpha when
/// missing). Throws vips::VError when decoding fails.
Raster to_raster(vips::VImage image);

/// Sets RGB of fully transparent pixels to 0 so they compress well and two
/// runs give the same bytes whatever the source had under zero alpha.
void clean_transparent(Raster& raster);

/// True when every alpha value is 0.
bool fully_transparent(const Raster& raster);

}  // namespace detail
}  // namespace sf::artwork

namespace sf::artwork::detail {

/// The smallest box holding every pixel with non-zero alpha, as
/// {left, top, width, height}; width 0 when the raster is fully transparent.
struct Box {
  int left = 0, top = 0, width = 0, height = 0;
};
Box content_box(const Raster& raster);

/// Copies the `box` part of `raster`.
Raster crop(const Raster& raster, const Box& box);

/// `source` resized to exactly width x height with premultiplied Lanczos
/// (no dark fringes), transparent pixels cleaned. Throws vips::VError.
Raster resample(const Raster& source, int width, int height);

/// `source` enlarged to width x height by repeating pixels (pixel art).
Raster resample_nearest(const Raster& source, int width, int height);

}  // namespace sf::artwork::detail
