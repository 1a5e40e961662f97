// verifier: what a redeemed code unlocks. Reads the `stickerforge build`
// output under the packs folder (`<packs>/<pack_id>/report.json` plus one
// folder per platform) and the optional add-links an operator recorded after
// uploading a set (`<packs>/<pack_id>/add_links.json`), and resolves download
// names to files without ever leaving the packs folder.
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
};

struct PackInfo {
  std::string id, title;
  std::vector<PlatformUnlock> platforms;
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

 private:
  struct Entry {
    std::filesystem::file_time_type report_time;
    std::chrono::steady_clock::time_point checked;
    std::shared_ptr<const PackInfo> info;
  };
  std::filesystem::path root_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> cache_;
};

/// True for a name usable as one path segment: 1-128 characters of
/// [A-Za-z0-9._-], not starting with '.'.
bool is_safe_segment(std::string_view name);

}  // namespace sf::verifier
