// verifier: what a redeemed code unlocks. Reads the `stickerforge build`
// output under the packs folder (`<packs>/<pack_id>/report.json` plus one
// folder per platform), the install description the build starts and the
// operator completes (`<packs>/<pack_id>/install.json`: add-links, store
// pages, app store links per messenger; the older `add_links.json` is read
// as a fallback), and resolves download names to files without ever
// leaving the packs folder.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace sf::verifier {

struct PlatformUnlock {
  std::string platform;              // "telegram"
  std::string add_link;              // https://t.me/addstickers/... or "" when none
  std::vector<std::string> files;    // downloadable, "platform/name.zip" relative to the pack
  /// install.json fields with a usable https value: ("play_store", "https://...").
  std::vector<std::pair<std::string, std::string>> install;
};

struct PackInfo {
  std::string id, title;
  std::vector<PlatformUnlock> platforms;
  /// The stickers as PNG files ("viber/stickers/01.png"), from the first
  /// platform folder holding a plain PNG set: the previews and the
  /// "save the images" ZIP.
  std::vector<std::string> png_stickers;
};

class PackCatalog {
 public:
  explicit PackCatalog(std::filesystem::path root) : root_(std::move(root)) {}

  /// The pack's unlock data, read once and re-read when its report.json
  /// changes (checked at most once a second per pack). Null when the pack id is not a safe name or has no build
  /// (the redemption still succeeds; the answer says the pack is not
  /// published yet). Never throws for bad files: they are logged by the
  /// caller through `problem`.
  std::shared_ptr<const PackInfo> find(const std::string& pack_id, std::string* problem = nullptr);

  /// The file for a download path "pack/platform/name", or nullopt when any
  /// segment is not a plain name (no "..", no leading dot, no separators),
  /// the file is not listed for download, or it resolves outside the packs
  /// folder (symlinks included).
  std::optional<std::filesystem::path> resolve_download(const std::string& pack_id,
                                                        const std::string& platform,
                                                        const std::string& name);

  /// A PNG of the pack's sticker set by file name ("01.png"), or nullopt.
  std::optional<std::filesystem::path> resolve_image(const std::string& pack_id,
                                                     const std::string& name);

  /// The "save the images" ZIP: every PNG sticker as NN.png. Made once per
  /// build and kept in memory; null when the pack has no PNG set.
  std::shared_ptr<const std::string> images_zip(const std::string& pack_id);

  /// Forgets every cached pack, so the next request reads install.json and
  /// the builds again (SIGHUP).
  void reload();

 private:
  struct Entry {
    std::filesystem::file_time_type report_time;
    std::chrono::steady_clock::time_point checked;
    std::shared_ptr<const PackInfo> info;
  };
  std::filesystem::path root_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> cache_;
  std::unordered_map<std::string,
                     std::pair<std::shared_ptr<const PackInfo>, std::shared_ptr<const std::string>>>
      zips_;
};

/// True for a name usable as one path segment: 1-128 characters of
/// [A-Za-z0-9._-], not starting with '.'.
bool is_safe_segment(std::string_view name);

}  // namespace sf::verifier
