// The ledger contract: the same cases run against SQLite and PostgreSQL.
#include <algorithm>
#include <latch>
#include <set>
#include <thread>
#include <vector>

#include "base/error.h"
#include "ledger/backends.h"

using sf::ledger::Attempt;
using sf::ledger::Ledger;
using sf::ledger::RedeemOutcome;
using sf::ledger::RedeemRequest;
using sf::ledger::RedeemStatus;
using sf::test::PostgresBackend;
using sf::test::SqliteBackend;

namespace {

constexpr std::int64_t kNow = 1795950000000;  // 2026-11-29T11:00:00Z
constexpr std::int64_t kDayMs = 86400000;

RedeemRequest request(const std::string& code_key, const std::string& store = "store-1",
                      std::int64_t now = kNow) {
  RedeemRequest r;
  r.code_key = code_key;
  r.campaign_id = "spring";
  r.pack_id = "acme_hearts";
  r.trigger = "purchase";
  r.store = store;
  r.client = "198.51.100.7";
  r.now_unix_ms = now;
  return r;
}

// Runs `count` threads that all start redeeming at the same moment.
std::vector<RedeemOutcome> race(Ledger& ledger, int count,
                                const std::function<RedeemRequest(int)>& make) {
  std::vector<RedeemOutcome> outcomes(static_cast<std::size_t>(count));
  std::vector<std::string> errors(static_cast<std::size_t>(count));
  std::latch start(count);
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      const RedeemRequest r = make(i);
      start.arrive_and_wait();
      try {
        outcomes[static_cast<std::size_t>(i)] = ledger.redeem(r);
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(i)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& e : errors) REQUIRE(e.empty());
  return outcomes;
}

int count_status(const std::vector<RedeemOutcome>& outcomes, RedeemStatus status) {
  return static_cast<int>(std::count_if(outcomes.begin(), outcomes.end(),
                                        [&](const auto& o) { return o.status == status; }));
}

}  // namespace

TEMPLATE_TEST_CASE("a code is redeemed once, then reported as already redeemed with when and where",
                   "[ledger]", SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  REQUIRE(ledger->ready());
  REQUIRE_FALSE(ledger->find("1/42/7").has_value());

  auto first = ledger->redeem(request("1/42/7", "store-1", kNow));
  CHECK(first.status == RedeemStatus::redeemed);
  CHECK_FALSE(first.replayed);
  CHECK(first.redemption.use_number == 1);
  CHECK(first.redemption.store == "store-1");

  auto second = ledger->redeem(request("1/42/7", "store-2", kNow + 5000));
  CHECK(second.status == RedeemStatus::already_redeemed);
  CHECK(second.redemption.store == "store-1");
  CHECK(second.redemption.at_unix_ms == kNow);
  CHECK(second.redemption.pack_id == "acme_hearts");

  auto found = ledger->find("1/42/7");
  REQUIRE(found.has_value());
  CHECK(found->use_number == 1);
  CHECK(found->campaign_id == "spring");
  CHECK(found->trigger == "purchase");
  CHECK(found->at_unix_ms == kNow);
  CHECK(ledger->redeem(request("1/42/8")).status == RedeemStatus::redeemed);
}

TEMPLATE_TEST_CASE("64 threads racing on one code: exactly one redeems it", "[ledger]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto outcomes = race(*ledger, 64, [](int i) {
    auto r = request("1/42/99", "store-" + std::to_string(i));
    r.idempotency_key = "key-" + std::to_string(i);
    r.request_fingerprint = "fp-" + std::to_string(i);
    return r;
  });
  REQUIRE(count_status(outcomes, RedeemStatus::redeemed) == 1);
  REQUIRE(count_status(outcomes, RedeemStatus::already_redeemed) == 63);
  const auto winner = std::find_if(outcomes.begin(), outcomes.end(), [](const auto& o) {
    return o.status == RedeemStatus::redeemed;
  });
  for (const auto& o : outcomes) CHECK(o.redemption.store == winner->redemption.store);
  CHECK(ledger->find("1/42/99")->use_number == 1);
}

