// SQLite specifics behind the contract: checkpoints happen off the commit
// path (on their own thread) but do happen, so the WAL does not grow forever.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "ledger/ledger.h"
#include "support/temp_dir.h"

TEST_CASE("committed redemptions reach the database file while the ledger stays open",
          "[ledger][sqlite]") {
  sf::test::TempDir dir;
  const auto path = dir / "ledger.db";
  auto ledger = sf::ledger::open_ledger("sqlite:" + path.string());
  const auto empty_size = std::filesystem::file_size(path);

  // Enough single-row commits to pass the 1,000-page checkpoint threshold.
  for (int serial = 0; serial < 600; ++serial) {
    sf::ledger::RedeemRequest r;
    r.code_key = "1/3/" + std::to_string(serial * 7919 % 100003);
    r.campaign_id = "checkpoint";
    r.idempotency_key = std::to_string(serial) + "-key";
    r.request_fingerprint = r.code_key;
    r.now_unix_ms = 1795950000000 + serial;
    REQUIRE(ledger->redeem(r).status == sf::ledger::RedeemStatus::redeemed);
  }
  // The checkpointer runs asynchronously; give it time on a busy machine.
  auto size = std::filesystem::file_size(path);
  for (int wait = 0; wait < 300 && size <= empty_size; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    size = std::filesystem::file_size(path);
  }
  INFO("database file " << empty_size << " -> " << size << " bytes");
  CHECK(size > empty_size);
  CHECK(ledger->find("1/3/0").has_value());
}
