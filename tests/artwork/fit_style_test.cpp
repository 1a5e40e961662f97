#include <catch2/catch.hpp>

#include "artwork/artwork.h"
#include "artwork/test_images.h"
#include "support/temp_dir.h"

using namespace sf::artwork;
using sf::test::TempDir;

namespace {

Artwork load_raster(const TempDir& dir, const Raster& raster, const sf::pack::Style& style,
                    int max_side = 512) {
  auto path = dir / "art.png";
  sf::test::write_bytes(path, encode_png(raster));
  LoadOptions options;
  options.max_side_px = max_side;
  options.style = style;
  return load_artwork(path, options);
}

sf::pack::Style plain() {
  sf::pack::Style style;
  style.outline_px = 0;
  style.shadow = false;
  return style;
}

}  // namespace

TEST_CASE("trim removes transparent edges exactly", "[artwork][fit]") {
  TempDir dir;
  Artwork a = load_raster(dir, sf::test::rect_on_transparent(100, 80, 13, 7, 41, 29, 0xff0000ffu), plain());
  CHECK(a.width() == 41);
  CHECK(a.height() == 29);
}

TEST_CASE("fit contains the art, keeps the margin and centres it", "[artwork][fit]") {
  TempDir dir;
  Artwork a = load_raster(dir, sf::test::rect_on_transparent(300, 150, 0, 0, 300, 150, 0x0000ffffu), plain());
  Raster out = fit(a, Canvas{512, 512, 16, true, false, std::nullopt});
  REQUIRE(out.width == 512);
  REQUIRE(out.height == 512);
  CHECK(out.upscaled);  // 300 px wide source, 480 px wanted
  // Art is 480x240, centred: rows 136..375 opaque, columns 16..495.
  CHECK((sf::test::pixel(out, 256, 135) & 255) == 0);
  CHECK((sf::test::pixel(out, 256, 136) & 255) == 255);
  CHECK((sf::test::pixel(out, 256, 375) & 255) == 255);
  CHECK((sf::test::pixel(out, 256, 376) & 255) == 0);
  CHECK((sf::test::pixel(out, 15, 256) & 255) == 0);
  CHECK((sf::test::pixel(out, 16, 256) & 255) == 255);
  CHECK((sf::test::pixel(out, 495, 256) & 255) == 255);
  CHECK((sf::test::pixel(out, 496, 256) & 255) == 0);
}

TEST_CASE("a tight fit with even dimensions gives even sizes", "[artwork][fit]") {
  TempDir dir;
  Artwork a = load_raster(dir, sf::test::rect_on_transparent(333, 201, 0, 0, 333, 201, 0x0000ffffu), plain());
  Raster out = fit(a, Canvas{370, 320, 10, false, true, std::nullopt});
  CHECK(out.width % 2 == 0);
  CHECK(out.height % 2 == 0);
  CHECK(out.width <= 370);
  CHECK(out.height <= 320);
  // Scale min(350/333, 300/201): art 350x211; 211 + 2 x 10 is odd, so the
  // art gives up one row.
  CHECK(out.width == 370);
  CHECK(out.height == 230);
}

TEST_CASE("downscaling a large source does not report upscaling", "[artwork][fit]") {
  TempDir dir;
  Artwork a = load_raster(dir, sf::test::noisy_disc(400, 3), plain(), 1024);
  Raster out = fit(a, Canvas{96, 96, 0, true, false, std::nullopt});
  CHECK_FALSE(out.upscaled);
}

TEST_CASE("a background flattens the canvas to opaque", "[artwork][fit]") {
  TempDir dir;
  Artwork a = load_raster(dir, sf::test::rect_on_transparent(50, 50, 10, 10, 30, 30, 0x000000ffu), plain());
  Raster out = fit(a, Canvas{120, 90, 10, true, false, sf::pack::Rgb{255, 255, 0}});
  CHECK(sf::test::pixel(out, 0, 0) == 0xffff00ffu);
  CHECK(sf::test::pixel(out, 60, 45) == 0x000000ffu);
}

