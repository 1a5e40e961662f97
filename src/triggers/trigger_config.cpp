#include "triggers/trigger_config.h"

#include <sys/stat.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/files.h"
#include "base/problems.h"
#include "base/text.h"
#include "codes/online.h"

namespace sf::triggers {

const Endpoint* TriggerSettings::find(std::string_view source, std::string_view campaign) const {
  const Endpoint* any = nullptr;
  for (const Endpoint& e : endpoints) {
    if (e.source != source) continue;
    if (e.campaign == campaign) return &e;
    if (e.campaign.empty()) any = &e;
  }
  return any;
}

TriggerSettings load_trigger_settings(const std::filesystem::path& path,
                                      std::string_view public_url) {
  const std::string name = path.string();
  std::string text = read_text_file(path, 1 << 20);
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077))
    throw bad_input("triggers file " + quote(name) +
                    " holds provider secrets but others may read it; run chmod 600 " + name);
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw bad_input("triggers file " + quote(name) + " is not a JSON object");
  Problems problems;
  TriggerSettings settings;
  settings.link_base = std::string(public_url) + "/?code={code}";
  auto number = [&](const char* key, int& out, int min, int max) {
    if (!doc.contains(key)) return;
    if (!doc[key].is_number_integer() || doc[key].get<long long>() < min ||
        doc[key].get<long long>() > max)
      problems.push_back({name + ": " + key, "expected a whole number from " +
                                                 std::to_string(min) + " to " + std::to_string(max)});
    else out = doc[key].get<int>();
  };
  number("tolerance_seconds", settings.tolerance_seconds, 10, 3600);
  number("claim_wait_seconds", settings.claim_wait_seconds, 0, 20);
  if (doc.contains("link_base")) {
    if (!doc["link_base"].is_string() ||
        !(doc["link_base"].get<std::string>().starts_with("https://") ||
          doc["link_base"].get<std::string>().starts_with("http://")))
      problems.push_back({name + ": link_base", "expected an https:// URL (\"{code}\" is replaced)"});
    else settings.link_base = doc["link_base"].get<std::string>();
  }
  for (const auto& [key, value] : doc.items()) {
    static const std::vector<std::string_view> keys = {
        "format", "version", "tolerance_seconds", "claim_wait_seconds", "link_base", "endpoints"};
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
      problems.push_back({name + ": " + key, "is not a triggers setting;" + did_you_mean(key, keys)});
  }
  if (!doc.contains("endpoints") || !doc["endpoints"].is_array()) {
    problems.push_back({name, "expected an \"endpoints\" array"});
    throw_if_any(problems, "triggers file " + quote(name));
  }
  std::size_t index = 0;
  for (const nlohmann::json& item : doc["endpoints"]) {
    const std::string where = name + ": endpoints[" + std::to_string(index++) + "]";
    if (!item.is_object()) {
      problems.push_back({where, "expected an object {\"source\", \"campaign\", \"secrets\"}"});
      continue;
    }
    Endpoint e;
    auto text_field = [&](const char* key, std::string& out) {
      if (!item.contains(key)) return;
      if (item[key].is_string()) out = item[key].get<std::string>();
      else problems.push_back({where + "." + key, "expected a string"});
    };
    text_field("source", e.source);
    text_field("campaign", e.campaign);
    text_field("api_base", e.api_base);
    text_field("api_key", e.api_key);
    if (auto problem = codes::unknown_source_problem(e.source)) {
      problems.push_back({where + ".source", *problem});
      continue;
    }
    if (item.contains("secrets")) {
      if (!item["secrets"].is_array()) problems.push_back({where + ".secrets", "expected an array"});
      else
        for (const auto& secret : item["secrets"])
          if (secret.is_string()) e.secrets.push_back(secret.get<std::string>());
          else problems.push_back({where + ".secrets", "expected strings"});
    }
    // Tills authenticate with store keys; every other source signs or
    // carries a secret.
    if (e.source != "till") {
      if (e.secrets.empty() || e.secrets.size() > 2)
        problems.push_back({where + ".secrets", "expected one secret, or two while rotating"});
      for (const std::string& secret : e.secrets)
        if (secret.size() < 16)
          problems.push_back({where + ".secrets", "a secret of " + std::to_string(secret.size()) +
                                                      " characters is too short; expected at "
                                                      "least 16 (mailchimp: 32 hex digits)"});
    }
    if (e.source == "square" && public_url.empty())
      problems.push_back({where, "square signs the notification URL; set the verifier's "
                                 "public-url to the address Square delivers to"});
    if (!e.api_base.empty() && e.api_key.empty())
      problems.push_back({where + ".api_key", "api_base needs api_key"});
    for (const Endpoint& other : settings.endpoints)
      if (other.source == e.source && other.campaign == e.campaign)
        problems.push_back({where, "endpoint " + e.source + "/" +
                                       (e.campaign.empty() ? "*" : e.campaign) + " appears twice"});
    settings.endpoints.push_back(std::move(e));
  }
  throw_if_any(problems, "triggers file " + quote(name));
  return settings;
}

}  // namespace sf::triggers
