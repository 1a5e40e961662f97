// The awkward files designers really send, made in the test (no committed
// images): a logo on white (JPEG q=85 and PNG), a sketch on grey paper, a
// soft-shadow PNG, a glow SVG, a two-page PDF, CMYK JPEGs with and without
// a profile, 64-px pixel art, a 3:1 banner and a photograph.
#pragma once

#include <string>

#include "artwork/artwork.h"

namespace sf::test {

// Where things are in logo_on_white() (480x320): a dark blue disc with a
// white eye, and an orange ring whose inside is white.
constexpr int kLogoW = 480, kLogoH = 320;
constexpr int kDiscX = 200, kDiscY = 160, kDiscR = 110;  // colour 20,40,120
constexpr int kEyeX = 170, kEyeY = 125, kEyeR = 22;     // white, enclosed
constexpr int kRingX = 400, kRingY = 160, kRingOuter = 60, kRingInner = 32;  // 240,120,20

/// Anti-aliased (4x4 supersampled) opaque logo on a white background.
artwork::Raster logo_on_white();

/// Pencil lines (dark grey) on grey paper with grain and a vignette; a
/// drawn circle encloses paper at (kSketchX, kSketchY).
constexpr int kSketchX = 150, kSketchY = 120;
artwork::Raster sketch_on_paper();

/// A solid red disc at (120, 120) r=70 on transparency with a soft black
/// drop shadow (peak alpha ~60%) offset by (30, 30): 300x300.
artwork::Raster disc_with_soft_shadow();

/// A solid disc with a wide soft yellow glow (filter blur) round it.
std::string glow_svg();

/// A PDF whose page 1 is the logo (a white page-filling rectangle, a blue
/// disc at the centre) and page 2 a red square.
std::string two_page_pdf();

/// 64x64 pixel art: 6 colours, hard edges, transparent background.
artwork::Raster pixel_art();

/// A 3:1 banner (600x200, opaque colours on transparency).
artwork::Raster banner();

/// A photograph-like image: smooth random colour fields with grain, all
/// the way to the edges.
artwork::Raster photo();

/// `raster` (alpha ignored) as a baseline JPEG at `quality`.
Bytes jpeg(const artwork::Raster& raster, int quality);

/// `raster` converted to CMYK and saved as JPEG, with or without the ICC
/// profile embedded.
Bytes cmyk_jpeg(const artwork::Raster& raster, bool with_profile);

}  // namespace sf::test
