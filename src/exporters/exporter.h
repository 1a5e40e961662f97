// exporters: one platform = one PlatformSpec (data) plus a few hooks (the
// platform's manifests and extra images). The shared driver (build.h) does
// the decoding, fitting, encoding, zipping and atomic writing. Depends on
// artwork, pack, crypto and base; no libzip or JSON type appears here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "artwork/artwork.h"
#include "base/problems.h"
#include "exporters/bundle.h"
#include "pack/pack.h"

namespace sf::exporters {

/// The rule one image file must meet, used both to make it (build) and to
/// judge one made by someone else (check).
struct ImageRule {
  artwork::Format format = artwork::Format::png;
  int width = 512, height = 512;
  bool exact_size = true;        // false: width x height is a box to fit within
  bool even_dimensions = false;  // LINE resizes images and wants even sizes
  std::uint64_t max_bytes = 0;   // 0: the platform states no limit
  bool allow_lossy = true;       // false: lossless only
  bool opaque = false;           // app icons: drawn on a white background
};

/// What a platform is, as data. One per platform file.
struct PlatformSpec {
  std::string_view id;            // command-line name: "telegram"
  std::string_view display_name;  // "Telegram"
  ImageRule sticker;
  int margin_px = 0;  // the platform's own minimum margin at its canvas size
  int min_stickers = 1;
  int max_stickers = 1000;
  std::vector<int> allowed_counts;  // non-empty: only these counts (LINE)
  int min_emojis = 0;               // per sticker; 0 = emoji not needed
  int max_emojis = 20;              // extra emoji are dropped with a warning
  bool counts_confirmed = true;     // false: count rules only warn (sources disagree)
};

/// Where an image job takes its pixels from.
inline constexpr int kTraySource = -1;

/// One image the platform needs: which source, which rule, where it goes.
struct ImageJob {
  std::string role;  // sticker, tray, thumbnail, cover, main, tab, icon, banner
  std::string path;  // relative to the platform folder
  int source = 0;    // sticker index, or kTraySource (tray, else sticker 0)
  ImageRule rule;
};

/// What every platform hook may read besides the pack.
struct FinishContext {
  std::optional<Bytes> signal_key;  // fixed Signal pack key (reproducible builds)
  std::vector<std::string>* warnings = nullptr;
  /// Where secrets go (0600 files, outside every platform folder), relative to DIR.
  std::filesystem::path secrets_dir = "secrets";
};

class Exporter {
 public:
  virtual ~Exporter() = default;
  virtual const PlatformSpec& spec() const = 0;
  /// Platform rules beyond the spec's counts and emoji; appends problems
  /// (never throws for bad input) and warnings.
  virtual void check(const pack::Pack& pack, Problems& problems,
                     std::vector<std::string>& warnings) const {}
  /// Every image this platform needs, stickers included, in a stable order.
  virtual std::vector<ImageJob> images(const pack::Pack& pack) const = 0;
  /// Writes manifests and archives once every image is in `bundle`.
  virtual void finish(const pack::Pack& pack, Bundle& bundle,
                      const FinishContext& context) const = 0;
  /// Checks a bundle folder made by anyone: every image against its rule,
  /// manifests parse and reference files that exist. Appends problems.
  virtual void check_bundle(const std::filesystem::path& root, Problems& problems) const = 0;
};

}  // namespace sf::exporters
