// The providers' signature checks and payload readers, in process. The
// Standard Webhooks case is the specification's own test vector
// (github.com/standard-webhooks/standard-webhooks, spec and libraries);
// the other providers are signed here with the formula their docs give,
// and end to end by Python's hmac in e2e_test.py.
#include <catch2/catch.hpp>

#include "codes/online.h"
#include "triggers/provider.h"
#include "triggers/receipt.h"
#include "triggers/signature.h"

using sf::triggers::Endpoint;
using sf::triggers::Event;
using sf::triggers::find_provider;
using sf::triggers::SignedDelivery;
using sf::verifier::HttpRequest;

namespace {

HttpRequest post(std::string body, std::vector<std::pair<std::string, std::string>> headers) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/v1/hooks/x/spring";
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

bool genuine(std::string_view source, const HttpRequest& r, std::vector<std::string> secrets,
             std::int64_t now, std::string public_url = "") {
  Endpoint e{std::string(source), "spring", std::move(secrets), "", ""};
  return find_provider(source)->genuine(SignedDelivery{r, e, public_url, now, 300});
}

}  // namespace

TEST_CASE("Standard Webhooks: the specification's test vector verifies, within the tolerance only",
          "[triggers]") {
  const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  auto request = post(R"({"test": 2432232314})",
                      {{"webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"},
                       {"webhook-timestamp", "1614265330"},
                       {"webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}});
  CHECK(genuine("webhook", request, {secret}, 1614265330));
  CHECK(genuine("webhook", request, {"whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAA", secret}, 1614265330));
  CHECK_FALSE(genuine("webhook", request, {secret}, 1614265330 + 301));
  CHECK_FALSE(genuine("webhook", request, {secret}, 1614265330 - 301));
  request.body = R"({"test": 2432232315})";
  CHECK_FALSE(genuine("webhook", request, {secret}, 1614265330));
  // Several signatures, space-separated, while the sender rolls its secret.
  request.body = R"({"test": 2432232314})";
  request.headers[2].second = "v1,bm90IGl0 v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  CHECK(genuine("webhook", request, {secret}, 1614265330));
}

TEST_CASE("Stripe: t.body signed in hex; every v1 tried; timestamps held to 300 s", "[triggers]") {
  const std::string secret = "whsec_test_secret_0123456789";
  const std::string body = R"({"type":"checkout.session.completed","data":{"object":{"id":"cs_1","payment_status":"paid"}}})";
  const std::string good = sf::triggers::hex(sf::triggers::hmac_sha256(secret, "1796040000." + body));
  auto request = post(body, {{"Stripe-Signature", "t=1796040000,v1=00ff,v1=" + good + ",v0=abc"}});
  CHECK(genuine("stripe", request, {secret}, 1796040100));
  CHECK_FALSE(genuine("stripe", request, {secret}, 1796040301));
  CHECK_FALSE(genuine("stripe", request, {"whsec_another_secret_0000"}, 1796040100));
  request.headers[0].second = "v1=" + good;  // no timestamp
  CHECK_FALSE(genuine("stripe", request, {secret}, 1796040100));
  auto event = find_provider("stripe")->read(post(body, {}));
  REQUIRE(event);
  CHECK(event->action == Event::Action::issue);
  CHECK(event->event_key == "cs_1");
  CHECK(event->claim_key == "cs_1");
  auto unpaid = find_provider("stripe")->read(post(
      R"({"type":"checkout.session.completed","data":{"object":{"id":"cs_2","payment_status":"unpaid"}}})", {}));
  REQUIRE(unpaid);
  CHECK(unpaid->action == Event::Action::ignore);
  CHECK(unpaid->note == "checkout session is unpaid");
}

TEST_CASE("Square signs the configured notification URL followed by the body", "[triggers]") {
  const std::string key = "sq0wbk-signature-key-0001";
  const std::string body = R"({"type":"payment.updated","data":{"object":{"payment":{"id":"p1","status":"COMPLETED"}}}})";
  const std::string url = "https://stickers.example/v1/hooks/x/spring";
  auto request = post(body, {{"x-square-hmacsha256-signature",
                              sf::triggers::base64(sf::triggers::hmac_sha256(key, url + body))}});
  CHECK(genuine("square", request, {key}, 0, "https://stickers.example"));
  // The same delivery judged against the host the request claims is refused.
  CHECK_FALSE(genuine("square", request, {key}, 0, "http://10.0.0.5:8080"));
}

TEST_CASE("Shopify, Typeform: base64 HMAC of the raw body; an empty header never matches",
          "[triggers]") {
  const std::string body = R"({"id":1,"financial_status":"paid","email":"a@b.c"})";
  const std::string mac = sf::triggers::base64(sf::triggers::hmac_sha256("shpss_secret_123456", body));
  CHECK(genuine("shopify", post(body, {{"X-Shopify-Hmac-Sha256", mac}}), {"shpss_secret_123456"}, 0));
  CHECK_FALSE(genuine("shopify", post(body, {}), {"shpss_secret_123456"}, 0));
  CHECK(genuine("typeform", post(body, {{"Typeform-Signature", "sha256=" + mac}}),
                {"shpss_secret_123456"}, 0));
  CHECK_FALSE(genuine("typeform", post(body, {{"Typeform-Signature", mac}}), {"shpss_secret_123456"}, 0));
}

TEST_CASE("Mailchimp: the URL secret, then the form-encoded body", "[triggers]") {
  HttpRequest request = post("type=subscribe&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D=a6b5da1054"
                             "&data%5Bemail%5D=api%40mailchimp.com", {});
  request.query = {{"key", "9f86d081884c7d659a2feaa0c55ad015"}};
  CHECK(genuine("mailchimp", request, {"9f86d081884c7d659a2feaa0c55ad015"}, 0));
  request.query = {{"key", "9f86d081884c7d659a2feaa0c55ad016"}};
  CHECK_FALSE(genuine("mailchimp", request, {"9f86d081884c7d659a2feaa0c55ad015"}, 0));
  auto event = find_provider("mailchimp")->read(request);
  REQUIRE(event);
  CHECK(event->event_key == "a6b5da1054/8a25ff1d98");
  CHECK(event->email == "api@mailchimp.com");
  CHECK(event->list == "a6b5da1054");
}

TEST_CASE("e-mail hashes match the link tokens' subject hash (codes.md §5)", "[triggers]") {
  CHECK(sf::triggers::email_hash("Ada@Example.com ") == "b5fc85e55755f9e0d030a10ab4429b6b");
  CHECK(sf::triggers::email_hash("  ") == "");
}

TEST_CASE("money and receipts", "[triggers]") {
  CHECK(sf::codes::parse_money_cents("12.50") == 1250);
  CHECK(sf::codes::parse_money_cents("10") == 1000);
  CHECK(sf::codes::parse_money_cents("0.5") == 50);
  CHECK_FALSE(sf::codes::parse_money_cents("1.234"));
  CHECK_FALSE(sf::codes::parse_money_cents("-1"));
  CHECK_FALSE(sf::codes::parse_money_cents("10."));
  const std::string text = sf::triggers::receipt_text("Spring", "11A0-16JH-3NDR-T0XE",
                                                      "https://stickers.example/?code=11A0-16JH-3NDR-T0XE", 32);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    CHECK(end - start <= 32);
    start = end + 1;
  }
  CHECK(text.find("\n      11A0-16JH-3NDR-T0XE\n") != std::string::npos);  // (32 - 19) / 2 spaces
}
