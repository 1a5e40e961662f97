// Test helper: build folders laid out as `stickerforge build` writes them
// (report.json; telegram/set.json with stickers/NN.* and thumbnail.webp;
// discord/stickers.json with 320 px PNGs), made directly so a 120-sticker
// set costs milliseconds. The files carry the right magic bytes (the
// publisher and the doubles sniff formats) and a payload unique per sticker.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sf::test {

struct FakeSticker {
  std::string payload;                 // makes the file unique
  std::string format = "static";       // static | video | animated
  std::vector<std::string> emoji = {"😀"};
  std::vector<std::string> keywords;
};

struct FakeTelegramBuild {
  std::string pack_id = "pack";
  std::string title = "Fake pack";
  std::vector<FakeSticker> stickers;
  std::string thumbnail = "thumb";     // payload of thumbnail.webp; "" none
  std::string sticker_type = "regular";
};

/// The bytes of a sticker file of `format` holding `payload`.
std::string fake_file(const std::string& format, const std::string& payload);

/// `count` stickers: mostly static, every 10th video, every 15th animated.
std::vector<FakeSticker> fake_stickers(int count, const std::string& tag = "v1");

/// Replaces `build` by a fresh build folder (as a rebuild does).
void write_telegram_build(const std::filesystem::path& build, const FakeTelegramBuild& spec);

struct FakeDiscordSticker {
  std::string name, description, tags, payload;
  int side = 320;
};

void write_discord_build(const std::filesystem::path& build,
                         const std::vector<FakeDiscordSticker>& stickers);

/// A PNG header of side x side followed by `payload` (enough for sniffing).
std::string fake_png(int side, const std::string& payload);

}  // namespace sf::test
