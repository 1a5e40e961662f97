// GIF, APNG and video decoding through libavformat/libavcodec. FFmpeg's GIF
// and APNG decoders composite each frame (disposal, blending) for us; VP8/VP9
// with an alpha channel needs the libvpx decoder, since FFmpeg's native one
// drops the alpha side data.
#include <cmath>

#include "base/error.h"
#include "base/text.h"
#include "motion/decoders.h"
#include "motion/ffmpeg_util.h"

extern "C" {
#include <libavutil/imgutils.h>
}

namespace sf::motion::detail {

namespace {

const AVCodec* pick_decoder(AVStream* stream) {
  AVDictionaryEntry* alpha = av_dict_get(stream->metadata, "alpha_mode", nullptr, 0);
  bool has_alpha = alpha && std::string(alpha->value) == "1";
  if (has_alpha && stream->codecpar->codec_id == AV_CODEC_ID_VP9) {
    if (const AVCodec* codec = avcodec_find_decoder_by_name("libvpx-vp9")) return codec;
  }
  if (has_alpha && stream->codecpar->codec_id == AV_CODEC_ID_VP8) {
    if (const AVCodec* codec = avcodec_find_decoder_by_name("libvpx")) return codec;
  }
  return avcodec_find_decoder(stream->codecpar->codec_id);
}

// Collects decoded frames, merging those closer than 1/max_fps and keeping
// start times in whole milliseconds so durations never drift.
class FrameCollector {
 public:
  /// With `visit`, frames are handed over one at a time instead of kept.
  FrameCollector(const std::filesystem::path& file, const DecodeOptions& options,
                 FrameVisitor visit = nullptr)
      : file_(file), options_(options),
        min_gap_ms_(options.max_fps > 0 ? 1000.0 / options.max_fps : 0), visit_(std::move(visit)) {}

  /// False when decoding can stop (stop_after_ms reached).
  bool add(AVFrame* frame, std::int64_t start_ms, std::int64_t duration_ms) {
    if (start_ms > options_.limits.max_duration_ms)
      throw bad_input(quote(file_.string()) + ": lasts more than " +
                      std::to_string(options_.limits.max_duration_ms / 1000) +
                      " s; expected at most that much source (stickers play for seconds)");
    if (options_.stop_after_ms && start_ms >= *options_.stop_after_ms) return false;
    end_ms_ = std::max(end_ms_, start_ms + std::max<std::int64_t>(duration_ms, 1));
    // Timestamps are whole ms (a 60 fps stream alternates 16 and 17 ms), so
    // allow 1.5 ms of rounding before calling a frame too close.
    if (!starts_.empty() && start_ms < starts_.back() + min_gap_ms_ - 1.5) return true;  // merged
    if (!starts_.empty() && start_ms <= starts_.back()) return true;  // non-increasing timestamp
    convert(frame, start_ms);
    starts_.push_back(start_ms);
    return true;
  }

  Animation finish(const std::string& format, double fps) {
    Animation animation;
    animation.width = width_;
    animation.height = height_;
    animation.source_format = format;
    animation.source_fps = fps;
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      std::int64_t next = i + 1 < starts_.size() ? starts_[i + 1] : end_ms_;
      if (options_.stop_after_ms) next = std::min(next, std::max(*options_.stop_after_ms, starts_[i] + 1));
      frames_[i].duration_ms = static_cast<int>(std::max<std::int64_t>(next - starts_[i], 1));
    }
    // The first frame starts the clip even when the stream's first timestamp
    // is not zero (edit lists, B-frame delay).
    animation.frames = std::move(frames_);
    return animation;
  }

 private:
  void convert(AVFrame* frame, std::int64_t start_ms) {
    if (!sws_ || frame->width != src_w_ || frame->height != src_h_ || frame->format != src_format_) {
      src_w_ = frame->width;
      src_h_ = frame->height;
      src_format_ = frame->format;
      if (width_ == 0) std::tie(width_, height_) = shrink_to_fit(src_w_, src_h_, options_.max_side_px);
      sws_.reset(sws_getContext(src_w_, src_h_, AVPixelFormat(src_format_), width_, height_,
                                AV_PIX_FMT_RGBA, SWS_AREA | SWS_ACCURATE_RND, nullptr, nullptr, nullptr));
      if (!sws_) throw bad_input(quote(file_.string()) + ": pixel format cannot be converted to RGBA");
    }
    if (!visit_) check_frame_budget(file_, frames_.size() + 1, frame_bytes(width_, height_), options_.limits);
    Frame out = visit_ ? std::move(scratch_) : Frame{};
    out.rgba.resize(frame_bytes(width_, height_));
    std::uint8_t* dst[4] = {out.rgba.data(), nullptr, nullptr, nullptr};
    int dst_stride[4] = {width_ * 4, 0, 0, 0};
    sws_scale(sws_.get(), frame->data, frame->linesize, 0, src_h_, dst, dst_stride);
    if (!visit_) {
      frames_.push_back(std::move(out));
      return;
    }
    visit_(out.rgba.data(), width_, height_, start_ms);
    scratch_ = std::move(out);  // one buffer for the whole stream
  }

