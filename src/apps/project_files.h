// apps: writes one generated project into its staging folder and remembers
// every file, so the result lists them and nothing outside the folder is
// touched.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "apps/template_filler.h"

namespace sf::apps {

class ProjectFiles {
 public:
  explicit ProjectFiles(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }

  /// Writes `content` at `relative` (folders created). Throws Error(internal)
  /// when `relative` escapes the project or was already written.
  void write(const std::string& relative, std::string_view content);

  /// Copies one file. Throws Error(bad_input) naming `source` when it is
  /// missing (a build folder lacking a file the project needs).
  void copy(const std::string& relative, const std::filesystem::path& source);

  /// Copies a folder tree (sorted, regular files only).
  void copy_tree(const std::string& relative, const std::filesystem::path& source);

  /// Fills every file under `template_dir` (paths and contents) and writes
  /// it at the same relative path, below `into` when given (itself filled,
  /// e.g. "app/src/main/java/{{package_path}}"). Files ending in ".tmpl"
  /// lose the suffix.
  void render_templates(const std::filesystem::path& template_dir, const Placeholders& values,
                        std::string_view into = "");

  /// Relative paths written so far, sorted.
  std::vector<std::string> files() const;

  bool has(const std::string& relative) const;

 private:
  std::filesystem::path target(const std::string& relative);

  std::filesystem::path root_;
  std::vector<std::string> written_;
};

}  // namespace sf::apps
