#include "artwork/style.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "artwork/pixels.h"

namespace sf::artwork::detail {
namespace {

// Exact Euclidean distance transform (Felzenszwalb & Huttenlocher): linear
// in the pixel count whatever the outline width, unlike a morphological
// dilation whose cost grows with the square of the radius.
constexpr double kFar = 1e20;  // "no art here"; finite so the arithmetic stays exact enough

void distance_1d(const double* f, int n, double* d, std::vector<int>& v, std::vector<double>& z) {
  const double inf = std::numeric_limits<double>::infinity();
  auto cross = [&](int q, int p) {
    return ((f[q] + double(q) * q) - (f[p] + double(p) * p)) / (2.0 * q - 2.0 * p);
  };
  int k = 0;
  v[0] = 0;
  z[0] = -inf;
  z[1] = inf;
  for (int q = 1; q < n; ++q) {
    double s = cross(q, v[k]);
    while (s <= z[k]) {  // stops at k == 0, where z is -inf
      --k;
      s = cross(q, v[k]);
    }
    ++k;
    v[k] = q;
    z[k] = s;
    z[k + 1] = inf;
  }
  k = 0;
  for (int q = 0; q < n; ++q) {
    while (z[k + 1] < q) ++k;
    double dq = double(q - v[k]);
    d[q] = dq * dq + f[v[k]];
  }
}

// The alpha from which a pixel is solid art. A soft shadow or glow drawn
// by the designer is semi-transparent (rarely above 70%), and a die-cut
// around it would turn it into a hard slab behind the art; anti-aliased
// edges lie within a pixel of solid pixels, so the outline still covers them.
int solid_alpha(const Raster& art) {
  int most = 0;
  for (std::size_t i = 3; i < art.rgba.size(); i += 4) most = std::max<int>(most, art.rgba[i]);
  return std::max(128, most * 85 / 100);
}

// Squared distance of every pixel to the nearest solid pixel (the art's body).
std::vector<double> squared_distance(const Raster& art) {
  const int w = art.width, h = art.height;
  const int solid = solid_alpha(art);
  std::vector<double> grid(std::size_t(w) * h);
  for (std::size_t i = 0; i < grid.size(); ++i) grid[i] = art.rgba[i * 4 + 3] >= solid ? 0.0 : kFar;
  int n = std::max(w, h);
  std::vector<double> f(n), d(n), z(n + 1);
  std::vector<int> v(n);
  for (int x = 0; x < w; ++x) {
    for (int y = 0; y < h; ++y) f[y] = grid[std::size_t(y) * w + x];
    distance_1d(f.data(), h, d.data(), v, z);
    for (int y = 0; y < h; ++y) grid[std::size_t(y) * w + x] = d[y];
  }
  for (int y = 0; y < h; ++y) {
    double* row = grid.data() + std::size_t(y) * w;
    std::copy(row, row + w, f.begin());
    distance_1d(f.data(), w, d.data(), v, z);
    std::copy(d.begin(), d.begin() + w, row);
  }
  return grid;
}

Raster pad(const Raster& art, int by) {
  Raster out;
  out.width = art.width + 2 * by;
  out.height = art.height + 2 * by;
  out.rgba.assign(std::size_t(out.width) * out.height * 4, 0);
  for (int y = 0; y < art.height; ++y)
    std::copy_n(art.rgba.data() + std::size_t(y) * art.width * 4, std::size_t(art.width) * 4,
                out.rgba.data() + (std::size_t(y + by) * out.width + by) * 4);
  return out;
}

// Straight-alpha "top over bottom" for one pixel, in place on `bottom`.
void over(const std::uint8_t* top, std::uint8_t* bottom) {
  float ta = top[3] / 255.0f, ba = bottom[3] / 255.0f;
  float a = ta + ba * (1 - ta);
  if (a <= 0) {
    bottom[0] = bottom[1] = bottom[2] = bottom[3] = 0;
    return;
  }
  for (int c = 0; c < 3; ++c) {
    float v = (top[c] * ta + bottom[c] * ba * (1 - ta)) / a;
    bottom[c] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
  }
  bottom[3] = static_cast<std::uint8_t>(std::lround(a * 255));
}

void add_outline(Raster& art, double radius, pack::Rgb color) {
  std::vector<double> d2 = squared_distance(art);
  // The art's edge lies half a pixel beyond the centres of its body pixels;
  // the outline's edge `radius` further out, anti-aliased over one pixel.
  for (std::size_t i = 0; i < d2.size(); ++i) {
    double coverage = std::clamp(radius + 1.0 - std::sqrt(d2[i]), 0.0, 1.0);
    std::uint8_t below[4] = {color.r, color.g, color.b,
                             static_cast<std::uint8_t>(std::lround(coverage * 255))};
    over(&art.rgba[i * 4], below);
    std::copy_n(below, 4, &art.rgba[i * 4]);
  }
}

void add_shadow(Raster& art, double sigma, double offset) {
  vips::VImage alpha = to_vips(art).extract_band(3);
  // Shadow = the silhouette shifted down, blurred, at 35% strength in black.
  int dy = static_cast<int>(std::lround(offset));
  vips::VImage shifted = alpha.embed(0, dy, art.width, art.height);
  vips::VImage blurred =
      shifted.gaussblur(std::max(0.5, sigma), vips::VImage::option()->set("precision", VIPS_PRECISION_FLOAT));
  blurred = (blurred * 0.35).cast(VIPS_FORMAT_UCHAR);
  size_t size = 0;
  auto* shadow = static_cast<std::uint8_t*>(blurred.write_to_memory(&size));
  for (std::size_t i = 0; i < size; ++i) {
    std::uint8_t below[4] = {0, 0, 0, shadow[i]};
    over(&art.rgba[i * 4], below);
    std::copy_n(below, 4, &art.rgba[i * 4]);
  }
  g_free(shadow);
}

}  // namespace

Raster apply_style(const Raster& art, const StylePx& style) {
  bool outline = style.outline >= 0.5;
  if (!outline && !style.shadow) return art;
  int margin = outline ? static_cast<int>(std::ceil(style.outline)) + 2 : 0;
  if (style.shadow)
    margin += static_cast<int>(std::ceil(3 * style.shadow_blur + style.shadow_offset)) + 1;
  Raster out = pad(art, margin);
  if (outline) add_outline(out, style.outline, style.outline_color);
  if (style.shadow) add_shadow(out, style.shadow_blur, style.shadow_offset);
  return crop(out, content_box(out));
}

}  // namespace sf::artwork::detail
