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

/// PSNR (dB) of `shown` (frames as a decoder shows them, at any canvas size
/// and frame rate) against `reference`: every reference frame is compared
/// with the shown frame on screen at its start time, the shown frame resized
/// to the reference's canvas first (as a viewer would show it). RGB over
/// mid-grey, so alpha counts; the mean squared error over all frames, as
/// FFmpeg's psnr filter averages; 99 when identical.
double psnr_against(const Animation& reference, const Animation& shown);

}  // namespace sf::motion::detail
