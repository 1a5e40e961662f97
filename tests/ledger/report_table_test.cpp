// The report's totals, text table and CSV.
#include <catch2/catch.hpp>
#include <sstream>

#include "ledger/report_table.h"

using sf::ledger::ReportRow;

namespace {

std::vector<ReportRow> sample_rows() {
  return {
      {"", "", "", "2026-11-29", 0, 4, 4},
      {"spring", "survey", "", "2026-11-29", 3, 5, 2},
      {"spring", "survey", "store-1", "2026-11-30", 2, 2, 0},
  };
}

}  // namespace

TEST_CASE("totals add up per campaign and include campaigns with issued codes only",
          "[ledger][report]") {
  const auto rows = sample_rows();
  const std::vector<std::tuple<std::string, std::string, std::int64_t>> issued = {
      {"spring", "survey", 100}, {"autumn", "purchase", 40}};
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
  CHECK(totals[2].redeemed == 5);
  CHECK(totals[2].attempts == 7);
  CHECK(totals[2].failed_attempts == 2);
}

TEST_CASE("the text report shows issued, redemption rate and named placeholders",
          "[ledger][report]") {
  const auto rows = sample_rows();
  const std::vector<std::tuple<std::string, std::string, std::int64_t>> issued = {
      {"spring", "survey", 100}};
  std::ostringstream out;
  sf::ledger::write_report_text(out, sf::ledger::campaign_totals(rows, issued), rows);
  const std::string text = out.str();
  CHECK_THAT(text, Catch::Contains("spring      survey      100         5        5.0%"));
  CHECK_THAT(text, Catch::Contains("(unparsed)"));
  CHECK_THAT(text, Catch::Contains("(anonymous)  2026-11-29"));
  CHECK_THAT(text, Catch::Contains("store-1      2026-11-30"));

  std::ostringstream empty;
  sf::ledger::write_report_text(empty, {}, {});
  CHECK(empty.str() == "no redemptions or attempts recorded yet\n");
}

TEST_CASE("the CSV quotes separators and defuses spreadsheet formulas", "[ledger][report]") {
  std::vector<ReportRow> rows = {{"spring", "survey", "=HYPERLINK(\"x\")", "2026-11-29", 1, 1, 0},
                                 {"a,b", "manual", "-store", "2026-11-29", 0, 1, 1}};
  const auto csv =
      sf::ledger::report_csv(sf::ledger::campaign_totals(rows, std::vector<std::tuple<std::string, std::string, std::int64_t>>{}), rows);
  CHECK(csv.rfind("campaign,trigger,store,day,issued,redeemed,attempts,failed_attempts\r\n", 0) == 0);
  CHECK_THAT(csv, Catch::Contains("\"a,b\",manual,*,*,,0,1,1\r\n"));
  CHECK_THAT(csv, Catch::Contains("spring,survey,\"'=HYPERLINK(\"\"x\"\")\",2026-11-29,,1,1,0\r\n"));
  CHECK_THAT(csv, Catch::Contains("\"a,b\",manual,'-store,2026-11-29,,0,1,1\r\n"));
}