TEMPLATE_TEST_CASE("a code with 3 uses is redeemed exactly 3 times by 64 racing threads",
                   "[ledger]", SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto outcomes = race(*ledger, 64, [](int i) {
    auto r = request("1/42/300", "store-" + std::to_string(i));
    r.uses_allowed = 3;
    return r;
  });
  REQUIRE(count_status(outcomes, RedeemStatus::redeemed) == 3);
  REQUIRE(count_status(outcomes, RedeemStatus::already_redeemed) == 61);
  std::set<int> uses;
  for (const auto& o : outcomes) {
    if (o.status == RedeemStatus::redeemed) uses.insert(o.redemption.use_number);
  }
  CHECK(uses == std::set<int>{1, 2, 3});
  CHECK(ledger->find("1/42/300")->use_number == 3);
}

TEMPLATE_TEST_CASE("an idempotent retry gets the first answer, even for a refusal", "[ledger]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto r = request("1/42/11", "store-1", kNow);
  r.idempotency_key = "9b2f0a52-retry";
  r.request_fingerprint = "code=1/42/11";
  auto first = ledger->redeem(r);
  REQUIRE(first.status == RedeemStatus::redeemed);
  REQUIRE_FALSE(first.replayed);

  SECTION("a retry of the success replays it, with the original time") {
    auto retry = r;
    retry.now_unix_ms = kNow + 60000;
    auto again = ledger->redeem(retry);
    CHECK(again.status == RedeemStatus::redeemed);
    CHECK(again.replayed);
    CHECK(again.redemption.at_unix_ms == kNow);
    CHECK(again.redemption.use_number == 1);
    CHECK(ledger->find("1/42/11")->use_number == 1);
  }
  SECTION("a retry of a refusal replays the refusal") {
    auto other = request("1/42/11", "store-2", kNow + 1000);
    other.idempotency_key = "second-key";
    other.request_fingerprint = "code=1/42/11";
    REQUIRE(ledger->redeem(other).status == RedeemStatus::already_redeemed);
    auto again = ledger->redeem(other);
    CHECK(again.status == RedeemStatus::already_redeemed);
    CHECK(again.replayed);
    CHECK(again.redemption.store == "store-1");
  }
  SECTION("the same key from another store is a different request") {
    auto other = r;
    other.store = "store-2";
    auto answer = ledger->redeem(other);
    CHECK(answer.status == RedeemStatus::already_redeemed);
    CHECK_FALSE(answer.replayed);
  }
  SECTION("16 concurrent retries of a new key: one redemption, 15 replays of it") {
    auto outcomes = race(*ledger, 16, [](int) {
      auto c = request("1/42/12", "store-1", kNow);
      c.idempotency_key = "burst";
      c.request_fingerprint = "code=1/42/12";
      return c;
    });
    CHECK(count_status(outcomes, RedeemStatus::redeemed) == 16);
    CHECK(std::count_if(outcomes.begin(), outcomes.end(),
                        [](const auto& o) { return o.replayed; }) == 15);
    CHECK(ledger->find("1/42/12")->use_number == 1);
  }
}

TEMPLATE_TEST_CASE("the same idempotency key with a different request is a conflict",
                   "[ledger]", SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto r = request("1/42/20");
  r.idempotency_key = "reused";
  r.request_fingerprint = "code=1/42/20";
  REQUIRE(ledger->redeem(r).status == RedeemStatus::redeemed);

  auto other = request("1/42/21");
  other.idempotency_key = "reused";
  other.request_fingerprint = "code=1/42/21";
  auto answer = ledger->redeem(other);
  CHECK(answer.status == RedeemStatus::idempotency_conflict);
  CHECK_FALSE(answer.replayed);
  CHECK(answer.redemption.code_key.empty());
  CHECK_FALSE(ledger->find("1/42/21").has_value());
  ledger->flush();
  auto audit = ledger->attempts_for("1/42/21");
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].outcome == "idempotency_conflict");
}

