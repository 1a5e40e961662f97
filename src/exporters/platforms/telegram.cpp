// Telegram: 512-px static stickers (WEBP, which Telegram keeps as is), a
// 100x100 set thumbnail and set.json holding the Bot API createNewStickerSet
// call (InputSticker fields) so a bot can upload the set without guessing.
// Animated sources become video stickers (WEBM VP9) or, for a valid .tgs,
// animated stickers passed through; each InputSticker names its format.
#include <regex>

#include "base/error.h"
#include "base/text.h"
#include "exporters/animated_export.h"
#include "exporters/platform_util.h"
#include "exporters/registry.h"

using nlohmann::json;

namespace sf::exporters {
namespace {

const ImageRule kThumbnail{artwork::Format::webp, 100, 100, true, false, 128000, true, false};

// InputSticker.format of a stored file: Bot API "static", "animated" (TGS) or "video" (WEBM).
std::string sticker_format(const std::string& path) {
  if (path.size() > 5 && path.compare(path.size() - 5, 5, ".webm") == 0) return "video";
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".tgs") == 0) return "animated";
  return "static";
}

// Bot API set name rules: letters, digits and '_', starts with a letter, no
// "__", ends in "_by_<bot>", 1-64 characters.
std::string name_problem(const std::string& name) {
  if (name.size() > 64)
    return "is " + std::to_string(name.size()) + " characters; at most 64 allowed";
  if (!std::regex_match(name, std::regex("[A-Za-z][A-Za-z0-9_]*")))
    return "must start with a letter and hold only English letters, digits and '_'";
  if (name.find("__") != std::string::npos) return "must not contain consecutive underscores";
  return "";
}


// Which source the set thumbnail comes from: the tray, or the first sticker
// when the stickers are animated and the tray is not, so a video set gets a
// video thumbnail (Telegram wants the thumbnail's format to match the set's).
int thumbnail_source(const pack::Pack& pack) {
  if (pack.stickers.empty() || !looks_animated(pack.stickers.front().file)) return kTraySource;
  if (!pack.tray.empty() && looks_animated(pack.tray)) return kTraySource;
  return 0;
}

class TelegramExporter final : public Exporter {
 public:
  const PlatformSpec& spec() const override {
    static const PlatformSpec kSpec = [] {
      PlatformSpec s;
      s.id = "telegram";
      s.display_name = "Telegram";
      // One side exactly 512 px; we pad to 512x512 so every sticker is the same box.
      // 512 KB read as 1000-byte KB: the stricter reading of an unspecified unit.
      s.sticker = {artwork::Format::webp, 512, 512, true, false, 512000, true, false};
      s.margin_px = 0;
      s.min_stickers = 1;
      s.max_stickers = 120;
      s.min_emojis = 1;
      s.max_emojis = 20;
      return s;
    }();
    return kSpec;
  }

  void check(const pack::Pack& pack, Problems& problems,
             std::vector<std::string>& warnings) const override {
    std::string file = pack.source.filename().string();
    if (utf8_length(pack.title) > 64)
      problems.push_back(
          {"telegram: " + file + ": title", "is " + std::to_string(utf8_length(pack.title)) +
                                                " characters; telegram set titles hold 1 to 64"});
    if (pack.telegram_bot.empty()) {
      warnings.push_back("telegram: " + file +
                         ": telegram_bot is not set; set.json has no set "
                         "name (Telegram names end in '_by_<bot username>')");
    } else {
      std::string name = set_name(pack);
      std::string why = name_problem(name);
      if (!why.empty())
        problems.push_back({"telegram: " + file + ": id and telegram_bot",
                            "make the set name " + quote(name) + ", which " + why});
    }
    for (std::size_t i = 0; i < pack.stickers.size(); ++i) {
      std::size_t chars = 0;
      for (const std::string& k : pack.stickers[i].keywords) chars += utf8_length(k);
      if (pack.stickers[i].keywords.size() > 20 || chars > 64)
        warnings.push_back("telegram: " + file + ": stickers[" + std::to_string(i) +
                           "].keywords: Telegram takes at most 20 keywords and 64 characters; "
                           "the rest are dropped");
    }
  }

  std::vector<ImageJob> images(const pack::Pack& pack) const override {
    std::vector<ImageJob> jobs = sticker_jobs(pack, spec(), "stickers");
    jobs.push_back({"thumbnail", "thumbnail.webp", thumbnail_source(pack), kThumbnail});
    return jobs;
  }

