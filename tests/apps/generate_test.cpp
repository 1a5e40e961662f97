#include <catch2/catch.hpp>
#include <fstream>
#include <memory>

#include "apps/apps.h"
#include "apps/fake_build.h"
#include "apps/images.h"
#include "apps/project_checks.h"
#include "base/files.h"
#include "exporters/build.h"
#include "pack/pack.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace sf;
using namespace sf::apps;

namespace {

const pack::Pack& demo_pack() {
  static const pack::Pack pack = pack::load_pack(test::source_dir() / "assets/demo/pack.json");
  return pack;
}

// The demo pack built once for every platform an app needs (the real
// exporters), shared by the test cases of this binary.
const fs::path& demo_build() {
  static std::unique_ptr<test::TempDir> dir;
  if (!dir) {
    dir = std::make_unique<test::TempDir>();
    exporters::BuildOptions options;
    options.out_dir = dir->path() / "build";
    options.platforms = {"imessage", "whatsapp"};
    exporters::build_pack(demo_pack(), options);
  }
  static const fs::path path = dir->path() / "build";
  return path;
}

std::string bundle_id_for(AppKind kind) {
  return kind == AppKind::whatsapp_android || kind == AppKind::android_keyboard
             ? "com.example.fergie_stickers"
             : "com.example.fergie-stickers";
}

AppOptions options_for(AppKind kind, const fs::path& out) {
  AppOptions options;
  options.kind = kind;
  options.out_dir = out;
  options.bundle_id = bundle_id_for(kind);
  return options;
}

std::string slurp(const fs::path& file) { return read_text_file(file); }

}  // namespace

TEST_CASE("every kind generated from the demo pack passes the structural checks", "[apps]") {
  AppKind kind = GENERATE(AppKind::imessage, AppKind::whatsapp_android, AppKind::whatsapp_ios,
                          AppKind::android_keyboard, AppKind::ios_keyboard);
  bool with_verifier = GENERATE(false, true);
  CAPTURE(std::string(app_kind_name(kind)), with_verifier);
  test::TempDir tmp;
  AppOptions options = options_for(kind, tmp / "project");
  if (with_verifier) options.verifier_url = "https://rewards.example.com/";
  AppResult result = generate_app_from_build(demo_pack(), demo_build(), options);
  REQUIRE(fs::is_directory(result.out_dir));
  CHECK(result.files.size() > 10);

  test::ProjectReport report = test::check_project(result.out_dir, kind, options.bundle_id);
  INFO(test::describe(report));
  CHECK(report.problems.empty());
  CHECK(report.json > 0);
  CHECK(report.xml > 0);
  CHECK(report.images >= 9);  // 8 stickers and an icon at least
  bool ios = kind == AppKind::imessage || kind == AppKind::whatsapp_ios || kind == AppKind::ios_keyboard;
  CHECK(report.pbxproj == (ios ? 1 : 0));
  if (ios) CHECK(report.plists >= (kind == AppKind::whatsapp_ios ? 1 : 2));
  if (ios) CHECK(report.pbx_file_refs >= 3);

  // The verifier URL (without its trailing slash) reaches the code exactly
  // when asked for, and the redemption call is the documented one.
  std::string redemption = ios ? (kind == AppKind::imessage && with_verifier
                                      ? "MessagesExtension/Redemption.swift"
                                      : "App/Redemption.swift")
                               : "app/src/main/java/com/example/fergie_stickers/Redemption.kt";
  if (kind == AppKind::imessage && !with_verifier) {
    CHECK_FALSE(fs::exists(result.out_dir / "MessagesExtension"));
  } else {
    std::string code = slurp(result.out_dir / redemption);
    CHECK((code.find("\"https://rewards.example.com\"") != std::string::npos) == with_verifier);
    CHECK(code.find("/v1/redemptions") != std::string::npos);
    CHECK(code.find("Idempotency-Key") != std::string::npos);
    CHECK(code.find(with_verifier ? "= true" : "= false") != std::string::npos);
  }
}

