// encode_within: the best quality that fits a byte limit. One monotone knob
// at a time, gentlest first, resolution never touched; every trial cached
// so no setting is encoded twice.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>

#include "artwork/encoders.h"
#include "artwork/pixels.h"
#include "artwork/trial_memo.h"
#include "artwork/vips_session.h"
#include "base/error.h"

namespace sf::artwork {
namespace {

using detail::Mode;
using detail::Trial;

class TrialCache {
 public:
  TrialCache(const vips::VImage& image, std::uint64_t pixels, std::uint64_t limit)
      : image_(image), pixels_(pixels), limit_(limit) {}

  const Bytes& run(const Trial& trial) {
    auto [it, inserted] = results_.try_emplace(trial.key());
    if (inserted) {
      it->second.trial = trial;
      it->second.bytes = detail::memo_find(pixels_, trial.key());
      if (!it->second.bytes) {
        it->second.bytes = std::make_shared<const Bytes>(detail::encode_trial(image_, trial));
        detail::memo_store(pixels_, trial.key(), it->second.bytes);
      }
    }
    return *it->second.bytes;
  }
  bool fits(const Trial& trial) { return run(trial).size() <= limit_; }
  std::uint64_t limit() const { return limit_; }
  /// Distinct settings this search looked at (each encoded at most once per
  /// process; an earlier search's encode of the same pixels is reused).
  int trials() const { return static_cast<int>(results_.size()); }

  /// The smallest output seen, for the "best size" failure message.
  std::pair<const Trial*, std::size_t> smallest() const {
    const Trial* best = nullptr;
    std::size_t size = SIZE_MAX;
    for (const auto& [key, result] : results_)
      if (result.bytes->size() < size) {
        size = result.bytes->size();
        best = &result.trial;
      }
    return {best, size};
  }

