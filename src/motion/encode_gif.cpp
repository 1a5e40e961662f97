// GIF through FFmpeg's gif encoder (which sub-rectangles unchanged areas) and
// muxer. GIF alpha is on/off and delays are in 1/100 s: timestamps are
// rounded from the running millisecond total, so the length stays true.
#include <cmath>
#include <cstring>
#include <map>

#include "base/error.h"
#include "motion/encoders.h"
#include "motion/ffmpeg_util.h"

extern "C" {
#include <libavutil/opt.h>
}

namespace sf::motion::detail {

Bytes encode_gif(const Animation& animation, int colors, int loops, Indexed* palette_frames) {
  av_log_set_level(AV_LOG_QUIET);
  Animation binary = animation;  // GIF transparency is all or nothing
  for (Frame& frame : binary.frames)
    for (std::size_t p = 3; p < frame.rgba.size(); p += 4) frame.rgba[p] = frame.rgba[p] < 128 ? 0 : 255;
  Indexed indexed = quantize(binary, {std::min(colors, 256), 128});

  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_GIF);
  if (!codec) throw internal_error("this FFmpeg build has no gif encoder");
  MemoryMuxer muxer("gif");
  AVStream* stream = avformat_new_stream(muxer.get(), nullptr);
  CodecContext encoder(avcodec_alloc_context3(codec));
  encoder->width = animation.width;
  encoder->height = animation.height;
  encoder->pix_fmt = AV_PIX_FMT_PAL8;
  encoder->time_base = AVRational{1, 100};
  int status = avcodec_open2(encoder.get(), codec, nullptr);
  if (status < 0) throw internal_error("gif encoder did not start: " + av_error_text(status));
  avcodec_parameters_from_context(stream->codecpar, encoder.get());
  stream->time_base = encoder->time_base;
  AVDictionary* options = nullptr;
  av_dict_set_int(&options, "loop", loops == 0 ? 0 : loops, 0);
  status = avformat_write_header(muxer.get(), &options);
  av_dict_free(&options);
  if (status < 0) throw internal_error("gif muxer failed: " + av_error_text(status));

  FramePtr frame(av_frame_alloc());
  frame->format = AV_PIX_FMT_PAL8;
  frame->width = animation.width;
  frame->height = animation.height;
  if (av_frame_get_buffer(frame.get(), 0) < 0) throw internal_error("out of memory for a gif frame");
  PacketPtr packet(av_packet_alloc());
  std::map<std::int64_t, std::int64_t> durations;
  auto write_packets = [&] {
    while (true) {
      int got = avcodec_receive_packet(encoder.get(), packet.get());
      if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
      if (got < 0) throw internal_error("gif encoder failed: " + av_error_text(got));
      auto it = durations.find(packet->pts);
      if (it != durations.end()) packet->duration = it->second;
      packet->stream_index = stream->index;
      av_packet_rescale_ts(packet.get(), encoder->time_base, stream->time_base);
      int written = av_interleaved_write_frame(muxer.get(), packet.get());
      if (written < 0) throw internal_error("gif muxer failed: " + av_error_text(written));
    }
  };
  std::int64_t start_ms = 0;
  for (std::size_t i = 0; i < animation.frames.size(); ++i) {
    if (av_frame_make_writable(frame.get()) < 0) throw internal_error("out of memory for a gif frame");
    for (int y = 0; y < animation.height; ++y)
      std::memcpy(frame->data[0] + static_cast<std::ptrdiff_t>(y) * frame->linesize[0],
                  &indexed.frames[i][static_cast<std::size_t>(y) * animation.width], animation.width);
    auto* palette = reinterpret_cast<std::uint32_t*>(frame->data[1]);
    for (int e = 0; e < 256; ++e) {
      std::size_t at = static_cast<std::size_t>(e) * 4;
      palette[e] = at + 3 < indexed.palette.size()
          ? (std::uint32_t(indexed.palette[at + 3]) << 24) | (std::uint32_t(indexed.palette[at]) << 16) |
                (std::uint32_t(indexed.palette[at + 1]) << 8) | indexed.palette[at + 2]
          : 0xff000000u;
    }
    std::int64_t end_ms = start_ms + animation.frames[i].duration_ms;
    std::int64_t pts = std::llround(start_ms / 10.0), next = std::llround(end_ms / 10.0);
    frame->pts = pts;
    durations[pts] = std::max<std::int64_t>(1, next - pts);
    status = avcodec_send_frame(encoder.get(), frame.get());
    if (status < 0) throw internal_error("gif encoder failed: " + av_error_text(status));
    write_packets();
    start_ms = end_ms;
  }
  avcodec_send_frame(encoder.get(), nullptr);
  write_packets();
  if (palette_frames) *palette_frames = std::move(indexed);
  return muxer.finish();
}

}  // namespace sf::motion::detail
