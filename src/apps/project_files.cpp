#include "apps/project_files.h"

#include <algorithm>
#include <fstream>

#include "base/error.h"
#include "base/files.h"
#include "base/text.h"

namespace fs = std::filesystem;

namespace sf::apps {

fs::path ProjectFiles::target(const std::string& relative) {
  fs::path path = fs::path(relative).lexically_normal();
  if (relative.empty() || path.is_absolute() || *path.begin() == "..")
    throw internal_error("generated path " + quote(relative) + " leaves the project folder");
  if (has(relative)) throw internal_error("generated file " + quote(relative) + " written twice");
  written_.push_back(relative);
  fs::path full = root_ / path;
  std::error_code ec;
  fs::create_directories(full.parent_path(), ec);
  if (ec)
    throw io_error("cannot create folder " + quote(full.parent_path().string()) + ": " +
                   ec.message());
  return full;
}

void ProjectFiles::write(const std::string& relative, std::string_view content) {
  fs::path full = target(relative);
  std::ofstream out(full, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw io_error("cannot write " + quote(full.string()));
}

void ProjectFiles::copy(const std::string& relative, const fs::path& source) {
  std::error_code ec;
  if (!fs::is_regular_file(source, ec))
    throw bad_input("build output " + quote(source.string()) +
                    " is missing; expected a file made by 'stickerforge build'");
  fs::path full = target(relative);
  fs::copy_file(source, full, fs::copy_options::overwrite_existing, ec);
  if (ec) throw io_error("cannot copy " + quote(source.string()) + ": " + ec.message());
}

void ProjectFiles::copy_tree(const std::string& relative, const fs::path& source) {
  std::error_code ec;
  if (!fs::is_directory(source, ec))
    throw bad_input("build output " + quote(source.string()) +
                    " is missing; expected a folder made by 'stickerforge build'");
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(source))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files)
    copy(relative + "/" + file.lexically_relative(source).generic_string(), file);
}

void ProjectFiles::render_templates(const fs::path& template_dir, const Placeholders& values,
                                    std::string_view into) {
  std::error_code ec;
  if (!fs::is_directory(template_dir, ec))
    throw io_error("template folder " + quote(template_dir.string()) +
                   " is missing; set SF_TEMPLATE_DIR to the templates/ folder of stickerforge");
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(template_dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::string name = file.lexically_relative(template_dir).generic_string();
    if (!into.empty()) name = std::string(into) + "/" + name;
    std::string relative = fill_template(name, values, Escaping::none, name);
    if (relative.size() > 5 && relative.ends_with(".tmpl")) relative.resize(relative.size() - 5);
    std::string text = read_text_file(file);
    write(relative, fill_template(text, values, escaping_for(relative), name));
  }
}

std::vector<std::string> ProjectFiles::files() const {
  std::vector<std::string> sorted = written_;
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

bool ProjectFiles::has(const std::string& relative) const {
  return std::find(written_.begin(), written_.end(), relative) != written_.end();
}

}  // namespace sf::apps
