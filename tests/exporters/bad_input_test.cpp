#include <catch2/catch.hpp>
#include <filesystem>

#include "base/error.h"
#include "base/files.h"
#include "exporters/build.h"
#include "pack/pack.h"
#include "pack_fixture.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using Catch::Contains;
using nlohmann::json;
using sf::exporters::build_pack;
using sf::exporters::BuildOptions;

namespace {

// Builds `pack_json` into dir/out and expects nothing there afterwards.
void build_expecting_nothing(const sf::test::TempDir& dir, const fs::path& pack_json,
                             std::vector<std::string> platforms = {}) {
  BuildOptions options;
  options.out_dir = dir / "out";
  options.platforms = std::move(platforms);
  auto pack = sf::pack::load_pack(pack_json);
  try {
    build_pack(pack, options);
  } catch (...) {
    CHECK_FALSE(fs::exists(dir / "out"));
    for (const auto& entry : fs::directory_iterator(dir.path()))
      CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
    throw;
  }
}

}  // namespace

TEST_CASE("an unknown platform is refused with the nearest id", "[exporters]") {
  sf::test::TempDir dir;
  auto pack = sf::test::make_pack(dir.path(), 1);
  REQUIRE_THROWS_WITH(build_expecting_nothing(dir, pack, {"telegarm"}),
                      Contains("unknown platform 'telegarm'; did you mean 'telegram'?"));
  REQUIRE_THROWS_WITH(build_expecting_nothing(dir, pack, {"myspace"}),
                      Contains("unknown platform 'myspace'; expected one of telegram, whatsapp"));
}

TEST_CASE("every platform's pack problems are listed at once before any encoding", "[exporters]") {
  sf::test::TempDir dir;
  auto pack = sf::test::make_pack(dir.path(), 2, {{"id", "bad__name"}});
  // Sticker 2 has no emoji: telegram, whatsapp and signal each need one.
  json root = json::parse(sf::read_text_file(pack));
  root["stickers"][1]["emojis"] = json::array();
  sf::test::write_file(pack, root.dump());
  try {
    build_expecting_nothing(dir, pack, {"telegram", "whatsapp", "signal", "line", "kik"});
    FAIL("expected the build to fail");
  } catch (const sf::Error& e) {
    std::string text = e.what();
    CHECK(e.kind() == sf::ErrorKind::bad_input);
    CHECK_THAT(
        text,
        Contains(
            "problems in pack.json for telegram, whatsapp, signal, line, kik; nothing written"));
    CHECK_THAT(text, Contains("telegram: pack.json: sticker 02 (stickers[1].emojis): is empty for 'art/02.svg'; "
                              "telegram needs at least 1 emoji per sticker"));
    CHECK_THAT(text, Contains("whatsapp: pack.json: sticker 02 (stickers[1].emojis): is empty"));
    CHECK_THAT(text, Contains("signal: pack.json: sticker 02 (stickers[1].emojis): is empty"));
    CHECK_THAT(text,
               Contains("whatsapp: pack.json: stickers: has 2 stickers; whatsapp needs 3 to 300"));
    CHECK_THAT(
        text,
        Contains("line: pack.json: stickers: has 2 stickers; line needs 8, 16, 24, 32 or 40"));
    CHECK_THAT(text, Contains("make the set name 'bad__name_by_forge_bot', which must not contain "
                              "consecutive underscores"));
    CHECK_THAT(text, !Contains("kik:"));
  }
}

TEST_CASE("LINE refuses a sticker count other than 8, 16, 24, 32 or 40", "[exporters]") {
  sf::test::TempDir dir;
  auto pack = sf::test::make_pack(dir.path(), 9);
  REQUIRE_THROWS_WITH(
      build_expecting_nothing(dir, pack, {"line"}),
      Contains("line: pack.json: stickers: has 9 stickers; line needs 8, 16, 24, 32 or 40; "
               "choose stickers for it with \"selection\": {\"line\": [1, 2, ...]} in pack.json "
               "(sticker numbers), or leave it out with --platform"));
}

