#include <catch2/catch.hpp>

#include <chrono>

#include "artwork/artwork.h"
#include "artwork/test_images.h"
#include "base/error.h"
#include "support/temp_dir.h"

using namespace sf;
using namespace sf::artwork;
using sf::test::TempDir;

namespace {

const char* kSquareSvg =
    R"(<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50">)"
    R"(<rect x="25" y="0" width="50" height="50" fill="#ff0000"/></svg>)";

LoadOptions small(int max_side = 256) {
  LoadOptions options;
  options.max_side_px = max_side;
  options.style.outline_px = 0;
  return options;
}

std::filesystem::path write_png(const TempDir& dir, const std::string& name, const Raster& raster) {
  auto path = dir / name;
  sf::test::write_bytes(path, encode_png(raster));
  return path;
}

}  // namespace

TEST_CASE("load refuses a missing file and names it", "[artwork]") {
  TempDir dir;
  REQUIRE_THROWS_WITH(load_artwork(dir / "nope.png", small()),
                      Catch::Contains("nope.png: file not found"));
}

TEST_CASE("load refuses an empty file", "[artwork]") {
  TempDir dir;
  auto path = sf::test::write_file(dir / "empty.png", "");
  REQUIRE_THROWS_WITH(load_artwork(path, small()),
                      Catch::Contains("empty.png: file is empty (0 bytes)"));
}

TEST_CASE("load refuses text named .png", "[artwork]") {
  TempDir dir;
  auto path = sf::test::write_file(dir / "notes.png", "just some notes, not a picture\n");
  REQUIRE_THROWS_WITH(load_artwork(path, small()),
                      Catch::Contains("notes.png: does not look like an image") &&
                          Catch::Contains("text"));
}

TEST_CASE("load refuses a truncated png", "[artwork]") {
  TempDir dir;
  Bytes png = encode_png(sf::test::noisy_disc(64, 1));
  png.resize(png.size() / 2);
  auto path = dir / "cut.png";
  sf::test::write_bytes(path, png);
  REQUIRE_THROWS_WITH(load_artwork(path, small()),
                      Catch::Contains("cut.png: png image is truncated or corrupt"));
}

TEST_CASE("load refuses a corrupt jpeg", "[artwork]") {
  TempDir dir;
  Bytes bytes = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
                 0x12, 0x34, 0x56};
  auto path = dir / "broken.jpg";
  sf::test::write_bytes(path, bytes);
  REQUIRE_THROWS_WITH(load_artwork(path, small()),
                      Catch::Contains("broken.jpg: jpeg image is truncated or corrupt"));
}

TEST_CASE("load refuses a decompression bomb from its header alone", "[artwork]") {
  TempDir dir;
  auto path = dir / "bomb.png";
  sf::test::write_bytes(path, sf::test::png_header_only(60000, 60000));
  auto start = std::chrono::steady_clock::now();
  REQUIRE_THROWS_WITH(load_artwork(path, small()),
                      Catch::Contains("bomb.png: image header declares 60000x60000 px") &&
                          Catch::Contains("the limit is 100000000 pixels"));
  // Not a timing assertion on speed, a bound that only a real decode of
  // 3.6 gigapixels could break.
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}

TEST_CASE("load refuses files over the byte limit", "[artwork]") {
  TempDir dir;
  auto path = write_png(dir, "big.png", sf::test::noisy_disc(64, 2));
  LoadOptions options = small();
  options.limits.max_file_bytes = 100;
  REQUIRE_THROWS_WITH(load_artwork(path, options),
                      Catch::Contains("big.png: file is") && Catch::Contains("the limit is 100 bytes"));
}

TEST_CASE("load refuses fully transparent art", "[artwork]") {
  TempDir dir;
  auto path = write_png(dir, "ghost.png", sf::test::make_raster(32, 32, [](int, int) { return 0u; }));
  REQUIRE_THROWS_WITH(load_artwork(path, small()),
                      Catch::Contains("ghost.png: image is fully transparent"));
}

