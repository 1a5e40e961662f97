// motion (internal): one encoder per container, each a pure function of the
// frames and one knob value, so the knob search can cache by value.
#pragma once

#include <cstdint>
#include <vector>

#include "base/files.h"
#include "motion/animation.h"

namespace sf::motion::detail {

/// Animated WEBP (libwebp WebPAnimEncoder), lossy at `quality` 0..100.
/// `loop_count` 0 = forever. Frame durations are copied exactly.
Bytes encode_webp(const Animation& animation, int quality, int loop_count);

/// Frames in an animated WEBP as stored (WebPAnimEncoder drops frames that
/// match the previous one and lengthens its predecessor).
int count_webp_frames(const Bytes& webp);

/// WEBM, VP9 with alpha (yuva420p; the alpha_mode tag is set by the muxer),
/// constant-quality `crf` (0..63, lower is better), no audio stream.
Bytes encode_webm(const Animation& animation, int crf);

struct Indexed;

/// `webm` with a BlockDuration of `duration` (timecode units: ms) added to
/// its last block, so players end the last frame where we meant instead of
/// guessing from the frame rate. Returns `webm` unchanged when its layout
/// is not the one FFmpeg's muxer writes (last block a BlockGroup, sizes
/// known).
Bytes with_last_block_duration(Bytes webm, std::int64_t duration);

/// APNG. `colors` 0 = 8-bit RGBA truecolour; 2..256 = one palette shared by
/// all frames (stable colours, no flicker). `plays` 0 = loop forever.
/// Frames after the first store only the changed rectangle. With a
/// palette, `palette_frames` (when given) receives the indexed frames
/// written, i.e. exactly what a decoder must show.
Bytes encode_apng(const Animation& animation, int colors, int plays, Indexed* palette_frames = nullptr);

/// GIF with a shared palette of `colors` (2..256, one entry kept for
/// transparency; alpha becomes on/off). `loops` 0 = forever.
/// `palette_frames` as for APNG.
Bytes encode_gif(const Animation& animation, int colors, int loops, Indexed* palette_frames = nullptr);

/// Frames mapped to a palette: index 0 is always fully transparent.
struct Indexed {
  std::vector<std::uint8_t> palette;  // RGBA per entry
  std::vector<std::vector<std::uint8_t>> frames;  // one index per pixel
  int colors = 0;   // palette entries, index 0 included
  int quality = 0;  // libimagequant's own score of the palette, 0..100
};

struct QuantizeOptions {
  int colors = 256;            // entries, index 0 (transparent) included; 2..256
  int transparent_below = 8;   // alpha below this maps to index 0
  double dither = 1.0;         // error diffusion, 0 (none) .. 1 (full)
  int speed = 4;               // libimagequant speed 1 (best) .. 10 (fastest)
};
/// libimagequant palette of up to `colors` entries over all frames, each
/// frame remapped with dithering; a pixel whose colour stays (within 2 per
/// channel) keeps the index it had in the previous frame, so dithering
/// never crawls over still areas. Throws Error(internal) only when the
/// library fails.
Indexed quantize(const Animation& animation, const QuantizeOptions& options);

}  // namespace sf::motion::detail
