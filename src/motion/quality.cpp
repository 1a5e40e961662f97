#include "motion/quality.h"

#include <unistd.h>
#include <webp/demux.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "base/error.h"
#include "motion/decoders.h"
#include "motion/encoders.h"
#include "motion/resample.h"

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

// Walks the fitted frames alongside decoded ones: the fitted frame shown at
// a decoded frame's start time (encoders may merge identical frames into
// longer ones, so the two lists need not match one to one).
class FittedAt {
 public:
  explicit FittedAt(const Animation& fitted) : fitted_(fitted) {}
  const Frame& frame_at(std::int64_t start_ms) {
    while (index_ + 1 < fitted_.frames.size() && start_ + fitted_.frames[index_].duration_ms <= start_ms) {
      start_ += fitted_.frames[index_].duration_ms;
      ++index_;
    }
    return fitted_.frames[index_];
  }

 private:
  const Animation& fitted_;
  std::size_t index_ = 0;
  std::int64_t start_ = 0;
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
  FittedAt reference(fitted);
  int previous_end = 0;
  while (WebPAnimDecoderHasMoreFrames(decoder.get())) {
    std::uint8_t* rgba = nullptr;
    int end = 0;
    if (!WebPAnimDecoderGetNext(decoder.get(), &rgba, &end)) return std::nullopt;
    squared += squared_error(rgba, reference.frame_at(previous_end).rgba.data(), pixels);
    samples += 3.0 * static_cast<double>(pixels);
    previous_end = end;
  }
  return to_psnr(squared, samples);
}

// A private file for libavformat, which reads WEBM from a path; removed
// when it goes out of scope.
class ScratchFile {
 public:
  explicit ScratchFile(const Bytes& bytes) {
    std::string pattern = (std::filesystem::temp_directory_path() / "stickerforge-webm-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) return;
    path_ = pattern;
    std::size_t written = 0;
    while (written < bytes.size()) {
      ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    ::close(fd);
    complete_ = written == bytes.size();
  }
  ~ScratchFile() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove(path_, ignored);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  /// Empty when the file could not be made.
  std::filesystem::path path() const { return complete_ ? path_ : std::filesystem::path(); }

 private:
  std::filesystem::path path_;
  bool complete_ = false;
};

// WEBM (VP9 with alpha) is decoded by the same FFmpeg/libvpx path that reads
// video sources, every frame at the fitted size and one at a time, and
// compared at the same timestamps as WEBP.
std::optional<double> webm_psnr(const Animation& fitted, const Bytes& encoded) {
  ScratchFile file(encoded);
  if (file.path().empty()) return std::nullopt;
  DecodeOptions options;
  options.max_side_px = std::max(fitted.width, fitted.height);
  options.max_fps = 0;  // keep every frame
  const std::size_t pixels = static_cast<std::size_t>(fitted.width) * fitted.height;
  double squared = 0, samples = 0;
  bool same_size = true;
  FittedAt reference(fitted);
  try {
    visit_with_ffmpeg(file.path(), "webm", options,
                      [&](const std::uint8_t* rgba, int width, int height, std::int64_t start_ms) {
                        if (width != fitted.width || height != fitted.height) {
                          same_size = false;
                          return;
                        }
                        squared += squared_error(rgba, reference.frame_at(start_ms).rgba.data(), pixels);
                        samples += 3.0 * static_cast<double>(pixels);
                      });
  } catch (const Error&) {
    return std::nullopt;  // a score is a report detail; the file was checked when encoded
  }
  if (!same_size || samples == 0) return std::nullopt;
  return to_psnr(squared, samples);
}

std::optional<double> palette_psnr(const Animation& fitted, int colors, bool binary_alpha) {
  if (colors <= 0) return 99.0;  // lossless RGBA
  // GIF's one-bit alpha is applied to a copy; APNG quantises the frames as
  // they are, so no second copy of the animation is held for it.
  Animation binarized;
  if (binary_alpha) {
    binarized = fitted;
    for (Frame& frame : binarized.frames)
      for (std::size_t p = 3; p < frame.rgba.size(); p += 4) frame.rgba[p] = frame.rgba[p] < 128 ? 0 : 255;
  }
  Indexed indexed = quantize(binary_alpha ? binarized : fitted, {colors, binary_alpha ? 128 : 8});
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

double psnr_against(const Animation& reference, const Animation& shown) {
  const std::size_t pixels = static_cast<std::size_t>(reference.width) * reference.height;
  const bool resize = shown.width != reference.width || shown.height != reference.height;
  FittedAt on_screen(shown);
  const Frame* last = nullptr;
  std::vector<std::uint8_t> resized;
  double squared = 0, samples = 0;
  std::int64_t start = 0;
  for (const Frame& frame : reference.frames) {
    const Frame& seen = on_screen.frame_at(start);
    const std::uint8_t* pixels_seen = seen.rgba.data();
    if (resize) {
      if (&seen != last) resized = resize_rgba(seen.rgba.data(), shown.width, shown.height, reference.width, reference.height);
      pixels_seen = resized.data();
    }
    last = &seen;
    squared += squared_error(pixels_seen, frame.rgba.data(), pixels);
    samples += 3.0 * static_cast<double>(pixels);
    start += frame.duration_ms;
  }
  return to_psnr(squared, samples);
}

std::optional<double> measure_psnr(const Animation& fitted, Container container, int colors, const Bytes& encoded) {
  switch (container) {
    case Container::webp: return webp_psnr(fitted, encoded);
    case Container::apng: return palette_psnr(fitted, colors, false);
    case Container::gif: return palette_psnr(fitted, colors, true);
    case Container::webm: return webm_psnr(fitted, encoded);
    default: return std::nullopt;
  }
}

}  // namespace sf::motion::detail
