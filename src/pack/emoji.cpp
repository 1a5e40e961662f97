#include "pack/emoji.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

namespace sf::pack {
namespace detail {
extern const std::string_view kEmojiTest;
extern const std::string_view kEmojiShortcodes;
}  // namespace detail

namespace {

// U+FE0F (emoji presentation selector) in UTF-8. Platforms and people write
// it or leave it out; matching ignores it, output always has Unicode's form.
constexpr std::string_view kVs16 = "\xEF\xB8\x8F";

std::string without_vs16(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i, kVs16.size()) == kVs16) {
      i += kVs16.size();
      continue;
    }
    out += text[i++];
  }
  return out;
}

struct Table {
  std::unordered_map<std::string, EmojiInfo> by_key;        // key: emoji without FE0F
  std::unordered_map<std::string, std::string> shortcodes;  // shortcode -> key
};

// A line of emoji-test.txt:
// "1F44B 1F3FB ; fully-qualified # 👋🏻 E1.0 waving hand: light skin tone"
void read_test_line(std::string_view line, Table& table) {
  std::size_t semi = line.find(';'), hash = line.find('#');
  if (semi == std::string_view::npos || hash == std::string_view::npos || hash < semi) return;
  std::string_view status = line.substr(semi + 1, hash - semi - 1);
  bool fully = status.find("fully-qualified") != std::string_view::npos;
  if (!fully && status.find("qualified") == std::string_view::npos) return;  // components
  std::string_view rest = line.substr(hash + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  std::size_t space = rest.find(' ');
  if (space == std::string_view::npos) return;
  std::string emoji(rest.substr(0, space));
  rest.remove_prefix(space + 1);
  std::size_t version_end = rest.find(' ');  // "E1.0"
  if (version_end == std::string_view::npos) return;
  std::string name(rest.substr(version_end + 1));
  std::string key = without_vs16(emoji);
  auto [it, inserted] = table.by_key.try_emplace(key, EmojiInfo{emoji, name, ""});
  if (!inserted && fully) it->second = EmojiInfo{emoji, name, it->second.shortcode};
}

const Table& table() {
  static const Table built = [] {
    Table t;
    std::string_view text = detail::kEmojiTest;
    while (!text.empty()) {
      std::size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      if (!line.empty() && line.front() != '#') read_test_line(line, t);
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
    nlohmann::json codes = nlohmann::json::parse(detail::kEmojiShortcodes);
    for (const auto& [code, value] : codes.items()) {
      std::string key = without_vs16(value.get<std::string>());
      auto found = t.by_key.find(key);
      if (found == t.by_key.end()) continue;
      t.shortcodes.emplace(code, key);
      // Discord's names are plain words ("thumbsup", not "+1"); the first
      // such name in the list is the usual one.
      bool word = code.size() >= 2 && code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") ==
                                          std::string::npos;
      if (word && found->second.shortcode.empty()) found->second.shortcode = code;
    }
    return t;
  }();
  return built;
}

}  // namespace

std::optional<EmojiInfo> find_emoji(std::string_view text) {
  if (text.empty()) return std::nullopt;
  auto found = table().by_key.find(without_vs16(text));
  if (found == table().by_key.end()) return std::nullopt;
  return found->second;
}

std::optional<EmojiInfo> emoji_for_shortcode(std::string_view text) {
  std::string code(text);
  if (code.size() >= 2 && code.front() == ':' && code.back() == ':') code = code.substr(1, code.size() - 2);
  for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto found = table().shortcodes.find(code);
  if (found == table().shortcodes.end()) return std::nullopt;
  return table().by_key.at(found->second);
}

std::string discord_emoji_name(std::string_view emoji) {
  std::optional<EmojiInfo> info = find_emoji(emoji);
  if (!info) return std::string(emoji);
  if (!info->shortcode.empty()) return info->shortcode;
  std::string name;
  for (char c : info->name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) name += static_cast<char>(std::tolower(u));
    else if (!name.empty() && name.back() != '_') name += '_';
  }
  while (!name.empty() && name.back() == '_') name.pop_back();
  return name.size() > 200 ? name.substr(0, 200) : name;
}

}  // namespace sf::pack
