#include "motion/timing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/error.h"
#include "base/text.h"

namespace sf::motion {

namespace {

std::string seconds(std::int64_t ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", static_cast<double>(ms) / 1000.0);
  return text;
}

std::vector<std::int64_t> start_times(const Animation& animation) {
  std::vector<std::int64_t> starts;
  std::int64_t t = 0;
  for (const Frame& frame : animation.frames) {
    starts.push_back(t);
    t += frame.duration_ms;
  }
  return starts;
}

// Moves the frames at `keep` (sorted indices) out of `animation`, each
// lasting until the next kept frame's start; the last lasts until `end_ms`.
Animation keep_frames(Animation animation, const std::vector<std::size_t>& keep,
                      const std::vector<std::int64_t>& starts, std::int64_t end_ms) {
  std::vector<Frame> frames;
  frames.reserve(keep.size());
  for (std::size_t k = 0; k < keep.size(); ++k) {
    Frame frame = std::move(animation.frames[keep[k]]);
    std::int64_t next = k + 1 < keep.size() ? starts[keep[k + 1]] : end_ms;
    frame.duration_ms = static_cast<int>(next - starts[keep[k]]);
    frames.push_back(std::move(frame));
  }
  animation.frames = std::move(frames);
  return animation;
}

// Indices of the frames on show at each 1/max_fps tick.
std::vector<std::size_t> frames_at_ticks(const std::vector<std::int64_t>& starts, std::int64_t total,
                                         double max_fps) {
  const double tick = 1000.0 / max_fps;
  // At most floor(length x rate) ticks, so the average rate never exceeds
  // max_fps (Telegram checks the stream's rate); the last kept frame may be
  // a little longer than one tick.
  const auto ticks = std::max<std::int64_t>(1, static_cast<std::int64_t>(
      std::floor(static_cast<double>(total) * max_fps / 1000.0 + 1e-9)));
  std::vector<std::size_t> keep;
  std::size_t i = 0;
  for (std::int64_t k = 0; k < ticks; ++k) {
    const double t = static_cast<double>(k) * tick;
    // The frame on show at time t: the last one starting at or before it.
    while (i + 1 < starts.size() && static_cast<double>(starts[i + 1]) <= t + 0.5) ++i;
    if (keep.empty() || keep.back() != i) keep.push_back(i);
  }
  return keep;
}

}  // namespace

Animation apply_duration_policy(Animation animation, std::int64_t max_ms,
                                pack::DurationPolicy policy, const std::string& platform,
                                std::vector<std::string>& notes) {
  std::int64_t total = total_duration_ms(animation);
  if (max_ms <= 0 || total <= max_ms) return animation;
  const std::string name = quote(animation.file.string());
  switch (policy) {
    case pack::DurationPolicy::refuse:
      throw bad_input(name + ": lasts " + seconds(total) + "; " + platform + " allows at most " +
                      seconds(max_ms) + " (duration_policy 'refuse'; use 'cut' or 'speed-up' to fit)");
    case pack::DurationPolicy::cut: {
      std::int64_t t = 0;
      std::size_t kept = 0;
      for (Frame& frame : animation.frames) {
        if (t >= max_ms) break;
        frame.duration_ms = static_cast<int>(std::min<std::int64_t>(frame.duration_ms, max_ms - t));
        t += frame.duration_ms;
        ++kept;
      }
      animation.frames.resize(kept);
      notes.push_back("cut from " + seconds(total) + " to " + seconds(max_ms) + " (" + platform + " limit)");
      return animation;
    }
    case pack::DurationPolicy::speed_up: {
      double factor = static_cast<double>(max_ms) / static_cast<double>(total);
      std::vector<std::int64_t> starts = start_times(animation);
      for (std::size_t i = 0; i < starts.size(); ++i) {
        std::int64_t a = std::llround(starts[i] * factor);
        std::int64_t b = i + 1 < starts.size() ? std::llround(starts[i + 1] * factor) : max_ms;
        animation.frames[i].duration_ms = static_cast<int>(b - a);
      }
      char factor_text[32];
      std::snprintf(factor_text, sizeof factor_text, "%.2fx", 1.0 / factor);
      notes.push_back(std::string("sped up ") + factor_text + " from " + seconds(total) + " to " +
                      seconds(max_ms) + " (" + platform + " limit)");
      // Frames squeezed to 0 ms are merged away.
      return enforce_min_frame_duration(std::move(animation), 1);
    }
  }
  return animation;
}

Animation reduce_frame_rate(Animation animation, double max_fps) {
  if (max_fps <= 0 || animation.frames.size() < 2) return animation;
  std::int64_t total = total_duration_ms(animation);
  if (static_cast<double>(animation.frames.size()) <= max_fps * static_cast<double>(total) / 1000.0 + 1e-9)
    return animation;
  std::vector<std::int64_t> starts = start_times(animation);
  std::vector<std::size_t> keep = frames_at_ticks(starts, total, max_fps);
  return keep_frames(std::move(animation), keep, starts, total);
}

Animation enforce_min_frame_duration(Animation animation, int min_ms) {
  std::vector<Frame> frames;
  frames.reserve(animation.frames.size());
  for (Frame& frame : animation.frames) {
    if (!frames.empty() && frames.back().duration_ms < min_ms) {
      frames.back().duration_ms += frame.duration_ms;  // the short one is held longer
      continue;
    }
    frames.push_back(std::move(frame));
  }
  if (frames.size() >= 2 && frames.back().duration_ms < min_ms) {
    int tail = frames.back().duration_ms;
    frames.pop_back();
    frames.back().duration_ms += tail;
  }
  animation.frames = std::move(frames);
  return animation;
}

Animation limit_frame_count(Animation animation, int max_frames) {
  if (max_frames <= 0 || static_cast<int>(animation.frames.size()) <= max_frames) return animation;
  std::int64_t total = total_duration_ms(animation);
  std::vector<std::int64_t> starts = start_times(animation);
  double fps = max_frames * 1000.0 / static_cast<double>(std::max<std::int64_t>(total, 1));
  std::vector<std::size_t> keep = frames_at_ticks(starts, total, fps);
  while (static_cast<int>(keep.size()) > max_frames) {
    fps *= 0.95;
    keep = frames_at_ticks(starts, total, fps);
  }
  return keep_frames(std::move(animation), keep, starts, total);
}

Animation ensure_min_frames(Animation animation, int min_frames) {
  while (static_cast<int>(animation.frames.size()) < min_frames) {
    auto longest = std::max_element(animation.frames.begin(), animation.frames.end(),
                                    [](const Frame& a, const Frame& b) { return a.duration_ms < b.duration_ms; });
    if (longest == animation.frames.end() || longest->duration_ms < 2) break;
    Frame half = *longest;
    half.duration_ms = longest->duration_ms / 2;
    longest->duration_ms -= half.duration_ms;
    animation.frames.insert(longest + 1, std::move(half));
  }
  return animation;
}

}  // namespace sf::motion
