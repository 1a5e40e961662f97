// publish: the Telegram set a build asks for, read from the bundle the
// telegram exporter wrote (<build>/telegram/set.json, its stickers and
// thumbnail) and checked completely before any call: formats sniffed from the
// bytes, Telegram's byte limits, 1-20 emoji, at most 20 keywords / 64 characters.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sf::publish {

struct WantedFile {
  std::filesystem::path path;
  std::string format;   // Bot API InputSticker.format: static | animated | video
  std::string content;  // SHA-256 of the bytes, hex: what "the same sticker" means
};

struct WantedSticker {
  WantedFile file;
  std::vector<std::string> emoji_list;
  std::vector<std::string> keywords;
};

struct WantedSet {
  std::filesystem::path bundle;   // the telegram folder
  std::string pack_id;            // from the build's report.json, else the set name
  std::string name;               // set.json's name; may be empty
  std::string title;
  std::string sticker_type = "regular";  // regular | custom_emoji
  bool needs_repainting = false;
  std::vector<WantedSticker> stickers;
  std::optional<WantedFile> thumbnail;
};

/// Most stickers a set of `sticker_type` holds (120, or 200 for custom emoji).
std::size_t max_stickers(const std::string& sticker_type);

/// Reads `build` (a `stickerforge build` folder holding telegram/, or the
/// telegram folder itself). Throws Error(bad_input) listing every problem.
WantedSet read_telegram_bundle(const std::filesystem::path& build);

}  // namespace sf::publish
