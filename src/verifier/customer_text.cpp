#include "verifier/customer_text.h"

#include <cstdlib>
#include <ctime>
#include <unordered_map>

#include "verifier/customer_text_table.h"

namespace sf::verifier {
namespace {

const std::unordered_map<std::string_view, const CustomerText*>& index() {
  static const auto* map = [] {
    auto* built = new std::unordered_map<std::string_view, const CustomerText*>();
    for (const CustomerText& text : customer_texts()) built->emplace(text.key, &text);
    return built;
  }();
  return *map;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string two_digits(int value) {
  return std::string(1, char('0' + value / 10)) + char('0' + value % 10);
}

}  // namespace

Language pick_language(std::string_view header) {
  // Entries are "tag;q=0.8"; the highest q among the languages we have wins,
  // the earlier entry on a tie (browsers list in preference order).
  Language best = Language::en;
  double best_q = -1;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view entry = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    std::string_view tag = trim(entry.substr(0, entry.find(';')));
    double q = 1.0;
    if (std::size_t at = entry.find(";q="); at != std::string_view::npos)
      q = std::atof(std::string(entry.substr(at + 3)).c_str());
    std::string primary(tag.substr(0, tag.find('-')));
    for (char& c : primary) c = char(std::tolower(static_cast<unsigned char>(c)));
    Language found;
    if (primary == "en") found = Language::en;
    else if (primary == "de") found = Language::de;
    else continue;
    if (q > best_q) {
      best = found;
      best_q = q;
    }
  }
  return best;
}

std::string_view language_tag(Language language) { return language == Language::de ? "de" : "en"; }

bool has_text(std::string_view key) { return index().count(key) != 0; }

std::string say(Language language, std::string_view key,
                std::initializer_list<std::pair<std::string_view, std::string>> values) {
  auto it = index().find(key);
  if (it == index().end()) return std::string(key);
  std::string_view text = language == Language::de ? it->second->de : it->second->en;
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find('{', pos);
    std::size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    std::string_view name = text.substr(open + 1, close - open - 1);
    bool replaced = false;
    for (const auto& [key_name, value] : values)
      if (key_name == name) {
        out += value;
        replaced = true;
      }
    if (!replaced) out.append(text.substr(open, close - open + 1));
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

std::string say_date(Language language, std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return say(language, "date",
             {{"day", std::to_string(tm.tm_mday)},
              {"month", say(language, "month." + std::to_string(tm.tm_mon + 1))},
              {"year", std::to_string(tm.tm_year + 1900)},
              {"time", two_digits(tm.tm_hour) + ":" + two_digits(tm.tm_min)}});
}

std::string say_duration(Language language, std::int64_t seconds) {
  auto unit = [&](std::string_view name, std::int64_t n) {
    if (n == 1) return say(language, std::string(name) + ".1");
    return say(language, std::string(name) + ".n", {{"n", std::to_string(n)}});
  };
  if (seconds >= 86400 && seconds % 86400 == 0) return unit("day", seconds / 86400);
  if (seconds >= 3600 && seconds % 3600 == 0) return unit("hour", seconds / 3600);
  if (seconds >= 60) return unit("minute", seconds / 60);
  return say(language, "second.n", {{"n", std::to_string(seconds)}});
}

std::string say_ordinal(Language language, int n) {
  return say(language, "ordinal." + std::to_string(n));
}

}  // namespace sf::verifier
