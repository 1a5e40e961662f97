// Kik: no public sticker format remains, so Kik gets a generic set of
// 512x512 PNG stickers with pack.json (title, author, emoji per file), the
// shape third-party Kik sticker apps load.
#include "base/error.h"
#include "base/text.h"
#include "exporters/platform_util.h"
#include "exporters/registry.h"

using nlohmann::json;

namespace sf::exporters {
namespace {

class KikExporter final : public Exporter {
 public:
  const PlatformSpec& spec() const override {
    static const PlatformSpec kSpec = [] {
      PlatformSpec s;
      s.id = "kik";
      s.display_name = "Kik";
      s.sticker = {artwork::Format::png, 512, 512, true, false, 1000000, true, false};
      s.margin_px = 0;
      s.min_stickers = 1;
      s.max_stickers = 1000;
      s.counts_confirmed = false;
      return s;
    }();
    return kSpec;
  }

  std::vector<ImageJob> images(const pack::Pack& pack) const override {
    return sticker_jobs(pack, spec(), "stickers");
  }

  void finish(const pack::Pack& pack, Bundle& bundle, const FinishContext&) const override {
    json stickers = json::array();
    for (std::size_t i = 0; i < pack.stickers.size(); ++i)
      stickers.push_back({{"file", "stickers/" + two_digits(static_cast<int>(i) + 1) + ".png"},
                          {"emojis", pack.stickers[i].emojis},
                          {"keywords", pack.stickers[i].keywords}});
    bundle.add_text(
        "pack.json",
        json_text({{"title", pack.title}, {"author", pack.author}, {"stickers", stickers}}),
        "manifest", "json");
  }

  void check_bundle(const std::filesystem::path& root, Problems& problems) const override {
    std::vector<std::string> names = files_in(root, "stickers", {".png"});
    // Counts are unconfirmed for this platform: the builder only warns, so does check.
    if (names.empty()) problems.push_back({"stickers/", "holds no PNG stickers"});
    for (const std::string& name : names)
      check_image(root, "stickers/" + name, spec().sticker, problems);
    if (!std::filesystem::exists(root / "pack.json")) return;
    json manifest = read_json(root, "pack.json", problems);
    if (manifest.is_discarded()) return;
    for (const json& sticker : manifest.value("stickers", json::array())) {
      std::string file = sticker.value("file", "");
      if (file.empty() || !std::filesystem::exists(root / file))
        problems.push_back({"pack.json: stickers", quote(file) + " is not in the bundle"});
    }
  }
};

}  // namespace

const Exporter& kik_exporter() {
  static const KikExporter kExporter;
  return kExporter;
}

}  // namespace sf::exporters
