// Lottie / TGS rendered with librlottie straight at the size the platform
// needs (vectors are never resampled), at min(source rate, max_fps).
#include <rlottie.h>

#include <cmath>

#include "base/error.h"
#include "base/text.h"
#include "motion/decoders.h"
#include "motion/parallel.h"

namespace sf::motion::detail {

Animation decode_lottie(const std::filesystem::path& file, const std::string& json,
                        const std::string& format, const DecodeOptions& options) {
  const std::string name = quote(file.string());
  AnimationInfo info = probe_lottie(file, json, format);
  auto load = [&] {
    auto lottie = rlottie::Animation::loadFromData(json, file.string(),
                                                   std::string(), false);
    if (!lottie)
      throw bad_input(name + ": Lottie document could not be loaded (unsupported or corrupt layers); "
                      "expected a Lottie (Bodymovin) export");
    return lottie;
  };
  auto first = load();
  // Lottie's out point is exclusive: frames ip..op-1 each last 1/fr s, so the
  // length is (op - ip) / fr. (rlottie's duration() counts one frame less.)
  const double source_fps = first->frameRate();
  const std::size_t first_frame = first->frameAtPos(0);
  const std::size_t last_frame = first->frameAtPos(1);
  double duration_s = static_cast<double>(info.duration_ms) / 1000.0;
  if (!(duration_s > 0) || !(source_fps > 0) || last_frame < first_frame)
    throw bad_input(name + ": Lottie has no playable frames");

  double scale = static_cast<double>(options.max_side_px) / std::max(info.width, info.height);
  int width = std::max(1, static_cast<int>(std::lround(info.width * scale)));
  int height = std::max(1, static_cast<int>(std::lround(info.height * scale)));
  double fps = options.max_fps > 0 ? std::min(source_fps, options.max_fps) : source_fps;
  std::int64_t total_ms = info.duration_ms;
  if (options.stop_after_ms) total_ms = std::min(total_ms, *options.stop_after_ms);
  std::size_t count = std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(total_ms / 1000.0 * fps)));
  check_frame_budget(file, count, frame_bytes(width, height), options.limits);

  Animation animation;
  animation.width = width;
  animation.height = height;
  animation.source_format = format;
  animation.source_fps = source_fps;
  animation.frames.resize(count);
  std::vector<std::int64_t> starts(count + 1);
  for (std::size_t i = 0; i < count; ++i) starts[i] = std::llround(i * 1000.0 / fps);
  starts[count] = total_ms;
  for (std::size_t i = 0; i < count; ++i)
    animation.frames[i].duration_ms = static_cast<int>(std::max<std::int64_t>(1, starts[i + 1] - starts[i]));

  // rlottie objects are not thread-safe: each worker renders a contiguous
  // share of the frames with its own copy.
  std::size_t workers = std::min<std::size_t>(2, count);
  parallel_for(workers, [&](std::size_t worker) {
    std::unique_ptr<rlottie::Animation> own = worker == 0 ? std::move(first) : load();
    std::vector<std::uint32_t> argb(static_cast<std::size_t>(width) * height);
    for (std::size_t i = worker * count / workers; i < (worker + 1) * count / workers; ++i) {
      auto frame_no = first_frame + static_cast<std::size_t>(static_cast<double>(starts[i]) / 1000.0 * source_fps + 1e-6);
      std::fill(argb.begin(), argb.end(), 0u);
      rlottie::Surface surface(argb.data(), static_cast<std::size_t>(width), static_cast<std::size_t>(height),
                               static_cast<std::size_t>(width) * 4);
      own->renderSync(std::min(frame_no, last_frame), surface, true);
      std::vector<std::uint8_t>& rgba = animation.frames[i].rgba;
      rgba.resize(frame_bytes(width, height));
      for (std::size_t p = 0; p < argb.size(); ++p) {
        std::uint32_t v = argb[p];
        std::uint32_t a = v >> 24;
        std::uint8_t* out = &rgba[p * 4];
        if (a == 0) {
          out[0] = out[1] = out[2] = out[3] = 0;
          continue;
        }
        // rlottie gives premultiplied ARGB; un-premultiply with rounding.
        out[0] = static_cast<std::uint8_t>(std::min<std::uint32_t>(255, (((v >> 16) & 255) * 255 + a / 2) / a));
        out[1] = static_cast<std::uint8_t>(std::min<std::uint32_t>(255, (((v >> 8) & 255) * 255 + a / 2) / a));
        out[2] = static_cast<std::uint8_t>(std::min<std::uint32_t>(255, ((v & 255) * 255 + a / 2) / a));
        out[3] = static_cast<std::uint8_t>(a);
      }
    }
  });
  return animation;
}

}  // namespace sf::motion::detail
