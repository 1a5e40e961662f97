// motion: decoding animated sources into the frame model. Every limit is
// checked from headers/metadata before the pixels are decoded, and again
// while decoding (stopping early), so a hostile file costs bounded time and
// memory. Messages name the file, the value and what was expected.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "motion/animation.h"

namespace sf::motion {

/// Refuse before decoding what would take unbounded time or memory.
struct DecodeLimits {
  std::uint64_t max_file_bytes = 64ull << 20;
  int max_frames = 1000;                  // as declared, or as counted by a header walk
  std::int64_t max_duration_ms = 60'000;  // of the source
  std::uint64_t max_pixels = 40'000'000;  // per frame, as declared
  std::uint64_t max_decoded_bytes = 768ull << 20;  // all kept frames together
  std::uint64_t max_lottie_json_bytes = 16ull << 20;  // TGS after gunzip
};

struct DecodeOptions {
  /// Frames are shrunk (never enlarged) on decode to fit max_side_px x
  /// max_side_px; Lottie is rendered to fit exactly that box.
  int max_side_px = 512;
  /// Frames closer together than 1/max_fps s are merged into the earlier one
  /// (its duration grows, so the timing stays true). Lottie renders at
  /// min(source rate, max_fps).
  double max_fps = 60;
  /// Stop decoding after this much of the source (a cut will drop the rest
  /// anyway); empty = decode everything. Set it to the longest platform
  /// limit when the pack's duration_policy is cut: a long clip then costs
  /// only what is kept (the declared frame count is no longer a reason to
  /// refuse; the source length limit still applies).
  std::optional<std::int64_t> stop_after_ms;
  DecodeLimits limits;
};

/// What a source is, read from its headers only (cheap; no pixel decoded).
struct AnimationInfo {
  std::string format;  // "gif", "webp", "apng", "png", "lottie", "tgs", "video"
  int width = 0, height = 0;
  int frames = 0;             // 0 when the container does not say
  std::int64_t duration_ms = 0;  // 0 when unknown
  bool has_alpha = false;
  bool animated = false;  // more than one frame, or a video / Lottie / TGS
};

/// Reads headers only. Returns nothing for files that are not GIF, WEBP, PNG,
/// Lottie JSON, TGS or a video FFmpeg recognises (the static pipeline then
/// owns them). Throws Error(bad_input) naming the file when a recognised
/// header is corrupt, and Error(not_found) for a missing file.
std::optional<AnimationInfo> probe_animation(const std::filesystem::path& file);

/// Decodes `file` into frames. Throws Error(bad_input) naming the file and
/// what was wrong: over a limit (frames, duration, pixels, file size, memory),
/// corrupt or truncated data, a Lottie document rlottie cannot load, a
/// stream with no video.
Animation decode_animation(const std::filesystem::path& file, const DecodeOptions& options);

}  // namespace sf::motion
