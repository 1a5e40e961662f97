#include "motion/render.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/error.h"
#include "base/text.h"
#include "motion/encoders.h"
#include "motion/knob_search.h"
#include "motion/resample.h"
#include "motion/timing.h"

namespace sf::motion {

namespace {

// Palette sizes the APNG/GIF search walks; 0 = lossless RGBA (APNG only).
constexpr int kPaletteSteps[] = {16, 24, 32, 48, 64, 96, 128, 192, 256, 0};

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
      knob.search = {0, 9, 8, 0.15};
      knob.name = "colors";
      knob.describe = [](int k) { return kPaletteSteps[k] ? std::to_string(kPaletteSteps[k]) : std::string("truecolor"); };
      knob.encode = [loops](const Animation& a, int k) { return detail::encode_apng(a, kPaletteSteps[k], loops); };
      break;
    case Container::gif:
      knob.search = {0, 8, 8, 0.15};
      knob.name = "colors";
      knob.describe = [](int k) { return std::to_string(kPaletteSteps[k]); };
      knob.encode = [loops](const Animation& a, int k) { return detail::encode_gif(a, kPaletteSteps[k], loops); };
      break;
    case Container::tgs:
      throw internal_error("TGS is passed through (validate_tgs), not rendered");
  }
  knob.search.max_bytes = target.max_bytes;
  return knob;
}

// Timing rules that do not depend on bytes.
Animation apply_timing_rules(const Animation& source, const AnimatedTarget& target, const RenderOptions& options,
                             std::vector<std::string>& notes) {
  const std::string platform(target.platform);
  Animation animation =
      apply_duration_policy(source, target.max_duration_ms, options.duration_policy, platform, notes);
  if (target.max_fps > 0 && average_fps(animation) > target.max_fps + 1e-6) {
    double before = average_fps(animation);
    animation = reduce_frame_rate(animation, target.max_fps);
    notes.push_back("frame rate " + fps_text(before) + " -> " + fps_text(average_fps(animation)) + " fps (" +
                    platform + " allows " + fps_text(target.max_fps) + ")");
  }
  if (target.min_frame_ms > 0) animation = enforce_min_frame_duration(animation, target.min_frame_ms);
  if (target.max_frames > 0 && static_cast<int>(animation.frames.size()) > target.max_frames) {
    std::size_t before = animation.frames.size();
    animation = limit_frame_count(animation, target.max_frames);
    notes.push_back(std::to_string(before) + " -> " + std::to_string(animation.frames.size()) + " frames (" +
                    platform + " allows " + std::to_string(target.max_frames) + ")");
  }
  if (target.min_frames > 1) animation = ensure_min_frames(animation, target.min_frames);
  return animation;
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
  Knob knob = knob_for(target, loops);

  Box box = target.box;
  box.margin_px = options.margin_px;
  Animation current = timed;
  double art_scale = 1.0;
  std::optional<KnobResult> found;
  std::uint64_t best_floor = 0;
  std::string floor_setting;
  // Up to three frame-rate steps, then up to three size steps.
  for (int round = 0; round < 7; ++round) {
    Animation fitted = fit_into(current, box);
    KnobResult attempt = search_knob(knob.search, [&](int k) { return knob.encode(fitted, k); });
    result.trials += attempt.trials;
    if (attempt.best) {
      found = std::move(attempt);
      result.width = fitted.width;
      result.height = fitted.height;
      result.frames = static_cast<int>(fitted.frames.size());
      break;
    }
    best_floor = attempt.smallest_bytes;
    floor_setting = knob.name + " " + knob.describe(attempt.smallest_knob) + ", " +
                    fps_text(average_fps(current)) + " fps, art at " + std::to_string(std::lround(art_scale * 100)) + "%";
    // Aim below the limit by the ratio the floor missed it by.
    double ratio = static_cast<double>(target.max_bytes) / static_cast<double>(attempt.smallest_bytes) * 0.85;
    double fps = average_fps(current);
    int min_frames = std::max(2, target.min_frames);
    bool can_drop_frames = fps > 6.5 && static_cast<int>(current.frames.size()) > min_frames;
    if (round < 3 && can_drop_frames) {
      double new_fps = std::max(6.0, fps * ratio);
      Animation reduced = reduce_frame_rate(timed, new_fps);
      if (static_cast<int>(reduced.frames.size()) < min_frames) reduced = limit_frame_count(timed, min_frames);
      if (reduced.frames.size() < current.frames.size()) {
        // Bytes scale roughly with the frame count: start from the best
        // setting the last round's sizes predict will fit.
        double shrink = static_cast<double>(reduced.frames.size()) / static_cast<double>(current.frames.size());
        knob.search.first_guess = knob.search.lowest;
        for (const auto& [k, size] : attempt.sizes)
          if (static_cast<double>(size) * shrink <= static_cast<double>(target.max_bytes) * 0.95)
            knob.search.first_guess = std::max(knob.search.first_guess, k);
        current = std::move(reduced);
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
  }
  if (!found)
    throw bad_input(quote(source.file.string()) + ": best size " + bytes_text(best_floor) + " at " + floor_setting +
                    "; " + std::string(target.platform) + " allows " + bytes_text(target.max_bytes));

  result.bytes = std::move(found->best_bytes);
  if (target.container == Container::webp) result.frames = detail::count_webp_frames(result.bytes);
  result.duration_ms = duration;
  result.loops = loops;
  double fps = average_fps(current);
  result.settings.push_back({knob.name, knob.describe(*found->best)});
  result.settings.push_back({"fps", fps_text(fps)});
  result.settings.push_back({"loops", loops == 0 ? std::string("forever") : std::to_string(loops)});
  if (*found->best < knob.search.highest)
    result.sacrifices.push_back(knob.name + " " + knob.describe(knob.search.highest) + " -> " +
                                knob.describe(*found->best) + " to fit " + bytes_text(target.max_bytes));
  if (current.frames.size() < timed.frames.size())
    result.sacrifices.push_back("frame rate " + fps_text(average_fps(timed)) + " -> " + fps_text(fps) +
                                " fps to fit " + bytes_text(target.max_bytes));
  if (art_scale < 1.0)
    result.sacrifices.push_back("art drawn at " + std::to_string(std::lround(art_scale * 100)) +
                                "% size to fit " + bytes_text(target.max_bytes));
  return result;
}

}  // namespace sf::motion
