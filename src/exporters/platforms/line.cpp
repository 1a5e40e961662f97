// LINE Creators Market: numbered static stickers (at most 370x320, even
// sides, ~10 px margin), a 240x240 main image and a 96x74 chat tab, all PNG,
// plus the upload ZIP the Creators Market form takes. Counts 8/16/24/32/40.
#include "base/error.h"
#include "base/text.h"
#include "exporters/animated_export.h"
#include "exporters/platform_util.h"
#include "exporters/registry.h"
#include "exporters/zip_archive.h"

namespace sf::exporters {
namespace {

const ImageRule kMain{artwork::Format::png, 240, 240, true, false, 1000000, true, false};
const ImageRule kTab{artwork::Format::png, 96, 74, true, false, 1000000, true, false};
constexpr std::uint64_t kZipLimit = 20000000;

// Which source the main image comes from: the tray, or the first sticker
// when the stickers are animated and the tray is not.
int main_source(const pack::Pack& pack) {
  if (pack.stickers.empty() || !looks_animated(pack.stickers.front().file)) return kTraySource;
  if (!pack.tray.empty() && looks_animated(pack.tray)) return kTraySource;
  return 0;
}

class LineExporter final : public Exporter {
 public:
  const PlatformSpec& spec() const override {
    static const PlatformSpec kSpec = [] {
      PlatformSpec s;
      s.id = "line";
      s.display_name = "LINE";
      s.sticker = {artwork::Format::png, 370, 320, false, true, 1000000, true, false};
      s.margin_px = 10;
      s.min_stickers = 8;
      s.max_stickers = 40;
      s.allowed_counts = {8, 16, 24, 32, 40};
      return s;
    }();
    return kSpec;
  }

  void check(const pack::Pack& pack, Problems& problems,
             std::vector<std::string>& warnings) const override {
    // LINE sells still and animated sets separately; animated ones hold 8, 16 or 24.
    std::size_t moving = 0;
    for (const pack::Sticker& sticker : pack.stickers) moving += looks_animated(sticker.file);
    std::string file = pack.source.filename().string();
    if (moving > 0 && moving < pack.stickers.size())
      problems.push_back({"line: " + file + ": stickers",
                          std::to_string(moving) + " of " + std::to_string(pack.stickers.size()) +
                              " stickers are animated; a LINE set is all still or all animated"});
    else if (moving > 0 && moving != 8 && moving != 16 && moving != 24)
      problems.push_back({"line: " + file + ": stickers",
                          "has " + std::to_string(moving) +
                              " animated stickers; LINE animated sets hold 8, 16 or 24"});
    // Form fields the creator types in; LINE counts Asian characters double,
    // so these are warnings, not refusals.
    if (utf8_length(pack.title) > 40)
      warnings.push_back(
          "line: title is longer than 40 characters; the Creators Market form takes 40");
    if (utf8_length(pack.author) > 50)
      warnings.push_back(
          "line: author is longer than 50 characters; the Creators Market form takes 50");
  }

  std::vector<ImageJob> images(const pack::Pack& pack) const override {
    std::vector<ImageJob> jobs = sticker_jobs(pack, spec(), "");
    // An animated set needs an animated main image; a still tray cannot give
    // one, so the first sticker's animation (already decoded) is used.
    jobs.push_back({"main", "main.png", main_source(pack), kMain});
    jobs.push_back({"tab", "tab.png", kTraySource, kTab});
    return jobs;
  }

  void finish(const pack::Pack& pack, Bundle& bundle, const FinishContext& context) const override {
    if (main_source(pack) == 0 && !pack.tray.empty() && context.warnings)
      context.warnings->push_back("line: main.png: animated from the first sticker " +
                                  quote(pack.stickers.front().file_as_written) + " as the tray " +
                                  quote(pack.tray_as_written) +
                                  " is still; an animated LINE set needs an animated main image");
    std::vector<ZipEntry> entries;
    for (const auto& [path, entry] : bundle.files()) entries.push_back({path, entry.content});
    Bytes zip = make_zip(std::move(entries));
    if (zip.size() > kZipLimit)
      throw bad_input("line: upload.zip is " + std::to_string(zip.size()) +
                      " bytes; the limit is " + std::to_string(kZipLimit));
    FileRecord record;
    record.role = "archive";
    record.format = "zip";
    record.limit_bytes = kZipLimit;
    bundle.add("upload.zip", std::move(zip), record);
  }

  void check_bundle(const std::filesystem::path& root, Problems& problems) const override {
    std::vector<std::string> names;
    for (const std::string& name : files_in(root, "", {".png"}))
      if (name != "main.png" && name != "tab.png") names.push_back(name);
    check_sticker_count(spec(), static_cast<int>(names.size()), "stickers", problems);
    for (std::size_t i = 0; i < names.size(); ++i) {
      std::string expected = two_digits(static_cast<int>(i) + 1) + ".png";
      if (names[i] != expected)
        problems.push_back({names[i], "is not numbered in order; expected " + quote(expected)});
      if (looks_animated(root / names[i]))
        check_animated_file(root, names[i], "line", problems);
      else
        check_image(root, names[i], spec().sticker, problems);
    }
    bool animated_set = !names.empty() && looks_animated(root / names.front());
    if (looks_animated(root / "main.png"))
      check_animated_file(root, "main.png", "line_main", problems);
    else if (animated_set)
      problems.push_back({"main.png", "is a still image; an animated LINE set needs an animated "
                                      "240x240 APNG main image"});
    else
      check_image(root, "main.png", kMain, problems);
    check_image(root, "tab.png", kTab, problems);
  }
};

}  // namespace

const Exporter& line_exporter() {
  static const LineExporter kExporter;
  return kExporter;
}

}  // namespace sf::exporters