  const std::filesystem::path& file_;
  const DecodeOptions& options_;
  double min_gap_ms_;
  FrameVisitor visit_;
  Frame scratch_;
  std::vector<Frame> frames_;
  std::vector<std::int64_t> starts_;
  std::int64_t end_ms_ = 0;
  SwsPtr sws_;
  int src_w_ = 0, src_h_ = 0, src_format_ = -1;
  int width_ = 0, height_ = 0;
};

// Demuxes and decodes every frame of `file` into `collector`; returns the
// stream's nominal frame rate (0 when it has none).
double run_decoder(const std::filesystem::path& file, const std::string& format, FrameCollector& collector) {
  av_log_set_level(AV_LOG_QUIET);
  const std::string name = quote(file.string());
  AVFormatContext* raw = nullptr;
  int status = avformat_open_input(&raw, file.c_str(), nullptr, nullptr);
  if (status < 0) throw bad_input(name + ": cannot be opened as " + format + " (" + av_error_text(status) + ")");
  FormatInput input(raw);
  status = avformat_find_stream_info(input.get(), nullptr);
  if (status < 0) throw bad_input(name + ": headers are corrupt (" + av_error_text(status) + ")");
  int index = av_find_best_stream(input.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (index < 0) throw bad_input(name + ": has no video stream");
  AVStream* stream = input->streams[index];
  const AVCodec* codec = pick_decoder(stream);
  if (!codec) throw bad_input(name + ": uses a codec this build cannot decode");
  CodecContext decoder(avcodec_alloc_context3(codec));
  avcodec_parameters_to_context(decoder.get(), stream->codecpar);
  decoder->thread_count = 2;
  status = avcodec_open2(decoder.get(), codec, nullptr);
  if (status < 0) throw bad_input(name + ": decoder failed to start (" + av_error_text(status) + ")");

  double fps = stream->avg_frame_rate.num > 0 ? av_q2d(stream->avg_frame_rate) : 0;
  // A frame's length when the container gives none: the nominal frame time.
  std::int64_t default_ms = fps > 0 ? std::llround(1000.0 / fps) : 100;
  PacketPtr packet(av_packet_alloc());
  FramePtr frame(av_frame_alloc());
  std::int64_t first_pts = AV_NOPTS_VALUE;
  std::int64_t decoded = 0;
  bool more = true;
  auto drain = [&]() {
    while (more) {
      int got = avcodec_receive_frame(decoder.get(), frame.get());
      if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
      if (got < 0) throw bad_input(name + ": frame " + std::to_string(decoded + 1) + " is corrupt (" + av_error_text(got) + ")");
      ++decoded;
      std::int64_t pts = frame->best_effort_timestamp;
      if (pts == AV_NOPTS_VALUE) pts = frame->pts;
      std::int64_t start_ms;
      if (pts == AV_NOPTS_VALUE) {
        start_ms = (decoded - 1) * default_ms;
      } else {
        if (first_pts == AV_NOPTS_VALUE) first_pts = pts;
        start_ms = av_rescale_q(pts - first_pts, stream->time_base, AVRational{1, 1000});
      }
      std::int64_t duration_ms = frame->pkt_duration > 0
          ? av_rescale_q(frame->pkt_duration, stream->time_base, AVRational{1, 1000}) : default_ms;
      more = collector.add(frame.get(), start_ms, duration_ms);
      av_frame_unref(frame.get());
    }
  };
  while (more) {
    status = av_read_frame(input.get(), packet.get());
    if (status == AVERROR_EOF) break;
    if (status < 0) throw bad_input(name + ": data is truncated or corrupt (" + av_error_text(status) + ")");
    if (packet->stream_index == index) {
      int sent = avcodec_send_packet(decoder.get(), packet.get());
      av_packet_unref(packet.get());
      if (sent < 0 && sent != AVERROR(EAGAIN))
        throw bad_input(name + ": frame " + std::to_string(decoded + 1) + " is corrupt (" + av_error_text(sent) + ")");
      drain();
    } else {
      av_packet_unref(packet.get());
    }
  }
  if (more) {
    avcodec_send_packet(decoder.get(), nullptr);
    drain();
  }
  return fps;
}

}  // namespace

Animation decode_with_ffmpeg(const std::filesystem::path& file, const std::string& format,
                             const DecodeOptions& options) {
  FrameCollector collector(file, options);
  double fps = run_decoder(file, format, collector);
  return collector.finish(format, fps);
}

void visit_with_ffmpeg(const std::filesystem::path& file, const std::string& format,
                       const DecodeOptions& options, const FrameVisitor& visit) {
  FrameCollector collector(file, options, visit);
  run_decoder(file, format, collector);
}

}  // namespace sf::motion::detail
