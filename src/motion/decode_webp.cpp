// Animated WEBP through libwebpdemux's WebPAnimDecoder, which composites
// each frame onto the canvas (blending, disposal) and reports timestamps.
#include <webp/demux.h>

#include <cstring>
#include <memory>

#include "base/error.h"
#include "base/text.h"
#include "motion/decoders.h"
#include "motion/resample.h"

namespace sf::motion::detail {

namespace {
struct AnimDecoderDeleter {
  void operator()(WebPAnimDecoder* decoder) const { WebPAnimDecoderDelete(decoder); }
};
}  // namespace

Animation decode_webp(const std::filesystem::path& file, const Bytes& data,
                      const DecodeOptions& options) {
  const std::string name = quote(file.string());
  WebPAnimDecoderOptions decoder_options;
  WebPAnimDecoderOptionsInit(&decoder_options);
  decoder_options.color_mode = MODE_RGBA;  // straight alpha
  decoder_options.use_threads = 0;
  WebPData webp{data.data(), data.size()};
  std::unique_ptr<WebPAnimDecoder, AnimDecoderDeleter> decoder(WebPAnimDecoderNew(&webp, &decoder_options));
  if (!decoder) throw bad_input(name + ": WEBP data is corrupt; expected a WEBP image");
  WebPAnimInfo info;
  WebPAnimDecoderGetInfo(decoder.get(), &info);
  int width = static_cast<int>(info.canvas_width), height = static_cast<int>(info.canvas_height);
  auto [out_w, out_h] = shrink_to_fit(width, height, options.max_side_px);

  Animation animation;
  animation.width = out_w;
  animation.height = out_h;
  animation.source_format = "webp";
  animation.loop_count = static_cast<int>(info.loop_count);
  const double min_gap_ms = options.max_fps > 0 ? 1000.0 / options.max_fps : 0;
  std::vector<std::int64_t> starts;
  std::int64_t end_ms = 0, previous_end = 0;
  while (WebPAnimDecoderHasMoreFrames(decoder.get())) {
    std::uint8_t* pixels = nullptr;
    int timestamp = 0;  // end time of this frame, in ms
    if (!WebPAnimDecoderGetNext(decoder.get(), &pixels, &timestamp))
      throw bad_input(name + ": frame " + std::to_string(starts.size() + 1) + " is corrupt or truncated");
    std::int64_t start_ms = previous_end;
    previous_end = end_ms = timestamp;
    if (start_ms > options.limits.max_duration_ms)
      throw bad_input(name + ": lasts more than " + std::to_string(options.limits.max_duration_ms / 1000) + " s");
    if (options.stop_after_ms && start_ms >= *options.stop_after_ms) break;
    if (!starts.empty() && start_ms < starts.back() + min_gap_ms - 1.5) continue;  // merged (ms rounding)
    check_frame_budget(file, animation.frames.size() + 1, frame_bytes(out_w, out_h), options.limits);
    Frame frame;
    if (out_w == width && out_h == height) {
      frame.rgba.assign(pixels, pixels + frame_bytes(width, height));
    } else {
      frame.rgba = resize_rgba(pixels, width, height, out_w, out_h);
    }
    animation.frames.push_back(std::move(frame));
    starts.push_back(start_ms);
  }
  if (options.stop_after_ms) end_ms = std::min<std::int64_t>(end_ms, *options.stop_after_ms);
  for (std::size_t i = 0; i < animation.frames.size(); ++i) {
    std::int64_t next = i + 1 < starts.size() ? starts[i + 1] : end_ms;
    animation.frames[i].duration_ms = static_cast<int>(std::max<std::int64_t>(next - starts[i], 1));
  }
  return animation;
}

}  // namespace sf::motion::detail
