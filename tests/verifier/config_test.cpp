#include <catch2/catch.hpp>

#include "base/error.h"
#include "support/temp_dir.h"
#include "verifier/config.h"

using sf::test::TempDir;
using sf::test::write_file;
using namespace sf::verifier;

TEST_CASE("a config file sets every key and resolves paths against its folder", "[verifier]") {
  TempDir dir;
  auto path = write_file(dir / "etc" / "verifier.json", R"({
    "listen": "0.0.0.0:9000", "ledger": "sqlite:data/ledger.db", "keyring": "keys.json",
    "campaigns": "/abs/campaigns.json", "packs": "../packs", "store-keys": "stores.json",
    "threads": 64, "failed-per-client-per-minute": "5", "public-url": "https://x.example/"})");
  Config config = load_config_file(path);
  CHECK(config.listen == "0.0.0.0:9000");
  CHECK(config.ledger == "sqlite:" + (dir / "etc" / "data" / "ledger.db").string());
  CHECK(config.keyring == dir / "etc" / "keys.json");
  CHECK(config.campaigns == "/abs/campaigns.json");
  CHECK(config.packs == dir / "packs");
  CHECK(config.threads == 64);
  CHECK(config.failed_per_client_per_minute == 5);
  CHECK(config.public_url == "https://x.example");
}

TEST_CASE("bad config files name every bad key and value", "[verifier]") {
  TempDir dir;
  auto path = write_file(dir / "v.json", R"({"listne": "x", "threads": "many", "packs": true})");
  REQUIRE_THROWS_WITH(load_config_file(path),
                      Catch::Contains("3 problems") && Catch::Contains("unknown key 'listne'") &&
                          Catch::Contains("did you mean 'listen'") &&
                          Catch::Contains("'threads': value 'many' is not a whole number") &&
                          Catch::Contains("packs: expected a string or a whole number, got boolean"));
  REQUIRE_THROWS_WITH(load_config_file(write_file(dir / "b.json", "{nope")),
                      Catch::Contains("b.json: not valid JSON"));
  REQUIRE_THROWS_WITH(load_config_file(write_file(dir / "a.json", "[1]")),
                      Catch::Contains("expected a JSON object of settings, got array"));
  REQUIRE_THROWS_WITH(load_config_file(dir / "missing.json"), Catch::Contains("missing.json"));
}

TEST_CASE("listen addresses are host:port", "[verifier]") {
  CHECK(split_listen("127.0.0.1:0") == std::pair<std::string, int>{"127.0.0.1", 0});
  CHECK(split_listen("[::1]:8080") == std::pair<std::string, int>{"::1", 8080});
  REQUIRE_THROWS_WITH(split_listen("8080"), Catch::Contains("'8080' is not host:port"));
  REQUIRE_THROWS_WITH(split_listen("localhost:99999"), Catch::Contains("port '99999'"));
}

TEST_CASE("validation lists every missing file at once", "[verifier]") {
  TempDir dir;
  Config config;
  config.keyring = dir / "nokeys.json";
  config.tls_cert = dir / "cert.pem";
  config.ledger = "mysql://x";
  REQUIRE_THROWS_WITH(validate_config(config),
                      Catch::Contains("nokeys.json' does not exist") &&
                          Catch::Contains("config 'campaigns': is missing") &&
                          Catch::Contains("config 'packs': is missing") &&
                          Catch::Contains("tls-cert and tls-key must be given together") &&
                          Catch::Contains("'mysql://x' is not sqlite:PATH"));
}

TEST_CASE("a metrics token is read from its file, trimmed, and refused when short", "[verifier]") {
  TempDir dir;
  Config config = load_config_file(write_file(dir / "v.json", R"({"metrics-token": "metrics.token"})"));
  CHECK(config.metrics_token == dir / "metrics.token");
  write_file(dir / "metrics.token", "  0123456789abcdef0123\n");
  CHECK(load_metrics_token(config.metrics_token) == "0123456789abcdef0123");
  CHECK(load_metrics_token({}).empty());
  REQUIRE_THROWS_WITH(load_metrics_token(write_file(dir / "short.token", "abc\n")),
                      Catch::Contains("short.token") && Catch::Contains("holds 3 characters") &&
                          Catch::Contains("at least 16"));
}
