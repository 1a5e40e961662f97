// The handlers as plain functions: no sockets, a fake ledger and checker,
// a fixed clock.
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

json body_of(const sf::verifier::HttpReply& reply) { return json::parse(reply.body); }

std::string header_of(const sf::verifier::HttpReply& reply, const std::string& name) {
  for (const auto& [key, value] : reply.headers)
    if (key == name) return value;
  return {};
}

}  // namespace

TEST_CASE("an anonymous redemption answers the unlock with signed download links", "[verifier]") {
  TestService t;
  auto reply = route(json_post("/v1/redemptions", R"({"code": "GOOD-0001"})", "key-1"), *t.services);
  REQUIRE(reply.status == 200);
  json body = body_of(reply);
  CHECK(body["status"] == "redeemed");
  CHECK(body["replayed"] == false);
  CHECK(body["use"] == 1);
  CHECK_FALSE(body.contains("code_key"));  // stores only
  json unlock = body["unlock"];
  CHECK(unlock["pack"]["title"] == "Fergie the Ember");
  CHECK(unlock["available"] == true);
  REQUIRE(unlock["platforms"].size() == 3);  // signal (link only), telegram, whatsapp
  CHECK(unlock["platforms"][0]["platform"] == "signal");
  CHECK(unlock["platforms"][0]["add_link"] == "https://signal.art/addstickers/#pack_id=abc&pack_key=def");
  CHECK(unlock["platforms"][1]["platform"] == "telegram");
  CHECK(unlock["platforms"][1]["add_link"] == "https://t.me/addstickers/fergie_by_acmebot");
  std::string url = unlock["platforms"][1]["downloads"][0]["url"];
  CHECK(url.starts_with("/v1/downloads/fergie/telegram/fergie-telegram.zip?token="));
  CHECK(t.ledger.redemption_count() == 1);

  auto download = route(get(url), *t.services);
  REQUIRE(download.status == 200);
  CHECK(download.file.filename() == "fergie-telegram.zip");
}

TEST_CASE("whatsapp gets its archive but not a non-https add link", "[verifier]") {
  TestService t;
  auto reply = route(json_post("/v1/redemptions", R"({"code": "GOOD-0002"})", "", kStoreKey), *t.services);
  REQUIRE(reply.status == 200);
  json body = body_of(reply);
  // report.json lists whatsapp's archive, not its loose sticker files.
  bool found = false;
  for (const auto& platform : body["unlock"]["platforms"]) {
    if (platform["platform"] != "whatsapp") continue;
    found = true;
    CHECK_FALSE(platform.contains("add_link"));
    REQUIRE(platform["downloads"].size() == 1);
    CHECK(platform["downloads"][0]["file"] == "fergie.wastickers");
  }
  CHECK(found);
  CHECK(body["store"] == "berlin-01");
  CHECK(body["code_key"] == "1/42/GOOD-0002");
}

TEST_CASE("a retry with the same Idempotency-Key gets the first answer", "[verifier]") {
  TestService t;
  auto first = route(json_post("/v1/redemptions", R"({"code": "GOOD-0003"})", "retry-key"), *t.services);
  REQUIRE(first.status == 200);
  t.now_ms += 5000;
  auto again = route(json_post("/v1/redemptions", R"({"code": "GOOD-0003"})", "retry-key"), *t.services);
  REQUIRE(again.status == 200);
  CHECK(body_of(again)["replayed"] == true);
  CHECK(body_of(again)["redeemed_at"] == body_of(first)["redeemed_at"]);
  CHECK(header_of(again, "Idempotent-Replayed") == "true");
  CHECK(t.ledger.redemption_count() == 1);

  SECTION("the same key with another code is refused") {
    auto other = route(json_post("/v1/redemptions", R"({"code": "GOOD-0004"})", "retry-key"), *t.services);
    CHECK(other.status == 409);
    CHECK(body_of(other)["error"] == "idempotency_key_reused");
    CHECK(t.ledger.redemption_count() == 1);
  }
}

