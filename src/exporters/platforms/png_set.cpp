#include "exporters/platforms/png_set.h"

#include "base/text.h"
#include "exporters/platform_util.h"

using nlohmann::json;

namespace sf::exporters {

std::vector<ImageJob> PngSetExporter::images(const pack::Pack& pack) const {
  return sticker_jobs(pack, spec(), "stickers");
}

void PngSetExporter::finish(const pack::Pack& pack, Bundle& bundle, const FinishContext&) const {
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

void PngSetExporter::check_bundle(const std::filesystem::path& root, Problems& problems) const {
  std::vector<std::string> names = files_in(root, "stickers", {".png"});
  // Counts are unconfirmed for these platforms: the builder only warns, so does check.
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

}  // namespace sf::exporters
