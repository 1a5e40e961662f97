#include "verifier/pack_catalog.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "messengers/catalog.h"
#include "verifier/stored_zip.h"
#include "verifier/json_text.h"

namespace fs = std::filesystem;

namespace sf::verifier {
namespace {

constexpr std::uintmax_t kMaxJsonBytes = 16 << 20;

std::optional<nlohmann::json> read_json(const fs::path& path, std::string* problem) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  if (fs::file_size(path, ec) > kMaxJsonBytes) {
    if (problem) *problem = path.string() + ": larger than 16 MiB; ignored";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {
    if (problem) *problem = path.string() + ": not valid JSON (" + e.what() + ")";
    return std::nullopt;
  }
}

std::string string_field(const nlohmann::json& object, const char* key) {
  if (object.is_object() && object.contains(key) && object[key].is_string())
    return object[key].get<std::string>();
  return {};
}

// Only https addresses without characters that could leave an attribute;
// add-links only to the messenger's own add pages.
bool is_usable_link(const std::string& link, std::string_view prefix) {
  return link.starts_with("https://") && link.size() > 8 && link.size() < 512 &&
         (prefix.empty() || link.starts_with(prefix)) &&
         std::none_of(link.begin(), link.end(),
                      [](char c) { return c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\'; });
}

// install.json (contract: docs/operations.md), else the older add_links.json.
void read_install(const fs::path& dir, std::vector<PlatformUnlock>& platforms, std::string* problem) {
  auto install = read_json(dir / "install.json", problem);
  auto old_links = install ? std::nullopt : read_json(dir / "add_links.json", problem);
  for (const messengers::Messenger& messenger : messengers::catalog()) {
    const std::string id(messenger.id);
    PlatformUnlock* unlock = nullptr;
    for (PlatformUnlock& p : platforms)
      if (p.platform == id) unlock = &p;
    auto entry = [&]() -> PlatformUnlock& {
      if (!unlock) unlock = &platforms.emplace_back(PlatformUnlock{id, "", {}, {}});
      return *unlock;
    };
    if (install && install->contains("platforms") && (*install)["platforms"].is_object() &&
        (*install)["platforms"].contains(id)) {
      const nlohmann::json& fields = (*install)["platforms"][id];
      for (messengers::Way way : messenger.ways) {
        std::string value = string_field(fields, std::string(messengers::field_name(way)).c_str());
        if (value.empty()) continue;
        if (!is_usable_link(value, way == messengers::Way::add_link ? messenger.link_prefix : "")) {
          if (problem)
            *problem = (dir / "install.json").string() + ": platforms." + id + "." +
                       std::string(messengers::field_name(way)) + " is not a usable https link" +
                       (way == messengers::Way::add_link && !messenger.link_prefix.empty()
                            ? " starting with " + std::string(messenger.link_prefix)
                            : std::string()) +
                       "; ignored";
          continue;
        }
        if (way == messengers::Way::add_link) entry().add_link = value;
        entry().install.emplace_back(messengers::field_name(way), value);
      }
    } else if (old_links && messenger.ways.size() == 1 &&
               messenger.ways[0] == messengers::Way::add_link) {
      std::string link = string_field(*old_links, id.c_str());
      if (is_usable_link(link, messenger.link_prefix)) {
        entry().add_link = link;
        entry().install.emplace_back("add_link", link);
      }
    }
  }
}

// The first plain PNG set in the build: Viber's and Kik's stickers/NN.png,
// Discord's, or LINE's NN.png.
std::vector<std::string> find_png_stickers(const fs::path& dir) {
  for (std::string_view folder : {"viber/stickers", "kik/stickers", "discord/stickers", "line"}) {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / folder, ec)) {
      std::string name = entry.path().filename().string();
      if (name.size() == 6 && std::isdigit(static_cast<unsigned char>(name[0])) &&
          std::isdigit(static_cast<unsigned char>(name[1])) && name.ends_with(".png") &&
          entry.is_regular_file(ec))
        found.push_back(std::string(folder) + "/" + name);
    }
    if (!found.empty()) {
      std::sort(found.begin(), found.end());
      return found;
    }
  }
  return {};
}

bool is_archive(const fs::path& path) {
  std::string ext = path.extension().string();
  return ext == ".zip" || ext == ".wastickers" || ext == ".tgs";
}

PackInfo read_pack(const fs::path& dir, const std::string& pack_id, std::string* problem) {
  PackInfo info;
  info.id = pack_id;
  info.title = pack_id;
  auto report = read_json(dir / "report.json", problem);
  std::vector<std::pair<std::string, std::string>> listed;  // platform, path
  if (report) {
    std::string title = string_field(*report, "title");
    if (title.empty() && report->contains("pack")) title = string_field((*report)["pack"], "title");
    if (!title.empty()) info.title = title;
    if (report->contains("files") && (*report)["files"].is_array()) {
      for (const auto& file : (*report)["files"]) {
        if (string_field(file, "role") != "archive") continue;
        std::string platform = string_field(file, "platform");
        std::string path = string_field(file, "path");
        if (!platform.empty() && !path.empty()) listed.emplace_back(platform, path);
      }
    }
  }

  std::error_code ec;
  std::vector<std::string> platforms;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && is_safe_segment(name)) platforms.push_back(name);
  }
  std::sort(platforms.begin(), platforms.end());
  for (const std::string& platform : platforms) {
    PlatformUnlock unlock;
    unlock.platform = platform;
    // Archives named by report.json first; otherwise every archive lying in
    // the platform folder (a build made by hand, or an older report).
    for (const auto& [p, path] : listed) {
      fs::path rel(path);
      auto first = rel.begin();
      if (p == platform && rel.is_relative() && first != rel.end() && *first == platform &&
          std::distance(rel.begin(), rel.end()) == 2 && is_safe_segment(rel.filename().string()))
        unlock.files.push_back(path);
    }
    if (unlock.files.empty()) {
      for (const auto& entry : fs::directory_iterator(dir / platform, ec)) {
        std::string name = entry.path().filename().string();
        if (entry.is_regular_file(ec) && is_archive(entry.path()) && is_safe_segment(name))
          unlock.files.push_back(platform + "/" + name);
      }
      std::sort(unlock.files.begin(), unlock.files.end());
    }
    if (!unlock.files.empty()) info.platforms.push_back(std::move(unlock));
  }
  read_install(dir, info.platforms, problem);
  std::sort(info.platforms.begin(), info.platforms.end(),
            [](const auto& a, const auto& b) { return a.platform < b.platform; });
  info.png_stickers = find_png_stickers(dir);
  return info;
}

}  // namespace

