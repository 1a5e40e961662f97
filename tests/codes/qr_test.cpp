#include "codes/qr.h"

#include <catch2/catch.hpp>

#include "base/error.h"
#include "support/temp_dir.h"

using namespace sf::codes;
using sf::test::TempDir;

namespace {
// zbarimg is the independent decoder (tools/lib/setup.sh installs it).
std::string decode(const std::filesystem::path& image) {
  auto result = sf::test::run_command("(zbarimg --quiet --raw '" + image.string() + "' 2>/dev/null)");
  INFO(result.output);
  REQUIRE(result.status == 0);
  std::string text = result.output;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}
}  // namespace

TEST_CASE("QR PNGs decode back to the code and the link", "[codes]") {
  TempDir dir;
  for (std::string text : {"11A0-16JH-3NDR-T0XE",
                           "https://rewards.example/r/AQIAKgAABNIAAAAAAAAAAACRuiAbURNolbw_V3gmvyzb10NPkFhW2ihiV2ZCrSu0ZW3NR_KEl3r1rmcPKwQ0Zix7-D1ZvgHm_VO0t64koMoH"}) {
    auto png = qr_png(text);
    auto path = sf::test::write_file(dir / "code.png", std::string(png.begin(), png.end()));
    CHECK(decode(path) == text);
  }
}

TEST_CASE("QR SVGs decode back to the code", "[codes]") {
  TempDir dir;
  auto path = sf::test::write_file(dir / "code.svg", qr_svg("11A0-16JH-3NDR-T0XE"));
  // zbarimg reads SVG through ImageMagick; render it to PNG first to be sure.
  auto render = sf::test::run_command("convert '" + path.string() + "' '" +
                                      (dir / "svg.png").string() + "'");
  INFO(render.output);
  REQUIRE(render.status == 0);
  CHECK(decode(dir / "svg.png") == "11A0-16JH-3NDR-T0XE");
}

TEST_CASE("text too long for a QR code is refused", "[codes]") {
  REQUIRE_THROWS_WITH(qr_png(std::string(8000, 'x')), Catch::Contains("does not fit in a QR code"));
}
