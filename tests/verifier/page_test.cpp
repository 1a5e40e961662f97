// The redemption page, as HTML: labels, the no-JavaScript form round trip,
// escaping, one message for every failure.
#include <catch2/catch.hpp>

#include "verifier/fakes.h"
#include "verifier/routes.h"

using sf::test::TestService;
using sf::verifier::HttpRequest;
using sf::verifier::route;

namespace {

HttpRequest form_post(const std::string& body) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/redeem";
  request.client = "203.0.113.9";
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.body = body;
  return request;
}

std::string hidden_key(const std::string& html) {
  auto at = html.find("name=\"idempotency_key\" value=\"");
  REQUIRE(at != std::string::npos);
  at += 30;
  auto end = html.find('"', at);
  return std::string(html.begin() + long(at), html.begin() + long(end));
}

}  // namespace

TEST_CASE("the page is a labelled form that works without JavaScript", "[verifier]") {
  TestService t;
  HttpRequest request = sf::test::get("/");
  auto page = route(request, *t.services);
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK_THAT(page.body, Catch::Contains("<label for=\"code\">"));
  CHECK_THAT(page.body, Catch::Contains("id=\"code\" name=\"code\""));
  CHECK_THAT(page.body, Catch::Contains("<form method=\"post\" action=\"/redeem\">"));
  CHECK_THAT(page.body, Catch::Contains("name=\"viewport\""));
  CHECK(page.body.find("<script") == std::string::npos);
  CHECK(hidden_key(page.body).size() == 22);
  CHECK(hidden_key(route(request, *t.services).body) != hidden_key(page.body));
}

TEST_CASE("submitting the form shows the unlock; again says when it was used", "[verifier]") {
  TestService t;
  auto ok = route(form_post("code=GOOD-0020&idempotency_key=k1"), *t.services);
  REQUIRE(ok.status == 200);
  CHECK_THAT(ok.body, Catch::Contains("Your stickers are unlocked"));
  CHECK_THAT(ok.body, Catch::Contains("Fergie the Ember"));
  CHECK_THAT(ok.body, Catch::Contains("href=\"https://t.me/addstickers/fergie_by_acmebot\">Add to Telegram</a>"));
  CHECK_THAT(ok.body, Catch::Contains("Tap “Add to Telegram”."));
  CHECK_THAT(ok.body, Catch::Contains("For sticker maker apps (.wastickers)"));
  CHECK_THAT(ok.body, Catch::Contains("/v1/downloads/fergie/whatsapp/fergie.wastickers?token="));
  CHECK_THAT(ok.body, Catch::Contains("Download links work for 15 minutes"));
  // Submission files (Telegram's bot bundle) are for the operator only.
  CHECK(ok.body.find("fergie-telegram.zip") == std::string::npos);

  // A double-tapped submit (same page, same key) gets the same unlock.
  auto twice = route(form_post("code=GOOD-0020&idempotency_key=k1"), *t.services);
  CHECK(twice.status == 200);
  CHECK(t.ledger.redemption_count() == 1);

  auto again = route(form_post("code=GOOD-0020&idempotency_key=k2"), *t.services);
  CHECK(again.status == 422);
  CHECK_THAT(again.body, Catch::Contains("role=\"alert\""));
  // The fake clock is 2027-01-15 08:00 UTC.
  CHECK_THAT(again.body, Catch::Contains("This code was already used on 15 January 2027, 08:00 UTC."));
  CHECK_THAT(again.body, Catch::Contains("aria-invalid=\"true\""));
  CHECK(again.body.find("berlin") == std::string::npos);
}

TEST_CASE("the page escapes what was typed and refuses other content types", "[verifier]") {
  TestService t;
  auto reply = route(form_post("code=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22&idempotency_key=x"), *t.services);
  CHECK(reply.status == 422);
  CHECK(reply.body.find("<script>") == std::string::npos);
  CHECK_THAT(reply.body, Catch::Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;\""));
  auto json = form_post(R"({"code":"GOOD-0021"})");
  json.headers[0].second = "application/json";
  CHECK(route(json, *t.services).status == 400);
  CHECK(t.ledger.redemption_count() == 0);
}

TEST_CASE("a ledger failure shows a page asking to try again, never a crash", "[verifier]") {
  TestService t;
  t.ledger.fail_ = true;
  auto reply = route(form_post("code=GOOD-0022&idempotency_key=k9"), *t.services);
  CHECK(reply.status == 503);
  CHECK(reply.content_type == "text/html; charset=utf-8");
  CHECK_THAT(reply.body, Catch::Contains("nothing was redeemed"));
}
