#include "motion/targets.h"

#include <string>

#include "base/error.h"
#include "base/text.h"

namespace sf::motion {

const char* container_name(Container container) {
  switch (container) {
    case Container::webp: return "webp";
    case Container::webm: return "webm";
    case Container::apng: return "apng";
    case Container::gif: return "gif";
    case Container::tgs: return "tgs";
  }
  return "?";
}

namespace {

AnimatedTarget make(std::string_view id, std::string_view platform, Container container, Box box,
                    std::uint64_t max_bytes, std::int64_t max_duration_ms) {
  AnimatedTarget target;
  target.id = id;
  target.platform = platform;
  target.container = container;
  target.box = box;
  target.max_bytes = max_bytes;
  target.max_duration_ms = max_duration_ms;
  return target;
}

std::vector<AnimatedTarget> build_table() {
  std::vector<AnimatedTarget> table;
  // WhatsApp: animated WEBP exactly 512x512, <= 500 KiB, frames >= 8 ms, <= 10 s.
  auto whatsapp = make("whatsapp", "WhatsApp", Container::webp, {512, 512, 0, true, false}, 500 * 1024, 10'000);
  whatsapp.min_frame_ms = 8;
  whatsapp.min_frames = 2;  // an animated pack needs more than one frame per sticker
  table.push_back(whatsapp);
  // Telegram video sticker: WEBM VP9, one side exactly 512, <= 30 fps, <= 3 s,
  // <= 256 KB (1000-byte KB where the source does not say).
  auto telegram = make("telegram", "Telegram", Container::webm, {512, 512, 0, false, false}, 256'000, 3'000);
  telegram.max_fps = 30;
  table.push_back(telegram);
  // Telegram set thumbnail for video sets: 100x100 WEBM <= 32 KB.
  auto thumbnail = make("telegram_thumbnail", "Telegram thumbnail", Container::webm, {100, 100, 0, true, false},
                        32'000, 3'000);
  thumbnail.max_fps = 30;
  table.push_back(thumbnail);
  // Signal: APNG, square, <= 300 KiB, loop forever. (Signal's 3 s cap is
  // unconfirmed; we do not impose it.)
  auto signal = make("signal", "Signal", Container::apng, {512, 512, 0, true, false}, 300 * 1024, 0);
  signal.canvas_fixed = false;  // any square from 10 to 512 px
  signal.min_canvas_px = 10;
  table.push_back(signal);
  // iMessage: APNG (or GIF) < 500 KB at the regular 408 px size.
  auto imessage = make("imessage", "iMessage", Container::apng, {408, 408, 0, true, false}, 500'000 - 1, 0);
  // Kept at the pack's grid size (300/408/618 px at @3x): the exporter's
  // check holds every sticker to exactly that size.
  table.push_back(imessage);
  auto imessage_gif = make("imessage_gif", "iMessage", Container::gif, {408, 408, 0, true, false}, 500'000 - 1, 0);
  table.push_back(imessage_gif);
  // Discord: APNG 320x320, <= 512 KB, <= 5 s.
  table.push_back(make("discord", "Discord", Container::apng, {320, 320, 0, true, false}, 512'000, 5'000));
  // LINE animated: APNG within 320x270 (one side >= 270), even sizes, 5-20
  // frames, <= 4 s with 1-4 loops (loops x length <= 4 s), <= 300 KB.
  auto line = make("line", "LINE", Container::apng, {320, 270, 0, false, true}, 300'000, 4'000);
  line.min_frames = 5;
  line.max_frames = 20;
  line.max_total_play_ms = 4'000;
  table.push_back(line);
  // LINE animated main image: 240x240 APNG, same animation rules.
  auto line_main = make("line_main", "LINE main image", Container::apng, {240, 240, 0, true, false}, 300'000, 4'000);
  line_main.min_frames = 5;
  line_main.max_frames = 20;
  line_main.max_total_play_ms = 4'000;
  table.push_back(line_main);
  return table;
}

}  // namespace

const std::vector<AnimatedTarget>& animated_targets() {
  static const std::vector<AnimatedTarget> table = build_table();
  return table;
}

const AnimatedTarget& find_animated_target(std::string_view id) {
  std::vector<std::string_view> ids;
  for (const AnimatedTarget& target : animated_targets()) {
    if (target.id == id) return target;
    ids.push_back(target.id);
  }
  std::vector<std::string> names(ids.begin(), ids.end());
  throw bad_input("unknown animated target " + quote(id) + "; expected one of " + join(names, ", ") +
                  did_you_mean(id, ids));
}

}  // namespace sf::motion
