#include "crypto/primitives.h"

#include <catch2/catch.hpp>

#include "base/error.h"
#include "crypto/hmac_key.h"
#include "crypto/hex.h"

using namespace sf::crypto;
using sf::test::from_hex;
using sf::test::to_hex;

TEST_CASE("sha256 matches the FIPS 180-2 'abc' vector", "[crypto]") {
  CHECK(to_hex(sha256(as_bytes("abc"))) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("hmac_sha256 matches RFC 4231 test cases 1 and 2", "[crypto]") {
  sf::Bytes key1(20, 0x0b);
  CHECK(to_hex(hmac_sha256(key1, as_bytes("Hi There"))) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(to_hex(hmac_sha256(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("HmacSha256Key gives the same MAC as the one-shot function", "[crypto]") {
  sf::Bytes long_key(131, 0xaa);  // RFC 4231 case 6: key longer than a block
  HmacSha256Key key(long_key);
  auto mac = key.mac(as_bytes("Test Using Larger Than Block-Size Key - Hash Key First"));
  CHECK(to_hex(mac) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  for (std::size_t n : {0, 1, 55, 56, 64, 200}) {
    sf::Bytes data = random_bytes(n);
    sf::Bytes k = random_bytes(32);
    auto fast = HmacSha256Key(k).mac(data);
    CHECK(to_hex(fast) == to_hex(hmac_sha256(k, data)));
  }
}

TEST_CASE("hkdf_sha256 matches RFC 5869 test case 1", "[crypto]") {
  sf::Bytes ikm(22, 0x0b);
  auto okm = hkdf_sha256(ikm, from_hex("000102030405060708090a0b0c"),
                         from_hex("f0f1f2f3f4f5f6f7f8f9"), 42);
  CHECK(to_hex(okm) ==
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  REQUIRE_THROWS_WITH(hkdf_sha256(ikm, {}, {}, 0), Catch::Contains("output length 0"));
}

TEST_CASE("aes256_cbc matches NIST SP 800-38A F.2.5 and round-trips", "[crypto]") {
  auto key = from_hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
  auto iv = from_hex("000102030405060708090a0b0c0d0e0f");
  auto plain = from_hex("6bc1bee22e409f96e93d7e117393172a");
  auto cipher = aes256_cbc_encrypt(key, iv, plain);
  REQUIRE(cipher.size() == 32);  // one data block + one PKCS#7 padding block
  CHECK(to_hex(sf::Bytes(cipher.begin(), cipher.begin() + 16)) ==
        "f58c4c04d6e5f1ba779eabfb5f7bfbd6");
  CHECK(aes256_cbc_decrypt(key, iv, cipher) == plain);
  for (std::size_t n : {0, 1, 15, 16, 17, 1000}) {
    auto data = random_bytes(n);
    CHECK(aes256_cbc_decrypt(key, iv, aes256_cbc_encrypt(key, iv, data)) == data);
  }
}

TEST_CASE("aes256_cbc rejects bad sizes and bad padding with clear messages", "[crypto]") {
  auto key = random_bytes(32);
  auto iv = random_bytes(16);
  REQUIRE_THROWS_WITH(aes256_cbc_encrypt(random_bytes(16), iv, {}),
                      Catch::Contains("key is 16 bytes; expected 32"));
  REQUIRE_THROWS_WITH(aes256_cbc_encrypt(key, random_bytes(8), {}),
                      Catch::Contains("iv is 8 bytes; expected 16"));
  REQUIRE_THROWS_WITH(aes256_cbc_decrypt(key, iv, random_bytes(17)),
                      Catch::Contains("multiple of 16"));
  auto cipher = aes256_cbc_encrypt(key, iv, as_bytes("attack at dawn"));
  auto wrong_key = random_bytes(32);
  // A wrong key yields valid padding with probability ~1/256; try a few keys.
  int rejected = 0;
  for (int i = 0; i < 8; ++i) {
    try {
      aes256_cbc_decrypt(random_bytes(32), iv, cipher);
    } catch (const sf::Error& e) {
      CHECK(std::string(e.what()).find("bad padding") != std::string::npos);
      ++rejected;
    }
  }
  CHECK(rejected >= 6);
}

TEST_CASE("constant_time_equal compares content and length", "[crypto]") {
  sf::Bytes a = {1, 2, 3}, b = {1, 2, 3}, c = {1, 2, 4}, d = {1, 2};
  CHECK(constant_time_equal(a, b));
  CHECK_FALSE(constant_time_equal(a, c));
  CHECK_FALSE(constant_time_equal(a, d));
  CHECK(constant_time_equal({}, {}));
}

TEST_CASE("random_bytes returns the requested length and differs per call", "[crypto]") {
  CHECK(random_bytes(0).empty());
  auto a = random_bytes(32), b = random_bytes(32);
  CHECK(a.size() == 32);
  CHECK(a != b);
}
