// motion: animated and video stickers. The only module that uses the FFmpeg
// libraries (GIF/APNG/video decoding, VP9 and GIF encoding) and librlottie
// (Lottie/TGS); it also drives libwebp's animation API and writes APNG
// itself. Depends on base and pack (DurationPolicy) only; no library type
// appears in its public headers, so exporters include this one header.
//
// Typical use by an exporter, per sticker:
//   auto info = motion::probe_animation(file);        // headers only
//   if (info && info->animated) {
//     motion::DecodeOptions decode;                    // once per sticker
//     if (pack.duration_policy == pack::DurationPolicy::cut) decode.stop_after_ms = 10'000;
//     motion::Animation frames = motion::decode_animation(file, decode);
//     for each platform target id ("whatsapp", "telegram", ...):
//       motion::EncodedAnimation out = motion::render_animation(
//           frames, motion::find_animated_target(id), {pack.duration_policy, margin_px});
//   }
// TGS sources go to Telegram through motion::validate_tgs(file) unchanged.
#pragma once

#include "motion/animation.h"  // IWYU pragma: export
#include "motion/decode.h"     // IWYU pragma: export
#include "motion/render.h"     // IWYU pragma: export
#include "motion/resample.h"   // IWYU pragma: export
#include "motion/targets.h"    // IWYU pragma: export
#include "motion/tgs.h"        // IWYU pragma: export
#include "motion/timing.h"     // IWYU pragma: export