TEST_CASE("a second redemption: one generic failure for anonymous callers, the facts for stores",
          "[verifier]") {
  TestService t;
  REQUIRE(route(json_post("/v1/redemptions", R"({"code": "GOOD-0005"})", "", kStoreKey), *t.services).status == 200);

  auto anonymous = route(json_post("/v1/redemptions", R"({"code": "GOOD-0005"})"), *t.services);
  CHECK(anonymous.status == 422);
  CHECK(body_of(anonymous)["error"] == "not_redeemable");
  const std::string generic = body_of(anonymous)["message"];

  auto store = route(json_post("/v1/redemptions", R"({"code": "GOOD-0005"})", "", kStoreKey), *t.services);
  CHECK(store.status == 409);
  CHECK(body_of(store)["error"] == "already_redeemed");
  CHECK(body_of(store)["store"] == "berlin-01");
  CHECK(body_of(store)["redeemed_at"] == "2027-01-15T08:00:00.000Z");
  CHECK_THAT(body_of(store)["message"].get<std::string>(), Catch::Contains("by store 'berlin-01'"));

  // Every other kind of failure reads exactly the same to an anonymous caller.
  for (const char* code : {"TYPO", "FORGED", "OLD", "SOON", "REVOKED", "", "\xc3\x84\x01"}) {
    auto reply = route(json_post("/v1/redemptions", json{{"code", code}}.dump()), *t.services);
    INFO(code);
    CHECK(reply.status == 422);
    CHECK(body_of(reply)["error"] == "not_redeemable");
    CHECK(body_of(reply)["message"] == generic);
  }
  CHECK(t.ledger.redemption_count() == 1);
}

TEST_CASE("stores get a precise status and reason for each failure", "[verifier]") {
  TestService t;
  struct Case {
    const char* code;
    int status;
    const char* error;
  };
  for (Case c : {Case{"TYPO", 422, "mistyped"}, Case{"FORGED", 404, "unknown_code"},
                 Case{"OLD", 410, "expired"}, Case{"SOON", 403, "not_yet_valid"},
                 Case{"REVOKED", 403, "revoked"}}) {
    auto reply = route(json_post("/v1/redemptions", json{{"code", c.code}}.dump(), "", kStoreKey), *t.services);
    INFO(c.code);
    CHECK(reply.status == c.status);
    CHECK(body_of(reply)["error"] == c.error);
    CHECK_THAT(body_of(reply)["message"].get<std::string>(), Catch::Contains(c.code));
  }
  CHECK(t.ledger.redemption_count() == 0);
  // ...and each failure is in the audit, with the store.
  auto attempts = t.ledger.all_attempts();
  REQUIRE(attempts.size() == 5);
  CHECK(attempts[2].outcome == "expired");
  CHECK(attempts[2].store == "berlin-01");
  CHECK(attempts[2].code_key == "1/42/OLD");
}

TEST_CASE("bad requests get a 4xx JSON error naming the problem and change nothing", "[verifier]") {
  TestService t;
  struct Case {
    std::string body, content_type;
    int status;
    std::string error, message;
  };
  std::vector<Case> cases = {
      {R"({"code": "GOOD-0006")", "application/json", 400, "bad_json", "not valid JSON"},
      {R"(["GOOD-0006"])", "application/json", 400, "bad_json", "JSON array"},
      {R"({"code": "GOOD-0006", "store": "x"})", "application/json", 400, "unknown_field", "'store'"},
      {R"({"code": 12})", "application/json", 400, "missing_code", "not a string"},
      {R"({})", "application/json", 400, "missing_code", "missing"},
      {"code=GOOD-0006", "application/x-www-form-urlencoded", 415, "unsupported_media_type",
       "'application/x-www-form-urlencoded'"},
      {R"({"code": "GOOD-0006"})", "", 415, "unsupported_media_type", "application/json"},
      {std::string(5000, '['), "application/json", 413, "body_too_large", "5000 bytes"},
      {"\xff\xfe{}", "application/json", 400, "bad_json", "not valid JSON"},
  };
  for (const Case& c : cases) {
    auto request = json_post("/v1/redemptions", c.body);
    request.headers[0].second = c.content_type;
    auto reply = route(request, *t.services);
    INFO(c.body.substr(0, 60));
    CHECK(reply.status == c.status);
    CHECK(body_of(reply)["error"] == c.error);
    CHECK_THAT(body_of(reply)["message"].get<std::string>(), Catch::Contains(c.message));
  }
  auto long_key = route(json_post("/v1/redemptions", R"({"code": "GOOD-0006"})", std::string(256, 'k')), *t.services);
  CHECK(long_key.status == 400);
  CHECK(body_of(long_key)["error"] == "bad_idempotency_key");
  auto long_code = route(json_post("/v1/redemptions", json{{"code", std::string(600, 'A')}}.dump(), "", kStoreKey), *t.services);
  CHECK(long_code.status == 422);
  CHECK_THAT(body_of(long_code)["message"].get<std::string>(), Catch::Contains("600 characters"));
  CHECK(t.ledger.redemption_count() == 0);
  // Nothing in the ledger but the audit rows: one per bad request.
  auto attempts = t.ledger.all_attempts();
  CHECK(attempts.size() == cases.size() + 2);
  CHECK(attempts.front().outcome == "bad_request");
  CHECK(attempts.back().outcome == "mistyped");
}

