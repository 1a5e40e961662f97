#include "crypto/ed25519.h"

#include <catch2/catch.hpp>

#include "crypto/hex.h"

using namespace sf::crypto;
using sf::test::from_hex;
using sf::test::to_hex;

TEST_CASE("ed25519 matches RFC 8032 test 1 and 2", "[crypto]") {
  auto seed = from_hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  auto key = Ed25519PrivateKey::from_seed(seed);
  CHECK(to_hex(key.public_key()) ==
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  auto signature = key.sign({});
  CHECK(to_hex(signature) ==
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e"
        "39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  CHECK(ed25519_verify(key.public_key(), {}, signature));

  auto seed2 = from_hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
  auto message = from_hex("72");
  auto signature2 = ed25519_sign(seed2, message);
  CHECK(to_hex(signature2) ==
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f"
        "3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
}

TEST_CASE("ed25519 rejects altered messages, signatures and wrong keys", "[crypto]") {
  auto key = Ed25519PrivateKey::generate();
  auto other = Ed25519PrivateKey::generate();
  auto message = as_bytes("campaign 42 serial 7");
  auto signature = key.sign(message);
  auto pub = Ed25519PublicKey::from_bytes(key.public_key());
  CHECK(pub.verify(message, signature));
  CHECK_FALSE(pub.verify(as_bytes("campaign 42 serial 8"), signature));
  for (std::size_t i = 0; i < signature.size(); i += 7) {
    auto bad = signature;
    bad[i] ^= 0x01;
    CHECK_FALSE(pub.verify(message, bad));
  }
  CHECK_FALSE(pub.verify(message, sf::Bytes(signature.begin(), signature.begin() + 63)));
  CHECK_FALSE(Ed25519PublicKey::from_bytes(other.public_key()).verify(message, signature));
  CHECK(Ed25519PrivateKey::from_seed(key.seed()).public_key() == key.public_key());
  REQUIRE_THROWS_WITH(Ed25519PrivateKey::from_seed(random_bytes(31)),
                      Catch::Contains("31 bytes; expected 32"));
  REQUIRE_THROWS_WITH(Ed25519PublicKey::from_bytes(random_bytes(33)),
                      Catch::Contains("33 bytes; expected 32"));
}
