// Whole builds of animated packs: every platform's bundle decoded with tools
// we did not write, the report's fallbacks and sacrifices, and `check`.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <numeric>

#include "base/error.h"
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

// Three kinds of animated source, 0.6 s each, made by ffmpeg or written as
// Lottie text: GIF, WEBM VP9 with alpha, Lottie JSON.
std::vector<std::string> make_sources(const fs::path& dir) {
  fs::create_directories(dir / "anim");
  test::ffmpeg("-f lavfi -i testsrc=s=64x64:r=10:d=0.6 -f gif '" + (dir / "anim/a.gif").string() + "'");
  test::ffmpeg("-f lavfi -i 'testsrc=s=64x48:r=10:d=0.6,format=rgba,colorchannelmixer=aa=0.7' "
               "-c:v libvpx-vp9 -pix_fmt yuva420p '" + (dir / "anim/b.webm").string() + "'");
  test::write_file(dir / "anim/c.json", test::lottie_json(128, 128, 10, 6));
  return {"anim/a.gif", "anim/b.webm", "anim/c.json"};
}

// Eight distinct files (a pack may not name one twice), cycling through the kinds.
std::vector<std::string> eight_sources(const fs::path& dir) {
  std::vector<std::string> kinds = make_sources(dir);
  std::vector<std::string> files;
  for (int i = 0; i < 8; ++i) {
    const std::string& kind = kinds[i % 3];
    std::string file = "anim/" + std::to_string(i + 1) + "_" + fs::path(kind).filename().string();
    fs::copy_file(dir / kind, dir / file);
    files.push_back(file);
  }
  return files;
}

// "01".."99": the file numbering of the bundles.
std::string nn(int number) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d", number);
  return text;
}

json sticker_entry(const std::string& file, int i) {
  // std::string(...).append: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
  return {{"file", file},
          {"emojis", {"🎉"}},
          {"keywords", {std::string("k").append(std::to_string(i))}},
          {"alt", std::string("Animated ").append(std::to_string(i + 1))}};
}

json read_json_file(const fs::path& file) { return json::parse(read_text_file(file)); }

bool any_contains(const json& lines, const std::string& part) {
  for (const json& line : lines)
    if (line.get<std::string>().find(part) != std::string::npos) return true;
  return false;
}

const json& file_entry(const json& report, const std::string& path) {
  for (const json& file : report["files"])
    if (file["path"] == path) return file;
  FAIL("report.json lists no " << path);
  throw;
}

void require_bundle_passes_check(const fs::path& out, const std::string& id) {
  Problems problems;
  exporters::find_exporter(id).check_bundle(out / id, problems);
  for (const Problem& p : problems) UNSCOPED_INFO(id << ": " << p.where << ": " << p.message);
  REQUIRE(problems.empty());
}

}  // namespace

