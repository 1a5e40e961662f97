#include "codes/issuer.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "base/error.h"
#include "codes/checker.h"
#include "codes/fixtures.h"
#include "codes/revocations.h"

using namespace sf::codes;
using sf::test::kMidCampaign;
using sf::test::TempDir;

namespace {

std::string run_file(int process, int run) {
  std::string name = "p";
  name += std::to_string(process);
  name += '-';
  name += std::to_string(run);
  name += ".csv";
  return name;
}

struct Setup {
  TempDir dir;
  IssueRequest request;
  Setup() {
    request.keyring = sf::test::write_vector_keyring(dir / "keys.json");
    request.campaigns = sf::test::write_vector_campaigns(dir / "campaigns.json");
    request.campaign_id = "spring";
    request.count = 100;
    request.out = dir / "codes.csv";
  }
  Checker checker() const { return Checker::load(request.keyring, request.campaigns, {}); }
};

std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> row;
    std::stringstream fields(line);
    for (std::string field; std::getline(fields, field, ',');) row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

std::size_t folder_entries(const std::filesystem::path& dir) {
  std::size_t n = 0;
  // "<file>.lock" files are the flock targets and are meant to stay.
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() != ".lock") ++n;
  return n;
}

}  // namespace

TEST_CASE("issued typed codes all verify, with fresh serials", "[codes]") {
  Setup s;
  auto summary = issue_codes(s.request, kMidCampaign);
  CHECK(summary.first_serial == 5000);  // the fixture had used 5000 already
  CHECK(summary.last_serial == 5099);
  auto rows = read_csv(s.request.out);
  REQUIRE(rows.size() == 101);
  CHECK(rows[0] == std::vector<std::string>{"code", "campaign", "serial", "key_id"});
  Checker checker = s.checker();
  std::set<std::string> ledger_keys;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    CheckResult r = checker.check(rows[i][0], kMidCampaign);
    REQUIRE(r.verdict == Verdict::valid);
    CHECK(std::to_string(r.id->serial) == rows[i][2]);
    ledger_keys.insert(r.id->ledger_key());
  }
  CHECK(ledger_keys.size() == 100);
  // A second run continues where the first stopped.
  s.request.force = true;
  CHECK(issue_codes(s.request, kMidCampaign).first_serial == 5100);
}

TEST_CASE("link codes issue as JSON lines with links that verify", "[codes]") {
  Setup s;
  s.request.kind = IssueRequest::Kind::link;
  s.request.format = IssueRequest::Format::jsonl;
  s.request.link_base = "https://rewards.example/r/{code}?src=mail";
  s.request.out = s.dir / "links.jsonl";
  s.request.count = 20;
  issue_codes(s.request, kMidCampaign);
  std::ifstream in(s.request.out);
  Checker checker = s.checker();
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    auto at = line.find("\"link\":\"") + 8;
    std::string link = line.substr(at, line.find('"', at) - at);
    CHECK(link.rfind("https://rewards.example/r/A", 0) == 0);
    CheckResult r = checker.check(link, kMidCampaign);
    CHECK(r.verdict == Verdict::valid);
    CHECK(r.id->link);
  }
  CHECK(lines == 20);
}

TEST_CASE("QR images and the printable cards decode to the issued codes' links", "[codes]") {
  Setup s;
  s.request.count = 3;
  s.request.link_base = "https://rewards.example/r/";
  s.request.qr_dir = s.dir / "qr/";  // a trailing slash names the same folder
  s.request.sheet = s.dir / "sheet.html";
  issue_codes(s.request, kMidCampaign);
  auto rows = read_csv(s.request.out);
  REQUIRE(rows.size() == 4);
  CHECK(std::filesystem::is_directory(s.dir / "qr"));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto png = s.dir / "qr" / (rows[i][2] + ".png");
    REQUIRE(std::filesystem::exists(png));
    auto decoded = sf::test::run_command("(zbarimg --quiet --raw '" + png.string() + "' 2>/dev/null)");
    CHECK(decoded.output == "https://rewards.example/r/" + rows[i][0] + "\n");
    CHECK(rows[i][4] == "https://rewards.example/r/" + rows[i][0]);
  }
  std::string sheet = sf::read_text_file(s.request.sheet);
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(sheet.find(rows[i][0]) != std::string::npos);
  CHECK(sheet.find("<svg") != std::string::npos);
  auto xml = sf::test::run_command("xmllint --html --noout '" + s.request.sheet.string() + "'");
  CHECK(xml.status == 0);
}

