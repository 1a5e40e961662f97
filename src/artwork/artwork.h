// artwork: the only module that touches libvips. Decodes untrusted artwork
// once (with limits checked before decoding), applies the pack's die-cut
// style, fits it into platform canvases and encodes it under byte limits.
// No libvips type appears in this header. Depends on base and pack (Style).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/files.h"
#include "pack/pack.h"

namespace sf::artwork {

/// Refuse before decoding what would exhaust memory (decompression bombs).
struct LoadLimits {
  std::uint64_t max_pixels = 100'000'000;      // as declared by the header
  std::uint64_t max_file_bytes = 64ull << 20;  // on disk
};

/// What the background pass decided for one source (report.json, warnings).
struct BackgroundDecision {
  std::string action = "kept";  // "kept", "removed" or "left" (a busy background)
  std::string reason;           // in words, for the report and warnings
  std::optional<pack::Rgb> colour;  // the background colour found, if any
  double edge_share = 0;        // share of the image's edge that was background
  int enclosed_kept = 0;        // enclosed areas of that colour left in place
  bool warning = false;         // the designer should look (busy background)
};

struct LoadOptions {
  /// Largest side any output needs of the art itself (its canvas less the
  /// margins). Raster sources larger than this are shrunk to it on load;
  /// vector sources (SVG, PDF) are rendered at this size.
  int max_side_px = 1024;
  pack::Style style;  // outline and shadow are applied once, here
  LoadLimits limits;
  /// Background removal (see BackgroundDecision); automatic by default.
  pack::Background background = pack::Background::automatic;
  /// Page of a PDF or multi-page TIFF/GIF, from 1.
  int page = 1;
};

/// What loading decided and assumed about one source, for report.json: every
/// resampling, conversion and guess in words. `warnings` are the ones a
/// designer should act on (they also appear in the build's warnings).
struct LoadReport {
  BackgroundDecision background;
  int pages = 1;                       // pages in the source (PDF, TIFF)
  std::vector<std::string> notes;      // assumptions and conversions
  std::vector<std::string> warnings;   // each names the file
};

/// A decoded, trimmed, styled source image. Cheap to copy; safe to read
/// from several threads at once.
class Artwork {
 public:
  struct Impl;
  explicit Artwork(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  int width() const;
  int height() const;
  const std::filesystem::path& file() const;
  /// "png", "jpeg", "webp", "gif", "svg", "pdf", "tiff".
  const std::string& source_format() const;
  /// Pixel size of the source before trimming (nominal size for vectors).
  std::pair<int, int> source_size() const;
  /// Decisions made while loading (background, pages, colour, scaling).
  const LoadReport& report() const;
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

/// Decodes `file`. Throws Error(bad_input) naming the file and what was
/// wrong: missing, empty, not an image, truncated, too many pixels, SVG with
/// external references, fully transparent. The format is sniffed from the
/// content. The result's longer side is exactly `max_side_px` when the
/// source has that many pixels (trimmed borders are re-decoded), before an
/// outline or shadow adds to it. Safe to call from several threads at once.
Artwork load_artwork(const std::filesystem::path& file, const LoadOptions& options);

/// 8-bit RGBA pixels with straight (not premultiplied) alpha, row-major.
struct Raster {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;
  bool upscaled = false;  // the source had fewer pixels than the fit needed
};

/// The box a platform wants an image in.
struct Canvas {
  int width = 512, height = 512;
  int margin_px = 0;            // kept free on every side
  bool pad_to_canvas = true;    // exactly width x height, art centred
  bool even_dimensions = false; // round a tight fit down to even sizes (LINE)
  std::optional<pack::Rgb> background;  // opaque background (app icons)
  auto operator<=>(const Canvas&) const = default;
};

/// Contain-fits the artwork into `canvas` without cropping, resampling with
/// premultiplied alpha so edges get no dark fringe; fully transparent pixels
/// are 0,0,0,0. Throws Error(internal) when the margin leaves no room.
Raster fit(const Artwork& artwork, const Canvas& canvas);

enum class Format { png, webp, jpeg, gif };
const char* format_name(Format format);

struct EncodeRequest {
  Format format = Format::webp;
  std::uint64_t max_bytes = 100 * 1024;
  bool allow_lossy = true;  // false: lossless only (e.g. PNG-only platforms)
};

/// An encoded file plus what it cost to get under the limit.
struct Encoded {
  Bytes bytes;
  Format format = Format::webp;
  /// Chosen encoder settings, e.g. {"mode","lossy"}, {"quality","82"}.
  std::vector<std::pair<std::string, std::string>> settings;
  double ssim = 1.0;  // against the fitted raster
  int trials = 0;     // distinct settings tried (each encoded at most once
                      // per process: searches share encodes of equal pixels)
  /// What was given up to meet the limit, in words; empty when nothing was.
  std::vector<std::string> sacrifices;
};

/// Encodes at the best quality that fits `max_bytes`: lossless first, then
/// the gentlest knobs (near-lossless, palette, alpha quality) before lossy
/// quality, bisecting with every trial cached; resolution is never reduced.
/// Throws Error(bad_input) "best size N bytes at <setting>; the limit is M"
/// when even the floor setting does not fit (the caller adds the file name).
/// Deterministic: the same raster and request give the same bytes on any
/// machine, with no metadata. JPEG output is flattened onto white.
Encoded encode_within(const Raster& raster, const EncodeRequest& request);

/// Plain lossless PNG (previews, icons without a byte limit).
Bytes encode_png(const Raster& raster);

/// Structural similarity (0..1) of two same-sized rasters, computed on
/// luminance composited over mid-grey so alpha differences count.
double ssim(const Raster& a, const Raster& b);

/// What a file on disk is, read with our decoders (for `check`).
struct ImageInfo {
  std::string format;  // "png", "webp", "gif", "jpeg", ...
  int width = 0, height = 0;
  int frames = 1;
  bool has_alpha = false;
};
/// Throws Error(bad_input) naming the file when it is not a readable image.
ImageInfo probe_file(const std::filesystem::path& file);
/// Decodes an encoded image (first frame) to RGBA.
Raster decode(const Bytes& encoded, const std::string& name_for_errors);

/// Contact sheet: tiles in a grid, drawn once on a light and once on a dark
/// chat background, with a caption per tile (omitted when no font is
/// installed). Throws Error(bad_input) when `tiles` is empty.
Raster contact_sheet(const std::vector<Raster>& tiles,
                     const std::vector<std::string>& captions, int tile_px);

/// Starts libvips once per process (thread-safe, idempotent).
void initialize();

}  // namespace sf::artwork
