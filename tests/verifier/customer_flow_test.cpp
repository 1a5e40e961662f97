// The customer's side as HTML: every code form lands on a page, opening a
// page never uses a code, each failure has its own words, browsers never see
// JSON errors, and the personal unlock address brings the stickers back.
#include <catch2/catch.hpp>

#include "verifier/fakes.h"
#include "verifier/json_text.h"
#include "verifier/routes.h"

using sf::test::TestService;
using sf::verifier::HttpReply;
using sf::verifier::HttpRequest;
using sf::verifier::route;

namespace {

constexpr const char* kBrowserAccept =
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

HttpRequest browser_get(const std::string& path, const std::string& cookie = "") {
  HttpRequest request = sf::test::get(path);
  request.headers.emplace_back("Accept", kBrowserAccept);
  if (!cookie.empty()) request.headers.emplace_back("Cookie", cookie);
  return request;
}

HttpRequest browser_post(const std::string& code, const std::string& key,
                         const std::string& cookie = "", const std::string& language = "") {
  HttpRequest request;
  request.method = "POST";
  request.path = "/redeem";
  request.client = "203.0.113.9";
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("Accept", kBrowserAccept);
  if (!cookie.empty()) request.headers.emplace_back("Cookie", cookie);
  if (!language.empty()) request.headers.emplace_back("Accept-Language", language);
  request.body = "code=" + code + "&idempotency_key=" + key;
  return request;
}

std::string alert_of(const std::string& html) {
  auto at = html.find("role=\"alert\"><p>");
  if (at == std::string::npos) return {};
  at += 16;
  return html.substr(at, html.find("</p>", at) - at);
}

}  // namespace

TEST_CASE("a link or QR lands on a prefilled page without using the code", "[verifier]") {
  TestService t;
  for (std::string path : {"/r/GOOD-0040", "/?code=GOOD-0040"}) {
    // A mail scanner (no browser headers) and a person both fetch it.
    auto scanner = route(sf::test::get(path), *t.services);
    auto page = route(browser_get(path), *t.services);
    CAPTURE(path);
    CHECK(scanner.status == 200);
    CHECK(page.status == 200);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK_THAT(page.body, Catch::Contains("Your stickers are waiting"));
    CHECK_THAT(page.body, Catch::Contains("value=\"GOOD-0040\""));
    CHECK_THAT(page.body, Catch::Contains("<form method=\"post\" action=\"/redeem\">"));
    CHECK_THAT(page.body, Catch::Contains(">Unlock stickers</button>"));
  }
  CHECK(t.ledger.redemption_count() == 0);
  // The one tap redeems it.
  auto unlocked = route(browser_post("GOOD-0040", "tap-1"), *t.services);
  CHECK(unlocked.status == 200);
  CHECK(t.ledger.redemption_count() == 1);
}

TEST_CASE("a link token is kept out of sight; a damaged one is explained", "[verifier]") {
  TestService t;
  auto long_link = route(browser_get("/r/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3A"), *t.services);
  CHECK(long_link.status == 422);
  CHECK(alert_of(long_link.body) ==
        "This link looks damaged or incomplete. Open it again from the original message, or copy "
        "the whole link.");
  CHECK(long_link.body.find("Zm9vYmFy") == std::string::npos);
}

TEST_CASE("every failure has its own plain answer, and all of them count", "[verifier]") {
  TestService t;
  REQUIRE(route(browser_post("GOOD-0042", "a"), *t.services).status == 200);
  REQUIRE(route(browser_post("CAP-1", "b"), *t.services).status == 200);
  struct Case { std::string code, message; int status; };
  const Case cases[] = {
      {"GOOD-0042", "This code was already used on 15 January 2027, 08:00 UTC.", 422},
      {"FORGED", "This is not a valid sticker code. Check that it is typed exactly as printed; if "
                 "it still fails, ask whoever gave it to you.", 422},
      {"TYPO", "A sticker code has 16 letters and digits; this one has 4.", 422},
      {"OLD", "This code’s campaign ended on 1 January 2026, 00:00 UTC.", 422},
      {"SOON", "This code can be used from 17 March 2030, 17:46 UTC. Please come back then.", 422},
      {"REVOKED", "This code has been withdrawn and can no longer be used.", 422},
      {"CAP-2", "All the stickers of this campaign have been given out.", 422},
  };
  // Ten failures a minute per client: spread them over two minutes.
  std::uint64_t n = 0;
  for (const Case& c : cases) {
    auto reply = route(browser_post(c.code, "k" + c.code), *t.services);
    CAPTURE(c.code);
    CHECK(reply.status == c.status);
    CHECK(alert_of(reply.body) == c.message);
    ++n;
  }
  CHECK(t.services->limiter.total_failures() == n);
}

TEST_CASE("answers come in the visitor's language", "[verifier]") {
  TestService t;
  auto ok = route(browser_post("GOOD-0043", "de-1", "", "de-DE,de;q=0.9,en;q=0.8"), *t.services);
  CHECK_THAT(ok.body, Catch::Contains("<html lang=\"de\">"));
  CHECK_THAT(ok.body, Catch::Contains("Ihre Sticker sind freigeschaltet"));
  CHECK_THAT(ok.body, Catch::Contains("Download-Links funktionieren 15 Minuten lang"));
  auto used = route(browser_post("GOOD-0043", "de-2", "", "de"), *t.services);
  CHECK(alert_of(used.body) == "Dieser Code wurde bereits am 15. Januar 2027, 08:00 UTC eingelöst.");
  auto english = route(browser_post("GOOD-0043", "en-1", "", "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7"), *t.services);
  CHECK_THAT(english.body, Catch::Contains("<html lang=\"en\">"));
}

TEST_CASE("browsers get pages where API clients get JSON errors", "[verifier]") {
  TestService t;
  auto page = route(browser_get("/no/such/page"), *t.services);
  CHECK(page.status == 404);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK_THAT(page.body, Catch::Contains("There is nothing at this address."));
  auto api = route(sf::test::get("/no/such/page"), *t.services);
  CHECK(api.status == 404);
  CHECK(api.content_type == "application/json");
  CHECK(nlohmann::json::parse(api.body)["error"] == "not_found");
  auto expired = route(browser_get("/v1/downloads/fergie/telegram/fergie-telegram.zip?token=1.AAAAAAAAAAAAAAAAAAAAAA"), *t.services);
  CHECK(expired.status == 403);
  CHECK_THAT(expired.body, Catch::Contains("This download link is not valid."));
}
