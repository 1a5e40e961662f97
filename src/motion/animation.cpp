#include "motion/animation.h"

namespace sf::motion {

std::int64_t total_duration_ms(const Animation& animation) {
  std::int64_t total = 0;
  for (const Frame& frame : animation.frames) total += frame.duration_ms;
  return total;
}

double average_fps(const Animation& animation) {
  std::int64_t total = total_duration_ms(animation);
  if (total <= 0) return 0;
  return static_cast<double>(animation.frames.size()) * 1000.0 / static_cast<double>(total);
}

}  // namespace sf::motion
