// LINE's main image for an animated set: always an animated 240x240 APNG
// within LINE's animated rules, from the tray when it is animated, else from
// the first sticker. Checked with our own APNG chunk walk.
#include <catch2/catch.hpp>
#include <numeric>

#include "base/files.h"
#include "exporters/build.h"
#include "exporters/pack_fixture.h"
#include "exporters/registry.h"
#include "motion/fixtures.h"
#include "pack/pack.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sf;

namespace {

// A LINE-only pack of eight animated GIF stickers (0.6 s, 10 fps); the tray
// is `tray` (a pack-relative path) or the fixture's still SVG when empty.
fs::path build_line(const fs::path& dir, const std::string& tray) {
  fs::create_directories(dir / "anim");
  test::ffmpeg("-f lavfi -i testsrc=s=64x64:r=10:d=0.6 -f gif '" + (dir / "anim/a.gif").string() + "'");
  json stickers = json::array();
  for (int i = 0; i < 8; ++i) {
    std::string file = "anim/" + std::to_string(i + 1) + ".gif";
    fs::copy_file(dir / "anim/a.gif", dir / file);
    stickers.push_back({{"file", file},
                        {"emojis", {"🎉"}},
                        {"keywords", {std::string("k").append(std::to_string(i))}}});
  }
  json extra = {{"stickers", stickers}, {"platforms", {"line"}}};
  if (!tray.empty()) extra["tray"] = tray;
  fs::path pack_file = test::make_pack(dir, 1, extra);
  exporters::BuildOptions options;
  options.out_dir = dir / "out";
  options.jobs = 2;
  return exporters::build_pack(pack::load_pack(pack_file), options).out_dir;
}

// LINE's animated rules for main.png (platform-specs.md §5).
void require_animated_main(const fs::path& out) {
  Bytes bytes = read_file(out / "line/main.png");
  REQUIRE(bytes.size() <= 300000);
  test::ApngInfo main = test::parse_apng(bytes);
  REQUIRE(main.crc_ok);
  REQUIRE(main.width == 240);
  REQUIRE(main.height == 240);
  REQUIRE(main.actl_frames >= 5);
  REQUIRE(main.actl_frames <= 20);
  REQUIRE(main.plays >= 1);
  REQUIRE(main.plays <= 4);
  double total = std::accumulate(main.delays_ms.begin(), main.delays_ms.end(), 0.0);
  REQUIRE(total == Approx(600).margin(1));
  REQUIRE(main.plays * total <= 4000);
  Problems problems;
  exporters::find_exporter("line").check_bundle(out / "line", problems);
  for (const Problem& p : problems) UNSCOPED_INFO(p.where << ": " << p.message);
  REQUIRE(problems.empty());
}

const json& main_record(const json& report) {
  for (const json& file : report["files"])
    if (file["path"] == "line/main.png") return file;
  FAIL("report.json lists no line/main.png");
  throw;
}

bool any_contains(const json& lines, const std::string& part) {
  for (const json& line : lines)
    if (line.get<std::string>().find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("an animated LINE set with a still tray gets its main image from the first sticker") {
  test::TempDir dir;
  fs::path out = build_line(dir.path(), "");
  require_animated_main(out);
  json report = json::parse(read_text_file(out / "report.json"));
  INFO(report["warnings"].dump(2));
  REQUIRE(main_record(report)["settings"]["source"] == "anim/1.gif");
  REQUIRE(any_contains(report["warnings"], "line: main.png: animated from the first sticker "
                                           "'anim/1.gif' as the tray 'art/tray.svg' is still"));
  // The tab stays a still image of the tray.
  REQUIRE(test::identify(out / "line/tab.png").width == 96);
  REQUIRE(test::parse_apng(read_file(out / "line/tab.png")).actl_frames == 0);
  // check refuses a still main in an animated set.
  fs::copy_file(out / "line/tab.png", out / "line/main.png", fs::copy_options::overwrite_existing);
  Problems problems;
  exporters::find_exporter("line").check_bundle(out / "line", problems);
  bool named = false;
  for (const Problem& p : problems)
    named |= p.where == "main.png" && p.message.find("is a still image; an animated LINE set "
                                                     "needs an animated") != std::string::npos;
  REQUIRE(named);
}

TEST_CASE("an animated LINE set with an animated tray gets its main image from the tray") {
  test::TempDir dir;
  fs::create_directories(dir / "anim");
  test::ffmpeg("-f lavfi -i testsrc2=s=80x80:r=10:d=0.6 -f gif '" +
               (dir / "anim/tray.gif").string() + "'");
  fs::path out = build_line(dir.path(), "anim/tray.gif");
  require_animated_main(out);
  json report = json::parse(read_text_file(out / "report.json"));
  INFO(report["warnings"].dump(2));
  REQUIRE(main_record(report)["settings"]["source"] == "anim/tray.gif");
  REQUIRE_FALSE(any_contains(report["warnings"], "line: main.png: animated from the first sticker"));
}
