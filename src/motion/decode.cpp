// Dispatch by magic bytes, then check every declared figure against the
// limits before a single pixel is decoded.
#include "motion/decode.h"

#include <fstream>

#include "base/error.h"
#include "base/text.h"
#include "motion/decoders.h"
#include "motion/gunzip.h"

namespace sf::motion {

namespace detail {

std::pair<int, int> shrink_to_fit(int width, int height, int max_side) {
  if (width <= max_side && height <= max_side) return {width, height};
  double scale = static_cast<double>(max_side) / std::max(width, height);
  int w = std::max(1, static_cast<int>(width * scale + 0.5));
  int h = std::max(1, static_cast<int>(height * scale + 0.5));
  return {std::min(w, max_side), std::min(h, max_side)};
}

void check_frame_budget(const std::filesystem::path& file, std::size_t frames_kept,
                        std::size_t bytes_per_frame, const DecodeLimits& limits) {
  if (frames_kept > static_cast<std::size_t>(limits.max_frames))
    throw bad_input(quote(file.string()) + ": has more than " + std::to_string(limits.max_frames) +
                    " frames; expected at most " + std::to_string(limits.max_frames));
  if (frames_kept * bytes_per_frame > limits.max_decoded_bytes)
    throw bad_input(quote(file.string()) + ": decoded frames would need more than " +
                    std::to_string(limits.max_decoded_bytes >> 20) +
                    " MiB; expected a shorter or smaller animation");
}

}  // namespace detail

namespace {

Bytes read_head(const std::filesystem::path& file, std::size_t bytes) {
  std::ifstream in(file, std::ios::binary);
  Bytes head(bytes);
  in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(bytes));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

void check_file(const std::filesystem::path& file, const DecodeLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw not_found(quote(file.string()) + ": no such file");
  auto size = std::filesystem::file_size(file, ec);
  if (ec) throw io_error(quote(file.string()) + ": cannot read size (" + ec.message() + ")");
  if (size == 0) throw bad_input(quote(file.string()) + ": file is empty; expected an animation or video");
  if (size > limits.max_file_bytes)
    throw bad_input(quote(file.string()) + ": file is " + std::to_string(size) + " bytes; expected at most " +
                    std::to_string(limits.max_file_bytes));
}

struct Probed {
  AnimationInfo info;
  Bytes data;        // whole file, except for videos (FFmpeg streams them)
  std::string json;  // Lottie text (TGS inflated)
};

std::optional<Probed> probe_with_data(const std::filesystem::path& file, const DecodeLimits& limits) {
  check_file(file, limits);
  std::string format = detail::sniff_format(read_head(file, 64));
  if (format.empty()) return std::nullopt;
  Probed probed;
  if (format == "video") {
    probed.info = detail::probe_video(file);
    return probed;
  }
  probed.data = read_file(file, limits.max_file_bytes);
  if (format == "gif") probed.info = detail::probe_gif(file, probed.data);
  if (format == "png") probed.info = detail::probe_png(file, probed.data);
  if (format == "webp") probed.info = detail::probe_webp(file, probed.data);
  if (format == "tgs" || format == "lottie") {
    if (format == "tgs") {
      probed.json = detail::gunzip(probed.data, file, limits.max_lottie_json_bytes);
    } else {
      if (probed.data.size() > limits.max_lottie_json_bytes)
        throw bad_input(quote(file.string()) + ": Lottie JSON is larger than " +
                        std::to_string(limits.max_lottie_json_bytes) + " bytes");
      probed.json.assign(probed.data.begin(), probed.data.end());
    }
    probed.info = detail::probe_lottie(file, probed.json, format);
  }
  return probed;
}

void check_declared(const std::filesystem::path& file, const AnimationInfo& info,
                    const DecodeLimits& limits, bool stops_early) {
  const std::string name = quote(file.string());
  if (info.width <= 0 || info.height <= 0)
    throw bad_input(name + ": declares a " + std::to_string(info.width) + "x" + std::to_string(info.height) +
                    " px picture; expected a positive size");
  std::uint64_t pixels = std::uint64_t(info.width) * std::uint64_t(info.height);
  if (pixels > limits.max_pixels)
    throw bad_input(name + ": frames are " + std::to_string(info.width) + "x" + std::to_string(info.height) +
                    " px; expected at most " + std::to_string(limits.max_pixels) + " pixels per frame");
  // When decoding stops early (a cut), only the frames kept count; those
  // are bounded while decoding.
  if (info.frames > limits.max_frames && !stops_early)
    throw bad_input(name + ": has " + std::to_string(info.frames) + " frames; expected at most " +
                    std::to_string(limits.max_frames));
  if (info.duration_ms > limits.max_duration_ms)
    throw bad_input(name + ": lasts " + std::to_string(info.duration_ms / 1000.0).substr(0, 8) +
                    " s; expected at most " + std::to_string(limits.max_duration_ms / 1000) +
                    " s of source (stickers play for seconds)");
}

}  // namespace

std::optional<AnimationInfo> probe_animation(const std::filesystem::path& file) {
  auto probed = probe_with_data(file, DecodeLimits{});
  if (!probed) return std::nullopt;
  return probed->info;
}

Animation decode_animation(const std::filesystem::path& file, const DecodeOptions& options) {
  auto probed = probe_with_data(file, options.limits);
  if (!probed)
    throw bad_input(quote(file.string()) +
                    ": not an animation; expected GIF, WEBP, APNG, Lottie JSON, TGS, MP4, WEBM or MOV");
  check_declared(file, probed->info, options.limits, options.stop_after_ms.has_value());
  const std::string& format = probed->info.format;
  Animation animation;
  if (format == "webp") {
    animation = detail::decode_webp(file, probed->data, options);
  } else if (format == "lottie" || format == "tgs") {
    animation = detail::decode_lottie(file, probed->json, format, options);
  } else {
    probed->data.clear();
    animation = detail::decode_with_ffmpeg(file, format, options);
  }
  animation.file = file;
  if (animation.frames.empty())
    throw bad_input(quote(file.string()) + ": contains no decodable frame");
  return animation;
}

}  // namespace sf::motion
