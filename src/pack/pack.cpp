#include "pack/pack.h"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "base/error.h"
#include "base/files.h"
#include "base/text.h"
#include "pack/emoji.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::pack {
namespace {

// Reads one pack.json: every check appends to `problems` and carries on, so
// the designer sees all of them in one run.
class PackReader {
 public:
  PackReader(const fs::path& source, Problems& problems)
      : source_(source), base_dir_(source.parent_path()), problems_(problems) {}

  Pack read(const json& root) {
    Pack pack;
    pack.source = source_;
    if (!root.is_object()) {
      problem("", "expected a JSON object at the top level");
      return pack;
    }
    check_known_keys(root, "", {"id", "title", "author", "description", "links", "tray",
                                "style", "stickers", "platforms", "telegram_bot",
                                "imessage_grid", "duration_policy", "background", "selection"});
    pack.id = required_string(root, "id");
    if (!pack.id.empty() && !std::regex_match(pack.id, std::regex("[a-z][a-z0-9_]{0,63}")))
      problem("id", "is " + quote(pack.id) +
                        "; expected 1-64 lower-case letters, digits or '_', starting with a letter");
    pack.title = required_string(root, "title");
    if (pack.title.size() > 128) problem("title", "is longer than 128 characters");
    pack.author = required_string(root, "author");
    if (pack.author.size() > 128) problem("author", "is longer than 128 characters");
    pack.description = optional_string(root, "description");
    pack.telegram_bot = optional_string(root, "telegram_bot");
    if (!pack.telegram_bot.empty() &&
        !std::regex_match(pack.telegram_bot, std::regex("[A-Za-z][A-Za-z0-9_]{2,31}")))
      problem("telegram_bot", "is " + quote(pack.telegram_bot) +
                                  "; expected a bot username (letters, digits, '_')");
    read_links(root, pack.links);
    if (root.contains("tray")) {
      pack.tray_as_written = optional_string(root, "tray");
      pack.tray = resolve_file(pack.tray_as_written, "tray");
    }
    read_style(root, pack.style);
    if (auto background = read_background(root, "")) pack.background = *background;
    read_stickers(root, pack.stickers);
    read_platforms(root, pack.platforms);
    read_selection(root, pack.stickers.size(), pack.selection);
    pack.imessage_grid = optional_string(root, "imessage_grid", "regular");
    if (pack.imessage_grid != "small" && pack.imessage_grid != "regular" &&
        pack.imessage_grid != "large")
      problem("imessage_grid", "is " + quote(pack.imessage_grid) +
                                   "; expected 'small', 'regular' or 'large'");
    std::string policy = optional_string(root, "duration_policy", "cut");
    if (policy == "cut") pack.duration_policy = DurationPolicy::cut;
    else if (policy == "speed-up") pack.duration_policy = DurationPolicy::speed_up;
    else if (policy == "refuse") pack.duration_policy = DurationPolicy::refuse;
    else problem("duration_policy", "is " + quote(policy) + "; expected 'cut', 'speed-up' or 'refuse'");
    return pack;
  }

 private:
  void problem(const std::string& field, const std::string& message) {
    std::string where = source_.filename().string();
    if (!field.empty()) where += ": " + field;
    problems_.push_back({where, message});
  }

  void check_known_keys(const json& object, const std::string& prefix,
                        std::vector<std::string_view> known) {
    for (const auto& [key, value] : object.items()) {
      bool found = false;
      for (std::string_view k : known) found = found || k == key;
      if (!found)
        problem(prefix + key, "unknown field;" + [&] {
          std::string hint = did_you_mean(key, known);
          return hint.empty() ? std::string(" not part of the pack format (see docs/pack-format.md)")
                              : hint;
        }());
    }
  }

  std::string optional_string(const json& object, const std::string& key,
                              const std::string& fallback = "",
                              const std::string& prefix = "") {
    if (!object.contains(key)) return fallback;
    const json& value = object.at(key);
    if (!value.is_string()) {
      problem(prefix + key, "expected a string, got " + std::string(value.type_name()));
      return fallback;
    }
    return value.get<std::string>();
  }

  std::string required_string(const json& object, const std::string& key,
                              const std::string& prefix = "") {
    if (!object.contains(key)) {
      problem(prefix + key, "is missing; expected a non-empty string");
      return "";
    }
    std::string value = optional_string(object, key, "", prefix);
    if (object.at(key).is_string() && value.empty())
      problem(prefix + key, "is empty; expected a non-empty string");
    return value;
  }

