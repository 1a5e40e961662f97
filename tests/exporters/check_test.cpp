#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "base/files.h"
#include "cli/run_cli.h"
#include "exporters/build.h"
#include "exporters/check_bundle.h"
#include "pack/pack.h"
#include "pack_fixture.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using Catch::Contains;

namespace {

std::string problems_text(const sf::Problems& problems) {
  std::string text;
  for (const auto& p : problems) text += p.to_string() + "\n";
  return text;
}

}  // namespace

TEST_CASE("check finds every problem in a hand-broken bundle", "[exporters][check]") {
  sf::test::TempDir dir;
  auto pack = sf::pack::load_pack(
      sf::test::make_pack(dir.path(), 3, {{"platforms", {"telegram", "whatsapp", "signal"}}}));
  sf::exporters::BuildOptions options;
  options.out_dir = dir / "out";
  sf::exporters::build_pack(pack, options);
  for (const char* platform : {"telegram", "whatsapp", "signal"})
    CHECK(sf::exporters::check_bundle(dir / "out", platform).empty());

  // Break them: a wrong-size sticker, a missing file, a corrupt manifest.
  auto made = sf::test::run_command("convert -size 300x200 xc:red '" +
                                    (dir / "out/telegram/stickers/02.webp").string() + "'");
  REQUIRE(made.status == 0);
  fs::remove(dir / "out/whatsapp/assets/test_pack/03.webp");
  sf::test::write_file(dir / "out/signal/manifest.proto", std::string("\x0a\x50xx", 4));

  auto telegram = problems_text(sf::exporters::check_bundle(dir / "out", "telegram"));
  CHECK_THAT(
      telegram,
      Contains("stickers/02.webp: is 300x200 px; telegram needs one side of exactly 512 px"));
  auto whatsapp = problems_text(sf::exporters::check_bundle(dir / "out", "whatsapp"));
  CHECK_THAT(
      whatsapp,
      Contains(
          "assets/test_pack/03.webp: is missing; expected 512x512 px webp, at most 102400 bytes"));
  auto signal = problems_text(sf::exporters::check_bundle(dir / "out/signal", "signal"));
  CHECK_THAT(signal, Contains("manifest.proto: is not a StickerPack protobuf"));

  // The .wastickers archive is checked as a ZIP.
  CHECK(sf::exporters::check_bundle(dir / "out/whatsapp/test_pack.wastickers", "whatsapp").empty());

  // Through the command line: every problem listed, exit code 1.
  std::ostringstream out, err;
  std::vector<std::string> argv = {"stickerforge", "check", (dir / "out").string(), "--platform",
                                   "telegram"};
  CHECK(sf::cli::run_cli(argv, out, err) == 1);
  CHECK_THAT(out.str(), Contains("1 problem in"));
  CHECK_THAT(out.str(), Contains("is 300x200 px"));
}

TEST_CASE("check refuses an unknown platform, a missing path and a broken zip",
          "[exporters][check]") {
  sf::test::TempDir dir;
  REQUIRE_THROWS_WITH(sf::exporters::check_bundle(dir.path(), "wasap"),
                      Contains("unknown platform 'wasap'"));
  REQUIRE_THROWS_WITH(sf::exporters::check_bundle(dir / "nope", "line"),
                      Contains("nope: not found"));
  sf::test::write_file(dir / "fake.zip", "not a zip");
  REQUIRE_THROWS_WITH(sf::exporters::check_bundle(dir / "fake.zip", "line"),
                      Contains("fake.zip: not a readable ZIP archive"));
  // An empty folder: LINE's count, main and tab all reported.
  fs::create_directories(dir / "empty");
  auto text = problems_text(sf::exporters::check_bundle(dir / "empty", "line"));
  CHECK_THAT(text, Contains("has 0 stickers; line needs 8, 16, 24, 32 or 40"));
  CHECK_THAT(text, Contains("main.png: is missing; expected 240x240 px png"));
  CHECK_THAT(text, Contains("tab.png: is missing; expected 96x74 px png"));
}
