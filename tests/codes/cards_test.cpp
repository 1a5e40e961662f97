// Printed cards and QR images: always a URL, the brand, dates in words; and
// the issuing options around them (--qr dir/, --out -, the cap, verify --from).
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>

#include "base/error.h"
#include "base/files.h"
#include "codes/brand.h"
#include "codes/campaign_book.h"
#include "codes/fixtures.h"
#include "codes/issuer.h"
#include "codes/qr.h"
#include "codes/sheet.h"
#include "codes/time_text.h"
#include "support/cli_run.h"

using namespace sf::codes;
using sf::test::kMidCampaign;
using sf::test::TempDir;

namespace {

std::string zbar(const std::filesystem::path& image) {
  auto result = sf::test::run_command("(zbarimg --quiet --raw '" + image.string() + "' 2>/dev/null)");
  INFO(result.output);
  REQUIRE(result.status == 0);
  return result.output.substr(0, result.output.find('\n'));
}

// The brand of the cards below, with a real 1x1 PNG logo beside the campaigns file.
void brand_the_campaign(const std::filesystem::path& campaigns, const std::filesystem::path& dir) {
  sf::test::write_file(dir / "logo.png", std::string("\x89PNG\r\n\x1a\n", 8) + "tiny");
  auto book = CampaignBook::load(campaigns);
  Brand& brand = book.get("spring").campaign.brand;
  brand.name = "Fergie & Friends";
  brand.logo = "logo.png";
  brand.logo_file = dir / "logo.png";
  brand.colors.primary = "#1B5E20";  // dark green: cameras read it on white
  book.save(campaigns);
}

struct Issue {
  TempDir dir;
  IssueRequest request;
  Issue() {
    request.keyring = sf::test::write_vector_keyring(dir / "keys.json");
    request.campaigns = sf::test::write_vector_campaigns(dir / "campaigns.json");
    request.campaign_id = "spring";
    request.count = 2;
    request.out = dir / "codes.csv";
    request.link_base = "https://rewards.example/r/";
  }
};

}  // namespace

TEST_CASE("dates read as people write them", "[codes][cards]") {
  // --ends 2026-05-31 is stored as the first second of June 1st.
  std::int64_t ends = parse_utc("2026-05-31", DateEdge::end_of_day, "--ends");
  CHECK(format_end(ends) == "2026-05-31");
  CHECK(format_end_words(ends) == "31 May 2026");
  CHECK(format_start(parse_utc("2026-03-01", DateEdge::start_of_day, "x")) == "2026-03-01");
  std::int64_t exact = parse_utc("2026-12-03T16:24:00Z", DateEdge::end_of_day, "x");
  CHECK(format_end(exact) == "2026-12-03T16:24:00Z");
  CHECK(format_end_words(exact) == "3 December 2026, 16:24 UTC");
  CHECK(format_words(parse_utc("2026-03-01", DateEdge::start_of_day, "x")) == "1 March 2026");
}

TEST_CASE("the card's typing address comes from the link base", "[codes][cards]") {
  CHECK(redemption_address("https://rewards.example/r/") == "rewards.example");
  CHECK(redemption_address("https://acme.example/stickers/r/") == "acme.example/stickers");
  CHECK(redemption_address("https://acme.example/redeem?c={code}&src=mail") == "acme.example/redeem");
  CHECK(redemption_address("http://127.0.0.1:8080/r/") == "127.0.0.1:8080");
}

