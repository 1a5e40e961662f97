// Test helpers: a scratch folder per test, paths to the source tree and
// built binaries.
#pragma once

#include <filesystem>
#include <string>

namespace sf::test {

/// A fresh folder under the system temp dir, removed when the test ends.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Writes `content` to `path` (creating folders); returns `path`.
std::filesystem::path write_file(const std::filesystem::path& path, const std::string& content);

/// The repository root (for assets/ and templates/).
std::filesystem::path source_dir();
/// tests/data.
std::filesystem::path data_dir();

/// Runs a shell command, returns its exit status and captures stdout+stderr.
struct CommandResult {
  int status = -1;
  std::string output;
};
CommandResult run_command(const std::string& command);

}  // namespace sf::test
