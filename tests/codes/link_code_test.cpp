#include "codes/link_code.h"

#include <catch2/catch.hpp>

#include "codes/base64url.h"
#include "codes/fixtures.h"

using namespace sf::codes;

namespace {
// The same tokens are in docs/codes.md.
constexpr const char* kPublicKey = "Kay64UG8yvCyLhqU000LxzYeUm0L_hLIl5S8kyKWbdc";
constexpr const char* kPlainToken =
    "AQIAKgAABNIAAAAAAAAAAACRuiAbURNolbw_V3gmvyzb10NPkFhW2ihiV2ZCrSu0ZW3NR_KEl3r1rmcPKwQ0Zix7-D1Z"
    "vgHm_VO0t64koMoH";
constexpr const char* kSubjectToken =
    "AQIAKgAABNIAAAAAazbsfwG1_IXlV1X54NAwoQq0QptrXJYH0f2H0MbmNjNLkk_WqNvw8-H8rOwkVIWr-FAFDfM406fb"
    "3mmt5kaRvKAFyFDcDUltZDG7tjE_tSo7Q2r8Bw";
}  // namespace

TEST_CASE("link tokens match the docs/codes.md test vectors", "[codes]") {
  auto key = sf::crypto::Ed25519PrivateKey::from_seed(sf::test::vector_ed25519_seed());
  CHECK(base64url_encode(key.public_key()) == kPublicKey);
  LinkFields fields;
  fields.key_id = 2;
  fields.campaign_number = 42;
  fields.serial = 1234;
  CHECK(sign_link(key, fields) == kPlainToken);
  fields.not_after_unix = 1798761599;  // 2026-12-31T23:59:59Z
  fields.subject_hash = subject_hash("Ada@Example.com ");
  CHECK(sign_link(key, fields) == kSubjectToken);
  CHECK(subject_hash("ada@example.com") == subject_hash("  ADA@example.COM"));
  std::string in_query = "https://rewards.example/redeem?src=mail&c=";
  in_query += kPlainToken;
  CHECK(parse_link(in_query).ok);
}

TEST_CASE("link tokens round-trip and verify with the public key alone", "[codes]") {
  auto key = sf::crypto::Ed25519PrivateKey::from_seed(sf::test::vector_ed25519_seed());
  auto public_key = sf::crypto::Ed25519PublicKey::from_bytes(*base64url_decode(kPublicKey));
  for (const char* text : {kSubjectToken, "https://rewards.example/r/AQIAKgAABNIAAAAAazbsfwG1_IXlV1X54NAwoQq0QptrXJYH0f2H0MbmNjNLkk_WqNvw8-H8rOwkVIWr-FAFDfM406fb3mmt5kaRvKAFyFDcDUltZDG7tjE_tSo7Q2r8Bw?utm=mail"}) {
    LinkParse parsed = parse_link(text);
    REQUIRE(parsed.ok);
    CHECK(parsed.fields.key_id == 2);
    CHECK(parsed.fields.campaign_number == 42);
    CHECK(parsed.fields.serial == 1234);
    CHECK(parsed.fields.not_after_unix == 1798761599);
    REQUIRE(parsed.fields.subject_hash);
    CHECK(*parsed.fields.subject_hash == subject_hash("ada@example.com"));
    CHECK(public_key.verify(parsed.signed_message, parsed.signature));
  }
}

TEST_CASE("link token parsing rejects damaged tokens with a reason", "[codes]") {
  CHECK(parse_link("AQIA$$").problem == "link token is not base64url text");
  CHECK_THAT(parse_link("AQIAKgAABNIA").problem, Catch::Contains("decodes to 9 bytes; expected 81 or 97"));
  std::string wrong_version = kPlainToken;
  wrong_version[0] = 'B';  // first byte 0x05
  CHECK_THAT(parse_link(wrong_version).problem, Catch::Contains("version 5 is unknown"));
}

TEST_CASE("base64url round-trips every length and rejects non-canonical text", "[codes]") {
  for (std::size_t n = 0; n < 70; ++n) {
    auto bytes = sf::crypto::random_bytes(n);
    auto text = base64url_encode(bytes);
    CHECK(text.find('=') == std::string::npos);
    CHECK(base64url_decode(text) == bytes);
  }
  CHECK_FALSE(base64url_decode("A"));
  CHECK_FALSE(base64url_decode("AB"));  // leftover bits not zero
  CHECK(base64url_decode("AA"));
  CHECK_FALSE(base64url_decode("AA+/"));
}
