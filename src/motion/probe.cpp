// Header walkers: count frames and add up delays without decoding pixels, so
// a 10,000-frame GIF or a 2-hour video is refused in milliseconds.
#include <webp/demux.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/text.h"
#include "motion/decoders.h"
#include "motion/ffmpeg_util.h"

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace sf::motion::detail {

namespace {

std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}
std::uint16_t be16(const std::uint8_t* p) { return std::uint16_t((p[0] << 8) | p[1]); }
std::uint16_t le16(const std::uint8_t* p) { return std::uint16_t(p[0] | (p[1] << 8)); }

[[noreturn]] void truncated(const std::filesystem::path& file, const char* what) {
  throw bad_input(quote(file.string()) + ": " + what + " is truncated or corrupt");
}

}  // namespace

std::string sniff_format(const Bytes& head) {
  auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return head.size() >= at + magic.size() &&
           std::equal(magic.begin(), magic.end(), head.begin() + static_cast<long>(at),
                      [](char m, std::uint8_t h) { return static_cast<std::uint8_t>(m) == h; });
  };
  if (starts("GIF87a") || starts("GIF89a")) return "gif";
  if (starts("RIFF") && starts("WEBP", 8)) return "webp";
  if (starts("\x89PNG\r\n\x1a\n")) return "png";
  if (starts("\x1f\x8b")) return "tgs";
  if (starts("\x1a\x45\xdf\xa3") || starts("ftyp", 4) || starts("moov", 4) || starts("mdat", 4) ||
      starts("wide", 4) || (starts("RIFF") && starts("AVI ", 8)))
    return "video";
  for (std::uint8_t c : head) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '{') return "lottie";
    break;
  }
  return "";
}

AnimationInfo probe_gif(const std::filesystem::path& file, const Bytes& data) {
  AnimationInfo info;
  info.format = "gif";
  if (data.size() < 13) truncated(file, "GIF header");
  info.width = le16(&data[6]);
  info.height = le16(&data[8]);
  std::size_t pos = 13;
  if (data[10] & 0x80) pos += 3u * (1u << ((data[10] & 7) + 1));
  auto skip_sub_blocks = [&] {
    while (true) {
      if (pos >= data.size()) truncated(file, "GIF data");
      std::uint8_t size = data[pos++];
      if (size == 0) return;
      pos += size;
    }
  };
  int pending_delay_cs = 0;
  while (pos < data.size()) {
    std::uint8_t block = data[pos++];
    if (block == 0x3B) break;  // trailer
    if (block == 0x21) {
      if (pos >= data.size()) truncated(file, "GIF extension");
      std::uint8_t label = data[pos++];
      if (label == 0xF9 && pos + 5 < data.size() && data[pos] == 4) {
        if (data[pos + 1] & 1) info.has_alpha = true;
        pending_delay_cs = le16(&data[pos + 2]);
      }
      skip_sub_blocks();
    } else if (block == 0x2C) {
      if (pos + 9 > data.size()) truncated(file, "GIF image descriptor");
      std::uint8_t packed = data[pos + 8];
      pos += 9;
      if (packed & 0x80) pos += 3u * (1u << ((packed & 7) + 1));
      pos += 1;  // LZW minimum code size
      skip_sub_blocks();
      ++info.frames;
      // Same rule as browsers and FFmpeg's gif demuxer: delays under 2/100 s
      // play as 1/10 s.
      info.duration_ms += (pending_delay_cs < 2 ? 10 : pending_delay_cs) * 10;
      pending_delay_cs = 0;
    } else {
      break;  // garbage after the last frame: decoders stop here too
    }
  }
  if (info.frames == 0) truncated(file, "GIF (no image found)");
  info.animated = info.frames > 1;
  return info;
}

AnimationInfo probe_png(const std::filesystem::path& file, const Bytes& data) {
  AnimationInfo info;
  info.format = "png";
  std::size_t pos = 8;
  bool seen_actl = false;
  int delays_seen = 0;
  while (pos + 8 <= data.size()) {
    std::uint32_t length = be32(&data[pos]);
    std::string type(reinterpret_cast<const char*>(&data[pos + 4]), 4);
    const std::uint8_t* body = &data[pos + 8];
    if (pos + 12 + std::uint64_t(length) > data.size()) truncated(file, "PNG chunk");
    if (type == "IHDR" && length >= 13) {
      info.width = static_cast<int>(be32(body));
      info.height = static_cast<int>(be32(body + 4));
      std::uint8_t color_type = body[9];
      info.has_alpha = color_type == 4 || color_type == 6;
    } else if (type == "tRNS") {
      info.has_alpha = true;
    } else if (type == "acTL" && length >= 8) {
      seen_actl = true;
      info.frames = static_cast<int>(std::min<std::uint32_t>(be32(body), 1u << 30));
    } else if (type == "fcTL" && length >= 26) {
      std::uint16_t num = be16(body + 20), den = be16(body + 22);
      if (den == 0) den = 100;  // APNG spec: 0 means 1/100 s
      info.duration_ms += (std::int64_t(num) * 1000 + den / 2) / den;
      ++delays_seen;
    } else if (type == "IEND") {
      break;
    }
    pos += 12 + std::size_t(length);
  }
  if (info.width == 0 || info.height == 0) truncated(file, "PNG header");
  if (seen_actl) {
    info.format = "apng";
    info.animated = info.frames > 1;
    if (delays_seen == 0) info.duration_ms = 0;
  } else {
    info.frames = 1;
  }
  return info;
}

