#include "telegram_double.h"

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <regex>

using nlohmann::json;

namespace sf::test {

struct TelegramDouble::Impl {
  std::string token, bot;
  const FakeClock* clock;
  TelegramDouble* owner;
  httplib::Server server;
  int port = 0;
  std::thread thread;
  mutable std::mutex mutex;
  std::set<long long> started;
  std::set<std::string> occupied;
  std::size_t max_stickers = 120;
  std::size_t body_limit = 64 << 20;
  std::map<std::string, DoubleSet> sets;
  std::map<std::string, std::pair<std::string, std::string>> uploads;  // file_id -> format, bytes
  std::map<std::string, int> calls;
  struct Flood {
    int every, retry_after;
    long long until_ms = -1;
  };
  std::map<std::string, Flood> floods;
  std::map<std::pair<std::string, int>, std::function<void()>> hooks;
  int next_id = 0;
};

namespace {

struct Refusal {
  int code;
  std::string description;
};

std::optional<std::string> field(const httplib::Request& req, const std::string& name) {
  if (req.has_file(name)) return req.get_file_value(name).content;
  if (req.has_param(name)) return req.get_param_value(name);
  return std::nullopt;
}

std::string need(const httplib::Request& req, const std::string& name) {
  auto value = field(req, name);
  if (!value || value->empty()) throw Refusal{400, "Bad Request: parameter \"" + name + "\" is required"};
  return *value;
}

// "S12": appended, as GCC 12 misfires -Wrestrict on "S" + std::to_string(...).
std::string id_of(char tag, int number) {
  std::string id(1, tag);
  id.append(std::to_string(number));
  return id;
}

std::string sniff(const std::string& bytes) {
  if (bytes.size() >= 12 && bytes.compare(0, 4, "RIFF") == 0 && bytes.compare(8, 4, "WEBP") == 0)
    return "static";
  if (bytes.size() >= 4 && bytes.compare(0, 4, "\x89PNG") == 0) return "static";
  if (bytes.size() >= 4 && bytes.compare(0, 4, "\x1A\x45\xDF\xA3") == 0) return "video";
  if (bytes.size() >= 2 && bytes.compare(0, 2, "\x1F\x8B") == 0) return "animated";
  return "";
}

bool good_name(const std::string& name, const std::string& bot) {
  static const std::regex kName("[A-Za-z][A-Za-z0-9_]{0,63}");
  if (!std::regex_match(name, kName) || name.find("__") != std::string::npos) return false;
  std::string suffix = "_by_" + bot, lower = name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : suffix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.size() > suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
}

json parse_json(const std::string& text, const std::string& what) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) throw Refusal{400, "Bad Request: can't parse " + what + " JSON object"};
  return j;
}

}  // namespace

