// A pack made of the files designers send (a JPEG logo on white, a
// two-page PDF) through the whole build: cut out on every platform, every
// decision in report.json and the warnings, every output traced to its source.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "artwork/artwork.h"
#include "artwork/designer_files.h"
#include "artwork/test_images.h"
#include "base/files.h"
#include "exporters/build.h"
#include "pack_fixture.h"
#include "pack/pack.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using nlohmann::json;

TEST_CASE("a JPEG on white and a two-page PDF are cut out and traced in report.json",
          "[exporters][background]") {
  sf::test::TempDir dir;
  sf::test::write_bytes(dir / "logo.jpg", sf::test::jpeg(sf::test::logo_on_white(), 85));
  sf::test::write_file(dir / "brand.pdf", sf::test::two_page_pdf());
  sf::test::write_file(dir / "pack.json", R"({"id": "designer", "title": "Designer", "author": "A",
    "platforms": ["telegram", "discord"], "telegram_bot": "test_bot",
    "stickers": [{"file": "logo.jpg", "emojis": ["👋"]},
                 {"file": "brand.pdf", "emojis": ["😍"]},
                 {"file": "brand.pdf", "page": 2, "emojis": ["🎉"], "background": "keep"}]})");
  auto pack = sf::pack::load_pack(dir / "pack.json");
  sf::exporters::BuildOptions options;
  options.out_dir = dir / "out";
  options.jobs = 2;
  json report = sf::exporters::build_pack(pack, options).report;

  // Pixels: transparent corners, opaque subject, on the 512-px Telegram sticker.
  for (const char* file : {"telegram/stickers/01.webp", "telegram/stickers/02.webp"}) {
    INFO(file);
    sf::artwork::Raster r = sf::artwork::decode(sf::read_file(dir / "out" / file), file);
    CHECK((sf::test::pixel(r, 20, 20) & 255) == 0);
    CHECK((sf::test::pixel(r, 491, 491) & 255) == 0);
    CHECK((sf::test::pixel(r, 256, 300) & 255) == 255);
  }

  // Decisions, per source, numbered like the files.
  REQUIRE(report["sources"].size() == 3);
  json logo = report["sources"][0];
  CHECK(logo["number"] == 1);
  CHECK(logo["file"] == "logo.jpg");
  CHECK(logo["background"]["action"] == "removed");
  CHECK(logo["background"]["enclosed_kept"] == 2);
  CHECK(report["sources"][1]["pages"] == 2);
  CHECK(report["sources"][2]["background"]["action"] == "kept");
  std::string warnings = report["warnings"].dump();
  CHECK_THAT(warnings, Catch::Contains("brand.pdf: pdf has 2 pages; page 1 used, page 2 ignored"));

  // Every image names its source.
  for (const json& file : report["files"])
    if (file["role"] == "sticker") CHECK(file.contains("source"));
  auto source_of = [&](const std::string& path) {
    for (const json& file : report["files"])
      if (file["path"] == path) return file["source"].get<std::string>();
    return std::string();
  };
  CHECK(source_of("telegram/stickers/01.webp") == "logo.jpg");
  CHECK(source_of("discord/stickers/03.png") == "brand.pdf");

  // Discord's tags are emoji names.
  json discord = json::parse(sf::read_text_file(dir / "out/discord/stickers.json"));
  CHECK(discord["stickers"][0]["tags"] == "wave");
  CHECK(discord["stickers"][1]["tags"] == "heart_eyes");
}

TEST_CASE("a platform that cannot take the whole pack gets its selection", "[exporters][selection]") {
  sf::test::TempDir dir;
  auto path = sf::test::make_pack(
      dir.path(), 10,
      {{"platforms", {"line", "discord"}}, {"selection", {{"line", {10, 1, 2, 3, 4, 5, 6, 7}}}}});
  auto pack = sf::pack::load_pack(path);
  sf::exporters::BuildOptions options;
  options.out_dir = dir / "out";
  options.jobs = 2;
  json report = sf::exporters::build_pack(pack, options).report;
  auto count = [&](const std::string& platform) {
    int n = 0;
    for (const json& file : report["files"])
      if (file["platform"] == platform && file["role"] == "sticker") ++n;
    return n;
  };
  CHECK(count("line") == 8);
  CHECK(count("discord") == 10);
  // In pack order, numbered from 01 within the platform; 08 is sticker 10.
  auto source_of = [&](const std::string& path) {
    for (const json& file : report["files"])
      if (file["path"] == path) return file["source"].get<std::string>();
    return std::string();
  };
  CHECK(source_of("line/01.png") == "art/01.svg");
  CHECK(source_of("line/08.png") == "art/10.svg");
  CHECK(source_of("discord/stickers/08.png") == "art/08.svg");
}

TEST_CASE("a 3:1 banner as tray is fitted with a warning", "[exporters][tray]") {
  sf::test::TempDir dir;
  auto path = sf::test::make_pack(dir.path(), 1, {{"platforms", {"telegram"}}, {"tray", "banner.png"}});
  sf::test::write_bytes(dir / "banner.png", sf::artwork::encode_png(sf::test::banner()));
  auto pack = sf::pack::load_pack(path);
  sf::exporters::BuildOptions options;
  options.out_dir = dir / "out";
  json report = sf::exporters::build_pack(pack, options).report;
  CHECK_THAT(report["warnings"].dump(),
             Catch::Contains("banner.png: the tray art is 3.5:1 (wide), fitted into square icons"));
}
