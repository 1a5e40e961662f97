#include <catch2/catch.hpp>

#include "base/error.h"
#include "pack/pack.h"
#include "support/temp_dir.h"

using sf::pack::parse_pack;

namespace {

sf::Problems problems_for(const std::string& json, const std::filesystem::path& source) {
  sf::Problems problems;
  parse_pack(json, source, problems);
  return problems;
}

bool mentions(const sf::Problems& problems, const std::string& a, const std::string& b) {
  for (const auto& p : problems)
    if (p.to_string().find(a) != std::string::npos && p.to_string().find(b) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("a valid pack.json parses with files resolved and platforms defaulted", "[pack]") {
  sf::test::TempDir dir;
  sf::test::write_file(dir / "art/wave.svg", "<svg/>");
  sf::Problems problems;
  auto pack = parse_pack(R"({"id":"acme_hearts","title":"Acme Hearts","author":"Acme Inc.",
    "style":{"margin_px":10,"outline_px":8,"outline_color":"#ff0000"},
    "stickers":[{"file":"art/wave.svg","emojis":["👋"],"keywords":["hi"],"alt":"Waving"}]})",
                         dir / "pack.json", problems);
  REQUIRE(problems.empty());
  CHECK(pack.id == "acme_hearts");
  CHECK(pack.stickers.at(0).file == dir / "art/wave.svg");
  CHECK(pack.stickers.at(0).emojis == std::vector<std::string>{"👋"});
  CHECK(pack.style.outline_color.r == 255);
  CHECK(pack.style.outline_color.g == 0);
  CHECK(pack.platforms.size() == sf::pack::known_platforms().size());
}

TEST_CASE("every problem in a pack.json is reported at once", "[pack]") {
  sf::test::TempDir dir;
  auto problems = problems_for(R"({"id":"Bad Id","author":"",
    "style":{"margin_px":-3,"outline_color":"red"},
    "stickers":[{"file":"missing.png","emojis":"x"},{"fiel":"a.png"}],
    "platforms":["telegarm","myspace"]})",
                               dir / "pack.json");
  CHECK(mentions(problems, "pack.json: id", "'Bad Id'"));
  CHECK(mentions(problems, "title", "is missing"));
  CHECK(mentions(problems, "author", "is empty"));
  CHECK(mentions(problems, "style.margin_px", "from 0 to 128"));
  CHECK(mentions(problems, "style.outline_color", "'red'"));
  CHECK(mentions(problems, "stickers[0].file", "'missing.png' not found"));
  CHECK(mentions(problems, "stickers[0].emojis", "list of strings"));
  CHECK(mentions(problems, "stickers[1].fiel", "did you mean 'file'?"));
  CHECK(mentions(problems, "platforms", "unknown platform 'telegarm'; did you mean 'telegram'?"));
  CHECK(mentions(problems, "platforms", "'myspace'; expected one of telegram"));
  CHECK(problems.size() >= 10);
}

TEST_CASE("load_pack lists all problems in one error and names the file", "[pack]") {
  sf::test::TempDir dir;
  auto path = sf::test::write_file(dir / "pack.json", R"({"id":"x","stickers":[]})");
  REQUIRE_THROWS_WITH(sf::pack::load_pack(path),
                      Catch::Contains("problems in") && Catch::Contains("pack.json") &&
                          Catch::Contains("nothing written") && Catch::Contains("title"));
}

TEST_CASE("load_pack reports invalid JSON with its position", "[pack]") {
  sf::test::TempDir dir;
  auto path = sf::test::write_file(dir / "pack.json", "{\"id\": \"x\",,}");
  REQUIRE_THROWS_WITH(sf::pack::load_pack(path),
                      Catch::Contains("not valid JSON at line 1, column 12: a comma with no value"));
}

TEST_CASE("JSON syntax errors name line, column and the likely cause", "[pack][json]") {
  auto message = [](const std::string& text) {
    sf::Problems problems = problems_for(text, "pack.json");
    REQUIRE(problems.size() == 1);
    return problems[0].to_string();
  };
  CHECK_THAT(message("{\n  \"id\": \"x\",\n  \"title\": \"T\",\n}"),
             Catch::Contains("line 4, column 1") && Catch::Contains("trailing comma"));
  CHECK_THAT(message("{\n  \"id\": \"x\"\n  \"title\": \"T\"\n}"),
             Catch::Contains("line 3, column 3") && Catch::Contains("comma is probably missing"));
  CHECK_THAT(message("{'id': 'x'}"), Catch::Contains("line 1, column 2") && Catch::Contains("double quotes"));
  CHECK_THAT(message("{\"id\": \"x\", // the id\n}"), Catch::Contains("no comments"));
  CHECK_THAT(message("{\"title\": \"Ünïcödé 😀\" \"id\": 1}"),
             Catch::Contains("line 1, column 23"));  // characters, not bytes
  CHECK_THAT(message("{\"stickers\": [{\"file\": \"a.png\"}"),
             Catch::Contains("ends at line 1") && Catch::Contains("missing"));
  CHECK_THAT(message("{\"shadow\": True}"), Catch::Contains("lower-case"));
}

TEST_CASE("the demo pack parses without problems", "[pack]") {
  auto pack = sf::pack::load_pack(sf::test::source_dir() / "assets/demo/pack.json");
  CHECK(pack.id == "fergie_friends");
  CHECK(pack.stickers.size() == 10);
  CHECK(pack.selection.at("line").size() == 8);
  CHECK(std::filesystem::exists(pack.tray));
  for (const auto& sticker : pack.stickers) {
    CHECK(std::filesystem::exists(sticker.file));
    CHECK_FALSE(sticker.emojis.empty());
  }
}

TEST_CASE("selection names sticker numbers per platform, checked", "[pack][selection]") {
  sf::test::TempDir dir;
  sf::test::write_file(dir / "a.svg", "<svg/>");
  sf::test::write_file(dir / "b.svg", "<svg/>");
  std::string stickers = R"("stickers":[{"file":"a.svg","emojis":["👋"]},{"file":"b.svg","emojis":["👍"]}])";
  sf::Problems problems;
  auto pack = parse_pack(R"({"id":"x","title":"T","author":"A",)" + stickers +
                             R"(,"selection":{"line":[2]}})",
                         dir / "pack.json", problems);
  REQUIRE(problems.empty());
  CHECK(pack.selection.at("line") == std::vector<std::size_t>{1});
  auto line = sf::pack::pack_for_platform(pack, "line");
  REQUIRE(line.stickers.size() == 1);
  CHECK(line.stickers[0].file_as_written == "b.svg");
  CHECK(sf::pack::pack_for_platform(pack, "telegram").stickers.size() == 2);

  problems = problems_for(R"({"id":"x","title":"T","author":"A",)" + stickers +
                              R"(,"selection":{"lime":[1],"line":[0, 3, 1, 1]}})",
                          dir / "pack.json");
  CHECK(mentions(problems, "selection.lime", "did you mean 'line'"));
  CHECK(mentions(problems, "selection.line[0]", "is 0; expected a sticker number from 1 to 2"));
  CHECK(mentions(problems, "selection.line[1]", "is 3"));
  CHECK(mentions(problems, "selection.line[3]", "sticker 1 is chosen twice"));
}
