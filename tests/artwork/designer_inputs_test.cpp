// PDF pages, die-cut outlines round soft shadows and glows, CMYK, pixel
// art: the inputs designers send, checked pixel by pixel.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "artwork/artwork.h"
#include "artwork/designer_files.h"
#include "artwork/test_images.h"
#include "base/error.h"
#include "support/temp_dir.h"

using namespace sf;
using namespace sf::artwork;
using sf::test::TempDir;

namespace {

std::uint8_t alpha_at(const Raster& r, int x, int y) { return sf::test::pixel(r, x, y) & 255; }

// The loaded art at its own size (fit at scale 1 returns its pixels).
Raster pixels_of(const Artwork& art) {
  return fit(art, Canvas{art.width(), art.height(), 0, true, false, std::nullopt});
}

}  // namespace

TEST_CASE("a two-page PDF: page 1 on transparency, trimmed, page 2 named", "[artwork][pdf]") {
  TempDir dir;
  auto path = sf::test::write_file(dir / "logo.pdf", sf::test::two_page_pdf());
  LoadOptions options;
  options.max_side_px = 400;
  options.style.outline_px = 0;
  Artwork art = load_artwork(path, options);
  // The disc (80 of 200 pt), not the page: square, trimmed to the disc.
  CHECK(std::abs(art.width() - art.height()) <= 2);
  Raster r = pixels_of(art);
  CHECK(alpha_at(r, 0, 0) == 0);  // the white page rectangle was removed
  CHECK(alpha_at(r, r.width / 2, r.height / 2) == 255);
  CHECK(((sf::test::pixel(r, r.width / 2, r.height / 2) >> 8) & 255) > 100);  // blue
  CHECK(art.report().pages == 2);
  REQUIRE(art.report().warnings.size() == 1);
  CHECK_THAT(art.report().warnings[0], Catch::Contains("logo.pdf") && Catch::Contains("2 pages") &&
                                           Catch::Contains("page 2 ignored"));

  options.page = 2;
  Artwork second = load_artwork(path, options);
  Raster s = pixels_of(second);
  CHECK((sf::test::pixel(s, s.width / 2, s.height / 2) >> 24) > 200);  // red square
  CHECK_THAT(second.report().warnings[0], Catch::Contains("page 2 used, page 1 ignored"));

  options.page = 3;
  CHECK_THROWS_WITH(load_artwork(path, options),
                    Catch::Contains("logo.pdf") && Catch::Contains("\"page\" is 3") &&
                        Catch::Contains("has 2 pages"));
}

TEST_CASE("the die-cut outline follows the solid art, not its soft shadow", "[artwork][outline]") {
  TempDir dir;
  auto path = dir / "shadow.png";
  sf::test::write_bytes(path, encode_png(sf::test::disc_with_soft_shadow()));
  LoadOptions options;
  options.max_side_px = 300;
  options.style.margin_px = 0;
  options.style.outline_px = 24;  // ~14 source px round the 140-px disc
  Artwork art = load_artwork(path, options);
  Raster r = pixels_of(art);
  // The disc is where the red is; it was drawn at (120, 120), r=70, and the
  // shadow's centre at (150, 150): loading trims but does not scale here.
  double sx = 0, sy = 0, n = 0;
  for (int y = 0; y < r.height; ++y)
    for (int x = 0; x < r.width; ++x) {
      std::uint32_t p = sf::test::pixel(r, x, y);
      if ((p & 255) == 255 && (p >> 24) > 200 && ((p >> 16) & 255) < 60) sx += x, sy += y, ++n;
    }
  REQUIRE(n > 1000);
  int cx = static_cast<int>(std::lround(sx / n)), cy = static_cast<int>(std::lround(sy / n));
  // 29 px beyond the disc towards the shadow, past the ~12-px outline: the
  // shadow as drawn (black at ~46%), not an opaque white or grey slab.
  std::uint32_t shadow = sf::test::pixel(r, cx + 70, cy + 70);
  INFO("shadow pixel " << std::hex << shadow);
  CHECK((shadow & 255) > 90);
  CHECK((shadow & 255) < 140);
  CHECK((shadow >> 24) < 30);
  // The same distance on the far side: nothing (no shadow, outline ended).
  CHECK(alpha_at(r, cx - 70, cy - 70) == 0);
  // The outline is there where there is no shadow: white just outside the disc.
  std::uint32_t outline = sf::test::pixel(r, cx - 74, cy);
  INFO("outline pixel " << std::hex << outline);
  CHECK((outline & 255) == 255);
  CHECK((outline >> 24) > 240);
  CHECK(((outline >> 8) & 255) > 240);
}

TEST_CASE("a glow SVG keeps its glow drawn over the outline", "[artwork][outline]") {
  TempDir dir;
  auto path = sf::test::write_file(dir / "glow.svg", sf::test::glow_svg());
  LoadOptions options;
  options.max_side_px = 300;
  options.style.margin_px = 0;
  options.style.outline_px = 16;
  Artwork art = load_artwork(path, options);
  Raster r = pixels_of(art);
  // Outer rim of the glow: yellowish and soft, no white band round it.
  int cy = r.height / 2;
  int first = 0;
  while (first < r.width && alpha_at(r, first, cy) == 0) ++first;
  std::uint32_t rim = sf::test::pixel(r, first + 3, cy);
  INFO("rim " << std::hex << rim);
  CHECK((rim & 255) < 200);
  CHECK(((rim >> 8) & 255) < 120);  // blue channel low: yellow, not white
  CHECK(alpha_at(r, r.width / 2, cy) == 255);
}

TEST_CASE("CMYK JPEG: a missing profile is named, an embedded one noted", "[artwork][colour]") {
  TempDir dir;
  auto without = dir / "print.jpg";
  auto with = dir / "print_icc.jpg";
  sf::test::write_bytes(without, sf::test::cmyk_jpeg(sf::test::logo_on_white(), false));
  sf::test::write_bytes(with, sf::test::cmyk_jpeg(sf::test::logo_on_white(), true));
  LoadOptions options;
  options.max_side_px = 256;
  Artwork a = load_artwork(without, options);
  REQUIRE_FALSE(a.report().warnings.empty());
  CHECK_THAT(a.report().warnings[0], Catch::Contains("print.jpg") && Catch::Contains("CMYK without") &&
                                         Catch::Contains("generic CMYK profile"));
  Artwork b = load_artwork(with, options);
  CHECK(b.report().warnings.empty());
  REQUIRE_FALSE(b.report().notes.empty());
  CHECK_THAT(b.report().notes[0], Catch::Contains("embedded ICC profile"));
  // Both cut out: CMYK white is still the background.
  CHECK(a.report().background.action == "removed");
}

TEST_CASE("64-px pixel art is enlarged with nearest neighbour", "[artwork][pixelart]") {
  TempDir dir;
  auto path = dir / "pixels.png";
  sf::test::write_bytes(path, encode_png(sf::test::pixel_art()));
  LoadOptions options;
  options.max_side_px = 480;
  options.style.outline_px = 0;
  Artwork art = load_artwork(path, options);
  REQUIRE_FALSE(art.report().notes.empty());
  CHECK_THAT(art.report().notes.back(), Catch::Contains("nearest neighbour"));
  Raster out = fit(art, Canvas{512, 512, 16, true, false, std::nullopt});
  std::set<std::uint32_t> colours;
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) colours.insert(sf::test::pixel(out, x, y));
  CHECK(colours.size() <= 7);  // the 6 colours and transparency: no blends
}
