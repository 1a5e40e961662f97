// The personal unlock address: handed out at redemption (page, cookie, JSON),
// fresh download links on every visit, valid while the campaign lives, and
// the code stays used for everyone else.
#include <catch2/catch.hpp>

#include "verifier/fakes.h"
#include "verifier/json_text.h"
#include "verifier/routes.h"

using sf::test::TestService;
using sf::verifier::HttpReply;
using sf::verifier::HttpRequest;
using sf::verifier::route;

namespace {

constexpr const char* kAccept = "text/html,application/xhtml+xml,*/*;q=0.8";

HttpRequest page_get(const std::string& path, const std::string& cookie = "") {
  HttpRequest request = sf::test::get(path);
  request.headers.emplace_back("Accept", kAccept);
  if (!cookie.empty()) request.headers.emplace_back("Cookie", cookie);
  return request;
}

HttpRequest page_post(const std::string& code, const std::string& key, const std::string& cookie = "") {
  HttpRequest request;
  request.method = "POST";
  request.path = "/redeem";
  request.client = "203.0.113.10";
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("Accept", kAccept);
  if (!cookie.empty()) request.headers.emplace_back("Cookie", cookie);
  request.body = "code=" + code + "&idempotency_key=" + key;
  return request;
}

std::string header_of(const HttpReply& reply, const std::string& name) {
  for (const auto& [key, value] : reply.headers)
    if (key == name) return value;
  return {};
}

std::string between(const std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  if (at == std::string::npos) return {};
  at += from.size();
  return text.substr(at, text.find(to, at) - at);
}

std::string download_url(const std::string& html) {
  return between(html, "href=\"/v1/downloads/fergie/whatsapp/", "\"");
}

}  // namespace

TEST_CASE("the unlock page gives a personal address that comes back a day later", "[verifier]") {
  TestService t;
  auto first = route(page_post("GOOD-0050", "p1"), *t.services);
  REQUIRE(first.status == 200);
  const std::string set_cookie = header_of(first, "Set-Cookie");
  CHECK_THAT(set_cookie, Catch::Contains("HttpOnly"));
  CHECK_THAT(set_cookie, Catch::Contains("SameSite=Lax"));
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  const std::string token = cookie.substr(cookie.find('=') + 1);
  // Shown as text, so it works without cookies and without JavaScript.
  CHECK_THAT(first.body, Catch::Contains("<a href=\"/u/" + token + "\">/u/" + token + "</a>"));
  CHECK_THAT(first.body, Catch::Contains("src=\"/u/" + token + "/qr.svg\""));
  const std::string first_link = download_url(first.body);
  REQUIRE(!first_link.empty());

  t.now_ms += 24ll * 3600 * 1000;  // a day later: the first links have died
  auto old = route(page_get("/v1/downloads/fergie/whatsapp/" + first_link), *t.services);
  CHECK(old.status == 403);
  auto again = route(page_get("/u/" + token), *t.services);
  REQUIRE(again.status == 200);
  CHECK_THAT(again.body, Catch::Contains("You unlocked these stickers on 15 January 2027, 08:00 UTC."));
  const std::string fresh = download_url(again.body);
  CHECK(fresh != first_link);
  auto download = route(sf::test::get("/v1/downloads/fergie/whatsapp/" + fresh.substr(0, fresh.find('?')) +
                                       "?" + fresh.substr(fresh.find('?') + 1)),
                        *t.services);
  CHECK(download.status == 200);

  // The same code on this browser reaches the unlock; on another browser it is used.
  auto same_browser = route(page_post("GOOD-0050", "p2", cookie), *t.services);
  CHECK(same_browser.status == 200);
  CHECK_THAT(same_browser.body, Catch::Contains("Your stickers are unlocked"));
  auto link_again = route(page_get("/r/GOOD-0050", cookie), *t.services);
  CHECK(link_again.status == 200);
  CHECK_THAT(link_again.body, Catch::Contains("Your stickers are unlocked"));
  auto other_browser = route(page_post("GOOD-0050", "p3"), *t.services);
  CHECK(other_browser.status == 422);
  CHECK_THAT(other_browser.body, Catch::Contains("This code was already used on"));
  CHECK(t.ledger.redemption_count() == 1);
  // A cookie for another code does not open this one.
  auto foreign = route(page_post("GOOD-0050", "p4", "sf_unlocks=0.Zm9v.AAAAAAAAAAAAAAAAAAAAAA"), *t.services);
  CHECK(foreign.status == 422);
}

