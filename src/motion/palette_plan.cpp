#include "motion/palette_plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "base/error.h"
#include "base/text.h"
#include "motion/encoders.h"
#include "motion/knob_search.h"
#include "motion/quality.h"
#include "motion/resample.h"
#include "motion/timing.h"

namespace sf::motion::detail {

namespace {

// Palette sizes the search walks; 0 = lossless RGBA (APNG only).
constexpr int kPaletteSteps[] = {16, 24, 32, 48, 64, 96, 128, 192, 256, 0};
// Frame rates tried, as fractions of the timed rate, and drawn sizes, as
// fractions of the natural box. Each plan is one step from the one before.
constexpr double kFpsSteps[] = {1.0, 0.75, 0.5, 0.375, 0.25};
constexpr double kScaleSteps[] = {1.0, 0.85, 0.72, 0.6, 0.5, 0.42, 0.35};
constexpr double kLowestUsefulFps = 3.0;  // below this a plan is only a last resort

std::string fps_text(double fps) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", fps);
  return text;
}

std::string colors_text(int knob) {
  return kPaletteSteps[knob] ? std::to_string(kPaletteSteps[knob]) : std::string("truecolor");
}

struct Plan {
  int fps_step = 0, scale_step = 0;
  bool operator<(const Plan& other) const {
    return fps_step != other.fps_step ? fps_step < other.fps_step : scale_step < other.scale_step;
  }
};

struct Outcome {
  Plan plan;
  KnobResult knob;
  Animation fitted;          // the frames encoded
  Indexed indexed;           // the best fit's palette frames (empty for truecolor)
  double psnr = -1;          // against the reference; -1 when nothing fit
  bool fits() const { return knob.best.has_value(); }
};

Box scaled_box(const AnimatedTarget& target, const Box& natural, double scale, int margin_px) {
  Box box = natural;
  if (scale >= 1.0) return box;
  if (target.canvas_fixed) {
    // The canvas is a rule: the art shrinks inside a wider margin.
    int room = std::min(natural.width, natural.height) - 2 * natural.margin_px;
    box.margin_px = natural.margin_px + static_cast<int>(room * (1 - scale) / 2);
    return box;
  }
  int floor_px = std::max(target.min_canvas_px, 16);
  double k = std::max(scale, static_cast<double>(floor_px) / std::min(natural.width, natural.height));
  box.width = std::max(floor_px, static_cast<int>(std::lround(natural.width * k)));
  box.height = std::max(floor_px, static_cast<int>(std::lround(natural.height * k)));
  box.margin_px = static_cast<int>(std::lround(natural.margin_px * k));
  (void)margin_px;
  return box;
}

Animation shown_frames(const Outcome& outcome) {
  if (outcome.indexed.frames.empty()) return outcome.fitted;  // truecolor: lossless
  Animation shown;
  shown.width = outcome.fitted.width;
  shown.height = outcome.fitted.height;
  for (std::size_t f = 0; f < outcome.fitted.frames.size(); ++f) {
    Frame frame;
    frame.duration_ms = outcome.fitted.frames[f].duration_ms;
    const std::vector<std::uint8_t>& indices = outcome.indexed.frames[f];
    frame.rgba.resize(indices.size() * 4);
    for (std::size_t p = 0; p < indices.size(); ++p)
      std::copy_n(&outcome.indexed.palette[indices[p] * 4u], 4, &frame.rgba[p * 4]);
    shown.frames.push_back(std::move(frame));
  }
  return shown;
}

}  // namespace

Box natural_box(const AnimatedTarget& target, int source_width, int source_height, int margin_px) {
  Box box = target.box;
  box.margin_px = margin_px;
  if (target.canvas_fixed) return box;
  const int room_w = box.width - 2 * margin_px, room_h = box.height - 2 * margin_px;
  if (room_w < 1 || room_h < 1 || source_width < 1 || source_height < 1) return box;
  const double fit = std::min(static_cast<double>(room_w) / source_width, static_cast<double>(room_h) / source_height);
  if (fit <= 1.0) return box;  // the source has the pixels for the whole box
  // The box shrinks until the art is drawn at the source's own size.
  double k = 1.0 / fit;
  k = std::max(k, static_cast<double>(target.min_canvas_px) / std::min(box.width, box.height));
  if (k >= 1.0) return box;
  const int margin = static_cast<int>(std::lround(margin_px * k));
  box.width = static_cast<int>(std::lround(room_w * k)) + 2 * margin;
  box.height = static_cast<int>(std::lround(room_h * k)) + 2 * margin;
  box.margin_px = margin;
  return box;
}

