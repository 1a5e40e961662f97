// Online issuance in the ledger: the same cases against SQLite and
// PostgreSQL (SF_TEST_PG_URL). One code per business event however many
// deliveries race; serials never handed out twice, also by two ledgers
// (two verifier instances) on one PostgreSQL database.
#include <latch>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "base/error.h"
#include "ledger/backends.h"

using sf::ledger::IssueOutcome;
using sf::ledger::IssueRequest;
using sf::ledger::IssueStatus;
using sf::ledger::Ledger;
using sf::ledger::RedeemRequest;
using sf::ledger::RedeemStatus;
using sf::ledger::RevokeRequest;
using sf::ledger::RevokeStatus;
using sf::test::PostgresBackend;
using sf::test::SqliteBackend;

namespace {

constexpr std::int64_t kNow = 1795950000000;  // 2026-11-29T11:00:00Z

IssueRequest issue(const std::string& event, const std::string& email_hash = "",
                   std::int64_t count = 1000) {
  IssueRequest r;
  r.campaign_id = "spring";
  r.source = "stripe";
  r.event_key = event;
  r.email_hash = email_hash;
  r.claim_key = "claim-" + event;
  // Two blocks: the second picks up where the first is used up.
  r.blocks = {{"1.abcd0123/42/", 5000, 2}, {"1.abcd0123/43/", 0, count - 2}};
  r.now_unix_ms = kNow;
  return r;
}

RedeemRequest redeem(const std::string& code_key) {
  RedeemRequest r;
  r.code_key = code_key;
  r.campaign_id = "spring";
  r.pack_id = "acme";
  r.trigger = "purchase";
  r.revocable = true;
  r.now_unix_ms = kNow + 1000;
  return r;
}

std::vector<IssueOutcome> race(Ledger& ledger, int count,
                               const std::function<IssueRequest(int)>& make) {
  std::vector<IssueOutcome> outcomes(static_cast<std::size_t>(count));
  std::vector<std::string> errors(static_cast<std::size_t>(count));
  std::latch start(count);
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i)
    threads.emplace_back([&, i] {
      const IssueRequest r = make(i);
      start.arrive_and_wait();
      try {
        outcomes[std::size_t(i)] = ledger.issue(r);
      } catch (const std::exception& e) {
        errors[std::size_t(i)] = e.what();
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& e : errors) REQUIRE(e.empty());
  return outcomes;
}

}  // namespace

TEMPLATE_TEST_CASE("an event gets one code; retries get the same one; serials run through the blocks",
                   "[ledger][issuance]", SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto first = ledger->issue(issue("cs_1"));
  REQUIRE(first.status == IssueStatus::issued);
  CHECK(first.issuance.serial_index == 0);
  CHECK(first.issuance.code_key == "1.abcd0123/42/5000");
  auto retry = ledger->issue(issue("cs_1"));
  CHECK(retry.status == IssueStatus::existing);
  CHECK(retry.issuance.code_key == "1.abcd0123/42/5000");
  CHECK(ledger->issue(issue("cs_2")).issuance.code_key == "1.abcd0123/42/5001");
  CHECK(ledger->issue(issue("cs_3")).issuance.code_key == "1.abcd0123/43/0");
  auto claimed = ledger->find_claim("spring", "stripe", "claim-cs_2");
  REQUIRE(claimed);
  CHECK(claimed->event_key == "cs_2");
  CHECK_FALSE(ledger->find_claim("spring", "stripe", "claim-cs_9"));
  CHECK_FALSE(ledger->find_claim("spring", "shopify", "claim-cs_2"));
}

TEMPLATE_TEST_CASE("64 deliveries of one event racing mint one code", "[ledger][issuance]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto outcomes = race(*ledger, 64, [](int) { return issue("order-777"); });
  std::set<std::string> keys;
  int issued = 0;
  for (const auto& o : outcomes) {
    keys.insert(o.issuance.code_key);
    issued += o.status == IssueStatus::issued;
  }
  CHECK(issued == 1);
  CHECK(keys.size() == 1);
  // The serials the losers took were given back: the next event gets index 1.
  CHECK(ledger->issue(issue("order-778")).issuance.serial_index == 1);
}

TEMPLATE_TEST_CASE("64 different events racing get 64 different serials, then the range is exhausted",
                   "[ledger][issuance]", SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto outcomes = race(*ledger, 64, [](int i) { return issue("e" + std::to_string(i), "", 64); });
  std::set<std::int64_t> serials;
  for (const auto& o : outcomes) {
    CHECK(o.status == IssueStatus::issued);
    serials.insert(o.issuance.serial_index);
  }
  CHECK(serials.size() == 64);
  CHECK(*serials.rbegin() == 63);
  auto over = ledger->issue(issue("e64", "", 64));
  CHECK(over.status == IssueStatus::exhausted);
  CHECK_FALSE(ledger->find_issuance("spring", "stripe", "e64"));
  // A campaign cap lower than the range is a limit too.
  auto capped = issue("cap-1");
  capped.campaign_id = "capped";
  capped.limit = 1;
  CHECK(ledger->issue(capped).status == IssueStatus::issued);
  capped.event_key = "cap-2";
  CHECK(ledger->issue(capped).status == IssueStatus::exhausted);
}

TEMPLATE_TEST_CASE("one per e-mail: the person's second event gets their first code",
                   "[ledger][issuance]", SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto a = issue("order-1", "hash-ada");
  a.one_per_email = true;
  auto first = ledger->issue(a);
  REQUIRE(first.status == IssueStatus::issued);
  a.event_key = "order-2";
  auto second = ledger->issue(a);
  CHECK(second.status == IssueStatus::same_person);
  CHECK(second.issuance.code_key == first.issuance.code_key);
  CHECK(ledger->issue(a).status == IssueStatus::existing);
  a.event_key = "order-3";
  a.email_hash = "hash-bob";
  CHECK(ledger->issue(a).issuance.serial_index == 1);
  // Refunding the second order does not take the person's code away.
  CHECK(ledger->revoke_issued(RevokeRequest{"spring", "stripe", "order-2", "refund", kNow}) ==
        RevokeStatus::shared);
}

TEMPLATE_TEST_CASE("a refund revokes an unused code; a used one is kept", "[ledger][issuance]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto ledger = sf::ledger::open_ledger(backend.url());
  auto unused = ledger->issue(issue("order-1")).issuance;
  auto used = ledger->issue(issue("order-2")).issuance;
  REQUIRE(ledger->redeem(redeem(used.code_key)).status == RedeemStatus::redeemed);

  CHECK(ledger->revoke_issued({"spring", "stripe", "order-1", "refund", kNow}) == RevokeStatus::revoked);
  CHECK(ledger->revoke_issued({"spring", "stripe", "order-1", "refund", kNow}) ==
        RevokeStatus::already_revoked);
  CHECK(ledger->revoke_issued({"spring", "stripe", "order-2", "refund", kNow}) ==
        RevokeStatus::already_redeemed);
  CHECK(ledger->revoke_issued({"spring", "stripe", "order-9", "refund", kNow}) ==
        RevokeStatus::not_found);
  CHECK(ledger->is_revoked(unused.code_key));
  CHECK_FALSE(ledger->is_revoked(used.code_key));
  CHECK(ledger->redeem(redeem(unused.code_key)).status == RedeemStatus::revoked);
  CHECK_FALSE(ledger->find(unused.code_key));
  // A retry of the paid event after the refund still names the (revoked) code.
  auto again = ledger->issue(issue("order-1"));
  CHECK(again.status == IssueStatus::existing);
  CHECK(again.issuance.revoked_ms > 0);

  auto rows = ledger->issuance_report();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].campaign_id == "spring");
  CHECK(rows[0].source == "stripe");
  CHECK(rows[0].day == "2026-11-29");
  CHECK(rows[0].issued == 2);
  CHECK(rows[0].revoked == 1);
  CHECK(rows[0].redeemed == 1);
}