TEST_CASE("bad issue requests are refused and write nothing", "[codes]") {
  Setup s;
  std::string campaigns_before = sf::read_text_file(s.request.campaigns);
  auto expect_refusal = [&](IssueRequest request, const std::string& message) {
    REQUIRE_THROWS_WITH(issue_codes(request, kMidCampaign), Catch::Contains(message));
    CHECK_FALSE(std::filesystem::exists(request.out));
    CHECK(folder_entries(s.dir.path()) == 2);  // keyring + campaigns, no temp files
    CHECK(sf::read_text_file(s.request.campaigns) == campaigns_before);
  };
  IssueRequest r = s.request;
  r.count = 0;
  expect_refusal(r, "--count is 0; expected 1 to 100000000");
  r.count = 100'000'001;
  expect_refusal(r, "--count 100000001 is absurd");
  r = s.request;
  r.campaign_id = "sprng";
  expect_refusal(r, "campaign 'sprng' is not in the campaigns file; did you mean 'spring'?");
  r = s.request;
  r.out = s.dir / "missing" / "codes.csv";
  REQUIRE_THROWS_WITH(issue_codes(r, kMidCampaign), Catch::Contains("does not exist"));
  r = s.request;
  r.count = 20'000;
  r.link_base = "https://rewards.example/r/";
  r.sheet = s.dir / "sheet.html";
  expect_refusal(r, "a printable sheet of 20000 codes is too long");
  // An ended campaign is refused before any serial is reserved.
  REQUIRE_THROWS_WITH(issue_codes(s.request, 1798761600),
                      Catch::Contains("campaign 'spring' ended 2027-01-01T00:00:00Z"));
  CHECK(sf::read_text_file(s.request.campaigns) == campaigns_before);
  CHECK_FALSE(std::filesystem::exists(s.request.out));
}

TEST_CASE("an existing output is refused unless forced", "[codes]") {
  Setup s;
  sf::test::write_file(s.request.out, "precious");
  REQUIRE_THROWS_WITH(issue_codes(s.request, kMidCampaign),
                      Catch::Contains("codes.csv' already exists; pass --force to replace it"));
  CHECK(sf::read_text_file(s.request.out) == "precious");
  s.request.force = true;
  issue_codes(s.request, kMidCampaign);
  CHECK(read_csv(s.request.out).size() == 101);
}

TEST_CASE("a keyring without an active key of the kind is refused", "[codes]") {
  Setup s;
  sf::test::write_file(s.request.keyring, R"({"keys": [
    {"id": 1, "type": "hmac", "status": "retired", "secret": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}]})");
  ::chmod(s.request.keyring.c_str(), 0600);
  REQUIRE_THROWS_WITH(issue_codes(s.request, kMidCampaign),
                      Catch::Contains("has no active hmac key") && Catch::Contains("keys new"));
  ::chmod(s.request.keyring.c_str(), 0644);
  REQUIRE_THROWS_WITH(issue_codes(s.request, kMidCampaign), Catch::Contains("readable by group or others"));
  CHECK_FALSE(std::filesystem::exists(s.request.out));
}

TEST_CASE("overlapping issue runs in two processes never share a serial", "[codes]") {
  Setup s;
  constexpr int kProcesses = 4;
  constexpr int kRunsEach = 5;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int status = 0;
      try {
        for (int run = 0; run < kRunsEach; ++run) {
          IssueRequest request = s.request;
          request.count = 2000;
          request.out = s.dir / run_file(p, run);
          issue_codes(request, kMidCampaign);
        }
      } catch (...) {
        status = 1;
      }
      ::_exit(status);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
  }
  std::set<std::string> codes, serials;
  for (int p = 0; p < kProcesses; ++p)
    for (int run = 0; run < kRunsEach; ++run) {
      auto rows = read_csv(s.dir / run_file(p, run));
      for (std::size_t i = 1; i < rows.size(); ++i) {
        codes.insert(rows[i][0]);
        serials.insert(rows[i][2]);
      }
    }
  CHECK(codes.size() == kProcesses * kRunsEach * 2000);
  CHECK(serials.size() == kProcesses * kRunsEach * 2000);
  auto book = CampaignBook::load(s.request.campaigns);
  CHECK(book.find("spring")->issued() == 10000 + kProcesses * kRunsEach * 2000);
}

TEST_CASE("issuing streams: two million codes need no more memory than a few", "[codes][slow]") {
  // Held in memory, 2,000,000 codes would take well over 100 MB (19 bytes of
  // text plus a string each); streamed, the process stays near its baseline.
  Setup s;
  s.request.count = 2'000'000;
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int status = 0;
    try {
      issue_codes(s.request, kMidCampaign);
    } catch (...) {
      status = 1;
    }
    ::_exit(status);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  CHECK(usage.ru_maxrss < 64 * 1024);  // KiB
  CHECK(std::filesystem::file_size(s.request.out) > 2'000'000 * 19);
}

TEST_CASE("link codes signed in parallel batches stay in serial order and verify", "[codes]") {
  Setup s;
  s.request.kind = IssueRequest::Kind::link;
  s.request.count = 4100;  // crosses the 4096-token signing batch
  issue_codes(s.request, kMidCampaign);
  auto rows = read_csv(s.request.out);
  REQUIRE(rows.size() == 4101);
  Checker checker = s.checker();
  std::set<std::string> tokens;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    tokens.insert(rows[i][0]);
    CHECK(rows[i][2] == std::to_string(1048576 + 5000 + i - 1));  // key 2's slot, after the fixture's 5000
  }
  CHECK(tokens.size() == 4100);
  for (std::size_t i : {1, 4096, 4097, 4100}) {
    CheckResult r = checker.check(rows[i][0], kMidCampaign);
    REQUIRE(r.verdict == Verdict::valid);
    CHECK(std::to_string(r.id->serial) == rows[i][2]);
  }
}
