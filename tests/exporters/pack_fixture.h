// Test helpers for the exporters: packs with art drawn in the test (SVG),
// and independent checks of what a build wrote (ImageMagick, webpinfo, unzip).
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sf::test {

/// Writes `count` distinct SVG stickers (art/NN.svg), a tray (art/tray.svg)
/// and pack.json into `dir`; returns the pack.json path. `extra` is merged
/// into the pack's top-level JSON (e.g. {"platforms": [...]}).
std::filesystem::path make_pack(const std::filesystem::path& dir, int count,
                                const nlohmann::json& extra = nlohmann::json::object());

/// What ImageMagick's identify says about the first frame of an image.
struct Identified {
  std::string format;  // "PNG", "WEBP", "GIF"
  int width = 0, height = 0;
};
Identified identify(const std::filesystem::path& file);

/// True when webpinfo (libwebp's own checker) accepts the file.
bool webpinfo_ok(const std::filesystem::path& file);

/// Entry names of a ZIP as unzip lists them, in archive order.
std::vector<std::string> unzip_list(const std::filesystem::path& file);
/// Compression method of every entry of a ZIP as `unzip -v` names it
/// ("Stored", "Defl:X"), by entry name.
std::map<std::string, std::string> zip_methods(const std::filesystem::path& file);

/// Every regular file under `dir` (relative, sorted) and its bytes.
std::vector<std::pair<std::string, std::string>> read_tree(const std::filesystem::path& dir);

}  // namespace sf::test