TEMPLATE_TEST_CASE("a campaign cap stops redemptions and writes nothing past it", "[ledger]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());

  SECTION("one after another") {
    std::vector<RedeemStatus> statuses;
    for (int serial = 0; serial < 8; ++serial) {
      auto r = request("1/7/" + std::to_string(serial));
      r.campaign_id = "capped";
      r.campaign_cap = 5;
      statuses.push_back(ledger->redeem(r).status);
    }
    CHECK(std::count(statuses.begin(), statuses.end(), RedeemStatus::redeemed) == 5);
    CHECK(statuses[5] == RedeemStatus::cap_reached);
    CHECK_FALSE(ledger->find("1/7/6").has_value());
    // The refused code is still unused: raising the cap lets it through.
    auto later = request("1/7/6");
    later.campaign_id = "capped";
    later.campaign_cap = 6;
    CHECK(ledger->redeem(later).status == RedeemStatus::redeemed);
  }
  SECTION("32 racing threads with distinct codes and a cap of 10") {
    auto outcomes = race(*ledger, 32, [](int i) {
      auto r = request("1/8/" + std::to_string(i));
      r.campaign_id = "rush";
      r.campaign_cap = 10;
      return r;
    });
    CHECK(count_status(outcomes, RedeemStatus::redeemed) == 10);
    CHECK(count_status(outcomes, RedeemStatus::cap_reached) == 22);
    int found = 0;
    for (int i = 0; i < 32; ++i) found += ledger->find("1/8/" + std::to_string(i)) ? 1 : 0;
    CHECK(found == 10);
  }
  SECTION("a cap set after earlier redemptions counts them") {
    for (int serial = 0; serial < 4; ++serial) {
      auto r = request("1/9/" + std::to_string(serial));
      r.campaign_id = "late-cap";
      REQUIRE(ledger->redeem(r).status == RedeemStatus::redeemed);
    }
    auto r = request("1/9/4");
    r.campaign_id = "late-cap";
    r.campaign_cap = 4;
    CHECK(ledger->redeem(r).status == RedeemStatus::cap_reached);
  }
}

TEMPLATE_TEST_CASE("every attempt lands in the audit table and in the report", "[ledger]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  ledger->redeem(request("1/42/30", "store-1", kNow));
  ledger->redeem(request("1/42/30", "store-1", kNow + 1));
  ledger->record_attempt(Attempt{"1/42/30", "spring", "purchase", "store-1", "198.51.100.9",
                                 "revoked", kNow + 2});
  ledger->record_attempt(Attempt{"", "", "", "", "203.0.113.5", "mistyped", kNow + 3});
  ledger->redeem(request("1/42/31", "store-2", kNow + kDayMs));
  ledger->flush();

  auto audit = ledger->attempts_for("1/42/30");
  REQUIRE(audit.size() == 3);
  CHECK(audit[0].outcome == "redeemed");
  CHECK(audit[0].client == "198.51.100.7");
  CHECK(audit[1].outcome == "already_redeemed");
  CHECK(audit[2].outcome == "revoked");
  CHECK(audit[2].at_unix_ms == kNow + 2);
  REQUIRE(ledger->attempts_for("").size() == 1);

  auto rows = ledger->report();
  REQUIRE(rows.size() == 3);
  // Sorted by campaign, trigger, store, day: the unparsed attempt ("") first.
  CHECK(rows[0].campaign_id == "");
  CHECK(rows[0].attempts == 1);
  CHECK(rows[0].failed_attempts == 1);
  CHECK(rows[0].redeemed == 0);
  CHECK(rows[1].campaign_id == "spring");
  CHECK(rows[1].trigger == "purchase");
  CHECK(rows[1].store == "store-1");
  CHECK(rows[1].day == "2026-11-29");
  CHECK(rows[1].redeemed == 1);
  CHECK(rows[1].codes_redeemed == 1);  // its first use was that day
  CHECK(rows[1].attempts == 3);
  CHECK(rows[1].failed_attempts == 2);
  CHECK(rows[2].store == "store-2");
  CHECK(rows[2].day == "2026-11-30");
  CHECK(rows[2].redeemed == 1);
}