TEST_CASE("QR images take the brand colour only when cameras can still read it", "[codes][cards]") {
  Brand brand;
  CHECK(qr_dark_color(brand) == "#000000");
  brand.colors.primary = "#FFD166";  // light yellow: unreadable on white
  CHECK(qr_dark_color(brand) == "#000000");
  brand.colors.text = "#3D2C00";
  CHECK(qr_dark_color(brand) == "#3D2C00");
  brand.colors.primary = "#1B5E20";
  CHECK(qr_dark_color(brand) == "#1B5E20");
  TempDir dir;
  const std::string url = "https://rewards.example/r/11A0-16JH-3NDR-T0XE";
  auto png = qr_png(url, 8, "#1B5E20");
  auto path = sf::test::write_file(dir / "green.png", std::string(png.begin(), png.end()));
  CHECK(zbar(path) == url);
  // The palette holds the brand colour: ImageMagick sees green pixels.
  auto colors = sf::test::run_command("convert '" + path.string() + "' -format %c histogram:info:-");
  CHECK_THAT(colors.output, Catch::Contains("#1B5E20"));
  CHECK_THAT(qr_svg(url, "#1b5e20"), Catch::Contains("fill=\"#1B5E20\""));
  CHECK_THAT(qr_svg(url, "\"/><script>"), Catch::Contains("fill=\"#000000\""));
}

TEST_CASE("QR images and cards without a link base are refused: a QR must open a page", "[codes][cards]") {
  Issue s;
  s.request.link_base.clear();
  s.request.qr_dir = s.dir / "qr";
  REQUIRE_THROWS_WITH(issue_codes(s.request, kMidCampaign),
                      Catch::Contains("--qr needs --link-base: a QR code must carry a link a phone "
                                      "camera can open; expected --link-base https://"));
  s.request.qr_dir.clear();
  s.request.sheet = s.dir / "cards.html";
  REQUIRE_THROWS_WITH(issue_codes(s.request, kMidCampaign), Catch::Contains("--sheet needs --link-base"));
  CHECK_FALSE(std::filesystem::exists(s.request.out));
  CHECK(CampaignBook::load(s.request.campaigns).find("spring")->issued() == 10000);  // nothing reserved
}

TEST_CASE("cards carry the brand, the code on one line, the address, steps and the last day", "[codes][cards]") {
  Issue s;
  brand_the_campaign(s.request.campaigns, s.dir.path());
  s.request.sheet = s.dir / "cards.html";
  s.request.qr_dir = s.dir / "qr";
  issue_codes(s.request, kMidCampaign);
  std::ifstream csv(s.request.out);
  std::string header, first;
  std::getline(csv, header);
  std::getline(csv, first);
  const std::string code = first.substr(0, first.find(','));
  std::string html = sf::read_text_file(s.request.sheet);
  CHECK_THAT(html, Catch::Contains("<p class=\"code\">" + code + "</p>"));
  CHECK_THAT(html, Catch::Contains("white-space:nowrap"));
  CHECK_THAT(html, Catch::Contains("Fergie &amp; Friends"));
  CHECK_THAT(html, Catch::Contains("src=\"data:image/png;base64,iVBORw0KGgp0aW55\""));
  CHECK_THAT(html, Catch::Contains("go to <span class=\"address\">rewards.example</span>"));
  CHECK_THAT(html, Catch::Contains("Valid 1 January 2026 to 31 December 2026"));
  CHECK_THAT(html, !Catch::Contains("2027-01-01T00:00:00Z"));
  CHECK_THAT(html, Catch::Contains("fill=\"#1B5E20\""));  // the QR in the brand colour
  CHECK_THAT(html, Catch::Contains("@page{size:A4"));
  // The QR image file decodes to the code's /r/ link, in the brand colour.
  auto serial = first.substr(first.find(',', first.find(',') + 1) + 1);
  serial = serial.substr(0, serial.find(','));
  CHECK(zbar(s.dir / "qr" / (serial + ".png")) == "https://rewards.example/r/" + code);

  // Receipt strips: one colour, the printer's width.
  for (auto [layout, width] : {std::pair{CardLayout::receipt_58, "58mm"}, std::pair{CardLayout::receipt_80, "80mm"}}) {
    s.request.layout = layout;
    s.request.force = true;
    s.request.qr_dir.clear();
    issue_codes(s.request, kMidCampaign);
    html = sf::read_text_file(s.request.sheet);
    CHECK_THAT(html, Catch::Contains(std::string("@page{size:") + width));
    CHECK_THAT(html, Catch::Contains("fill=\"#000000\""));
    CHECK_THAT(html, Catch::Contains("grayscale(1)"));
  }
}

