// exporters: the files of one platform's bundle, held in memory until the
// driver writes the whole build at once (so a failure leaves nothing behind).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/files.h"

namespace sf::exporters {

/// One line of report.json: a file written and what it cost.
struct FileRecord {
  std::string platform;
  std::string role;  // sticker, tray, thumbnail, cover, main, tab, icon, banner,
                     // manifest, archive, encrypted
  std::string path;  // relative to the build folder, '/' separated
  std::string source;  // the artwork it was made from, as written in pack.json
  std::uint64_t bytes = 0;
  int width = 0, height = 0;  // 0 for non-images
  std::string format;         // png, webp, gif, jpeg, json, protobuf, zip, ...
  std::optional<std::uint64_t> limit_bytes;
  std::string limit;  // the rule in words: "512x512 px, at most 102400 bytes"
  std::vector<std::pair<std::string, std::string>> settings;
  std::optional<double> ssim;
  std::vector<std::string> sacrifices;
  int trials = 0;
};

/// Files of one platform, keyed by path relative to the platform folder.
class Bundle {
 public:
  explicit Bundle(std::string platform) : platform_(std::move(platform)) {}
  const std::string& platform() const { return platform_; }

  /// Adds a file at `path` (relative to the platform folder). Throws
  /// Error(internal) if the path is taken: two outputs must never collide.
  void add(const std::string& path, Bytes content, FileRecord record);
  /// Shorthand for manifests and archives: role + format, no pixel size.
  void add_text(const std::string& path, const std::string& text, const std::string& role,
                const std::string& format);
  /// A file only the user may read (0600), outside every platform folder and
  /// left out of report.json. `path` is relative to the build folder.
  void add_secret(const std::string& path, const std::string& text);

  bool has(const std::string& path) const { return files_.count(path) != 0; }
  /// Throws Error(internal) when `path` was never added.
  const Bytes& content(const std::string& path) const;
  const FileRecord& record(const std::string& path) const;

  struct Entry {
    Bytes content;
    FileRecord record;
  };
  const std::map<std::string, Entry>& files() const { return files_; }
  const std::map<std::string, std::string>& secrets() const { return secrets_; }

 private:
  std::string platform_;
  std::map<std::string, Entry> files_;
  std::map<std::string, std::string> secrets_;
};

}  // namespace sf::exporters
