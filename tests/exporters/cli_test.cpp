#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/files.h"
#include "support/cli_run.h"
#include "pack_fixture.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using Catch::Contains;

namespace {

using Run = sf::test::CliRun;
const auto run = &sf::test::run_stickerforge;

}  // namespace

TEST_CASE("build --json prints the report and writes it to DIR", "[exporters][cli]") {
  sf::test::TempDir dir;
  auto pack = sf::test::make_pack(dir.path(), 3);
  Run r = run({"build", pack.string(), "--out", (dir / "out").string(), "--platform", "discord,kik",
               "--json", "--jobs", "2"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto report = nlohmann::json::parse(r.out);
  CHECK(report["platforms"] == nlohmann::json::array({"discord", "kik"}));
  CHECK(report == nlohmann::json::parse(sf::read_text_file(dir / "out/report.json")));
  CHECK(r.err.empty());  // quiet when not on a terminal
  CHECK_FALSE(fs::exists(dir / "out/telegram"));

  Run plain = run({"build", pack.string(), "--out", (dir / "out").string(), "--platform", "kik"});
  CHECK(plain.status == 0);
  CHECK_THAT(plain.out, Contains("kik/: 4 files"));  // 3 stickers + pack.json
}

TEST_CASE("build reports bad input with exit code 2 and writes nothing", "[exporters][cli]") {
  sf::test::TempDir dir;
  auto pack = sf::test::make_pack(dir.path(), 3);
  std::string out = (dir / "out").string();

  Run unknown = run({"build", pack.string(), "--out", out, "--platform", "whatsap"});
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.err,
             Contains("stickerforge: error: unknown platform 'whatsap'; did you mean 'whatsapp'?"));

  Run missing = run({"build", (dir / "nope.json").string(), "--out", out});
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Contains("nope.json: file not found"));

  sf::test::write_file(dir / "art/02.svg", "");
  Run empty = run({"build", pack.string(), "--out", out, "--platform", "kik"});
  CHECK(empty.status == 2);
  CHECK_THAT(empty.err, Contains("02.svg"));

  fs::remove(dir / "art/03.svg");
  Run gone = run({"build", pack.string(), "--out", out});
  CHECK(gone.status == 2);
  CHECK_THAT(gone.err, Contains("file 'art/03.svg' not found"));

  Run no_out = run({"build", pack.string()});
  CHECK(no_out.status == 2);
  CHECK_THAT(no_out.err, Contains("expected --out DIR"));
  Run jobs = run({"build", pack.string(), "--out", out, "--jobs", "-1"});
  CHECK(jobs.status == 2);
  CHECK_THAT(jobs.err, Contains("--jobs is -1"));
  Run key = run({"build", pack.string(), "--out", out, "--signal-key", "zz"});
  CHECK(key.status == 2);
  CHECK_THAT(key.err, Contains("--signal-key contains z"));
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("preview draws a contact sheet PNG", "[exporters][cli]") {
  sf::test::TempDir dir;
  auto pack = sf::test::make_pack(dir.path(), 3);
  Run r = run({"preview", pack.string(), "--out", (dir / "sheet.png").string(), "--tile", "64"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto id = sf::test::identify(dir / "sheet.png");
  CHECK(id.format == "PNG");
  CHECK(id.width >= 64 * 3);
  CHECK(id.height >= 64 * 2);  // light and dark backgrounds
  CHECK_THAT(r.out, Contains("tray and 3 stickers"));
  Run bad = run({"preview", pack.string(), "--out", (dir / "x.png").string(), "--tile", "5"});
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Contains("--tile is 5; expected 32 to 1024"));
}

TEST_CASE("preview writes the format its file name asks for", "[exporters][cli]") {
  sf::test::TempDir dir;
  auto pack = sf::test::make_pack(dir.path(), 2);
  Run jpg = run({"preview", pack.string(), "--out", (dir / "sheet.jpg").string(), "--tile", "64"});
  INFO(jpg.err);
  REQUIRE(jpg.status == 0);
  CHECK(sf::test::identify(dir / "sheet.jpg").format == "JPEG");
  Run webp = run({"preview", pack.string(), "--out", (dir / "sheet.webp").string(), "--tile", "64"});
  REQUIRE(webp.status == 0);
  CHECK(sf::test::identify(dir / "sheet.webp").format == "WEBP");
  Run gif = run({"preview", pack.string(), "--out", (dir / "sheet.gif").string(), "--tile", "64"});
  CHECK(gif.status == 2);
  CHECK_THAT(gif.err, Contains("ends in '.gif'; expected .png, .jpg, .jpeg or .webp"));
  CHECK_FALSE(std::filesystem::exists(dir / "sheet.gif"));
}
