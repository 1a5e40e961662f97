// Discord: 320x320 PNG guild stickers (at most 512 KB each) and stickers.json
// with the fields of Discord's "create guild sticker" form: name (2-30),
// description (empty or 2-100) and tags (the Discord name of the sticker's
// first emoji, e.g. "wave" for 👋, as Discord's API asks: 2-200 characters).
#include "base/error.h"
#include "base/text.h"
#include "exporters/animated_export.h"
#include "exporters/platform_util.h"
#include "exporters/registry.h"
#include "pack/emoji.h"

using nlohmann::json;

namespace sf::exporters {
namespace {

std::string sticker_name(const pack::Sticker& sticker, std::size_t index) {
  std::string name = !sticker.keywords.empty() ? sticker.keywords[0]
                     : !sticker.alt.empty()    ? sticker.alt
                                            : "sticker " + two_digits(static_cast<int>(index) + 1);
  name = truncate_utf8(name, 30);
  return utf8_length(name) < 2 ? name + " sticker" : name;
}

class DiscordExporter final : public Exporter {
 public:
  const PlatformSpec& spec() const override {
    static const PlatformSpec kSpec = [] {
      PlatformSpec s;
      s.id = "discord";
      s.display_name = "Discord";
      s.sticker = {artwork::Format::png, 320, 320, true, false, 512000, true, false};
      s.margin_px = 0;
      s.min_stickers = 1;
      s.max_stickers = 60;  // a boost level 3 server has 60 sticker slots
      return s;
    }();
    return kSpec;
  }

  void check(const pack::Pack& pack, Problems&, std::vector<std::string>& warnings) const override {
    if (pack.stickers.size() > 5)
      warnings.push_back(
          "discord: " + std::to_string(pack.stickers.size()) +
          " stickers; a server without boosts has 5 slots (15 at level 1, 30 at 2, 60 at 3)");
  }

  std::vector<ImageJob> images(const pack::Pack& pack) const override {
    return sticker_jobs(pack, spec(), "stickers");
  }

  void finish(const pack::Pack& pack, Bundle& bundle, const FinishContext&) const override {
    json stickers = json::array();
    for (std::size_t i = 0; i < pack.stickers.size(); ++i) {
      const pack::Sticker& sticker = pack.stickers[i];
      std::string description = truncate_utf8(sticker.alt, 100);
      if (utf8_length(description) < 2) description.clear();
      std::string tags = sticker.emojis.empty() ? sticker_name(sticker, i)
                                                : pack::discord_emoji_name(sticker.emojis[0]);
      stickers.push_back({{"file", "stickers/" + two_digits(static_cast<int>(i) + 1) + ".png"},
                          {"name", sticker_name(sticker, i)},
                          {"description", description},
                          {"tags", tags}});
    }
    bundle.add_text("stickers.json", json_text({{"pack", pack.title}, {"stickers", stickers}}),
                    "manifest", "json");
  }

  void check_bundle(const std::filesystem::path& root, Problems& problems) const override {
    std::vector<std::string> names = files_in(root, "stickers", {".png", ".apng", ".gif", ".json"});
    check_sticker_count(spec(), static_cast<int>(names.size()), "stickers/", problems);
    for (const std::string& name : names) {
      if (looks_animated(root / "stickers" / name))
        check_animated_file(root, "stickers/" + name, "discord", problems);
      else
        check_image(root, "stickers/" + name, spec().sticker, problems);
    }
    if (!std::filesystem::exists(root / "stickers.json")) return;
    json manifest = read_json(root, "stickers.json", problems);
    if (manifest.is_discarded()) return;
    const json& list = manifest.contains("stickers") ? manifest["stickers"] : json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string where = "stickers.json: stickers[" + std::to_string(i) + "]";
      std::string name = list[i].value("name", "");
      if (utf8_length(name) < 2 || utf8_length(name) > 30)
        problems.push_back(
            {where + ".name", "is " + quote(name) + "; expected 2 to 30 characters"});
      if (list[i].value("tags", "").empty())
        problems.push_back({where + ".tags", "is empty; discord needs a tag"});
      std::string file = list[i].value("file", "");
      if (file.empty() || !std::filesystem::exists(root / file))
        problems.push_back({where + ".file", quote(file) + " is not in the bundle"});
    }
  }
};

}  // namespace

const Exporter& discord_exporter() {
  static const DiscordExporter kExporter;
  return kExporter;
}

}  // namespace sf::exporters
