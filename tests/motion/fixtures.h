// Test sources made inside the tests (ffmpeg CLI, hand-written Lottie and
// GIF bytes) and readers of our outputs that share no code with the module:
// webpmux -info, ffprobe, and our own APNG chunk walk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/files.h"
#include "motion/animation.h"

namespace sf::test {

/// A Lottie document: w x h canvas, a red square sliding across, `frames`
/// frames at `fps`. `tgs` adds the "tgs": 1 marker.
std::string lottie_json(int width, int height, double fps, int frames, bool tgs = false);

/// Runs ffmpeg (quiet, overwrite) with `arguments`; REQUIREs success.
void ffmpeg(const std::string& arguments);

/// GIF bytes of `frames` 1x1 frames, 1/10 s each, written by hand.
std::string tiny_gif(int frames);

/// gzip of `text` via the gzip tool.
std::filesystem::path gzip_file(const std::filesystem::path& source);

void write_bytes(const std::filesystem::path& path, const Bytes& bytes);

/// What `webpmux -info` says about an animated WEBP.
struct WebpInfo {
  int width = 0, height = 0, loop_count = -1;
  std::vector<int> durations_ms;
  bool first_frame_blends = true;  // false: a key frame, complete without any earlier frame
};
WebpInfo webpmux_info(const std::filesystem::path& file);

/// ffprobe -show_streams -show_format -count_frames as JSON.
nlohmann::json ffprobe(const std::filesystem::path& file);

/// One fcTL: where a frame's rectangle goes and how it is composed.
struct ApngFrameControl {
  int x = 0, y = 0, width = 0, height = 0;
  int dispose_op = -1, blend_op = -1;  // 0 none/source, 1 background/over, 2 previous
};

/// Our own reading of APNG chunks.
struct ApngInfo {
  int width = 0, height = 0, color_type = -1;
  int actl_frames = 0, plays = -1;
  std::vector<double> delays_ms;  // one per fcTL
  std::vector<ApngFrameControl> controls;  // one per fcTL
  int fdat_chunks = 0;
  bool crc_ok = true;
};
ApngInfo parse_apng(const Bytes& bytes);

/// Every frame of `file` as FFmpeg's decoder composes it (its own APNG and
/// GIF blend/dispose handling), RGBA, one per stored frame, each
/// width x height.
std::vector<std::vector<std::uint8_t>> ffmpeg_frames(const std::filesystem::path& file, int width, int height);

/// A synthetic animation: `frames` frames of w x h, each `duration_ms`,
/// noisy when `noisy` (hard to compress), else a moving square.
motion::Animation synthetic(int width, int height, int frames, int duration_ms, bool noisy = false);

}  // namespace sf::test
