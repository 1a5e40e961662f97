// The install description a build starts: empty fields per built messenger,
// and a rebuild keeps what the operator filled in.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "exporters/install_skeleton.h"

using sf::exporters::install_skeleton;

TEST_CASE("install.json skeleton lists the fields per built messenger", "[exporters]") {
  std::vector<std::string> warnings;
  auto doc = nlohmann::json::parse(install_skeleton({"telegram", "whatsapp", "line", "imessage"}, "", warnings));
  CHECK(doc["platforms"]["telegram"] == nlohmann::json({{"add_link", ""}}));
  CHECK(doc["platforms"]["whatsapp"] == nlohmann::json({{"play_store", ""}, {"app_store", ""}}));
  CHECK(doc["platforms"]["line"] == nlohmann::json({{"store_url", ""}}));
  CHECK(doc["platforms"]["imessage"] == nlohmann::json({{"app_store", ""}}));
  CHECK(warnings.empty());
}

TEST_CASE("a rebuild keeps the operator's install.json values", "[exporters]") {
  std::vector<std::string> warnings;
  const std::string previous = R"({"platforms": {"telegram": {"add_link": "https://t.me/addstickers/x"},
                                   "ios-keyboard": {"app_store": "https://apps.apple.com/app/id1"}},
                                   "note": "kept"})";
  auto doc = nlohmann::json::parse(install_skeleton({"telegram", "signal"}, previous, warnings));
  CHECK(doc["platforms"]["telegram"]["add_link"] == "https://t.me/addstickers/x");
  CHECK(doc["platforms"]["ios-keyboard"]["app_store"] == "https://apps.apple.com/app/id1");
  CHECK(doc["platforms"]["signal"]["add_link"] == "");
  CHECK(doc["note"] == "kept");
  auto fresh = nlohmann::json::parse(install_skeleton({"telegram"}, "[1,2]", warnings));
  CHECK(fresh["platforms"]["telegram"]["add_link"] == "");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "install.json: the previous one is not a JSON object; started afresh");
}
