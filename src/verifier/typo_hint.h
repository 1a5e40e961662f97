// verifier: which part of a mistyped code to look at. The check symbol says
// only that a typed code is wrong, not where; but a typo is nearly always one
// wrong symbol or two swapped neighbours, so the candidates one edit away
// that pass the check symbol are tried against the keys, and when the
// genuine ones all lie in one group of four, the customer is told to check
// that group. The answer never contains the corrected code.
//
// Cost to security: a mistyped attempt tests up to 31 neighbours instead of
// one code, so for attempts with a wrong check symbol the failure budgets
// bound 31 times more tag guesses (docs/http-api.md has the arithmetic).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "verifier/code_check.h"

namespace sf::verifier {

struct TypoHint {
  enum class Kind {
    none,    // nothing more precise than "mistyped"
    group,   // `group` (1-4) holds the typo; `group_text` is it as typed
    length,  // `symbols` symbols instead of 16
    symbol,  // `symbol` is not a code symbol
    link,    // a link token that does not parse: damaged or cut off
  } kind = Kind::none;
  int group = 0;
  std::string group_text;
  int symbols = 0;
  std::string symbol;
};

/// True for a link token or link URL ("://" or "/r/" in it, or more than 24 characters all
/// of them base64url or '.'), as opposed to a typed code.
bool looks_like_link(std::string_view text);

/// Explains a code the checker called mistyped. Calls `check` for at most
/// 31 candidates. Never throws for any input.
TypoHint find_typo(std::string_view typed, const CodeChecker& check, std::int64_t now_unix);

}  // namespace sf::verifier
