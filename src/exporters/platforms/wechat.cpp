// WeChat sticker gallery: 240x240 GIF main images with 120x120 PNG
// thumbnails, a 240x240 cover, a 50x50 chat-panel icon and a 750x400 detail
// banner. Every WeChat number comes from third-party sources that disagree,
// so the stricter value is used (100 KB per GIF) and counts only warn.
#include "base/error.h"
#include "base/text.h"
#include "exporters/platform_util.h"
#include "exporters/registry.h"

using nlohmann::json;

namespace sf::exporters {
namespace {

const ImageRule kThumb{artwork::Format::png, 120, 120, true, false, 100000, true, false};
const ImageRule kCover{artwork::Format::png, 240, 240, true, false, 500000, true, false};
const ImageRule kIcon{artwork::Format::png, 50, 50, true, false, 100000, true, false};
const ImageRule kBanner{artwork::Format::png, 750, 400, true, false, 500000, true, true};

class WechatExporter final : public Exporter {
 public:
  const PlatformSpec& spec() const override {
    static const PlatformSpec kSpec = [] {
      PlatformSpec s;
      s.id = "wechat";
      s.display_name = "WeChat";
      s.sticker = {artwork::Format::gif, 240, 240, true, false, 100000, true, false};
      s.margin_px = 0;
      s.min_stickers = 8;
      s.max_stickers = 24;
      s.allowed_counts = {8, 16, 24};
      s.counts_confirmed = false;
      return s;
    }();
    return kSpec;
  }

  std::vector<ImageJob> images(const pack::Pack& pack) const override {
    std::vector<ImageJob> jobs = sticker_jobs(pack, spec(), "main");
    for (std::size_t i = 0; i < pack.stickers.size(); ++i)
      jobs.push_back({"thumbnail", "thumbs/" + two_digits(static_cast<int>(i) + 1) + ".png",
                      static_cast<int>(i), kThumb});
    jobs.push_back({"cover", "cover.png", kTraySource, kCover});
    jobs.push_back({"icon", "icon.png", kTraySource, kIcon});
    jobs.push_back({"banner", "banner.png", kTraySource, kBanner});
    return jobs;
  }

  void finish(const pack::Pack& pack, Bundle& bundle, const FinishContext&) const override {
    json stickers = json::array();
    for (std::size_t i = 0; i < pack.stickers.size(); ++i) {
      std::string n = two_digits(static_cast<int>(i) + 1);
      // The gallery form asks for a short meaning per sticker: the first keyword.
      stickers.push_back(
          {{"main", "main/" + n + ".gif"},
           {"thumbnail", "thumbs/" + n + ".png"},
           {"meaning", pack.stickers[i].keywords.empty() ? "" : pack.stickers[i].keywords[0]}});
    }
    bundle.add_text("album.json",
                    json_text({{"title", pack.title},
                               {"author", pack.author},
                               {"cover", "cover.png"},
                               {"icon", "icon.png"},
                               {"banner", "banner.png"},
                               {"stickers", stickers}}),
                    "manifest", "json");
  }

  void check_bundle(const std::filesystem::path& root, Problems& problems) const override {
    std::vector<std::string> names = files_in(root, "main", {".gif"});
    if (names.empty()) problems.push_back({"main/", "holds no GIF stickers; expected 8, 16 or 24"});
    for (const std::string& name : names) {
      check_image(root, "main/" + name, spec().sticker, problems);
      std::string stem = std::filesystem::path(name).stem().string();
      check_image(root, "thumbs/" + stem + ".png", kThumb, problems);
    }
    check_image(root, "cover.png", kCover, problems);
    check_image(root, "icon.png", kIcon, problems);
    check_image(root, "banner.png", kBanner, problems);
  }
};

}  // namespace

const Exporter& wechat_exporter() {
  static const WechatExporter kExporter;
  return kExporter;
}

}  // namespace sf::exporters