 private:
  struct Result {
    Trial trial;
    std::shared_ptr<const Bytes> bytes;
  };
  const vips::VImage& image_;
  std::uint64_t pixels_;
  std::uint64_t limit_;
  std::map<std::string, Result> results_;
};

// Largest value in [lo, hi] whose trial fits, assuming output size grows
// with the value; starts at `first`. Once a fit and a miss bracket the
// answer, the next probe interpolates log(size) between them (sizes grow
// roughly exponentially with quality), falling back to halving when that
// would not narrow the bracket; 3-4 encodes instead of 7. Stops once the
// next step could gain less than 1% of the limit: the best fit is within
// 1% of the limit, or the gap to the smallest miss above it is under 1%.
std::optional<int> bisect(TrialCache& cache, int lo, int hi, int first,
                          const std::function<Trial(int)>& make) {
  std::optional<int> best;
  std::size_t best_size = 0, miss_size = SIZE_MAX;
  const double limit = double(cache.limit());
  const double step = 0.01 * limit;
  int a = lo, b = hi;  // the answer, if any, is in [a - 1 (best), b]
  int probe = std::clamp(first, lo, hi);
  while (a <= b) {
    std::size_t size = cache.run(make(probe)).size();
    if (size <= cache.limit()) {
      best = probe;
      best_size = size;
      a = probe + 1;
      if (limit - double(size) < step) break;
    } else {
      miss_size = std::min(miss_size, size);
      b = probe - 1;
    }
    if (best && miss_size != SIZE_MAX && double(miss_size - best_size) < step) break;
    if (a > b) break;
    probe = a + (b - a + 1) / 2;
    if (best && miss_size != SIZE_MAX) {
      double lo_log = std::log(double(std::max<std::size_t>(best_size, 1)));
      double hi_log = std::log(double(miss_size));
      double target = std::log(limit * 0.995);
      double at = double(a - 1) + double(b + 1 - (a - 1)) * (target - lo_log) / (hi_log - lo_log);
      probe = std::clamp(static_cast<int>(std::floor(at)), a, b);
    }
  }
  return best;
}

Trial make_trial(Format format, Mode mode, int quality = 100, int alpha_quality = 100,
                 int bitdepth = 8, bool dither = true, bool thorough = false) {
  Trial t;
  t.thorough = thorough;
  t.format = format;
  t.mode = mode;
  t.quality = quality;
  t.alpha_quality = alpha_quality;
  t.bitdepth = bitdepth;
  t.dither = dither;
  return t;
}

// Each search returns the chosen trial, or nullopt when even its floor is
// over the limit.
constexpr int kAlphaTradeBelow = 90;  // WEBP quality under which alpha is traded
constexpr int kTradedAlpha = 50;

using Score = std::function<double(const Bytes&)>;

std::optional<Trial> search_webp(TrialCache& cache, bool allow_lossy, const Score& score) {
  Trial lossless = make_trial(Format::webp, Mode::lossless);
  std::size_t lossless_size = cache.run(lossless).size();
  if (lossless_size <= cache.limit()) return lossless;
  // The thorough lossless encoder saves 3-8% for twice the time: worth it
  // only when that could be enough.
  if (lossless_size <= cache.limit() * 1.1) {
    Trial thorough = make_trial(Format::webp, Mode::lossless, 100, 100, 8, true, true);
    lossless_size = std::min(lossless_size, cache.run(thorough).size());
    if (cache.fits(thorough)) return thorough;
  }
  if (!allow_lossy) return std::nullopt;

  // Near-lossless rounds colours in flat areas; it rarely saves more than
  // ~40%, so it is worth trying only when lossless is close to the limit.
  if (lossless_size <= cache.limit() * 1.6) {
    static const int levels[] = {40, 60, 80};  // gentler to the right
    auto level = bisect(cache, 0, 2, 1, [](int i) {
      return make_trial(Format::webp, Mode::near_lossless, levels[i]);
    });
    if (level) return make_trial(Format::webp, Mode::near_lossless, levels[*level]);
  }
  auto quality = bisect(cache, 0, 100, 80, [](int q) {
    return make_trial(Format::webp, Mode::lossy, q);
  });
  if (quality && *quality < kAlphaTradeBelow) {
    // Soft edges and shadows make the alpha plane expensive. When colour
    // quality has dropped far, see whether softer alpha buys back colour,
    // and let SSIM against the raster decide which loss shows less.
    Trial colour_first = make_trial(Format::webp, Mode::lossy, *quality);
    auto traded = bisect(cache, *quality, 100, *quality + 15, [](int q) {
      return make_trial(Format::webp, Mode::lossy, q, kTradedAlpha);
    });
    if (traded && *traded > *quality) {
      Trial alpha_first = make_trial(Format::webp, Mode::lossy, *traded, kTradedAlpha);
      if (score(cache.run(alpha_first)) > score(cache.run(colour_first))) return alpha_first;
    }
    return colour_first;
  }
  if (quality) return make_trial(Format::webp, Mode::lossy, *quality);
  // Alpha quality is a separate knob: soften the edges' alpha only once the
  // colour has nothing left to give.
  auto alpha = bisect(cache, 0, 99, 50, [](int a) {
    return make_trial(Format::webp, Mode::lossy, 0, a);
  });
  if (alpha) return make_trial(Format::webp, Mode::lossy, 0, *alpha);
  return std::nullopt;
}

std::optional<Trial> search_palette(TrialCache& cache, Format format) {
  // 256 colours dithered looks best; without dithering it is smaller (no
  // noise for zlib/LZW to carry). Then, without dithering, the quantiser
  // quality (PNG: imagequant keeps fewer colours as it drops), then fewer
  // colours outright.
  for (bool dither : {true, false}) {
    Trial full = make_trial(format, Mode::palette, 100, 100, 8, dither);
    if (cache.fits(full)) return full;
  }
  if (format == Format::png) {
    auto quality = bisect(cache, 0, 99, 70, [](int q) {
      return make_trial(Format::png, Mode::palette, q, 100, 8, false);
    });
    if (quality) return make_trial(Format::png, Mode::palette, *quality, 100, 8, false);
  }
  // PNG palettes come in bit depths 1, 2 and 4 below 8 (2, 4, 16
  // colours); GIF takes any depth from 1 to 7.
  static const int png_depths[] = {1, 2, 4};
  static const int gif_depths[] = {1, 2, 3, 4, 5, 6, 7};
  const int* depths = format == Format::png ? png_depths : gif_depths;
  int top = format == Format::png ? 2 : 6;
  auto depth = bisect(cache, 0, top, top / 2 + 1, [format, depths](int i) {
    return make_trial(format, Mode::palette, 100, 100, depths[i], false);
  });
  if (depth) return make_trial(format, Mode::palette, 100, 100, depths[*depth], false);
  return std::nullopt;
}

std::optional<Trial> search(TrialCache& cache, Format format, bool allow_lossy, const Score& score) {
  switch (format) {
    case Format::webp: return search_webp(cache, allow_lossy, score);
    case Format::png: {
      // Unfiltered suits flat art and is fast; adaptive filters suit
      // gradients and photos. The smaller of the two is the lossless answer.
      Trial fast = make_trial(Format::png, Mode::lossless);
      if (cache.fits(fast)) return fast;
      Trial thorough = make_trial(Format::png, Mode::lossless, 100, 100, 8, true, true);
      if (cache.fits(thorough)) return thorough;
      if (!allow_lossy) return std::nullopt;
      return search_palette(cache, Format::png);
    }
    case Format::gif: return search_palette(cache, Format::gif);
    case Format::jpeg: {
      auto quality = bisect(cache, 0, 100, 90, [](int q) {
        return make_trial(Format::jpeg, Mode::lossy, q);
      });
      if (quality) return make_trial(Format::jpeg, Mode::lossy, *quality);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

Raster flattened_on_white(const Raster& raster) {
  Raster out = raster;
  for (std::size_t i = 0; i < out.rgba.size(); i += 4) {
    unsigned a = out.rgba[i + 3];
    for (int c = 0; c < 3; ++c)
      out.rgba[i + c] = static_cast<std::uint8_t>((out.rgba[i + c] * a + 255 * (255 - a) + 127) / 255);
    out.rgba[i + 3] = 255;
  }
  return out;
}

bool has_transparency(const Raster& raster) {
  for (std::size_t i = 3; i < raster.rgba.size(); i += 4)
    if (raster.rgba[i] != 255) return true;
  return false;
}

}  // namespace

Encoded encode_within(const Raster& raster, const EncodeRequest& request) {
  initialize();
  if (raster.width < 1 || raster.height < 1 ||
      raster.rgba.size() != std::size_t(raster.width) * raster.height * 4)
    throw internal_error("encode_within: raster is empty or its size does not match");
  // JPEG cannot hold alpha: encode (and score) the art as seen on white.
  const bool flatten = request.format == Format::jpeg && has_transparency(raster);
  Raster flat;
  if (flatten) flat = flattened_on_white(raster);
  const Raster& source = flatten ? flat : raster;

  try {
    vips::VImage image = detail::to_vips(source);
    TrialCache cache(image, detail::fingerprint(source), request.max_bytes);
    auto score = [&source](const Bytes& bytes) { return ssim(source, decode(bytes, "encoded image")); };
    std::optional<Trial> chosen = search(cache, request.format, request.allow_lossy, score);
    if (!chosen) {
      auto [best, size] = cache.smallest();
      throw bad_input("best size " + std::to_string(size) + " bytes at " +
                      (best ? best->describe() : std::string("no setting")) + "; the limit is " +
                      std::to_string(request.max_bytes) + " bytes");
    }
    Encoded out;
    out.format = request.format;
    out.bytes = cache.run(*chosen);
    out.settings = chosen->settings();
    out.trials = cache.trials();
    if (chosen->is_lossy()) out.sacrifices.push_back(chosen->describe());
    if (flatten) out.sacrifices.push_back("transparency flattened onto white (JPEG has no alpha)");
    out.ssim = chosen->is_lossy() ? ssim(source, decode(out.bytes, "encoded image")) : 1.0;
    return out;
  } catch (const vips::VError& error) {
    throw internal_error("encoding " + std::string(format_name(request.format)) +
                         " failed: " + detail::vips_message(error));
  }
}

}  // namespace sf::artwork
