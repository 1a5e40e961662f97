// iMessage: the Stickers.xcstickers asset catalog of Xcode's "Sticker Pack
// App" template (grid size from pack.json: small 300, regular 408, large 618
// px, @3x art only) and the full iMessage App Icon set, drawn opaque.
#include "base/error.h"
#include "base/text.h"
#include "exporters/platform_util.h"
#include "exporters/registry.h"

using nlohmann::json;

namespace sf::exporters {
namespace {

const std::string kCatalog = "Stickers.xcstickers";
const std::string kPackDir = kCatalog + "/Sticker Pack.stickerpack";
const std::string kIconDir = kCatalog + "/iMessage App Icon.stickersiconset";
const json kInfo = {{"author", "xcode"}, {"version", 1}};

struct Icon {
  const char* size;  // points
  const char* idiom;
  int scale;
  int width, height;     // pixels
  const char* platform;  // "" when Xcode writes none
};
// Xcode's MessagesIconType list: 13 images.
const Icon kIcons[] = {
    {"29x29", "iphone", 2, 58, 58, ""},
    {"29x29", "iphone", 3, 87, 87, ""},
    {"60x45", "iphone", 2, 120, 90, ""},
    {"60x45", "iphone", 3, 180, 135, ""},
    {"29x29", "ipad", 2, 58, 58, ""},
    {"67x50", "ipad", 2, 134, 100, ""},
    {"74x55", "ipad", 2, 148, 110, ""},
    {"1024x1024", "ios-marketing", 1, 1024, 1024, ""},
    {"27x20", "universal", 2, 54, 40, "ios"},
    {"27x20", "universal", 3, 81, 60, "ios"},
    {"32x24", "universal", 2, 64, 48, "ios"},
    {"32x24", "universal", 3, 96, 72, "ios"},
    {"1024x768", "ios-marketing", 1, 1024, 768, "ios"},
};

std::string icon_file(const Icon& icon) {
  return std::string("icon-") + icon.idiom + "-" + icon.size + "@" + std::to_string(icon.scale) +
         "x.png";
}

int grid_px(const std::string& grid) { return grid == "small" ? 300 : grid == "large" ? 618 : 408; }

ImageRule icon_rule(const Icon& icon) {
  return {artwork::Format::png, icon.width, icon.height, true, false, 0, false, true};
}

class ImessageExporter final : public Exporter {
 public:
  const PlatformSpec& spec() const override {
    static const PlatformSpec kSpec = [] {
      PlatformSpec s;
      s.id = "imessage";
      s.display_name = "iMessage";
      // MSSticker: "< 500 KB"; 499999 bytes meets either reading of KB.
      s.sticker = {artwork::Format::png, 408, 408, true, false, 499999, true, false};
      s.margin_px = 0;
      s.min_stickers = 1;
      s.max_stickers = 500;
      return s;
    }();
    return kSpec;
  }

  void check(const pack::Pack& pack, Problems&, std::vector<std::string>& warnings) const override {
    for (std::size_t i = 0; i < pack.stickers.size(); ++i)
      if (utf8_length(pack.stickers[i].alt) > 150)
        warnings.push_back("imessage: " + pack.source.filename().string() + ": stickers[" +
                           std::to_string(i) + "].alt: longer than 150 characters; cut");
  }

  std::vector<ImageJob> images(const pack::Pack& pack) const override {
    ImageRule rule = spec().sticker;
    rule.width = rule.height = grid_px(pack.imessage_grid);
    std::vector<ImageJob> jobs;
    for (std::size_t i = 0; i < pack.stickers.size(); ++i) {
      std::string name = two_digits(static_cast<int>(i) + 1);
      jobs.push_back({"sticker", kPackDir + "/" + name + ".sticker/" + name + ".png",
                      static_cast<int>(i), rule});
    }
    for (const Icon& icon : kIcons)
      jobs.push_back({"icon", kIconDir + "/" + icon_file(icon), kTraySource, icon_rule(icon)});
    return jobs;
  }