TEST_CASE("an animated pack builds for every platform and each output is what the platform takes") {
  // Built once for all sections (Catch runs the test case again per section).
  static test::TempDir dir;
  static const fs::path out = [] {
    std::vector<std::string> sources = eight_sources(dir.path());
    json stickers = json::array();
    for (int i = 0; i < 8; ++i) stickers.push_back(sticker_entry(sources[i], i));
    // No tray: sticker 1 (the GIF) stands in, so trays, thumbnails and LINE's main come from it.
    fs::path pack_file =
        test::make_pack(dir.path(), 1, {{"stickers", stickers}, {"tray", nullptr}});
    exporters::BuildOptions options;
    options.out_dir = dir / "out";
    options.jobs = 2;
    return exporters::build_pack(pack::load_pack(pack_file), options).out_dir;
  }();
  json report = read_json_file(out / "report.json");
  INFO(report["warnings"].dump(2));

  SECTION("whatsapp: an animated pack of animated WEBP, the tray a still PNG") {
    json contents = read_json_file(out / "whatsapp/assets/contents.json");
    REQUIRE(contents["sticker_packs"].size() == 1);
    REQUIRE(contents["sticker_packs"][0]["animated_sticker_pack"] == true);
    for (int i = 1; i <= 8; ++i) {
      fs::path file = out / "whatsapp/assets/test_pack" / (nn(i) + ".webp");
      test::WebpInfo info = test::webpmux_info(file);
      REQUIRE(info.width == 512);
      REQUIRE(info.height == 512);
      REQUIRE(info.loop_count == 0);
      REQUIRE(info.durations_ms.size() > 1);
      REQUIRE_FALSE(info.first_frame_blends);
      // Timing stays true: 0.6 s in the source, 0.6 s out.
      REQUIRE(std::accumulate(info.durations_ms.begin(), info.durations_ms.end(), 0) == 600);
      REQUIRE(fs::file_size(file) <= 500u * 1024);
    }
    test::Identified tray = test::identify(out / "whatsapp/assets/test_pack/tray.png");
    REQUIRE(tray.format == "PNG");
    REQUIRE(tray.width == 96);
    REQUIRE(artwork::probe_file(out / "whatsapp/assets/test_pack/tray.png").frames == 1);
    REQUIRE(test::unzip_list(out / "whatsapp/test_pack.wastickers").size() == 11);
    const json& record = file_entry(report, "whatsapp/assets/test_pack/01.webp");
    REQUIRE(record["format"] == "webp");
    REQUIRE(record["settings"].contains("quality"));
    REQUIRE(record["settings"]["loops"] == "forever");
    REQUIRE(record["limit_bytes"] == 500 * 1024);
  }
  SECTION("telegram: video stickers and a video thumbnail, set.json says video") {
    json set = read_json_file(out / "telegram/set.json");
    REQUIRE(set["stickers"].size() == 8);
    for (const json& sticker : set["stickers"]) {
      REQUIRE(sticker["format"] == "video");
      std::string key = sticker["sticker"].get<std::string>().substr(9);
      std::string file = set["attachments"][key];
      REQUIRE(fs::path(file).extension() == ".webm");
      json probe = test::ffprobe(out / "telegram" / file);
      REQUIRE(probe["streams"].size() == 1);  // no audio
      REQUIRE(probe["streams"][0]["codec_name"] == "vp9");
      int w = probe["streams"][0]["width"], h = probe["streams"][0]["height"];
      REQUIRE(std::max(w, h) == 512);
      REQUIRE(std::stod(probe["format"]["duration"].get<std::string>()) <= 3.0);
      REQUIRE(fs::file_size(out / "telegram" / file) <= 256000);
    }
    REQUIRE(set["thumbnail"]["format"] == "video");
    REQUIRE(set["thumbnail"]["file"] == "thumbnail.webm");
    json thumb = test::ffprobe(out / "telegram/thumbnail.webm");
    REQUIRE(thumb["streams"][0]["width"] == 100);
    REQUIRE(fs::file_size(out / "telegram/thumbnail.webm") <= 32000);
  }
  SECTION("signal, imessage and discord: APNG playing forever, manifests point at them") {
    for (const std::string& path :
         {std::string("signal/stickers/01.png"), std::string("discord/stickers/01.png"),
          std::string("imessage/Stickers.xcstickers/Sticker Pack.stickerpack/01.sticker/01.png")}) {
      INFO(path);
      REQUIRE(fs::exists(out / path));
      test::ApngInfo apng = test::parse_apng(read_file(out / path));
      REQUIRE(apng.crc_ok);
      REQUIRE(apng.actl_frames > 1);
      REQUIRE(apng.plays == 0);
      REQUIRE(std::accumulate(apng.delays_ms.begin(), apng.delays_ms.end(), 0.0) ==
              Approx(600).margin(1));
    }
    REQUIRE(fs::exists(out / "signal/upload/full/7"));
    json discord = read_json_file(out / "discord/stickers.json");
    REQUIRE(fs::exists(out / "discord" / discord["stickers"][0]["file"].get<std::string>()));
  }
  SECTION("line: animated APNG within 320x270 with 1-4 plays, and an animated main") {
    for (int i = 1; i <= 8; ++i) {
      test::ApngInfo apng = test::parse_apng(read_file(out / "line" / (nn(i) + ".png")));
      REQUIRE(apng.width <= 320);
      REQUIRE(apng.height <= 270);
      REQUIRE(apng.actl_frames >= 5);
      REQUIRE(apng.actl_frames <= 20);
      REQUIRE(apng.plays >= 1);
      REQUIRE(apng.plays <= 4);
      REQUIRE(apng.plays * std::accumulate(apng.delays_ms.begin(), apng.delays_ms.end(), 0.0) <= 4000);
    }
    test::ApngInfo main = test::parse_apng(read_file(out / "line/main.png"));
    REQUIRE(main.width == 240);
    REQUIRE(main.actl_frames >= 5);
    REQUIRE(test::unzip_list(out / "line/upload.zip").size() == 10);
  }
  SECTION("viber, wechat and kik get the first frame, and the report says so") {
    for (const char* id : {"viber", "wechat", "kik"}) {
      INFO(id);
      REQUIRE(any_contains(report["warnings"], std::string(id) + ": anim/1_a.gif: first frame only"));
      REQUIRE(any_contains(report["warnings"], std::string(id) + ": anim/3_c.json: first frame only"));
      int stills = 0;
      for (const json& file : report["files"])
        if (file["platform"] == id && file["role"] == "sticker") {
          REQUIRE(any_contains(file["sacrifices"], "first frame only"));
          REQUIRE(artwork::probe_file(out / file["path"].get<std::string>()).frames == 1);
          ++stills;
        }
      REQUIRE(stills == 8);
    }
  }
  SECTION("stickerforge's own check accepts every bundle") {
    for (const std::string& id : pack::known_platforms()) require_bundle_passes_check(out, id);
  }
}