TEST_CASE("a bad store key is refused with 401 and counted", "[verifier]") {
  TestService t;
  auto reply = route(json_post("/v1/redemptions", R"({"code": "GOOD-0007"})", "", "sk_wrong"), *t.services);
  CHECK(reply.status == 401);
  CHECK(body_of(reply)["error"] == "bad_store_key");
  CHECK(header_of(reply, "WWW-Authenticate") == "Bearer");
  auto basic = json_post("/v1/redemptions", R"({"code": "GOOD-0007"})");
  basic.headers.emplace_back("Authorization", std::string("Basic ") + kStoreKey);
  CHECK(route(basic, *t.services).status == 401);
  CHECK(t.ledger.redemption_count() == 0);
  CHECK(t.ledger.all_attempts().back().outcome == "bad_store_key");
}

TEST_CASE("failed attempts are limited per client, and stores keep their own limit", "[verifier]") {
  TestService t({3, 5, 1000, 300});
  for (int i = 0; i < 3; ++i)
    CHECK(route(json_post("/v1/redemptions", R"({"code": "FORGED"})"), *t.services).status == 422);
  auto limited = route(json_post("/v1/redemptions", R"({"code": "GOOD-0008"})"), *t.services);
  CHECK(limited.status == 429);
  CHECK(body_of(limited)["error"] == "too_many_failed_attempts");
  CHECK(header_of(limited, "Retry-After") == "60");
  CHECK(route(json_post("/v1/redemptions", R"({"code": "GOOD-0008"})", "", kStoreKey), *t.services).status == 200);
  t.now_ms += 61'000;
  CHECK(route(json_post("/v1/redemptions", R"({"code": "GOOD-0009"})"), *t.services).status == 200);
}

TEST_CASE("a spent global failure budget pauses anonymous redemption only", "[verifier]") {
  // 2 failures/s budget holds 20; the 21st failure trips the breaker.
  TestService t({1000, 1000, 2, 120});
  for (int i = 0; i < 21; ++i) {
    auto request = json_post("/v1/redemptions", R"({"code": "FORGED"})");
    request.client = "198.51.100." + std::to_string(i);  // a botnet: every address new
    route(request, *t.services);
  }
  auto paused = route(json_post("/v1/redemptions", R"({"code": "GOOD-0010"})"), *t.services);
  CHECK(paused.status == 503);
  CHECK(body_of(paused)["error"] == "anonymous_redemption_paused");
  CHECK(header_of(paused, "Retry-After") == "120");
  CHECK(route(json_post("/v1/redemptions", R"({"code": "GOOD-0010"})", "", kStoreKey), *t.services).status == 200);
  CHECK(route(get("/metrics"), *t.services).body.find("stickerforge_anonymous_paused 1") != std::string::npos);
  t.now_ms += 121'000;
  CHECK(route(json_post("/v1/redemptions", R"({"code": "GOOD-0011"})"), *t.services).status == 200);
}

TEST_CASE("code status: redeemable, redeemed, and generic failure for anonymous callers", "[verifier]") {
  TestService t;
  auto before = route(get("/v1/codes/GOOD-0012"), *t.services);
  CHECK(before.status == 200);
  CHECK(body_of(before)["status"] == "redeemable");
  REQUIRE(route(json_post("/v1/redemptions", R"({"code": "GOOD-0012"})", "", kStoreKey), *t.services).status == 200);
  auto anonymous = route(get("/v1/codes/GOOD-0012"), *t.services);
  CHECK(anonymous.status == 422);
  CHECK(body_of(anonymous)["error"] == "not_redeemable");
  auto store = route(get("/v1/codes/GOOD-0012", kStoreKey), *t.services);
  CHECK(store.status == 200);
  CHECK(body_of(store)["status"] == "redeemed");
  CHECK(body_of(store)["store"] == "berlin-01");
  CHECK(route(get("/v1/codes/OLD", kStoreKey), *t.services).status == 410);
  CHECK(t.ledger.redemption_count() == 1);
}

