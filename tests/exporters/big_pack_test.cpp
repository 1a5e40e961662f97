#include <catch2/catch.hpp>
#include <filesystem>

#include "base/files.h"
#include "exporters/build.h"
#include "exporters/check_bundle.h"
#include "exporters/registry.h"
#include "pack/pack.h"
#include "pack_fixture.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using nlohmann::json;

// 32 rather than 30: LINE takes only multiples of 8, and WhatsApp must split
// a pack over 30; 32 exercises both on every platform in one build.
TEST_CASE("a generated 32-sticker pack builds for every platform", "[exporters][slow]") {
  sf::test::TempDir dir;
  auto pack = sf::pack::load_pack(sf::test::make_pack(dir.path(), 32));
  sf::exporters::BuildOptions options;
  options.out_dir = dir / "out";
  auto result = sf::exporters::build_pack(pack, options);

  int webp = 0;
  for (const json& file : result.report["files"]) {
    INFO(file["path"]);
    REQUIRE(fs::file_size(dir / "out" / file["path"].get<std::string>()) == file["bytes"]);
    if (!file["limit_bytes"].is_null()) CHECK(file["bytes"] <= file["limit_bytes"]);
    // webpinfo on a sample of the WEBP files (all of them would be slow).
    if (file["format"] == "webp" && webp++ % 8 == 0)
      CHECK(sf::test::webpinfo_ok(dir / "out" / file["path"].get<std::string>()));
  }
  json contents = json::parse(sf::read_text_file(dir / "out/whatsapp/assets/contents.json"));
  REQUIRE(contents["sticker_packs"].size() == 2);
  CHECK(contents["sticker_packs"][0]["identifier"] == "test_pack_1");
  CHECK(contents["sticker_packs"][0]["stickers"].size() == 16);
  CHECK(contents["sticker_packs"][1]["stickers"].size() == 16);
  CHECK(contents["sticker_packs"][1]["name"] == "Test Pack (2/2)");
  CHECK(fs::exists(dir / "out/whatsapp/test_pack_2.wastickers"));
  CHECK(sf::test::unzip_list(dir / "out/line/upload.zip").size() == 34);
  json set = json::parse(sf::read_text_file(dir / "out/telegram/set.json"));
  CHECK(set["stickers"].size() == 32);

  for (const auto* exporter : sf::exporters::all_exporters()) {
    std::string id(exporter->spec().id);
    INFO(id);
    auto problems = sf::exporters::check_bundle(dir / "out", id);
    for (const auto& p : problems) UNSCOPED_INFO(p.to_string());
    CHECK(problems.empty());
  }
}