TEST_CASE("too many stickers for telegram are refused", "[exporters]") {
  sf::test::TempDir dir;
  auto pack = sf::test::make_pack(dir.path(), 121);
  REQUIRE_THROWS_WITH(build_expecting_nothing(dir, pack, {"telegram"}),
                      Contains("has 121 stickers; telegram needs 1 to 120"));
}

namespace {

// CRC-32 of PNG chunks, so the test can write a valid header for any size.
std::uint32_t crc32(const std::string& data) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

// A PNG signature and IHDR declaring width x height RGBA, with nothing after.
std::string png_header(std::uint32_t width, std::uint32_t height) {
  std::string ihdr = "IHDR" + be32(width) + be32(height) + std::string("\x08\x06\0\0\0", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + ihdr + be32(crc32(ihdr));
}

}  // namespace

TEST_CASE("a corrupt, empty, fake or hostile image is named and nothing is written",
          "[exporters]") {
  sf::test::TempDir dir;
  auto pack = sf::test::make_pack(dir.path(), 3);
  json root = json::parse(sf::read_text_file(pack));
  std::string file = "art/broken.png", expected;
  SECTION("truncated png") {
    sf::test::write_file(dir / file, png_header(512, 512));
    expected = "broken.png: png image is truncated or corrupt";
  }
  SECTION("0-byte file") {
    sf::test::write_file(dir / file, "");
    expected = "broken.png: file is empty (0 bytes)";
  }
  SECTION("text named .png") {
    sf::test::write_file(dir / file, "this is not an image\n");
    expected = "broken.png: does not look like an image";
  }
  SECTION("decompression bomb") {
    sf::test::write_file(dir / file, png_header(60000, 60000));
    expected = "broken.png: image header declares 60000x60000 px";
  }
  SECTION("svg with an external reference") {
    file = "art/leak.svg";
    sf::test::write_file(
        dir / file,
        R"(<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64"><image xlink:href="file:///etc/passwd" width="64" height="64"/></svg>)");
    expected = "leak.svg: SVG refers to something outside the file";
  }
  root["stickers"][2]["file"] = file;
  sf::test::write_file(pack, root.dump());
  REQUIRE_THROWS_WITH(build_expecting_nothing(dir, pack, {"telegram", "discord"}),
                      Contains(expected));
}

TEST_CASE("a failed build leaves an earlier build untouched", "[exporters]") {
  sf::test::TempDir dir;
  auto pack_json = sf::test::make_pack(dir.path(), 1, {{"platforms", {"kik"}}});
  BuildOptions options;
  options.out_dir = dir / "out";
  build_pack(sf::pack::load_pack(pack_json), options);
  auto before = sf::test::read_tree(dir / "out");
  sf::test::write_file(dir / "art/01.svg", "<svg");  // now corrupt
  REQUIRE_THROWS_WITH(build_pack(sf::pack::load_pack(pack_json), options), Contains("01.svg"));
  CHECK(sf::test::read_tree(dir / "out") == before);
}

TEST_CASE("an output folder that is not a build is never replaced", "[exporters]") {
  sf::test::TempDir dir;
  auto pack = sf::pack::load_pack(sf::test::make_pack(dir.path(), 1, {{"platforms", {"kik"}}}));
  sf::test::write_file(dir / "mine/notes.txt", "precious");
  BuildOptions options;
  options.out_dir = dir / "mine";
  REQUIRE_THROWS_WITH(build_pack(pack, options),
                      Contains("folder exists and is not a stickerforge build (no report.json)"));
  CHECK(sf::read_text_file(dir / "mine/notes.txt") == "precious");
  options.out_dir = dir / "out";
  options.signal_key = sf::Bytes(3, 1);
  REQUIRE_THROWS_WITH(build_pack(pack, options), Contains("signal key is 3 bytes; expected 32"));
}