TEST_CASE("a WhatsApp pack mixing still and animated stickers becomes two packs") {
  test::TempDir dir;
  std::vector<std::string> sources = make_sources(dir.path());
  json stickers = json::array();
  for (int i = 0; i < 3; ++i) stickers.push_back(sticker_entry("art/" + nn(i + 1) + ".svg", i));
  for (int i = 0; i < 3; ++i) stickers.push_back(sticker_entry(sources[i], i + 3));
  fs::path pack_file =
      test::make_pack(dir.path(), 3, {{"stickers", stickers}, {"platforms", {"whatsapp"}}});
  exporters::BuildOptions options;
  options.out_dir = dir / "out";
  exporters::BuildResult result = exporters::build_pack(pack::load_pack(pack_file), options);
  json contents = read_json_file(dir / "out/whatsapp/assets/contents.json");
  REQUIRE(contents["sticker_packs"].size() == 2);
  REQUIRE(contents["sticker_packs"][0]["identifier"] == "test_pack_1");
  REQUIRE(contents["sticker_packs"][0]["animated_sticker_pack"] == false);
  REQUIRE(contents["sticker_packs"][1]["identifier"] == "test_pack_2");
  REQUIRE(contents["sticker_packs"][1]["animated_sticker_pack"] == true);
  REQUIRE(test::webpmux_info(dir / "out/whatsapp/assets/test_pack_2/01.webp").durations_ms.size() > 1);
  REQUIRE(artwork::probe_file(dir / "out/whatsapp/assets/test_pack_1/01.webp").frames == 1);
  REQUIRE(fs::exists(dir / "out/whatsapp/test_pack_1.wastickers"));
  REQUIRE(fs::exists(dir / "out/whatsapp/test_pack_2.wastickers"));
  REQUIRE(any_contains(result.report["warnings"], "split into a still and an animated pack"));
  require_bundle_passes_check(dir / "out", "whatsapp");
}

TEST_CASE("a WhatsApp pack with too few animated stickers to make their own pack is refused") {
  test::TempDir dir;
  std::vector<std::string> sources = make_sources(dir.path());
  json stickers = json::array();
  for (int i = 0; i < 3; ++i) stickers.push_back(sticker_entry("art/" + nn(i + 1) + ".svg", i));
  stickers.push_back(sticker_entry(sources[0], 3));
  fs::path pack_file =
      test::make_pack(dir.path(), 3, {{"stickers", stickers}, {"platforms", {"whatsapp"}}});
  exporters::BuildOptions options;
  options.out_dir = dir / "out";
  REQUIRE_THROWS_WITH(exporters::build_pack(pack::load_pack(pack_file), options),
                      Catch::Contains("has 1 animated sticker(s)") &&
                          Catch::Contains("all still or all animated"));
  REQUIRE_FALSE(fs::exists(dir / "out"));
}
