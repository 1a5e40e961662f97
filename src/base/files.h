// base: file helpers that never leave half-written output behind.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sf {

using Bytes = std::vector<std::uint8_t>;

/// Whole file as bytes. Throws Error(not_found) or Error(io) naming the path;
/// refuses files larger than `max_bytes` (Error(bad_input)).
Bytes read_file(const std::filesystem::path& path,
                std::uintmax_t max_bytes = std::uintmax_t(1) << 31);
std::string read_text_file(const std::filesystem::path& path,
                           std::uintmax_t max_bytes = std::uintmax_t(1) << 31);

/// Writes through a temporary file in the same folder, fsyncs, then renames,
/// so readers see the old content or the new, never a mix. `mode` applies to
/// the new file (e.g. 0600 for keyrings).
void write_file_atomic(const std::filesystem::path& path, std::string_view content,
                       unsigned mode = 0644);

/// A fresh folder next to `target` ("<target>.tmp-XXXXXX"), for building
/// output that is renamed into place only when complete.
std::filesystem::path make_sibling_temp_dir(const std::filesystem::path& target);

/// Replaces `target` (which may exist) by `staged` with renames; the old
/// content is removed only after the new one is in place.
void replace_dir(const std::filesystem::path& staged,
                 const std::filesystem::path& target);

/// Removes a folder tree when it goes out of scope unless released.
class TempDirGuard {
 public:
  explicit TempDirGuard(std::filesystem::path path) : path_(std::move(path)) {}
  ~TempDirGuard();
  TempDirGuard(const TempDirGuard&) = delete;
  TempDirGuard& operator=(const TempDirGuard&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  std::filesystem::path path_;
};

}  // namespace sf
