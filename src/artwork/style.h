// artwork (internal): the pack's die-cut look (outline and soft shadow),
// drawn on the trimmed source at source resolution.
#pragma once

#include "artwork/artwork.h"

namespace sf::artwork::detail {

/// Lengths in pixels of `art` (already scaled from the 512-px canvas units
/// of pack::Style to the source's resolution).
struct StylePx {
  double outline = 0;
  pack::Rgb outline_color{};
  bool shadow = false;
  double shadow_blur = 0;    // Gaussian sigma
  double shadow_offset = 0;  // downwards
};

/// `art` with a die-cut outline (alpha dilated by `outline`, filled with the
/// colour, art composited on top) and an optional shadow beneath, on a
/// canvas grown just enough to hold them. Returns `art` unchanged when
/// there is nothing to draw.
Raster apply_style(const Raster& art, const StylePx& style);

}  // namespace sf::artwork::detail
