#include <catch2/catch.hpp>

#include "artwork/artwork.h"
#include "artwork/test_images.h"
#include "artwork/trial_memo.h"
#include "support/temp_dir.h"

using namespace sf::artwork;
using sf::test::TempDir;

namespace {

bool has_tool(const std::string& name) {
  return sf::test::run_command("command -v " + name).status == 0;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += s + "; ";
  return out;
}

}  // namespace

TEST_CASE("webp that fits losslessly is kept lossless", "[artwork][encode]") {
  Raster flat = sf::test::rect_on_transparent(128, 128, 16, 16, 96, 96, 0x3366ccffu);
  Encoded e = encode_within(flat, {Format::webp, 100 * 1024, true});
  CHECK(e.sacrifices.empty());
  CHECK(e.ssim == 1.0);
  CHECK(e.trials == 1);
  REQUIRE(e.settings.front() == std::pair<std::string, std::string>{"mode", "lossless"});
  Raster back = decode(e.bytes, "flat.webp");
  CHECK(back.rgba == flat.rgba);
}

TEST_CASE("webp under a tight limit fits, decodes and says what was given up", "[artwork][encode]") {
  Raster art = sf::test::noisy_disc(256, 7);
  const std::uint64_t limit = 12 * 1024;
  Encoded e = encode_within(art, {Format::webp, limit, true});
  INFO(joined(e.sacrifices));
  CHECK(e.bytes.size() <= limit);
  REQUIRE_FALSE(e.sacrifices.empty());
  CHECK_THAT(e.sacrifices.front(), Catch::Contains("WEBP"));
  CHECK(e.ssim > 0.3);
  CHECK(e.ssim < 1.0);
  CHECK(e.trials >= 2);
  Raster back = decode(e.bytes, "tight.webp");
  CHECK(back.width == 256);
  CHECK(back.height == 256);
  if (has_tool("webpinfo")) {
    TempDir dir;
    auto path = dir / "tight.webp";
    sf::test::write_bytes(path, e.bytes);
    auto result = sf::test::run_command("webpinfo " + path.string());
    INFO(result.output);
    CHECK(result.status == 0);
    CHECK_THAT(result.output, Catch::Contains("Width: 256") && Catch::Contains("Height: 256"));
  } else {
    WARN("webpinfo not installed; checked with our own decoder only");
  }
}

TEST_CASE("a lossy fit uses most of the budget", "[artwork][encode]") {
  Raster art = sf::test::noisy_disc(256, 8);
  const std::uint64_t limit = 20 * 1024;
  Encoded e = encode_within(art, {Format::webp, limit, true});
  INFO(joined(e.sacrifices));
  CHECK(e.bytes.size() <= limit);
  // One quality step higher would not fit, so little of the budget is idle.
  CHECK(e.bytes.size() > limit * 0.8);
}

TEST_CASE("an impossible limit names the best size, its setting and the limit", "[artwork][encode]") {
  Raster art = sf::test::noisy_disc(256, 9);
  REQUIRE_THROWS_WITH(encode_within(art, {Format::webp, 200, true}),
                      Catch::Matches("best size [0-9]+ bytes at lossy WEBP at quality 0.*; the limit is 200 bytes"));
  REQUIRE_THROWS_WITH(encode_within(art, {Format::webp, 200, false}),
                      Catch::Matches("best size [0-9]+ bytes at lossless WEBP; the limit is 200 bytes"));
}

TEST_CASE("png over the limit goes to a palette", "[artwork][encode]") {
  Raster art = sf::test::smooth_art(200);
  Encoded lossless = encode_within(art, {Format::png, 10 << 20, true});
  CHECK(lossless.sacrifices.empty());
  const std::uint64_t limit = lossless.bytes.size() * 6 / 10;
  Encoded e = encode_within(art, {Format::png, limit, true});
  INFO(joined(e.sacrifices));
  CHECK(e.bytes.size() <= limit);
  REQUIRE_FALSE(e.sacrifices.empty());
  CHECK_THAT(e.sacrifices.front(), Catch::Contains("palette"));
  Raster back = decode(e.bytes, "palette.png");
  CHECK(back.width == 200);
  CHECK(e.ssim > 0.5);
}

TEST_CASE("the same input gives byte-identical output", "[artwork][encode]") {
  Raster art = sf::test::noisy_disc(192, 11);
  for (auto request : {EncodeRequest{Format::webp, 9000, true}, EncodeRequest{Format::png, 30000, true},
                       EncodeRequest{Format::webp, 1 << 20, true}, EncodeRequest{Format::gif, 1 << 20, true},
                       EncodeRequest{Format::jpeg, 9000, true}}) {
    sf::artwork::detail::memo_clear();  // really encode twice
    Encoded a = encode_within(art, request);
    sf::artwork::detail::memo_clear();
    Encoded b = encode_within(art, request);
    CHECK(a.bytes == b.bytes);
    CHECK(a.settings == b.settings);
  }
}

