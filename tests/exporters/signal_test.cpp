#include <catch2/catch.hpp>

#include "base/error.h"
#include "crypto/primitives.h"
#include "exporters/signal_manifest.h"

using Catch::Contains;
namespace signal = sf::exporters::signal;

TEST_CASE("the signal manifest is encoded as Stickers.proto on the wire", "[exporters][signal]") {
  signal::Manifest manifest{"T", "A", signal::ManifestSticker{1, "x"}, {{0, "x"}, {1, "y"}}};
  sf::Bytes expected = {0x0a, 0x01, 'T',  0x12, 0x01, 'A',         // title, author
                        0x1a, 0x05, 0x08, 0x01, 0x12, 0x01, 'x',   // cover {id 1, "x"}
                        0x22, 0x05, 0x08, 0x00, 0x12, 0x01, 'x',   // stickers[0]
                        0x22, 0x05, 0x08, 0x01, 0x12, 0x01, 'y'};  // stickers[1]
  CHECK(signal::encode_manifest(manifest) == expected);
  auto decoded = signal::decode_manifest(expected);
  CHECK(decoded.title == "T");
  CHECK(decoded.author == "A");
  REQUIRE(decoded.cover);
  CHECK(decoded.cover->id == 1);
  REQUIRE(decoded.stickers.size() == 2);
  CHECK(decoded.stickers[1].emoji == "y");
}

TEST_CASE("the manifest decoder skips unknown fields and refuses truncated input",
          "[exporters][signal]") {
  sf::Bytes with_unknown = {0x28, 0x07, 0x0a, 0x01, 'T'};  // field 5 varint, then title
  CHECK(signal::decode_manifest(with_unknown).title == "T");
  sf::Bytes truncated = {0x0a, 0x05, 'T'};
  REQUIRE_THROWS_WITH(signal::decode_manifest(truncated), Contains("field runs past the end"));
}

TEST_CASE("signal blobs decrypt and verify with keys derived as Signal does",
          "[exporters][signal]") {
  sf::Bytes pack_key(32);
  for (int i = 0; i < 32; ++i) pack_key[i] = static_cast<std::uint8_t>(i);
  auto keys = signal::derive_keys(pack_key);
  // HKDF-SHA256(pack key, 32 zero bytes, "Sticker Pack"): AES key then MAC key.
  sf::Bytes okm =
      sf::crypto::hkdf_sha256(pack_key, sf::Bytes(32, 0), sf::crypto::as_bytes("Sticker Pack"), 64);
  CHECK(keys.aes_key == sf::Bytes(okm.begin(), okm.begin() + 32));
  CHECK(keys.mac_key == sf::Bytes(okm.begin() + 32, okm.end()));

  sf::Bytes plaintext(1000, 'a');
  sf::Bytes blob = signal::encrypt_blob(keys, plaintext);
  CHECK(blob.size() == 16 + 1008 + 32);  // IV, padded ciphertext, MAC
  // Decrypt by hand: check the MAC over IV||ciphertext, then AES-256-CBC.
  sf::Bytes body(blob.begin(), blob.end() - 32);
  CHECK(sf::crypto::hmac_sha256(keys.mac_key, body) == sf::Bytes(blob.end() - 32, blob.end()));
  sf::Bytes iv(blob.begin(), blob.begin() + 16);
  sf::Bytes ciphertext(blob.begin() + 16, blob.end() - 32);
  CHECK(sf::crypto::aes256_cbc_decrypt(keys.aes_key, iv, ciphertext) == plaintext);
  CHECK(signal::decrypt_blob(keys, blob) == plaintext);
  // Same key and content: same blob (reproducible builds); other content: other IV.
  CHECK(signal::encrypt_blob(keys, plaintext) == blob);
  CHECK(sf::Bytes(blob.begin(), blob.begin() + 16) != [&] {
    auto other = signal::encrypt_blob(keys, sf::Bytes(1000, 'b'));
    return sf::Bytes(other.begin(), other.begin() + 16);
  }());

  blob[20] ^= 1;
  REQUIRE_THROWS_WITH(signal::decrypt_blob(keys, blob), Contains("MAC does not match"));
  REQUIRE_THROWS_WITH(signal::derive_keys(sf::Bytes(31, 0)),
                      Contains("signal pack key is 31 bytes; expected 32"));
}

TEST_CASE("hex pack keys round-trip and bad hex is named", "[exporters][signal]") {
  sf::Bytes key = {0x00, 0xab, 0xff};
  CHECK(signal::to_hex(key) == "00abff");
  CHECK(signal::from_hex("00ABff", "key") == key);
  REQUIRE_THROWS_WITH(signal::from_hex("0g", "--signal-key"),
                      Contains("--signal-key contains g; expected hex digits"));
  REQUIRE_THROWS_WITH(signal::from_hex("abc", "--signal-key"),
                      Contains("odd number of hex digits"));
}
