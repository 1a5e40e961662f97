#include "motion/fixtures.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <sstream>

#include "support/temp_dir.h"

namespace sf::test {

std::string lottie_json(int width, int height, double fps, int frames, bool tgs) {
  // Written out as text (as Bodymovin would) rather than built, so the
  // document's shape is plain to see: one shape layer, a red square whose
  // position moves from 30% to 70% across.
  auto n = [](double v) { return std::to_string(v); };
  double side = std::min(width, height) * 0.4;
  std::string json = R"({"v":"5.5.2","fr":FPS,"ip":0,"op":FRAMES,"w":W,"h":H,"nm":"test","ddd":0,"assets":[],TGS
"layers":[{"ddd":0,"ind":1,"ty":4,"nm":"square","sr":1,"ao":0,
"ks":{"o":{"a":0,"k":100},"r":{"a":0,"k":0},
"p":{"a":1,"k":[{"t":0,"s":[X0,Y,0],"e":[X1,Y,0],"i":{"x":[0.5],"y":[0.5]},"o":{"x":[0.5],"y":[0.5]}},{"t":FRAMES,"s":[X1,Y,0]}]},
"a":{"a":0,"k":[0,0,0]},"s":{"a":0,"k":[100,100,100]}},
"shapes":[{"ty":"gr","it":[{"ty":"rc","d":1,"s":{"a":0,"k":[SIDE,SIDE]},"p":{"a":0,"k":[0,0]},"r":{"a":0,"k":0}},
{"ty":"fl","c":{"a":0,"k":[1,0,0,1]},"o":{"a":0,"k":100}},
{"ty":"tr","p":{"a":0,"k":[0,0]},"a":{"a":0,"k":[0,0]},"s":{"a":0,"k":[100,100]},"r":{"a":0,"k":0},"o":{"a":0,"k":100}}]}],
"ip":0,"op":FRAMES,"st":0,"bm":0}]})";
  auto replace = [&](const std::string& key, const std::string& value) {
    for (std::size_t at; (at = json.find(key)) != std::string::npos;) json.replace(at, key.size(), value);
  };
  replace("FPS", n(fps));
  replace("FRAMES", std::to_string(frames));
  replace("SIDE", n(side));
  replace("X0", n(width * 0.3));
  replace("X1", n(width * 0.7));
  replace("TGS", tgs ? "\"tgs\":1," : "");
  replace("W", std::to_string(width));
  replace("H", std::to_string(height));
  replace("Y", n(height * 0.5));
  return json;
}

void ffmpeg(const std::string& arguments) {
  CommandResult result = run_command("ffmpeg -hide_banner -loglevel error -nostdin -y " + arguments);
  INFO(result.output);
  REQUIRE(result.status == 0);
}

std::string tiny_gif(int frames) {
  std::string gif = "GIF89a";
  gif += std::string("\x01\x00\x01\x00\x80\x00\x00", 7);  // 1x1, 2-colour global table
  gif += std::string("\x00\x00\x00\xff\xff\xff", 6);
  for (int i = 0; i < frames; ++i) {
    gif += std::string("\x21\xf9\x04\x00\x0a\x00\x00\x00", 8);   // 1/10 s
    gif += std::string("\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00", 10);
    gif += std::string("\x02\x02\x44\x01\x00", 5);                // one pixel, index 0
  }
  gif += "\x3b";
  return gif;
}

std::filesystem::path gzip_file(const std::filesystem::path& source) {
  CommandResult result = run_command("gzip -9 -n -k -f '" + source.string() + "'");
  REQUIRE(result.status == 0);
  return source.string() + ".gz";
}