bool is_safe_segment(std::string_view name) {
  if (name.empty() || name.size() > 128 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '-';
  });
}

std::shared_ptr<const PackInfo> PackCatalog::find(const std::string& pack_id, std::string* problem) {
  if (!is_safe_segment(pack_id)) return nullptr;
  const auto now = std::chrono::steady_clock::now();
  {
    // Redemptions of one pack come in bursts; a stat per second is enough
    // to notice a new build.
    std::lock_guard lock(mutex_);
    auto it = cache_.find(pack_id);
    if (it != cache_.end() && now - it->second.checked < std::chrono::seconds(1))
      return it->second.info;
  }
  const fs::path dir = root_ / pack_id;
  std::error_code ec;
  std::shared_ptr<const PackInfo> info;
  auto report_time = fs::last_write_time(dir / "report.json", ec);
  if (ec) report_time = {};
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(pack_id);
    if (it != cache_.end() && it->second.info && it->second.report_time == report_time) {
      it->second.checked = now;
      return it->second.info;
    }
  }
  if (fs::is_directory(dir, ec)) info = std::make_shared<const PackInfo>(read_pack(dir, pack_id, problem));
  std::lock_guard lock(mutex_);
  cache_[pack_id] = Entry{report_time, now, info};
  return info;
}

void PackCatalog::reload() {
  std::lock_guard lock(mutex_);
  cache_.clear();
  zips_.clear();
}

std::optional<fs::path> PackCatalog::resolve_image(const std::string& pack_id,
                                                   const std::string& name) {
  if (!is_safe_segment(pack_id) || !is_safe_segment(name)) return std::nullopt;
  auto info = find(pack_id);
  if (!info) return std::nullopt;
  for (const std::string& rel : info->png_stickers) {
    if (fs::path(rel).filename() != name) continue;
    std::error_code ec;
    fs::path root = fs::canonical(root_ / pack_id, ec);
    if (ec) return std::nullopt;
    fs::path file = fs::canonical(root_ / pack_id / rel, ec);
    if (ec || !fs::is_regular_file(file, ec)) return std::nullopt;
    auto [root_end, file_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (root_end != root.end()) return std::nullopt;
    return file;
  }
  return std::nullopt;
}

std::shared_ptr<const std::string> PackCatalog::images_zip(const std::string& pack_id) {
  auto info = find(pack_id);
  if (!info || info->png_stickers.empty()) return nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = zips_.find(pack_id);
    if (it != zips_.end() && it->second.first == info) return it->second.second;
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& rel : info->png_stickers) {
    const std::string name = fs::path(rel).filename().string();
    auto file = resolve_image(pack_id, name);
    if (!file) continue;
    std::ifstream in(*file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    files.emplace_back(pack_id + "-" + name, bytes.str());
  }
  auto zip = std::make_shared<const std::string>(stored_zip(files));
  std::lock_guard lock(mutex_);
  zips_[pack_id] = {info, zip};
  return zip;
}

std::optional<fs::path> PackCatalog::resolve_download(const std::string& pack_id,
                                                      const std::string& platform,
                                                      const std::string& name) {
  if (!is_safe_segment(pack_id) || !is_safe_segment(platform) || !is_safe_segment(name))
    return std::nullopt;
  auto info = find(pack_id);
  if (!info) return std::nullopt;
  const std::string rel = platform + "/" + name;
  bool listed = false;
  for (const auto& unlock : info->platforms)
    if (unlock.platform == platform)
      listed = std::find(unlock.files.begin(), unlock.files.end(), rel) != unlock.files.end();
  if (!listed) return std::nullopt;
  // A symlink inside the pack's folder must not lead out of it.
  std::error_code ec;
  fs::path root = fs::canonical(root_ / pack_id, ec);
  if (ec) return std::nullopt;
  fs::path file = fs::canonical(root_ / pack_id / platform / name, ec);
  if (ec || !fs::is_regular_file(file, ec)) return std::nullopt;
  auto [root_end, file_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (root_end != root.end()) return std::nullopt;
  return file;
}

}  // namespace sf::verifier