EncodedAnimation render_palette(const Animation& timed, const AnimatedTarget& target, const RenderOptions& options,
                                int loops, EncodedAnimation result) {
  const int margin_px = options.margin_px;
  const bool apng = target.container == Container::apng;
  const std::uint64_t limit = target.max_bytes;
  const Box natural = natural_box(target, timed.width, timed.height, margin_px);
  // Every plan is scored against this: the source at the size it deserves,
  // every frame the timing rules kept.
  Animation reference = fit_into(timed, natural);
  const std::int64_t duration = total_duration_ms(timed);
  const double timed_fps = average_fps(timed);
  const int min_frames = std::max(2, target.min_frames);
  const double floor_fps = (min_frames + 0.5) * 1000.0 / static_cast<double>(std::max<std::int64_t>(duration, 1));

  std::map<Plan, Outcome> tried;
  std::optional<std::map<int, std::uint64_t>> previous_sizes;
  double previous_work = 0;
  int trials = 0;
  auto fps_of = [&](int step) { return timed_fps * kFpsSteps[step]; };
  auto valid = [&](const Plan& plan) {
    if (plan.fps_step >= static_cast<int>(std::size(kFpsSteps)) ||
        plan.scale_step >= static_cast<int>(std::size(kScaleSteps)))
      return false;
    if (plan.fps_step > 0 && (fps_of(plan.fps_step) < floor_fps || fps_of(plan.fps_step) < kLowestUsefulFps))
      return false;
    // A step that draws nothing smaller (a canvas at its floor) is no plan.
    if (plan.scale_step > 0) {
      Box here = scaled_box(target, natural, kScaleSteps[plan.scale_step], margin_px);
      Box before = scaled_box(target, natural, kScaleSteps[plan.scale_step - 1], margin_px);
      if (here.width == before.width && here.height == before.height && here.margin_px == before.margin_px) return false;
    }
    return true;
  };

  auto evaluate = [&](const Plan& plan) -> const Outcome& {
    Outcome outcome;
    outcome.plan = plan;
    Animation frames = timed;
    if (plan.fps_step > 0) frames = reduce_frame_rate(std::move(frames), fps_of(plan.fps_step));
    outcome.fitted = fit_into(std::move(frames), scaled_box(target, natural, kScaleSteps[plan.scale_step], margin_px));
    KnobSearch search;
    search.lowest = 0;
    search.highest = apng ? 9 : 8;
    search.first_guess = search.highest;
    search.log_bytes_per_step = 0.15;
    search.max_bytes = limit;
    // Start where the last plan's sizes, scaled by the work (pixels x
    // frames), predict the best fit.
    const double work = static_cast<double>(outcome.fitted.frames.size()) * outcome.fitted.width * outcome.fitted.height;
    if (previous_sizes) {
      search.first_guess = search.lowest;
      for (const auto& [k, size] : *previous_sizes)
        if (static_cast<double>(size) * work / previous_work <= static_cast<double>(limit) * 0.95)
          search.first_guess = std::max(search.first_guess, k);
    }
    std::map<int, Indexed> palettes;
    outcome.knob = search_knob(search, [&](int k) {
      Indexed indexed;
      Bytes bytes = apng ? encode_apng(outcome.fitted, kPaletteSteps[k], loops, &indexed)
                         : encode_gif(outcome.fitted, kPaletteSteps[k], loops, &indexed);
      if (bytes.size() <= limit) palettes[k] = std::move(indexed);
      return bytes;
    });
    trials += outcome.knob.trials;
    previous_sizes = outcome.knob.sizes;
    previous_work = work;
    if (outcome.fits()) {
      outcome.indexed = std::move(palettes[*outcome.knob.best]);
      outcome.psnr = psnr_against(reference, shown_frames(outcome));
    }
    return tried[plan] = std::move(outcome);
  };
  // Better: fits where the other does not; then higher PSNR; between two
  // misses, the one nearer the budget (to walk on towards a fit).
  auto better = [](const Outcome& a, const Outcome& b) {
    if (a.fits() != b.fits()) return a.fits();
    if (a.fits()) return a.psnr > b.psnr + 0.05;
    return a.knob.smallest_bytes < b.knob.smallest_bytes;
  };

  Plan current{0, 0};
  evaluate(current);
  const int top_knob = apng ? 9 : 8;
  // Climb: from the current plan, try one step down in frame rate and one
  // in drawn size; move while a neighbour scores better.
  while (!(tried[current].fits() && *tried[current].knob.best == top_knob)) {
    std::vector<Plan> next = {{current.fps_step + 1, current.scale_step}, {current.fps_step, current.scale_step + 1}};
    // A fixed canvas only shrinks its art as a last resort: it cannot win
    // on quality while a lower frame rate still fits.
    if (target.canvas_fixed && (tried[current].fits() || valid(next[0]))) next.pop_back();
    std::optional<Plan> best_next;
    for (const Plan& plan : next) {
      if (!valid(plan)) continue;
      if (!tried.count(plan)) evaluate(plan);
      if (!best_next || better(tried[plan], tried[*best_next])) best_next = plan;
    }
    if (!best_next || !better(tried[*best_next], tried[current])) break;
    current = *best_next;
  }

  Outcome& chosen = tried[current];
  result.trials = trials;
  if (!chosen.fits()) {
    throw bad_input(quote(timed.file.string()) + ": best size " + std::to_string(chosen.knob.smallest_bytes) +
                    " bytes at colors " + colors_text(chosen.knob.smallest_knob) + ", " +
                    fps_text(average_fps(chosen.fitted)) + " fps, art at " +
                    std::to_string(std::lround(kScaleSteps[current.scale_step] * 100)) + "%; " +
                    std::string(target.platform) + " allows " + std::to_string(limit) + " bytes");
  }
  const int knob = *chosen.knob.best;
  result.bytes = std::move(chosen.knob.best_bytes);
  result.width = chosen.fitted.width;
  result.height = chosen.fitted.height;
  result.frames = static_cast<int>(chosen.fitted.frames.size());
  result.duration_ms = duration;
  result.loops = loops;
  result.psnr_db = chosen.psnr;
  const double fps = average_fps(chosen.fitted);
  result.settings.push_back({"colors", colors_text(knob)});
  if (kPaletteSteps[knob]) result.settings.push_back({"palette_entries", std::to_string(chosen.indexed.colors)});
  result.settings.push_back({"fps", fps_text(fps)});
  result.settings.push_back({"loops", loops == 0 ? std::string("forever") : std::to_string(loops)});
  result.settings.push_back({"plans_compared", std::to_string(tried.size())});
  if (!target.canvas_fixed && (natural.width != target.box.width || natural.height != target.box.height))
    result.settings.push_back(
        {"canvas", std::to_string(natural.width) + "x" + std::to_string(natural.height) +
                       ": the source's own " + std::to_string(timed.width) + "x" + std::to_string(timed.height) +
                       " px, not enlarged to " + std::to_string(target.box.width) + "x" +
                       std::to_string(target.box.height) + " (" + std::string(target.platform) + " takes " +
                       std::to_string(target.min_canvas_px) + "-" + std::to_string(target.box.width) + " px)"});
  const std::string to_fit = " to fit " + std::to_string(limit) + " bytes";
  if (knob < top_knob) result.sacrifices.push_back("colors " + colors_text(top_knob) + " -> " + colors_text(knob) + to_fit);
  if (current.fps_step > 0)
    result.sacrifices.push_back("frame rate " + fps_text(timed_fps) + " -> " + fps_text(fps) + " fps" + to_fit);
  if (current.scale_step > 0) {
    if (target.canvas_fixed) {
      result.sacrifices.push_back("art drawn at " + std::to_string(std::lround(kScaleSteps[current.scale_step] * 100)) +
                                  "% size" + to_fit);
    } else {
      result.sacrifices.push_back("drawn at " + std::to_string(result.width) + "x" + std::to_string(result.height) +
                                  " px in place of " + std::to_string(natural.width) + "x" +
                                  std::to_string(natural.height) + to_fit);
    }
  }
  if (options.keep_reference) result.reference = std::move(reference);
  return result;
}

}  // namespace sf::motion::detail
