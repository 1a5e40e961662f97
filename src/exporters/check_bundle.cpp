#include "exporters/check_bundle.h"

#include <fstream>

#include "base/error.h"
#include "base/files.h"
#include "exporters/registry.h"
#include "exporters/zip_archive.h"

namespace fs = std::filesystem;

namespace sf::exporters {

Problems check_bundle(const fs::path& path, std::string_view platform) {
  const Exporter& exporter = find_exporter(platform);
  artwork::initialize();
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw not_found(path.string() + ": not found; expected a bundle folder or ZIP");
  Problems found;
  if (fs::is_regular_file(path, ec)) {
    // An archive: unpack into a private temp folder, then check it as a folder.
    std::vector<ZipEntry> entries = read_zip(path);
    fs::path temp = make_sibling_temp_dir(fs::temp_directory_path() / "stickerforge-check");
    TempDirGuard guard(temp);
    for (const ZipEntry& entry : entries) {
      fs::path file = temp / entry.name;
      fs::create_directories(file.parent_path());
      std::ofstream out(file, std::ios::binary);
      out.write(reinterpret_cast<const char*>(entry.content.data()),
                static_cast<std::streamsize>(entry.content.size()));
    }
    exporter.check_bundle(temp, found);
  } else {
    fs::path root = path;
    if (fs::is_directory(path / std::string(platform), ec) && fs::exists(path / "report.json", ec))
      root = path / std::string(platform);
    exporter.check_bundle(root, found);
  }
  Problems problems;
  for (Problem& p : found)
    problems.push_back({path.filename().string() + ": " + p.where, p.message});
  return problems;
}

}  // namespace sf::exporters
