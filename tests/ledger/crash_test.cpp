// kill -9 of a process in the middle of redeeming: every redemption it had
// acknowledged is in the ledger afterwards, exactly once.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <sstream>

#include "ledger/backends.h"

using sf::test::PostgresBackend;
using sf::test::SqliteBackend;

namespace {

struct KilledRun {
  std::vector<std::string> acknowledged;
  std::string partial_line;
};

// Starts the child, lets it acknowledge at least `wanted` redemptions (or
// runs out of patience), then SIGKILLs it and collects what it printed.
KilledRun run_and_kill(const std::string& url, const std::string& prefix, std::size_t wanted) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::execl(SF_LEDGER_CRASH_CHILD, SF_LEDGER_CRASH_CHILD, url.c_str(), prefix.c_str(), "8",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  std::string text;
  std::size_t lines = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  char buffer[4096];
  while (lines < wanted && std::chrono::steady_clock::now() < deadline) {
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    lines += static_cast<std::size_t>(std::count(buffer, buffer + n, '\n'));
  }
  ::kill(pid, SIGKILL);
  // Whatever was written before the kill still counts as acknowledged.
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) {
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == SIGKILL);

  KilledRun run;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) run.acknowledged.push_back(line);
  if (!text.empty() && text.back() != '\n') {
    run.partial_line = run.acknowledged.back();
    run.acknowledged.pop_back();
  }
  return run;
}

}  // namespace

TEMPLATE_TEST_CASE("every redemption acknowledged before kill -9 is in the ledger once",
                   "[ledger][crash]", SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  std::set<std::string> all;
  // Three kills in a row on the same ledger: recovery after recovery.
  for (int round = 0; round < 3; ++round) {
    std::string prefix = "round";
    prefix += std::to_string(round);
    KilledRun run = run_and_kill(backend.url(), prefix, 400);
    INFO("round " << round << ": " << run.acknowledged.size() << " acknowledged");
    REQUIRE(run.acknowledged.size() >= 50);
    CHECK(run.partial_line.empty());
    auto ledger = sf::ledger::open_ledger(backend.url());
    for (const std::string& key : run.acknowledged) {
      REQUIRE(all.insert(key).second);
      auto found = ledger->find(key);
      INFO("code key " << key);
      REQUIRE(found.has_value());
      CHECK(found->use_number == 1);
      // Redeeming it again is refused: the row is there, once.
      sf::ledger::RedeemRequest again;
      again.code_key = key;
      again.campaign_id = "crash";
      again.now_unix_ms = 1;
      CHECK(ledger->redeem(again).status == sf::ledger::RedeemStatus::already_redeemed);
    }
  }
}
