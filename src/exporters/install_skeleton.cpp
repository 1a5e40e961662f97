#include "exporters/install_skeleton.h"

#include <nlohmann/json.hpp>

#include "base/files.h"
#include "messengers/catalog.h"

namespace sf::exporters {

std::string install_skeleton(const std::vector<std::string>& platform_ids,
                             const std::string& previous, std::vector<std::string>& warnings) {
  nlohmann::json doc = nlohmann::json::object();
  if (!previous.empty()) {
    doc = nlohmann::json::parse(previous, nullptr, false);
    if (!doc.is_object()) {
      warnings.push_back("install.json: the previous one is not a JSON object; started afresh");
      doc = nlohmann::json::object();
    }
  }
  if (!doc.contains("platforms") || !doc["platforms"].is_object())
    doc["platforms"] = nlohmann::json::object();
  nlohmann::json& platforms = doc["platforms"];
  for (const std::string& id : platform_ids) {
    const messengers::Messenger* messenger = messengers::find_messenger(id);
    if (!messenger) continue;
    nlohmann::json& entry = platforms[id];
    if (!entry.is_object()) entry = nlohmann::json::object();
    for (messengers::Way way : messenger->ways) {
      const std::string field(messengers::field_name(way));
      if (!entry.contains(field)) entry[field] = "";
    }
  }
  return doc.dump(2) + "\n";
}

void write_install_skeleton(const std::filesystem::path& staging,
                            const std::filesystem::path& out_dir,
                            const std::vector<std::string>& platform_ids,
                            std::vector<std::string>& warnings) {
  std::string previous;
  std::error_code ec;
  if (std::filesystem::is_regular_file(out_dir / "install.json", ec))
    previous = read_text_file(out_dir / "install.json", 1 << 20);
  write_file_atomic(staging / "install.json", install_skeleton(platform_ids, previous, warnings));
}

}  // namespace sf::exporters
