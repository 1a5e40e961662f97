// The report's totals, text table and CSV.
#include <catch2/catch.hpp>
#include <sstream>

#include "ledger/report_table.h"

using sf::ledger::ReportRow;

namespace {

std::vector<ReportRow> sample_rows() {
  // Spring allows two uses per code: 5 uses on 4 codes.
  return {
      {"", "", "", "2026-11-29", 0, 4, 4, 0},
      {"spring", "survey", "", "2026-11-29", 3, 5, 2, 2},
      {"spring", "survey", "store-1", "2026-11-30", 2, 2, 0, 2},
  };
}

}  // namespace

TEST_CASE("totals add up per campaign and include campaigns with issued codes only",
          "[ledger][report]") {
  const auto rows = sample_rows();
  const std::vector<sf::ledger::CampaignFacts> issued = {
      {"spring", "survey", 100, 7, 50}, {"autumn", "purchase", 40, std::nullopt, 0}};
  const auto totals = sf::ledger::campaign_totals(rows, issued);
  REQUIRE(totals.size() == 3);
  CHECK(totals[0].campaign_id == "");
  CHECK_FALSE(totals[0].issued.has_value());
  CHECK(totals[0].failed_attempts == 4);
  CHECK(totals[1].campaign_id == "autumn");
  CHECK(totals[1].issued == 40);
  CHECK(totals[1].redeemed == 0);
  CHECK(totals[2].campaign_id == "spring");
  CHECK(totals[2].issued == 100);
  CHECK(totals[2].codes_redeemed == 4);
  CHECK(totals[2].redeemed == 5);  // uses
  CHECK(totals[2].revoked == 7);
  CHECK(totals[2].cap_left == 45);
  CHECK_FALSE(totals[1].cap_left.has_value());
  CHECK(totals[2].attempts == 7);
  CHECK(totals[2].failed_attempts == 2);
}

TEST_CASE("the text report shows issued, redemption rate and named placeholders",
          "[ledger][report]") {
  const auto rows = sample_rows();
  const std::vector<sf::ledger::CampaignFacts> issued = {{"spring", "survey", 100, 7, 50}};
  std::ostringstream out;
  sf::ledger::write_report_text(out, sf::ledger::campaign_totals(rows, issued), rows);
  const std::string text = out.str();
  INFO(text);
  CHECK_THAT(text, Catch::Contains("campaign    trigger  issued  redeemed  redeemed %  uses  revoked  cap left"));
  CHECK_THAT(text, Catch::Contains("spring      survey      100         4        4.0%     5        7        45"));
  CHECK_THAT(text, Catch::Contains("(unparsed)"));
  CHECK_THAT(text, Catch::Contains("(anonymous)  2026-11-29"));
  CHECK_THAT(text, Catch::Contains("store-1      2026-11-30"));

  std::ostringstream empty;
  sf::ledger::write_report_text(empty, {}, {});
  CHECK(empty.str() == "no redemptions or attempts recorded yet\n");
}

TEST_CASE("the CSV quotes separators and defuses spreadsheet formulas", "[ledger][report]") {
  std::vector<ReportRow> rows = {{"spring", "survey", "=HYPERLINK(\"x\")", "2026-11-29", 1, 1, 0, 1},
                                 {"a,b", "manual", "-store", "2026-11-29", 0, 1, 1, 0}};
  const auto csv =
      sf::ledger::report_csv(sf::ledger::campaign_totals(rows, std::vector<sf::ledger::CampaignFacts>{}), rows);
  CHECK(csv.rfind("campaign,trigger,store,day,issued,codes_redeemed,uses,revoked,cap_left,attempts,"
                  "failed_attempts\r\n", 0) == 0);
  CHECK_THAT(csv, Catch::Contains("\"a,b\",manual,*,*,,0,0,,,1,1\r\n"));
  CHECK_THAT(csv, Catch::Contains("spring,survey,\"'=HYPERLINK(\"\"x\"\")\",2026-11-29,,1,1,,,1,0\r\n"));
  CHECK_THAT(csv, Catch::Contains("\"a,b\",manual,'-store,2026-11-29,,0,0,,,1,1\r\n"));
}