TEST_CASE("a multi-use code redeems up to its uses", "[verifier]") {
  TestService t;
  for (int use = 1; use <= 3; ++use) {
    auto reply = route(json_post("/v1/redemptions", R"({"code": "MULTI-1"})", "", kStoreKey), *t.services);
    REQUIRE(reply.status == 200);
    CHECK(body_of(reply)["use"] == use);
  }
  CHECK(route(json_post("/v1/redemptions", R"({"code": "MULTI-1"})", "", kStoreKey), *t.services).status == 409);
}

TEST_CASE("downloads need a valid, unexpired token for that very file", "[verifier]") {
  TestService t;
  auto reply = route(json_post("/v1/redemptions", R"({"code": "GOOD-0013"})"), *t.services);
  std::string url = body_of(reply)["unlock"]["platforms"][1]["downloads"][0]["url"];
  std::string token = url.substr(url.find("token=") + 6);

  auto refused = [&](const std::string& path, int status, const std::string& error) {
    auto r = route(get(path), *t.services);
    INFO(path);
    CHECK(r.status == status);
    CHECK(body_of(r)["error"] == error);
    CHECK(r.file.empty());
  };
  refused("/v1/downloads/fergie/telegram/fergie-telegram.zip", 403, "missing_token");
  refused("/v1/downloads/fergie/telegram/fergie-telegram.zip?token=1.abc", 403, "bad_token");
  refused("/v1/downloads/fergie/whatsapp/fergie.wastickers?token=" + token, 403, "bad_token");
  refused("/v1/downloads/fergie/telegram/../../secret.txt?token=" + token, 400, "bad_path");
  refused("/v1/downloads/fergie/../secret.txt?token=" + token, 400, "bad_path");
  refused("/v1/downloads/fergie/telegram/.hidden?token=" + token, 400, "bad_path");
  refused("/v1/downloads/fergie/telegram?token=" + token, 400, "bad_path");
  refused("/v1/downloads/fergie/telegram/a/b/c?token=" + token, 400, "bad_path");
  t.now_ms += 901'000;
  refused("/v1/downloads/fergie/telegram/fergie-telegram.zip?token=" + token, 403, "token_expired");
}

TEST_CASE("a valid token for an unlisted file is still not served", "[verifier]") {
  TestService t;
  sf::Bytes secret(32, 7);
  sf::verifier::DownloadTokens tokens(secret);
  std::string token = tokens.issue("fergie/whatsapp/01.webp", t.now_ms / 1000 + 60);
  auto r = route(get("/v1/downloads/fergie/whatsapp/01.webp?token=" + token), *t.services);
  CHECK(r.status == 404);
  CHECK(r.file.empty());
}

TEST_CASE("a pack with no build is not redeemed: the customer's code stays unspent", "[verifier]") {
  // (The service refuses to start with such a campaign; this is a build gone
  // while it runs. tests/verifier/pack_readiness_test.cpp has the rest.)
  TestService t;
  auto reply = route(json_post("/v1/redemptions", R"({"code": "UNBUILT"})"), *t.services);
  CHECK(reply.status == 500);
  CHECK(body_of(reply)["error"] == "internal_error");
  CHECK(t.ledger.redemption_count() == 0);
}

TEST_CASE("a ledger failure is a 503 asking for a retry, never a 500", "[verifier]") {
  TestService t;
  t.ledger.fail_ = true;
  auto reply = route(json_post("/v1/redemptions", R"({"code": "GOOD-0014"})", "k"), *t.services);
  CHECK(reply.status == 503);
  CHECK(body_of(reply)["error"] == "ledger_unavailable");
  CHECK(header_of(reply, "Retry-After") == "1");
}

