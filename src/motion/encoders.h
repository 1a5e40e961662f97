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

/// APNG. `colors` 0 = 8-bit RGBA truecolour; 2..256 = one palette shared by
/// all frames (stable colours, no flicker). `plays` 0 = loop forever.
Bytes encode_apng(const Animation& animation, int colors, int plays);

/// GIF with a shared palette of `colors` (2..256, one entry kept for
/// transparency; alpha becomes on/off). `loops` 0 = forever.
Bytes encode_gif(const Animation& animation, int colors, int loops);

/// Frames mapped to a palette: index 0 is always fully transparent.
struct Indexed {
  std::vector<std::uint8_t> palette;  // RGBA per entry
  std::vector<std::vector<std::uint8_t>> frames;  // one index per pixel
};
/// Median-cut palette of up to `colors` entries over all frames, then a
/// nearest-colour map (no dithering: it flickers between frames and costs
/// bytes). Alpha below `transparent_below` maps to index 0.
Indexed quantize(const Animation& animation, int colors, int transparent_below = 8);

}  // namespace sf::motion::detail
