// motion (internal): how close an output is to the frames it was made from,
// for the report (the static pipeline reports SSIM; here PSNR, which is
// cheap over a whole animation).
#pragma once

#include <optional>

#include "base/files.h"
#include "motion/animation.h"
#include "motion/targets.h"

namespace sf::motion::detail {

/// PSNR in dB of `encoded` against `fitted`, on RGB composited over mid-grey
/// so alpha errors count; 99 when identical. WEBP (libwebpdemux) and WEBM
/// (FFmpeg with libvpx, as sources are read) are decoded and compared frame
/// by frame at the same timestamps; APNG and GIF are rebuilt from their
/// palette (`colors`, 0 = lossless). Returns nothing when the output cannot
/// be decoded or another container is asked for.
std::optional<double> measure_psnr(const Animation& fitted, Container container, int colors, const Bytes& encoded);

}  // namespace sf::motion::detail