TEST_CASE("white art on transparency gets no dark fringe", "[artwork][fit]") {
  TempDir dir;
  // A white disc whose transparent surroundings are black underneath, the
  // classic source of dark halos when resampling straight alpha.
  Raster disc = sf::test::make_raster(400, 400, [](int x, int y) -> std::uint32_t {
    double dx = x - 200.0, dy = y - 200.0;
    return dx * dx + dy * dy < 170.0 * 170.0 ? 0xffffffffu : 0x00000000u;
  });
  Artwork a = load_raster(dir, disc, plain());
  for (int size : {96, 100, 333}) {
    Raster out = fit(a, Canvas{size, size, 3, true, false, std::nullopt});
    int semi = 0;
    for (int y = 0; y < out.height; ++y)
      for (int x = 0; x < out.width; ++x) {
        std::uint32_t p = sf::test::pixel(out, x, y);
        std::uint32_t alpha = p & 255;
        if (alpha == 0) {
          REQUIRE((p >> 8) == 0);  // one constant colour under zero alpha
        } else {
          if (alpha < 255) ++semi;
          INFO("pixel " << x << "," << y << " = " << std::hex << p);
          REQUIRE((p >> 24) >= 250);
          REQUIRE(((p >> 16) & 255) >= 250);
          REQUIRE(((p >> 8) & 255) >= 250);
        }
      }
    CHECK(semi > 0);  // the edge really is anti-aliased
  }
}

TEST_CASE("the outline grows the alpha by the scaled outline width", "[artwork][style]") {
  TempDir dir;
  // 200x200 opaque square; margin 16, outline 8 of a 512 canvas:
  // outline in source px = 8 * 200 / (512 - 32 - 16) = 3.45 px per side.
  sf::pack::Style style = plain();
  style.outline_px = 8;
  style.outline_color = {255, 255, 255};
  Raster square = sf::test::rect_on_transparent(240, 240, 20, 20, 200, 200, 0x102030ffu);
  Artwork a = load_raster(dir, square, style);
  double expected = 200 + 2 * 8 * 200 / 464.0;
  CHECK(a.width() == Approx(expected).margin(2));
  CHECK(a.height() == Approx(expected).margin(2));
  // Fitted to 512 with the same margin, the outline is 8 px wide: from the
  // first mostly opaque pixel to the first pixel of the (dark) art.
  Raster out = fit(a, Canvas{512, 512, 16, true, false, std::nullopt});
  int outline_start = -1, art_start = -1;
  for (int x = 0; x < 256; ++x) {
    std::uint32_t p = sf::test::pixel(out, x, 256);
    if (outline_start < 0 && (p & 255) >= 128) outline_start = x;
    if (art_start < 0 && (p & 255) >= 128 && (p >> 24) < 128) art_start = x;
  }
  CHECK(outline_start == Approx(16).margin(2));
  CHECK(art_start - outline_start == Approx(8).margin(1));
  CHECK(sf::test::pixel(out, 256, 256) == 0x102030ffu);
  CHECK(sf::test::pixel(out, 20, 256) == 0xffffffffu);
}

TEST_CASE("a shadow adds soft alpha below the art", "[artwork][style]") {
  TempDir dir;
  sf::pack::Style style = plain();
  style.shadow = true;
  Raster square = sf::test::rect_on_transparent(400, 400, 0, 0, 400, 400, 0xff0000ffu);
  Artwork a = load_raster(dir, square, style);
  REQUIRE(a.height() > 400);
  Raster out = fit(a, Canvas{a.width(), a.height(), 0, true, false, std::nullopt});
  // Below the square's last red row the pixels are dark and partly
  // transparent, fading out.
  int x = out.width / 2, last_red = -1;
  for (int y = 0; y < out.height; ++y)
    if (sf::test::pixel(out, x, y) == 0xff0000ffu) last_red = y;
  REQUIRE(last_red > 0);
  REQUIRE(last_red + 2 < out.height);
  std::uint32_t below = sf::test::pixel(out, x, last_red + 2);
  CHECK((below & 255) > 0);
  CHECK((below & 255) < 128);
  CHECK((below >> 24) < 40);
  CHECK((sf::test::pixel(out, x, out.height - 1) & 255) < (below & 255));
}
