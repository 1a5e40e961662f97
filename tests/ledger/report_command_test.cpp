// `stickerforge report` end to end in process: a real SQLite ledger, a real
// campaigns file, the text table and the CSV file, and its bad inputs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "base/files.h"
#include "cli/run_cli.h"
#include "codes/campaign_book.h"
#include "codes/revocations.h"
#include <tuple>
#include "ledger/ledger.h"
#include "support/temp_dir.h"

using sf::test::TempDir;

namespace {

struct CliResult {
  int status;
  std::string out, err;
};

CliResult report(std::vector<std::string> args) {
  args.insert(args.begin(), {"stickerforge", "report"});
  std::ostringstream out, err;
  const int status = sf::cli::run_cli(args, out, err);
  return {status, out.str(), err.str()};
}

// A ledger with three uses of campaign "spring" (two uses per code, a cap of
// 10): code 0 twice at store-1 on one day, code 1 once anonymously the next;
// a mistyped attempt; a campaigns file that issued 25 spring codes, and a
// revocation list taking back serials 0-4.
struct Fixture {
  TempDir dir;
  std::string url = "sqlite:" + (dir / "ledger.db").string();
  std::filesystem::path campaigns = dir / "campaigns.json";
  std::filesystem::path revocations = dir / "revoked.json";

  Fixture() {
    sf::codes::CampaignBook book;
    sf::codes::Campaign spring;
    spring.id = "spring";
    spring.name = "Spring survey";
    spring.pack_id = "acme_hearts";
    spring.trigger = "survey";
    spring.uses_per_code = 2;
    spring.cap = 10;
    book.add(spring);
    book.reserve("spring", 1, 25);
    book.save(campaigns);
    sf::codes::RevocationList list;
    sf::codes::Revocation revocation;
    revocation.campaign_id = "spring";
    revocation.first_serial = 0;
    revocation.last_serial = 4;
    list.add(revocation);
    revocation.first_serial = 3;  // overlapping: each code counts once
    revocation.last_serial = 4;
    list.add(revocation);
    list.save(revocations);

    auto ledger = sf::ledger::open_ledger(url);
    const std::int64_t day = 1795950000000;  // 2026-11-29T11:00:00Z
    for (auto [code, store, at] : {std::tuple{"1/0/0", "store-1", day}, {"1/0/0", "store-1", day + 1},
                                   {"1/0/1", "", day + 86400000}}) {
      sf::ledger::RedeemRequest r;
      r.code_key = code;
      r.uses_allowed = 2;
      r.campaign_cap = 10;
      r.campaign_id = "spring";
      r.trigger = "survey";
      r.store = store;
      r.now_unix_ms = at;
      REQUIRE(ledger->redeem(r).status == sf::ledger::RedeemStatus::redeemed);
    }
    ledger->record_attempt({"", "", "", "", "203.0.113.5", "mistyped", day});
  }
};

}  // namespace

TEST_CASE("report counts codes and uses apart, with revoked codes and the cap left",
          "[ledger][report][cli]") {
  Fixture f;
  auto result = report({"--ledger", f.url, "--campaigns", f.campaigns.string(), "--revocations",
                        f.revocations.string()});
  INFO(result.out);
  INFO(result.err);
  REQUIRE(result.status == 0);
  CHECK_THAT(result.out, Catch::Contains(
      "campaign    trigger  issued  redeemed  redeemed %  uses  revoked  cap left  attempts  failed"));
  // 2 codes redeemed (8% of 25), 3 uses, 5 revoked, 10 - 3 = 7 redemptions left.
  CHECK_THAT(result.out, Catch::Contains("spring      survey       25         2        8.0%     3        5         7"));
  CHECK_THAT(result.out, Catch::Contains("spring      survey   store-1      2026-11-29         1     2"));
  CHECK_THAT(result.out, Catch::Contains("spring      survey   (anonymous)  2026-11-30         1     1"));
  CHECK_THAT(result.out, Catch::Contains("(unparsed)"));
  result = report({"--ledger", f.url, "--revocations", f.revocations.string()});
  CHECK(result.status == 2);
  CHECK_THAT(result.err, Catch::Contains("report: --revocations needs --campaigns"));
}

TEST_CASE("report --csv writes the same figures as CSV", "[ledger][report][cli]") {
  Fixture f;
  const auto csv_path = f.dir / "out" / "report.csv";
  std::filesystem::create_directories(csv_path.parent_path());
  auto result = report({"--ledger", f.url, "--campaigns", f.campaigns.string(), "--campaign",
                        "spring", "--csv", csv_path.string()});
  INFO(result.err);
  REQUIRE(result.status == 0);
  CHECK(sf::read_text_file(csv_path) ==
        "campaign,trigger,store,day,issued,codes_redeemed,uses,revoked,cap_left,attempts,"
        "failed_attempts\r\n"
        "spring,survey,*,*,25,2,3,,7,3,0\r\n"
        "spring,survey,,2026-11-30,,1,1,,,1,0\r\n"
        "spring,survey,store-1,2026-11-29,,1,2,,,2,0\r\n");
}

TEST_CASE("report refuses bad input with a clear message and creates nothing",
          "[ledger][report][cli]") {
  Fixture f;
  SECTION("no ledger") {
    auto result = report({});
    CHECK(result.status == 2);
    CHECK_THAT(result.err, Catch::Contains("report: no ledger given; expected --ledger"));
  }
  SECTION("a ledger file that does not exist is not created") {
    const auto missing = f.dir / "typo.db";
    auto result = report({"--ledger", "sqlite:" + missing.string()});
    CHECK(result.status == 2);
    CHECK_THAT(result.err, Catch::Contains("typo.db") && Catch::Contains("does not exist"));
    CHECK_FALSE(std::filesystem::exists(missing));
  }
  SECTION("an unsupported URL") {
    auto result = report({"--ledger", "mysql://x/y"});
    CHECK(result.status == 2);
    CHECK_THAT(result.err, Catch::Contains("ledger URL 'mysql://x/y' is not supported"));
  }
  SECTION("an unknown campaign") {
    auto result = report({"--ledger", f.url, "--campaign", "autumn"});
    CHECK(result.status == 2);
    CHECK_THAT(result.err, Catch::Contains("campaign 'autumn' has no codes issued, redeemed or tried"));
  }
  SECTION("a CSV in a missing folder leaves nothing behind") {
    const auto csv = f.dir / "no" / "such" / "report.csv";
    auto result = report({"--ledger", f.url, "--csv", csv.string()});
    CHECK(result.status != 0);
    CHECK_THAT(result.err, Catch::Contains("report.csv"));
    CHECK_FALSE(std::filesystem::exists(f.dir / "no"));
  }
}
