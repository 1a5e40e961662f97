#include "verifier/typo_hint.h"

#include <algorithm>
#include <set>

#include "codes/crockford.h"

namespace sf::verifier {
namespace {

std::string as_code(const std::uint8_t (&values)[16]) {
  std::string text;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) text += '-';
    text += codes::kCrockfordAlphabet[values[i]];
  }
  return text;
}

// The tag verified: any verdict past the signature check.
bool genuine(CodeVerdict verdict) {
  return verdict != CodeVerdict::mistyped && verdict != CodeVerdict::unknown;
}

}  // namespace

bool looks_like_link(std::string_view text) {
  if (text.find("://") != std::string_view::npos || text.find("/r/") != std::string_view::npos)
    return true;
  return text.size() > 24 && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
         });
}

TypoHint find_typo(std::string_view typed, const CodeChecker& check, std::int64_t now_unix) {
  TypoHint hint;
  std::string symbols;
  for (char c : typed)
    if (c != '-' && c != ' ' && c != '\t') symbols += c;
  // Link tokens are long and come from links; nobody types them.
  if (looks_like_link(typed)) {
    hint.kind = TypoHint::Kind::link;
    return hint;
  }
  std::uint8_t values[16];
  for (char c : symbols) {
    if (codes::crockford_value(c) < 0) {
      hint.kind = TypoHint::Kind::symbol;
      hint.symbol = std::string(1, c);
      if (static_cast<unsigned char>(c) >= 0x80 || c < ' ') hint.symbol = "?";
      return hint;
    }
  }
  if (symbols.size() != 16) {
    hint.kind = TypoHint::Kind::length;
    hint.symbols = int(symbols.size());
    return hint;
  }
  for (int i = 0; i < 16; ++i) values[i] = std::uint8_t(codes::crockford_value(symbols[i]));

  std::set<int> groups;
  auto try_candidate = [&](const std::uint8_t (&candidate)[16], int group_a, int group_b) {
    if (!codes::luhn32_valid(candidate)) return;
    if (!genuine(check(as_code(candidate), now_unix).verdict)) return;
    groups.insert(group_a);
    groups.insert(group_b);
  };
  // One wrong symbol: for each position exactly one value fixes the check.
  for (int pos = 0; pos < 16; ++pos) {
    std::uint8_t candidate[16];
    std::copy(values, values + 16, candidate);
    for (int v = 0; v < 32; ++v) {
      if (v == values[pos]) continue;
      candidate[pos] = std::uint8_t(v);
      if (codes::luhn32_valid(candidate)) {
        try_candidate(candidate, pos / 4, pos / 4);
        break;
      }
    }
  }
  // Two neighbours swapped.
  for (int pos = 0; pos + 1 < 16; ++pos) {
    if (values[pos] == values[pos + 1]) continue;
    std::uint8_t candidate[16];
    std::copy(values, values + 16, candidate);
    std::swap(candidate[pos], candidate[pos + 1]);
    try_candidate(candidate, pos / 4, (pos + 1) / 4);
  }
  if (groups.size() == 1) {
    hint.kind = TypoHint::Kind::group;
    hint.group = *groups.begin() + 1;
    hint.group_text = symbols.substr(std::size_t(*groups.begin()) * 4, 4);
    for (char& c : hint.group_text) c = char(std::toupper(static_cast<unsigned char>(c)));
  }
  return hint;
}

}  // namespace sf::verifier
