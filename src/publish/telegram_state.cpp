#include "publish/telegram_state.h"

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/files.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::publish {
namespace {

json to_json(const KnownSticker& s) {
  return {{"file_unique_id", s.file_unique_id},
          {"content", s.content},
          {"emoji_list", s.emoji_list},
          {"keywords", s.keywords}};
}

KnownSticker sticker_from(const json& j) {
  KnownSticker s;
  s.file_unique_id = j.at("file_unique_id").get<std::string>();
  s.content = j.at("content").get<std::string>();
  s.emoji_list = j.at("emoji_list").get<std::vector<std::string>>();
  s.keywords = j.at("keywords").get<std::vector<std::string>>();
  return s;
}

json list(const std::vector<KnownSticker>& stickers) {
  json out = json::array();
  for (const KnownSticker& s : stickers) out.push_back(to_json(s));
  return out;
}

std::vector<KnownSticker> stickers_from(const json& j) {
  std::vector<KnownSticker> out;
  for (const json& s : j) out.push_back(sticker_from(s));
  return out;
}

}  // namespace

fs::path default_state_path(const fs::path& build) {
  fs::path clean = build.lexically_normal();
  if (clean.filename().empty()) clean = clean.parent_path();
  return clean.parent_path() / (clean.filename().string() + ".telegram-publish.json");
}

TelegramState load_state(const fs::path& path) {
  TelegramState state;
  if (!fs::exists(path)) return state;
  json j = json::parse(read_text_file(path, 16 << 20), nullptr, false);
  try {
    if (!j.is_object() || j.value("kind", "") != "stickerforge telegram publish state")
      throw std::runtime_error("not a stickerforge telegram publish state");
    state.set_name = j.at("set_name").get<std::string>();
    state.sticker_type = j.at("sticker_type").get<std::string>();
    state.owner = j.at("owner").get<long long>();
    state.stickers = stickers_from(j.at("stickers"));
    state.title = j.at("title").get<std::string>();
    state.thumbnail = j.at("thumbnail").get<std::string>();
    state.uploads = j.at("uploads").get<std::map<std::string, std::string>>();
    if (j.contains("pending") && j["pending"].is_object()) {
      const json& p = j["pending"];
      PendingCall call;
      call.op = p.at("op").get<std::string>();
      call.count_before = p.at("count_before").get<std::size_t>();
      call.file_unique_id = p.at("file_unique_id").get<std::string>();
      call.position = p.at("position").get<std::size_t>();
      call.added = stickers_from(p.at("added"));
      state.pending = call;
    }
  } catch (const std::exception& e) {
    throw bad_input(path.string() + ": is not a readable publish state (" + e.what() +
                    "); move it away to start over (the set on Telegram is kept)");
  }
  return state;
}

void save_state(const fs::path& path, const TelegramState& state) {
  json j = {{"kind", "stickerforge telegram publish state"},
            {"set_name", state.set_name},
            {"sticker_type", state.sticker_type},
            {"owner", state.owner},
            {"stickers", list(state.stickers)},
            {"title", state.title},
            {"thumbnail", state.thumbnail},
            {"uploads", state.uploads},
            {"pending", nullptr}};
  if (state.pending) {
    const PendingCall& p = *state.pending;
    j["pending"] = {{"op", p.op},
                    {"count_before", p.count_before},
                    {"file_unique_id", p.file_unique_id},
                    {"position", p.position},
                    {"added", list(p.added)}};
  }
  write_file_atomic(path, j.dump(1) + "\n", 0600);
}

}  // namespace sf::publish