TEST_CASE("load detects the format by content, not by name", "[artwork]") {
  TempDir dir;
  Raster art = sf::test::rect_on_transparent(40, 40, 10, 10, 20, 20, 0x00ff00ffu);
  EncodeRequest webp{Format::webp, 1 << 20, false};
  auto path = dir / "really-webp.png";
  sf::test::write_bytes(path, encode_within(art, webp).bytes);
  Artwork loaded = load_artwork(path, small());
  CHECK(loaded.source_format() == "webp");
  CHECK(loaded.width() == 20);
  CHECK(loaded.height() == 20);
}

TEST_CASE("load reads every supported format", "[artwork]") {
  TempDir dir;
  Raster art = sf::test::rect_on_transparent(40, 30, 5, 5, 30, 20, 0x2040ffffu);
  SECTION("png") {
    Artwork a = load_artwork(write_png(dir, "a.png", art), small());
    CHECK(a.source_format() == "png");
    CHECK(a.source_size() == std::pair{40, 30});
    CHECK((a.width() == 30 && a.height() == 20));
  }
  SECTION("jpeg: the white it was flattened onto is removed, unless kept") {
    auto path = dir / "a.jpg";
    sf::test::write_bytes(path, encode_within(art, {Format::jpeg, 1 << 20, true}).bytes);
    Artwork a = load_artwork(path, small());
    CHECK(a.source_format() == "jpeg");
    CHECK(std::abs(a.width() - 30) <= 1);
    CHECK(std::abs(a.height() - 20) <= 1);
    LoadOptions keep = small();
    keep.background = sf::pack::Background::keep;
    Artwork b = load_artwork(path, keep);
    CHECK((b.width() == 40 && b.height() == 30));
  }
  SECTION("gif") {
    auto path = dir / "a.gif";
    sf::test::write_bytes(path, encode_within(art, {Format::gif, 1 << 20, true}).bytes);
    Artwork a = load_artwork(path, small());
    CHECK(a.source_format() == "gif");
    CHECK((a.width() == 30 && a.height() == 20));
  }
  SECTION("tiff") {
    auto path = dir / "a.tif";
    sf::test::write_bytes(path, sf::test::tiff_bytes(art));
    Artwork a = load_artwork(path, small());
    CHECK(a.source_format() == "tiff");
    CHECK((a.width() == 30 && a.height() == 20));
  }
  SECTION("pdf page 1, rendered at the size asked for") {
    auto path = sf::test::write_file(dir / "a.pdf", sf::test::pdf_with_square(100, 100));
    Artwork a = load_artwork(path, small(200));
    CHECK(a.source_format() == "pdf");
    CHECK(a.source_size() == std::pair{100, 100});
    CHECK(a.width() >= 199);
  }
}

TEST_CASE("svg is rendered at the size needed, not its nominal size", "[artwork]") {
  TempDir dir;
  auto path = sf::test::write_file(dir / "a.svg", kSquareSvg);
  Artwork a = load_artwork(path, small(512));
  CHECK(a.source_format() == "svg");
  CHECK(a.source_size() == std::pair{100, 50});
  // The 50x50 square of a 100x50 drawing, trimmed, re-rendered so the
  // square itself reaches the 512 px asked for, then brought to exactly
  // that, so a 512 px art box takes it without resampling again.
  CHECK(a.width() == 512);
  CHECK(a.height() == 512);
  Raster fitted = fit(a, Canvas{512, 512, 0, true, false, std::nullopt});
  CHECK_FALSE(fitted.upscaled);
  // Crisp: the middle is fully opaque red.
  CHECK(sf::test::pixel(fitted, 256, 256) == 0xff0000ffu);
}

TEST_CASE("large raster sources are shrunk on load", "[artwork]") {
  TempDir dir;
  Raster big = sf::test::rect_on_transparent(2000, 1000, 0, 0, 2000, 1000, 0x808080ffu);
  Artwork a = load_artwork(write_png(dir, "big.png", big), small(300));
  CHECK(a.source_size() == std::pair{2000, 1000});
  CHECK(a.width() == 300);
  CHECK(a.height() == 150);
}

