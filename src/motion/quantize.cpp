// One palette for all frames, made by libimagequant (the quantiser behind
// pngquant): a histogram of every frame, one quantisation, then each frame
// remapped with dithering. Shared, because per-frame palettes make flat
// colours shimmer from frame to frame and cost a PLTE each.
#include <libimagequant.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "base/error.h"
#include "motion/encoders.h"

namespace sf::motion::detail {

namespace {

struct AttrDeleter {
  void operator()(liq_attr* attr) const { liq_attr_destroy(attr); }
};
struct HistogramDeleter {
  void operator()(liq_histogram* histogram) const { liq_histogram_destroy(histogram); }
};
struct ImageDeleter {
  void operator()(liq_image* image) const { liq_image_destroy(image); }
};
struct ResultDeleter {
  void operator()(liq_result* result) const { liq_result_destroy(result); }
};
using ImagePtr = std::unique_ptr<liq_image, ImageDeleter>;

// Source pixels within this distance (per channel) of the colour a pixel had
// when its index was last chosen keep that index: error diffusion would
// otherwise move the dither pattern in areas that did not change (visible
// crawl, and a changed rectangle as large as the frame). Small enough that
// the kept index is still what dithering would have picked, near enough.
constexpr int kSteadyTolerance = 2;

bool near(const std::uint8_t* a, const std::uint8_t* b) {
  for (int c = 0; c < 4; ++c)
    if (std::abs(int(a[c]) - int(b[c])) > kSteadyTolerance) return false;
  return true;
}

}  // namespace

Indexed quantize(const Animation& animation, const QuantizeOptions& options) {
  const int colors = std::clamp(options.colors, 2, 256);
  const int width = animation.width, height = animation.height;
  std::unique_ptr<liq_attr, AttrDeleter> attr(liq_attr_create());
  if (!attr) throw internal_error("libimagequant did not start");
  // One entry is kept for index 0, the fully transparent colour every
  // frame-difference trick relies on.
  liq_set_max_colors(attr.get(), colors - 1);
  liq_set_speed(attr.get(), options.speed);
  std::unique_ptr<liq_histogram, HistogramDeleter> histogram(liq_histogram_create(attr.get()));
  // Images are made twice (histogram, then remap) rather than kept: each
  // holds a float copy of its frame, 16 bytes a pixel.
  auto image_of = [&](const Frame& frame) {
    ImagePtr image(liq_image_create_rgba(attr.get(), frame.rgba.data(), width, height, 0));
    if (!image) throw internal_error("libimagequant refused a frame");
    return image;
  };
  for (const Frame& frame : animation.frames) {
    if (liq_histogram_add_image(histogram.get(), attr.get(), image_of(frame).get()) != LIQ_OK)
      throw internal_error("libimagequant could not read a frame");
  }
  liq_result* raw_result = nullptr;
  if (liq_histogram_quantize(histogram.get(), attr.get(), &raw_result) != LIQ_OK || !raw_result)
    throw internal_error("libimagequant found no palette");
  std::unique_ptr<liq_result, ResultDeleter> result(raw_result);
  liq_set_dithering_level(result.get(), static_cast<float>(options.dither));

  Indexed indexed;
  indexed.quality = liq_get_quantization_quality(result.get());
  const std::size_t pixels = static_cast<std::size_t>(width) * height;
  indexed.frames.resize(animation.frames.size());
  std::vector<std::uint8_t> remapped(pixels);
  for (std::size_t f = 0; f < animation.frames.size(); ++f) {
    if (liq_write_remapped_image(result.get(), image_of(animation.frames[f]).get(), remapped.data(),
                                 remapped.size()) != LIQ_OK)
      throw internal_error("libimagequant could not remap a frame");
    indexed.frames[f].assign(remapped.begin(), remapped.end());
  }
  // The palette is read after remapping: libimagequant refines it there.
  const liq_palette* palette = liq_get_palette(result.get());
  indexed.palette = {0, 0, 0, 0};
  std::vector<std::uint8_t> to_ours(palette->count);
  for (unsigned e = 0; e < palette->count; ++e) {
    const liq_color& c = palette->entries[e];
    if (c.a == 0) {
      to_ours[e] = 0;
      continue;
    }
    to_ours[e] = static_cast<std::uint8_t>(indexed.palette.size() / 4);
    indexed.palette.insert(indexed.palette.end(), {c.r, c.g, c.b, c.a});
  }
  indexed.colors = static_cast<int>(indexed.palette.size() / 4);

  // Our indices; nearly transparent pixels become index 0; steady pixels
  // keep the index they had.
  std::vector<std::uint8_t> anchor(animation.frames.empty() ? 0 : pixels * 4);
  for (std::size_t f = 0; f < animation.frames.size(); ++f) {
    const std::uint8_t* rgba = animation.frames[f].rgba.data();
    std::vector<std::uint8_t>& out = indexed.frames[f];
    for (std::size_t p = 0; p < pixels; ++p) {
      const std::uint8_t* px = rgba + p * 4;
      std::uint8_t* kept = &anchor[p * 4];
      if (f > 0 && near(px, kept)) {
        out[p] = indexed.frames[f - 1][p];
        continue;
      }
      std::copy_n(px, 4, kept);
      out[p] = px[3] < options.transparent_below ? 0 : to_ours[out[p]];
    }
  }
  return indexed;
}

}  // namespace sf::motion::detail
