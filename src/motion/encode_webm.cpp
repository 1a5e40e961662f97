// WEBM VP9 with alpha through libavcodec's libvpx-vp9 wrapper: yuva420p in,
// the wrapper puts alpha in BlockAdditional and the muxer writes
// alpha_mode=1. Rate control is constant quality (crf with bitrate 0): the
// knob that actually moves the size, unlike libvpx's legacy "quality".
#include <cmath>
#include <map>

#include "base/error.h"
#include "motion/encoders.h"
#include "motion/ffmpeg_util.h"

extern "C" {
#include <libavutil/opt.h>
}

namespace sf::motion::detail {

namespace {

// Transparent pixels keep whatever colour the source had (often black);
// 4:2:0 chroma averages them into the visible edge. Give each transparent
// pixel next to the art the colour of an opaque neighbour first.
std::vector<std::uint8_t> bleed_edges(const std::vector<std::uint8_t>& rgba, int width, int height) {
  std::vector<std::uint8_t> out = rgba;
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<std::uint8_t> src = out;
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        std::uint8_t* p = &out[(static_cast<std::size_t>(y) * width + x) * 4];
        if (src[(static_cast<std::size_t>(y) * width + x) * 4 + 3] != 0) continue;
        static constexpr int kDx[4] = {1, -1, 0, 0}, kDy[4] = {0, 0, 1, -1};
        for (int k = 0; k < 4; ++k) {
          int nx = x + kDx[k], ny = y + kDy[k];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const std::uint8_t* q = &src[(static_cast<std::size_t>(ny) * width + nx) * 4];
          if (q[3] == 0 && pass == 0) continue;
          if (q[3] == 0 && q[0] == 0 && q[1] == 0 && q[2] == 0) continue;
          p[0] = q[0];
          p[1] = q[1];
          p[2] = q[2];
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace

Bytes encode_webm(const Animation& animation, int crf) {
  av_log_set_level(AV_LOG_QUIET);
  const AVCodec* codec = avcodec_find_encoder_by_name("libvpx-vp9");
  if (!codec) throw internal_error("this FFmpeg build has no libvpx-vp9 encoder");
  MemoryMuxer muxer("webm");
  AVStream* stream = avformat_new_stream(muxer.get(), nullptr);
  CodecContext encoder(avcodec_alloc_context3(codec));
  int width = animation.width, height = animation.height;
  encoder->width = width;
  encoder->height = height;
  encoder->pix_fmt = AV_PIX_FMT_YUVA420P;
  encoder->time_base = AVRational{1, 1000};  // millisecond timestamps: exact durations
  double fps = std::max(1.0, average_fps(animation));
  encoder->framerate = AVRational{static_cast<int>(std::lround(fps * 1000)), 1000};
  encoder->bit_rate = 0;
  encoder->gop_size = 9999;  // one keyframe: stickers are short and loop
  encoder->thread_count = 2;
  if (muxer.get()->oformat->flags & AVFMT_GLOBALHEADER) encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  av_opt_set_int(encoder->priv_data, "crf", crf, 0);
  // Realtime speed 5: about twice as fast as "good" (which libvpx caps at
  // speed 5 anyway) for ~10% more bytes at the same CRF; the CRF search
  // takes that back under the budget.
  av_opt_set(encoder->priv_data, "deadline", "realtime", 0);
  av_opt_set_int(encoder->priv_data, "cpu-used", 5, 0);
  av_opt_set_int(encoder->priv_data, "row-mt", 1, 0);
  av_opt_set_int(encoder->priv_data, "auto-alt-ref", 0, 0);  // alt-ref frames break alpha
  av_opt_set_int(encoder->priv_data, "lag-in-frames", 0, 0);
  int status = avcodec_open2(encoder.get(), codec, nullptr);
  if (status < 0) throw internal_error("libvpx-vp9 did not start: " + av_error_text(status));
  avcodec_parameters_from_context(stream->codecpar, encoder.get());
  stream->time_base = encoder->time_base;
  stream->avg_frame_rate = encoder->framerate;
  status = avformat_write_header(muxer.get(), nullptr);
  if (status < 0) throw internal_error("webm muxer failed: " + av_error_text(status));

  SwsPtr sws(sws_getContext(width, height, AV_PIX_FMT_RGBA, width, height, AV_PIX_FMT_YUVA420P,
                            SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr, nullptr));
  FramePtr frame(av_frame_alloc());
  frame->format = AV_PIX_FMT_YUVA420P;
  frame->width = width;
  frame->height = height;
  if (av_frame_get_buffer(frame.get(), 0) < 0) throw internal_error("out of memory for a video frame");
  PacketPtr packet(av_packet_alloc());
  std::map<std::int64_t, std::int64_t> durations;  // pts -> duration, for the packets
  auto write_packets = [&] {
    while (true) {
      int got = avcodec_receive_packet(encoder.get(), packet.get());
      if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
      if (got < 0) throw internal_error("libvpx-vp9 failed: " + av_error_text(got));
      auto it = durations.find(packet->pts);
      if (it != durations.end()) packet->duration = it->second;
      av_packet_rescale_ts(packet.get(), encoder->time_base, stream->time_base);
      packet->stream_index = stream->index;
      int written = av_interleaved_write_frame(muxer.get(), packet.get());
      if (written < 0) throw internal_error("webm muxer failed: " + av_error_text(written));
    }
  };
  std::int64_t pts = 0;
  for (const Frame& source : animation.frames) {
    if (av_frame_make_writable(frame.get()) < 0) throw internal_error("out of memory for a video frame");
    std::vector<std::uint8_t> rgba = bleed_edges(source.rgba, width, height);
    const std::uint8_t* src[4] = {rgba.data(), nullptr, nullptr, nullptr};
    int src_stride[4] = {width * 4, 0, 0, 0};
    sws_scale(sws.get(), src, src_stride, 0, height, frame->data, frame->linesize);
    frame->pts = pts;
    frame->pkt_duration = source.duration_ms;
    durations[pts] = source.duration_ms;
    status = avcodec_send_frame(encoder.get(), frame.get());
    if (status < 0) throw internal_error("libvpx-vp9 failed: " + av_error_text(status));
    write_packets();
    pts += source.duration_ms;
  }
  avcodec_send_frame(encoder.get(), nullptr);
  write_packets();
  return with_last_block_duration(muxer.finish(), animation.frames.back().duration_ms);
}

}  // namespace sf::motion::detail