TEST_CASE("a source with a wide transparent border keeps the resolution asked for", "[artwork]") {
  TempDir dir;
  // Art is a quarter of the canvas: trimming after a plain shrink to 256
  // would leave 64 px of art.
  Raster src = sf::test::rect_on_transparent(1024, 1024, 384, 384, 256, 256, 0x00ff00ffu);
  Artwork a = load_artwork(write_png(dir, "border.png", src), small(256));
  CHECK(a.width() == 256);
  CHECK(a.height() == 256);
}

TEST_CASE("load names image formats it recognises but does not accept", "[artwork]") {
  TempDir dir;
  Bytes bmp(64, 0);
  bmp[0] = 'B';
  bmp[1] = 'M';
  bmp[14] = 40;
  auto path = dir / "old.png";
  sf::test::write_bytes(path, bmp);
  REQUIRE_THROWS_WITH(load_artwork(path, small()),
                      Catch::Contains("old.png: does not look like an image (the content is a BMP image)") &&
                          Catch::Contains("expected PNG, JPEG, WEBP, GIF, TIFF, SVG or PDF"));
}

TEST_CASE("grey, 16-bit and large sources load as 8-bit RGBA", "[artwork]") {
  if (sf::test::run_command("command -v convert").status != 0) {
    WARN("ImageMagick convert not installed; grey and 16-bit fixtures cannot be made");
    return;
  }
  TempDir dir;
  SECTION("16-bit RGBA") {
    auto path = dir / "deep.png";
    REQUIRE(sf::test::run_command("convert -size 60x40 xc:none -fill 'rgb(255,0,0)' -draw 'rectangle 10,10 49,29' "
                                  "-depth 16 png64:" + path.string()).status == 0);
    Artwork a = load_artwork(path, small());
    CHECK((a.width() == 40 && a.height() == 20));
    Raster r = fit(a, Canvas{40, 20, 0, true, false, std::nullopt});
    CHECK(sf::test::pixel(r, 20, 10) == 0xff0000ffu);
  }
  SECTION("grey with alpha, shrunk on load") {
    auto path = dir / "grey.png";
    REQUIRE(sf::test::run_command("convert -size 1200x600 xc:none -fill 'gray(40%)' -draw 'rectangle 100,100 1099,499' "
                                  "-colorspace Gray -define png:color-type=4 " + path.string()).status == 0);
    Artwork a = load_artwork(path, small(300));
    // 1000x400 art in a 1200x600 canvas, decoded so the art gets at least
    // the 300 px asked for, and not more than a quarter above it.
    CHECK(a.width() >= 300);
    CHECK(a.width() <= 375);
    Raster r = fit(a, Canvas{100, 40, 0, true, false, std::nullopt});
    std::uint32_t p = sf::test::pixel(r, 50, 20);
    CHECK((p & 255) == 255);
    CHECK((p >> 24) == ((p >> 16) & 255));  // grey stays grey
    CHECK((p >> 24) == Approx(102).margin(4));
  }
}

TEST_CASE("a gif bomb is refused from its screen descriptor", "[artwork]") {
  TempDir dir;
  Bytes gif = {'G', 'I', 'F', '8', '9', 'a', 0xff, 0xff, 0xff, 0xff, 0, 0, 0, ';'};
  auto path = dir / "huge.gif";
  sf::test::write_bytes(path, gif);
  REQUIRE_THROWS_WITH(load_artwork(path, small()),
                      Catch::Contains("huge.gif: image header declares 65535x65535 px"));
}

TEST_CASE("malformed svg and truncated pdf are refused with the file named", "[artwork]") {
  TempDir dir;
  SECTION("svg") {
    auto path = sf::test::write_file(dir / "bad.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect");
    REQUIRE_THROWS_WITH(load_artwork(path, small()), Catch::Contains("bad.svg: svg image is truncated or corrupt"));
  }
  SECTION("pdf") {
    std::string pdf = sf::test::pdf_with_square(100, 100);
    auto path = sf::test::write_file(dir / "cut.pdf", pdf.substr(0, 40));
    REQUIRE_THROWS_WITH(load_artwork(path, small()), Catch::Contains("cut.pdf: pdf image is truncated or corrupt"));
  }
}
