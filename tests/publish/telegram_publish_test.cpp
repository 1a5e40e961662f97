// stickerforge publish --platform telegram against the Telegram Bot API test
// DOUBLE (telegram_double.h), on a fake clock: no real waiting, no Telegram.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "base/error.h"
#include "fake_bundle.h"
#include "fake_clock.h"
#include "publish/publish.h"
#include "support/temp_dir.h"
#include "telegram_double.h"

namespace fs = std::filesystem;
using nlohmann::json;
using sf::test::DoubleSet;
using sf::test::FakeClock;
using sf::test::FakeTelegramBuild;
using sf::test::TelegramDouble;

namespace {

constexpr long long kOwner = 777001;

struct Rig {
  sf::test::TempDir dir;
  FakeClock clock;
  TelegramDouble telegram{"123:SECRET", "double_bot", &clock};
  std::unique_ptr<sf::publish::HttpClient> http;
  std::ostringstream log;
  fs::path build = dir / "out" / "pack";

  Rig() {
    telegram.start_bot(kOwner);
    http = sf::publish::make_http_client(telegram.url());
  }

  sf::publish::TelegramOptions options() {
    sf::publish::TelegramOptions o;
    o.build = build;
    o.token = "123:SECRET";
    o.owner = kOwner;
    return o;
  }

  sf::publish::PublishOutcome publish(const sf::publish::TelegramOptions& o) {
    return sf::publish::publish_telegram(o, *http, clock, log);
  }
  sf::publish::PublishOutcome publish() { return publish(options()); }

  std::string error_of(const sf::publish::TelegramOptions& o) {
    try {
      publish(o);
    } catch (const sf::Error& e) {
      return e.what();
    }
    return "(no error)";
  }
};

DoubleSet only_set(const std::map<std::string, DoubleSet>& sets) {
  REQUIRE(sets.size() == 1);
  return sets.begin()->second;
}

// The set on the double is exactly the build: files, order, emoji, keywords,
// title and thumbnail.
void require_set_is_build(const DoubleSet& set, const FakeTelegramBuild& build) {
  CHECK(set.title == build.title);
  REQUIRE(set.stickers.size() == build.stickers.size());
  for (std::size_t i = 0; i < build.stickers.size(); ++i) {
    INFO("sticker " << i + 1);
    const auto& want = build.stickers[i];
    CHECK(set.stickers[i].bytes == sf::test::fake_file(want.format, want.payload));
    CHECK(set.stickers[i].format == want.format);
    CHECK(set.stickers[i].emoji_list == want.emoji);
    CHECK(set.stickers[i].keywords == want.keywords);
  }
  CHECK(set.thumbnail == sf::test::fake_file("static", build.thumbnail));
}

std::string install_link(const fs::path& install) {
  std::ifstream in(install);
  json j = json::parse(in);
  return j["platforms"]["telegram"]["add_link"];
}

}  // namespace

TEST_CASE("publish creates a fresh 120-sticker set on the Telegram double: 50 in the create call - "
          "70 added in order - thumbnail - random name - link in install.json") {
  Rig rig;
  FakeTelegramBuild build;
  build.stickers = sf::test::fake_stickers(120);
  sf::test::write_telegram_build(rig.build, build);

  auto outcome = rig.publish();
  DoubleSet set = only_set(rig.telegram.sets());
  require_set_is_build(set, build);
  CHECK(std::regex_match(set.name, std::regex("pack_[a-z0-9]{16}_by_double_bot")));
  CHECK(set.owner == kOwner);
  CHECK(rig.telegram.calls("createNewStickerSet") == 1);
  CHECK(rig.telegram.calls("addStickerToSet") == 70);
  CHECK(rig.telegram.calls("uploadStickerFile") == 120);
  CHECK(rig.telegram.calls("setStickerSetThumbnail") == 1);
  CHECK(outcome.link == "https://t.me/addstickers/" + set.name);
  CHECK(outcome.install_json == rig.build / "install.json");
  CHECK(install_link(rig.build / "install.json") == outcome.link);
  CHECK(rig.log.str().find("123:SECRET") == std::string::npos);  // the token never shows

  // A second run finds nothing to do and changes nothing.
  auto again = rig.publish();
  CHECK(again.plan.empty());
  CHECK(rig.telegram.calls("addStickerToSet") == 70);
  CHECK(rig.telegram.calls("createNewStickerSet") == 1);
  CHECK(only_set(rig.telegram.sets()).name == set.name);
}

