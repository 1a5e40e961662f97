// ssim: structural similarity (Wang et al. 2004) with the usual 11-tap
// Gaussian window (sigma 1.5), on luminance composited over mid-grey so
// that alpha changes count as much as colour changes.
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "artwork/artwork.h"
#include "base/error.h"

namespace sf::artwork {
namespace {

std::vector<float> grey_luma(const Raster& r) {
  std::vector<float> out(std::size_t(r.width) * r.height);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::uint8_t* p = &r.rgba[i * 4];
    float a = p[3] / 255.0f;
    float y = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
    out[i] = y * a + 128.0f * (1 - a);
  }
  return out;
}

// Separable Gaussian blur with edge clamping.
std::vector<float> blur(const std::vector<float>& in, int w, int h) {
  static const std::array<float, 11> kernel = [] {
    std::array<float, 11> k{};
    float sum = 0;
    for (int i = 0; i < 11; ++i) sum += k[i] = std::exp(-float((i - 5) * (i - 5)) / (2 * 1.5f * 1.5f));
    for (float& v : k) v /= sum;
    return k;
  }();
  std::vector<float> tmp(in.size()), out(in.size());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      float s = 0;
      for (int i = 0; i < 11; ++i) s += kernel[i] * in[std::size_t(y) * w + std::clamp(x + i - 5, 0, w - 1)];
      tmp[std::size_t(y) * w + x] = s;
    }
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      float s = 0;
      for (int i = 0; i < 11; ++i) s += kernel[i] * tmp[std::size_t(std::clamp(y + i - 5, 0, h - 1)) * w + x];
      out[std::size_t(y) * w + x] = s;
    }
  return out;
}

}  // namespace

double ssim(const Raster& a, const Raster& b) {
  if (a.width != b.width || a.height != b.height)
    throw internal_error("ssim: rasters differ in size (" + std::to_string(a.width) + "x" +
                         std::to_string(a.height) + " and " + std::to_string(b.width) + "x" +
                         std::to_string(b.height) + ")");
  if (a.width == 0 || a.height == 0) return 1.0;
  const int w = a.width, h = a.height;
  std::vector<float> x = grey_luma(a), y = grey_luma(b);
  std::vector<float> xx(x.size()), yy(x.size()), xy(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    xx[i] = x[i] * x[i];
    yy[i] = y[i] * y[i];
    xy[i] = x[i] * y[i];
  }
  std::vector<float> mx = blur(x, w, h), my = blur(y, w, h);
  std::vector<float> sxx = blur(xx, w, h), syy = blur(yy, w, h), sxy = blur(xy, w, h);
  const double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255);
  double total = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    double vx = sxx[i] - double(mx[i]) * mx[i], vy = syy[i] - double(my[i]) * my[i];
    double cov = sxy[i] - double(mx[i]) * my[i];
    total += ((2.0 * mx[i] * my[i] + c1) * (2 * cov + c2)) /
             ((double(mx[i]) * mx[i] + double(my[i]) * my[i] + c1) * (vx + vy + c2));
  }
  return total / double(x.size());
}

}  // namespace sf::artwork
