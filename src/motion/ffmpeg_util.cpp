#include "motion/ffmpeg_util.h"

#include <algorithm>
#include <cstring>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/mem.h>
}

#include "base/error.h"

namespace sf::motion::detail {

std::string av_error_text(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

MemoryMuxer::MemoryMuxer(const char* format_name) {
  // Library chatter would land on the user's terminal; our errors say more.
  av_log_set_level(AV_LOG_ERROR);
  if (avformat_alloc_output_context2(&ctx_, nullptr, format_name, nullptr) < 0 || !ctx_)
    throw internal_error(std::string("ffmpeg has no muxer '") + format_name + "'");
  constexpr int kBufferBytes = 64 * 1024;
  auto* buffer = static_cast<unsigned char*>(av_malloc(kBufferBytes));
  io_ = avio_alloc_context(buffer, kBufferBytes, 1, this, nullptr, &write_packet, &seek);
  if (!io_) {
    av_free(buffer);
    avformat_free_context(ctx_);
    throw internal_error("ffmpeg could not allocate an output buffer");
  }
  io_->seekable = AVIO_SEEKABLE_NORMAL;
  ctx_->pb = io_;
  ctx_->flags |= AVFMT_FLAG_CUSTOM_IO;
}

MemoryMuxer::~MemoryMuxer() {
  if (io_) {
    av_freep(&io_->buffer);
    avio_context_free(&io_);
  }
  if (ctx_) avformat_free_context(ctx_);
}

Bytes MemoryMuxer::finish() {
  int status = av_write_trailer(ctx_);
  if (status < 0) throw internal_error("ffmpeg could not finish the file: " + av_error_text(status));
  avio_flush(io_);
  return bytes_;
}

int MemoryMuxer::write_packet(void* opaque, std::uint8_t* data, int size) {
  auto* self = static_cast<MemoryMuxer*>(opaque);
  std::size_t end = self->position_ + static_cast<std::size_t>(size);
  if (end > self->bytes_.size()) self->bytes_.resize(end);
  std::memcpy(self->bytes_.data() + self->position_, data, static_cast<std::size_t>(size));
  self->position_ = end;
  return size;
}

std::int64_t MemoryMuxer::seek(void* opaque, std::int64_t offset, int whence) {
  auto* self = static_cast<MemoryMuxer*>(opaque);
  whence &= ~AVSEEK_FORCE;
  if (whence == AVSEEK_SIZE) return static_cast<std::int64_t>(self->bytes_.size());
  std::int64_t base = whence == SEEK_CUR   ? static_cast<std::int64_t>(self->position_)
                      : whence == SEEK_END ? static_cast<std::int64_t>(self->bytes_.size())
                                           : 0;
  std::int64_t target = base + offset;
  if (target < 0) return -1;
  self->position_ = static_cast<std::size_t>(target);
  return target;
}

}  // namespace sf::motion::detail
