#include "motion/quality.h"

#include <webp/demux.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "motion/encoders.h"

namespace sf::motion::detail {

namespace {

// Squared error of two RGBA images over mid-grey, summed; `count` pixels added.
double squared_error(const std::uint8_t* a, const std::uint8_t* b, std::size_t pixels) {
  double sum = 0;
  for (std::size_t p = 0; p < pixels; ++p) {
    const std::uint8_t* x = a + p * 4;
    const std::uint8_t* y = b + p * 4;
    for (int c = 0; c < 3; ++c) {
      double u = (x[c] * x[3] + 128.0 * (255 - x[3])) / 255.0;
      double v = (y[c] * y[3] + 128.0 * (255 - y[3])) / 255.0;
      sum += (u - v) * (u - v);
    }
  }
  return sum;
}

double to_psnr(double squared, double samples) {
  if (samples <= 0) return 0;
  double mse = squared / samples;
  if (mse <= 1e-10) return 99;
  return std::min(99.0, 10.0 * std::log10(255.0 * 255.0 / mse));
}

struct AnimDecoderDeleter {
  void operator()(WebPAnimDecoder* decoder) const { WebPAnimDecoderDelete(decoder); }
};

std::optional<double> webp_psnr(const Animation& fitted, const Bytes& encoded) {
  WebPAnimDecoderOptions options;
  WebPAnimDecoderOptionsInit(&options);
  options.color_mode = MODE_RGBA;
  WebPData data{encoded.data(), encoded.size()};
  std::unique_ptr<WebPAnimDecoder, AnimDecoderDeleter> decoder(WebPAnimDecoderNew(&data, &options));
  if (!decoder) return std::nullopt;
  const std::size_t pixels = static_cast<std::size_t>(fitted.width) * fitted.height;
  double squared = 0, samples = 0;
  std::size_t source = 0;
  std::int64_t source_start = 0;
  int previous_end = 0;
  while (WebPAnimDecoderHasMoreFrames(decoder.get())) {
    std::uint8_t* rgba = nullptr;
    int end = 0;
    if (!WebPAnimDecoderGetNext(decoder.get(), &rgba, &end)) return std::nullopt;
    // The fitted frame that starts where this decoded frame starts (the
    // encoder may have merged identical frames into longer ones).
    while (source + 1 < fitted.frames.size() && source_start + fitted.frames[source].duration_ms <= previous_end) {
      source_start += fitted.frames[source].duration_ms;
      ++source;
    }
    squared += squared_error(rgba, fitted.frames[source].rgba.data(), pixels);
    samples += 3.0 * static_cast<double>(pixels);
    previous_end = end;
  }
  return to_psnr(squared, samples);
}

std::optional<double> palette_psnr(const Animation& fitted, int colors, bool binary_alpha) {
  if (colors <= 0) return 99.0;  // lossless RGBA
  Animation reference = fitted;
  if (binary_alpha)
    for (Frame& frame : reference.frames)
      for (std::size_t p = 3; p < frame.rgba.size(); p += 4) frame.rgba[p] = frame.rgba[p] < 128 ? 0 : 255;
  Indexed indexed = quantize(reference, colors, binary_alpha ? 128 : 8);
  const std::size_t pixels = static_cast<std::size_t>(fitted.width) * fitted.height;
  double squared = 0, samples = 0;
  std::vector<std::uint8_t> rebuilt(pixels * 4);
  for (std::size_t f = 0; f < fitted.frames.size(); ++f) {
    for (std::size_t p = 0; p < pixels; ++p)
      std::copy_n(&indexed.palette[indexed.frames[f][p] * 4u], 4, &rebuilt[p * 4]);
    squared += squared_error(rebuilt.data(), fitted.frames[f].rgba.data(), pixels);
    samples += 3.0 * static_cast<double>(pixels);
  }
  return to_psnr(squared, samples);
}

}  // namespace

std::optional<double> measure_psnr(const Animation& fitted, Container container, int colors, const Bytes& encoded) {
  switch (container) {
    case Container::webp: return webp_psnr(fitted, encoded);
    case Container::apng: return palette_psnr(fitted, colors, false);
    case Container::gif: return palette_psnr(fitted, colors, true);
    default: return std::nullopt;
  }
}

}  // namespace sf::motion::detail
