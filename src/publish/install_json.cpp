#include "publish/install_json.h"

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/files.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::publish {

namespace {

json read_install_file(const fs::path& path) {
  fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (!fs::is_directory(folder))
    throw not_found(path.string() + ": folder " + folder.string() +
                    " does not exist; expected the pack's folder under the verifier's packs folder");
  json doc = json::object();
  if (fs::exists(path)) {
    doc = json::parse(read_text_file(path, 1 << 20), nullptr, false);
    if (!doc.is_object())
      throw bad_input(path.string() + ": is not a JSON object; expected {\"platforms\": {…}}");
  }
  if (doc.contains("platforms") && !doc["platforms"].is_object())
    throw bad_input(path.string() + ": platforms is not an object");
  return doc;
}

}  // namespace

void check_install_file(const fs::path& path) {
  read_install_file(path);
  fs::path legacy = path.parent_path() / "add_links.json";
  if (fs::exists(legacy) &&
      !json::parse(read_text_file(legacy, 1 << 20), nullptr, false).is_object())
    throw bad_input(legacy.string() + ": is not a JSON object; fix or remove it before publishing");
}

void set_install_field(const fs::path& path, const std::string& platform, const std::string& field,
                       const std::string& value) {
  json doc = read_install_file(path);
  if (!doc.contains("platforms")) doc["platforms"] = json::object();
  json& entry = doc["platforms"][platform];
  if (!entry.is_object()) entry = json::object();
  entry[field] = value;
  write_file_atomic(path, doc.dump(2) + "\n");
}

void update_legacy_add_link(const fs::path& install_json, const std::string& platform,
                            const std::string& link) {
  fs::path legacy = install_json.parent_path() / "add_links.json";
  if (!fs::exists(legacy)) return;
  json doc = json::parse(read_text_file(legacy, 1 << 20), nullptr, false);
  if (!doc.is_object())
    throw bad_input(legacy.string() + ": is not a JSON object; expected {\"telegram\": \"https://t.me/...\"}");
  doc[platform] = link;
  write_file_atomic(legacy, doc.dump(2) + "\n");
}

}  // namespace sf::publish