TEST_CASE("link-code cards are scanned, not typed", "[codes][cards]") {
  Issue s;
  s.request.kind = IssueRequest::Kind::link;
  s.request.sheet = s.dir / "cards.html";
  issue_codes(s.request, kMidCampaign);
  std::string html = sf::read_text_file(s.request.sheet);
  CHECK_THAT(html, !Catch::Contains("class=\"code\""));
  CHECK_THAT(html, Catch::Contains("Scan the QR code with your phone camera"));
}

TEST_CASE("issuing past the cap is refused unless forced", "[codes][cards]") {
  Issue s;
  auto book = CampaignBook::load(s.request.campaigns);
  book.get("spring").campaign.cap = 10002;  // 10000 issued by the fixture
  book.save(s.request.campaigns);
  s.request.count = 3;
  REQUIRE_THROWS_WITH(issue_codes(s.request, kMidCampaign),
                      Catch::Contains("campaign 'spring' has a cap of 10002 redemptions and 10000 codes "
                                      "issued; 3 more would pass it (at most 2 fit); raise it with "
                                      "'campaign set --cap' or pass --force"));
  CHECK_FALSE(std::filesystem::exists(s.request.out));
  s.request.count = 2;
  CHECK(issue_codes(s.request, kMidCampaign).count == 2);
  s.request.force = true;
  CHECK(issue_codes(s.request, kMidCampaign).count == 2);
}

