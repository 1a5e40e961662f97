#include "verifier/unlock.h"

#include "verifier/log.h"

namespace sf::verifier {

Unlock make_unlock(Services& services, const std::string& pack_id, std::int64_t now_unix) {
  Unlock unlock;
  unlock.pack_id = pack_id;
  unlock.pack_title = pack_id;
  std::string problem;
  auto info = services.packs.find(pack_id, &problem);
  if (!problem.empty()) services.log.write("warn", "pack_problem", {{"pack", pack_id}, {"problem", problem}});
  if (!info) {
    services.log.write("warn", "pack_missing", {{"pack", pack_id}});
    return unlock;
  }
  unlock.available = true;
  unlock.pack_title = info->title;
  unlock.links_expire_unix = now_unix + services.settings.download_ttl_seconds;
  for (const PlatformUnlock& source : info->platforms) {
    UnlockPlatform platform{source.platform, source.add_link, {}};
    for (const std::string& file : source.files) {
      const std::string path = pack_id + "/" + file;
      std::string url = services.settings.public_url + "/v1/downloads/" + path +
                        "?token=" + services.tokens.issue(path, unlock.links_expire_unix);
      platform.downloads.emplace_back(file.substr(file.find('/') + 1), std::move(url));
    }
    unlock.platforms.push_back(std::move(platform));
  }
  return unlock;
}

nlohmann::json to_json(const Unlock& unlock) {
  nlohmann::json json = {{"pack", {{"id", unlock.pack_id}, {"title", unlock.pack_title}}},
                         {"available", unlock.available}};
  if (!unlock.available) {
    json["message"] = "the sticker pack is not published yet; keep this answer and try the "
                      "same request again later (with the same Idempotency-Key)";
    return json;
  }
  json["links_expire_at"] = iso8601_ms(unlock.links_expire_unix * 1000);
  nlohmann::json platforms = nlohmann::json::array();
  for (const UnlockPlatform& platform : unlock.platforms) {
    nlohmann::json entry = {{"platform", platform.platform}};
    if (!platform.add_link.empty()) entry["add_link"] = platform.add_link;
    nlohmann::json downloads = nlohmann::json::array();
    for (const auto& [name, url] : platform.downloads)
      downloads.push_back({{"file", name}, {"url", url}});
    entry["downloads"] = downloads;
    platforms.push_back(entry);
  }
  json["platforms"] = platforms;
  return json;
}

}  // namespace sf::verifier
