// fit: contain-fit the styled artwork into one platform's canvas.
#include <algorithm>
#include <cmath>

#include "artwork/pixels.h"
#include "artwork/vips_session.h"
#include "base/error.h"

namespace sf::artwork {
namespace {

void flatten(Raster& raster, pack::Rgb background) {
  const std::uint8_t bg[3] = {background.r, background.g, background.b};
  for (std::size_t i = 0; i < raster.rgba.size(); i += 4) {
    unsigned a = raster.rgba[i + 3];
    for (int c = 0; c < 3; ++c)
      raster.rgba[i + c] = static_cast<std::uint8_t>((raster.rgba[i + c] * a + bg[c] * (255 - a) + 127) / 255);
    raster.rgba[i + 3] = 255;
  }
}

}  // namespace

Raster fit(const Artwork& artwork, const Canvas& canvas) {
  const Raster& source = artwork.impl().pixels;
  const int room_w = canvas.width - 2 * canvas.margin_px;
  const int room_h = canvas.height - 2 * canvas.margin_px;
  if (room_w < 1 || room_h < 1)
    throw internal_error("fit: canvas " + std::to_string(canvas.width) + "x" +
                         std::to_string(canvas.height) + " leaves no room inside a margin of " +
                         std::to_string(canvas.margin_px) + " px");
  const double scale = std::min(double(room_w) / source.width, double(room_h) / source.height);
  int art_w = std::clamp(static_cast<int>(std::lround(source.width * scale)), 1, room_w);
  int art_h = std::clamp(static_cast<int>(std::lround(source.height * scale)), 1, room_h);

  int out_w = canvas.width, out_h = canvas.height;
  if (!canvas.pad_to_canvas) {
    // A tight fit: the art plus its margin. LINE resizes odd sizes itself,
    // so round down to even by giving up at most one pixel of art.
    if (canvas.even_dimensions) {
      if ((art_w + 2 * canvas.margin_px) % 2 && art_w > 1) --art_w;
      if ((art_h + 2 * canvas.margin_px) % 2 && art_h > 1) --art_h;
    }
    out_w = art_w + 2 * canvas.margin_px;
    out_h = art_h + 2 * canvas.margin_px;
  }

  Raster art;
  try {
    // Pixel art keeps hard pixels when enlarged; smoothing would blur it.
    art = artwork.impl().pixel_art && scale > 1.0
              ? detail::resample_nearest(source, art_w, art_h)
              : detail::resample(source, art_w, art_h);
  } catch (const vips::VError& error) {
    throw internal_error(artwork.file().string() + ": resizing failed: " + detail::vips_message(error));
  }

  Raster out;
  out.width = out_w;
  out.height = out_h;
  out.rgba.assign(std::size_t(out_w) * out_h * 4, 0);
  const int left = (out_w - art_w) / 2, top = (out_h - art_h) / 2;
  for (int y = 0; y < art_h; ++y)
    std::copy_n(art.rgba.data() + std::size_t(y) * art_w * 4, std::size_t(art_w) * 4,
                out.rgba.data() + (std::size_t(top + y) * out_w + left) * 4);
  if (canvas.background) flatten(out, *canvas.background);
  out.upscaled = scale > 1.0 + 1e-9;
  return out;
}

}  // namespace sf::artwork
