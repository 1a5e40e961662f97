#include "artwork/pixels.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace sf::artwork::detail {

vips::VImage to_vips(const Raster& raster) {
  // new_from_memory says "multiband"; colour operations need to know it is
  // sRGB with alpha.
  return vips::VImage::new_from_memory(const_cast<std::uint8_t*>(raster.rgba.data()),
                                       raster.rgba.size(), raster.width, raster.height, 4,
                                       VIPS_FORMAT_UCHAR)
      .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

vips::VImage to_srgb8(vips::VImage image) {
  switch (image.interpretation()) {
    case VIPS_INTERPRETATION_B_W:
    case VIPS_INTERPRETATION_GREY16:
    case VIPS_INTERPRETATION_RGB16:
    case VIPS_INTERPRETATION_CMYK:
    case VIPS_INTERPRETATION_LAB:
    case VIPS_INTERPRETATION_LABS:
    case VIPS_INTERPRETATION_LCH:
    case VIPS_INTERPRETATION_XYZ:
    case VIPS_INTERPRETATION_YXY:
    case VIPS_INTERPRETATION_scRGB:
    case VIPS_INTERPRETATION_HSV:
      image = image.colourspace(VIPS_INTERPRETATION_sRGB);
      break;
    default:
      break;
  }
  if (image.format() != VIPS_FORMAT_UCHAR) {
    // 16-bit sources: scale to 8 bits rather than clip.
    if (image.format() == VIPS_FORMAT_USHORT) image = image / 257;
    image = image.cast(VIPS_FORMAT_UCHAR);
  }
  return image;
}

vips::VImage to_rgba8(vips::VImage image) {
  image = to_srgb8(image);
  int bands = image.bands();
  if (bands == 1) {
    image = image.bandjoin(image).bandjoin(image);
  } else if (bands == 2) {
    vips::VImage grey = image.extract_band(0);
    image = grey.bandjoin(grey).bandjoin(grey).bandjoin(image.extract_band(1));
  } else if (bands > 4) {
    image = image.extract_band(0, vips::VImage::option()->set("n", 4));
  }
  if (image.bands() == 3) image = image.bandjoin_const({255});
  return image;
}

Raster to_raster(vips::VImage image) {
  image = to_rgba8(image);
  Raster raster;
  raster.width = image.width();
  raster.height = image.height();
  size_t size = 0;
  void* data = image.write_to_memory(&size);
  raster.rgba.resize(size);
  std::memcpy(raster.rgba.data(), data, size);
  g_free(data);
  return raster;
}

void clean_transparent(Raster& raster) {
  std::uint8_t* p = raster.rgba.data();
  for (std::size_t i = 0, n = raster.rgba.size(); i < n; i += 4) {
    if (p[i + 3] == 0) p[i] = p[i + 1] = p[i + 2] = 0;
  }
}

bool fully_transparent(const Raster& raster) {
  for (std::size_t i = 3; i < raster.rgba.size(); i += 4)
    if (raster.rgba[i] != 0) return false;
  return true;
}

}  // namespace sf::artwork::detail