TEST_CASE("publish --dry-run prints the calls of a new set and makes none of them") {
  Rig rig;
  FakeTelegramBuild build;
  build.stickers = sf::test::fake_stickers(55);
  sf::test::write_telegram_build(rig.build, build);
  auto o = rig.options();
  o.dry_run = true;
  auto outcome = rig.publish(o);
  REQUIRE(outcome.plan.size() == 55 + 1 + 5 + 1);  // uploads, create, adds, thumbnail
  CHECK(outcome.plan[49] == "uploadStickerFile stickers/50.webm (video)");
  CHECK(outcome.plan[50] == "createNewStickerSet 'Fake pack' with stickers 1-50 (regular)");
  CHECK(outcome.plan[51] == "uploadStickerFile stickers/51.webp (static)");
  CHECK(outcome.plan[52] == "addStickerToSet stickers/51.webp 😂 🎉");
  CHECK(outcome.plan.back() == "setStickerSetThumbnail thumbnail.webp");
  CHECK(rig.telegram.sets().empty());
  CHECK(rig.telegram.calls("uploadStickerFile") == 0);
  CHECK_FALSE(fs::exists(rig.dir / "out" / "pack.telegram-publish.json"));
  CHECK_FALSE(fs::exists(rig.build / "install.json"));
}

TEST_CASE("publish updates a set in place: 5 stickers changed - 3 reordered - 2 removed - emoji - "
          "keywords - title and thumbnail - the set is the new build and the link is unchanged") {
  Rig rig;
  FakeTelegramBuild v1;
  v1.stickers = sf::test::fake_stickers(30);
  sf::test::write_telegram_build(rig.build, v1);
  std::string link = rig.publish().link;
  std::string name = only_set(rig.telegram.sets()).name;

  FakeTelegramBuild v2 = v1;
  for (int i : {2, 8, 13, 21, 27}) v2.stickers[i].payload += "-redrawn";
  std::rotate(v2.stickers.begin() + 4, v2.stickers.begin() + 5, v2.stickers.begin() + 7);  // 3 reordered
  v2.stickers.erase(v2.stickers.begin() + 17);
  v2.stickers.erase(v2.stickers.begin() + 24);
  v2.stickers[0].emoji = {"👋", "😀"};
  v2.stickers[1].keywords = {"hello", "wave"};
  v2.title = "Fake pack, second edition";
  v2.thumbnail = "thumb-2";
  sf::test::write_telegram_build(rig.build, v2);  // a rebuild replaces the folder

  auto dry = rig.options();
  dry.dry_run = true;
  auto plan = rig.publish(dry).plan;
  auto count = [&](const std::string& method) {
    return std::count_if(plan.begin(), plan.end(),
                         [&](const std::string& line) { return line.rfind(method + " ", 0) == 0; });
  };
  CHECK(count("replaceStickerInSet") == 5);
  CHECK(count("deleteStickerFromSet") == 2);
  CHECK(count("addStickerToSet") == 0);
  CHECK(count("setStickerEmojiList") == 1);
  CHECK(count("setStickerKeywords") == 1);
  CHECK(count("setStickerSetTitle") == 1);
  CHECK(count("setStickerSetThumbnail") == 1);
  CHECK(count("setStickerPositionInSet") >= 1);
  CHECK(count("setStickerPositionInSet") <= 3);
  require_set_is_build(only_set(rig.telegram.sets()), v1);  // the dry run changed nothing

  auto outcome = rig.publish();
  DoubleSet set = only_set(rig.telegram.sets());
  require_set_is_build(set, v2);
  CHECK(set.name == name);
  CHECK(outcome.link == link);
  CHECK(install_link(rig.build / "install.json") == link);
  CHECK(rig.telegram.calls("createNewStickerSet") == 1);
  CHECK(rig.telegram.calls("replaceStickerInSet") == 5);
  CHECK(rig.telegram.calls("deleteStickerFromSet") == 2);
  CHECK(outcome.plan.size() == plan.size());
  CHECK(rig.publish().plan.empty());
}