TEST_CASE("health, readiness and metrics", "[verifier]") {
  TestService t;
  CHECK(route(get("/healthz"), *t.services).status == 200);
  CHECK(route(get("/readyz"), *t.services).status == 200);
  t.ledger.ready_ = false;
  CHECK(route(get("/readyz"), *t.services).status == 503);
  t.ledger.ready_ = true;
  t.services->draining = true;
  CHECK(body_of(route(get("/readyz"), *t.services))["error"] == "draining");

  route(json_post("/v1/redemptions", R"({"code": "GOOD-0015"})"), *t.services);
  route(json_post("/v1/redemptions", R"({"code": "FORGED"})"), *t.services);
  auto metrics = route(get("/metrics"), *t.services);
  CHECK(metrics.content_type.starts_with("text/plain; version=0.0.4"));
  CHECK_THAT(metrics.body, Catch::Contains("stickerforge_requests_total{outcome=\"redeemed\"} 1"));
  CHECK_THAT(metrics.body, Catch::Contains("stickerforge_requests_total{outcome=\"unknown_code\"} 1"));
  CHECK_THAT(metrics.body, Catch::Contains("stickerforge_failed_attempts_total 1"));
  CHECK_THAT(metrics.body, Catch::Contains("stickerforge_request_duration_seconds_count"));
}

TEST_CASE("with a metrics token, /metrics answers only to that bearer", "[verifier]") {
  TestService t;
  t.services->settings.metrics_token = "metrics-0123456789abcdef";
  auto open = route(get("/metrics"), *t.services);
  CHECK(open.status == 401);
  CHECK(body_of(open)["error"] == "metrics_token_required");
  CHECK(header_of(open, "WWW-Authenticate") == "Bearer");
  CHECK(open.body.find("stickerforge_requests_total") == std::string::npos);
  CHECK(route(get("/metrics", "metrics-0123456789abcdeX"), *t.services).status == 401);
  CHECK(route(get("/metrics", kStoreKey), *t.services).status == 401);  // a store key is not it
  auto allowed = route(get("/metrics", "metrics-0123456789abcdef"), *t.services);
  CHECK(allowed.status == 200);
  CHECK_THAT(allowed.body, Catch::Contains("stickerforge_requests_total"));
  // The probes stay open: load balancers do not carry tokens.
  CHECK(route(get("/healthz"), *t.services).status == 200);
}

TEST_CASE("unknown routes and methods get JSON 404 and 405", "[verifier]") {
  TestService t;
  auto missing = route(get("/v2/things"), *t.services);
  CHECK(missing.status == 404);
  CHECK_THAT(body_of(missing)["message"].get<std::string>(), Catch::Contains("'/v2/things'"));
  auto wrong = route(get("/v1/redemptions"), *t.services);
  CHECK(wrong.status == 405);
  CHECK(header_of(wrong, "Allow") == "POST");
}

TEST_CASE("log lines carry outcomes but never the code, key or token", "[verifier]") {
  TestService t;
  route(json_post("/v1/redemptions", R"({"code": "GOOD-0016"})", "idem-secret", kStoreKey), *t.services);
  route(json_post("/v1/redemptions", R"({"code": "FORGED"})", "", "sk_wrong_key"), *t.services);
  REQUIRE(t.log_lines.size() >= 2);
  for (const std::string& line : t.log_lines) {
    json parsed = json::parse(line);
    CHECK(parsed.contains("ts"));
    CHECK(parsed.contains("event"));
    CHECK(line.find(kStoreKey) == std::string::npos);
    CHECK(line.find("sk_wrong_key") == std::string::npos);
    CHECK(line.find("idem-secret") == std::string::npos);
    CHECK(line.find("token=") == std::string::npos);
  }
  CHECK_THAT(t.log_lines.front(), Catch::Contains("\"outcome\":\"redeemed\""));
}

TEST_CASE("guessing store keys is limited per client without locking out codes or the real key", "[verifier]") {
  TestService t({3, 5, 1000, 300});
  for (int i = 0; i < 3; ++i)
    CHECK(route(json_post("/v1/redemptions", R"({"code": "GOOD-0030"})", "", "sk_guess" + std::to_string(i)), *t.services).status == 401);
  auto limited = route(json_post("/v1/redemptions", R"({"code": "GOOD-0030"})", "", "sk_guess9"), *t.services);
  CHECK(limited.status == 429);
  CHECK(route(json_post("/v1/redemptions", R"({"code": "GOOD-0030"})", "", kStoreKey), *t.services).status == 200);
  CHECK(route(json_post("/v1/redemptions", R"({"code": "GOOD-0031"})"), *t.services).status == 200);
}
