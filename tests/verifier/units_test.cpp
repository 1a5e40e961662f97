// The verifier's small parts: limiter, download tokens, store keys, packs.
#include <catch2/catch.hpp>

#include "base/error.h"
#include "support/temp_dir.h"
#include "verifier/download_token.h"
#include "verifier/fakes.h"
#include "verifier/limiter.h"
#include "verifier/pack_catalog.h"
#include "verifier/store_keys.h"

using namespace sf::verifier;
using sf::test::TempDir;
using sf::test::write_file;

TEST_CASE("the limiter blocks a key after its failures and forgets them after a minute", "[verifier]") {
  Limiter limiter({2, 4, 1000, 60});
  limiter.record_failure("client:a", 100);
  CHECK(limiter.retry_after("client:a", 100) == 0);
  limiter.record_failure("client:a", 110);
  CHECK(limiter.retry_after("client:a", 110) == 50);
  CHECK(limiter.retry_after("client:b", 110) == 0);
  CHECK(limiter.retry_after("client:a", 160) == 0);
  limiter.record_failure("store:s", 100);
  limiter.record_failure("store:s", 100);
  CHECK(limiter.retry_after("store:s", 100) == 0);  // stores have their own, higher limit
}

TEST_CASE("the global budget trips the breaker on a sustained rate, not a burst it can absorb",
          "[verifier]") {
  Limiter limiter({1000, 1000, 10, 30});
  for (int second = 0; second < 100; ++second)  // 10/s for 100 s: within budget
    for (int i = 0; i < 10; ++i) limiter.record_failure("client:" + std::to_string(i), second);
  CHECK(limiter.breaker_retry_after(100) == 0);
  for (int i = 0; i < 120; ++i) limiter.record_failure("client:x" + std::to_string(i), 100);
  CHECK(limiter.breaker_retry_after(100) == 30);
  CHECK(limiter.breaker_trips() == 1);
  CHECK(limiter.breaker_retry_after(131) == 0);
}

TEST_CASE("download tokens bind one file and expire", "[verifier]") {
  DownloadTokens tokens(sf::Bytes(32, 1));
  std::string token = tokens.issue("p/telegram/a.zip", 1000);
  CHECK(tokens.check("p/telegram/a.zip", token, 999) == TokenCheck::valid);
  CHECK(tokens.check("p/telegram/a.zip", token, 1001) == TokenCheck::expired);
  CHECK(tokens.check("p/telegram/b.zip", token, 999) == TokenCheck::bad_signature);
  std::string later = "2000" + token.substr(token.find('.'));
  CHECK(tokens.check("p/telegram/a.zip", later, 999) == TokenCheck::bad_signature);
  CHECK(DownloadTokens(sf::Bytes(32, 2)).check("p/telegram/a.zip", token, 999) == TokenCheck::bad_signature);
  for (const char* bad : {"", ".", "abc", "1000.", "x.abc", "-5.AAAA", "1000.!!!!", "1000.AAAA"})
    CHECK(tokens.check("p/telegram/a.zip", bad, 999) == TokenCheck::malformed);
  REQUIRE_THROWS_WITH(DownloadTokens(sf::Bytes(8, 1)), Catch::Contains("8 bytes; expected at least 16"));
}

TEST_CASE("store keys are kept hashed and checked exactly", "[verifier]") {
  TempDir dir;
  std::string key = new_store_key();
  CHECK(key.size() == 46);
  auto path = write_file(dir / "stores.json",
                         "{\"stores\": [{\"store\": \"s1\", \"key_sha256\": \"" + store_key_digest(key) + "\"}]}");
  StoreKeys keys = StoreKeys::load(path);
  CHECK(keys.authenticate(key) == "s1");
  CHECK_FALSE(keys.authenticate(key + "x"));
  CHECK_FALSE(keys.authenticate(""));
  CHECK_FALSE(keys.authenticate(store_key_digest(key)));  // the digest is not a key
  auto bad = write_file(dir / "bad.json", R"({"stores": [{"store": "s1", "key_sha256": "sk_plaintext"},
                                                        {"store": "s1", "key_sha256": "00"}, 7]})");
  REQUIRE_THROWS_WITH(StoreKeys::load(bad),
                      Catch::Contains("stores[0].key_sha256: value 'sk_plaintext' is not 64 lower-case hex") &&
                          Catch::Contains("stores[1].store: store id 's1' appears twice") &&
                          Catch::Contains("stores[2]: expected an object"));
}

TEST_CASE("pack downloads never leave the packs folder", "[verifier]") {
  TempDir dir;
  sf::test::write_fake_packs(dir / "packs");
  PackCatalog catalog(dir / "packs");
  CHECK(catalog.resolve_download("fergie", "telegram", "fergie-telegram.zip"));
  CHECK_FALSE(catalog.resolve_download("fergie", "..", "secret.txt"));
  CHECK_FALSE(catalog.resolve_download("..", "packs", "secret.txt"));
  CHECK_FALSE(catalog.resolve_download("fergie", "whatsapp", "01.webp"));  // not an archive
  // A symlink planted in a platform folder, pointing outside, is refused.
  write_file(dir / "outside.txt", "not for download");
  std::filesystem::create_symlink(dir / "outside.txt", dir / "packs" / "fergie" / "signal" / "evil.zip");
  PackCatalog fresh(dir / "packs");
  auto info = fresh.find("fergie");
  REQUIRE(info);
  CHECK_FALSE(fresh.resolve_download("fergie", "signal", "evil.zip"));
  CHECK(is_safe_segment("a-b_c.zip"));
  for (const char* bad : {"", ".", "..", ".env", "a/b", "a\\b", "a b", "%2e%2e"})
    CHECK_FALSE(is_safe_segment(bad));
}
