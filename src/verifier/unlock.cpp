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
  auto signed_url = [&](const std::string& path) {
    return services.settings.public_url + "/v1/downloads/" + path +
           "?token=" + services.tokens.issue(path, unlock.links_expire_unix);
  };
  for (const std::string& png : info->png_stickers)
    unlock.previews.push_back(
        signed_url(pack_id + "/images/" + png.substr(png.rfind('/') + 1)));
  if (!info->png_stickers.empty()) {
    unlock.images_file = pack_id + "-stickers.zip";
    unlock.images_url = signed_url(pack_id + "/images/" + unlock.images_file);
  }
  for (const PlatformUnlock& source : info->platforms) {
    UnlockPlatform platform{source.platform, source.add_link, {}, source.install};
    for (const std::string& file : source.files) {
      platform.downloads.emplace_back(file.substr(file.find('/') + 1),
                                      signed_url(pack_id + "/" + file));
    }
    unlock.platforms.push_back(std::move(platform));
  }
  return unlock;
}

void attach_personal_address(Services& services, Unlock& unlock, const std::string& code_key,
                             std::int64_t ends_unix) {
  unlock.personal_token = services.personal.issue(code_key, ends_unix);
  unlock.personal_url = services.settings.public_url + "/u/" + unlock.personal_token;
  unlock.personal_qr_url = unlock.personal_url + "/qr.svg";
}

nlohmann::json to_json(const Unlock& unlock) {
  nlohmann::json json = {{"pack", {{"id", unlock.pack_id}, {"title", unlock.pack_title}}},
                         {"available", unlock.available}};
  if (!unlock.personal_url.empty()) {
    json["personal_url"] = unlock.personal_url;
    json["personal_qr_url"] = unlock.personal_qr_url;
  }
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
    if (!platform.install.empty()) {
      nlohmann::json install = nlohmann::json::object();
      for (const auto& [field, url] : platform.install) install[field] = url;
      entry["install"] = install;
    }
    nlohmann::json downloads = nlohmann::json::array();
    for (const auto& [name, url] : platform.downloads)
      downloads.push_back({{"file", name}, {"url", url}});
    entry["downloads"] = downloads;
    platforms.push_back(entry);
  }
  json["platforms"] = platforms;
  if (!unlock.images_url.empty())
    json["images"] = {{"file", unlock.images_file}, {"url", unlock.images_url}};
  json["previews"] = unlock.previews;
  return json;
}

}  // namespace sf::verifier