void write_bytes(const std::filesystem::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

WebpInfo webpmux_info(const std::filesystem::path& file) {
  CommandResult result = run_command("webpmux -info '" + file.string() + "'");
  INFO(result.output);
  REQUIRE(result.status == 0);
  WebpInfo info;
  std::istringstream lines(result.output);
  std::string line;
  bool table = false;
  while (std::getline(lines, line)) {
    if (line.rfind("Canvas size:", 0) == 0) {
      std::sscanf(line.c_str(), "Canvas size: %d x %d", &info.width, &info.height);
    } else if (auto at = line.find("Loop Count :"); at != std::string::npos) {
      info.loop_count = std::stoi(line.substr(at + 12));
    } else if (line.rfind("No.:", 0) == 0) {
      table = true;
    } else if (table) {
      // " 1:    64    48    no        0        0      100 ..."
      int number, w, h, x, y, duration;
      char alpha[8], dispose[16], blend[8];
      if (std::sscanf(line.c_str(), " %d: %d %d %7s %d %d %d %15s %7s", &number, &w, &h, alpha, &x, &y, &duration,
                      dispose, blend) == 9) {
        if (info.durations_ms.empty()) info.first_frame_blends = std::string(blend) == "yes";
        info.durations_ms.push_back(duration);
      }
    }
  }
  return info;
}

nlohmann::json ffprobe(const std::filesystem::path& file) {
  CommandResult result = run_command("ffprobe -v error -count_frames -show_streams -show_format -of json '" +
                                     file.string() + "' 2>/dev/null");
  INFO(result.output);
  REQUIRE(result.status == 0);
  return nlohmann::json::parse(result.output);
}

ApngInfo parse_apng(const Bytes& bytes) {
  ApngInfo info;
  auto be32 = [&](std::size_t at) {
    return (std::uint32_t(bytes[at]) << 24) | (std::uint32_t(bytes[at + 1]) << 16) |
           (std::uint32_t(bytes[at + 2]) << 8) | bytes[at + 3];
  };
  auto be16 = [&](std::size_t at) { return (int(bytes[at]) << 8) | bytes[at + 1]; };
  REQUIRE(bytes.size() > 8);
  REQUIRE(std::string(bytes.begin() + 1, bytes.begin() + 4) == "PNG");
  std::size_t pos = 8;
  while (pos + 12 <= bytes.size()) {
    std::uint32_t length = be32(pos);
    std::string type(bytes.begin() + static_cast<long>(pos + 4), bytes.begin() + static_cast<long>(pos + 8));
    std::size_t body = pos + 8;
    REQUIRE(body + length + 4 <= bytes.size());
    uLong crc = crc32(crc32(0L, Z_NULL, 0), &bytes[pos + 4], length + 4);
    if (crc != be32(body + length)) info.crc_ok = false;
    if (type == "IHDR") {
      info.width = static_cast<int>(be32(body));
      info.height = static_cast<int>(be32(body + 4));
      info.color_type = bytes[body + 9];
    } else if (type == "acTL") {
      info.actl_frames = static_cast<int>(be32(body));
      info.plays = static_cast<int>(be32(body + 4));
    } else if (type == "fcTL") {
      int num = be16(body + 20), den = be16(body + 22);
      info.delays_ms.push_back(num * 1000.0 / (den ? den : 100));
      info.controls.push_back({static_cast<int>(be32(body + 12)), static_cast<int>(be32(body + 16)),
                               static_cast<int>(be32(body + 4)), static_cast<int>(be32(body + 8)),
                               bytes[body + 24], bytes[body + 25]});
    } else if (type == "fdAT") {
      ++info.fdat_chunks;
    }
    pos = body + length + 4;
  }
  return info;
}

std::vector<std::vector<std::uint8_t>> ffmpeg_frames(const std::filesystem::path& file, int width, int height) {
  std::filesystem::path raw = file;
  raw += ".rgba";
  // passthrough: one output frame per stored frame, none duplicated or dropped.
  ffmpeg("-i '" + file.string() + "' -fps_mode passthrough -f rawvideo -pix_fmt rgba '" + raw.string() + "'");
  std::ifstream in(raw, std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t frame = static_cast<std::size_t>(width) * height * 4;
  REQUIRE(all.size() % frame == 0);
  std::vector<std::vector<std::uint8_t>> frames;
  for (std::size_t at = 0; at < all.size(); at += frame)
    frames.emplace_back(all.begin() + static_cast<long>(at), all.begin() + static_cast<long>(at + frame));
  return frames;
}

motion::Animation synthetic(int width, int height, int frames, int duration_ms, bool noisy) {
  motion::Animation animation;
  animation.width = width;
  animation.height = height;
  animation.source_format = "test";
  animation.file = "synthetic";
  std::mt19937 random(42);
  for (int f = 0; f < frames; ++f) {
    motion::Frame frame;
    frame.duration_ms = duration_ms;
    frame.rgba.assign(static_cast<std::size_t>(width) * height * 4, 0);
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        std::uint8_t* p = &frame.rgba[(static_cast<std::size_t>(y) * width + x) * 4];
        bool inside = x >= width / 4 + f * 2 % (width / 2) && x < width / 2 + f * 2 % (width / 2) &&
                      y >= height / 4 && y < height * 3 / 4;
        if (noisy) {
          p[0] = static_cast<std::uint8_t>(random());
          p[1] = static_cast<std::uint8_t>(random());
          p[2] = static_cast<std::uint8_t>(random());
          p[3] = 255;
        } else if (inside) {
          p[0] = static_cast<std::uint8_t>(40 + x % 200);
          p[1] = static_cast<std::uint8_t>(20 + y % 200);
          p[2] = 200;
          p[3] = 255;
        }
      }
    }
    animation.frames.push_back(std::move(frame));
  }
  return animation;
}

}  // namespace sf::test
