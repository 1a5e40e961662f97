#include "codes/keyring.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "base/error.h"
#include "codes/fixtures.h"

using namespace sf::codes;
using sf::test::TempDir;

TEST_CASE("a saved keyring is 0600 and loads back with the same keys", "[codes]") {
  TempDir dir;
  Keyring ring;
  ring.add(KeyType::hmac, 1767225600);
  ring.add(KeyType::ed25519, 1767225600);
  ring.save(dir / "keys.json");
  struct stat info {};
  REQUIRE(::stat((dir / "keys.json").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  Keyring loaded = Keyring::load(dir / "keys.json");
  REQUIRE(loaded.keys().size() == 2);
  CHECK(loaded.keys()[0].id == 1);
  CHECK(loaded.keys()[0].secret == ring.keys()[0].secret);
  CHECK(loaded.keys()[1].public_key == ring.keys()[1].public_key);
  CHECK(loaded.issuing_key(KeyType::hmac)->id == 1);
  CHECK(loaded.issuing_key(KeyType::ed25519)->id == 2);
}

TEST_CASE("retired keys no longer issue; the newest active key does", "[codes]") {
  Keyring ring;
  ring.add(KeyType::hmac, 0);
  ring.add(KeyType::hmac, 0);
  CHECK(ring.issuing_key(KeyType::hmac)->id == 2);
  ring.retire(2);
  CHECK(ring.issuing_key(KeyType::hmac)->id == 1);
  ring.retire(1);
  CHECK(ring.issuing_key(KeyType::hmac) == nullptr);
  CHECK(ring.find(1)->retired);
  REQUIRE_THROWS_WITH(ring.retire(9), "key id 9 is not in the keyring");
  for (int i = 0; i < 29; ++i) ring.add(KeyType::hmac, 0);
  REQUIRE_THROWS_WITH(ring.add(KeyType::hmac, 0), Catch::Contains("all 31 key ids in use"));
}

TEST_CASE("a group- or world-readable keyring is refused with the fix", "[codes]") {
  TempDir dir;
  auto path = sf::test::write_vector_keyring(dir / "keys.json");
  for (unsigned mode : {0640u, 0604u, 0644u}) {
    ::chmod(path.c_str(), mode);
    REQUIRE_THROWS_WITH(Keyring::load(path), Catch::Contains("readable by group or others") &&
                                                 Catch::Contains("chmod 600"));
  }
}

TEST_CASE("a corrupt keyring is refused naming the field", "[codes]") {
  TempDir dir;
  auto write = [&](const std::string& text) {
    auto path = sf::test::write_file(dir / "keys.json", text);
    ::chmod(path.c_str(), 0600);
    return path;
  };
  REQUIRE_THROWS_WITH(Keyring::load(write("{not json")), Catch::Contains("is not valid JSON"));
  REQUIRE_THROWS_WITH(Keyring::load(write("[]")), Catch::Contains("expected an object with a \"keys\" array"));
  REQUIRE_THROWS_WITH(Keyring::load(write(R"({"keys":[{"id":40,"type":"hmac","secret":"x"}]})")),
                      Catch::Contains("keys[0].id is missing or out of range"));
  REQUIRE_THROWS_WITH(Keyring::load(write(R"({"keys":[{"id":1,"type":"rsa"}]})")),
                      Catch::Contains("keys[0].type 'rsa' is unknown"));
  REQUIRE_THROWS_WITH(Keyring::load(write(R"({"keys":[{"id":1,"type":"hmac","secret":"AAAA"}]})")),
                      Catch::Contains("keys[0].secret is not base64url of 32 bytes"));
  REQUIRE_THROWS_WITH(Keyring::load(dir / "missing.json"),
                      Catch::Contains("missing.json' does not exist; create it with 'stickerforge keys new"));
}

TEST_CASE("export-public carries no secret and loads as a verify-only keyring", "[codes]") {
  TempDir dir;
  Keyring ring;
  ring.add(KeyType::hmac, 0);
  ring.add(KeyType::ed25519, 0);
  std::string text = ring.public_json();
  CHECK(text.find("secret") == std::string::npos);
  auto path = sf::test::write_file(dir / "public.json", text);
  ::chmod(path.c_str(), 0644);  // public: any mode is fine
  Keyring pub = Keyring::load(path);
  REQUIRE(pub.keys().size() == 1);
  CHECK(pub.keys()[0].secret.empty());
  CHECK(pub.keys()[0].public_key == ring.keys()[1].public_key);
  CHECK(pub.issuing_key(KeyType::ed25519) == nullptr);
  sf::test::write_file(path, R"({"public_only": true, "keys": [{"id": 2, "type": "ed25519",
    "secret": "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8"}]})");
  REQUIRE_THROWS_WITH(Keyring::load(path), Catch::Contains("has a secret, but the keyring says public_only"));
}
