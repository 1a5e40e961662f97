// The verifier never takes a customer's code for a pack it cannot hand out:
// it refuses to start (and to reload) while a live campaign's pack is not
// built, and a build that vanishes while it runs leaves the code unspent.
#include <catch2/catch.hpp>
#include <thread>

#include "base/files.h"
#include "codes/campaign_book.h"
#include "codes/revocations.h"
#include "verifier/fakes.h"
#include "verifier/live_service.h"
#include "verifier/pack_readiness.h"
#include "verifier/routes.h"

using sf::test::TempDir;

namespace {

void write_campaigns(const std::filesystem::path& path) {
  sf::test::write_file(path, R"({"campaigns": [
    {"id": "spring", "pack": "fergie", "trigger": "survey"},
    {"id": "launch", "pack": "acme_hearts", "trigger": "manual"},
    {"id": "old", "pack": "gone_pack", "trigger": "manual", "ends": "2020-01-01T00:00:00Z"}]})");
}

}  // namespace

TEST_CASE("a live campaign whose pack has no build is named with the command that builds it", "[verifier][packs]") {
  TempDir dir;
  write_campaigns(dir / "campaigns.json");
  sf::test::write_fake_packs(dir / "packs");
  auto missing = sf::verifier::unbuilt_packs(dir / "campaigns.json", dir / "packs", 1'800'000'000);
  REQUIRE(missing.size() == 1);  // "old" has ended: its pack may be gone
  CHECK_THAT(missing[0], Catch::Contains("campaign 'launch' unlocks pack 'acme_hearts', but '" +
                                         (dir / "packs" / "acme_hearts").string() +
                                         "' has no build (no report.json); expected 'stickerforge "
                                         "build PACK.json --out " +
                                         (dir / "packs" / "acme_hearts").string() + "'"));
}

TEST_CASE("stickerforge-verifier refuses to start while a pack is not built, and creates a missing revocation list", "[verifier][packs][e2e]") {
  TempDir dir;
  sf::test::make_codes(dir.path(), 1);  // keyring and campaign 'spring' for pack 'fergie'
  std::filesystem::create_directories(dir / "packs");
  const std::string exe = std::string(std::getenv("SF_BINARY_DIR")) + "/src/cli/stickerforge-verifier";
  const std::string args = " --listen 127.0.0.1:0 --ledger sqlite:" + (dir / "ledger.db").string() +
                           " --keyring " + (dir / "keyring.json").string() + " --campaigns " +
                           (dir / "campaigns.json").string() + " --packs " + (dir / "packs").string() +
                           " --revocations " + (dir / "revoked.json").string();
  auto r = sf::test::run_command(exe + args);
  CHECK(r.status == 2);
  CHECK_THAT(r.output, Catch::Contains("stickerforge-verifier: error: 1 campaign has no pack to hand out") &&
                           Catch::Contains("campaign 'spring' unlocks pack 'fergie'"));
  CHECK_FALSE(std::filesystem::exists(dir / "ledger.db"));  // refused before opening anything

  // Built: it starts (stopped by timeout after a second), and the missing
  // revocation list now exists, empty, for 'codes revoke' to fill.
  sf::test::write_fake_packs(dir / "packs");
  r = sf::test::run_command("timeout -s TERM 1 " + exe + args);
  CHECK_THAT(r.output, Catch::Contains("listening on http://127.0.0.1:"));
  REQUIRE(std::filesystem::exists(dir / "revoked.json"));
  CHECK(sf::codes::RevocationList::load(dir / "revoked.json").entries().empty());
}

TEST_CASE("a build that vanishes while the verifier runs leaves the customer's code unspent", "[verifier][packs]") {
  sf::test::TestService t;
  std::filesystem::remove_all(t.dir / "packs" / "fergie");
  auto reply = sf::verifier::route(sf::test::json_post("/v1/redemptions", R"({"code": "GOOD-0003"})", "k3"),
                                   *t.services);
  CHECK(reply.status == 500);
  CHECK(t.ledger.redemption_count() == 0);
  // Rebuilt: the same code redeems.
  sf::test::write_fake_packs(t.dir / "packs");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the catalog re-reads once a second
  reply = sf::verifier::route(sf::test::json_post("/v1/redemptions", R"({"code": "GOOD-0003"})", "k4"),
                              *t.services);
  CHECK(reply.status == 200);
  CHECK(t.ledger.redemption_count() == 1);
}