  void finish(const pack::Pack& pack, Bundle& bundle, const FinishContext& context) const override {
    if (thumbnail_source(pack) == 0 && !pack.tray.empty() && context.warnings)
      context.warnings->push_back("telegram: thumbnail: animated from the first sticker " +
                                  quote(pack.stickers.front().file_as_written) + " as the tray " +
                                  quote(pack.tray_as_written) +
                                  " is still; a video set wants a video thumbnail");
    json stickers = json::array();
    json attachments = json::object();
    for (std::size_t i = 0; i < pack.stickers.size(); ++i) {
      const pack::Sticker& sticker = pack.stickers[i];
      std::string attach = "sticker" + two_digits(static_cast<int>(i) + 1);
      json emoji(std::vector<std::string>(
          sticker.emojis.begin(),
          sticker.emojis.begin() + std::min<std::size_t>(20, sticker.emojis.size())));
      json keywords = json::array();
      std::size_t chars = 0;
      for (const std::string& k : sticker.keywords) {
        if (keywords.size() == 20 || chars + utf8_length(k) > 64) break;
        chars += utf8_length(k);
        keywords.push_back(k);
      }
      std::string file =
          stored_path(bundle, "stickers/" + two_digits(static_cast<int>(i) + 1) + ".webp");
      stickers.push_back({{"sticker", "attach://" + attach},
                          {"format", sticker_format(file)},
                          {"emoji_list", emoji},
                          {"keywords", keywords}});
      attachments[attach] = file;
    }
    std::string thumbnail = stored_path(bundle, "thumbnail.webp");
    json set = {
        {"method", "createNewStickerSet"},
        {"name", pack.telegram_bot.empty() ? json(nullptr) : json(set_name(pack))},
        {"title", pack.title},
        {"sticker_type", "regular"},
        // createNewStickerSet takes at most 50; the rest go through addStickerToSet.
        {"stickers",
         json(std::vector<json>(stickers.begin(),
                                stickers.begin() + std::min<std::size_t>(50, stickers.size())))},
        {"add_sticker_to_set",
         json(std::vector<json>(stickers.begin() + std::min<std::size_t>(50, stickers.size()),
                                stickers.end()))},
        {"attachments", attachments},
        {"thumbnail",
         {{"method", "setStickerSetThumbnail"},
          {"format", sticker_format(thumbnail)},
          {"thumbnail", "attach://thumbnail"},
          {"file", thumbnail}}},
        {"add_link", pack.telegram_bot.empty()
                         ? json(nullptr)
                         : json("https://t.me/addstickers/" + set_name(pack))},
    };
    bundle.add_text("set.json", json_text(set), "manifest", "json");
  }

  void check_bundle(const std::filesystem::path& root, Problems& problems) const override {
    std::vector<std::string> names = files_in(root, "stickers", {".webp", ".png", ".webm", ".tgs"});
    check_sticker_count(spec(), static_cast<int>(names.size()), "stickers/", problems);
    for (const std::string& name : names) {
      if (sticker_format(name) != "static") {
        check_animated_file(root, "stickers/" + name, "telegram", problems);
        continue;
      }
      // Telegram needs one side of exactly 512 and the other at most 512.
      artwork::ImageInfo info;
      std::string relative = "stickers/" + name;
      try {
        info = artwork::probe_file(root / relative);
      } catch (const Error& e) {
        problems.push_back({relative, std::string("is not a readable image (") + e.what() + ")"});
        continue;
      }
      if (info.format != "webp" && info.format != "png")
        problems.push_back({relative, "is " + info.format + "; telegram needs webp or png"});
      if (std::max(info.width, info.height) != 512)
        problems.push_back({relative, "is " + std::to_string(info.width) + "x" +
                                          std::to_string(info.height) +
                                          " px; telegram needs one side of exactly 512 px"});
      std::error_code ec;
      auto bytes = std::filesystem::file_size(root / relative, ec);
      if (bytes > spec().sticker.max_bytes)
        problems.push_back({relative, "is " + std::to_string(bytes) + " bytes; the limit is " +
                                          std::to_string(spec().sticker.max_bytes)});
    }
    if (std::filesystem::exists(root / "thumbnail.webp"))
      check_image(root, "thumbnail.webp", kThumbnail, problems);
    if (std::filesystem::exists(root / "thumbnail.webm"))
      check_animated_file(root, "thumbnail.webm", "telegram_thumbnail", problems);
    json set = read_json(root, "set.json", problems);
    if (set.is_discarded()) return;
    if (!set.contains("stickers") || !set["stickers"].is_array()) {
      problems.push_back({"set.json", "has no 'stickers' list"});
      return;
    }
    json all = set["stickers"];
    if (set.contains("add_sticker_to_set") && set["add_sticker_to_set"].is_array())
      for (const json& s : set["add_sticker_to_set"]) all.push_back(s);
    for (std::size_t i = 0; i < all.size(); ++i) {
      const json& s = all[i];
      std::string where = "set.json: stickers[" + std::to_string(i) + "]";
      if (!s.contains("emoji_list") || !s["emoji_list"].is_array() || s["emoji_list"].empty() ||
          s["emoji_list"].size() > 20)
        problems.push_back({where + ".emoji_list", "expected 1 to 20 emoji"});
      std::string attach = s.value("sticker", "");
      if (attach.rfind("attach://", 0) == 0) {
        std::string key = attach.substr(9);
        if (!set.contains("attachments") || !set["attachments"].contains(key) ||
            !std::filesystem::exists(root / set["attachments"][key].get<std::string>()))
          problems.push_back({where + ".sticker", quote(attach) + " names no file in the bundle"});
      }
    }
    if (set.contains("name") && set["name"].is_string()) {
      std::string why = name_problem(set["name"].get<std::string>());
      if (!why.empty()) problems.push_back({"set.json: name", why});
    }
  }

 private:
  static std::string set_name(const pack::Pack& pack) {
    return pack.id + "_by_" + pack.telegram_bot;
  }
};

}  // namespace

const Exporter& telegram_exporter() {
  static const TelegramExporter kExporter;
  return kExporter;
}

}  // namespace sf::exporters