TEST_CASE("no trial is encoded twice", "[artwork][encode]") {
  // Trials counted by the search equal distinct settings: lossless, then a
  // quality search over 0..100 that starts at 100, extrapolates once and
  // then bisects, plus the alpha trade's two, stays small (plain bisection
  // alone would take 7 for the quality).
  Raster art = sf::test::noisy_disc(160, 12);
  Encoded e = encode_within(art, {Format::webp, 5000, true});
  CHECK(e.bytes.size() <= 5000);
  CHECK(e.trials <= 10);
}

TEST_CASE("webp over the limit losslessly but not at lossy quality 100 costs two encodes",
          "[artwork][encode]") {
  // The most common case for WhatsApp's 100 KiB: textured art, lossless far
  // over, best lossy quality well under: no near-lossless, no bisection.
  Raster art = sf::test::noisy_disc(256, 21);
  sf::artwork::detail::memo_clear();
  Encoded lossless = encode_within(art, {Format::webp, 10 << 20, true});
  const std::uint64_t limit = lossless.bytes.size() * 6 / 10;
  Encoded e = encode_within(art, {Format::webp, limit, true});
  INFO(joined(e.sacrifices));
  CHECK(e.bytes.size() <= limit);
  CHECK(e.trials == 2);
  CHECK(e.sacrifices == std::vector<std::string>{"lossy WEBP at quality 100"});
}

TEST_CASE("png keeps flat art unfiltered and gives textured art adaptive filters",
          "[artwork][encode]") {
  // Flat colour: unfiltered rows are smallest and one encode settles it.
  Raster flat = sf::test::rect_on_transparent(256, 256, 32, 32, 192, 160, 0x3366ccffu);
  Encoded f = encode_within(flat, {Format::png, 10 << 20, true});
  CHECK(f.trials == 1);
  CHECK(f.settings == std::vector<std::pair<std::string, std::string>>{{"mode", "lossless"},
                                                                       {"filter", "none"}});
  // Gradients under noise: row filters turn the gradient into small
  // residuals, so the adaptive encode is tried and wins.
  Raster textured = sf::test::smooth_art(256);
  Encoded t = encode_within(textured, {Format::png, 10 << 20, true});
  CHECK(t.trials == 2);
  CHECK(t.settings == std::vector<std::pair<std::string, std::string>>{{"mode", "lossless"},
                                                                       {"filter", "adaptive"}});
  CHECK(decode(t.bytes, "textured.png").rgba == textured.rgba);
}

TEST_CASE("output carries no metadata", "[artwork][encode]") {
  Raster art = sf::test::rect_on_transparent(64, 64, 8, 8, 48, 48, 0xff8800ffu);
  Encoded png = encode_within(art, {Format::png, 1 << 20, true});
  std::string text(png.bytes.begin(), png.bytes.end());
  CHECK(text.find("tIME") == std::string::npos);
  CHECK(text.find("tEXt") == std::string::npos);
  CHECK(text.find("iCCP") == std::string::npos);
  Encoded webp = encode_within(art, {Format::webp, 1 << 20, true});
  std::string wtext(webp.bytes.begin(), webp.bytes.end());
  CHECK(wtext.find("EXIF") == std::string::npos);
  CHECK(wtext.find("XMP") == std::string::npos);
}

TEST_CASE("searches for the same pixels share their encodes", "[artwork][encode]") {
  Raster art = sf::test::noisy_disc(128, 13);
  sf::artwork::detail::memo_clear();
  Encoded loose = encode_within(art, {Format::webp, 1 << 20, true});
  Encoded tight = encode_within(art, {Format::webp, 4000, true});
  // Same answers as searches that start from nothing.
  sf::artwork::detail::memo_clear();
  Encoded fresh = encode_within(art, {Format::webp, 4000, true});
  CHECK(tight.bytes == fresh.bytes);
  CHECK(tight.trials == fresh.trials);
  CHECK(loose.sacrifices.empty());
}

TEST_CASE("slightly over the limit, webp gives up the least: near-lossless", "[artwork][encode]") {
  Raster art = sf::test::smooth_art(256);
  sf::artwork::detail::memo_clear();
  Encoded lossless = encode_within(art, {Format::webp, 10 << 20, true});
  REQUIRE(lossless.sacrifices.empty());
  const std::uint64_t limit = lossless.bytes.size() * 8 / 10;
  Encoded e = encode_within(art, {Format::webp, limit, true});
  INFO(joined(e.sacrifices));
  CHECK(e.bytes.size() <= limit);
  REQUIRE_FALSE(e.sacrifices.empty());
  CHECK_THAT(e.sacrifices.front(), Catch::StartsWith("near-lossless WEBP at level"));
  CHECK(e.ssim > 0.97);
  CHECK(e.settings.front().second == "near_lossless");
}
