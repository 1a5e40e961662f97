// Benchmark driver for tools/bench-codes (not a test): times the library
// paths the CLI uses. Prints "name=value" lines for the script to parse.
//   sf_codes_bench issue DIR N    issue N typed codes to DIR/codes.csv
//   sf_codes_bench issue-link DIR N   the same with link tokens (all cores sign)
//   sf_codes_bench verify DIR     single-thread Checker::check over DIR/codes.csv
//   sf_codes_bench link N         Ed25519 link-token sign and verify rates
#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "codes/campaign_book.h"
#include "codes/checker.h"
#include "codes/issuer.h"
#include "codes/keyring.h"
#include "codes/link_code.h"
#include "codes/revocations.h"

using namespace sf::codes;
namespace fs = std::filesystem;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peak_rss_kib() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void prepare(const fs::path& dir) {
  if (fs::exists(dir / "keys.json")) return;
  Keyring ring;
  ring.add(KeyType::hmac, std::time(nullptr));
  ring.add(KeyType::ed25519, std::time(nullptr));
  ring.save(dir / "keys.json");
  CampaignBook book;
  book.add(Campaign{"bench", "Benchmark", "acme_hearts", "purchase"});
  book.save(dir / "campaigns.json");
}

int issue(const fs::path& dir, std::uint64_t count, IssueRequest::Kind kind) {
  prepare(dir);
  IssueRequest request;
  request.keyring = dir / "keys.json";
  request.campaigns = dir / "campaigns.json";
  request.campaign_id = "bench";
  request.count = count;
  request.out = dir / "codes.csv";
  request.force = true;
  request.kind = kind;
  auto start = std::chrono::steady_clock::now();
  issue_codes(request, std::time(nullptr));
  double elapsed = seconds_since(start);
  std::cout << "issued=" << count << "\nissue_seconds=" << elapsed
            << "\nissue_per_second=" << static_cast<long>(count / elapsed)
            << "\npeak_rss_kib=" << peak_rss_kib() << "\n";
  return 0;
}

int verify(const fs::path& dir) {
  Checker checker = Checker::load(dir / "keys.json", dir / "campaigns.json", {});
  std::vector<std::string> codes;
  std::ifstream in(dir / "codes.csv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) codes.push_back(line.substr(0, line.find(',')));
  std::int64_t now = std::time(nullptr);
  std::size_t checked = 0, valid = 0;
  auto start = std::chrono::steady_clock::now();
  // Repeat until at least two seconds passed, so the rate is stable.
  do {
    for (const std::string& code : codes) {
      valid += checker.check(code, now).verdict == Verdict::valid;
      ++checked;
    }
  } while (seconds_since(start) < 2.0);
  double elapsed = seconds_since(start);
  std::cout << "verified=" << checked << "\nverify_valid=" << valid
            << "\nverify_per_second=" << static_cast<long>(checked / elapsed) << "\n";
  return valid == checked ? 0 : 1;
}

int link(std::uint64_t count) {
  auto key = sf::crypto::Ed25519PrivateKey::generate();
  auto public_key = sf::crypto::Ed25519PublicKey::from_bytes(key.public_key());
  std::vector<std::string> tokens;
  tokens.reserve(count);
  auto start = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0; i < count; ++i) {
    LinkFields fields;
    fields.key_id = 2;
    fields.campaign_number = 7;
    fields.serial = static_cast<std::uint32_t>(i);
    tokens.push_back(sign_link(key, fields));
  }
  double sign_seconds = seconds_since(start);
  start = std::chrono::steady_clock::now();
  std::size_t good = 0;
  for (const std::string& token : tokens) {
    LinkParse parsed = parse_link(token);
    good += parsed.ok && public_key.verify(parsed.signed_message, parsed.signature);
  }
  double verify_seconds = seconds_since(start);
  std::cout << "link_sign_per_second=" << static_cast<long>(count / sign_seconds)
            << "\nlink_verify_per_second=" << static_cast<long>(count / verify_seconds) << "\n";
  return good == count ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 3 && args[0] == "issue")
      return issue(args[1], std::stoull(args[2]), IssueRequest::Kind::typed);
    if (args.size() == 3 && args[0] == "issue-link")
      return issue(args[1], std::stoull(args[2]), IssueRequest::Kind::link);
    if (args.size() == 2 && args[0] == "verify") return verify(args[1]);
    if (args.size() == 2 && args[0] == "link") return link(std::stoull(args[1]));
  } catch (const std::exception& e) {
    std::cerr << "sf_codes_bench: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: sf_codes_bench issue DIR N | issue-link DIR N | verify DIR | link N\n";
  return 2;
}