TEMPLATE_TEST_CASE("redemptions survive closing and reopening the ledger", "[ledger]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  {
    auto ledger = sf::ledger::open_ledger(backend.url());
    auto r = request("1/42/40");
    r.idempotency_key = "k40";
    r.request_fingerprint = "code=1/42/40";
    REQUIRE(ledger->redeem(r).status == RedeemStatus::redeemed);
    // Queued audit rows are committed by the destructor, not lost.
    ledger->record_attempt(Attempt{"1/42/40", "spring", "purchase", "", "x", "expired", kNow});
  }
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto found = ledger->find("1/42/40");
  REQUIRE(found.has_value());
  CHECK(found->store == "store-1");
  CHECK(ledger->redeem(request("1/42/40", "store-9")).status == RedeemStatus::already_redeemed);
  auto r = request("1/42/40");
  r.idempotency_key = "k40";
  r.request_fingerprint = "code=1/42/40";
  auto replay = ledger->redeem(r);
  CHECK(replay.status == RedeemStatus::redeemed);
  CHECK(replay.replayed);
  CHECK(ledger->attempts_for("1/42/40").size() == 4);
}

TEMPLATE_TEST_CASE("idempotency records older than the cut-off are pruned", "[ledger]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto r = request("1/42/50", "store-1", kNow);
  r.idempotency_key = "old";
  r.request_fingerprint = "a";
  REQUIRE(ledger->redeem(r).status == RedeemStatus::redeemed);
  CHECK(ledger->prune_idempotency(kNow - 1) == 0);
  CHECK(ledger->prune_idempotency(kNow + 1) == 1);
  // The key is free again, but the code stays used.
  r.request_fingerprint = "b";
  auto answer = ledger->redeem(r);
  CHECK(answer.status == RedeemStatus::already_redeemed);
  CHECK_FALSE(answer.replayed);
}

TEMPLATE_TEST_CASE("a malformed redeem request is refused with its field named", "[ledger]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  REQUIRE_THROWS_WITH(ledger->redeem(request("")), Catch::Contains("code key is empty"));
  auto r = request("1/42/60");
  r.uses_allowed = 0;
  REQUIRE_THROWS_WITH(ledger->redeem(r),
                      Catch::Contains("uses allowed is 0; expected 1 or more"));
  r = request("1/42/60");
  r.idempotency_key = std::string(300, 'k');
  REQUIRE_THROWS_WITH(ledger->redeem(r),
                      Catch::Contains("idempotency key is 300 bytes; expected at most 255"));
  CHECK_FALSE(ledger->find("1/42/60").has_value());
}

TEST_CASE("a statement failing inside a PostgreSQL redemption commits none of it",
          "[ledger][postgres]") {
  PostgresBackend backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  REQUIRE(ledger->redeem(request("1/42/70")).status == RedeemStatus::redeemed);
  // Without the audit table, the audit insert (pipelined with the COMMIT)
  // fails after the use row was written.
  auto dropped = sf::test::run_command("psql -q -v ON_ERROR_STOP=1 '" + backend.base_url +
                                       "' -c 'DROP TABLE " + backend.schema + ".sf_attempts'");
  REQUIRE(dropped.status == 0);
  auto r = request("1/42/71");
  r.idempotency_key = "k71";
  r.request_fingerprint = "code=1/42/71";
  REQUIRE_THROWS_WITH(ledger->redeem(r), Catch::Contains("sf_attempts"));
  CHECK_FALSE(ledger->find("1/42/71").has_value());
  // Reopening recreates the table; the failed request left no trace, so it
  // redeems normally, and the connection pool recovered.
  auto reopened = sf::ledger::open_ledger(backend.url());
  auto again = reopened->redeem(r);
  CHECK(again.status == RedeemStatus::redeemed);
  CHECK_FALSE(again.replayed);
  CHECK(ledger->redeem(request("1/42/72")).status == RedeemStatus::redeemed);
}
