// Telegram's set thumbnail for a video set: a VP9 WEBM of at most 32 KB even
// when the pack's tray is a still image (then made from the first sticker).
// Checked with ffprobe.
#include <catch2/catch.hpp>

#include "base/files.h"
#include "exporters/build.h"
#include "exporters/pack_fixture.h"
#include "motion/fixtures.h"
#include "pack/pack.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sf;

TEST_CASE("a Telegram video set with a still tray gets a video thumbnail from the first sticker") {
  test::TempDir dir;
  fs::create_directories(dir.path() / "anim");
  test::ffmpeg("-f lavfi -i testsrc=s=64x64:r=10:d=0.6 -f gif '" +
               (dir.path() / "anim/1.gif").string() + "'");
  fs::copy_file(dir.path() / "anim/1.gif", dir.path() / "anim/2.gif");
  json stickers = json::array();
  for (const char* file : {"anim/1.gif", "anim/2.gif"})
    stickers.push_back({{"file", file}, {"emojis", {"🎉"}}});
  fs::path pack_file =
      test::make_pack(dir.path(), 1, {{"stickers", stickers}, {"platforms", {"telegram"}}});
  exporters::BuildOptions options;
  options.out_dir = dir.path() / "out";
  options.jobs = 2;
  fs::path out = exporters::build_pack(pack::load_pack(pack_file), options).out_dir;

  REQUIRE(fs::exists(out / "telegram/thumbnail.webm"));
  REQUIRE_FALSE(fs::exists(out / "telegram/thumbnail.webp"));
  REQUIRE(fs::file_size(out / "telegram/thumbnail.webm") <= 32000);
  json probe = test::ffprobe(out / "telegram/thumbnail.webm");
  INFO(probe.dump(2));
  bool vp9 = false;
  for (const json& stream : probe["streams"])
    vp9 |= stream.value("codec_name", "") == "vp9";
  REQUIRE(vp9);
  json set = json::parse(read_text_file(out / "telegram/set.json"));
  REQUIRE(set["thumbnail"]["format"] == "video");
  json report = json::parse(read_text_file(out / "report.json"));
  bool warned = false;
  for (const json& warning : report["warnings"])
    warned |= warning.get<std::string>().find("telegram: thumbnail: animated from the first "
                                              "sticker 'anim/1.gif'") != std::string::npos;
  REQUIRE(warned);
}
