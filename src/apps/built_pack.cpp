#include "apps/built_pack.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/files.h"
#include "base/text.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::apps {
namespace {

json read_json(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw bad_input("build output " + quote(file.string()) +
                    " is missing; run 'stickerforge build' for the platforms this app needs");
  json parsed = json::parse(read_text_file(file, 64 << 20), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object())
    throw bad_input(quote(file.string()) + " is not a JSON object");
  return parsed;
}

std::string string_field(const json& object, const char* key, const fs::path& file) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_string())
    throw bad_input(quote(file.string()) + ": field " + quote(key) + " is missing or not a string");
  return found->get<std::string>();
}

// A file name from the build must stay inside its folder.
std::string safe_name(const std::string& name, const fs::path& file) {
  if (name.empty() || name.find('/') != std::string::npos || name.find('\\') != std::string::npos ||
      name == "." || name == "..")
    throw bad_input(quote(file.string()) + ": file name " + quote(name) +
                    " is not a plain file name");
  return name;
}

// First child folder of `dir` whose name ends with `suffix`, or "".
std::string find_child(const fs::path& dir, const std::string& suffix) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && name.ends_with(suffix)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names.empty() ? "" : names.front();
}

}  // namespace

ImessageBuild read_imessage_build(const fs::path& build_dir) {
  ImessageBuild build;
  fs::path platform_dir = build_dir / "imessage";
  std::error_code ec;
  if (fs::is_directory(platform_dir / "Stickers.xcstickers", ec)) {
    build.catalog = platform_dir / "Stickers.xcstickers";
  } else if (fs::is_directory(platform_dir, ec)) {
    // Tolerate one extra level (e.g. imessage/<extension name>/Stickers.xcstickers).
    for (const auto& entry : fs::recursive_directory_iterator(platform_dir))
      if (entry.is_directory() && entry.path().filename() == "Stickers.xcstickers") {
        build.catalog = entry.path();
        break;
      }
  }
  if (build.catalog.empty())
    throw bad_input("build folder " + quote(build_dir.string()) +
                    " has no imessage/Stickers.xcstickers; build the pack for platform "
                    "'imessage' first");
  build.pack_folder = find_child(build.catalog, ".stickerpack");
  if (build.pack_folder.empty())
    throw bad_input(quote(build.catalog.string()) + " holds no .stickerpack folder");
  fs::path pack_dir = build.catalog / build.pack_folder;
  fs::path pack_contents = pack_dir / "Contents.json";
  json pack = read_json(pack_contents);
  if (!pack.contains("stickers") || !pack["stickers"].is_array() || pack["stickers"].empty())
    throw bad_input(quote(pack_contents.string()) + ": 'stickers' is missing or empty");
  for (const json& entry : pack["stickers"]) {
    CatalogSticker sticker;
    sticker.folder = safe_name(string_field(entry, "filename", pack_contents), pack_contents);
    sticker.sequence = sticker.folder.ends_with(".stickersequence");
    fs::path sticker_dir = pack_dir / sticker.folder;
    fs::path contents = sticker_dir / "Contents.json";
    json info = read_json(contents);
    json properties = info.value("properties", json::object());
    if (properties.contains("accessibility-label") && properties["accessibility-label"].is_string())
      sticker.label = properties["accessibility-label"].get<std::string>();
    if (sticker.sequence) {
      if (!info.contains("frames") || !info["frames"].is_array() || info["frames"].empty())
        throw bad_input(quote(contents.string()) + ": 'frames' is missing or empty");
      for (const json& frame : info["frames"])
        sticker.images.push_back(sticker_dir /
                                 safe_name(string_field(frame, "filename", contents), contents));
    } else {
      sticker.images.push_back(
          sticker_dir / safe_name(string_field(properties, "filename", contents), contents));
    }
    for (const fs::path& image : sticker.images)
      if (!fs::is_regular_file(image, ec))
        throw bad_input(quote(contents.string()) + " names " + quote(image.filename().string()) +
                        ", which is missing");
    build.stickers.push_back(std::move(sticker));
  }
  build.iconset_folder = find_child(build.catalog, ".stickersiconset");
  if (build.iconset_folder.empty())
    throw bad_input(quote(build.catalog.string()) +
                    " holds no .stickersiconset folder (the iMessage app icon set)");
  fs::path icon_contents = build.catalog / build.iconset_folder / "Contents.json";
  json icons = read_json(icon_contents);
  for (const json& image : icons.value("images", json::array()))
    if (image.value("size", "") == "1024x1024" && image.contains("filename"))
      build.app_store_icon = build.catalog / build.iconset_folder /
                             safe_name(string_field(image, "filename", icon_contents), icon_contents);
  if (build.app_store_icon.empty() || !fs::is_regular_file(build.app_store_icon, ec))
    throw bad_input(quote(icon_contents.string()) + " lists no 1024x1024 App Store icon file");
  return build;
}

WhatsappBuild read_whatsapp_build(const fs::path& build_dir) {
  WhatsappBuild build;
  // The exporter writes the sample app's assets folder: whatsapp/assets/.
  build.dir = build_dir / "whatsapp" / "assets";
  std::error_code ec;
  if (!fs::is_regular_file(build.dir / "contents.json", ec)) build.dir = build_dir / "whatsapp";
  build.contents_json = build.dir / "contents.json";
  if (!fs::is_regular_file(build.contents_json, ec))
    throw bad_input("build folder " + quote(build_dir.string()) +
                    " has no whatsapp/assets/contents.json; build the pack for platform 'whatsapp' first");
  json contents = read_json(build.contents_json);
  const fs::path& file = build.contents_json;
  if (!contents.contains("sticker_packs") || !contents["sticker_packs"].is_array() ||
      contents["sticker_packs"].empty())
    throw bad_input(quote(file.string()) + ": 'sticker_packs' is missing or empty");
  for (const json& entry : contents["sticker_packs"]) {
    WhatsappPack pack;
    pack.identifier = safe_name(string_field(entry, "identifier", file), file);
    pack.name = string_field(entry, "name", file);
    pack.publisher = string_field(entry, "publisher", file);
    pack.tray_file = safe_name(string_field(entry, "tray_image_file", file), file);
    pack.animated = entry.value("animated_sticker_pack", false);
    if (!fs::is_regular_file(build.dir / pack.identifier / pack.tray_file, ec))
      throw bad_input(quote(file.string()) + " names tray " + quote(pack.tray_file) +
                      ", which is missing from " + quote(pack.identifier + "/"));
    for (const json& s : entry.value("stickers", json::array())) {
      WhatsappSticker sticker;
      sticker.file = safe_name(string_field(s, "image_file", file), file);
      for (const json& emoji : s.value("emojis", json::array()))
        if (emoji.is_string()) sticker.emojis.push_back(emoji.get<std::string>());
      if (s.contains("accessibility_text") && s["accessibility_text"].is_string())
        sticker.accessibility_text = s["accessibility_text"].get<std::string>();
      if (!fs::is_regular_file(build.dir / pack.identifier / sticker.file, ec))
        throw bad_input(quote(file.string()) + " names sticker " + quote(sticker.file) +
                        ", which is missing from " + quote(pack.identifier + "/"));
      pack.stickers.push_back(std::move(sticker));
    }
    if (pack.stickers.empty())
      throw bad_input(quote(file.string()) + ": pack " + quote(pack.identifier) + " has no stickers");
    build.packs.push_back(std::move(pack));
  }
  return build;
}

}  // namespace sf::apps