TEST_CASE("publish sits out the Telegram double's 429 answers for their retry_after on the fake clock") {
  Rig rig;
  FakeTelegramBuild build;
  build.stickers = sf::test::fake_stickers(80);
  sf::test::write_telegram_build(rig.build, build);
  rig.telegram.flood("addStickerToSet", 7, 12);      // 4 floods among 30 adds (+ the repeats)
  rig.telegram.flood("uploadStickerFile", 25, 3);
  rig.publish();
  require_set_is_build(only_set(rig.telegram.sets()), build);
  CHECK(rig.telegram.early_retries() == 0);  // never came back before the wait was over
  auto sleeps = rig.clock.sleeps();
  CHECK(std::count(sleeps.begin(), sleeps.end(), std::chrono::milliseconds(12000)) >= 4);
  CHECK(std::count(sleeps.begin(), sleeps.end(), std::chrono::milliseconds(3000)) >= 3);
  // Calls are paced (250 ms between calls) on top of the flood waits.
  CHECK(std::count(sleeps.begin(), sleeps.end(), std::chrono::milliseconds(250)) >= 100);
  CHECK(rig.log.str().find("Telegram asks to wait 12 s (429)") != std::string::npos);
}

TEST_CASE("a flood wait longer than --max-wait stops the run with progress kept - the next run goes on") {
  Rig rig;
  FakeTelegramBuild build;
  build.stickers = sf::test::fake_stickers(60);
  sf::test::write_telegram_build(rig.build, build);
  rig.telegram.flood("addStickerToSet", 4, 3600);
  auto o = rig.options();
  o.policy.max_wait = std::chrono::seconds(900);
  std::string error = rig.error_of(o);
  CHECK(error.find("must wait 3600 s") != std::string::npos);
  CHECK(error.find("run the same command again in 3600 s") != std::string::npos);
  CHECK(only_set(rig.telegram.sets()).stickers.size() == 53);
  rig.clock.sleep(std::chrono::seconds(3600));  // an hour later, the flood is over
  rig.telegram.flood("addStickerToSet", 0, 0);
  rig.publish(o);
  require_set_is_build(only_set(rig.telegram.sets()), build);
  CHECK(rig.telegram.calls("createNewStickerSet") == 1);
}

TEST_CASE("Telegram's refusals become actions: owner must start the bot - name occupied - set not "
          "made by this bot - name rules - set full - 413 - wrong token") {
  Rig rig;
  FakeTelegramBuild build;
  build.stickers = sf::test::fake_stickers(3);
  sf::test::write_telegram_build(rig.build, build);
  fs::path state = rig.dir / "out" / "pack.telegram-publish.json";

  SECTION("owner never started the bot") {
    auto o = rig.options();
    o.owner = 5550001;
    std::string e = rig.error_of(o);
    CHECK(e.find("user not found") != std::string::npos);
    CHECK(e.find("the owner must start the bot first: user 5550001 opens a chat with @double_bot") !=
          std::string::npos);
    CHECK(rig.telegram.sets().empty());
  }
  SECTION("name occupied") {
    rig.telegram.occupy("taken_by_double_bot");
    auto o = rig.options();
    o.name = "taken_by_double_bot";
    std::string e = rig.error_of(o);
    CHECK(e.find("sticker set name is already occupied") != std::string::npos);
    CHECK(e.find("name occupied: the set name taken_by_double_bot is taken") != std::string::npos);
  }
  SECTION("a set of another bot is refused before any call changes anything") {
    auto o = rig.options();
    o.name = "fergie_by_other_bot";
    std::string e = rig.error_of(o);
    CHECK(e == "set fergie_by_other_bot was not made by this bot (@double_bot): only @other_bot can "
               "change it; use that bot's token, or publish a new set");
    CHECK(rig.telegram.calls("uploadStickerFile") == 0);
  }
  SECTION("name rules are checked before calling") {
    auto o = rig.options();
    o.name = "fergie__x_by_double_bot";
    CHECK(rig.error_of(o) == "set name 'fergie__x_by_double_bot' must not contain two underscores in a row");
    o.name = "9lives_by_double_bot";
    CHECK(rig.error_of(o) == "set name '9lives_by_double_bot' must start with an English letter");
    CHECK(rig.telegram.calls("uploadStickerFile") == 0);
    CHECK(rig.telegram.calls("createNewStickerSet") == 0);
  }
  SECTION("STICKERS_TOO_MUCH") {
    build.stickers = sf::test::fake_stickers(53);
    sf::test::write_telegram_build(rig.build, build);
    rig.telegram.set_max_stickers(51);
    std::string e = rig.error_of(rig.options());
    CHECK(only_set(rig.telegram.sets()).stickers.size() == 51);
    CHECK(e.find("STICKERS_TOO_MUCH") != std::string::npos);
    CHECK(e.find("the set is full") != std::string::npos);
    CHECK(e.find("for stickers/52.webp") != std::string::npos);
  }
  SECTION("413 on an oversized request names the file") {
    build.stickers[1].payload = std::string(6000, 'x');
    sf::test::write_telegram_build(rig.build, build);
    rig.telegram.set_body_limit(4000);
    std::string e = rig.error_of(rig.options());
    CHECK(e.find("413") != std::string::npos);
    CHECK(e.find("the request is too large: stickers/02.webp") != std::string::npos);
    CHECK(rig.telegram.sets().empty());
  }
  SECTION("wrong token") {
    auto o = rig.options();
    o.token = "123:WRONG";
    std::string e = rig.error_of(o);
    CHECK(e.find("the bot token is wrong or revoked") != std::string::npos);
    CHECK(e.find("WRONG") == std::string::npos);
  }
  SECTION("no owner") {
    auto o = rig.options();
    o.owner = 0;
    CHECK(rig.error_of(o).find("no owner: give --owner USER_ID") != std::string::npos);
  }
  SECTION("a bad sticker in the build is refused before any call") {
    std::ofstream(rig.build / "telegram" / "stickers" / "02.webp", std::ios::binary) << "GIF89a....";
    std::string e = rig.error_of(rig.options());
    CHECK(e.find("stickers/02.webp: holds unknown data but set.json says 'static'") != std::string::npos);
    CHECK(rig.telegram.calls("getMe") == 0);
  }
}