TEST_CASE("redemption answers carry the personal address; /v1/unlocks serves it", "[verifier]") {
  TestService t;
  auto reply = route(sf::test::json_post("/v1/redemptions", R"({"code":"GOOD-0051"})", "j1"), *t.services);
  REQUIRE(reply.status == 200);
  auto body = nlohmann::json::parse(reply.body);
  const std::string url = body["unlock"]["personal_url"];
  REQUIRE(url.starts_with("/u/"));
  CHECK(body["unlock"]["personal_qr_url"] == url + "/qr.svg");
  const std::string token = url.substr(3);

  auto json = route(sf::test::get("/v1/unlocks/" + token), *t.services);
  REQUIRE(json.status == 200);
  auto unlock = nlohmann::json::parse(json.body);
  CHECK(unlock["pack"]["id"] == "fergie");
  CHECK(unlock["personal_url"] == url);
  CHECK(unlock["images"]["file"] == "fergie-stickers.zip");
  CHECK(unlock["previews"].size() == 2);

  auto as_json = sf::test::get(url);
  as_json.headers.emplace_back("Accept", "application/json");
  CHECK(nlohmann::json::parse(route(as_json, *t.services).body)["pack"]["id"] == "fergie");

  auto qr = route(sf::test::get(url + "/qr.svg"), *t.services);
  CHECK(qr.status == 200);
  CHECK(qr.content_type == "image/svg+xml");
  CHECK_THAT(qr.body, Catch::Contains("<svg"));

  std::string forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  auto bad = route(sf::test::get("/v1/unlocks/" + forged), *t.services);
  CHECK(bad.status == 404);
  CHECK(nlohmann::json::parse(bad.body)["error"] == "unknown_unlock");
  auto bad_page = route(page_get("/u/" + forged), *t.services);
  CHECK(bad_page.status == 404);
  CHECK_THAT(bad_page.body, Catch::Contains("This personal address is not valid."));
}

TEST_CASE("the personal address lives as long as the campaign", "[verifier]") {
  TestService t;
  auto reply = route(page_post("ENDING-1", "e1"), *t.services);
  REQUIRE(reply.status == 200);
  CHECK_THAT(reply.body, Catch::Contains("until 17 January 2027, 08:00 UTC"));
  const std::string cookie = header_of(reply, "Set-Cookie");
  const std::string token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  t.now_ms += 3ll * 86400 * 1000;
  auto ended = route(sf::test::get("/v1/unlocks/" + token), *t.services);
  CHECK(ended.status == 410);
  CHECK(nlohmann::json::parse(ended.body)["error"] == "unlock_ended");
}

TEST_CASE("save the images: a ZIP of the PNG stickers, and previews", "[verifier]") {
  TestService t;
  auto reply = route(sf::test::json_post("/v1/redemptions", R"({"code":"GOOD-0052"})", "z1"), *t.services);
  auto unlock = nlohmann::json::parse(reply.body)["unlock"];
  std::string url = unlock["images"]["url"];
  auto zip = route(sf::test::get(url.substr(0, url.find('?')) + "?" + url.substr(url.find('?') + 1)), *t.services);
  REQUIRE(zip.status == 200);
  CHECK(zip.content_type == "application/zip");
  // Stored entries: each name and content appears as is; the archive ends
  // with the end-of-central-directory record naming 2 entries.
  CHECK(zip.body.starts_with(std::string("PK\x03\x04", 4)));
  CHECK_THAT(zip.body, Catch::Contains("fergie-01.pngPNG-one"));
  CHECK_THAT(zip.body, Catch::Contains("fergie-02.pngPNG-two"));
  const std::string end = zip.body.substr(zip.body.size() - 22);
  CHECK(end.starts_with(std::string("PK\x05\x06", 4)));
  CHECK(end[10] == 2);
  std::string preview = unlock["previews"][0];
  auto png = route(sf::test::get(preview.substr(0, preview.find('?')) + "?" + preview.substr(preview.find('?') + 1)), *t.services);
  CHECK(png.status == 200);
  CHECK(png.content_type == "image/png");
}
