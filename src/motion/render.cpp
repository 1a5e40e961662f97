#include "motion/render.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "base/error.h"
#include "base/text.h"
#include "motion/encoders.h"
#include "motion/knob_search.h"
#include "motion/palette_plan.h"
#include "motion/quality.h"
#include "motion/resample.h"
#include "motion/timing.h"

namespace sf::motion {

namespace {

std::string fps_text(double fps) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", fps);
  return text;
}

std::string bytes_text(std::uint64_t bytes) { return std::to_string(bytes) + " bytes"; }

// One knob per container: its range, the first guess, and how to read it.
struct Knob {
  KnobSearch search;
  std::string name;
  std::function<std::string(int)> describe;  // knob -> setting value
  std::function<Bytes(const Animation&, int)> encode;
};

Knob knob_for(const AnimatedTarget& target, int loops) {
  Knob knob;
  switch (target.container) {
    case Container::webp:
      knob.search = {10, 100, 80, 0.025};
      knob.name = "quality";
      knob.describe = [](int k) { return std::to_string(k); };
      knob.encode = [loops](const Animation& a, int k) { return detail::encode_webp(a, k, loops); };
      break;
    case Container::webm:
      // knob = 63 - crf, so that higher is better like the others.
      knob.search = {63 - 58, 63 - 10, 63 - 30, 0.05};
      knob.name = "crf";
      knob.describe = [](int k) { return std::to_string(63 - k); };
      knob.encode = [](const Animation& a, int k) { return detail::encode_webm(a, 63 - k); };
      break;
    case Container::apng:
    case Container::gif:
      throw internal_error("APNG and GIF are planned by render_palette");
    case Container::tgs:
      throw internal_error("TGS is passed through (validate_tgs), not rendered");
  }
  knob.search.max_bytes = target.max_bytes;
  return knob;
}

// Timing rules that do not depend on bytes, on frames of any kind.
Animation timing_rules(Animation animation, const AnimatedTarget& target, const RenderOptions& options,
                       std::vector<std::string>& notes) {
  const std::string platform(target.platform);
  animation = apply_duration_policy(std::move(animation), target.max_duration_ms, options.duration_policy,
                                    platform, notes);
  if (target.max_fps > 0 && average_fps(animation) > target.max_fps + 1e-6) {
    double before = average_fps(animation);
    animation = reduce_frame_rate(std::move(animation), target.max_fps);
    notes.push_back("frame rate " + fps_text(before) + " -> " + fps_text(average_fps(animation)) + " fps (" +
                    platform + " allows " + fps_text(target.max_fps) + ")");
  }
  if (target.min_frame_ms > 0) animation = enforce_min_frame_duration(std::move(animation), target.min_frame_ms);
  if (target.max_frames > 0 && static_cast<int>(animation.frames.size()) > target.max_frames) {
    std::size_t before = animation.frames.size();
    animation = limit_frame_count(std::move(animation), target.max_frames);
    notes.push_back(std::to_string(before) + " -> " + std::to_string(animation.frames.size()) + " frames (" +
                    platform + " allows " + std::to_string(target.max_frames) + ")");
  }
  if (target.min_frames > 1) animation = ensure_min_frames(std::move(animation), target.min_frames);
  return animation;
}

// The rules run first on a skeleton whose frames carry only their source
// index, so only the frames kept are copied from the source (four targets
// at once on a 180-frame source would otherwise hold four full copies).
Animation apply_timing_rules(const Animation& source, const AnimatedTarget& target, const RenderOptions& options,
                             std::vector<std::string>& notes) {
  Animation skeleton;
  skeleton.width = source.width;
  skeleton.height = source.height;
  skeleton.loop_count = source.loop_count;
  skeleton.source_format = source.source_format;
  skeleton.file = source.file;
  skeleton.source_fps = source.source_fps;
  for (std::size_t i = 0; i < source.frames.size(); ++i) {
    Frame frame;
    frame.duration_ms = source.frames[i].duration_ms;
    frame.rgba.resize(sizeof i);
    std::memcpy(frame.rgba.data(), &i, sizeof i);
    skeleton.frames.push_back(std::move(frame));
  }
  Animation timed = timing_rules(std::move(skeleton), target, options, notes);
  for (Frame& frame : timed.frames) {
    std::size_t index = 0;
    std::memcpy(&index, frame.rgba.data(), sizeof index);
    frame.rgba = source.frames[index].rgba;
  }
  return timed;
}

}  // namespace

