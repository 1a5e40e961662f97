// stickerforge publish --platform discord against the Discord REST test
// DOUBLE (discord_double.h), on a fake clock.
#include <catch2/catch.hpp>

#include <sstream>

#include "base/error.h"
#include "discord_double.h"
#include "fake_bundle.h"
#include "publish/publish.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using sf::test::FakeDiscordSticker;

namespace {

struct DiscordRig {
  sf::test::TempDir dir;
  sf::test::FakeClock clock;
  sf::test::DiscordDouble discord;
  std::unique_ptr<sf::publish::HttpClient> http;
  std::ostringstream log;
  fs::path build = dir / "out" / "pack";

  explicit DiscordRig(int tier) : discord("BOT.TOKEN", "998877", tier, &clock) {
    http = sf::publish::make_http_client(discord.url());
  }
  sf::publish::DiscordOptions options() {
    sf::publish::DiscordOptions o;
    o.build = build;
    o.token = "BOT.TOKEN";
    o.guild = "998877";
    return o;
  }
  sf::publish::PublishOutcome publish(const sf::publish::DiscordOptions& o) {
    return sf::publish::publish_discord(o, *http, clock, log);
  }
  std::string error_of(const sf::publish::DiscordOptions& o) {
    try {
      publish(o);
    } catch (const sf::Error& e) {
      return e.what();
    }
    return "(no error)";
  }
};

std::vector<FakeDiscordSticker> stickers(int count) {
  std::vector<FakeDiscordSticker> out;
  for (int i = 1; i <= count; ++i)
    out.push_back({"sticker " + std::to_string(i), i % 2 ? "a fine sticker" : "", "👍", "art" + std::to_string(i)});
  return out;
}

}  // namespace

TEST_CASE("publish uploads guild stickers to the Discord double - tags as the emoji's name - "
          "429 sat out - then updates by name") {
  DiscordRig rig(1);  // boost level 1: 15 slots
  auto v1 = stickers(12);
  sf::test::write_discord_build(rig.build, v1);
  rig.discord.flood_posts(5, 1.5);
  auto outcome = rig.publish(rig.options());
  auto on = rig.discord.stickers();
  REQUIRE(on.size() == 12);
  for (std::size_t i = 0; i < 12; ++i) {
    CHECK(on[i].name == v1[i].name);
    CHECK(on[i].description == v1[i].description);
    CHECK(on[i].tags == "thumbsup");
    CHECK(on[i].file == sf::test::fake_png(320, v1[i].payload));
  }
  CHECK(rig.discord.early_retries() == 0);
  auto sleeps = rig.clock.sleeps();
  CHECK(std::count(sleeps.begin(), sleeps.end(), std::chrono::milliseconds(1500)) == 2);
  CHECK(outcome.plan.size() == 12);

  // v2: one new image, one new description, one sticker dropped.
  auto v2 = v1;
  v2[3].payload = "redrawn";
  v2[5].description = "now described";
  v2.pop_back();
  sf::test::write_discord_build(rig.build, v2);
  auto o = rig.options();
  o.remove_missing = true;
  int posts = rig.discord.calls("POST");
  auto second = rig.publish(o);
  on = rig.discord.stickers();
  REQUIRE(on.size() == 11);
  for (const auto& want : v2) {
    auto it = std::find_if(on.begin(), on.end(), [&](const auto& s) { return s.name == want.name; });
    REQUIRE(it != on.end());
    CHECK(it->description == want.description);
    CHECK(it->file == sf::test::fake_png(320, want.payload));
  }
  CHECK(rig.discord.calls("POST") == posts + 1 + 1);  // the redrawn one (+1 flood answer)
  CHECK(rig.discord.calls("PATCH") == 1);
  CHECK(rig.discord.calls("DELETE") == 2);  // the redrawn one's old image, the dropped one
  CHECK(rig.publish(o).plan.empty());
}

TEST_CASE("publish checks the server's free sticker slots before uploading anything") {
  DiscordRig rig(0);  // no boost: 5 slots
  rig.discord.add_existing("made by hand", sf::test::fake_png(320, "x"));
  sf::test::write_discord_build(rig.build, stickers(5));
  std::string e = rig.error_of(rig.options());
  CHECK(e == "server 998877 has 1 of 5 sticker slots used (boost level 0); the build needs 5 more, "
             "1 too many: boost the server, remove stickers (--remove-missing drops ones published "
             "earlier) or publish fewer; nothing was uploaded");
  CHECK(rig.discord.calls("POST") == 0);
}

TEST_CASE("publish refuses a Discord build with a bad file or field before any call - and explains refusals") {
  DiscordRig rig(3);
  auto bad = stickers(2);
  bad[0].side = 512;
  bad[1].name = "x";
  sf::test::write_discord_build(rig.build, bad);
  std::string e = rig.error_of(rig.options());
  CHECK(e.find("stickers/01.png: is 512x512 px; Discord wants 320x320") != std::string::npos);
  CHECK(e.find("stickers[1].name: is 'x'; Discord takes 2 to 30 characters") != std::string::npos);
  CHECK(rig.discord.calls("GET") == 0);

  sf::test::write_discord_build(rig.build, stickers(1));
  auto o = rig.options();
  o.guild = "111";
  CHECK(rig.error_of(o).find("the bot is not in server 111 or the id is wrong") != std::string::npos);
  o = rig.options();
  o.token = "WRONG";
  std::string wrong = rig.error_of(o);
  CHECK(wrong.find("the bot token is wrong or reset") != std::string::npos);
  CHECK(wrong.find("WRONG") == std::string::npos);
}