TEST_CASE("publish writes the link into install.json keeping the other platforms' keys") {
  Rig rig;
  FakeTelegramBuild build;
  build.stickers = sf::test::fake_stickers(2);
  sf::test::write_telegram_build(rig.build, build);
  fs::path packs = rig.dir / "packs";
  fs::create_directories(packs / "pack");
  std::ofstream(packs / "pack" / "install.json")
      << R"({"platforms": {"signal": {"add_link": "https://signal.art/addstickers/#pack_id=a&pack_key=b"},
            "telegram": {"add_link": "https://t.me/addstickers/old"}}, "note": "kept"})";
  std::ofstream(packs / "pack" / "add_links.json")
      << R"({"telegram": "https://t.me/addstickers/old", "signal": "https://signal.art/addstickers/#x"})";
  auto o = rig.options();
  o.packs = packs;
  auto outcome = rig.publish(o);
  std::ifstream in(packs / "pack" / "install.json");
  json j = json::parse(in);
  CHECK(j["platforms"]["telegram"]["add_link"] == outcome.link);
  CHECK(j["platforms"]["signal"]["add_link"] == "https://signal.art/addstickers/#pack_id=a&pack_key=b");
  CHECK(j["note"] == "kept");
  std::ifstream legacy_in(packs / "pack" / "add_links.json");
  json legacy = json::parse(legacy_in);  // the older file, when present, follows
  CHECK(legacy["telegram"] == outcome.link);
  CHECK(legacy["signal"] == "https://signal.art/addstickers/#x");

  // A packs folder without the pack's folder is refused before anything is published.
  Rig other;
  sf::test::write_telegram_build(other.build, build);
  auto bad = other.options();
  bad.packs = other.dir / "nowhere";
  CHECK(other.error_of(bad).find("does not exist") != std::string::npos);
  CHECK(other.telegram.sets().empty());
}

TEST_CASE("a custom emoji set is created as custom_emoji with an addemoji link and no set thumbnail call") {
  Rig rig;
  FakeTelegramBuild build;
  build.stickers = sf::test::fake_stickers(3);
  build.sticker_type = "custom_emoji";
  sf::test::write_telegram_build(rig.build, build);
  auto outcome = rig.publish();
  DoubleSet set = only_set(rig.telegram.sets());
  CHECK(set.sticker_type == "custom_emoji");
  CHECK(set.stickers.size() == 3);
  CHECK(outcome.link == "https://t.me/addemoji/" + set.name);
  CHECK(rig.telegram.calls("setStickerSetThumbnail") == 0);
  CHECK(rig.publish().plan.empty());
}
