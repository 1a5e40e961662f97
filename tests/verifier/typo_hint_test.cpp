// Where a mistyped code is wrong: the one group of four whose correction
// passes both the check symbol and the key, never the corrected code.
#include <catch2/catch.hpp>

#include "codes/crockford.h"
#include "codes/typed_code.h"
#include "verifier/typo_hint.h"

using sf::verifier::find_typo;
using sf::verifier::TypoHint;

namespace {

// A checker that knows one genuine code, like the real one with its key.
sf::verifier::CodeChecker knows(const std::string& genuine) {
  return [genuine](std::string_view code, std::int64_t) {
    sf::verifier::CodeCheck check;
    check.verdict = code == genuine ? sf::verifier::CodeVerdict::valid : sf::verifier::CodeVerdict::unknown;
    return check;
  };
}

std::string replace_symbol(std::string code, std::size_t at) {
  code[at] = code[at] == 'Z' ? 'Y' : 'Z';
  return code;
}

}  // namespace

TEST_CASE("a mistyped symbol is located in its group of four", "[verifier]") {
  const std::string genuine = sf::codes::format_typed({1, 42, 1234}, 0x123456789Aull);
  auto check = knows(genuine);
  for (std::size_t at : {0u, 6u, 12u, 18u}) {  // a symbol in each group (hyphens at 4, 9, 14)
    std::string typed = replace_symbol(genuine, at);
    TypoHint hint = find_typo(typed, check, 0);
    CAPTURE(typed);
    REQUIRE(hint.kind == TypoHint::Kind::group);
    CHECK(hint.group == int(at / 5) + 1);
    CHECK(hint.group_text == typed.substr((at / 5) * 5, 4));
  }
  // Two swapped neighbours inside the third group, typed in lower case.
  std::string swapped = genuine;
  std::swap(swapped[10], swapped[11]);
  if (swapped != genuine) {
    for (char& c : swapped) c = char(std::tolower(static_cast<unsigned char>(c)));
    TypoHint hint = find_typo(swapped, check, 0);
    CHECK(hint.kind == TypoHint::Kind::group);
    CHECK(hint.group == 3);
  }
}

TEST_CASE("a code that is no neighbour of a genuine one gets no group", "[verifier]") {
  const std::string genuine = sf::codes::format_typed({1, 42, 1234}, 0x123456789Aull);
  std::string far = replace_symbol(replace_symbol(genuine, 0), 18);
  if (sf::codes::parse_typed(far).status == sf::codes::TypedParse::Status::mistyped)
    CHECK(find_typo(far, knows(genuine), 0).kind == TypoHint::Kind::none);
  CHECK(find_typo("ABCD-EFGH", knows(genuine), 0).kind == TypoHint::Kind::length);
  CHECK(find_typo("ABCD-EFGH", knows(genuine), 0).symbols == 8);
  TypoHint bad = find_typo("ABCD-EFGH-UUUU-0000", knows(genuine), 0);
  CHECK(bad.kind == TypoHint::Kind::symbol);
  CHECK(bad.symbol == "U");
  CHECK(find_typo("https://stickers.example/r/Zm9vYmFy", knows(genuine), 0).kind == TypoHint::Kind::link);
}