TEST_CASE("the CLI writes codes to standard output and verifies the files it wrote", "[codes][cards][cli]") {
  TempDir dir;
  std::string keys = sf::test::write_vector_keyring(dir / "keys.json").string();
  std::string campaigns = sf::test::write_vector_campaigns(dir / "campaigns.json").string();
  auto r = sf::test::run_stickerforge({"codes", "issue", "--keyring", keys, "--campaigns", campaigns,
                                       "--campaign", "spring", "--count", "3", "--out", "-"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.starts_with("code,campaign,serial,key_id\n"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 4);
  CHECK_THAT(r.err, Catch::Contains("3 typed codes of campaign 'spring'") &&
                        Catch::Contains("written to standard output"));

  // verify --from reads the CSV and the JSON lines exactly as issue wrote them.
  sf::test::write_file(dir / "codes.csv", r.out);
  r = sf::test::run_stickerforge({"codes", "verify", "--keyring", keys, "--campaigns", campaigns,
                                  "--now", "2026-06-01", "--from", (dir / "codes.csv").string()});
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("3 of 3 codes valid"));
  r = sf::test::run_stickerforge({"codes", "issue", "--keyring", keys, "--campaigns", campaigns,
                                  "--campaign", "spring", "--count", "2", "--format", "jsonl",
                                  "--link-base", "https://rewards.example/r/", "--out",
                                  (dir / "codes.jsonl").string()});
  REQUIRE(r.status == 0);
  r = sf::test::run_stickerforge({"codes", "verify", "--keyring", keys, "--campaigns", campaigns,
                                  "--now", "2026-06-01", "--from", (dir / "codes.jsonl").string()});
  CHECK_THAT(r.out, Catch::Contains("2 of 2 codes valid"));
  sf::test::write_file(dir / "bad.jsonl", "{\"serial\": 3}\n");
  r = sf::test::run_stickerforge({"codes", "verify", "--keyring", keys, "--campaigns", campaigns,
                                  "--from", (dir / "bad.jsonl").string()});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.jsonl:1: a JSON line without a \"code\" string"));

  // --qr dir/ with a trailing slash, and the cards' layout option.
  r = sf::test::run_stickerforge({"codes", "issue", "--keyring", keys, "--campaigns", campaigns,
                                  "--campaign", "spring", "--count", "1", "--out",
                                  (dir / "one.csv").string(), "--link-base", "https://rewards.example/r/",
                                  "--qr", (dir / "qr").string() + "/", "--sheet",
                                  (dir / "cards.html").string(), "--layout", "receipt-58"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(std::distance(std::filesystem::directory_iterator(dir / "qr"), {}) == 1);
  CHECK_THAT(sf::read_text_file(dir / "cards.html"), Catch::Contains("@page{size:58mm"));
  r = sf::test::run_stickerforge({"codes", "issue", "--keyring", keys, "--campaigns", campaigns,
                                  "--campaign", "spring", "--count", "1", "--out", "-", "--layout", "a5"});
  CHECK_THAT(r.err, Catch::Contains("--layout 'a5' is unknown; expected a4, receipt-58 or receipt-80"));
}

TEST_CASE("campaign echoes an end date as the day typed, and its usage lists every action", "[codes][cards][cli]") {
  TempDir dir;
  std::string campaigns = (dir / "campaigns.json").string();
  auto r = sf::test::run_stickerforge({"campaign", "add", "--campaigns", campaigns, "--id", "spring",
                                       "--pack", "p", "--trigger", "survey", "--starts", "2026-03-01",
                                       "--ends", "2026-05-31"});
  CHECK_THAT(r.out, Catch::Contains("2026-03-01 to 2026-05-31 (inclusive)"));
  CHECK_THAT(r.err, Catch::Contains("warning: pack 'p' is not built in '" + (dir / "packs").string() +
                                    "' (no " + (dir / "packs" / "p" / "report.json").string() +
                                    "); the verifier will not start until it is: stickerforge build "
                                    "PACK.json --out " + (dir / "packs" / "p").string()));
  sf::test::write_file(dir / "built" / "p" / "report.json", "{}");
  r = sf::test::run_stickerforge({"campaign", "set", "--campaigns", campaigns, "--id", "spring",
                                  "--packs", (dir / "built").string()});
  CHECK(r.status == 0);
  CHECK_THAT(r.err, !Catch::Contains("warning"));
  r = sf::test::run_stickerforge({"campaign", "set", "--campaigns", campaigns, "--id", "spring",
                                  "--ends", "2026-06-30T18:00:00+02:00"});
  CHECK_THAT(r.out, Catch::Contains("2026-03-01 to 2026-06-30T16:00:00Z"));
  r = sf::test::run_stickerforge({"campaign", "list", "--campaigns", campaigns});
  CHECK_THAT(r.out, Catch::Contains("2026-03-01") && Catch::Contains("2026-06-30T16:00:00Z"));
  r = sf::test::run_stickerforge({"campaign"});
  for (const char* action : {"campaign add", "campaign list", "campaign set", "--brand-name", "--pack"})
    CHECK_THAT(r.err, Catch::Contains(action));
}

TEST_CASE("a card rendered by Chromium at phone size shows a QR a camera decodes to the link", "[codes][cards][chromium]") {
  Issue s;
  brand_the_campaign(s.request.campaigns, s.dir.path());
  s.request.count = 1;
  s.request.sheet = s.dir / "cards.html";
  issue_codes(s.request, kMidCampaign);
  std::ifstream csv(s.request.out);
  std::string line;
  std::getline(csv, line);
  std::getline(csv, line);
  const std::string code = line.substr(0, line.find(','));
  const auto png = s.dir / "card.png";
  auto shot = sf::test::run_command(
      "chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
      "--disable-component-update --disable-sync --user-data-dir='" + (s.dir / "profile").string() +
      "' --hide-scrollbars --window-size=390,844 --screenshot='" + png.string() + "' 'file://" +
      s.request.sheet.string() + "' 2>&1");
  INFO(shot.output);
  REQUIRE(std::filesystem::exists(png));
  CHECK(zbar(png) == "https://rewards.example/r/" + code);
  // One card per row at phone width: trimmed of the white page around it, the
  // card is 85 mm (321 px) wide, not cut at both screen edges (390 px).
  auto trimmed = sf::test::run_command("convert '" + png.string() + "' -trim -format %w info:");
  INFO(trimmed.output);
  CHECK(std::stoi(trimmed.output) < 340);
}