AnimationInfo probe_webp(const std::filesystem::path& file, const Bytes& data) {
  AnimationInfo info;
  info.format = "webp";
  WebPData webp{data.data(), data.size()};
  WebPDemuxer* demux = WebPDemux(&webp);
  if (!demux) truncated(file, "WEBP container");
  info.width = static_cast<int>(WebPDemuxGetI(demux, WEBP_FF_CANVAS_WIDTH));
  info.height = static_cast<int>(WebPDemuxGetI(demux, WEBP_FF_CANVAS_HEIGHT));
  info.frames = static_cast<int>(WebPDemuxGetI(demux, WEBP_FF_FRAME_COUNT));
  std::uint32_t flags = WebPDemuxGetI(demux, WEBP_FF_FORMAT_FLAGS);
  info.has_alpha = (flags & ALPHA_FLAG) != 0;
  info.animated = (flags & ANIMATION_FLAG) != 0 && info.frames > 1;
  WebPIterator iter;
  if (WebPDemuxGetFrame(demux, 1, &iter)) {
    do info.duration_ms += iter.duration;
    while (WebPDemuxNextFrame(&iter));
    WebPDemuxReleaseIterator(&iter);
  }
  WebPDemuxDelete(demux);
  return info;
}

AnimationInfo probe_lottie(const std::filesystem::path& file, const std::string& json,
                           const std::string& format) {
  AnimationInfo info;
  info.format = format;
  info.animated = true;
  info.has_alpha = true;
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  const std::string name = quote(file.string());
  if (doc.is_discarded() || !doc.is_object())
    throw bad_input(name + ": Lottie document is not valid JSON; expected a Lottie (Bodymovin) export");
  auto number = [&](const char* key) -> double {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_number())
      throw bad_input(name + ": Lottie field '" + key + "' is missing or not a number; expected a Lottie (Bodymovin) export");
    return it->get<double>();
  };
  double w = number("w"), h = number("h"), fr = number("fr"), ip = number("ip"), op = number("op");
  if (w < 1 || h < 1 || w > 16384 || h > 16384)
    throw bad_input(name + ": Lottie canvas " + std::to_string(int(w)) + "x" + std::to_string(int(h)) +
                    " is out of range; expected 1..16384 px per side");
  if (fr <= 0 || fr > 240)
    throw bad_input(name + ": Lottie frame rate " + quote(std::to_string(fr)) + " is out of range; expected 1..240 fps");
  if (op <= ip)
    throw bad_input(name + ": Lottie has no frames (op " + std::to_string(op) + " <= ip " + std::to_string(ip) +
                    "); expected op > ip");
  if (!doc.contains("layers") || !doc["layers"].is_array())
    throw bad_input(name + ": Lottie field 'layers' is missing; expected a Lottie (Bodymovin) export");
  info.width = int(w);
  info.height = int(h);
  info.frames = static_cast<int>(std::min(op - ip, 1e9));
  info.duration_ms = static_cast<std::int64_t>((op - ip) / fr * 1000.0 + 0.5);
  return info;
}

AnimationInfo probe_video(const std::filesystem::path& file) {
  AnimationInfo info;
  info.format = "video";
  info.animated = true;
  av_log_set_level(AV_LOG_QUIET);
  AVFormatContext* raw = nullptr;
  const std::string name = quote(file.string());
  int status = avformat_open_input(&raw, file.c_str(), nullptr, nullptr);
  if (status < 0) throw bad_input(name + ": not a video FFmpeg can read (" + av_error_text(status) + ")");
  FormatInput input(raw);
  status = avformat_find_stream_info(input.get(), nullptr);
  if (status < 0) throw bad_input(name + ": video headers are corrupt (" + av_error_text(status) + ")");
  int index = av_find_best_stream(input.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (index < 0) throw bad_input(name + ": has no video stream; expected a video with moving pictures");
  AVStream* stream = input->streams[index];
  info.width = stream->codecpar->width;
  info.height = stream->codecpar->height;
  info.frames = static_cast<int>(std::min<std::int64_t>(stream->nb_frames, 1 << 30));
  if (stream->duration > 0)
    info.duration_ms = av_rescale_q(stream->duration, stream->time_base, AVRational{1, 1000});
  else if (input->duration > 0)
    info.duration_ms = input->duration / (AV_TIME_BASE / 1000);
  AVDictionaryEntry* alpha = av_dict_get(stream->metadata, "alpha_mode", nullptr, 0);
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(AVPixelFormat(stream->codecpar->format));
  info.has_alpha = (alpha && std::string(alpha->value) == "1") ||
                   (desc && (desc->flags & AV_PIX_FMT_FLAG_ALPHA));
  return info;
}

}  // namespace sf::motion::detail
