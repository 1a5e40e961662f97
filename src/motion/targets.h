// motion: what each platform accepts for animated stickers, in one table
// (numbers from docs platform-specs: Telegram §1, WhatsApp §2, Signal §3,
// iMessage §4, LINE §5, Discord §6).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "motion/resample.h"

namespace sf::motion {

enum class Container { webp, webm, apng, gif, tgs };
/// "webp", "webm", "apng", "gif", "tgs" (also the file extension, except
/// APNG files are named .png). Never throws.
const char* container_name(Container container);

struct AnimatedTarget {
  std::string_view id;          // "whatsapp", "telegram", "telegram_thumbnail", ...
  std::string_view platform;    // display name for messages
  Container container = Container::apng;
  Box box;                      // canvas; the caller adds the pack's margin
  bool canvas_fixed = true;     // the canvas size itself is a rule (512x512, one side 512)
  int min_canvas_px = 0;        // when not fixed: the smallest side the platform takes
  std::uint64_t max_bytes = 0;
  std::int64_t max_duration_ms = 0;  // of one play
  double max_fps = 0;                // 0: no rule
  int min_frame_ms = 0;
  int min_frames = 1, max_frames = 0;  // 0: no rule
  int loops = 0;                     // 0 = forever
  std::int64_t max_total_play_ms = 0;  // loops x duration (LINE); 0: no rule
};

/// Every animated target, in display order.
const std::vector<AnimatedTarget>& animated_targets();

/// The target with `id`. Throws Error(bad_input) "unknown animated target
/// 'x'; did you mean 'y'?" for anything else.
const AnimatedTarget& find_animated_target(std::string_view id);

}  // namespace sf::motion
