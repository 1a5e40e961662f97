// Background removal on the files designers send: pixels checked, not just
// exit codes.
#include <catch2/catch.hpp>

#include <cmath>

#include "artwork/artwork.h"
#include "artwork/background.h"
#include "artwork/designer_files.h"
#include "artwork/test_images.h"
#include "base/error.h"
#include "support/temp_dir.h"

using namespace sf;
using namespace sf::artwork;
using sf::test::TempDir;

namespace {

std::uint8_t alpha_at(const Raster& r, int x, int y) { return sf::test::pixel(r, x, y) & 255; }

// Decodes `bytes` and runs the background pass on it, as load_artwork does
// before trimming; pixels stay where the source had them.
Raster removed(const Bytes& bytes, BackgroundDecision& decision,
               pack::Background mode = pack::Background::automatic) {
  Raster raster = decode(bytes, "test");
  std::optional<detail::BackgroundModel> model;
  decision = detail::remove_background(raster, mode, model);
  return raster;
}

// Mean straight colour of the semi-transparent pixels within `box` (the
// soft edge): a light background left in them shows as a light ring.
std::array<double, 3> edge_band_mean(const Raster& r, int x0, int y0, int x1, int y1, int* count) {
  std::array<double, 3> sum{0, 0, 0};
  *count = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      std::uint32_t p = sf::test::pixel(r, x, y);
      int a = p & 255;
      if (a == 0 || a == 255) continue;
      sum[0] += p >> 24;
      sum[1] += (p >> 16) & 255;
      sum[2] += (p >> 8) & 255;
      ++*count;
    }
  for (double& v : sum) v /= std::max(1, *count);
  return sum;
}

void check_logo_cut_out(const Raster& r, const BackgroundDecision& decision) {
  using namespace sf::test;
  CHECK(decision.action == "removed");
  CHECK(decision.enclosed_kept == 2);  // the eye and the inside of the ring
  // Former background: transparent, in the corners and between the shapes.
  CHECK(alpha_at(r, 5, 5) == 0);
  CHECK(alpha_at(r, kLogoW - 3, kLogoH - 3) == 0);
  CHECK(alpha_at(r, (kDiscX + kDiscR + kRingX - kRingOuter) / 2, kDiscY) == 0);
  // Subject: solid at its centre.
  CHECK(alpha_at(r, kDiscX + 20, kDiscY + 40) == 255);
  CHECK(alpha_at(r, kRingX + (kRingOuter + kRingInner) / 2, kRingY) == 255);
  // Enclosed white stays white and opaque.
  std::uint32_t eye = pixel(r, kEyeX, kEyeY), inside_o = pixel(r, kRingX, kRingY);
  CHECK((eye & 255) == 255);
  CHECK((eye >> 24) > 240);
  CHECK((inside_o & 255) == 255);
  CHECK((inside_o >> 24) > 240);
  // The disc's soft left edge holds the disc's colour, not white.
  int count = 0;
  auto mean = edge_band_mean(r, kDiscX - kDiscR - 4, kDiscY - 40, kDiscX - kDiscR + 6, kDiscY + 40, &count);
  CHECK(count >= 40);  // anti-aliased, not a hard cut
  INFO("edge band mean " << mean[0] << "," << mean[1] << "," << mean[2]);
  CHECK(mean[0] < 60);
  CHECK(mean[1] < 80);
  CHECK(mean[2] < 170);
}

}  // namespace

TEST_CASE("a logo on white PNG: background gone, eye and ring kept, no white ring", "[artwork][background]") {
  BackgroundDecision decision;
  Raster r = removed(encode_png(sf::test::logo_on_white()), decision);
  check_logo_cut_out(r, decision);
  REQUIRE(decision.colour);
  CHECK(decision.colour->r == 255);
}

TEST_CASE("a logo on white JPEG q=85: the JPEG noise goes with the background", "[artwork][background]") {
  BackgroundDecision decision;
  Raster r = removed(sf::test::jpeg(sf::test::logo_on_white(), 85), decision);
  check_logo_cut_out(r, decision);
  // No speckles left in the background from JPEG ringing.
  int speckles = 0;
  for (int y = 0; y < 30; ++y)
    for (int x = 0; x < sf::test::kLogoW; ++x) speckles += alpha_at(r, x, y) != 0;
  CHECK(speckles == 0);
}

TEST_CASE("a sketch on grey paper with grain and vignette is cut out", "[artwork][background]") {
  BackgroundDecision decision;
  Raster r = removed(encode_png(sf::test::sketch_on_paper()), decision);
  CHECK(decision.action == "removed");
  CHECK(alpha_at(r, 2, 2) == 0);      // darkest paper, in the corner
  CHECK(alpha_at(r, 160, 20) == 0);   // light paper at the top
  CHECK(alpha_at(r, 300, 120) == 0);
  CHECK(alpha_at(r, sf::test::kSketchX + 55, sf::test::kSketchY) == 255);  // the pencil circle
  CHECK(alpha_at(r, sf::test::kSketchX, sf::test::kSketchY) == 255);       // paper inside it
  CHECK(decision.enclosed_kept >= 1);
}

TEST_CASE("a photograph keeps its background, with a warning naming the file", "[artwork][background]") {
  BackgroundDecision decision;
  Raster r = removed(encode_png(sf::test::photo()), decision);
  CHECK(decision.action == "left");
  CHECK(decision.warning);
  CHECK_THAT(decision.reason, Catch::Contains("not flat") && Catch::Contains("cut-out"));
  CHECK(alpha_at(r, 0, 0) == 255);
  CHECK(alpha_at(r, 200, 150) == 255);

  TempDir dir;
  auto path = dir / "holiday.png";
  sf::test::write_bytes(path, encode_png(sf::test::photo()));
  LoadOptions options;
  options.max_side_px = 256;
  Artwork art = load_artwork(path, options);
  REQUIRE(art.report().warnings.size() == 1);
  CHECK_THAT(art.report().warnings[0], Catch::Contains("holiday.png") && Catch::Contains("not flat"));
}

TEST_CASE("art with transparency and \"keep\" are left alone", "[artwork][background]") {
  BackgroundDecision decision;
  Raster r = removed(encode_png(sf::test::disc_with_soft_shadow()), decision);
  CHECK(decision.action == "kept");
  CHECK_THAT(decision.reason, Catch::Contains("transparency"));
  r = removed(encode_png(sf::test::logo_on_white()), decision, pack::Background::keep);
  CHECK(decision.action == "kept");
  CHECK(alpha_at(r, 5, 5) == 255);
}

TEST_CASE("load_artwork trims a JPEG logo to the subject and reports the decision", "[artwork][background]") {
  TempDir dir;
  auto path = dir / "logo.jpg";
  sf::test::write_bytes(path, sf::test::jpeg(sf::test::logo_on_white(), 85));
  LoadOptions options;
  options.max_side_px = 1024;
  options.style.outline_px = 0;
  Artwork art = load_artwork(path, options);
  // From the disc's left edge to the ring's right edge, not the 480 px page.
  int subject_w = (sf::test::kRingX + sf::test::kRingOuter) - (sf::test::kDiscX - sf::test::kDiscR);
  CHECK(std::abs(art.width() - subject_w) <= 3);
  CHECK(std::abs(art.height() - 2 * sf::test::kDiscR) <= 3);
  CHECK(art.report().background.action == "removed");
  CHECK_THAT(art.report().background.reason, Catch::Contains("#ff") && Catch::Contains("2 enclosed areas"));
  CHECK(art.report().warnings.empty());
}
