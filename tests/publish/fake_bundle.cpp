#include "fake_bundle.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::test {
namespace {

void put(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string le32(std::uint32_t v) {
  return {static_cast<char>(v & 255), static_cast<char>((v >> 8) & 255),
          static_cast<char>((v >> 16) & 255), static_cast<char>(v >> 24)};
}

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>((v >> 16) & 255),
          static_cast<char>((v >> 8) & 255), static_cast<char>(v & 255)};
}

std::string extension(const std::string& format) {
  return format == "video" ? ".webm" : format == "animated" ? ".tgs" : ".webp";
}

std::string number(std::size_t i) {
  std::string n = std::to_string(i);
  return n.size() < 2 ? "0" + n : n;
}

}  // namespace

std::string fake_file(const std::string& format, const std::string& payload) {
  if (format == "video") return std::string("\x1A\x45\xDF\xA3", 4) + payload;
  if (format == "animated") return std::string("\x1F\x8B\x08\x00", 4) + payload;
  std::string body = "WEBPVP8 " + payload;
  return "RIFF" + le32(static_cast<std::uint32_t>(body.size())) + body;
}

std::vector<FakeSticker> fake_stickers(int count, const std::string& tag) {
  std::vector<FakeSticker> out;
  for (int i = 1; i <= count; ++i) {
    FakeSticker s;
    s.payload = tag + "-sticker-" + std::to_string(i);
    s.format = i % 15 == 0 ? "animated" : i % 10 == 0 ? "video" : "static";
    s.emoji = i % 3 == 0 ? std::vector<std::string>{"😂", "🎉"} : std::vector<std::string>{"😀"};
    s.keywords = {"k" + std::to_string(i)};
    out.push_back(s);
  }
  return out;
}

void write_telegram_build(const fs::path& build, const FakeTelegramBuild& spec) {
  fs::remove_all(build);
  fs::path bundle = build / "telegram";
  json stickers = json::array(), rest = json::array(), attachments = json::object();
  for (std::size_t i = 0; i < spec.stickers.size(); ++i) {
    const FakeSticker& s = spec.stickers[i];
    std::string file = "stickers/" + number(i + 1) + extension(s.format);
    put(bundle / file, fake_file(s.format, s.payload));
    std::string attach = "sticker" + number(i + 1);
    attachments[attach] = file;
    json entry = {{"sticker", "attach://" + attach}, {"format", s.format},
                  {"emoji_list", s.emoji}, {"keywords", s.keywords}};
    (i < 50 ? stickers : rest).push_back(entry);
  }
  json set = {{"method", "createNewStickerSet"}, {"name", spec.pack_id + "_by_double_bot"},
              {"title", spec.title}, {"sticker_type", spec.sticker_type}, {"stickers", stickers},
              {"add_sticker_to_set", rest}, {"attachments", attachments}};
  if (!spec.thumbnail.empty()) {
    put(bundle / "thumbnail.webp", fake_file("static", spec.thumbnail));
    set["thumbnail"] = {{"method", "setStickerSetThumbnail"}, {"format", "static"},
                        {"thumbnail", "attach://thumbnail"}, {"file", "thumbnail.webp"}};
  }
  put(bundle / "set.json", set.dump(2));
  put(build / "report.json", json{{"pack", {{"id", spec.pack_id}, {"title", spec.title}}}}.dump());
}

std::string fake_png(int side, const std::string& payload) {
  std::string ihdr = "IHDR" + be32(static_cast<std::uint32_t>(side)) +
                     be32(static_cast<std::uint32_t>(side)) + std::string("\x08\x06\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1A\n", 8) + be32(13) + ihdr + be32(0) + payload;
}

void write_discord_build(const fs::path& build, const std::vector<FakeDiscordSticker>& stickers) {
  fs::remove_all(build);
  json list = json::array();
  for (std::size_t i = 0; i < stickers.size(); ++i) {
    std::string file = "stickers/" + number(i + 1) + ".png";
    put(build / "discord" / file, fake_png(stickers[i].side, stickers[i].payload));
    list.push_back({{"file", file}, {"name", stickers[i].name},
                    {"description", stickers[i].description}, {"tags", stickers[i].tags}});
  }
  put(build / "discord" / "stickers.json", json{{"pack", "Fake"}, {"stickers", list}}.dump(2));
  put(build / "report.json", json{{"pack", {{"id", "pack"}}}}.dump());
}

}  // namespace sf::test
