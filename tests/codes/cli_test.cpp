#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "base/files.h"
#include "support/cli_run.h"
#include "codes/fixtures.h"

using sf::test::TempDir;

namespace {

using Run = sf::test::CliRun;
const auto run = &sf::test::run_stickerforge;

}  // namespace

TEST_CASE("the marketer's flow: keys, campaign, issue, verify, revoke", "[codes][cli]") {
  TempDir dir;
  std::string keys = (dir / "keys.json").string();
  std::string campaigns = (dir / "campaigns.json").string();
  std::string revocations = (dir / "revoked.json").string();

  Run r = run({"keys", "new", "--keyring", keys});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("key 1 (hmac) added to new keyring"));
  struct stat info {};
  REQUIRE(::stat(keys.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  std::string secret_file = sf::read_text_file(keys);
  auto at = secret_file.find("\"secret\": \"") + 11;
  std::string secret = secret_file.substr(at, secret_file.find('"', at) - at);
  r = run({"keys", "list", "--keyring", keys});
  CHECK_THAT(r.out, Catch::Contains("hmac") && Catch::Contains("active"));
  CHECK(r.out.find(secret) == std::string::npos);  // secrets never printed

  r = run({"campaign", "add", "--campaigns", campaigns, "--id", "spring", "--pack", "acme_hearts",
           "--trigger", "survey", "--starts", "2026-01-01", "--ends", "2026-12-31"});
  REQUIRE(r.status == 0);
  r = run({"campaign", "list", "--campaigns", campaigns});
  CHECK_THAT(r.out, Catch::Contains("spring") && Catch::Contains("2026-12-31 (inclusive)"));

  std::string out = (dir / "codes.csv").string();
  r = run({"codes", "issue", "--keyring", keys, "--campaigns", campaigns, "--campaign", "spring",
           "--count", "5", "--out", out});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("5 typed codes of campaign 'spring'"));
  std::string csv = sf::read_text_file(out);
  std::string first = csv.substr(csv.find('\n') + 1, 19);
  std::string second = csv.substr(csv.find('\n', csv.find('\n') + 1) + 1, 19);

  r = run({"codes", "verify", "--keyring", keys, "--campaigns", campaigns, "--now", "2026-06-01", first});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains(first + ": valid (campaign 'spring', pack 'acme_hearts', serial 0"));

  std::string typo = first;
  typo[3] = typo[3] == '7' ? '8' : '7';
  r = run({"codes", "verify", "--keyring", keys, "--campaigns", campaigns, "--now", "2026-06-01", first, typo});
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains(typo + ": mistyped: code looks mistyped"));
  CHECK_THAT(r.out, Catch::Contains("1 of 2 codes valid"));
  r = run({"codes", "verify", "--keyring", keys, "--campaigns", campaigns, "--now", "2027-01-01", first});
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("expired: campaign 'spring' ended 2027-01-01T00:00:00Z"));
  r = run({"codes", "verify", "--keyring", keys, "--campaigns", campaigns, "--now", "2025-12-31", first});
  CHECK_THAT(r.out, Catch::Contains("not_started"));

  // Extending the campaign revives its codes without reissuing.
  r = run({"campaign", "set", "--campaigns", campaigns, "--id", "spring", "--ends", "2027-06-30"});
  REQUIRE(r.status == 0);
  r = run({"codes", "verify", "--keyring", keys, "--campaigns", campaigns, "--now", "2027-01-01", first});
  CHECK(r.status == 0);

  r = run({"codes", "revoke", "--revocations", revocations, "--keyring", keys, "--campaigns", campaigns,
           "--code", first, "--reason", "refund"});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("revoked campaign 'spring' serials 0-0"));
  r = run({"codes", "verify", "--keyring", keys, "--campaigns", campaigns, "--revocations", revocations,
           "--now", "2026-06-01", first, second});
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains(first + ": revoked"));
  CHECK_THAT(r.out, Catch::Contains(second + ": valid"));

  // Rotation: retire key 1, add key 2; old codes still verify, new ones use key 2.
  REQUIRE(run({"keys", "retire", "1", "--keyring", keys}).status == 0);
  REQUIRE(run({"keys", "new", "--keyring", keys}).status == 0);
  std::string out2 = (dir / "codes2.csv").string();
  r = run({"codes", "issue", "--keyring", keys, "--campaigns", campaigns, "--campaign", "spring",
           "--count", "2", "--out", out2});
  CHECK_THAT(r.out, Catch::Contains("(key 2,"));
  std::string csv2 = sf::read_text_file(out2);
  std::string newer = csv2.substr(csv2.find('\n') + 1, 19);
  r = run({"codes", "verify", "--keyring", keys, "--campaigns", campaigns, "--now", "2026-06-01", second, newer});
  CHECK(r.status == 0);

  r = run({"codes", "revoke", "--revocations", revocations, "--key-id", "1"});
  REQUIRE(r.status == 0);
  r = run({"codes", "verify", "--keyring", keys, "--campaigns", campaigns, "--revocations", revocations,
           "--now", "2026-06-01", second, newer});
  CHECK_THAT(r.out, Catch::Contains(second + ": revoked: key 1 is revoked"));
  CHECK_THAT(r.out, Catch::Contains(newer + ": valid"));
}

