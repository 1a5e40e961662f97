// sf_verifier_fixture: sets up and checks what the reliability tools
// (tools/race, tools/crash-test, tools/bench-verifier) and the browser test
// run against, using the real codes and ledger libraries.
//   make DIR COUNT              keyring, campaign "spring", COUNT codes (codes.txt),
//                               a store key (store_key.txt, stores.json), packs/
//   check LEDGER_URL DIR FILE   every "CODE REDEEMED_AT_MS" line of FILE is in the
//                               ledger exactly once, at that time
//   brand DIR                   gives campaign "spring" a brand (name, SVG logo,
//                               colours, links), for the pages' screenshots
//   serve DIR CLOCK_FILE        runs the real verifier on DIR (127.0.0.1:0, SQLite
//                               DIR/ledger.db) with a clock moved forward by the
//                               seconds written in CLOCK_FILE (read at each
//                               request): the browser test's "a day later"
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>

#include "codes/campaign_book.h"
#include "codes/checker.h"
#include "ledger/ledger.h"
#include "verifier/fakes.h"
#include "verifier/live_service.h"
#include "verifier/server.h"
#include "verifier/store_keys.h"

namespace {

int make(const std::filesystem::path& dir, int count) {
  std::filesystem::create_directories(dir);
  auto codes = sf::test::make_codes(dir, count);
  std::ofstream out(dir / "codes.txt");
  for (const auto& code : codes) out << code << "\n";
  const std::string key = sf::verifier::new_store_key();
  std::ofstream(dir / "store_key.txt") << key << "\n";
  std::ofstream(dir / "stores.json") << "{\"stores\": [{\"store\": \"tools-store\", \"key_sha256\": \""
                                     << sf::verifier::store_key_digest(key) << "\"}]}\n";
  sf::test::write_fake_packs(dir / "packs");
  std::cout << "wrote " << codes.size() << " codes to " << (dir / "codes.txt").string() << "\n";
  return 0;
}

int check(const std::string& url, const std::filesystem::path& dir, const std::filesystem::path& file) {
  auto checker = sf::codes::Checker::load(dir / "keyring.json", dir / "campaigns.json");
  auto ledger = sf::ledger::open_ledger(url);
  std::ifstream in(file);
  std::string code;
  long long at_ms = 0;
  int checked = 0, missing = 0, twice = 0, moved = 0;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  while (in >> code >> at_ms) {
    auto result = checker.check(code, now);
    if (!result.id) {
      std::cerr << "not a code of this campaign: " << code << "\n";
      return 2;
    }
    auto found = ledger->find(result.id->ledger_key());
    ++checked;
    if (!found) {
      ++missing;
      std::cerr << "acknowledged but not in the ledger: " << result.id->ledger_key() << "\n";
    } else if (found->use_number != 1) {
      ++twice;
      std::cerr << "redeemed " << found->use_number << " times: " << result.id->ledger_key() << "\n";
    } else if (found->at_unix_ms != at_ms) {
      ++moved;
      std::cerr << "ledger time differs from the acknowledged answer: " << result.id->ledger_key() << "\n";
    }
  }
  std::cout << checked << " acknowledged redemptions checked in the ledger: " << missing
            << " missing, " << twice << " used more than once, " << moved << " with another time\n";
  return missing + twice + moved == 0 ? 0 : 1;
}

int brand(const std::filesystem::path& dir) {
  std::ofstream(dir / "logo.svg")
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 40\"><rect width=\"120\" "
         "height=\"40\" rx=\"8\" fill=\"#0F766E\"/><text x=\"60\" y=\"27\" font-size=\"20\" "
         "font-family=\"sans-serif\" fill=\"#fff\" text-anchor=\"middle\">F&amp;F</text></svg>\n";
  auto book = sf::codes::CampaignBook::load(dir / "campaigns.json");
  sf::codes::Brand& brand = book.get("spring").campaign.brand;
  brand.name = "Fergie & Friends";
  brand.logo = "logo.svg";
  brand.colors = {"#0F766E", "#F0FDFA", "#134E4A"};
  brand.support_url = "https://example.com/help";
  brand.privacy_url = "https://example.com/privacy";
  book.save(dir / "campaigns.json");
  return 0;
}

int serve(const std::filesystem::path& dir, const std::filesystem::path& clock_file) {
  sf::verifier::Config config;
  config.listen = "127.0.0.1:0";
  config.ledger = "sqlite:" + (dir / "ledger.db").string();
  config.keyring = dir / "keyring.json";
  config.campaigns = dir / "campaigns.json";
  config.packs = dir / "packs";
  return sf::verifier::run_verifier(config, {}, [clock_file] {
    long long offset = 0;
    std::ifstream(clock_file) >> offset;
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch()).count() + offset * 1000;
  });
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "make" && argc == 4) return make(argv[2], std::stoi(argv[3]));
    if (mode == "check" && argc == 5) return check(argv[2], argv[3], argv[4]);
    if (mode == "brand" && argc == 3) return brand(argv[2]);
    if (mode == "serve" && argc == 4) return serve(argv[2], argv[3]);
    std::cerr << "usage: sf_verifier_fixture make DIR COUNT | check LEDGER_URL DIR FILE | "
                 "brand DIR | serve DIR CLOCK_FILE\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "sf_verifier_fixture: error: " << e.what() << "\n";
    return 1;
  }
}
