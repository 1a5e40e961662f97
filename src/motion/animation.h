// motion: the frame model every decoder produces and every encoder reads.
// Plain data, no library types, so exporters and tests can build frames too.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sf::motion {

/// One full-canvas frame: 8-bit RGBA, straight (not premultiplied) alpha,
/// row-major, shown for `duration_ms` (integer milliseconds, exact).
struct Frame {
  std::vector<std::uint8_t> rgba;
  int duration_ms = 0;
};

/// A decoded animation. Every frame has the same width x height. Durations
/// are whole milliseconds chosen so that they add up to the source's length
/// (each is the difference of rounded timestamps, so rounding never drifts).
struct Animation {
  int width = 0, height = 0;
  std::vector<Frame> frames;
  int loop_count = 0;             // 0 = forever (as in GIF/WEBP/APNG)
  std::string source_format;      // "gif", "webp", "apng", "lottie", "tgs", "video"
  std::filesystem::path file;     // for messages
  double source_fps = 0;          // nominal rate of the source, 0 when variable
};

/// Sum of the frame durations.
std::int64_t total_duration_ms(const Animation& animation);

/// Bytes one frame of `width` x `height` needs.
inline std::size_t frame_bytes(int width, int height) {
  return static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
}

/// Average frame rate (frames per second of total duration); 0 when empty.
double average_fps(const Animation& animation);

}  // namespace sf::motion
