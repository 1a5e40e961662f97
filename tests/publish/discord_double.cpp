#include "discord_double.h"

#include <httplib.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

using nlohmann::json;

namespace sf::test {

struct DiscordDouble::Impl {
  std::string token, guild;
  int tier;
  const FakeClock* clock;
  httplib::Server server;
  int port = 0;
  std::thread thread;
  mutable std::mutex mutex;
  std::vector<DiscordDoubleSticker> stickers;
  std::map<std::string, int> calls;
  int next_id = 1000;
  int flood_every = 0;
  double flood_seconds = 0;
  long long until_ms = -1;
  int posts = 0;
  int early = 0;
};

namespace {

struct Refusal {
  int status, code;
  std::string message;
};

std::size_t chars(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

json to_json(const DiscordDoubleSticker& s, const std::string& guild) {
  return {{"id", s.id}, {"name", s.name}, {"description", s.description}, {"tags", s.tags},
          {"type", 2}, {"format_type", 1}, {"available", true}, {"guild_id", guild}};
}

void check_fields(const std::string& name, const std::string& description, const std::string& tags) {
  if (chars(name) < 2 || chars(name) > 30) throw Refusal{400, 50035, "Invalid Form Body (name)"};
  if (!description.empty() && (chars(description) < 2 || chars(description) > 100))
    throw Refusal{400, 50035, "Invalid Form Body (description)"};
  if (chars(tags) < 2 || chars(tags) > 200) throw Refusal{400, 50035, "Invalid Form Body (tags)"};
}

}  // namespace

DiscordDouble::DiscordDouble(std::string token, std::string guild, int premium_tier, const FakeClock* clock)
    : impl_(std::make_unique<Impl>()) {
  Impl& d = *impl_;
  d.token = std::move(token);
  d.guild = std::move(guild);
  d.tier = premium_tier;
  d.clock = clock;
  auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    Impl& d = *impl_;
    std::lock_guard<std::mutex> lock(d.mutex);
    ++d.calls[req.method];
    try {
      if (req.get_header_value("Authorization") != "Bot " + d.token)
        throw Refusal{401, 0, "401: Unauthorized"};
      if (req.matches[1] != d.guild) throw Refusal{404, 10004, "Unknown Guild"};
      std::string sticker_id = req.matches.size() > 2 ? std::string(req.matches[2]) : "";
      auto find = [&]() {
        for (std::size_t i = 0; i < d.stickers.size(); ++i)
          if (d.stickers[i].id == sticker_id) return i;
        throw Refusal{404, 10060, "Unknown Sticker"};
      };
      json out;
      if (req.method == "GET" && req.path.find("/stickers") == std::string::npos) {
        out = {{"id", d.guild}, {"name", "Double server"}, {"premium_tier", d.tier}};
      } else if (req.method == "GET") {
        out = json::array();
        for (const auto& s : d.stickers) out.push_back(to_json(s, d.guild));
      } else if (req.method == "POST") {
        long long now = d.clock ? d.clock->now_ms() : 0;
        if (now < d.until_ms) {
          ++d.early;
          res.status = 429;
          res.set_content(json{{"message", "You are being rate limited."},
                               {"retry_after", (d.until_ms - now) / 1000.0}, {"global", false}}.dump(),
                          "application/json");
          return;
        }
        if (d.flood_every > 0 && ++d.posts % d.flood_every == 0) {
          d.until_ms = now + static_cast<long long>(d.flood_seconds * 1000);
          res.status = 429;
          res.set_content(json{{"message", "You are being rate limited."},
                               {"retry_after", d.flood_seconds}, {"global", false}}.dump(),
                          "application/json");
          return;
        }
        if (!req.is_multipart_form_data()) throw Refusal{400, 50035, "Invalid Form Body (multipart)"};
        auto value = [&](const char* name) {
          return req.has_file(name) ? req.get_file_value(name).content : std::string();
        };
        check_fields(value("name"), value("description"), value("tags"));
        if (!req.has_file("file") || req.get_file_value("file").filename.empty())
          throw Refusal{400, 50035, "Invalid Form Body (file)"};
        std::string file = req.get_file_value("file").content;
        if (file.size() > 512 * 1024) throw Refusal{400, 50045, "File uploaded exceeds the maximum size"};
        if (file.compare(0, 4, "\x89PNG") != 0) throw Refusal{400, 50046, "Invalid Asset"};
        static const int kSlots[] = {5, 15, 30, 60};
        if (static_cast<int>(d.stickers.size()) >= kSlots[d.tier])
          throw Refusal{400, 30039, "Maximum number of stickers reached (" + std::to_string(kSlots[d.tier]) + ")"};
        d.stickers.push_back({std::to_string(++d.next_id), value("name"), value("description"), value("tags"), file});
        out = to_json(d.stickers.back(), d.guild);
      } else if (req.method == "PATCH") {
        std::size_t i = find();
        json body = json::parse(req.body);
        DiscordDoubleSticker& s = d.stickers[i];
        std::string name = body.value("name", s.name), description = body.value("description", s.description),
                    tags = body.value("tags", s.tags);
        check_fields(name, description, tags);
        s.name = name;
        s.description = description;
        s.tags = tags;
        out = to_json(s, d.guild);
      } else if (req.method == "DELETE") {
        d.stickers.erase(d.stickers.begin() + static_cast<std::ptrdiff_t>(find()));
        res.status = 204;
        return;
      }
      res.set_content(out.dump(), "application/json");
    } catch (const Refusal& r) {
      res.status = r.status;
      res.set_content(json{{"code", r.code}, {"message", r.message}}.dump(), "application/json");
    }
  };
  d.server.Get(R"(/api/v10/guilds/(\d+))", handle);
  d.server.Get(R"(/api/v10/guilds/(\d+)/stickers)", handle);
  d.server.Post(R"(/api/v10/guilds/(\d+)/stickers)", handle);
  d.server.Patch(R"(/api/v10/guilds/(\d+)/stickers/(\d+))", handle);
  d.server.Delete(R"(/api/v10/guilds/(\d+)/stickers/(\d+))", handle);
  d.port = d.server.bind_to_any_port("127.0.0.1");
  d.thread = std::thread([this] { impl_->server.listen_after_bind(); });
  // bind_to_any_port already listens: clients queue until the thread accepts.
}

DiscordDouble::~DiscordDouble() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string DiscordDouble::url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

void DiscordDouble::add_existing(const std::string& name, const std::string& file) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->stickers.push_back({std::to_string(++impl_->next_id), name, "", "smile", file});
}

void DiscordDouble::flood_posts(int every, double retry_after) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->flood_every = every;
  impl_->flood_seconds = retry_after;
}

std::vector<DiscordDoubleSticker> DiscordDouble::stickers() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->stickers;
}

int DiscordDouble::calls(const std::string& method) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto it = impl_->calls.find(method);
  return it == impl_->calls.end() ? 0 : it->second;
}

int DiscordDouble::early_retries() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->early;
}

}  // namespace sf::test