TEST_CASE("the demo pack's stickers reach the projects in pack order with their text", "[apps]") {
  test::TempDir tmp;
  AppResult keyboard = generate_app_from_build(demo_pack(), demo_build(),
                                               options_for(AppKind::ios_keyboard, tmp / "kb"));
  std::string listing = slurp(keyboard.out_dir / "Keyboard/Stickers/stickers.json");
  CHECK(listing.find("Fergie waving hello") < listing.find("Fergie with a cup of coffee"));
  CHECK(listing.find("👋") != std::string::npos);
  auto size = test::image_size(keyboard.out_dir / "Keyboard/Stickers/sticker_1.png");
  REQUIRE(size);
  CHECK(size->first == 408);  // the pack's "regular" iMessage grid

  AppResult imessage = generate_app_from_build(demo_pack(), demo_build(),
                                               options_for(AppKind::imessage, tmp / "im"));
  std::string plist = slurp(imessage.out_dir / "App/Info.plist");
  CHECK(plist.find("<string>Fergie the Ember</string>") != std::string::npos);
  CHECK(fs::exists(imessage.out_dir / "FergieTheEmber.xcodeproj/project.pbxproj"));
}

TEST_CASE("generation is reproducible: same inputs, byte-identical project", "[apps]") {
  test::TempDir tmp;
  AppKind kind = GENERATE(AppKind::imessage, AppKind::ios_keyboard, AppKind::android_keyboard);
  AppResult first = generate_app_from_build(demo_pack(), demo_build(), options_for(kind, tmp / "a"));
  AppResult second = generate_app_from_build(demo_pack(), demo_build(), options_for(kind, tmp / "b"));
  REQUIRE(first.files == second.files);
  for (const std::string& file : first.files) {
    INFO(file);
    CHECK(read_file(first.out_dir / file) == read_file(second.out_dir / file));
  }
}

TEST_CASE("an animated catalog keeps its .stickersequence in the iMessage app", "[apps]") {
  test::TempDir tmp;
  test::write_fake_build(tmp / "build", {.stickers = 3, .sequence_frames = 4});
  AppResult result = generate_app_from_build(demo_pack(), tmp / "build",
                                             options_for(AppKind::imessage, tmp / "app"));
  fs::path sequence = result.out_dir /
                      "StickerPackExtension/Stickers.xcstickers/Sticker Pack.stickerpack/sticker_3.stickersequence";
  CHECK(fs::exists(sequence / "frame_4.png"));
  test::ProjectReport report = test::check_project(result.out_dir, AppKind::imessage, "com.example.fergie-stickers");
  INFO(test::describe(report));
  CHECK(report.problems.empty());

  // Code-based targets take the first frame of a sequence.
  AppResult keyboard = generate_app_from_build(demo_pack(), tmp / "build",
                                               options_for(AppKind::ios_keyboard, tmp / "kb"));
  CHECK(read_file(keyboard.out_dir / "Keyboard/Stickers/sticker_3.png") == read_file(sequence / "frame_1.png"));
  CHECK(test::check_project(keyboard.out_dir, AppKind::ios_keyboard, "com.example.fergie-stickers").problems.empty());
}

TEST_CASE("the checks catch a broken project", "[apps]") {
  test::TempDir tmp;
  test::write_fake_build(tmp / "build", {});
  AppResult result = generate_app_from_build(demo_pack(), tmp / "build",
                                             options_for(AppKind::ios_keyboard, tmp / "app"));
  REQUIRE(test::check_project(result.out_dir, AppKind::ios_keyboard, "com.example.fergie-stickers").problems.empty());

  SECTION("a file the pbxproj references is missing") {
    fs::remove(result.out_dir / "Keyboard/StickerLibrary.swift");
    std::string all = test::describe(test::check_project(result.out_dir, AppKind::ios_keyboard, "com.example.fergie-stickers"));
    CHECK_THAT(all, Catch::Contains("Keyboard/StickerLibrary.swift does not exist"));
  }
  SECTION("an icon has the wrong size") {
    test::write_png(result.out_dir / "App/Assets.xcassets/AppIcon.appiconset/AppIcon.png", 512, 512);
    CHECK_THAT(test::describe(test::check_project(result.out_dir, AppKind::ios_keyboard, "com.example.fergie-stickers")),
               Catch::Contains("AppIcon.png: is 512x512; declared 1024x1024"));
  }
  SECTION("a marker is left and a plist is broken") {
    test::write_file(result.out_dir / "Keyboard/Info.plist", "{{x}} this text is not a property list in any format");
    std::string all = test::describe(test::check_project(result.out_dir, AppKind::ios_keyboard, "com.example.fergie-stickers"));
    CHECK_THAT(all, Catch::Contains("Keyboard/Info.plist: template marker left"));
    CHECK_THAT(all, Catch::Contains("xmllint"));
    CHECK_THAT(all, Catch::Contains("plistutil cannot read it"));
  }
}

