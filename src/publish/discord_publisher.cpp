// Discord guild stickers from a build's discord/stickers.json: checks the
// files and the server's free slots (by boost tier) before any upload, then
// creates, updates (by name) and optionally removes stickers. A state file
// beside the build records which sticker id holds which file, because
// Discord can change a sticker's name, description and tags but not its image.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "base/error.h"
#include "base/files.h"
#include "base/problems.h"
#include "base/text.h"
#include "publish/content_hash.h"
#include "publish/discord_api.h"
#include "publish/emoji_names.h"
#include "publish/publish.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::publish {
namespace {

struct DiscordSticker {
  fs::path file;
  std::string name, description, tags, content;
  Bytes bytes;
};

std::size_t chars(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Slots by boost level (premium_tier 0-3).
int sticker_slots(int tier) {
  static const int kSlots[] = {5, 15, 30, 60};
  return kSlots[std::clamp(tier, 0, 3)];
}

std::uint32_t big_endian(const Bytes& b, std::size_t at) {
  return (std::uint32_t(b[at]) << 24) | (std::uint32_t(b[at + 1]) << 16) |
         (std::uint32_t(b[at + 2]) << 8) | b[at + 3];
}

std::vector<DiscordSticker> read_discord_bundle(const fs::path& build) {
  fs::path folder = fs::exists(build / "discord" / "stickers.json") ? build / "discord" : build;
  fs::path manifest = folder / "stickers.json";
  if (!fs::exists(manifest))
    throw not_found(build.string() + ": no discord/stickers.json; expected the folder of "
                    "'stickerforge build' with the discord platform");
  json doc = json::parse(read_text_file(manifest, 4 << 20), nullptr, false);
  if (!doc.is_object() || !doc.contains("stickers") || !doc["stickers"].is_array())
    throw bad_input(manifest.string() + ": expected {\"stickers\": [...]}");
  Problems problems;
  std::vector<DiscordSticker> out;
  for (std::size_t i = 0; i < doc["stickers"].size(); ++i) {
    const json& s = doc["stickers"][i];
    std::string at = manifest.string() + ": stickers[" + std::to_string(i) + "]";
    DiscordSticker sticker;
    sticker.name = s.value("name", "");
    sticker.description = s.value("description", "");
    std::string tags = s.value("tags", "");
    std::string named = discord_emoji_name(tags);
    sticker.tags = !named.empty() ? named : chars(tags) >= 2 ? tags : sticker.name;
    if (chars(sticker.name) < 2 || chars(sticker.name) > 30)
      problems.push_back({at + ".name", "is " + quote(sticker.name) + "; Discord takes 2 to 30 characters"});
    if (!sticker.description.empty() && (chars(sticker.description) < 2 || chars(sticker.description) > 100))
      problems.push_back({at + ".description", "is " + std::to_string(chars(sticker.description)) +
                                                   " characters; Discord takes none or 2 to 100"});
    if (chars(sticker.tags) > 200)
      problems.push_back({at + ".tags", "is over 200 characters"});
    for (const DiscordSticker& other : out)
      if (other.name == sticker.name)
        problems.push_back({at + ".name", quote(sticker.name) + " is used twice; stickers are updated by name"});
    std::string relative = s.value("file", "");
    sticker.file = folder / relative;
    if (relative.empty() || relative.find("..") != std::string::npos || !fs::is_regular_file(sticker.file)) {
      problems.push_back({at + ".file", quote(relative) + " is not in " + folder.string()});
      continue;
    }
    sticker.bytes = read_file(sticker.file, 16 << 20);
    const Bytes& b = sticker.bytes;
    static const std::uint8_t kPng[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (b.size() < 24 || !std::equal(kPng, kPng + 8, b.begin()))
      problems.push_back({relative, "is not a PNG/APNG; Discord stickers from stickerforge are 320 px PNG"});
    else if (big_endian(b, 16) != 320 || big_endian(b, 20) != 320)
      problems.push_back({relative, "is " + std::to_string(big_endian(b, 16)) + "x" +
                                        std::to_string(big_endian(b, 20)) + " px; Discord wants 320x320"});
    if (b.size() > 512 * 1024)
      problems.push_back({relative, "is " + std::to_string(b.size()) + " bytes; Discord takes 512 KB"});
    sticker.content = content_hash(b);
    out.push_back(std::move(sticker));
  }
  if (out.empty() && problems.empty()) problems.push_back({manifest.string(), "lists no sticker"});
  throw_if_any(problems, manifest.string());
  return out;
}

struct Recorded {
  std::string id, content;
};

fs::path default_discord_state(const fs::path& build) {
  fs::path clean = build.lexically_normal();
  if (clean.filename().empty()) clean = clean.parent_path();
  return clean.parent_path() / (clean.filename().string() + ".discord-publish.json");
}

std::map<std::string, Recorded> load_records(const fs::path& path, const std::string& guild) {
  std::map<std::string, Recorded> out;
  if (!fs::exists(path)) return out;
  json j = json::parse(read_text_file(path, 4 << 20), nullptr, false);
  if (!j.is_object() || j.value("kind", "") != "stickerforge discord publish state")
    throw bad_input(path.string() + ": is not a stickerforge discord publish state");
  if (j.value("guild", "") != guild) return out;  // another server: nothing recorded here
  json stickers = j.value("stickers", json::object());  // kept: items() does not own it
  for (const auto& [name, r] : stickers.items())
    if (r.is_object()) out[name] = {r.value("id", ""), r.value("content", "")};
  return out;
}

void save_records(const fs::path& path, const std::string& guild,
                  const std::map<std::string, Recorded>& records) {
  json stickers = json::object();
  for (const auto& [name, r] : records) stickers[name] = {{"id", r.id}, {"content", r.content}};
  json j = {{"kind", "stickerforge discord publish state"}, {"guild", guild}, {"stickers", stickers}};
  write_file_atomic(path, j.dump(1) + "\n", 0600);
}

}  // namespace

PublishOutcome publish_discord(const DiscordOptions& options, HttpClient& http, Sleeper& sleeper,
                               std::ostream& log) {
  if (options.token.empty()) throw bad_input("no Discord bot token; give --bot-token-file FILE");
  if (options.guild.empty() || !std::all_of(options.guild.begin(), options.guild.end(), ::isdigit))
    throw bad_input("--guild " + quote(options.guild) + ": expected the server's numeric id");
  std::vector<DiscordSticker> wanted = read_discord_bundle(options.build);
  fs::path state_path = options.state.empty() ? default_discord_state(options.build) : options.state;
  std::map<std::string, Recorded> records = load_records(state_path, options.guild);
  DiscordApi api(http, options.token, sleeper, options.policy);
  const std::string base = "/guilds/" + options.guild;
  std::string subject;
  PublishOutcome outcome;
  try {
    json guild = api.call("GET", base);
    int tier = guild.value("premium_tier", 0);
    json existing = api.call("GET", base + "/stickers");
    std::map<std::string, json> by_name;
    for (const json& s : existing) by_name[s.value("name", "")] = s;

    struct Call {
      std::string method, id;
      const DiscordSticker* sticker;
      std::string recorded;  // DELETE of a recorded name that the build dropped
    };
    std::vector<Call> calls;
    int removed = 0, created = 0;
    if (options.remove_missing)
      for (const auto& [name, r] : records) {
        bool kept = std::any_of(wanted.begin(), wanted.end(), [&](const DiscordSticker& w) { return w.name == name; });
        bool present = std::any_of(existing.begin(), existing.end(),
                                   [&](const json& s) { return s.value("id", "") == r.id; });
        if (!kept && present) {
          calls.push_back({"DELETE", r.id, nullptr, name});
          ++removed;
        }
      }
    for (const DiscordSticker& w : wanted) {
      auto there = by_name.find(w.name);
      if (there == by_name.end()) {
        calls.push_back({"POST", "", &w, ""});
        ++created;
        continue;
      }
      std::string id = there->second.value("id", "");
      auto r = records.find(w.name);
      bool same_image = r != records.end() && r->second.id == id && r->second.content == w.content;
      if (!same_image) {  // Discord cannot change an image: delete, then upload anew
        calls.push_back({"DELETE", id, &w, ""});
        calls.push_back({"POST", "", &w, ""});
      } else if (there->second.value("description", "") != w.description ||
                 there->second.value("tags", "") != w.tags) {
        calls.push_back({"PATCH", id, &w, ""});
      }
    }
    int slots = sticker_slots(tier);
    int after = static_cast<int>(existing.size()) - removed + created;
    if (after > slots)
      throw conflict("server " + options.guild + " has " + std::to_string(existing.size()) + " of " +
                     std::to_string(slots) + " sticker slots used (boost level " + std::to_string(tier) +
                     "); the build needs " + std::to_string(created - removed) + " more, " +
                     std::to_string(after - slots) + " too many: boost the server, remove stickers "
                     "(--remove-missing drops ones published earlier) or publish fewer; nothing was uploaded");
    for (const Call& c : calls) {
      std::string line = c.method + " " + (c.sticker ? quote(c.sticker->name) : quote(c.recorded));
      if (options.dry_run) {
        outcome.plan.push_back(line);
        continue;
      }
      subject = c.sticker ? c.sticker->file.filename().string() : c.recorded;
      if (c.method == "DELETE") {
        api.call("DELETE", base + "/stickers/" + c.id);
        records.erase(c.sticker ? c.sticker->name : c.recorded);
      } else if (c.method == "PATCH") {
        api.call("PATCH", base + "/stickers/" + c.id,
                 {{"name", c.sticker->name}, {"description", c.sticker->description}, {"tags", c.sticker->tags}});
      } else {
        const DiscordSticker& w = *c.sticker;
        json made = api.call("POST", base + "/stickers", nullptr,
                             {{"name", w.name, "", ""},
                              {"description", w.description, "", ""},
                              {"tags", w.tags, "", ""},
                              {"file", std::string(w.bytes.begin(), w.bytes.end()),
                               w.file.filename().string(), "image/png"}});
        records[w.name] = {made.value("id", ""), w.content};
      }
      save_records(state_path, options.guild, records);
      outcome.plan.push_back(line);
      log << "[" << outcome.plan.size() << "] " << line << "\n";
    }
  } catch (const DiscordError& e) {
    throw Error(e.kind(), explain(e, options.guild, subject));
  }
  return outcome;
}

}  // namespace sf::publish
