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
  TrialCache(const vips::VImage& image, std::uint64_t fingerprint, std::uint64_t limit)
      : image_(image), fingerprint_(fingerprint), limit_(limit) {}

  const Bytes& run(const Trial& trial) {
    auto [it, inserted] = results_.try_emplace(trial.key());
    if (inserted) {
      it->second.trial = trial;
      it->second.bytes = detail::memo_find(fingerprint_, trial.key());
      if (!it->second.bytes) {
        it->second.bytes = std::make_shared<const Bytes>(detail::encode_trial(image_, trial));
        detail::memo_store(fingerprint_, trial.key(), it->second.bytes);
      }
    }
    return *it->second.bytes;
  }
  bool fits(const Trial& trial) { return run(trial).size() <= limit_; }
  std::uint64_t limit() const { return limit_; }
  double pixels() const { return double(image_.width()) * image_.height(); }
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
  std::uint64_t fingerprint_;
  std::uint64_t limit_;
  std::map<std::string, Result> results_;
};

// How a knob's output size responds to it, for the first guesses of a
// search: `doubling_steps` is roughly how many steps up double the size
// (0: no model, probe by halving).
struct SizeModel {
  double doubling_steps = 0;
};

// Largest value in [lo, hi] whose trial fits, assuming output size grows
// with the value; starts at `first`. If that does not settle it, the
// second probe extrapolates from the first size with `model`. Until a fit
// and a miss bracket the answer, later probes halve (sizes flatten out at
// low quality, where a model-driven walk would creep). Once they bracket
// it, the next probe interpolates log(size) between them (sizes grow
// roughly exponentially with quality), except after two results on the
// same side, when it halves: the size curve bends, and interpolation alone
// would creep along the flat side one step at a time. Stops once the next
// step could gain less than 1% of the limit: the best fit is within 1% of
// the limit, or the gap to the smallest miss above it is under 1%.
std::optional<int> bisect(TrialCache& cache, int lo, int hi, int first,
                          const std::function<Trial(int)>& make, SizeModel model = {}) {
  std::optional<int> best;
  std::size_t best_size = 0, miss_size = SIZE_MAX;
  const double limit = double(cache.limit());
  const double step = 0.01 * limit;
  const double target = std::log(limit * 0.995);
  int a = lo, b = hi;  // the answer, if any, is in [a - 1 (best), b]
  int probe = std::clamp(first, lo, hi), probe_count = 0;
  bool last_fit = false, same_side_twice = false;
  while (a <= b) {
    std::size_t size = cache.run(make(probe)).size();
    const int at = probe;
    const bool fit = size <= cache.limit();
    same_side_twice = probe_count > 0 && fit == last_fit;
    last_fit = fit;
    ++probe_count;
    if (fit) {
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
    if (best && miss_size != SIZE_MAX && !same_side_twice) {
      double lo_log = std::log(double(std::max<std::size_t>(best_size, 1)));
      double hi_log = std::log(double(miss_size));
      double guess = double(a - 1) + double(b + 1 - (a - 1)) * (target - lo_log) / (hi_log - lo_log);
      probe = std::clamp(static_cast<int>(std::floor(guess)), a, b);
    } else if (model.doubling_steps > 0 && probe_count == 1) {
      double size_log = std::log(double(std::max<std::size_t>(size, 1)));
      double steps = model.doubling_steps * (target - size_log) / std::log(2.0);
      probe = std::clamp(at + static_cast<int>(std::floor(steps)), a, b);
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

  // Near-lossless rounds colours in flat areas. Its strongest level saves
  // 18-32% (measured on textured and flat sticker art), so it is worth an
  // encode (3-4 times a lossy one) only when lossless is within 30% of the
  // limit; the further over, the stronger the level tried first.
  const double excess = double(lossless_size) / double(cache.limit());
  if (excess <= 1.3) {
    static const int levels[] = {40, 60, 80};  // gentler to the right
    auto level = bisect(cache, 0, 2, excess > 1.2 ? 0 : excess > 1.1 ? 1 : 2, [](int i) {
      return make_trial(Format::webp, Mode::near_lossless, levels[i]);
    });
    if (level) return make_trial(Format::webp, Mode::near_lossless, levels[*level]);
  }
  // Lossy size roughly doubles every 12 quality steps near the top (flatter
  // below): try the best quality first, then extrapolate from its size.
  auto quality = bisect(
      cache, 0, 100, 100, [](int q) { return make_trial(Format::webp, Mode::lossy, q); },
      SizeModel{12});
  if (quality && *quality < kAlphaTradeBelow) {
    // Soft edges and shadows make the alpha plane expensive. When colour
    // quality has dropped far, see whether softer alpha buys back colour,
    // and let SSIM against the raster decide which loss shows less.
    Trial colour_first = make_trial(Format::webp, Mode::lossy, *quality);
    // Starting at the same colour quality: if softer alpha saves next to
    // nothing there, the search ends one quality step up (two encodes).
    auto traded = bisect(
        cache, *quality, 100, *quality,
        [](int q) { return make_trial(Format::webp, Mode::lossy, q, kTradedAlpha); }, SizeModel{12});
    if (traded && *traded > *quality) {
      Trial alpha_first = make_trial(Format::webp, Mode::lossy, *traded, kTradedAlpha);
      if (score(cache.run(alpha_first)) > score(cache.run(colour_first))) return alpha_first;
    }
    return colour_first;
  }
  if (quality) return make_trial(Format::webp, Mode::lossy, *quality);
  // Alpha quality is a separate knob: soften the edges' alpha only once the
  // colour has nothing left to give. The floor first: when even alpha 0 is
  // over, nothing else is tried.
  auto alpha = bisect(cache, 0, 99, 0, [](int a) {
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
      // Unfiltered rows suit flat art (5-20% smaller than adaptive filters
      // there) and are fast; adaptive filters suit texture and photos (35%
      // smaller there). Unfiltered output over 4 bits per pixel is the sign
      // of texture, so only then, or when it does not fit, is the adaptive
      // encode tried as well; the smaller that fits is the lossless answer.
      Trial fast = make_trial(Format::png, Mode::lossless);
      const std::size_t fast_size = cache.run(fast).size();
      const bool textured = double(fast_size) * 8 > 4.0 * double(cache.pixels());
      if (fast_size <= cache.limit() && !textured) return fast;
      Trial thorough = make_trial(Format::png, Mode::lossless, 100, 100, 8, true, true);
      const std::size_t thorough_size = cache.run(thorough).size();
      if (std::min(fast_size, thorough_size) <= cache.limit())
        return thorough_size < fast_size ? thorough : fast;
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
