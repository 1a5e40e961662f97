// Online serial ranges in the campaigns file: reserved like a CLI batch, so
// `codes issue` never reaches them; checked on load; codes from them are
// marked online by the Checker.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/files.h"
#include "codes/checker.h"
#include "codes/fixtures.h"
#include "codes/issuer.h"
#include "codes/revocations.h"
#include "codes/typed_code.h"
#include "crypto/hmac_key.h"

using sf::test::TempDir;

namespace {

constexpr std::int64_t kNow = 1780000000;  // 2026-05-28

std::string code_at(std::uint32_t number, std::uint32_t serial) {
  sf::crypto::HmacSha256Key key(sf::test::vector_hmac_key());
  sf::codes::TypedFields fields{1, number, serial};
  return sf::codes::format_typed(fields, sf::codes::typed_tag(key, fields));
}

}  // namespace

TEST_CASE("reserve-online takes serials after every batch, and batches after it skip them",
          "[codes][online]") {
  TempDir dir;
  auto keyring = sf::test::write_vector_keyring(dir / "keyring.json");
  auto campaigns = sf::test::write_vector_campaigns(dir / "campaigns.json");
  auto summary = sf::codes::reserve_online_serials(keyring, campaigns, "spring", 1000, kNow);
  CHECK(summary.first_serial == 5000);
  CHECK(summary.last_serial == 5999);
  auto book = sf::codes::CampaignBook::load(campaigns);
  const auto& online = book.find("spring")->online;
  REQUIRE(online.ranges.size() == 1);
  CHECK(online.ranges[0].first == 5000);
  CHECK(online.ranges[0].count == 1000);
  CHECK(online.total() == 1000);
  // Reserving again extends the same range.
  sf::codes::reserve_online_serials(keyring, campaigns, "spring", 10, kNow);
  CHECK(sf::codes::CampaignBook::load(campaigns).find("spring")->online.ranges.size() == 1);

  sf::codes::IssueRequest batch;
  batch.keyring = keyring;
  batch.campaigns = campaigns;
  batch.campaign_id = "spring";
  batch.count = 3;
  batch.out = dir / "batch.csv";
  auto issued = sf::codes::issue_codes(batch, kNow);
  CHECK(issued.first_serial == 6010);

  auto checker = sf::codes::Checker::load(keyring, campaigns);
  auto online_code = checker.check(code_at(42, 5000), kNow);
  REQUIRE(online_code.id);
  CHECK(online_code.id->online);
  auto batch_code = checker.check(code_at(42, 6010), kNow);
  REQUIRE(batch_code.id);
  CHECK_FALSE(batch_code.id->online);
}

TEST_CASE("a campaigns file whose online range is not reserved is refused, naming the range",
          "[codes][online]") {
  TempDir dir;
  auto keyring = sf::test::write_vector_keyring(dir / "keyring.json");
  auto campaigns = sf::test::write_vector_campaigns(dir / "campaigns.json");
  sf::codes::reserve_online_serials(keyring, campaigns, "spring", 1000, kNow);
  // Someone edits "used" back below the online range: `codes issue` would
  // hand out the service's serials, so nothing loads the file.
  auto doc = nlohmann::json::parse(sf::read_text_file(campaigns, 1 << 20));
  doc["campaigns"][0]["slots"][0]["used"] = 5500;
  sf::test::write_file(campaigns, doc.dump());
  try {
    sf::codes::CampaignBook::load(campaigns);
    FAIL("loaded");
  } catch (const sf::Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("campaigns[0].online.ranges[0]") &&
                             Catch::Contains("serials 5000 to 5999 are not reserved") &&
                             Catch::Contains("codes reserve-online"));
  }
  sf::codes::IssueRequest batch;
  batch.keyring = keyring;
  batch.campaigns = campaigns;
  batch.campaign_id = "spring";
  batch.count = 1;
  batch.out = dir / "batch.csv";
  CHECK_THROWS_WITH(sf::codes::issue_codes(batch, kNow), Catch::Contains("are not reserved"));
  CHECK_FALSE(std::filesystem::exists(dir / "batch.csv"));
}

TEST_CASE("issue_on rules are checked with clear messages", "[codes][online]") {
  TempDir dir;
  auto campaigns = sf::test::write_vector_campaigns(dir / "campaigns.json");
  auto doc = nlohmann::json::parse(sf::read_text_file(campaigns, 1 << 20));
  doc["campaigns"][0]["online"] = {
      {"issue_on", {{{"source", "shopfy"}}, {{"source", "stripe"}, {"min_total", "ten"}},
                    {{"source", "typeform"}, {"colour", "red"}}}},
      {"one_per_email", "yes"}};
  sf::test::write_file(campaigns, doc.dump());
  try {
    sf::codes::CampaignBook::load(campaigns);
    FAIL("loaded");
  } catch (const sf::Error& e) {
    const std::string text = e.what();
    CHECK_THAT(text, Catch::Contains("online.issue_on[0].source: source 'shopfy' is unknown") &&
                         Catch::Contains("did you mean 'shopify'"));
    CHECK_THAT(text, Catch::Contains("online.issue_on[1].min_total: expected an amount"));
    CHECK_THAT(text, Catch::Contains("online.issue_on[2].colour: is not a rule field"));
    CHECK_THAT(text, Catch::Contains("online.one_per_email: expected true or false"));
  }
  doc["campaigns"][0]["online"] = {
      {"issue_on", {{{"source", "shopify"}, {"product", "632910392"}, {"min_total", "10.50"}}}},
      {"one_per_email", true}};
  sf::test::write_file(campaigns, doc.dump());
  auto book = sf::codes::CampaignBook::load(campaigns);
  const auto* rule = book.find("spring")->online.rule_for("shopify");
  REQUIRE(rule);
  CHECK(rule->product == "632910392");
  CHECK(rule->min_total_cents == 1050);
  // Saving keeps the online settings.
  book.save(campaigns);
  CHECK(sf::codes::CampaignBook::load(campaigns).find("spring")->online.one_per_email);
}
