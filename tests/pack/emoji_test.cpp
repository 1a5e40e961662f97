// Emoji checked against Unicode's list compiled in from Debian's unicode-data.
#include <catch2/catch.hpp>

#include "pack/emoji.h"
#include "pack/pack.h"

using namespace sf::pack;

namespace {

sf::Problems problems_for_emojis(const std::string& emojis_json) {
  sf::Problems problems;
  parse_pack(R"({"id":"x","title":"T","author":"A","stickers":[{"file":"","emojis":)" + emojis_json + "}]}",
             "pack.json", problems);
  return problems;
}

std::string all(const sf::Problems& problems) {
  std::string text;
  for (const auto& p : problems) text += p.to_string() + "\n";
  return text;
}

}  // namespace

TEST_CASE("emoji of every kind are found in Unicode's list", "[pack][emoji]") {
  for (const char* emoji : {"😀", "👋🏽", "🇯🇵", "👨‍👩‍👧", "#️⃣", "❤️", "🏳️‍🌈", "🫠"}) {
    INFO(emoji);
    CHECK(find_emoji(emoji));
  }
  for (const char* text : {":smile:", "smile", "a", "1", "😀😀", "", "\xE2\x80\x8D"}) {
    INFO(text);
    CHECK_FALSE(find_emoji(text));
  }
  // Without U+FE0F it is found, and given back in Unicode's fully-qualified form.
  auto heart = find_emoji("\xE2\x9D\xA4");
  REQUIRE(heart);
  CHECK(heart->emoji == "❤️");
  CHECK(heart->name == "red heart");
}

TEST_CASE("shortcodes name their emoji and Discord gets names", "[pack][emoji]") {
  auto smile = emoji_for_shortcode(":smile:");
  REQUIRE(smile);
  CHECK(smile->emoji == "😄");
  CHECK(discord_emoji_name("👋") == "wave");
  CHECK(discord_emoji_name("👍") == "thumbsup");
  CHECK(discord_emoji_name("😍") == "heart_eyes");
  CHECK(discord_emoji_name("❤️") == "heart");
  // No shortcode: Unicode's name, as one word.
  CHECK(discord_emoji_name("🫠") == "melting_face");
}

TEST_CASE("pack.json refuses text as emoji and suggests the emoji for a shortcode", "[pack][emoji]") {
  std::string text = all(problems_for_emojis(R"([":smile:", "hi there", "👋"])"));
  CHECK_THAT(text, Catch::Contains("stickers[0].emojis[0]") && Catch::Contains("':smile:', a shortcode") &&
                       Catch::Contains("did you mean '😄'"));
  CHECK_THAT(text, Catch::Contains("stickers[0].emojis[1]") && Catch::Contains("'hi there'") &&
                       Catch::Contains("not one emoji of Unicode's emoji list"));
  CHECK_THAT(text, !Catch::Contains("emojis[2]"));
}

TEST_CASE("pack.json stores emoji fully qualified", "[pack][emoji]") {
  sf::Problems problems;
  Pack pack = parse_pack(
      "{\"id\":\"x\",\"title\":\"T\",\"author\":\"A\",\"stickers\":[{\"file\":\"\",\"emojis\":[\"\xE2\x9D\xA4\"]}]}",
      "pack.json", problems);
  REQUIRE(pack.stickers.size() == 1);
  CHECK(pack.stickers[0].emojis == std::vector<std::string>{"❤️"});
}
