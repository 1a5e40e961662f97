// pack: the designer's pack.json, parsed and validated with every problem
// reported at once. Depends on base only; knows nothing about images or
// platforms beyond their names (platform rules live in exporters).
#pragma once

#include <compare>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/problems.h"

namespace sf::pack {

struct Rgb {
  std::uint8_t r = 255, g = 255, b = 255;
  auto operator<=>(const Rgb&) const = default;
};

/// Die-cut look applied to every sticker before fitting. Sizes are in pixels
/// of a 512-px canvas and scale with the target canvas.
struct Style {
  int margin_px = 16;
  int outline_px = 0;
  Rgb outline_color{};
  bool shadow = false;
};

/// Background removal for art without transparency (see docs/pack-format.md).
enum class Background { automatic, keep, remove };

struct Links {
  std::string website, privacy, license, email;
  std::string android_play_store, ios_app_store;
};

struct Sticker {
  std::filesystem::path file;   // absolute, resolved against pack.json's folder
  std::string file_as_written;  // as in pack.json, for messages and reports
  std::vector<std::string> emojis;
  std::vector<std::string> keywords;
  std::string alt;
  std::optional<Background> background;  // overrides the pack's
  int page = 1;                          // page of a PDF / multi-page TIFF, from 1
};

/// What to do when an animation is longer than a platform allows.
enum class DurationPolicy { cut, speed_up, refuse };

struct Pack {
  std::filesystem::path source;  // the pack.json itself
  std::string id, title, author, description;
  Links links;
  std::filesystem::path tray;    // absolute; empty when not given (first sticker used)
  std::string tray_as_written;
  Style style;
  Background background = Background::automatic;
  std::vector<Sticker> stickers;
  std::vector<std::string> platforms;  // ids, in the order given; default all
  /// Per platform, the stickers it gets (indexes into `stickers`, in pack
  /// order) when it cannot take them all ("selection" in pack.json).
  std::map<std::string, std::vector<std::size_t>> selection;
  std::string telegram_bot;            // for the Telegram set name "<id>_by_<bot>"
  std::string imessage_grid = "regular";  // small | regular | large
  DurationPolicy duration_policy = DurationPolicy::cut;
};

/// Every platform id stickerforge knows, in display order.
const std::vector<std::string>& known_platforms();

/// `pack` as `platform` sees it: only the stickers its selection names
/// (all of them when it has none), in pack order.
Pack pack_for_platform(const Pack& pack, const std::string& platform);

/// Parses and validates `pack_json` (the text of the file at `source`).
/// Appends one Problem per issue (field named, value quoted, expectation
/// stated) and returns what could be read; use only when `problems` is empty.
Pack parse_pack(const std::string& pack_json, const std::filesystem::path& source,
                Problems& problems);

/// A JSON syntax error at `byte` (nlohmann's 1-based count) of `text` in
/// words: line, column (in characters) and the likely cause.
std::string json_syntax_problem(const std::string& text, std::size_t byte);

/// Reads and parses `path`; throws Error(bad_input) listing every problem.
Pack load_pack(const std::filesystem::path& path);

}  // namespace sf::pack
