// Limits that measure the right thing (issue 17): failures cost the
// attacker, not the disk; the good callers (a store re-checking its own
// redemption, the real store key at an address full of wrong ones) are not
// hurt; /readyz says when the ledger cannot write.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "verifier/fakes.h"
#include "verifier/routes.h"

using nlohmann::json;
using sf::test::get;
using sf::test::json_post;
using sf::test::kStoreKey;
using sf::test::TestService;
using sf::verifier::route;

namespace {

std::size_t lines_with(const std::vector<std::string>& lines, const std::string& text) {
  std::size_t n = 0;
  for (const auto& line : lines) n += line.find(text) != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("a store re-checking a code it redeemed itself is not a failure", "[verifier][limits]") {
  TestService t({10, 3, 1000, 60});
  REQUIRE(route(json_post("/v1/redemptions", R"({"code": "GOOD-0001"})", "", kStoreKey), *t.services)
              .status == 200);
  for (int i = 0; i < 20; ++i) {
    auto reply = route(get("/v1/codes/GOOD-0001", kStoreKey), *t.services);
    REQUIRE(reply.status == 200);
    CHECK(json::parse(reply.body)["status"] == "redeemed");
  }
  // Still welcome for real work: 20 checks did not spend its 3 failures.
  CHECK(route(json_post("/v1/redemptions", R"({"code": "GOOD-0002"})", "", kStoreKey), *t.services)
            .status == 200);
  CHECK(t.services->limiter.total_failures() == 0);
}

TEST_CASE("wrong store keys from an address do not lock out the real key there", "[verifier][limits]") {
  TestService t({3, 60, 1000, 60});
  for (int i = 0; i < 10; ++i) {
    auto reply = route(get("/v1/codes/GOOD-0003", "sk_wrongwrong_" + std::to_string(i)), *t.services);
    CHECK((reply.status == 401 || reply.status == 429));
  }
  // The guesser is limited now...
  auto limited = route(get("/v1/codes/GOOD-0003", "sk_wrongwrong_x"), *t.services);
  CHECK(limited.status == 429);
  CHECK(json::parse(limited.body)["error"] == "too_many_failed_attempts");
  // ...but the store's real key, from the same address, works.
  auto real = route(get("/v1/codes/GOOD-0003", kStoreKey), *t.services);
  CHECK(real.status == 200);
  CHECK(json::parse(real.body)["status"] == "redeemable");
  // Wrong keys never spend the global budget that pauses anonymous redemption.
  CHECK(t.services->limiter.total_failures() == 0);
}

TEST_CASE("idempotency conflicts count against the caller", "[verifier][limits]") {
  TestService t({2, 60, 1000, 60});
  REQUIRE(route(json_post("/v1/redemptions", R"({"code": "GOOD-0004"})", "same-key"), *t.services)
              .status == 200);
  for (int i = 0; i < 2; ++i) {
    auto reply = route(json_post("/v1/redemptions",
                                 R"({"code": "GOOD-000)" + std::to_string(5 + i) + R"("})", "same-key"),
                       *t.services);
    CHECK(reply.status == 409);
    CHECK(json::parse(reply.body)["error"] == "idempotency_key_reused");
  }
  auto after = route(json_post("/v1/redemptions", R"({"code": "GOOD-0008"})", "fresh"), *t.services);
  CHECK(after.status == 429);
}

TEST_CASE("malformed requests are limited per client before any write", "[verifier][limits]") {
  TestService t({5, 60, 1000, 60});
  for (int i = 0; i < 100; ++i) route(json_post("/v1/redemptions", "{not json"), *t.services);
  // Five were written (the client's window); the other 95 got 429 and cost nothing.
  CHECK(t.ledger.attempt_count() == 5);
  CHECK(lines_with(t.log_lines, "\"event\":\"bad_request\"") == 5);
  CHECK(t.services->metrics.outcome_count(sf::verifier::Outcome::bad_request) == 100);
  auto reply = route(json_post("/v1/redemptions", "{not json"), *t.services);
  CHECK(reply.status == 429);
  // Malformed input is no code guess: anonymous redemption stays on for others.
  CHECK(t.services->limiter.breaker_retry_after(t.now_ms / 1000) == 0);
}

TEST_CASE("failure audit rows and log lines stop at the budget while counts stay exact", "[verifier][limits]") {
  sf::verifier::ServiceSettings settings;
  settings.failure_writes_per_minute = 20;
  TestService t({1000000, 1000000, 1000000, 60}, settings);
  for (int i = 0; i < 500; ++i) {
    auto request = json_post("/v1/redemptions", R"({"code": "FORGED"})");
    request.client = "198.51.100." + std::to_string(i % 250);  // many addresses
    CHECK(route(request, *t.services).status == 422);
  }
  CHECK(t.ledger.attempt_count() == 20);
  CHECK(t.services->metrics.outcome_count(sf::verifier::Outcome::unknown_code) == 500);
  CHECK(t.services->failure_writes.suppressed_total() == 480);
  // The next minute starts with one line saying how many were left out.
  t.now_ms += 60'000;
  route(json_post("/v1/redemptions", R"({"code": "FORGED"})"), *t.services);
  CHECK(lines_with(t.log_lines, "\"event\":\"failures_suppressed\"") == 1);
  CHECK(lines_with(t.log_lines, "\"count\":\"480\"") == 1);
  auto metrics = route(get("/metrics"), *t.services);
  CHECK(metrics.body.find("stickerforge_failure_writes_total{fate=\"suppressed\"} 480") !=
        std::string::npos);
}

TEST_CASE("/readyz turns 503 while the ledger cannot write and recovers", "[verifier][limits]") {
  TestService t;
  CHECK(route(get("/readyz"), *t.services).status == 200);
  t.ledger.fail_ = true;  // like a full disk: every write fails
  auto failed = route(json_post("/v1/redemptions", R"({"code": "GOOD-0009"})"), *t.services);
  CHECK(failed.status == 503);
  auto ready = route(get("/readyz"), *t.services);
  CHECK(ready.status == 503);
  CHECK(json::parse(ready.body)["error"] == "ledger_not_writable");
  t.ledger.fail_ = false;
  CHECK(route(json_post("/v1/redemptions", R"({"code": "GOOD-0009"})"), *t.services).status == 200);
  CHECK(route(get("/readyz"), *t.services).status == 200);
}
