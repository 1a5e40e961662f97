// A publish run killed (SIGKILL, by the Telegram test DOUBLE, right after it
// applied a call and before it answered) is finished by the next run without
// a duplicate or a change of order. Runs the real stickerforge executable.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <set>

#include "fake_bundle.h"
#include "support/temp_dir.h"
#include "telegram_double.h"

extern char** environ;
namespace fs = std::filesystem;

namespace {

std::atomic<pid_t> g_child{0};

// Runs `stickerforge publish ...`; returns the wait status.
int run_publish(const std::vector<std::string>& extra) {
  const char* binary_dir = std::getenv("SF_BINARY_DIR");
  REQUIRE(binary_dir != nullptr);
  std::string program = std::string(binary_dir) + "/src/cli/stickerforge";
  std::vector<std::string> args = {program, "publish"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ) == 0);
  g_child = pid;
  int status = 0;
  waitpid(pid, &status, 0);
  posix_spawn_file_actions_destroy(&actions);
  return status;
}

}  // namespace

TEST_CASE("a run killed after 37 uploads - then one killed right after Telegram took its 37th "
          "added sticker - are finished by a third run: the set is the build - no duplicate") {
  sf::test::TempDir dir;
  sf::test::TelegramDouble telegram("42:TOKEN", "double_bot");
  telegram.start_bot(31337);
  sf::test::FakeTelegramBuild build;
  build.stickers = sf::test::fake_stickers(120);
  fs::path out = dir / "out" / "pack";
  sf::test::write_telegram_build(out, build);
  fs::path token = sf::test::write_file(dir / "token", "42:TOKEN\n");
  std::vector<std::string> args = {out.string(), "--platform", "telegram", "--bot-token-file",
                                   token.string(), "--owner", "31337", "--api-url", telegram.url(),
                                   "--pace-ms", "0"};
  auto kill_child = [] { kill(g_child.load(), SIGKILL); };
  telegram.after_call("uploadStickerFile", 37, kill_child);
  telegram.after_call("addStickerToSet", 37, kill_child);

  int first = run_publish(args);
  CHECK(WIFSIGNALED(first));
  CHECK(telegram.sets().empty());
  int second = run_publish(args);
  CHECK(WIFSIGNALED(second));
  REQUIRE(telegram.sets().size() == 1);
  CHECK(telegram.sets().begin()->second.stickers.size() == 50 + 37);
  int third = run_publish(args);
  REQUIRE(WIFEXITED(third));
  CHECK(WEXITSTATUS(third) == 0);

  auto set = telegram.sets().begin()->second;
  REQUIRE(set.stickers.size() == 120);
  std::set<std::string> distinct;
  for (std::size_t i = 0; i < 120; ++i) {
    INFO("sticker " << i + 1);
    CHECK(set.stickers[i].bytes == sf::test::fake_file(build.stickers[i].format, build.stickers[i].payload));
    CHECK(set.stickers[i].emoji_list == build.stickers[i].emoji);
    distinct.insert(set.stickers[i].bytes);
  }
  CHECK(distinct.size() == 120);
  CHECK(telegram.calls("createNewStickerSet") == 1);
  CHECK(telegram.calls("addStickerToSet") == 70);  // the 37th, unanswered, was not sent again
  CHECK(telegram.calls("uploadStickerFile") <= 122);  // at most the two unanswered ones again
  std::ifstream in(out / "install.json");
  std::string install((std::istreambuf_iterator<char>(in)), {});
  CHECK(install.find("https://t.me/addstickers/" + set.name) != std::string::npos);
}