  void finish(const pack::Pack& pack, Bundle& bundle, const FinishContext&) const override {
    bundle.add_text(kCatalog + "/Contents.json", json_text({{"info", kInfo}}), "manifest", "json");
    json stickers = json::array();
    for (std::size_t i = 0; i < pack.stickers.size(); ++i) {
      std::string name = two_digits(static_cast<int>(i) + 1);
      json properties = {{"filename", name + ".png"}};
      if (!pack.stickers[i].alt.empty())
        properties["accessibility-label"] = truncate_utf8(pack.stickers[i].alt, 150);
      bundle.add_text(kPackDir + "/" + name + ".sticker/Contents.json",
                      json_text({{"info", kInfo}, {"properties", properties}}), "manifest", "json");
      stickers.push_back({{"filename", name + ".sticker"}});
    }
    bundle.add_text(kPackDir + "/Contents.json",
                    json_text({{"info", kInfo},
                               {"properties", {{"grid-size", pack.imessage_grid}}},
                               {"stickers", stickers}}),
                    "manifest", "json");
    json images = json::array();
    for (const Icon& icon : kIcons) {
      json image = {{"filename", icon_file(icon)},
                    {"idiom", icon.idiom},
                    {"scale", std::to_string(icon.scale) + "x"},
                    {"size", icon.size}};
      if (*icon.platform) image["platform"] = icon.platform;
      images.push_back(image);
    }
    bundle.add_text(kIconDir + "/Contents.json", json_text({{"images", images}, {"info", kInfo}}),
                    "manifest", "json");
  }

  void check_bundle(const std::filesystem::path& root, Problems& problems) const override {
    json catalog = read_json(root, kCatalog + "/Contents.json", problems);
    json stickerpack = read_json(root, kPackDir + "/Contents.json", problems);
    if (!stickerpack.is_discarded()) {
      std::string grid =
          stickerpack.contains("properties") && stickerpack["properties"].contains("grid-size")
              ? stickerpack["properties"]["grid-size"].get<std::string>()
              : "";
      if (grid != "small" && grid != "regular" && grid != "large")
        problems.push_back({kPackDir + "/Contents.json: properties.grid-size",
                            "is " + quote(grid) + "; expected 'small', 'regular' or 'large'"});
      ImageRule rule = spec().sticker;
      rule.width = rule.height = grid_px(grid);
      const json& list = stickerpack.contains("stickers") ? stickerpack["stickers"] : json::array();
      check_sticker_count(spec(), static_cast<int>(list.size()),
                          kPackDir + "/Contents.json: stickers", problems);
      for (const json& entry : list) {
        std::string dir = kPackDir + "/" + entry.value("filename", "");
        json sticker = read_json(root, dir + "/Contents.json", problems);
        if (sticker.is_discarded()) continue;
        std::string file =
            sticker.contains("properties") ? sticker["properties"].value("filename", "") : "";
        if (file.empty()) {
          problems.push_back({dir + "/Contents.json", "names no image in properties.filename"});
          continue;
        }
        check_image(root, dir + "/" + file, rule, problems);
      }
    }
    json icons = read_json(root, kIconDir + "/Contents.json", problems);
    if (icons.is_discarded()) return;
    for (const Icon& icon : kIcons) {
      bool found = false;
      for (const json& image : icons.value("images", json::array())) {
        if (image.value("size", "") != icon.size || image.value("idiom", "") != icon.idiom ||
            image.value("scale", "") != std::to_string(icon.scale) + "x")
          continue;
        found = true;
        if (!image.contains("filename"))
          problems.push_back({kIconDir + "/Contents.json",
                              std::string("icon ") + icon.size + " " + icon.idiom +
                                  " has no image; expected " + describe(icon_rule(icon))});
        else
          check_image(root, kIconDir + "/" + image["filename"].get<std::string>(), icon_rule(icon),
                      problems);
      }
      if (!found)
        problems.push_back({kIconDir + "/Contents.json", std::string("lacks the ") + icon.size +
                                                             " @" + std::to_string(icon.scale) +
                                                             "x " + icon.idiom + " icon"});
    }
    (void)catalog;
  }
};

}  // namespace

const Exporter& imessage_exporter() {
  static const ImessageExporter kExporter;
  return kExporter;
}

}  // namespace sf::exporters
