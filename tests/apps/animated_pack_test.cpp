// Every app kind generated from a really built animated pack (issue 6's
// "and from an animated pack"): sources made by ffmpeg and a hand-written
// Lottie, built by the real exporters, then checked like the demo pack.
#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "apps/apps.h"
#include "apps/project_checks.h"
#include "base/files.h"
#include "exporters/build.h"
#include "exporters/pack_fixture.h"
#include "motion/fixtures.h"
#include "pack/pack.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sf;
using namespace sf::apps;

namespace {

struct AnimatedBuild {
  std::unique_ptr<test::TempDir> dir;
  pack::Pack pack;
  fs::path build;
};

// Four animated stickers (GIF, WEBM with alpha, Lottie, GIF), 64x64 and
// 0.6 s, built once for the platforms the apps need.
const AnimatedBuild& animated_build() {
  static const AnimatedBuild built = [] {
    AnimatedBuild b;
    b.dir = std::make_unique<test::TempDir>();
    fs::path root = b.dir->path();
    fs::create_directories(root / "anim");
    test::ffmpeg("-f lavfi -i testsrc=s=64x64:r=10:d=0.6 -f gif '" + (root / "anim/1.gif").string() + "'");
    test::ffmpeg("-f lavfi -i 'testsrc=s=64x64:r=10:d=0.6,format=rgba,colorchannelmixer=aa=0.7' "
                 "-c:v libvpx-vp9 -pix_fmt yuva420p '" + (root / "anim/2.webm").string() + "'");
    test::write_file(root / "anim/3.json", test::lottie_json(64, 64, 10, 6));
    test::ffmpeg("-f lavfi -i testsrc2=s=64x64:r=10:d=0.6 -f gif '" + (root / "anim/4.gif").string() + "'");
    json stickers = json::array();
    const char* files[] = {"anim/1.gif", "anim/2.webm", "anim/3.json", "anim/4.gif"};
    for (int i = 0; i < 4; ++i)
      stickers.push_back({{"file", files[i]},
                          {"emojis", {"🎉"}},
                          {"alt", std::string("Animated ").append(std::to_string(i + 1))}});
    fs::path pack_file = test::make_pack(root, 1, {{"stickers", stickers}});
    b.pack = pack::load_pack(pack_file);
    exporters::BuildOptions options;
    options.out_dir = root / "build";
    options.platforms = {"imessage", "whatsapp"};
    options.jobs = 2;
    b.build = exporters::build_pack(b.pack, options).out_dir;
    return b;
  }();
  return built;
}

std::string bundle_id_for(AppKind kind) {
  return kind == AppKind::whatsapp_android || kind == AppKind::android_keyboard
             ? "com.example.animated_stickers"
             : "com.example.animated-stickers";
}

}  // namespace

TEST_CASE("every kind generated from a built animated pack passes the structural checks", "[apps]") {
  AppKind kind = GENERATE(AppKind::imessage, AppKind::whatsapp_android, AppKind::whatsapp_ios,
                          AppKind::android_keyboard, AppKind::ios_keyboard);
  CAPTURE(std::string(app_kind_name(kind)));
  const AnimatedBuild& built = animated_build();
  test::TempDir tmp;
  AppOptions options;
  options.kind = kind;
  options.out_dir = tmp / "project";
  options.bundle_id = bundle_id_for(kind);
  // The verifier on every other kind, so both forms are generated.
  if (kind == AppKind::imessage || kind == AppKind::whatsapp_ios || kind == AppKind::android_keyboard)
    options.verifier_url = "https://rewards.example.com";
  AppResult result = generate_app_from_build(built.pack, built.build, options);

  test::ProjectReport report = test::check_project(result.out_dir, kind, options.bundle_id);
  INFO(test::describe(report));
  CHECK(report.problems.empty());
  CHECK(report.json > 0);
  CHECK(report.images >= 5);  // 4 stickers and an icon at least
}

TEST_CASE("the animated pack's iMessage catalog holds APNG stickers it references correctly", "[apps]") {
  const AnimatedBuild& built = animated_build();
  test::TempDir tmp;
  AppOptions options;
  options.kind = AppKind::imessage;
  options.out_dir = tmp / "project";
  options.bundle_id = bundle_id_for(AppKind::imessage);
  AppResult result = generate_app_from_build(built.pack, built.build, options);
  fs::path pack_dir =
      result.out_dir / "StickerPackExtension/Stickers.xcstickers/Sticker Pack.stickerpack";
  json listing = json::parse(read_text_file(pack_dir / "Contents.json"));
  REQUIRE(listing["stickers"].size() == 4);
  for (const json& entry : listing["stickers"]) {
    std::string folder = entry["filename"].get<std::string>();
    INFO(folder);
    json sticker = json::parse(read_text_file(pack_dir / folder / "Contents.json"));
    fs::path image = pack_dir / folder / sticker["properties"]["filename"].get<std::string>();
    REQUIRE(fs::is_regular_file(image));
    test::ApngInfo apng = test::parse_apng(read_file(image));
    CHECK(apng.crc_ok);
    CHECK(apng.actl_frames >= 2);  // still animated, not flattened to one frame
    CHECK(apng.plays == 0);
    CHECK(apng.width == 408);
    CHECK(apng.height == 408);
  }
}

TEST_CASE("the animated pack's WhatsApp Android assets hold animated WEBP in an animated pack", "[apps]") {
  const AnimatedBuild& built = animated_build();
  test::TempDir tmp;
  AppOptions options;
  options.kind = AppKind::whatsapp_android;
  options.out_dir = tmp / "project";
  options.bundle_id = bundle_id_for(AppKind::whatsapp_android);
  options.verifier_url = "https://rewards.example.com";
  AppResult result = generate_app_from_build(built.pack, built.build, options);
  fs::path assets = result.out_dir / "app/src/main/assets";
  json contents = json::parse(read_text_file(assets / "contents.json"));
  REQUIRE(contents["sticker_packs"].size() == 1);
  const json& pack = contents["sticker_packs"][0];
  CHECK(pack["animated_sticker_pack"] == true);
  REQUIRE(pack["stickers"].size() == 4);
  for (const json& sticker : pack["stickers"]) {
    fs::path image = assets / pack["identifier"].get<std::string>() / sticker["image_file"].get<std::string>();
    INFO(image.string());
    REQUIRE(fs::is_regular_file(image));
    test::WebpInfo info = test::webpmux_info(image);
    CHECK(info.width == 512);
    CHECK(info.height == 512);
    CHECK(info.durations_ms.size() >= 2);
    CHECK(info.loop_count == 0);
  }
  CHECK(fs::is_regular_file(assets / pack["identifier"].get<std::string>() /
                            pack["tray_image_file"].get<std::string>()));
}