TelegramDouble::TelegramDouble(std::string token, std::string bot_username, const FakeClock* clock)
    : impl_(std::make_unique<Impl>()) {
  Impl& d = *impl_;
  d.token = std::move(token);
  d.bot = std::move(bot_username);
  d.clock = clock;
  d.owner = this;
  d.server.set_payload_max_length(64 << 20);
  d.server.Post(R"(/bot([^/]+)/([A-Za-z]+))", [this](const httplib::Request& req, httplib::Response& res) {
    Impl& d = *impl_;
    std::lock_guard<std::mutex> lock(d.mutex);
    auto answer = [&](const json& result) {
      res.set_content(json{{"ok", true}, {"result", result}}.dump(), "application/json");
    };
    std::string method = req.matches[2];
    // Like the nginx in front of Telegram: an oversized body gets a bare 413 page.
    // (Checked on the whole body, read first, so the client always gets the answer.)
    std::string length = req.get_header_value("Content-Length");
    if (!length.empty() && std::stoull(length) > d.body_limit) {
      res.status = 413;
      res.set_content("<html><body><h1>413 Request Entity Too Large</h1></body></html>", "text/html");
      return;
    }
    try {
      if (req.matches[1] != d.token) throw Refusal{401, "Unauthorized"};
      if (!req.is_multipart_form_data() && !req.body.empty() && req.params.empty())
        throw Refusal{400, "Bad Request: expected multipart/form-data or urlencoded parameters"};
      int nth = ++d.calls[method];
      if (auto flood = d.floods.find(method); flood != d.floods.end()) {
        long long now = d.clock ? d.clock->now_ms() : 0;
        if (now < flood->second.until_ms) {
          ++early_retries_;
          long long left = (flood->second.until_ms - now + 999) / 1000;
          res.status = 429;
          res.set_content(json{{"ok", false}, {"error_code", 429},
                               {"description", "Too Many Requests: retry after " + std::to_string(left)},
                               {"parameters", {{"retry_after", left}}}}.dump(), "application/json");
          return;
        }
        if (nth % flood->second.every == 0) {
          flood->second.until_ms = now + flood->second.retry_after * 1000LL;
          res.status = 429;
          res.set_content(json{{"ok", false}, {"error_code", 429},
                               {"description", "Too Many Requests: retry after " +
                                                   std::to_string(flood->second.retry_after)},
                               {"parameters", {{"retry_after", flood->second.retry_after}}}}.dump(),
                          "application/json");
          return;
        }
      }
      auto user = [&]() {
        long long id = std::stoll(need(req, "user_id"));
        if (!d.started.count(id)) throw Refusal{400, "Bad Request: user not found"};
        return id;
      };
      auto set_of = [&](const std::string& name) -> DoubleSet& {
        auto it = d.sets.find(name);
        if (it == d.sets.end()) throw Refusal{400, "Bad Request: STICKERSET_INVALID"};
        return it->second;
      };
      auto sticker_at = [&](const std::string& file_id) -> std::pair<DoubleSet*, std::size_t> {
        for (auto& [name, set] : d.sets)
          for (std::size_t i = 0; i < set.stickers.size(); ++i)
            if (set.stickers[i].file_id == file_id) return {&set, i};
        throw Refusal{400, "Bad Request: STICKER_ID_INVALID"};
      };
      auto emoji_ok = [](const json& list) {
        if (!list.is_array() || list.empty() || list.size() > 20) return false;
        for (const json& e : list)
          if (!e.is_string() || e.get<std::string>().empty() ||
              static_cast<unsigned char>(e.get<std::string>()[0]) < 0x80)
            return false;
        return true;
      };
      auto keywords_ok = [](const json& list) {
        if (!list.is_array() || list.size() > 20) return false;
        std::size_t chars = 0;
        for (const json& k : list) chars += k.get<std::string>().size();
        return chars <= 64;
      };
      auto input_sticker = [&](const json& s) {
        if (!s.is_object()) throw Refusal{400, "Bad Request: can't parse InputSticker JSON object"};
        std::string ref = s.value("sticker", ""), format = s.value("format", "");
        std::string bytes, stored_format;
        if (ref.rfind("attach://", 0) == 0 && req.has_file(ref.substr(9))) {
          bytes = req.get_file_value(ref.substr(9)).content;
          stored_format = sniff(bytes);
        } else if (d.uploads.count(ref)) {
          std::tie(stored_format, bytes) = d.uploads[ref];
        } else {
          throw Refusal{400, "Bad Request: wrong file identifier/HTTP URL specified"};
        }
        if (format != "static" && format != "animated" && format != "video")
          throw Refusal{400, "Bad Request: invalid sticker format specified"};
        if (stored_format != format) throw Refusal{400, "Bad Request: STICKER_FILE_INVALID"};
        if (!emoji_ok(s.value("emoji_list", json()))) throw Refusal{400, "Bad Request: invalid sticker emojis"};
        json keywords = s.value("keywords", json::array());
        if (!keywords_ok(keywords)) throw Refusal{400, "Bad Request: invalid sticker keywords"};
        DoubleSticker out;
        out.file_id = id_of('S', ++d.next_id);
        out.file_unique_id = id_of('u', d.next_id);
        out.format = format;
        out.bytes = bytes;
        out.emoji_list = s["emoji_list"].get<std::vector<std::string>>();
        out.keywords = keywords.get<std::vector<std::string>>();
        return out;
      };
      auto hook = [&]() {
        auto it = d.hooks.find({method, nth});
        if (it != d.hooks.end()) it->second();
      };

      if (method == "getMe") {
        answer({{"id", 4242}, {"is_bot", true}, {"first_name", "Double"}, {"username", d.bot}});
      } else if (method == "uploadStickerFile") {
        user();
        std::string format = need(req, "sticker_format");
        if (!req.has_file("sticker") || req.get_file_value("sticker").filename.empty())
          throw Refusal{400, "Bad Request: there is no sticker file in the request"};
        std::string bytes = req.get_file_value("sticker").content;
        if (format != "static" && format != "animated" && format != "video")
          throw Refusal{400, "Bad Request: invalid sticker format specified"};
        if (sniff(bytes) != format) throw Refusal{400, "Bad Request: STICKER_FILE_INVALID"};
        std::string id = id_of('F', ++d.next_id);
        d.uploads[id] = {format, bytes};
        answer({{"file_id", id}, {"file_unique_id", id_of('f', d.next_id)},
                {"file_size", bytes.size()}});
        hook();
      } else if (method == "createNewStickerSet") {
        long long owner = user();
        std::string name = need(req, "name"), title = need(req, "title");
        if (!good_name(name, d.bot)) throw Refusal{400, "Bad Request: invalid sticker set name is specified"};
        if (d.occupied.count(name) || d.sets.count(name))
          throw Refusal{400, "Bad Request: sticker set name is already occupied"};
        if (title.size() > 64 * 4) throw Refusal{400, "Bad Request: invalid sticker set title"};
        json stickers = parse_json(need(req, "stickers"), "InputSticker");
        if (!stickers.is_array() || stickers.empty() || stickers.size() > 50)
          throw Refusal{400, "Bad Request: the number of stickers must be between 1 and 50"};
        DoubleSet set{name, title, field(req, "sticker_type").value_or("regular"), owner, {}, ""};
        for (const json& s : stickers) set.stickers.push_back(input_sticker(s));
        d.sets[name] = set;
        answer(true);
        hook();
      } else if (method == "addStickerToSet") {
        long long owner = user();
        DoubleSet& set = set_of(need(req, "name"));
        if (set.owner != owner) throw Refusal{400, "Bad Request: STICKERSET_INVALID"};
        if (set.stickers.size() >= d.max_stickers) throw Refusal{400, "Bad Request: STICKERS_TOO_MUCH"};
        set.stickers.push_back(input_sticker(parse_json(need(req, "sticker"), "InputSticker")));
        answer(true);
        hook();
      } else if (method == "getStickerSet") {
        const DoubleSet& set = set_of(need(req, "name"));
        json stickers = json::array();
        for (const DoubleSticker& s : set.stickers)
          stickers.push_back({{"file_id", s.file_id}, {"file_unique_id", s.file_unique_id},
                              {"type", set.sticker_type}, {"width", 512}, {"height", 512},
                              {"is_animated", s.format == "animated"}, {"is_video", s.format == "video"},
                              {"emoji", s.emoji_list.front()}, {"set_name", set.name}});
        json out = {{"name", set.name}, {"title", set.title}, {"sticker_type", set.sticker_type},
                    {"stickers", stickers}};
        if (!set.thumbnail.empty())
          out["thumbnail"] = {{"file_id", "T" + set.name}, {"file_unique_id", "t" + set.name},
                              {"width", 100}, {"height", 100}};
        answer(out);
      } else if (method == "deleteStickerFromSet") {
        auto [set, i] = sticker_at(need(req, "sticker"));
        set->stickers.erase(set->stickers.begin() + static_cast<std::ptrdiff_t>(i));
        answer(true);
        hook();
      } else if (method == "setStickerPositionInSet") {
        auto [set, i] = sticker_at(need(req, "sticker"));
        std::size_t position = std::stoul(need(req, "position"));
        if (position >= set->stickers.size()) throw Refusal{400, "Bad Request: STICKER_POSITION_INVALID"};
        DoubleSticker moving = set->stickers[i];
        set->stickers.erase(set->stickers.begin() + static_cast<std::ptrdiff_t>(i));
        set->stickers.insert(set->stickers.begin() + static_cast<std::ptrdiff_t>(position), moving);
        answer(true);
        hook();
      } else if (method == "replaceStickerInSet") {
        long long owner = user();
        DoubleSet& named = set_of(need(req, "name"));
        auto [set, i] = sticker_at(need(req, "old_sticker"));
        if (set != &named || set->owner != owner) throw Refusal{400, "Bad Request: STICKERSET_INVALID"};
        set->stickers[i] = input_sticker(parse_json(need(req, "sticker"), "InputSticker"));
        answer(true);
        hook();
      } else if (method == "setStickerEmojiList") {
        auto [set, i] = sticker_at(need(req, "sticker"));
        json list = parse_json(need(req, "emoji_list"), "emoji list");
        if (!emoji_ok(list)) throw Refusal{400, "Bad Request: invalid sticker emojis"};
        set->stickers[i].emoji_list = list.get<std::vector<std::string>>();
        answer(true);
      } else if (method == "setStickerKeywords") {
        auto [set, i] = sticker_at(need(req, "sticker"));
        json list = parse_json(field(req, "keywords").value_or("[]"), "keywords");
        if (!keywords_ok(list)) throw Refusal{400, "Bad Request: invalid sticker keywords"};
        set->stickers[i].keywords = list.get<std::vector<std::string>>();
        answer(true);
      } else if (method == "setStickerSetTitle") {
        DoubleSet& set = set_of(need(req, "name"));
        set.title = need(req, "title");
        answer(true);
      } else if (method == "setStickerSetThumbnail") {
        long long owner = user();
        DoubleSet& set = set_of(need(req, "name"));
        if (set.owner != owner) throw Refusal{400, "Bad Request: STICKERSET_INVALID"};
        if (!req.has_file("thumbnail")) throw Refusal{400, "Bad Request: there is no thumbnail in the request"};
        std::string bytes = req.get_file_value("thumbnail").content;
        if (sniff(bytes) != need(req, "format")) throw Refusal{400, "Bad Request: STICKER_THUMBNAIL_INVALID"};
        set.thumbnail = bytes;
        answer(true);
      } else {
        throw Refusal{404, "Not Found: method not found"};
      }
    } catch (const Refusal& r) {
      res.status = r.code;
      res.set_content(json{{"ok", false}, {"error_code", r.code}, {"description", r.description}}.dump(),
                      "application/json");
    } catch (const std::exception& e) {
      res.status = 400;
      res.set_content(json{{"ok", false}, {"error_code", 400},
                           {"description", std::string("Bad Request: ") + e.what()}}.dump(),
                      "application/json");
    }
  });
  d.port = d.server.bind_to_any_port("127.0.0.1");
  d.thread = std::thread([this] { impl_->server.listen_after_bind(); });
  // bind_to_any_port already listens: clients queue until the thread accepts.
}

TelegramDouble::~TelegramDouble() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string TelegramDouble::url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

void TelegramDouble::start_bot(long long user_id) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->started.insert(user_id);
}

void TelegramDouble::occupy(const std::string& set_name) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->occupied.insert(set_name);
}

void TelegramDouble::set_body_limit(std::size_t bytes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->body_limit = bytes;
}

void TelegramDouble::set_max_stickers(std::size_t count) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->max_stickers = count;
}

void TelegramDouble::flood(const std::string& method, int every, int retry_after) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (every <= 0)
    impl_->floods.erase(method);
  else
    impl_->floods[method] = {every, retry_after};
}

void TelegramDouble::after_call(const std::string& method, int nth, std::function<void()> hook) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->hooks[{method, nth}] = std::move(hook);
}

std::map<std::string, DoubleSet> TelegramDouble::sets() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->sets;
}

int TelegramDouble::calls(const std::string& method) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto it = impl_->calls.find(method);
  return it == impl_->calls.end() ? 0 : it->second;
}

}  // namespace sf::test
