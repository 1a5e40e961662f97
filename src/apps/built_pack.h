// apps: what a project needs from `stickerforge build` output, read back
// from the files the exporters wrote (so a project can also be made from a
// build done earlier): the iMessage catalog and the WhatsApp assets.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sf::apps {

/// One entry of the catalog's sticker pack, in pack order.
struct CatalogSticker {
  std::string folder;                         // "wave.sticker" or "dance.stickersequence"
  std::vector<std::filesystem::path> images;  // one file, or the frames in order
  std::string label;                          // accessibility-label, may be empty
  bool sequence = false;                      // animated (.stickersequence)
};

struct ImessageBuild {
  std::filesystem::path catalog;  // .../Stickers.xcstickers
  std::string pack_folder;        // "Sticker Pack.stickerpack"
  std::string iconset_folder;     // "iMessage App Icon.stickersiconset"
  std::vector<CatalogSticker> stickers;
  std::filesystem::path app_store_icon;  // the 1024x1024 icon of the icon set
};

/// Reads `build_dir`/imessage. Throws Error(bad_input) naming the file or
/// field when the catalog is missing or not what platform-specs.md §4 says.
ImessageBuild read_imessage_build(const std::filesystem::path& build_dir);

struct WhatsappSticker {
  std::string file;  // file name inside the pack folder
  std::vector<std::string> emojis;
  std::string accessibility_text;
};

struct WhatsappPack {
  std::string identifier, name, publisher;
  std::string tray_file;
  bool animated = false;
  std::vector<WhatsappSticker> stickers;
};

struct WhatsappBuild {
  std::filesystem::path dir;            // .../whatsapp/assets
  std::filesystem::path contents_json;  // .../whatsapp/assets/contents.json
  std::vector<WhatsappPack> packs;      // a big pack is split in several
};

/// Reads `build_dir`/whatsapp. Throws Error(bad_input) naming the file or
/// field when contents.json or a file it lists is missing.
WhatsappBuild read_whatsapp_build(const std::filesystem::path& build_dir);

}  // namespace sf::apps
