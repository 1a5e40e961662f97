#include "apps/images.h"

#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

namespace sf::test {
namespace {

std::uint32_t be32(const std::vector<unsigned char>& b, std::size_t at) {
  return (std::uint32_t(b[at]) << 24) | (std::uint32_t(b[at + 1]) << 16) |
         (std::uint32_t(b[at + 2]) << 8) | b[at + 3];
}

std::uint32_t crc32(const std::string& data) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xffffffffu;
}

void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

void chunk(std::string& out, const std::string& type, const std::string& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  std::string body = type + data;
  out += body;
  put32(out, crc32(body));
}

}  // namespace

std::optional<std::pair<int, int>> image_size(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<unsigned char> b(64);
  in.read(reinterpret_cast<char*>(b.data()), 64);
  std::size_t n = static_cast<std::size_t>(in.gcount());
  const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (n >= 24 && std::equal(png, png + 8, b.begin()) && std::string(b.begin() + 12, b.begin() + 16) == "IHDR")
    return std::pair{static_cast<int>(be32(b, 16)), static_cast<int>(be32(b, 20))};
  if (n >= 30 && std::string(b.begin(), b.begin() + 4) == "RIFF" &&
      std::string(b.begin() + 8, b.begin() + 12) == "WEBP") {
    std::string kind(b.begin() + 12, b.begin() + 16);
    if (kind == "VP8X")
      return std::pair{1 + (b[24] | (b[25] << 8) | (b[26] << 16)),
                       1 + (b[27] | (b[28] << 8) | (b[29] << 16))};
    if (kind == "VP8L") {
      std::uint32_t bits = b[21] | (b[22] << 8) | (b[23] << 16) | (std::uint32_t(b[24]) << 24);
      return std::pair{1 + static_cast<int>(bits & 0x3fff), 1 + static_cast<int>((bits >> 14) & 0x3fff)};
    }
    if (kind == "VP8 ")
      return std::pair{(b[26] | (b[27] << 8)) & 0x3fff, (b[28] | (b[29] << 8)) & 0x3fff};
  }
  return std::nullopt;
}

void write_png(const std::filesystem::path& file, int width, int height) {
  // Raw scanlines (filter byte 0 + RGBA), then zlib with stored blocks.
  std::string raw;
  for (int y = 0; y < height; ++y) {
    raw += '\0';
    for (int x = 0; x < width; ++x) raw += std::string("\xff\x80\x20\xff", 4);
  }
  std::string z = "\x78\x01";
  std::size_t pos = 0;
  do {
    std::size_t len = std::min<std::size_t>(65535, raw.size() - pos);
    bool last = pos + len == raw.size();
    z += static_cast<char>(last ? 1 : 0);
    z += static_cast<char>(len & 0xff);
    z += static_cast<char>(len >> 8);
    z += static_cast<char>(~len & 0xff);
    z += static_cast<char>((~len >> 8) & 0xff);
    z += raw.substr(pos, len);
    pos += len;
  } while (pos < raw.size());
  std::uint32_t a = 1, b2 = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b2 = (b2 + a) % 65521;
  }
  put32(z, (b2 << 16) | a);
  std::string ihdr;
  put32(ihdr, static_cast<std::uint32_t>(width));
  put32(ihdr, static_cast<std::uint32_t>(height));
  ihdr += std::string("\x08\x06\x00\x00\x00", 5);
  std::string out = "\x89PNG\r\n\x1a\n";
  chunk(out, "IHDR", ihdr);
  chunk(out, "IDAT", z);
  chunk(out, "IEND", "");
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << out;
}

}  // namespace sf::test