TEST_CASE("bad options are refused with the rule and nothing is written", "[apps]") {
  test::TempDir tmp;
  test::write_fake_build(tmp / "build", {});
  AppOptions options = options_for(AppKind::whatsapp_android, tmp / "app");

  SECTION("bundle id") {
    options.bundle_id = "com.example.my-stickers";
    REQUIRE_THROWS_WITH(generate_app_from_build(demo_pack(), tmp / "build", options),
                        Catch::Contains("bundle id 'com.example.my-stickers' is not valid for Android"));
  }
  SECTION("WhatsApp's sample bundle id") {
    options.kind = AppKind::whatsapp_ios;
    options.bundle_id = "WA.WAStickersThirdParty.copy";
    REQUIRE_THROWS_WITH(generate_app_from_build(demo_pack(), tmp / "build", options),
                        Catch::Contains("WA.WAStickersThirdParty"));
  }
  SECTION("plain http verifier") {
    options.verifier_url = "http://rewards.example.com";
    REQUIRE_THROWS_WITH(generate_app_from_build(demo_pack(), tmp / "build", options),
                        Catch::Contains("verifier URL 'http://rewards.example.com' is not valid") &&
                            Catch::Contains("https://"));
  }
  SECTION("a build without the platform the kind needs") {
    test::write_fake_build(tmp / "partial", {.imessage = false});
    options.kind = AppKind::ios_keyboard;
    options.bundle_id = "com.example.stickers";
    REQUIRE_THROWS_WITH(generate_app_from_build(demo_pack(), tmp / "partial", options),
                        Catch::Contains("has no imessage/Stickers.xcstickers") &&
                            Catch::Contains("platform 'imessage'"));
  }
  SECTION("a build whose contents.json names a missing file") {
    fs::remove(tmp / "build/whatsapp/assets/fake_pack/02.webp");
    REQUIRE_THROWS_WITH(generate_app_from_build(demo_pack(), tmp / "build", options),
                        Catch::Contains("contents.json") && Catch::Contains("'02.webp', which is missing"));
  }
  CHECK_FALSE(fs::exists(tmp / "app"));
  // No staging folder is left next to the destination either.
  for (const auto& entry : fs::directory_iterator(tmp.path()))
    CHECK(entry.path().filename().string().find("app.tmp") == std::string::npos);
}

TEST_CASE("an existing output folder is kept unless --force, then replaced whole", "[apps]") {
  test::TempDir tmp;
  test::write_fake_build(tmp / "build", {});
  test::write_file(tmp / "app/keep.txt", "mine");
  AppOptions options = options_for(AppKind::android_keyboard, tmp / "app");
  REQUIRE_THROWS_WITH(generate_app_from_build(demo_pack(), tmp / "build", options),
                      Catch::Contains("output folder") && Catch::Contains("already exists; pass --force"));
  CHECK(read_text_file(tmp / "app/keep.txt") == "mine");
  options.force = true;
  generate_app_from_build(demo_pack(), tmp / "build", options);
  CHECK_FALSE(fs::exists(tmp / "app/keep.txt"));
  CHECK(fs::exists(tmp / "app/app/src/main/AndroidManifest.xml"));
}

TEST_CASE("a failed generation leaves no new parent folders behind", "[apps]") {
  test::TempDir tmp;
  test::write_fake_build(tmp / "build", {.imessage = false});
  AppOptions options = options_for(AppKind::imessage, tmp / "new/deeper/app");
  REQUIRE_THROWS_WITH(generate_app_from_build(demo_pack(), tmp / "build", options),
                      Catch::Contains("has no imessage/Stickers.xcstickers"));
  CHECK_FALSE(fs::exists(tmp / "new"));
  options.kind = AppKind::whatsapp_android;
  options.bundle_id = "com.example.fergie";
  generate_app_from_build(demo_pack(), tmp / "build", options);
  CHECK(fs::exists(tmp / "new/deeper/app/app/build.gradle.kts"));
}
