#include "publish/telegram_bundle.h"

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/files.h"
#include "base/problems.h"
#include "base/text.h"
#include "publish/content_hash.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::publish {
namespace {

std::size_t utf8_chars(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

// The format the bytes are, as Bot API names it, or "" when unknown.
std::string sniff_format(const Bytes& bytes) {
  auto starts = [&](std::initializer_list<int> magic, std::size_t at = 0) {
    if (bytes.size() < at + magic.size()) return false;
    std::size_t i = at;
    for (int m : magic)
      if (bytes[i++] != m) return false;
    return true;
  };
  if (starts({'R', 'I', 'F', 'F'}) && starts({'W', 'E', 'B', 'P'}, 8)) return "static";
  if (starts({0x89, 'P', 'N', 'G'})) return "static";
  if (starts({0x1A, 0x45, 0xDF, 0xA3})) return "video";
  if (starts({0x1F, 0x8B})) return "animated";  // .tgs is gzip'd Lottie JSON
  return "";
}

// Telegram's byte limits (core.telegram.org/stickers): static 512 KB, video
// 256 KB, animated 64 KB; thumbnails 128 KB static, 32 KB otherwise.
std::uintmax_t byte_limit(const std::string& format, bool thumbnail) {
  if (thumbnail) return format == "static" ? 128 * 1024 : 32 * 1024;
  if (format == "static") return 512 * 1024;
  if (format == "video") return 256 * 1024;
  return 64 * 1024;
}

std::optional<WantedFile> read_file_entry(const fs::path& bundle, const std::string& relative,
                                          const std::string& format, bool thumbnail,
                                          const std::string& where, Problems& problems) {
  if (format != "static" && format != "animated" && format != "video") {
    problems.push_back({where + ".format", "is " + quote(format) +
                                               "; expected static, animated or video"});
    return std::nullopt;
  }
  fs::path path = bundle / relative;
  if (relative.empty() || relative.find("..") != std::string::npos || !fs::is_regular_file(path)) {
    problems.push_back({where, quote(relative) + " names no file in " + bundle.string()});
    return std::nullopt;
  }
  Bytes bytes = read_file(path, 16 << 20);
  std::string sniffed = sniff_format(bytes);
  if (sniffed != format) {
    problems.push_back({relative, "holds " + (sniffed.empty() ? std::string("unknown") : sniffed) +
                                      " data but set.json says " + quote(format)});
    return std::nullopt;
  }
  if (bytes.size() > byte_limit(format, thumbnail)) {
    problems.push_back({relative, "is " + std::to_string(bytes.size()) + " bytes; Telegram takes " +
                                      std::to_string(byte_limit(format, thumbnail)) + " for a " +
                                      format + (thumbnail ? " thumbnail" : " sticker")});
    return std::nullopt;
  }
  return WantedFile{path, format, content_hash(bytes)};
}

std::vector<std::string> strings(const json& list, const std::string& where, Problems& problems) {
  std::vector<std::string> out;
  if (!list.is_array()) {
    problems.push_back({where, "expected a list of strings"});
    return out;
  }
  for (const json& item : list) {
    if (!item.is_string()) {
      problems.push_back({where, "expected a list of strings; found " + item.dump()});
      continue;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

std::size_t max_stickers(const std::string& sticker_type) {
  return sticker_type == "custom_emoji" ? 200 : 120;
}

WantedSet read_telegram_bundle(const fs::path& build) {
  WantedSet set;
  set.bundle = fs::exists(build / "telegram" / "set.json") ? build / "telegram" : build;
  fs::path set_file = set.bundle / "set.json";
  if (!fs::exists(set_file))
    throw not_found(build.string() + ": no telegram/set.json; expected the folder of "
                    "'stickerforge build' with the telegram platform");
  json doc = json::parse(read_text_file(set_file, 4 << 20), nullptr, false);
  if (!doc.is_object()) throw bad_input(set_file.string() + ": is not a JSON object");
  Problems problems;
  std::string where = set_file.string();

  fs::path report = set.bundle.parent_path() / "report.json";
  if (fs::exists(report)) {
    json r = json::parse(read_text_file(report, 64 << 20), nullptr, false);
    if (r.is_object() && r.contains("pack") && r["pack"].is_object())
      set.pack_id = r["pack"].value("id", "");
  }
  if (doc.contains("name") && doc["name"].is_string()) set.name = doc["name"];
  set.title = doc.value("title", "");
  if (set.title.empty() || utf8_chars(set.title) > 64)
    problems.push_back({where + ": title", "is " + quote(set.title) + "; Telegram takes 1 to 64 characters"});
  set.sticker_type = doc.value("sticker_type", "regular");
  if (set.sticker_type != "regular" && set.sticker_type != "custom_emoji")
    problems.push_back({where + ": sticker_type", "is " + quote(set.sticker_type) +
                                                      "; expected regular or custom_emoji"});
  set.needs_repainting = doc.value("needs_repainting", false);
  json attachments = doc.value("attachments", json::object());

  json all = doc.value("stickers", json::array());
  for (const json& s : doc.value("add_sticker_to_set", json::array())) all.push_back(s);
  if (all.empty()) problems.push_back({where + ": stickers", "is empty; a set needs a sticker"});
  if (all.size() > max_stickers(set.sticker_type))
    problems.push_back({where + ": stickers", "holds " + std::to_string(all.size()) +
                                                  "; a Telegram " + set.sticker_type + " set holds at most " +
                                                  std::to_string(max_stickers(set.sticker_type))});
  for (std::size_t i = 0; i < all.size(); ++i) {
    const json& s = all[i];
    std::string at = where + ": stickers[" + std::to_string(i) + "]";
    if (!s.is_object()) {
      problems.push_back({at, "expected an InputSticker object"});
      continue;
    }
    WantedSticker sticker;
    sticker.emoji_list = strings(s.value("emoji_list", json()), at + ".emoji_list", problems);
    if (sticker.emoji_list.empty() || sticker.emoji_list.size() > 20)
      problems.push_back({at + ".emoji_list", "holds " + std::to_string(sticker.emoji_list.size()) +
                                                  " emoji; Telegram takes 1 to 20"});
    sticker.keywords = strings(s.value("keywords", json::array()), at + ".keywords", problems);
    std::size_t chars = 0;
    for (const std::string& k : sticker.keywords) chars += utf8_chars(k);
    if (sticker.keywords.size() > 20 || chars > 64)
      problems.push_back({at + ".keywords", "hold " + std::to_string(sticker.keywords.size()) +
                                                " keywords of " + std::to_string(chars) +
                                                " characters; Telegram takes at most 20 and 64"});
    std::string attach = s.value("sticker", "");
    std::string relative;
    if (attach.rfind("attach://", 0) == 0 && attachments.contains(attach.substr(9)) &&
        attachments[attach.substr(9)].is_string())
      relative = attachments[attach.substr(9)];
    else
      problems.push_back({at + ".sticker", quote(attach) + " names no attachment"});
    if (relative.empty()) continue;
    auto file = read_file_entry(set.bundle, relative, s.value("format", ""), false, at, problems);
    if (!file) continue;
    sticker.file = *file;
    set.stickers.push_back(sticker);
  }
  if (doc.contains("thumbnail") && doc["thumbnail"].is_object() && doc["thumbnail"].contains("file")) {
    const json& t = doc["thumbnail"];
    std::string relative = t.value("file", "");
    if (fs::exists(set.bundle / relative))
      set.thumbnail = read_file_entry(set.bundle, relative, t.value("format", ""), true,
                                      where + ": thumbnail", problems);
  }
  if (set.pack_id.empty()) set.pack_id = set.name.substr(0, set.name.find("_by_"));
  throw_if_any(problems, set_file.string());
  return set;
}

}  // namespace sf::publish
