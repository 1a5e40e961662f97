#include "codes/online.h"

#include <algorithm>

#include "base/text.h"

namespace sf::codes {

std::uint64_t OnlineSettings::total() const {
  std::uint64_t sum = 0;
  for (const OnlineRange& range : ranges) sum += range.count;
  return sum;
}

const IssueRule* OnlineSettings::rule_for(std::string_view source) const {
  for (const IssueRule& rule : rules)
    if (rule.source == source) return &rule;
  return nullptr;
}

bool OnlineSettings::contains(std::uint32_t key_id, std::uint32_t number,
                              std::uint32_t slot_serial) const {
  for (const OnlineRange& r : ranges)
    if (r.key_id == key_id && r.number == number && slot_serial >= r.first &&
        slot_serial - r.first < r.count)
      return true;
  return false;
}

std::optional<OnlineSerial> online_serial(const OnlineSettings& settings, std::uint64_t index) {
  for (const OnlineRange& r : settings.ranges) {
    if (index < r.count)
      return OnlineSerial{r.key_id, r.number, r.first + static_cast<std::uint32_t>(index)};
    index -= r.count;
  }
  return std::nullopt;
}

const std::vector<std::string_view>& issue_sources() {
  static const std::vector<std::string_view> sources = {
      "shopify", "stripe", "square", "typeform", "google-forms", "mailchimp", "webhook", "till"};
  return sources;
}

std::optional<std::string> unknown_source_problem(std::string_view source) {
  const auto& sources = issue_sources();
  if (std::find(sources.begin(), sources.end(), source) != sources.end()) return std::nullopt;
  std::string expected;
  for (std::string_view name : sources) expected += (expected.empty() ? "" : ", ") + std::string(name);
  return "source " + quote(source) + " is unknown; expected one of " + expected + ";" +
         did_you_mean(source, sources);
}

std::optional<std::int64_t> parse_money_cents(std::string_view text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::int64_t whole = 0, fraction = 0;
  int decimals = -1;
  for (char c : text) {
    if (c == '.') {
      if (decimals >= 0) return std::nullopt;
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (decimals >= 0) {
      if (++decimals > 2) return std::nullopt;
      fraction = fraction * 10 + (c - '0');
    } else {
      whole = whole * 10 + (c - '0');
    }
  }
  if (decimals == 0) return std::nullopt;  // "10."
  if (decimals == 1) fraction *= 10;
  return whole * 100 + fraction;
}

}  // namespace sf::codes
