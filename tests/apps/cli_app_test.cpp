#include <catch2/catch.hpp>
#include <sstream>

#include "apps/fake_build.h"
#include "apps/project_checks.h"
#include "cli/run_cli.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace sf;

namespace {

struct CliRun {
  int status;
  std::string out, err;
};

CliRun run(std::vector<std::string> args) {
  args.insert(args.begin(), {"stickerforge", "app"});
  std::ostringstream out, err;
  int status = cli::run_cli(args, out, err);
  return {status, out.str(), err.str()};
}

std::string demo() { return (test::source_dir() / "assets/demo/pack.json").string(); }

}  // namespace

TEST_CASE("stickerforge app builds the pack and writes a checked project", "[apps][cli]") {
  test::TempDir tmp;
  CliRun r = run({demo(), "--kind", "android-keyboard", "--out", (tmp / "kb").string(), "--bundle-id",
                  "com.example.fergie", "--verifier", "https://rewards.example.com"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("generated android-keyboard project"));
  test::ProjectReport report = test::check_project(tmp / "kb", apps::AppKind::android_keyboard, "com.example.fergie");
  INFO(test::describe(report));
  CHECK(report.problems.empty());
  // The temporary build is gone; only the project is left.
  for (const auto& entry : fs::directory_iterator(tmp.path())) CHECK(entry.path().filename() == "kb");
}

TEST_CASE("stickerforge app reuses a build with --from-build", "[apps][cli]") {
  test::TempDir tmp;
  test::write_fake_build(tmp / "build", {});
  CliRun r = run({demo(), "--kind", "whatsapp-android", "--out", (tmp / "wa").string(), "--bundle-id",
                  "com.example.fergie", "--from-build", (tmp / "build").string()});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(fs::exists(tmp / "wa/app/src/main/assets/fake_pack/03.webp"));
}

TEST_CASE("stickerforge app explains bad input and exits 2", "[apps][cli]") {
  test::TempDir tmp;
  std::string out = (tmp / "x").string();
  CliRun kind = run({demo(), "--kind", "andriod-keyboard", "--out", out, "--bundle-id", "com.example.a"});
  CHECK(kind.status == 2);
  CHECK_THAT(kind.err, Catch::Contains("stickerforge: error: unknown app kind 'andriod-keyboard'; did you mean "
                                       "'android-keyboard'?"));
  CliRun id = run({demo(), "--kind", "imessage", "--out", out, "--bundle-id", "stickers"});
  CHECK(id.status == 2);
  CHECK_THAT(id.err, Catch::Contains("bundle id 'stickers' is not valid for iOS"));
  CliRun missing = run({demo(), "--kind", "imessage", "--out", out});
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("no --bundle-id given"));
  CHECK_FALSE(fs::exists(out));
}
