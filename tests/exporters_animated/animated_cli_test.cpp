// `stickerforge build` and `stickerforge check` on animated packs, through
// the command table as a user runs them.
#include <catch2/catch.hpp>
#include <sstream>

#include "base/files.h"
#include "support/cli_run.h"
#include "exporters/pack_fixture.h"
#include "motion/fixtures.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using nlohmann::json;
using Catch::Contains;

namespace {

using Run = sf::test::CliRun;
const auto run = &sf::test::run_stickerforge;

// A pack of three animated GIFs of `seconds` each, for `platforms`.
fs::path animated_pack(const fs::path& dir, double seconds, const json& extra) {
  json stickers = json::array();
  for (int i = 0; i < 3; ++i) {
    std::string file = "anim/" + std::to_string(i + 1) + ".gif";
    fs::create_directories(dir / "anim");
    sf::test::ffmpeg("-f lavfi -i testsrc=s=48x48:r=5:d=" + std::to_string(seconds) +
                     ",hue=h=" + std::to_string(i * 90) + " -f gif '" + (dir / file).string() + "'");
    stickers.push_back({{"file", file}, {"emojis", {"🎉"}}});
  }
  json patch = extra;
  patch["stickers"] = stickers;
  return sf::test::make_pack(dir, 1, patch);
}

}  // namespace

TEST_CASE("check accepts the animated bundles build makes and catches an animated file over its limits") {
  sf::test::TempDir dir;
  fs::path pack = animated_pack(dir.path(), 1.0, json::object());
  fs::path out = dir / "out";
  Run built = run({"build", pack.string(), "--out", out.string(), "--platform",
                   "whatsapp,telegram,discord,signal", "--jobs", "2"});
  INFO(built.err);
  REQUIRE(built.status == 0);
  for (const char* id : {"whatsapp", "telegram", "discord", "signal"}) {
    Run checked = run({"check", (out / id).string(), "--platform", id});
    INFO(checked.out);
    REQUIRE(checked.status == 0);
    REQUIRE_THAT(checked.out, Contains("no problems"));
  }
  // A noisy 512x512 animation, losslessly stored: too big and the wrong size for Discord.
  sf::test::ffmpeg("-f lavfi -i 'nullsrc=s=512x512:r=10:d=1,geq=random(1)*255:128:128' -plays 0 "
                   "-f apng '" + (out / "discord/stickers/01.png").string() + "'");
  Run checked = run({"check", (out / "discord").string(), "--platform", "discord"});
  REQUIRE(checked.status != 0);
  REQUIRE_THAT(checked.out, Contains("stickers/01.png") && Contains("expected exactly 320x320") &&
                                Contains("the limit is 512000"));
}

TEST_CASE("the refuse policy stops the build naming the sticker, the platform and its limit") {
  sf::test::TempDir dir;
  fs::path pack = animated_pack(dir.path(), 4.0, {{"duration_policy", "refuse"}});
  fs::path out = dir / "out";
  Run built = run({"build", pack.string(), "--out", out.string(), "--platform", "telegram"});
  REQUIRE(built.status == 2);
  REQUIRE_THAT(built.err, Contains("telegram: anim/1.gif") && Contains("3.0 s"));
  REQUIRE_FALSE(fs::exists(out));
}
