#include "apps/fake_build.h"

#include <nlohmann/json.hpp>
#include <cstdio>
#include <stdexcept>

#include "apps/images.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::test {
namespace {

struct Icon {
  const char* file;
  const char* idiom;
  const char* size;
  int scale;
  int width, height;
};

// platform-specs.md §4: the iMessage App Icon set.
const Icon kIcons[] = {
    {"iphone-settings-29@2x.png", "iphone", "29x29", 2, 58, 58},
    {"iphone-settings-29@3x.png", "iphone", "29x29", 3, 87, 87},
    {"iphone-60x45@2x.png", "iphone", "60x45", 2, 120, 90},
    {"iphone-60x45@3x.png", "iphone", "60x45", 3, 180, 135},
    {"ipad-settings-29@2x.png", "ipad", "29x29", 2, 58, 58},
    {"ipad-67x50@2x.png", "ipad", "67x50", 2, 134, 100},
    {"ipad-pro-74x55@2x.png", "ipad", "74x55", 2, 148, 110},
    {"messages-27x20@2x.png", "universal", "27x20", 2, 54, 40},
    {"messages-27x20@3x.png", "universal", "27x20", 3, 81, 60},
    {"messages-32x24@2x.png", "universal", "32x24", 2, 64, 48},
    {"messages-32x24@3x.png", "universal", "32x24", 3, 96, 72},
    {"app-store-1024.png", "ios-marketing", "1024x1024", 1, 1024, 1024},
    {"messages-app-store-1024x768.png", "ios-marketing", "1024x768", 1, 1024, 768},
};

void write_json(const fs::path& file, const json& value) {
  write_file(file, value.dump(2) + "\n");
}

void write_imessage(const fs::path& root, const FakeBuildOptions& options) {
  fs::path catalog = root / "imessage" / "Stickers.xcstickers";
  json info = {{"author", "xcode"}, {"version", 1}};
  write_json(catalog / "Contents.json", {{"info", info}});
  fs::path pack = catalog / "Sticker Pack.stickerpack";
  json stickers = json::array();
  for (int i = 1; i <= options.stickers; ++i) {
    std::string name = "sticker_" + std::to_string(i);
    bool sequence = options.sequence_frames > 0 && i == options.stickers;
    if (sequence) {
      fs::path dir = pack / (name + ".stickersequence");
      json frames = json::array();
      for (int f = 1; f <= options.sequence_frames; ++f) {
        std::string frame = "frame_" + std::to_string(f) + ".png";
        write_png(dir / frame, 408, 408);
        frames.push_back({{"filename", frame}});
      }
      write_json(dir / "Contents.json",
                 {{"info", info},
                  {"properties", {{"accessibility-label", "Dancing"}, {"duration", 1}, {"duration-type", "fixed"}, {"repetitions", 0}}},
                  {"frames", frames}});
      stickers.push_back({{"filename", name + ".stickersequence"}});
    } else {
      fs::path dir = pack / (name + ".sticker");
      write_png(dir / (name + ".png"), 408, 408);
      write_json(dir / "Contents.json",
                 {{"info", info}, {"properties", {{"filename", name + ".png"}, {"accessibility-label", "Sticker " + std::to_string(i)}}}});
      stickers.push_back({{"filename", name + ".sticker"}});
    }
  }
  write_json(pack / "Contents.json", {{"info", info}, {"properties", {{"grid-size", "regular"}}}, {"stickers", stickers}});
  fs::path icons = catalog / "iMessage App Icon.stickersiconset";
  json images = json::array();
  for (const Icon& icon : kIcons) {
    write_png(icons / icon.file, icon.width, icon.height);
    json image = {{"filename", icon.file}, {"idiom", icon.idiom}, {"size", icon.size},
                  {"scale", std::to_string(icon.scale) + "x"}};
    if (std::string(icon.idiom) != "iphone" && std::string(icon.idiom) != "ipad") image["platform"] = "ios";
    images.push_back(image);
  }
  write_json(icons / "Contents.json", {{"images", images}, {"info", info}});
}

void write_whatsapp(const fs::path& root, const FakeBuildOptions& options) {
  fs::path assets = root / "whatsapp" / "assets";
  fs::path dir = assets / "fake_pack";
  write_png(dir / "tray.png", 96, 96);
  write_png(root / "sticker.png", 512, 512);
  CommandResult r = run_command("cwebp -quiet -lossless '" + (root / "sticker.png").string() + "' -o '" +
                                (dir / "01.webp").string() + "'");
  if (r.status != 0) throw std::runtime_error("cwebp failed: " + r.output);
  fs::remove(root / "sticker.png");
  json stickers = json::array();
  for (int i = 1; i <= options.stickers; ++i) {
    char file[16];
    std::snprintf(file, sizeof file, "%02d.webp", i);
    if (i > 1) fs::copy_file(dir / "01.webp", dir / file);  // identical images are fine here
    stickers.push_back({{"image_file", file}, {"emojis", {"😀"}}, {"accessibility_text", "Sticker " + std::to_string(i)}});
  }
  json pack = {{"identifier", "fake_pack"},     {"name", "Fake Pack"}, {"publisher", "Tests"},
               {"tray_image_file", "tray.png"}, {"image_data_version", "1"},
               {"avoid_cache", false},          {"animated_sticker_pack", false},
               {"stickers", stickers}};
  write_json(assets / "contents.json",
             {{"android_play_store_link", ""}, {"ios_app_store_link", ""}, {"sticker_packs", {pack}}});
}

}  // namespace

void write_fake_build(const fs::path& dir, const FakeBuildOptions& options) {
  fs::create_directories(dir);
  if (options.imessage) write_imessage(dir, options);
  if (options.whatsapp) write_whatsapp(dir, options);
}

}  // namespace sf::test
