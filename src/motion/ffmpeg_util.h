// motion (internal): RAII owners for FFmpeg objects and error text, so no
// FFmpeg handle leaks on the throw paths. Not part of the public API.
#pragma once

#include <memory>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include "base/files.h"

namespace sf::motion::detail {

/// FFmpeg's text for an AVERROR code.
std::string av_error_text(int code);

struct FormatInputDeleter {
  void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
struct CodecContextDeleter {
  void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
struct FrameDeleter {
  void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketDeleter {
  void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct SwsDeleter {
  void operator()(SwsContext* ctx) const { sws_freeContext(ctx); }
};
using FormatInput = std::unique_ptr<AVFormatContext, FormatInputDeleter>;
using CodecContext = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;

/// A muxer writing into memory (with seeking, which the Matroska muxer needs
/// to fill in the duration and cues). Throws Error(internal) on failure.
class MemoryMuxer {
 public:
  explicit MemoryMuxer(const char* format_name);
  ~MemoryMuxer();
  MemoryMuxer(const MemoryMuxer&) = delete;
  MemoryMuxer& operator=(const MemoryMuxer&) = delete;
  AVFormatContext* get() { return ctx_; }
  /// Writes the trailer and returns the file's bytes.
  Bytes finish();

 private:
  static int write_packet(void* opaque, std::uint8_t* data, int size);
  static std::int64_t seek(void* opaque, std::int64_t offset, int whence);
  AVFormatContext* ctx_ = nullptr;
  AVIOContext* io_ = nullptr;
  Bytes bytes_;
  std::size_t position_ = 0;
};

}  // namespace sf::motion::detail