TEST_CASE("command-line bad input gets clear messages and exit 2", "[codes][cli]") {
  TempDir dir;
  std::string keys = sf::test::write_vector_keyring(dir / "keys.json").string();
  std::string campaigns = sf::test::write_vector_campaigns(dir / "campaigns.json").string();
  auto expect = [](std::vector<std::string> args, const std::string& message) {
    Run r = run(args);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains(message));
  };
  std::string out = (dir / "c.csv").string();
  std::vector<std::string> issue = {"codes", "issue", "--keyring", keys, "--campaigns", campaigns,
                                    "--campaign", "spring", "--out", out, "--count"};
  auto with = [](std::vector<std::string> args, std::string extra) {
    args.push_back(extra);
    return args;
  };
  expect(with(issue, "0"), "--count is 0");
  expect(with(issue, "-5"), "--count '-5' is not a number");
  expect(with(issue, "1e9"), "--count '1e9' is not a number");
  expect(with(issue, "999999999999"), "is absurd");
  CHECK_FALSE(std::filesystem::exists(out));
  expect({"campaign", "add", "--campaigns", campaigns, "--id", "x", "--pack", "p", "--trigger", "email"},
         "trigger 'email' is unknown");
  expect({"campaign", "add", "--campaigns", campaigns, "--id", "x", "--pack", "p", "--trigger", "manual",
          "--ends", "31/12/2026"},
         "--ends '31/12/2026' is not a date; expected YYYY-MM-DD");
  expect({"campaign", "add", "--campaigns", campaigns, "--id", "x", "--pack", "p", "--trigger", "manual",
          "--cap", "-1"},
         "--cap '-1' is invalid");
  expect({"keys", "new", "--keyring", keys, "--type", "rsa"}, "--type 'rsa' is unknown");
  expect({"keys", "retire", "x", "--keyring", keys}, "key id 'x' is not a number");
  expect({"keys", "rotate", "--keyring", keys}, "unknown action 'rotate'");
  expect({"codes", "verify", "--keyring", keys, "--campaigns", campaigns}, "no codes given");
  expect({"codes", "revoke", "--revocations", (dir / "r.json").string()}, "exactly one of --code, --campaign or --key-id");
  expect({"codes", "revoke", "--revocations", (dir / "r.json").string(), "--campaign", "spring",
          "--serials", "20-10"}, "ends before it starts");
  CHECK_FALSE(std::filesystem::exists(dir / "r.json"));
  ::chmod(keys.c_str(), 0644);
  expect({"codes", "verify", "--keyring", keys, "--campaigns", campaigns, "11A0-16JH-3NDR-T0XE"},
         "readable by group or others");
}

TEST_CASE("codes verify prints a reason per code for wrong lengths and symbols", "[codes][cli]") {
  TempDir dir;
  std::string keys = sf::test::write_vector_keyring(dir / "keys.json").string();
  std::string campaigns = sf::test::write_vector_campaigns(dir / "campaigns.json").string();
  Run r = run({"codes", "verify", "--keyring", keys, "--campaigns", campaigns, "--now", "2026-06-01",
               "11A0-16JH-3NDR-T0XE", "11A0-16JH", "11A0-16JH-3NDR-T0XU", "11A0-16JH-3NDR-T0X#"});
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("11A0-16JH-3NDR-T0XE: valid"));
  CHECK_THAT(r.out, Catch::Contains("11A0-16JH: malformed: code has 8 symbols; expected 16"));
  CHECK_THAT(r.out, Catch::Contains("11A0-16JH-3NDR-T0XU: malformed: code has 'U', which is not a code symbol"));
  CHECK_THAT(r.out, Catch::Contains("1 of 4 codes valid"));
}

TEST_CASE("--help after a sub-command shows its usage instead of an error", "[codes][cli]") {
  for (std::vector<std::string> args : {std::vector<std::string>{"codes", "issue", "--help"},
                                        {"keys", "new", "-h"},
                                        {"campaign", "add", "--help"}}) {
    Run r = run(args);
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::StartsWith("usage: stickerforge " + args[0]));
    CHECK(r.err.empty());
  }
}