  fs::path resolve_file(const std::string& written, const std::string& field) {
    if (written.empty()) return {};
    fs::path path = fs::path(written).is_absolute() ? fs::path(written) : base_dir_ / written;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
      problem(field, "file " + quote(written) + " not found (looked in " +
                         path.parent_path().string() + ")");
    return path;
  }

  void read_links(const json& root, Links& links) {
    if (!root.contains("links")) return;
    const json& object = root.at("links");
    if (!object.is_object()) {
      problem("links", "expected an object of URLs");
      return;
    }
    check_known_keys(object, "links.", {"website", "privacy", "license", "email",
                                        "android_play_store", "ios_app_store"});
    auto url = [&](const char* key) {
      std::string value = optional_string(object, key, "", "links.");
      if (!value.empty() && !std::regex_match(value, std::regex("https?://[^\\s]+")))
        problem(std::string("links.") + key,
                "is " + quote(value) + "; expected an http(s) URL");
      return value;
    };
    links.website = url("website");
    links.privacy = url("privacy");
    links.license = url("license");
    links.android_play_store = url("android_play_store");
    links.ios_app_store = url("ios_app_store");
    links.email = optional_string(object, "email", "", "links.");
    if (!links.email.empty() &&
        !std::regex_match(links.email, std::regex("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")))
      problem("links.email", "is " + quote(links.email) + "; expected an e-mail address");
  }

  std::optional<Background> read_background(const json& object, const std::string& prefix) {
    if (!object.contains("background")) return std::nullopt;
    std::string value = optional_string(object, "background", "", prefix);
    if (value == "auto") return Background::automatic;
    if (value == "keep") return Background::keep;
    if (value == "remove") return Background::remove;
    if (object.at("background").is_string())
      problem(prefix + "background", "is " + quote(value) + "; expected 'auto', 'keep' or 'remove'");
    return std::nullopt;
  }

  int bounded_int(const json& object, const std::string& key, int fallback, int lo, int hi,
                  const std::string& prefix) {
    if (!object.contains(key)) return fallback;
    const json& value = object.at(key);
    if (!value.is_number_integer() || value.get<long long>() < lo || value.get<long long>() > hi) {
      problem(prefix + key, "is " + value.dump() + "; expected a whole number from " +
                                std::to_string(lo) + " to " + std::to_string(hi));
      return fallback;
    }
    return value.get<int>();
  }

  void read_style(const json& root, Style& style) {
    if (!root.contains("style")) return;
    const json& object = root.at("style");
    if (!object.is_object()) {
      problem("style", "expected an object");
      return;
    }
    check_known_keys(object, "style.", {"margin_px", "outline_px", "outline_color", "shadow"});
    style.margin_px = bounded_int(object, "margin_px", style.margin_px, 0, 128, "style.");
    style.outline_px = bounded_int(object, "outline_px", style.outline_px, 0, 64, "style.");
    std::string color = optional_string(object, "outline_color", "#ffffff", "style.");
    if (std::regex_match(color, std::regex("#[0-9a-fA-F]{6}"))) {
      auto channel = [&](int i) {
        return static_cast<std::uint8_t>(std::stoi(color.substr(1 + 2 * i, 2), nullptr, 16));
      };
      style.outline_color = {channel(0), channel(1), channel(2)};
    } else {
      problem("style.outline_color", "is " + quote(color) + "; expected a colour like '#ffffff'");
    }
    if (object.contains("shadow")) {
      if (object.at("shadow").is_boolean()) style.shadow = object.at("shadow").get<bool>();
      else problem("style.shadow", "expected true or false");
    }
  }

  std::vector<std::string> string_list(const json& object, const std::string& key,
                                       const std::string& prefix) {
    std::vector<std::string> out;
    if (!object.contains(key)) return out;
    const json& value = object.at(key);
    if (!value.is_array()) {
      problem(prefix + key, "expected a list of strings");
      return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!value[i].is_string() || value[i].get<std::string>().empty())
        problem(prefix + key + "[" + std::to_string(i) + "]", "expected a non-empty string");
      else out.push_back(value[i].get<std::string>());
    }
    return out;
  }

