#include "verifier/byte_range.h"

#include <cctype>
#include <limits>
#include <optional>

namespace sf::verifier {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// 1*DIGIT without overflow; nullopt for anything else (a sign, a space, 2^64).
std::optional<std::uint64_t> digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const std::uint64_t digit = std::uint64_t(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace

std::string ByteRange::content_range(std::uint64_t size) const {
  if (kind == Kind::unsatisfiable) return "bytes */" + std::to_string(size);
  return "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(size);
}

ByteRange choose_range(std::string_view range, std::uint64_t size) {
  ByteRange whole;
  range = trim(range);
  constexpr std::string_view kUnit = "bytes=";
  if (range.size() < kUnit.size()) return whole;
  for (std::size_t i = 0; i < kUnit.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(range[i])) != kUnit[i]) return whole;
  std::string_view spec = trim(range.substr(kUnit.size()));
  if (spec.find(',') != std::string_view::npos) return whole;  // several ranges: send it all
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return whole;
  const std::string_view first_text = trim(spec.substr(0, dash));
  const std::string_view last_text = trim(spec.substr(dash + 1));

  ByteRange answer;
  answer.kind = ByteRange::Kind::partial;
  if (first_text.empty()) {  // suffix: the last N bytes
    auto suffix = digits(last_text);
    if (!suffix) return whole;
    if (*suffix == 0 || size == 0) return {ByteRange::Kind::unsatisfiable};
    answer.first = *suffix >= size ? 0 : size - *suffix;
    answer.last = size - 1;
    return answer;
  }
  auto first = digits(first_text);
  if (!first) return whole;
  std::optional<std::uint64_t> last;
  if (!last_text.empty()) {
    last = digits(last_text);
    if (!last || *last < *first) return whole;  // invalid range-spec: ignored (§14.1.1)
  }
  if (*first >= size) return {ByteRange::Kind::unsatisfiable};
  answer.first = *first;
  answer.last = last && *last < size ? *last : size - 1;
  return answer;
}

}  // namespace sf::verifier
