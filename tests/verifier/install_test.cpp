// install.json: the page shows exactly the messengers an operator set up,
// with numbered steps, the visitor's system first; unusable links are
// ignored; changes count after a reload (SIGHUP).
#include <catch2/catch.hpp>

#include "support/temp_dir.h"
#include "verifier/fakes.h"
#include "verifier/routes.h"

using sf::test::TestService;
using sf::verifier::HttpRequest;
using sf::verifier::route;

namespace {

HttpRequest phone_post(const std::string& code, const std::string& agent) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/redeem";
  request.client = "203.0.113.11";
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("User-Agent", agent);
  request.body = "code=" + code + "&idempotency_key=" + code;
  return request;
}

constexpr const char* kIphone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
constexpr const char* kAndroid = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120.0 Mobile";

void write_install(TestService& t) {
  sf::test::write_file(t.dir / "packs" / "fergie" / "install.json", R"j({"platforms": {
    "telegram": {"add_link": "https://t.me/addstickers/fergie_by_acmebot"},
    "signal": {"add_link": "https://evil.example/addstickers/"},
    "whatsapp": {"play_store": "https://play.google.com/store/apps/details?id=com.acme.stickers",
                 "app_store": "https://apps.apple.com/app/id123"},
    "imessage": {"app_store": "https://apps.apple.com/app/id456"},
    "line": {"store_url": "https://store.line.me/stickershop/product/1/en"},
    "discord": {"invite": "javascript:alert(1)"},
    "android-keyboard": {"play_store": "https://play.google.com/store/apps/details?id=com.acme.kbd"}}})j");
}

std::size_t at(const std::string& html, const std::string& text) {
  auto pos = html.find(text);
  return pos == std::string::npos ? std::string::npos - 1 : pos;
}

}  // namespace

TEST_CASE("the page offers what install.json configures, the visitor's system first", "[verifier]") {
  TestService t;
  write_install(t);
  t.services->packs.reload();
  auto iphone = route(phone_post("GOOD-0060", kIphone), *t.services);
  REQUIRE(iphone.status == 200);
  const std::string& html = iphone.body;
  CHECK_THAT(html, Catch::Contains("<h2 id=\"m-whatsapp\">WhatsApp</h2>"));
  CHECK_THAT(html, Catch::Contains("<h2 id=\"m-line\">LINE</h2>"));
  CHECK_THAT(html, Catch::Contains("Open in the LINE store"));
  CHECK_THAT(html, Catch::Contains("<li>Open the app and tap “Add to WhatsApp” next to the pack.</li>"));
  // Unusable links are not offered: Signal's points elsewhere, Discord's is script.
  CHECK(html.find("m-signal") == std::string::npos);
  CHECK(html.find("m-discord") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  // On an iPhone: iMessage leads, the App Store button before Google Play,
  // and the Android keyboard waits under "More messengers".
  CHECK(at(html, "m-imessage") < at(html, "m-whatsapp"));
  CHECK(at(html, "https://apps.apple.com/app/id123") < at(html, "com.acme.stickers"));
  CHECK(at(html, "<summary>More messengers</summary>") < at(html, "m-android-keyboard"));

  auto android = route(phone_post("GOOD-0061", kAndroid), *t.services);
  const std::string& other = android.body;
  CHECK(at(other, "m-android-keyboard") < at(other, "m-whatsapp"));
  CHECK(at(other, "com.acme.stickers") < at(other, "https://apps.apple.com/app/id123"));
  CHECK(at(other, "<summary>More messengers</summary>") < at(other, "m-imessage"));
}

TEST_CASE("install.json changes count after a reload", "[verifier]") {
  TestService t;
  auto before = route(phone_post("GOOD-0062", kAndroid), *t.services);
  CHECK(before.body.find("m-line") == std::string::npos);
  write_install(t);
  t.services->packs.reload();  // what SIGHUP does
  auto after = route(phone_post("GOOD-0063", kAndroid), *t.services);
  CHECK_THAT(after.body, Catch::Contains("m-line"));
  // The old add_links.json is no longer read once install.json exists.
  CHECK(after.body.find("signal.art") == std::string::npos);
}