  // Each entry must be one emoji of Unicode's list; it is stored in its
  // fully-qualified form, which every platform accepts.
  void check_emojis(std::vector<std::string>& emojis, const std::string& field) {
    for (std::size_t j = 0; j < emojis.size(); ++j) {
      std::string where = field + "[" + std::to_string(j) + "]";
      if (std::optional<EmojiInfo> info = find_emoji(emojis[j])) {
        emojis[j] = info->emoji;
        continue;
      }
      if (std::optional<EmojiInfo> meant = emoji_for_shortcode(emojis[j])) {
        problem(where, "is " + quote(emojis[j]) + ", a shortcode, not an emoji; messengers need the "
                       "emoji itself: did you mean " + quote(meant->emoji) + " (" + meant->name + ")?");
        continue;
      }
      problem(where, "is " + quote(emojis[j]) +
                         ", which is not one emoji of Unicode's emoji list; expected a single emoji "
                         "such as '😀' (one per entry: [\"👋\", \"😀\"])");
    }
  }

  void read_stickers(const json& root, std::vector<Sticker>& stickers) {
    if (!root.contains("stickers")) {
      problem("stickers", "is missing; expected a list of stickers");
      return;
    }
    const json& list = root.at("stickers");
    if (!list.is_array() || list.empty()) {
      problem("stickers", "expected a non-empty list of stickers");
      return;
    }
    std::set<std::string> seen_files;
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string prefix = "stickers[" + std::to_string(i) + "].";
      const json& item = list[i];
      if (!item.is_object()) {
        problem(prefix.substr(0, prefix.size() - 1), "expected an object with 'file'");
        continue;
      }
      check_known_keys(item, prefix, {"file", "emojis", "keywords", "alt", "background", "page"});
      Sticker sticker;
      sticker.file_as_written = required_string(item, "file", prefix);
      sticker.file = resolve_file(sticker.file_as_written, prefix + "file");
      sticker.page = bounded_int(item, "page", 1, 1, 10000, prefix);
      // Two pages of one PDF are two stickers; the same page twice is a slip.
      std::string key = sticker.file_as_written + "#" + std::to_string(sticker.page);
      if (!sticker.file_as_written.empty() && !seen_files.insert(key).second)
        problem(prefix + "file", quote(sticker.file_as_written) +
                                     (sticker.page > 1 ? " page " + std::to_string(sticker.page) : "") +
                                     " is used twice");
      sticker.emojis = string_list(item, "emojis", prefix);
      check_emojis(sticker.emojis, prefix + "emojis");
      if (sticker.emojis.size() > 20)
        problem(prefix + "emojis", "has " + std::to_string(sticker.emojis.size()) +
                                       " emoji; at most 20 are allowed");
      sticker.keywords = string_list(item, "keywords", prefix);
      sticker.alt = optional_string(item, "alt", "", prefix);
      if (sticker.alt.size() > 255)
        problem(prefix + "alt", "is longer than 255 characters");
      sticker.background = read_background(item, prefix);
      stickers.push_back(std::move(sticker));
    }
  }

  void read_platforms(const json& root, std::vector<std::string>& platforms) {
    if (!root.contains("platforms")) {
      platforms = known_platforms();
      return;
    }
    std::vector<std::string_view> known(known_platforms().begin(), known_platforms().end());
    for (const std::string& id : string_list(root, "platforms", "")) {
      bool found = false;
      for (std::string_view k : known) found = found || k == id;
      if (found) platforms.push_back(id);
      else
        problem("platforms", "unknown platform " + quote(id) + ";" +
                                 [&] {
                                   std::string hint = did_you_mean(id, known);
                                   return hint.empty() ? " expected one of " +
                                                             join(known_platforms(), ", ")
                                                       : hint;
                                 }());
    }
  }

  // "selection": {"line": [1, 2, 3, 4, 5, 6, 7, 8]}: sticker numbers as the
  // files are numbered (from 1), each at most once.
  void read_selection(const json& root, std::size_t sticker_count,
                      std::map<std::string, std::vector<std::size_t>>& selection) {
    if (!root.contains("selection")) return;
    const json& object = root.at("selection");
    if (!object.is_object()) {
      problem("selection", "expected an object like {\"line\": [1, 2, 3, 4, 5, 6, 7, 8]}");
      return;
    }
    std::vector<std::string_view> known(known_platforms().begin(), known_platforms().end());
    check_known_keys(object, "selection.", known);
    for (const auto& [platform, list] : object.items()) {
      if (std::find(known.begin(), known.end(), platform) == known.end()) continue;
      std::string field = "selection." + platform;
      if (!list.is_array() || list.empty()) {
        problem(field, "expected a non-empty list of sticker numbers (1 = the first sticker)");
        continue;
      }
      std::set<std::size_t> seen;
      std::vector<std::size_t> chosen;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const json& n = list[i];
        std::string at = field + "[" + std::to_string(i) + "]";
        if (!n.is_number_integer() || n.get<long long>() < 1 ||
            n.get<long long>() > static_cast<long long>(sticker_count)) {
          problem(at, "is " + n.dump() + "; expected a sticker number from 1 to " +
                          std::to_string(sticker_count));
          continue;
        }
        std::size_t index = n.get<std::size_t>() - 1;
        if (!seen.insert(index).second) {
          problem(at, "sticker " + n.dump() + " is chosen twice");
          continue;
        }
        chosen.push_back(index);
      }
      std::sort(chosen.begin(), chosen.end());  // pack order, whatever order was written
      selection[platform] = chosen;
    }
  }

  fs::path source_;
  fs::path base_dir_;
  Problems& problems_;
};

}  // namespace

