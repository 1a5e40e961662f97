// libFuzzer driver: code parsing. Any text goes to the real Checker (typed
// codes in every spelling, link tokens, link URLs) under a fresh keyring.
// Invariants: no crash, no exception, and a "valid" verdict always comes with
// a ledger key and a campaign (the verifier's single-use row depends on it).
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "codes/checker.h"
#include "support/temp_dir.h"
#include "verifier/codes_adapter.h"
#include "verifier/live_service.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static sf::test::TempDir* dir = [] {
    auto* d = new sf::test::TempDir();
    sf::test::make_codes(d->path(), 3);
    return d;
  }();
  static auto* checker = new sf::codes::Checker(
      sf::codes::Checker::load(dir->path() / "keyring.json", dir->path() / "campaigns.json"));
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::int64_t now = 1'900'000'000;
  sf::verifier::CodeCheck check = sf::verifier::to_code_check(checker->check(text, now));
  if (check.verdict == sf::verifier::CodeVerdict::valid &&
      (check.code_key.empty() || check.campaign_id.empty()))
    std::abort();
  return 0;
}