EncodedAnimation render_animation(const Animation& source, const AnimatedTarget& target,
                                  const RenderOptions& options) {
  if (source.frames.empty()) throw internal_error("render_animation called without frames");
  EncodedAnimation result;
  result.container = target.container;
  Animation timed = apply_timing_rules(source, target, options, result.notes);
  const std::int64_t duration = total_duration_ms(timed);
  int loops = target.loops;
  if (target.max_total_play_ms > 0)
    loops = static_cast<int>(std::clamp<std::int64_t>(target.max_total_play_ms / std::max<std::int64_t>(duration, 1), 1, 4));
  if (target.container == Container::apng || target.container == Container::gif)
    return detail::render_palette(timed, target, options, loops, std::move(result));
  Knob knob = knob_for(target, loops);

  Box box = target.box;
  box.margin_px = options.margin_px;
  const std::size_t timed_frames = timed.frames.size();
  const double timed_fps = average_fps(timed);
  // One copy of the frames per target: fitted in place, thinned in place.
  Animation fitted = fit_into(std::move(timed), box);
  double fps_cap = 0;  // lowered frame rate, 0 while untouched
  double art_scale = 1.0;
  std::optional<KnobResult> found;
  std::uint64_t best_floor = 0;
  std::string floor_setting;
  // Up to three frame-rate steps, then up to three size steps.
  for (int round = 0; round < 7; ++round) {
    KnobResult attempt = search_knob(knob.search, [&](int k) { return knob.encode(fitted, k); });
    result.trials += attempt.trials;
    if (attempt.best) {
      found = std::move(attempt);
      break;
    }
    best_floor = attempt.smallest_bytes;
    floor_setting = knob.name + " " + knob.describe(attempt.smallest_knob) + ", " +
                    fps_text(average_fps(fitted)) + " fps, art at " + std::to_string(std::lround(art_scale * 100)) + "%";
    // Aim below the limit by the ratio the floor missed it by.
    double ratio = static_cast<double>(target.max_bytes) / static_cast<double>(attempt.smallest_bytes) * 0.85;
    double fps = average_fps(fitted);
    int min_frames = std::max(2, target.min_frames);
    bool can_drop_frames = fps > 6.5 && static_cast<int>(fitted.frames.size()) > min_frames;
    if (round < 3 && can_drop_frames) {
      double floor_fps = (min_frames + 0.5) * 1000.0 / static_cast<double>(std::max<std::int64_t>(duration, 1));
      double new_fps = std::max({6.0, fps * ratio, floor_fps});
      std::size_t before = fitted.frames.size();
      fitted = reduce_frame_rate(std::move(fitted), new_fps);
      if (fitted.frames.size() < before) {
        fps_cap = new_fps;
        // Bytes scale roughly with the frame count: start from the best
        // setting the last round's sizes predict will fit.
        double shrink = static_cast<double>(fitted.frames.size()) / static_cast<double>(before);
        knob.search.first_guess = knob.search.lowest;
        for (const auto& [k, size] : attempt.sizes)
          if (static_cast<double>(size) * shrink <= static_cast<double>(target.max_bytes) * 0.95)
            knob.search.first_guess = std::max(knob.search.first_guess, k);
        continue;
      }
    }
    if (art_scale <= 0.35) break;
    art_scale = std::max(0.35, art_scale * std::sqrt(std::min(ratio, 0.95)));
    if (target.canvas_fixed) {
      int room = std::min(target.box.width, target.box.height) - 2 * options.margin_px;
      box.margin_px = options.margin_px + static_cast<int>(room * (1 - art_scale) / 2);
    } else {
      box.width = std::max(16, static_cast<int>(target.box.width * art_scale));
      box.height = std::max(16, static_cast<int>(target.box.height * art_scale));
      box.margin_px = static_cast<int>(options.margin_px * art_scale);
    }
    // Smaller art is drawn again from the source, not from fitted pixels.
    std::vector<std::string> repeated_notes;
    Animation again = apply_timing_rules(source, target, options, repeated_notes);
    if (fps_cap > 0) again = reduce_frame_rate(std::move(again), fps_cap);
    fitted = fit_into(std::move(again), box);
  }
  if (!found)
    throw bad_input(quote(source.file.string()) + ": best size " + bytes_text(best_floor) + " at " + floor_setting +
                    "; " + std::string(target.platform) + " allows " + bytes_text(target.max_bytes));

  result.bytes = std::move(found->best_bytes);
  result.width = fitted.width;
  result.height = fitted.height;
  result.frames = static_cast<int>(fitted.frames.size());
  if (target.container == Container::webp) result.frames = detail::count_webp_frames(result.bytes);
  result.psnr_db = detail::measure_psnr(fitted, target.container, 0, result.bytes).value_or(0);
  result.duration_ms = duration;
  result.loops = loops;
  double fps = average_fps(fitted);
  result.settings.push_back({knob.name, knob.describe(*found->best)});
  result.settings.push_back({"fps", fps_text(fps)});
  result.settings.push_back({"loops", loops == 0 ? std::string("forever") : std::to_string(loops)});
  if (*found->best < knob.search.highest)
    result.sacrifices.push_back(knob.name + " " + knob.describe(knob.search.highest) + " -> " +
                                knob.describe(*found->best) + " to fit " + bytes_text(target.max_bytes));
  if (fitted.frames.size() < timed_frames)
    result.sacrifices.push_back("frame rate " + fps_text(timed_fps) + " -> " + fps_text(fps) +
                                " fps to fit " + bytes_text(target.max_bytes));
  if (art_scale < 1.0)
    result.sacrifices.push_back("art drawn at " + std::to_string(std::lround(art_scale * 100)) +
                                "% size to fit " + bytes_text(target.max_bytes));
  return result;
}

}  // namespace sf::motion
