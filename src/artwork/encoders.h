// artwork (internal): one encode with fully specified settings. The search
// in encode_search.cpp only ever calls encode_trial.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <vips/vips8>

#include "artwork/artwork.h"

namespace sf::artwork::detail {

enum class Mode { lossless, near_lossless, lossy, palette };

/// Every knob of one encode. `quality` means the WEBP quality (lossy), the
/// near-lossless level, the quantiser quality (palette) or JPEG quality.
struct Trial {
  Format format = Format::webp;
  Mode mode = Mode::lossless;
  int quality = 100;
  int alpha_quality = 100;  // WEBP lossy only
  int bitdepth = 8;         // palette: 2^bitdepth colours
  bool dither = true;       // palette
  /// Lossless only: the other encoder setting (WEBP method 4 at full
  /// effort, tried when the fast one is close; PNG with adaptive row
  /// filters, tried when unfiltered rows look textured or do not fit).
  bool thorough = false;

  /// Unique per distinct encode, for the trial cache.
  std::string key() const;
  /// "lossy WEBP at quality 78", for reports and messages.
  std::string describe() const;
  std::vector<std::pair<std::string, std::string>> settings() const;
  /// True when the output differs from the input pixels.
  bool is_lossy() const;
};

/// Encodes `image` (8-bit sRGB RGBA) with `trial`'s settings, metadata
/// stripped, deterministic. Throws vips::VError.
Bytes encode_trial(const vips::VImage& image, const Trial& trial);

}  // namespace sf::artwork::detail