Pack pack_for_platform(const Pack& pack, const std::string& platform) {
  auto found = pack.selection.find(platform);
  if (found == pack.selection.end()) return pack;
  Pack chosen = pack;
  chosen.stickers.clear();
  for (std::size_t index : found->second) chosen.stickers.push_back(pack.stickers.at(index));
  return chosen;
}

std::string json_syntax_problem(const std::string& text, std::size_t byte) {
  // nlohmann counts the failing character from 1; past the end means the
  // text stopped early.
  std::size_t at = byte == 0 ? 0 : std::min(byte - 1, text.size());
  // A string token is reported at its closing quote: point at its start.
  if (at < text.size() && text[at] == '"' && at > 0) {
    std::size_t open = at - 1;
    while (open > 0 && !(text[open] == '"' && text[open - 1] != '\\')) --open;
    if (text[open] == '"') at = open;
  }
  int line = 1, column = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;  // count characters, not UTF-8 bytes
    }
  }
  std::string where = "line " + std::to_string(line) + ", column " + std::to_string(column);
  if (at >= text.size())
    return "is not valid JSON: it ends at " + where +
           " while something is still open; a closing '}' or ']' (or '\"') is probably missing";
  char c = text[at];
  std::size_t p = at;
  while (p > 0 && std::isspace(static_cast<unsigned char>(text[p - 1]))) --p;
  char before = p > 0 ? text[p - 1] : '\0';
  std::string cause;
  if ((c == '}' || c == ']') && before == ',')
    cause = "a comma before '" + std::string(1, c) + "' (JSON allows no trailing comma)";
  else if ((c == '"' || c == '{' || c == '[' || std::isdigit(static_cast<unsigned char>(c))) &&
           (before == '"' || before == '}' || before == ']' || std::isdigit(static_cast<unsigned char>(before)) ||
            before == 'e' || before == 'l'))
    cause = "a comma is probably missing before this value";
  else if (c == ',' && (before == ',' || before == '{' || before == '['))
    cause = "a comma with no value before it";
  else if (c == '\'')
    cause = "text must be in double quotes (\"), not single quotes";
  else if (c == '/' || c == '#')
    cause = "JSON has no comments";
  else if (static_cast<unsigned char>(c) < 0x20)
    cause = "a line break or control character inside a string (is a closing '\"' missing?)";
  else if (std::isalpha(static_cast<unsigned char>(c)))
    cause = "a word outside quotes (text needs double quotes; true, false and null are lower-case)";
  else
    cause = "unexpected '" + std::string(1, c) + "'";
  return "is not valid JSON at " + where + ": " + cause;
}

const std::vector<std::string>& known_platforms() {
  static const std::vector<std::string> kPlatforms = {
      "telegram", "whatsapp", "signal", "imessage", "line",
      "discord",  "viber",    "wechat", "kik"};
  return kPlatforms;
}

Pack parse_pack(const std::string& pack_json, const fs::path& source, Problems& problems) {
  json root = json::parse(pack_json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    // Parse again with exceptions on, only to learn where it failed.
    try {
      json ignored = json::parse(pack_json);
      (void)ignored;
    } catch (const json::parse_error& e) {
      problems.push_back({source.filename().string(), json_syntax_problem(pack_json, e.byte)});
    }
    Pack pack;
    pack.source = source;
    return pack;
  }
  return PackReader(source, problems).read(root);
}

Pack load_pack(const fs::path& path) {
  std::string text = read_text_file(path, 4u << 20);
  Problems problems;
  Pack pack = parse_pack(text, fs::absolute(path), problems);
  throw_if_any(problems, path.string());
  return pack;
}

}  // namespace sf::pack