namespace sf::artwork::detail {

Box content_box(const Raster& raster) {
  int left = raster.width, right = -1, top = raster.height, bottom = -1;
  const std::uint8_t* p = raster.rgba.data();
  for (int y = 0; y < raster.height; ++y) {
    const std::uint8_t* row = p + std::size_t(y) * raster.width * 4;
    int first = -1, last = -1;
    for (int x = 0; x < raster.width; ++x) {
      if (row[x * 4 + 3] != 0) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    left = std::min(left, first);
    right = std::max(right, last);
    top = std::min(top, y);
    bottom = y;
  }
  if (right < 0) return {};
  return {left, top, right - left + 1, bottom - top + 1};
}

Raster crop(const Raster& raster, const Box& box) {
  Raster out;
  out.width = box.width;
  out.height = box.height;
  out.rgba.resize(std::size_t(box.width) * box.height * 4);
  for (int y = 0; y < box.height; ++y) {
    const std::uint8_t* src =
        raster.rgba.data() + (std::size_t(box.top + y) * raster.width + box.left) * 4;
    std::memcpy(out.rgba.data() + std::size_t(y) * box.width * 4, src, std::size_t(box.width) * 4);
  }
  return out;
}

}  // namespace sf::artwork::detail

namespace sf::artwork::detail {

// Premultiplied, so a transparent pixel's (meaningless) colour weighs
// nothing: white art keeps white edges instead of picking up the black
// under alpha 0.
Raster resample(const Raster& source, int width, int height) {
  if (width == source.width && height == source.height) return source;
  vips::VImage image = to_vips(source).premultiply();
  double hscale = double(width) / source.width, vscale = double(height) / source.height;
  image = image.resize(hscale, vips::VImage::option()
                                   ->set("vscale", vscale)
                                   ->set("kernel", VIPS_KERNEL_LANCZOS3));
  // Rounding inside resize can leave one pixel too many or too few.
  if (image.width() != width || image.height() != height)
    image = image.embed(0, 0, width, height, vips::VImage::option()->set("extend", VIPS_EXTEND_COPY));
  image = image.unpremultiply().rint().cast(VIPS_FORMAT_UCHAR);
  Raster out = to_raster(image);
  clean_transparent(out);
  return out;
}

Raster resample_nearest(const Raster& source, int width, int height) {
  Raster out;
  out.width = width;
  out.height = height;
  out.rgba.resize(std::size_t(width) * height * 4);
  for (int y = 0; y < height; ++y) {
    int sy = std::min(source.height - 1, static_cast<int>((y + 0.5) * source.height / height));
    for (int x = 0; x < width; ++x) {
      int sx = std::min(source.width - 1, static_cast<int>((x + 0.5) * source.width / width));
      std::memcpy(&out.rgba[(std::size_t(y) * width + x) * 4],
                  &source.rgba[(std::size_t(sy) * source.width + sx) * 4], 4);
    }
  }
  return out;
}

}  // namespace sf::artwork::detail

namespace sf::artwork::detail {

// Reads the image in strips of whole output rows (the source stays
// sequential, memory stays at one strip) and averages k x k blocks of
// premultiplied colour in integers: exact, and several times cheaper than
// the same in vips' float arithmetic on a single thread.
Raster shrink_box(vips::VImage image, int k) {
  image = to_rgba8(image);
  const int in_w = image.width(), in_h = image.height();
  Raster out;
  out.width = std::max(1, in_w / k);
  out.height = std::max(1, in_h / k);
  out.rgba.assign(std::size_t(out.width) * out.height * 4, 0);
  const int rows_per_strip = k * std::max(1, 64 / k);
  std::vector<std::uint64_t> sums(std::size_t(out.width) * 4);
  const std::uint64_t block = std::uint64_t(k) * k;
  // One region, prepared strip after strip, keeps a single pipeline
  // reading forwards as a sequential source requires.
  vips::VRegion region = vips::VRegion::new_from_image(image);
  int out_y = 0;
  for (int y0 = 0; y0 < in_h && out_y < out.height; y0 += rows_per_strip) {
    int rows = std::min(rows_per_strip, in_h - y0);
    region.prepare(0, y0, in_w, rows);
    for (int r = 0; r < rows && out_y < out.height; ++r) {
      const std::uint8_t* row = region.addr(0, y0 + r);
      for (int x = 0; x < out.width * k; ++x) {
        const std::uint8_t* p = row + std::size_t(x) * 4;
        std::uint64_t a = p[3];
        std::uint64_t* s = &sums[std::size_t(x / k) * 4];
        s[0] += p[0] * a;
        s[1] += p[1] * a;
        s[2] += p[2] * a;
        s[3] += a;
      }
      if ((y0 + r + 1) % k != 0) continue;
      std::uint8_t* o = &out.rgba[std::size_t(out_y) * out.width * 4];
      for (int x = 0; x < out.width; ++x) {
        std::uint64_t* s = &sums[std::size_t(x) * 4];
        if (s[3] != 0) {
          for (int c = 0; c < 3; ++c) o[x * 4 + c] = static_cast<std::uint8_t>((s[c] + s[3] / 2) / s[3]);
          o[x * 4 + 3] = static_cast<std::uint8_t>((s[3] + block / 2) / block);
        }
        s[0] = s[1] = s[2] = s[3] = 0;
      }
      ++out_y;
    }
  }
  clean_transparent(out);
  return out;
}

}  // namespace sf::artwork::detail
