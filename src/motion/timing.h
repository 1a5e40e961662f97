// motion: timing operations. Each keeps the frame timing true: the output's
// durations add up to the source's (or to the cut/sped-up length), exactly,
// because durations are differences of rounded timestamps. They take the
// animation by value and move the kept frames, so a pipeline of them holds
// one copy of the pixels (pass std::move when the input is not needed).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "motion/animation.h"
#include "pack/pack.h"

namespace sf::motion {

/// Brings `animation` within `max_ms`: cut (drop the tail, shorten the last
/// frame), speed_up (scale every timestamp) or refuse (throw). Appends what
/// was done, in words, to `notes`. Throws Error(bad_input) naming the file,
/// its length, the limit and `platform` when the policy is refuse.
Animation apply_duration_policy(Animation animation, std::int64_t max_ms,
                                pack::DurationPolicy policy, const std::string& platform,
                                std::vector<std::string>& notes);

/// Keeps the frame on show at every 1/max_fps s tick, extending each kept
/// frame until the next: at most max_fps frames per second on average, total
/// duration unchanged. Returns the input when it is already slow enough.
Animation reduce_frame_rate(Animation animation, double max_fps);

/// Merges frames shorter than `min_ms` into their neighbour (WhatsApp: 8 ms).
Animation enforce_min_frame_duration(Animation animation, int min_ms);

/// Lowers the frame rate until there are at most `max_frames` frames.
Animation limit_frame_count(Animation animation, int max_frames);

/// Splits the longest frames in two until there are at least `min_frames`
/// (LINE needs 5); total duration unchanged.
Animation ensure_min_frames(Animation animation, int min_frames);

}  // namespace sf::motion
