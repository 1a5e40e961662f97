// motion (internal): one decoder per source family, chosen by decode.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "base/files.h"
#include "motion/decode.h"

namespace sf::motion::detail {

/// GIF, APNG and videos through libavformat/libavcodec.
Animation decode_with_ffmpeg(const std::filesystem::path& file, const std::string& format,
                             const DecodeOptions& options);

/// Receives one decoded frame: RGBA at the output size, and its start in ms.
/// The pixels are only valid during the call.
using FrameVisitor =
    std::function<void(const std::uint8_t* rgba, int width, int height, std::int64_t start_ms)>;

/// decode_with_ffmpeg() without keeping the frames: each one goes to `visit`
/// as it is decoded, so memory stays at one frame (for measuring outputs).
void visit_with_ffmpeg(const std::filesystem::path& file, const std::string& format,
                       const DecodeOptions& options, const FrameVisitor& visit);
/// Animated (or still) WEBP through libwebpdemux.
Animation decode_webp(const std::filesystem::path& file, const Bytes& data,
                      const DecodeOptions& options);
/// Lottie JSON (or TGS after gunzip) rendered with librlottie.
Animation decode_lottie(const std::filesystem::path& file, const std::string& json,
                        const std::string& format, const DecodeOptions& options);

/// Frame budget bookkeeping shared by the decoders: throws bad_input naming
/// the file when a limit is crossed while decoding.
void check_frame_budget(const std::filesystem::path& file, std::size_t frames_kept,
                        std::size_t bytes_per_frame, const DecodeLimits& limits);

/// Output size for a source of w x h shrunk (never enlarged) into a
/// max_side box, keeping the aspect ratio; at least 1 px each way.
std::pair<int, int> shrink_to_fit(int width, int height, int max_side);

/// Header facts of each family (no pixel decoded).
AnimationInfo probe_gif(const std::filesystem::path& file, const Bytes& data);
AnimationInfo probe_png(const std::filesystem::path& file, const Bytes& data);
AnimationInfo probe_webp(const std::filesystem::path& file, const Bytes& data);
AnimationInfo probe_lottie(const std::filesystem::path& file, const std::string& json,
                           const std::string& format);
AnimationInfo probe_video(const std::filesystem::path& file);

/// "gif", "webp", "png", "tgs", "lottie", "video" or "" from magic bytes.
std::string sniff_format(const Bytes& head);

}  // namespace sf::motion::detail
