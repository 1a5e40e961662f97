// The verifier on a real loopback port with real codes and a real ledger:
// SQLite always, PostgreSQL when SF_TEST_PG_URL is set.
#include <httplib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <mutex>
#include <thread>

#include "verifier/fakes.h"
#include "verifier/live_service.h"
#include "codes/revocations.h"
#include "verifier/store_keys.h"

using nlohmann::json;
using sf::test::LiveService;

namespace {

httplib::Headers json_headers(const std::string& idempotency_key = "", const std::string& store_key = "") {
  httplib::Headers headers;
  if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
  if (!store_key.empty()) headers.emplace("Authorization", "Bearer " + store_key);
  return headers;
}

std::string code_body(const std::string& code) { return json{{"code", code}}.dump(); }

// The whole journey against one ledger.
void journey(LiveService& live) {
  httplib::Client client("127.0.0.1", live.port());
  const std::string code = live.codes()[0];

  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");

  auto before = client.Get(("/v1/codes/" + code).c_str());
  REQUIRE(before);
  CHECK(before->status == 200);
  CHECK(json::parse(before->body)["status"] == "redeemable");

  // Lenient spelling: lower case, spaces instead of hyphens.
  std::string typed = code;
  for (char& c : typed) c = c == '-' ? ' ' : char(std::tolower(static_cast<unsigned char>(c)));
  auto first = client.Post("/v1/redemptions", json_headers("journey-1"), code_body(typed), "application/json");
  REQUIRE(first);
  REQUIRE(first->status == 200);
  json unlock = json::parse(first->body)["unlock"];
  CHECK(unlock["pack"]["title"] == "Fergie the Ember");
  std::string url = unlock["platforms"][1]["downloads"][0]["url"];

  auto download = client.Get(url.c_str());
  REQUIRE(download);
  CHECK(download->status == 200);
  CHECK(download->body == "PK-telegram-bundle");
  CHECK(download->get_header_value("Content-Disposition") == "attachment; filename=\"fergie-telegram.zip\"");
  auto traversal = client.Get("/v1/downloads/fergie/telegram/%2e%2e%2f%2e%2e%2fsecret.txt?token=1.AAAA");
  REQUIRE(traversal);
  CHECK(traversal->status == 400);

  auto replay = client.Post("/v1/redemptions", json_headers("journey-1"), code_body(code), "application/json");
  REQUIRE(replay);
  CHECK(replay->status == 200);
  CHECK(json::parse(replay->body)["replayed"] == true);
  CHECK(json::parse(replay->body)["redeemed_at"] == json::parse(first->body)["redeemed_at"]);

  auto again = client.Post("/v1/redemptions", code_body(code), "application/json");
  REQUIRE(again);
  CHECK(again->status == 422);
  CHECK(json::parse(again->body)["error"] == "not_redeemable");

  auto store = client.Post("/v1/redemptions", json_headers("", live.store_key()), code_body(code), "application/json");
  REQUIRE(store);
  CHECK(store->status == 409);
  CHECK(json::parse(store->body)["error"] == "already_redeemed");

  // One symbol changed: caught by the check symbol (a typo) or the tag.
  std::string mutated = code;
  mutated[0] = mutated[0] == 'A' ? 'B' : 'A';
  auto forged = client.Post("/v1/redemptions", json_headers("", live.store_key()), code_body(mutated), "application/json");
  REQUIRE(forged);
  CHECK((forged->status == 422 || forged->status == 404));

  auto redemption = live.ledger().find(json::parse(store->body)["code_key"].get<std::string>());
  REQUIRE(redemption);
  CHECK(redemption->use_number == 1);
  CHECK(redemption->store.empty());  // redeemed anonymously the first time
}

// httplib's own limits answer in our JSON shape too.
void limits(LiveService& live) {
  httplib::Client client("127.0.0.1", live.port());
  auto huge = client.Post("/v1/redemptions", std::string(100'000, ' '), "application/json");
  REQUIRE(huge);
  CHECK(huge->status == 413);
  CHECK(json::parse(huge->body)["error"] == "body_too_large");
  httplib::Headers big;
  for (int i = 0; i < 10; ++i) big.emplace("X-Filler-" + std::to_string(i), std::string(1000, 'x'));
  auto headers = client.Get("/healthz", big);
  REQUIRE(headers);
  CHECK(headers->status == 431);
  CHECK(json::parse(headers->body)["error"] == "headers_too_large");
  auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body.find("stickerforge_requests_total") != std::string::npos);
}

// Many clients on one code: exactly one wins.
void race(LiveService& live, int clients) {
  const std::string code = live.codes()[1];
  std::atomic<int> ok{0}, refused{0}, other{0};
  std::mutex mutex;
  std::string others;
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      auto start = std::chrono::steady_clock::now();
      httplib::Client client("127.0.0.1", live.port());
      auto r = client.Post("/v1/redemptions", json_headers("race-" + std::to_string(i), live.store_key()),
                           code_body(code), "application/json");
      if (r && r->status == 200) ++ok;
      else if (r && r->status == 409) ++refused;
      else {
        ++other;
        std::lock_guard lock(mutex);
        others += r ? std::to_string(r->status) + " " + r->body : "error " + httplib::to_string(r.error());
        others += " after " + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count()) + " ms\n";
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 1);
  CHECK(refused == clients - 1);
  INFO(others);
  CHECK(other == 0);
  httplib::Client after("127.0.0.1", live.port());
  auto health = after.Get("/healthz");
  CHECK(health);
}

}  // namespace

