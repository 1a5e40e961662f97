#include <catch2/catch.hpp>

#include "artwork/artwork.h"
#include "artwork/test_images.h"
#include "support/temp_dir.h"

using namespace sf::artwork;
using sf::test::TempDir;

TEST_CASE("probe reports format, size and alpha", "[artwork][probe]") {
  TempDir dir;
  Raster art = sf::test::rect_on_transparent(70, 50, 5, 5, 20, 20, 0xff0000ffu);
  auto path = dir / "a.webp";
  sf::test::write_bytes(path, encode_within(art, {Format::webp, 1 << 20, true}).bytes);
  ImageInfo info = probe_file(path);
  CHECK(info.format == "webp");
  CHECK(info.width == 70);
  CHECK(info.height == 50);
  CHECK(info.frames == 1);
  CHECK(info.has_alpha);
}

TEST_CASE("probe refuses what is not an image", "[artwork][probe]") {
  TempDir dir;
  auto path = sf::test::write_file(dir / "x.webp", "<html><body><svg width=\"9\"/></body></html>");
  REQUIRE_THROWS_WITH(probe_file(path),
                      Catch::Contains("x.webp: does not look like an image") &&
                          Catch::Contains("HTML"));
  REQUIRE_THROWS_WITH(probe_file(dir / "missing.png"), Catch::Contains("missing.png: file not found"));
}

TEST_CASE("ssim is 1 for identical rasters and drops with damage", "[artwork][ssim]") {
  Raster a = sf::test::noisy_disc(64, 4);
  CHECK(ssim(a, a) == Approx(1.0));
  Raster b = a;
  for (std::size_t i = 0; i < b.rgba.size(); i += 4) b.rgba[i + 3] = 0;  // all transparent
  CHECK(ssim(a, b) < 0.5);
  Raster c = sf::test::noisy_disc(32, 4);
  REQUIRE_THROWS_WITH(ssim(a, c), Catch::Contains("differ in size"));
}

TEST_CASE("contact sheet draws tiles on a light and a dark background", "[artwork][sheet]") {
  std::vector<Raster> tiles = {sf::test::rect_on_transparent(64, 64, 0, 0, 64, 64, 0xff0000ffu),
                               sf::test::rect_on_transparent(32, 48, 0, 0, 32, 48, 0x00ff00ffu),
                               sf::test::rect_on_transparent(128, 128, 0, 0, 1, 1, 0x0000ffffu)};
  Raster sheet = contact_sheet(tiles, {"red", "green", "blue"}, 64);
  // Two panels side by side, 2 columns x 2 rows each.
  REQUIRE(sheet.width == 2 * (2 * (64 + 16) + 16));
  REQUIRE(sheet.height == 2 * (64 + 24 + 16) + 16);
  CHECK(sf::test::pixel(sheet, 2, 2) == 0xe5ddd5ffu);
  CHECK(sf::test::pixel(sheet, sheet.width / 2 + 2, 2) == 0x0e1621ffu);
  CHECK(sf::test::pixel(sheet, 16 + 32, 16 + 32) == 0xff0000ffu);
  CHECK(sf::test::pixel(sheet, sheet.width / 2 + 16 + 32, 16 + 32) == 0xff0000ffu);
  REQUIRE_THROWS_WITH(contact_sheet({}, {}, 64), Catch::Contains("no stickers"));
}