TEST_CASE("two ledgers on one PostgreSQL (two verifier instances) never hand out a serial twice",
          "[ledger][issuance]") {
  PostgresBackend backend;
  if (!backend.available()) return;
  auto one = sf::ledger::open_ledger(backend.url());
  auto two = sf::ledger::open_ledger(backend.url());
  constexpr int kPerThread = 25, kThreads = 8;
  std::vector<std::vector<std::string>> keys(kThreads * 2);
  std::latch start(kThreads * 2);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads * 2; ++t)
    threads.emplace_back([&, t] {
      Ledger& ledger = t % 2 ? *one : *two;
      start.arrive_and_wait();
      for (int i = 0; i < kPerThread; ++i) {
        // Every event is sent to both instances, like a provider retrying
        // against a load balancer.
        const std::string event = "ev-" + std::to_string(t / 2) + "-" + std::to_string(i);
        keys[std::size_t(t)].push_back(ledger.issue(issue(event)).issuance.code_key);
      }
    });
  for (auto& t : threads) t.join();
  std::map<std::string, std::string> by_event;
  std::set<std::string> codes;
  for (int t = 0; t < kThreads * 2; ++t)
    for (int i = 0; i < kPerThread; ++i) {
      const std::string event = "ev-" + std::to_string(t / 2) + "-" + std::to_string(i);
      auto [it, fresh] = by_event.emplace(event, keys[std::size_t(t)][std::size_t(i)]);
      if (!fresh) CHECK(it->second == keys[std::size_t(t)][std::size_t(i)]);
      codes.insert(keys[std::size_t(t)][std::size_t(i)]);
    }
  CHECK(by_event.size() == kThreads * kPerThread);
  CHECK(codes.size() == kThreads * kPerThread);  // distinct events, distinct serials
}
