#include "exporters/build.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "base/files.h"
#include "exporters/check_bundle.h"
#include "exporters/registry.h"
#include "exporters/signal_manifest.h"
#include "pack/pack.h"
#include "pack_fixture.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using nlohmann::json;
using sf::exporters::build_pack;
using sf::exporters::BuildOptions;

namespace {

const sf::Bytes kSignalKey(32, 0x42);

json read_json(const fs::path& file) { return json::parse(sf::read_text_file(file)); }

// Every file report.json lists exists with the size it says, meets its byte
// limit and, for images, is what an independent decoder says it is.
void validate_report(const fs::path& out, const json& report) {
  REQUIRE(report == read_json(out / "report.json"));
  std::set<std::string> listed;
  for (const json& file : report["files"]) {
    std::string path = file["path"];
    INFO(path);
    listed.insert(path);
    REQUIRE(fs::is_regular_file(out / path));
    CHECK(fs::file_size(out / path) == file["bytes"].get<std::uint64_t>());
    if (!file["limit_bytes"].is_null()) CHECK(file["bytes"] <= file["limit_bytes"]);
    if (!file.contains("pixels")) continue;
    sf::test::Identified id = sf::test::identify(out / path);
    std::string format = file["format"];
    CHECK(id.format == (format == "png" ? "PNG" : format == "webp" ? "WEBP" : "GIF"));
    CHECK(id.width == file["pixels"]["width"]);
    CHECK(id.height == file["pixels"]["height"]);
    if (format == "webp") CHECK(sf::test::webpinfo_ok(out / path));
    CHECK(file["ssim"].get<double>() > 0.9);
    CHECK(file.contains("settings"));
    CHECK(file.contains("limit"));
  }
  // Nothing on disk that the report does not list, except the secrets and
  // install.json (the operator completes it; install_skeleton_test.cpp).
  for (const auto& [path, content] : sf::test::read_tree(out)) {
    if (path == "report.json" || path.rfind("secrets/", 0) == 0) continue;
    if (path == "install.json") {
      CHECK(json::parse(content)["platforms"].is_object());
      continue;
    }
    INFO(path);
    CHECK(listed.count(path) == 1);
  }
}

// The size of every image of `role` under `platform`, as listed.
std::set<std::pair<int, int>> sizes(const json& report, const std::string& platform,
                                    const std::string& role) {
  std::set<std::pair<int, int>> out;
  for (const json& file : report["files"])
    if (file["platform"] == platform && file["role"] == role)
      out.insert({file["pixels"]["width"].get<int>(), file["pixels"]["height"].get<int>()});
  return out;
}

int count_role(const json& report, const std::string& platform, const std::string& role) {
  int n = 0;
  for (const json& file : report["files"])
    n += file["platform"] == platform && file["role"] == role;
  return n;
}

void validate_platforms(const fs::path& out, const json& report, int stickers) {
  // Telegram: 512 stickers, 100x100 thumbnail, Bot API set.json.
  CHECK(sizes(report, "telegram", "sticker") == std::set<std::pair<int, int>>{{512, 512}});
  CHECK(sizes(report, "telegram", "thumbnail") == std::set<std::pair<int, int>>{{100, 100}});
  json set = read_json(out / "telegram/set.json");
  CHECK(set["name"] == "test_pack_by_forge_bot");
  CHECK(set["add_link"] == "https://t.me/addstickers/test_pack_by_forge_bot");
  CHECK(set["stickers"].size() == static_cast<std::size_t>(std::min(stickers, 50)));
  for (const json& s : set["stickers"]) {
    CHECK(s["format"] == "static");
    CHECK(s["emoji_list"].size() == 1);
    std::string attach = s["sticker"].get<std::string>().substr(9);
    CHECK(fs::exists(out / "telegram" / set["attachments"][attach].get<std::string>()));
  }

  // WhatsApp: the sample app's contents.json, every file it names, .wastickers.
  json contents = read_json(out / "whatsapp/assets/contents.json");
  int listed = 0;
  for (const json& pack : contents["sticker_packs"]) {
    std::string id = pack["identifier"];
    fs::path folder = out / "whatsapp/assets" / id;
    CHECK(sf::test::identify(folder / pack["tray_image_file"].get<std::string>()).width == 96);
    CHECK(pack["stickers"].size() >= 3);
    CHECK(pack["stickers"].size() <= 30);
    std::vector<std::string> expected = {"author.txt", "title.txt", "tray.png"};
    for (const json& s : pack["stickers"]) {
      CHECK(fs::exists(folder / s["image_file"].get<std::string>()));
      CHECK(s["emojis"].size() == 1);
      expected.push_back(s["image_file"]);
      ++listed;
    }
    std::sort(expected.begin(), expected.end());
    CHECK(sf::test::unzip_list(out / "whatsapp" / (id + ".wastickers")) == expected);
    // Images are stored as they are (deflating WEBP/PNG again only costs
    // time); the text files are deflated.
    auto methods = sf::test::zip_methods(out / "whatsapp" / (id + ".wastickers"));
    CHECK(methods.size() == expected.size());
    for (const auto& [name, method] : methods) {
      INFO(name);
      CHECK(method == (name.ends_with(".txt") ? std::string("Defl:X") : std::string("Stored")));
    }
  }
  CHECK(listed == stickers);

  // Signal: manifest fields; blobs decrypt and verify back to the plaintext files.
  auto manifest =
      sf::exporters::signal::decode_manifest(sf::read_file(out / "signal/manifest.proto"));
  CHECK(manifest.title == "Test Pack");
  CHECK(manifest.author == "Stickerforge Tests");
  REQUIRE(manifest.stickers.size() == static_cast<std::size_t>(stickers));
  CHECK(manifest.stickers[1].id == 1);
  CHECK(manifest.stickers[1].emoji == "👋");
  REQUIRE(manifest.cover);
  CHECK(manifest.cover->id ==
        static_cast<std::uint32_t>(stickers));  // the tray, uploaded as image n
  auto keys = sf::exporters::signal::derive_keys(kSignalKey);
  CHECK(sf::exporters::signal::decrypt_blob(keys, sf::read_file(out / "signal/upload/manifest")) ==
        sf::read_file(out / "signal/manifest.proto"));
  CHECK(sf::exporters::signal::decrypt_blob(keys, sf::read_file(out / "signal/upload/full/0")) ==
        sf::read_file(out / "signal/stickers/01.webp"));
  CHECK(sf::exporters::signal::decrypt_blob(
            keys, sf::read_file(out / ("signal/upload/full/" + std::to_string(stickers)))) ==
        sf::read_file(out / "signal/cover.webp"));
  fs::path key_file = out / "secrets/signal_pack_key.txt";
  REQUIRE(fs::exists(key_file));
  CHECK((fs::status(key_file).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(sf::read_text_file(key_file).find(std::string(64, '4') + "2") == std::string::npos);
  CHECK(sf::read_text_file(key_file).find(sf::exporters::signal::to_hex(kSignalKey)) !=
        std::string::npos);
  CHECK(report.dump().find(sf::exporters::signal::to_hex(kSignalKey)) == std::string::npos);

  // iMessage: regular grid = 408 px, every sticker folder referenced, 13 icons.
  CHECK(sizes(report, "imessage", "sticker") == std::set<std::pair<int, int>>{{408, 408}});
  json stickerpack =
      read_json(out / "imessage/Stickers.xcstickers/Sticker Pack.stickerpack/Contents.json");
  CHECK(stickerpack["properties"]["grid-size"] == "regular");
  CHECK(stickerpack["stickers"].size() == static_cast<std::size_t>(stickers));
  for (const json& s : stickerpack["stickers"]) {
    fs::path dir = out / "imessage/Stickers.xcstickers/Sticker Pack.stickerpack" /
                   s["filename"].get<std::string>();
    json sticker = read_json(dir / "Contents.json");
    CHECK(fs::exists(dir / sticker["properties"]["filename"].get<std::string>()));
  }
  json icons = read_json(
      out / "imessage/Stickers.xcstickers/iMessage App Icon.stickersiconset/Contents.json");
  CHECK(icons["images"].size() == 13);
  CHECK(sizes(report, "imessage", "icon").count({1024, 768}) == 1);
  CHECK(sizes(report, "imessage", "icon").count({120, 90}) == 1);

  // LINE: stickers within 370x320 with even sides, main 240, tab 96x74, the zip.
  for (auto [w, h] : sizes(report, "line", "sticker")) {
    CHECK(w <= 370);
    CHECK(h <= 320);
    CHECK(w % 2 == 0);
    CHECK(h % 2 == 0);
  }
  CHECK(sizes(report, "line", "main") == std::set<std::pair<int, int>>{{240, 240}});
  CHECK(sizes(report, "line", "tab") == std::set<std::pair<int, int>>{{96, 74}});
  auto line_zip = sf::test::unzip_list(out / "line/upload.zip");
  CHECK(line_zip.size() == static_cast<std::size_t>(stickers) + 2);
  CHECK(line_zip.front() == "01.png");
  CHECK(std::count(line_zip.begin(), line_zip.end(), "main.png") == 1);

  // Discord, Viber, Kik, WeChat.
  CHECK(sizes(report, "discord", "sticker") == std::set<std::pair<int, int>>{{320, 320}});
  CHECK(read_json(out / "discord/stickers.json")["stickers"].size() ==
        static_cast<std::size_t>(stickers));
  CHECK(sizes(report, "viber", "sticker") == std::set<std::pair<int, int>>{{490, 490}});
  CHECK(sizes(report, "kik", "sticker") == std::set<std::pair<int, int>>{{512, 512}});
  CHECK(sizes(report, "wechat", "sticker") == std::set<std::pair<int, int>>{{240, 240}});
  CHECK(sizes(report, "wechat", "thumbnail") == std::set<std::pair<int, int>>{{120, 120}});
  CHECK(sizes(report, "wechat", "banner") == std::set<std::pair<int, int>>{{750, 400}});
  CHECK(sizes(report, "wechat", "icon") == std::set<std::pair<int, int>>{{50, 50}});
  CHECK(count_role(report, "wechat", "cover") == 1);

  // Our own checker agrees with every bundle.
  for (const auto* exporter : sf::exporters::all_exporters()) {
    std::string id(exporter->spec().id);
    INFO(id);
    auto problems = sf::exporters::check_bundle(out, id);
    for (const auto& p : problems) UNSCOPED_INFO(p.to_string());
    CHECK(problems.empty());
  }
}

}  // namespace

TEST_CASE("build writes a valid bundle for every platform and the same bytes twice",
          "[exporters]") {
  sf::test::TempDir dir;
  auto pack = sf::pack::load_pack(sf::test::make_pack(dir.path(), 8));
  BuildOptions options;
  options.out_dir = dir / "out";
  options.signal_key = kSignalKey;
  options.jobs = 2;
  int calls = 0, last_total = 0;
  options.progress = [&](int done, int total) {
    ++calls;
    last_total = total;
    CHECK(done <= total);
  };
  auto result = build_pack(pack, options);
  CHECK(calls == last_total);
  CHECK(result.report["platforms"].size() == 9);
  validate_report(dir / "out", result.report);
  validate_platforms(dir / "out", result.report, 8);
  CHECK(result.report["secrets"] == json::array({"secrets/signal_pack_key.txt"}));

  // Reproducible: the same input and key give the same bytes, file by file;
  // a second build replaces the first in place.
  auto first = sf::test::read_tree(dir / "out");
  options.out_dir = dir / "again";
  options.jobs = 1;
  options.progress = nullptr;
  build_pack(pack, options);
  auto second = sf::test::read_tree(dir / "again");
  REQUIRE(first.size() == second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    INFO(first[i].first);
    CHECK(first[i].first == second[i].first);
    CHECK(first[i].second == second[i].second);
  }
  build_pack(pack, options);
  CHECK(sf::test::read_tree(dir / "again") == second);
  for (const auto& entry : fs::directory_iterator(dir.path()))
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("without --signal-key each build draws a fresh pack key", "[exporters]") {
  sf::test::TempDir dir;
  auto pack = sf::pack::load_pack(
      sf::test::make_pack(dir.path(), 1, {{"platforms", {"signal"}}, {"tray", nullptr}}));
  BuildOptions options;
  options.out_dir = dir / "a";
  build_pack(pack, options);
  options.out_dir = dir / "b";
  build_pack(pack, options);
  auto key_a = sf::read_text_file(dir / "a/secrets/signal_pack_key.txt");
  auto key_b = sf::read_text_file(dir / "b/secrets/signal_pack_key.txt");
  CHECK(key_a != key_b);
  CHECK(sf::read_file(dir / "a/signal/manifest.proto") ==
        sf::read_file(dir / "b/signal/manifest.proto"));
  // No tray: the cover is sticker 0 and no extra image is uploaded.
  auto manifest =
      sf::exporters::signal::decode_manifest(sf::read_file(dir / "a/signal/manifest.proto"));
  REQUIRE(manifest.cover);
  CHECK(manifest.cover->id == 0);
  CHECK_FALSE(fs::exists(dir / "a/signal/upload/full/1"));
  CHECK_FALSE(fs::exists(dir / "a/signal/cover.webp"));
}

TEST_CASE("the imessage grid size in pack.json sets the sticker size", "[exporters]") {
  sf::test::TempDir dir;
  auto pack = sf::pack::load_pack(sf::test::make_pack(
      dir.path(), 1, {{"platforms", {"imessage"}}, {"imessage_grid", "small"}}));
  BuildOptions options;
  options.out_dir = dir / "out";
  auto result = build_pack(pack, options);
  CHECK(sizes(result.report, "imessage", "sticker") == std::set<std::pair<int, int>>{{300, 300}});
  CHECK(read_json(dir / "out/imessage/Stickers.xcstickers/Sticker Pack.stickerpack/Contents.json")
            ["properties"]["grid-size"] == "small");
}