TEST_CASE("end to end on SQLite: redeem, download, replay, refuse", "[verifier][e2e]") {
  LiveService live(4);
  journey(live);
  limits(live);
  race(live, 32);
}

TEST_CASE("end to end on PostgreSQL: redeem, download, replay, refuse", "[verifier][e2e][postgres]") {
  const char* url = std::getenv("SF_TEST_PG_URL");
  if (!url || !*url) {
    WARN("SF_TEST_PG_URL is not set; the PostgreSQL end-to-end test did not run");
    return;
  }
  // A schema of its own: this run's fresh keyring makes the same ledger keys
  // ("1/0/0"...) as earlier runs sharing the database.
  const std::string schema = "sf_e2e_" + std::to_string(::getpid());
  auto created = sf::test::run_command("psql -q '" + std::string(url) + "' -c 'DROP SCHEMA IF EXISTS " +
                                       schema + " CASCADE; CREATE SCHEMA " + schema + "'");
  REQUIRE(created.status == 0);
  const std::string scoped = std::string(url) + (std::string(url).find('?') == std::string::npos ? "?" : "&") +
                             "options=-csearch_path%3D" + schema;
  LiveService live(4, scoped);
  journey(live);
  race(live, 32);
}

namespace {

// The real stickerforge-verifier binary with `flags`, stderr to `log`;
// waits until it prints its port.
struct SpawnedVerifier {
  pid_t pid = -1;
  int port = 0;
};

SpawnedVerifier spawn_verifier(const std::vector<std::string>& flags, const std::string& log) {
  const char* bin = std::getenv("SF_BINARY_DIR");
  REQUIRE(bin);
  const std::string exe = std::string(bin) + "/src/cli/stickerforge-verifier";
  SpawnedVerifier spawned;
  spawned.pid = fork();
  if (spawned.pid == 0) {
    std::freopen(log.c_str(), "w", stderr);
    std::vector<char*> argv{const_cast<char*>(exe.c_str())};
    for (const std::string& flag : flags) argv.push_back(const_cast<char*>(flag.c_str()));
    argv.push_back(nullptr);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  for (int i = 0; i < 200 && spawned.port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    std::ifstream in(log);
    std::string line;
    while (std::getline(in, line)) {
      auto at = line.find("listening on http://127.0.0.1:");
      if (at != std::string::npos) spawned.port = std::stoi(line.substr(at + 30));
    }
  }
  REQUIRE(spawned.port > 0);
  return spawned;
}

std::string read_log(const std::string& log) {
  std::ifstream in(log);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Polls the log until `text` shows up (a signal is handled asynchronously).
bool log_shows(const std::string& log, const std::string& text) {
  for (int i = 0; i < 200; ++i) {
    if (read_log(log).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

}  // namespace

TEST_CASE("stickerforge-verifier starts from flags, serves, and finishes in-flight requests on SIGTERM", "[verifier][e2e]") {
  sf::test::TempDir dir;
  auto codes = sf::test::make_codes(dir.path(), 2);
  sf::test::write_fake_packs(dir / "packs");
  const std::string log = (dir / "log.txt").string();
  const std::string metrics_token = "metrics-token-for-the-e2e-test";
  sf::test::write_file(dir / "metrics.token", metrics_token + "\n");
  auto [pid, port] = spawn_verifier(
      {"--listen", "127.0.0.1:0", "--ledger", "sqlite:" + (dir / "ledger.db").string(), "--keyring",
       (dir / "keyring.json").string(), "--campaigns", (dir / "campaigns.json").string(), "--packs",
       (dir / "packs").string(), "--metrics-token", (dir / "metrics.token").string()},
      log);
  httplib::Client client("127.0.0.1", port);
  auto ok = client.Post("/v1/redemptions", json_headers("p1"), code_body(codes[0]), "application/json");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  auto ready = client.Get("/readyz");
  REQUIRE(ready);
  CHECK(ready->status == 200);
  auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 401);  // --metrics-token given: scrapers must send it
  metrics = client.Get("/metrics", {{"Authorization", "Bearer " + metrics_token}});
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK_THAT(metrics->body, Catch::Contains("stickerforge_requests_total{outcome=\"redeemed\"} 1"));
  // A request in flight when SIGTERM arrives (half its body sent) is still
  // answered before the process exits.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(std::uint16_t(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  const std::string body = code_body(codes[1]);
  const std::string head = "POST /v1/redemptions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  const std::string first = head + body.substr(0, 5), rest = body.substr(5);
  REQUIRE(write(fd, first.data(), first.size()) == ssize_t(first.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(pid, SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  REQUIRE(write(fd, rest.data(), rest.size()) == ssize_t(rest.size()));
  char answer[512] = {};
  ssize_t got = read(fd, answer, sizeof answer - 1);
  close(fd);
  CHECK(got > 0);
  CHECK(std::string(answer).starts_with("HTTP/1.1 200"));
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  const std::string text = read_log(log);
  CHECK(text.find("\"event\":\"draining\"") != std::string::npos);
  CHECK(text.find("\"event\":\"stopped\"") != std::string::npos);
  CHECK(text.find(codes[0]) == std::string::npos);  // no secrets in the log
}

TEST_CASE("SIGHUP reloads revocations and store keys; a broken file changes nothing", "[verifier][e2e]") {
  sf::test::TempDir dir;
  auto codes = sf::test::make_codes(dir.path(), 2);
  sf::test::write_fake_packs(dir / "packs");
  sf::codes::RevocationList().save(dir / "revoked.json");
  auto stores = [&](const std::vector<std::pair<std::string, std::string>>& keys) {
    json list = json::array();
    for (const auto& [store, key] : keys)
      list.push_back({{"store", store}, {"key_sha256", sf::verifier::store_key_digest(key)}});
    sf::test::write_file(dir / "stores.json", json{{"stores", list}}.dump());
  };
  const std::string berlin = sf::verifier::new_store_key(), paris = sf::verifier::new_store_key();
  stores({{"berlin-01", berlin}});
  const std::string log = (dir / "log.txt").string();
  auto [pid, port] = spawn_verifier(
      {"--listen", "127.0.0.1:0", "--ledger", "sqlite:" + (dir / "ledger.db").string(), "--keyring",
       (dir / "keyring.json").string(), "--campaigns", (dir / "campaigns.json").string(), "--packs",
       (dir / "packs").string(), "--revocations", (dir / "revoked.json").string(), "--store-keys",
       (dir / "stores.json").string()},
      log);
  httplib::Client client("127.0.0.1", port);
  auto status = [&](const std::string& store_key) {
    auto reply = client.Get(("/v1/codes/" + codes[0]).c_str(), json_headers("", store_key));
    REQUIRE(reply);
    return std::pair{reply->status, json::parse(reply->body)};
  };
  CHECK(status(berlin).first == 200);
  CHECK(status(paris).first == 401);  // not a store yet

  // A new store and a revoked campaign, then SIGHUP: both count at once.
  stores({{"berlin-01", berlin}, {"paris-02", paris}});
  sf::codes::RevocationList revoked;
  sf::codes::Revocation campaign;
  campaign.kind = sf::codes::Revocation::Kind::campaign;
  campaign.campaign_id = "spring";
  campaign.reason = "survey closed early";
  revoked.add(campaign);
  revoked.save(dir / "revoked.json");
  kill(pid, SIGHUP);
  REQUIRE(log_shows(log, "\"event\":\"reloaded\""));
  auto [code, body] = status(paris);
  CHECK(code == 403);
  CHECK(body["error"] == "revoked");

  // A campaigns file that does not parse: the reload is refused, logged,
  // and the service keeps the rules it had.
  sf::test::write_file(dir / "campaigns.json", "{ not json");
  kill(pid, SIGHUP);
  REQUIRE(log_shows(log, "\"event\":\"reload_failed\""));
  CHECK_THAT(read_log(log), Catch::Contains("campaigns.json"));
  CHECK(status(paris).first == 403);
  auto health = client.Get("/readyz");
  REQUIRE(health);
  CHECK(health->status == 200);

  kill(pid, SIGTERM);
  int exit_status = 0;
  waitpid(pid, &exit_status, 0);
  CHECK(WIFEXITED(exit_status));
  CHECK(WEXITSTATUS(exit_status) == 0);
}

TEST_CASE("stickerforge-verifier refuses bad settings with a clear message", "[verifier][e2e]") {
  const char* bin = std::getenv("SF_BINARY_DIR");
  REQUIRE(bin);
  const std::string exe = std::string(bin) + "/src/cli/stickerforge-verifier";
  auto r = sf::test::run_command(exe + " --listen nonsense --keyring /nope.json");
  CHECK(r.status == 2);
  CHECK_THAT(r.output, Catch::Contains("stickerforge-verifier: error:") &&
                           Catch::Contains("'nonsense' is not host:port"));
  r = sf::test::run_command(exe + " --keyring /nope.json");
  CHECK(r.status == 2);
  CHECK_THAT(r.output, Catch::Contains("'/nope.json' does not exist") &&
                           Catch::Contains("config 'packs': is missing"));
  r = sf::test::run_command(exe + " --lisen 1");
  CHECK(r.status == 2);
  CHECK_THAT(r.output, Catch::Contains("lisen"));
  r = sf::test::run_command(exe + " --new-store-key berlin-01");
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Catch::Contains("\"store\":\"berlin-01\"") && Catch::Contains("key_sha256"));
}

TEST_CASE("end to end over TLS", "[verifier][e2e]") {
  LiveService live(2, "", true);
  httplib::SSLClient client("127.0.0.1", live.port());
  client.enable_server_certificate_verification(false);  // self-signed for the test
  auto ok = client.Post("/v1/redemptions", json_headers("tls-1"), code_body(live.codes()[0]), "application/json");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  httplib::Client plain("127.0.0.1", live.port());
  auto refused = plain.Get("/healthz");
  CHECK((!refused || refused->status != 200));  // no plain HTTP on a TLS port
}

TEST_CASE("a TLS certificate that cannot be loaded is refused by name", "[verifier][e2e]") {
  sf::test::TempDir dir;
  sf::verifier::Config config;
  config.listen = "127.0.0.1:0";
  config.tls_cert = sf::test::write_file(dir / "cert.pem", "not a certificate");
  config.tls_key = sf::test::write_file(dir / "key.pem", "not a key");
  sf::test::FakeLedger ledger;
  sf::verifier::Services services(sf::test::fake_checker(), ledger, {}, {}, dir.path(), sf::Bytes(32, 1), {});
  REQUIRE_THROWS_WITH(sf::verifier::HttpServer(config, services),
                      Catch::Contains("cert.pem") && Catch::Contains("cannot be loaded"));
}
