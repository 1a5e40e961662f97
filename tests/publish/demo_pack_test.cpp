// The demo pack built by the real `stickerforge build` (telegram and discord
// exporters) publishes to the Telegram and Discord test DOUBLES: the layout
// the exporters write is the one the publishers read.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "discord_double.h"
#include "publish/publish.h"
#include "support/temp_dir.h"
#include "telegram_double.h"

namespace fs = std::filesystem;

namespace {

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("the demo pack from stickerforge build publishes to the Telegram and Discord doubles") {
  const char* binary_dir = std::getenv("SF_BINARY_DIR");
  REQUIRE(binary_dir != nullptr);
  sf::test::TempDir dir;
  fs::path out = dir / "demo";
  auto built = sf::test::run_command(std::string(binary_dir) + "/src/cli/stickerforge build " +
                                     (sf::test::source_dir() / "assets/demo/pack.json").string() +
                                     " --out " + out.string() + " --platform telegram,discord -j 1");
  REQUIRE(built.status == 0);

  sf::test::FakeClock clock;
  std::ostringstream log;
  sf::test::TelegramDouble telegram("9:T", "stickerforge_demo_bot", &clock);
  telegram.start_bot(1);
  auto http = sf::publish::make_http_client(telegram.url());
  sf::publish::TelegramOptions o;
  o.build = out;
  o.token = "9:T";
  o.owner = 1;
  auto outcome = sf::publish::publish_telegram(o, *http, clock, log);
  auto sets = telegram.sets();
  REQUIRE(sets.size() == 1);
  const auto& set = sets.begin()->second;
  CHECK(set.name.rfind("fergie_friends_", 0) == 0);
  CHECK(set.title == "Fergie the Ember");
  // Telegram and Discord take the whole demo pack (no selection for them).
  REQUIRE(set.stickers.size() == 10);
  CHECK(set.stickers[0].bytes == bytes_of(out / "telegram/stickers/01.webp"));
  CHECK(set.stickers[0].emoji_list == std::vector<std::string>{"👋"});
  CHECK(set.stickers[0].keywords == std::vector<std::string>{"hi", "hello"});
  CHECK(set.stickers[1].emoji_list == std::vector<std::string>{"😍", "❤️"});
  CHECK(set.stickers[9].bytes == bytes_of(out / "telegram/stickers/10.webp"));
  CHECK(set.thumbnail == bytes_of(out / "telegram/thumbnail.webp"));
  CHECK(bytes_of(out / "install.json").find(outcome.link) != std::string::npos);

  sf::test::DiscordDouble discord("D.T", "42", 1, &clock);
  auto discord_http = sf::publish::make_http_client(discord.url());
  sf::publish::DiscordOptions d;
  d.build = out;
  d.token = "D.T";
  d.guild = "42";
  sf::publish::publish_discord(d, *discord_http, clock, log);
  auto stickers = discord.stickers();
  REQUIRE(stickers.size() == 10);
  CHECK(stickers[0].name == "hi");
  CHECK(stickers[0].description == "Fergie waving hello");
  CHECK(stickers[0].tags == "wave");
  CHECK(stickers[0].file == bytes_of(out / "discord/stickers/01.png"));
  CHECK(stickers[7].tags == "coffee");
}
