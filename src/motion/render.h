// motion: the animated pipeline for one sticker and one platform target:
// duration policy -> frame-rate and frame-count rules -> contain-fit ->
// encode under the byte limit. WEBP and WEBM: resolution is kept; one
// monotone knob is searched with every trial cached (WEBP quality, VP9 CRF),
// then the frame rate is lowered, and the art is drawn smaller only last.
// APNG and GIF (palette_plan.h): plans of drawn size, frame rate and palette
// size are ranked by PSNR against the source frames at the same timestamps,
// and the art is never drawn larger than the source where the platform takes
// a smaller canvas. Every sacrifice is reported in words.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/files.h"
#include "motion/animation.h"
#include "motion/targets.h"
#include "pack/pack.h"

namespace sf::motion {

struct RenderOptions {
  pack::DurationPolicy duration_policy = pack::DurationPolicy::cut;
  int margin_px = 0;  // free space on every side, in canvas pixels
  /// APNG/GIF: hand back the frames the quality was measured against (for
  /// benchmarks that score outputs with another tool).
  bool keep_reference = false;
};

/// An encoded animation plus what it cost to get under the platform's rules
/// (same spirit as artwork::Encoded).
struct EncodedAnimation {
  Bytes bytes;
  Container container = Container::apng;
  int width = 0, height = 0;
  int frames = 0;
  std::int64_t duration_ms = 0;  // one play
  int loops = 0;                 // 0 = forever
  /// Chosen settings, e.g. {"quality","82"}, {"crf","31"}, {"colors","256"}, {"fps","30.0"}.
  std::vector<std::pair<std::string, std::string>> settings;
  int trials = 0;  // encodes run (each setting at most once)
  /// PSNR (dB), RGB over mid-grey so alpha counts (99 = lossless). APNG and
  /// GIF: against the source frames at the same timestamps, drawn at the
  /// size the platform and the source's own pixels allow (every plan of
  /// size, frame rate and colours was ranked by it). WEBP and WEBM: against
  /// the frames encoded.
  double psnr_db = 0;
  /// The frames psnr_db was measured against, when RenderOptions asked.
  Animation reference;
  /// What was given up to meet the byte limit, in words; empty when nothing was.
  std::vector<std::string> sacrifices;
  /// Timing changes the platform's rules forced (cut, sped up, frame rate
  /// cap), in words: report them as warnings.
  std::vector<std::string> notes;
};

/// Renders `source` for `target`. Throws Error(bad_input) naming the file
/// when the duration policy is refuse and the source is too long, or when
/// even the lowest setting, frame rate and size do not fit ("best size N
/// bytes at <settings>; <platform> allows M").
EncodedAnimation render_animation(const Animation& source, const AnimatedTarget& target,
                                  const RenderOptions& options = {});

}  // namespace sf::motion
