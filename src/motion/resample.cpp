#include "motion/resample.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "motion/parallel.h"

namespace sf::motion {

namespace {

// Weights of the source pixels that make each output pixel along one axis.
struct Taps {
  std::vector<int> first;       // first source index per output index
  std::vector<int> count;       // number of taps per output index
  std::vector<float> weights;   // count[i] weights per output index, flattened
  std::vector<std::size_t> offset;
};

Taps make_taps(int in, int out) {
  Taps taps;
  double scale = static_cast<double>(in) / out;
  double support = std::max(1.0, scale);  // widen when shrinking: area-like
  taps.first.resize(out);
  taps.count.resize(out);
  taps.offset.resize(out);
  for (int o = 0; o < out; ++o) {
    double centre = (o + 0.5) * scale;
    int lo = std::max(0, static_cast<int>(std::floor(centre - support)));
    int hi = std::min(in - 1, static_cast<int>(std::ceil(centre + support)));
    taps.first[o] = lo;
    taps.offset[o] = taps.weights.size();
    double sum = 0;
    std::size_t start = taps.weights.size();
    for (int i = lo; i <= hi; ++i) {
      double w = 1.0 - std::abs((i + 0.5 - centre) / support);
      if (w < 0) w = 0;
      taps.weights.push_back(static_cast<float>(w));
      sum += w;
    }
    taps.count[o] = hi - lo + 1;
    if (sum <= 0) {  // degenerate: nearest pixel
      std::fill(taps.weights.begin() + static_cast<long>(start), taps.weights.end(), 0.0f);
      taps.weights[start + std::min<std::size_t>(static_cast<std::size_t>(centre) - lo, taps.count[o] - 1)] = 1;
    } else {
      for (std::size_t k = start; k < taps.weights.size(); ++k) taps.weights[k] /= static_cast<float>(sum);
    }
  }
  return taps;
}

}  // namespace

std::vector<std::uint8_t> resize_rgba(const std::uint8_t* rgba, int width, int height,
                                      int out_width, int out_height) {
  Taps tx = make_taps(width, out_width), ty = make_taps(height, out_height);
  // Horizontal pass into premultiplied floats.
  std::vector<float> mid(static_cast<std::size_t>(out_width) * height * 4);
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* row = rgba + static_cast<std::size_t>(y) * width * 4;
    float* out = &mid[static_cast<std::size_t>(y) * out_width * 4];
    for (int o = 0; o < out_width; ++o) {
      float r = 0, g = 0, b = 0, a = 0;
      const float* w = &tx.weights[tx.offset[o]];
      for (int k = 0; k < tx.count[o]; ++k) {
        const std::uint8_t* p = row + static_cast<std::size_t>(tx.first[o] + k) * 4;
        float wa = w[k] * p[3];
        r += wa * p[0];
        g += wa * p[1];
        b += wa * p[2];
        a += wa;
      }
      out[o * 4 + 0] = r;
      out[o * 4 + 1] = g;
      out[o * 4 + 2] = b;
      out[o * 4 + 3] = a;
    }
  }
  std::vector<std::uint8_t> result(frame_bytes(out_width, out_height));
  for (int o = 0; o < out_height; ++o) {
    const float* w = &ty.weights[ty.offset[o]];
    std::uint8_t* out = &result[static_cast<std::size_t>(o) * out_width * 4];
    for (int x = 0; x < out_width; ++x) {
      float r = 0, g = 0, b = 0, a = 0;
      for (int k = 0; k < ty.count[o]; ++k) {
        const float* p = &mid[(static_cast<std::size_t>(ty.first[o] + k) * out_width + x) * 4];
        r += w[k] * p[0];
        g += w[k] * p[1];
        b += w[k] * p[2];
        a += w[k] * p[3];
      }
      if (a < 0.5f) {
        out[x * 4 + 0] = out[x * 4 + 1] = out[x * 4 + 2] = out[x * 4 + 3] = 0;
        continue;
      }
      auto clamp = [](float v) { return static_cast<std::uint8_t>(std::clamp(v + 0.5f, 0.0f, 255.0f)); };
      out[x * 4 + 0] = clamp(r / a);
      out[x * 4 + 1] = clamp(g / a);
      out[x * 4 + 2] = clamp(b / a);
      out[x * 4 + 3] = clamp(a);
    }
  }
  return result;
}

std::pair<int, int> fitted_canvas(int width, int height, const Box& box) {
  int room_w = box.width - 2 * box.margin_px, room_h = box.height - 2 * box.margin_px;
  if (room_w < 1 || room_h < 1) throw internal_error("fit box has no room inside its margin");
  if (box.pad_to_canvas) return {box.width, box.height};
  double scale = std::min(static_cast<double>(room_w) / width, static_cast<double>(room_h) / height);
  int w = std::clamp(static_cast<int>(std::lround(width * scale)), 1, room_w) + 2 * box.margin_px;
  int h = std::clamp(static_cast<int>(std::lround(height * scale)), 1, room_h) + 2 * box.margin_px;
  if (box.even_dimensions) {
    w = std::max(2, w & ~1);
    h = std::max(2, h & ~1);
  }
  return {w, h};
}

Animation fit_into(Animation animation, const Box& box) {
  auto [canvas_w, canvas_h] = fitted_canvas(animation.width, animation.height, box);
  int room_w = canvas_w - 2 * box.margin_px, room_h = canvas_h - 2 * box.margin_px;
  double scale = std::min(static_cast<double>(room_w) / animation.width,
                          static_cast<double>(room_h) / animation.height);
  int art_w = std::clamp(static_cast<int>(std::lround(animation.width * scale)), 1, room_w);
  int art_h = std::clamp(static_cast<int>(std::lround(animation.height * scale)), 1, room_h);
  int left = (canvas_w - art_w) / 2, top = (canvas_h - art_h) / 2;
  const int source_w = animation.width, source_h = animation.height;
  detail::parallel_for(animation.frames.size(), [&](std::size_t i) {
    Frame& frame = animation.frames[i];
    std::vector<std::uint8_t> art = (art_w == source_w && art_h == source_h)
        ? std::move(frame.rgba) : resize_rgba(frame.rgba.data(), source_w, source_h, art_w, art_h);
    if (art_w == canvas_w && art_h == canvas_h) {
      frame.rgba = std::move(art);
      return;
    }
    std::vector<std::uint8_t> canvas(frame_bytes(canvas_w, canvas_h), 0);
    for (int y = 0; y < art_h; ++y)
      std::copy_n(&art[static_cast<std::size_t>(y) * art_w * 4], art_w * 4,
                  &canvas[(static_cast<std::size_t>(y + top) * canvas_w + left) * 4]);
    frame.rgba = std::move(canvas);
  });
  animation.width = canvas_w;
  animation.height = canvas_h;
  return animation;
}

}  // namespace sf::motion
