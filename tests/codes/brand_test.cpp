// The brand block of the campaigns file: read, validated with errors naming
// file, campaign, field and what is expected, written back, set from the CLI.
#include "codes/brand.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/files.h"
#include "codes/campaign_book.h"
#include "support/cli_run.h"
#include "support/temp_dir.h"

using namespace sf::codes;
using sf::test::TempDir;
using sf::test::write_file;

namespace {
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "rest-of-a-png";

std::string campaigns_with_brand(const std::string& brand) {
  return R"({"campaigns": [{"id": "spring", "pack": "fergie_friends", "trigger": "survey",
             "brand": )" + brand + "}]}";
}

std::string load_error(const std::filesystem::path& path) {
  try {
    CampaignBook::load(path);
  } catch (const sf::Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a campaign's brand is read with its logo resolved against the campaigns file", "[codes][brand]") {
  TempDir dir;
  write_file(dir / "shop/brand/logo.png", kPng);
  auto path = write_file(dir / "shop/campaigns.json", campaigns_with_brand(R"({
      "name": "Fergie & Friends", "logo": "brand/logo.png",
      "colors": {"primary": "#e4572e", "background": "#FFF8F0", "text": "#2B2B2B"},
      "support_url": "https://fergie.example/help", "privacy_url": "mailto:privacy@fergie.example"})"));
  CampaignBook book = CampaignBook::load(path);
  const Brand& brand = book.find("spring")->campaign.brand;
  CHECK(brand.name == "Fergie & Friends");
  CHECK(brand.logo == "brand/logo.png");
  CHECK(brand.logo_file == std::filesystem::absolute(dir / "shop/brand/logo.png"));
  CHECK(brand.colors.primary == "#E4572E");  // normalised to upper case
  CHECK(brand.colors.background == "#FFF8F0");
  CHECK(brand.support_url == "https://fergie.example/help");
  CHECK(logo_media_type(brand) == "image/png");

  // Saved and read again: the same brand, the logo still as written.
  book.save(dir / "shop/campaigns.json");
  auto saved = nlohmann::json::parse(sf::read_text_file(path));
  CHECK(saved["campaigns"][0]["brand"]["logo"] == "brand/logo.png");
  CHECK(saved["campaigns"][0]["brand"]["colors"]["primary"] == "#E4572E");
  CHECK(CampaignBook::load(path).find("spring")->campaign.brand.name == "Fergie & Friends");
}

TEST_CASE("a campaign without brand keeps none and writes none", "[codes][brand]") {
  TempDir dir;
  auto path = write_file(dir / "campaigns.json",
                         R"({"campaigns": [{"id": "a", "pack": "p", "trigger": "manual"}]})");
  CampaignBook book = CampaignBook::load(path);
  CHECK(book.find("a")->campaign.brand.empty());
  book.save(path);
  CHECK_FALSE(nlohmann::json::parse(sf::read_text_file(path))["campaigns"][0].contains("brand"));
  // The plain look: readable defaults.
  BrandColors colors = effective_colors(Brand{});
  CHECK(contrast_ratio(colors.text, colors.background) >= 4.5);
  CHECK(contrast_ratio(readable_on(colors.primary), colors.primary) >= 4.5);
}

TEST_CASE("every brand problem is reported with file, campaign, field and what is expected", "[codes][brand]") {
  TempDir dir;
  write_file(dir / "logo.png", "<html>not a png</html>");
  write_file(dir / "logo.gif", "GIF89a");
  auto path = write_file(dir / "campaigns.json", campaigns_with_brand(R"J({
      "name": "Fergie", "logo": "logo.png", "slogan": "hi",
      "colors": {"primary": "red", "background": "#FFFFFF", "text": "#EEEEEE", "accent": "#000000"},
      "support_url": "javascript:alert(1)", "privacy_url": "https://ok.example/privacy"})J"));
  std::string text = load_error(path);
  INFO(text);
  const std::string where = "campaigns.json: campaigns[0] ('spring').brand";
  CHECK_THAT(text, Catch::Contains(where + ".slogan: is not a brand field; expected name, logo"));
  CHECK_THAT(text, Catch::Contains(where + ".logo: 'logo.png' does not hold a PNG image"));
  CHECK_THAT(text, Catch::Contains(where + ".colors.primary: 'red' is not a colour; expected #RRGGBB"));
  CHECK_THAT(text, Catch::Contains(where + ".colors.accent: is not a brand colour"));
  CHECK_THAT(text, Catch::Contains(where + ".colors: text #EEEEEE on background #FFFFFF has a contrast of 1.2:1; "
                                           "expected at least 4.5:1"));
  CHECK_THAT(text, Catch::Contains(where + ".support_url: 'javascript:alert(1)' is not a link; expected https://"));
  CHECK_THAT(text, !Catch::Contains("privacy_url: "));

  write_file(path, campaigns_with_brand(R"({"logo": "missing/logo.svg"})"));
  CHECK_THAT(load_error(path), Catch::Contains(where + ".logo: 'missing/logo.svg' does not exist") &&
                                   Catch::Contains("expected a path relative to the campaigns file"));
  write_file(path, campaigns_with_brand(R"({"logo": "logo.gif"})"));
  CHECK_THAT(load_error(path), Catch::Contains("'logo.gif' is not a PNG or SVG file"));
  write_file(path, campaigns_with_brand(R"("Fergie")"));
  CHECK_THAT(load_error(path), Catch::Contains(where + ": expected an object like"));
  write_file(path, campaigns_with_brand(R"({"name": 7, "colors": ["#000000"]})"));
  CHECK_THAT(load_error(path), Catch::Contains(where + ".name: expected a string") &&
                                   Catch::Contains(where + ".colors: expected an object"));
  write_file(dir / "big.png", kPng + std::string(1100 * 1024, 'x'));
  write_file(path, campaigns_with_brand(R"({"logo": "big.png"})"));
  CHECK_THAT(load_error(path), Catch::Contains("'big.png' is 1100 KiB; expected at most 1024 KiB"));
}

TEST_CASE("campaign add and set take the brand options and store the logo relative to the file", "[codes][brand][cli]") {
  TempDir dir;
  write_file(dir / "art/logo.svg", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>");
  std::string campaigns = (dir / "shop/campaigns.json").string();
  std::filesystem::create_directories(dir / "shop");
  auto r = sf::test::run_stickerforge(
      {"campaign", "add", "--campaigns", campaigns, "--id", "spring", "--pack", "fergie_friends",
       "--trigger", "survey", "--brand-name", "Fergie & Friends", "--brand-logo",
       (dir / "art/logo.svg").string(), "--brand-primary", "#e4572e", "--support-url",
       "https://fergie.example/help"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto doc = nlohmann::json::parse(sf::read_text_file(campaigns));
  CHECK(doc["campaigns"][0]["brand"]["logo"] == "../art/logo.svg");
  CHECK(doc["campaigns"][0]["brand"]["colors"]["primary"] == "#E4572E");
  const Brand brand = CampaignBook::load(campaigns).find("spring")->campaign.brand;
  CHECK(brand.name == "Fergie & Friends");
  CHECK(logo_media_type(brand) == "image/svg+xml");

  r = sf::test::run_stickerforge({"campaign", "set", "--campaigns", campaigns, "--id", "spring",
                                  "--brand-text", "#DDDDDD"});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("brand.colors: text #DDDDDD on background #FFFFFF has a contrast"));
  r = sf::test::run_stickerforge({"campaign", "set", "--campaigns", campaigns, "--id", "spring",
                                  "--brand-primary", "blue"});
  CHECK_THAT(r.err, Catch::Contains("brand.colors.primary: 'blue' is not a colour"));
  r = sf::test::run_stickerforge({"campaign", "set", "--campaigns", campaigns, "--id", "spring",
                                  "--brand-logo", "none", "--privacy-url", "https://fergie.example/p"});
  REQUIRE(r.status == 0);
  const Brand changed = CampaignBook::load(campaigns).find("spring")->campaign.brand;
  CHECK(changed.logo.empty());
  CHECK(changed.privacy_url == "https://fergie.example/p");
  CHECK(changed.colors.primary == "#E4572E");  // untouched by an unrelated change
  r = sf::test::run_stickerforge({"campaign", "set", "--campaigns", campaigns, "--id", "spring",
                                  "--brand-logo", (dir / "nope.png").string()});
  CHECK_THAT(r.err, Catch::Contains("brand.logo: '../nope.png' does not exist"));
}
