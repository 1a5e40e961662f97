// The encoders, each with settings pinned so that the same pixels always
// give the same bytes: metadata stripped, single-threaded, no timestamps.
#include <algorithm>
#include <cstring>

#include <dlfcn.h>

#include "artwork/encoders.h"
#include "artwork/pixels.h"
#include "artwork/vips_session.h"
#include "base/error.h"

namespace sf::artwork {

const char* format_name(Format format) {
  switch (format) {
    case Format::png: return "png";
    case Format::webp: return "webp";
    case Format::jpeg: return "jpeg";
    case Format::gif: return "gif";
  }
  return "?";
}

namespace detail {
namespace {

// Efforts chosen by measurement (CPU ms on one core, 480-px flat sticker
// art / 512-px noisy art, measured on this project's 2-core machine):
// - WEBP lossless method 2, quality 75: 73/82 ms, within 3% of method 4 (96/113
//   ms); method 6 at quality 100 saves 5% more for 750-2000 ms: never.
//   Method 4 at quality 100 is the "thorough" retry when method 2 is close.
// - WEBP lossy method 4: 29/56 ms, 3-5% smaller than method 2; method 6
//   costs 400-600 ms for 2% more. Plain RGB->YUV rather than "sharp YUV"
//   (smart_subsample): on 11 textured 512-px stickers at quality 100 sharp
//   YUV had 10-25% lower RGB RMSE but lower luma SSIM (0.9956-0.9967 against
//   0.9966-0.9971), equal per-channel SSIM (within 0.002) and 12% larger
//   files; at equal look, the smaller file and the higher score win.
// - PNG, unfiltered (32 flat / 32 textured stickers at 512 px, totals):
//   zlib 9 363 / 1370 ms, zlib 6 103 / 450 ms and 4% / 1% larger: zlib 6.
//   Adaptive filters on the 11 textured ones: zlib 6 766 ms, zlib 4 265 ms
//   and 2% larger: zlib 4. Flat art is 10-20% smaller unfiltered than
//   filtered, textured art 35% larger: the search picks (encode_search.cpp).
// - imagequant effort 4: 44/357 ms against 70/771 ms at 7, sizes within 2%.
constexpr int kWebpLosslessEffort = 2, kWebpLosslessQ = 75;
constexpr int kWebpThoroughEffort = 4, kWebpThoroughQ = 100;
constexpr int kWebpLossyEffort = 4;
constexpr int kQuantiseEffort = 4;
constexpr int kPngZlibLevel = 6, kPngAdaptiveZlibLevel = 4;
constexpr int kGifEffort = 7;

// libimagequant (palette PNG and GIF) splits work with OpenMP, and its
// result depends on the thread count: a bundle built on 2 cores would
// differ from one built on 8. Pin this thread's OpenMP team to one thread
// (we parallelise across stickers anyway). OpenMP is only reachable at run
// time, through the library that vips loaded, so look the setter up.
void single_threaded_quantiser() {
  using SetThreads = void (*)(int);
  static const SetThreads set_threads =
      reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
  if (set_threads) set_threads(1);  // per calling thread, so call every time
}

Bytes take_blob(VipsBlob* blob) {
  size_t size = 0;
  const void* data = vips_blob_get(blob, &size);
  Bytes bytes(static_cast<const std::uint8_t*>(data), static_cast<const std::uint8_t*>(data) + size);
  vips_area_unref(VIPS_AREA(blob));
  return bytes;
}

// vips 8.14 writes an EXIF chunk into WEBP even with strip set. Drop
// EXIF/XMP/ICCP chunks and their VP8X flags so outputs carry no metadata.
Bytes strip_webp_metadata(Bytes in) {
  if (in.size() < 12 || std::memcmp(in.data(), "RIFF", 4) != 0) return in;
  Bytes out(in.begin(), in.begin() + 12);
  std::size_t at = 12;
  while (at + 8 <= in.size()) {
    std::uint32_t length = in[at + 4] | (in[at + 5] << 8) | (in[at + 6] << 16) | (std::uint32_t(in[at + 7]) << 24);
    std::size_t end = std::min(in.size(), at + 8 + length + (length & 1));
    bool metadata = std::memcmp(&in[at], "EXIF", 4) == 0 || std::memcmp(&in[at], "XMP ", 4) == 0 ||
                    std::memcmp(&in[at], "ICCP", 4) == 0;
    if (!metadata) {
      std::size_t start = out.size();
      out.insert(out.end(), in.begin() + at, in.begin() + end);
      if (std::memcmp(&in[at], "VP8X", 4) == 0 && length >= 1)
        out[start + 8] &= static_cast<std::uint8_t>(~(0x20 | 0x08 | 0x04));  // ICC, EXIF, XMP
    }
    at = end;
  }
  std::uint32_t riff = std::uint32_t(out.size() - 8);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<std::uint8_t>(riff >> (8 * i));
  return out;
}

std::string upper(Format format) {
  std::string name = format_name(format);
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace

std::string Trial::key() const {
  return std::string(format_name(format)) + "/" + std::to_string(int(mode)) + "/q" +
         std::to_string(quality) + "/a" + std::to_string(alpha_quality) + "/b" +
         std::to_string(bitdepth) + "/d" + std::to_string(dither) + "/t" + std::to_string(thorough);
}

bool Trial::is_lossy() const {
  return mode != Mode::lossless || format == Format::jpeg || format == Format::gif;
}

std::string Trial::describe() const {
  std::string name = upper(format);
  switch (mode) {
    case Mode::lossless: return "lossless " + name;
    case Mode::near_lossless:
      return "near-lossless " + name + " at level " + std::to_string(quality);
    case Mode::lossy: {
      std::string text = "lossy " + name + " at quality " + std::to_string(quality);
      if (format == Format::webp && alpha_quality < 100)
        text += " with alpha quality " + std::to_string(alpha_quality);
      return text;
    }
    case Mode::palette: {
      std::string text = name + " with a " + std::to_string(1 << bitdepth) + "-colour palette";
      if (format == Format::png) text += " at quantiser quality " + std::to_string(quality);
      if (!dither) text += ", no dithering";
      return text;
    }
  }
  return name;
}

std::vector<std::pair<std::string, std::string>> Trial::settings() const {
  static const char* modes[] = {"lossless", "near_lossless", "lossy", "palette"};
  std::vector<std::pair<std::string, std::string>> out{{"mode", modes[int(mode)]}};
  if (mode == Mode::lossless && format == Format::webp)
    out.emplace_back("effort", thorough ? "method 4, quality 100" : "method 2, quality 75");
  if (mode == Mode::lossless && format == Format::png)
    out.emplace_back("filter", thorough ? "adaptive" : "none");
  if (mode == Mode::near_lossless) out.emplace_back("near_lossless_level", std::to_string(quality));
  if (mode == Mode::lossy) out.emplace_back("quality", std::to_string(quality));
  if (mode == Mode::lossy && format == Format::webp)
    out.emplace_back("alpha_quality", std::to_string(alpha_quality));
  if (mode == Mode::palette) {
    out.emplace_back("colours", std::to_string(1 << bitdepth));
    if (format == Format::png) out.emplace_back("quantiser_quality", std::to_string(quality));
    out.emplace_back("dither", dither ? "yes" : "no");
  }
  return out;
}

Bytes encode_trial(const vips::VImage& image, const Trial& trial) {
  switch (trial.format) {
    case Format::webp: {
      auto* options = vips::VImage::option()->set("strip", true);
      if (trial.mode == Mode::lossless) {
        options->set("lossless", true)
            ->set("effort", trial.thorough ? kWebpThoroughEffort : kWebpLosslessEffort)
            ->set("Q", trial.thorough ? kWebpThoroughQ : kWebpLosslessQ);
      } else if (trial.mode == Mode::near_lossless) {
        options->set("lossless", true)
            ->set("near_lossless", true)
            ->set("effort", kWebpLosslessEffort)
            ->set("Q", trial.quality);
      } else {
        options->set("effort", kWebpLossyEffort)
            ->set("Q", trial.quality)
            ->set("alpha_q", trial.alpha_quality);
      }
      return strip_webp_metadata(take_blob(image.webpsave_buffer(options)));
    }
    case Format::png: {
      // Palettes compress best unfiltered too.
      bool adaptive = trial.mode == Mode::lossless && trial.thorough;
      auto* options = vips::VImage::option()
                          ->set("strip", true)
                          ->set("compression", adaptive ? kPngAdaptiveZlibLevel : kPngZlibLevel)
                          ->set("filter", adaptive ? VIPS_FOREIGN_PNG_FILTER_ALL
                                                   : VIPS_FOREIGN_PNG_FILTER_NONE);
      if (trial.mode == Mode::palette) {
        single_threaded_quantiser();
        options->set("palette", true)
            ->set("Q", trial.quality)
            ->set("bitdepth", trial.bitdepth)
            ->set("dither", trial.dither ? 1.0 : 0.0)
            ->set("effort", kQuantiseEffort);
      }
      return take_blob(image.pngsave_buffer(options));
    }
    case Format::gif: {
      single_threaded_quantiser();
      return take_blob(image.gifsave_buffer(vips::VImage::option()
                                                ->set("strip", true)
                                                ->set("bitdepth", trial.bitdepth)
                                                ->set("dither", trial.dither ? 1.0 : 0.0)
                                                ->set("effort", kGifEffort)));
    }
    case Format::jpeg: {
      // JPEG has no alpha: callers pass an image already flattened.
      vips::VImage rgb = image.bands() == 4 ? image.extract_band(0, vips::VImage::option()->set("n", 3)) : image;
      return take_blob(rgb.jpegsave_buffer(vips::VImage::option()
                                               ->set("strip", true)
                                               ->set("Q", trial.quality)
                                               ->set("optimize_coding", true)));
    }
  }
  throw internal_error("encode: unknown format");
}

}  // namespace detail

Bytes encode_png(const Raster& raster) {
  initialize();
  try {
    detail::Trial lossless;
    lossless.format = Format::png;
    return detail::encode_trial(detail::to_vips(raster), lossless);
  } catch (const vips::VError& error) {
    throw internal_error("png encoding failed: " + detail::vips_message(error));
  }
}

}  // namespace sf::artwork
