#include "codes/typed_code.h"

#include <catch2/catch.hpp>
#include <random>

#include "codes/crockford.h"
#include "codes/fixtures.h"

using namespace sf::codes;

namespace {

struct Vector {
  TypedFields fields;
  std::uint64_t tag;
  const char* code;
};
// The same table is in docs/codes.md.
const Vector kVectors[] = {
    {{1, 42, 1234}, 0x88eadc681dULL, "11A0-16JH-3NDR-T0XE"},
    {{1, 0, 0}, 0x7093645d4aULL, "1000-000E-29P8-QAA1"},
    {{31, 1023, 1048575}, 0xe0deef87c8ULL, "ZZZZ-ZZZW-3FEZ-1Y8B"},
    {{7, 5, 99999}, 0xf64a6dafe5ULL, "7053-1MZY-S56V-BZ5M"},
};

}  // namespace

TEST_CASE("typed codes match the docs/codes.md test vectors", "[codes]") {
  sf::crypto::HmacSha256Key key(sf::test::vector_hmac_key());
  for (const Vector& v : kVectors) {
    CHECK(typed_tag(key, v.fields) == v.tag);
    CHECK(format_typed(v.fields, v.tag) == v.code);
    TypedParse parsed = parse_typed(v.code);
    REQUIRE(parsed.status == TypedParse::Status::ok);
    CHECK(parsed.fields.key_id == v.fields.key_id);
    CHECK(parsed.fields.campaign_number == v.fields.campaign_number);
    CHECK(parsed.fields.serial == v.fields.serial);
    CHECK(parsed.tag == v.tag);
  }
}

TEST_CASE("typed code parsing is lenient about case, spacing and look-alikes", "[codes]") {
  for (const char* spelling : {"11a0-16jh-3ndr-t0xe", "11A016JH3NDRT0XE", " 11a0 16jh 3ndr t0xe ",
                               "iLA0-16JH-3NDR-TOXE", "11A0 - 16JH - 3NDR - T0XE"}) {
    TypedParse parsed = parse_typed(spelling);
    INFO(spelling);
    REQUIRE(parsed.status == TypedParse::Status::ok);
    CHECK(parsed.fields.serial == 1234);
  }
}

TEST_CASE("typed code parsing names what is wrong", "[codes]") {
  CHECK(parse_typed("11A0-16JH-3NDR-T0X").problem == "code has 15 symbols; expected 16");
  CHECK(parse_typed("11A0-16JH-3NDR-T0XEE").problem == "code has 17 symbols; expected 16");
  CHECK(parse_typed("").problem == "code has 0 symbols; expected 16");
  auto bad_symbol = parse_typed("11A0-16JH-3NDR-T0XU");
  CHECK(bad_symbol.status == TypedParse::Status::malformed);
  CHECK_THAT(bad_symbol.problem, Catch::Contains("'U', which is not a code symbol"));
  auto typo = parse_typed("11A0-16JH-3NDR-T1XE");
  CHECK(typo.status == TypedParse::Status::mistyped);
  CHECK_THAT(typo.problem, Catch::Contains("looks mistyped"));
}

TEST_CASE("the check symbol catches every single-symbol substitution", "[codes]") {
  // Exhaustive over every position and every wrong symbol, for many codes.
  sf::crypto::HmacSha256Key key(sf::test::vector_hmac_key());
  std::mt19937_64 random(7);
  long substitutions = 0;
  for (int n = 0; n < 2000; ++n) {
    TypedFields f{static_cast<std::uint32_t>(random() % 32), static_cast<std::uint32_t>(random() % 1024),
                  static_cast<std::uint32_t>(random() % kTypedSerialsPerSlot)};
    std::string code = format_typed(f, typed_tag(key, f));
    for (std::size_t at = 0; at < code.size(); ++at) {
      if (code[at] == '-') continue;
      for (char symbol : kCrockfordAlphabet) {
        if (symbol == code[at]) continue;
        std::string typo = code;
        typo[at] = symbol;
        ++substitutions;
        if (parse_typed(typo).status != TypedParse::Status::mistyped) FAIL("not caught: " << typo);
      }
    }
  }
  CHECK(substitutions == 2000L * 16 * 31);
}

TEST_CASE("luhn mod 32 check values are in range and self-consistent", "[codes]") {
  std::uint8_t values[16] = {1, 1, 10, 0, 1, 6, 17, 3, 21, 13, 24, 26, 0, 29};
  int check = luhn32_check({values, 15});
  CHECK(check >= 0);
  CHECK(check < 32);
  values[15] = static_cast<std::uint8_t>(check);
  CHECK(luhn32_valid({values, 16}));
  values[15] = static_cast<std::uint8_t>((check + 1) % 32);
  CHECK_FALSE(luhn32_valid({values, 16}));
}
