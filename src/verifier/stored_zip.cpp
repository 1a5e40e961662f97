#include "verifier/stored_zip.h"

#include <array>
#include <cstdint>

namespace sf::verifier {
namespace {

std::uint32_t crc32(const std::string& data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char byte : data) c = table[(c ^ byte) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void put16(std::string& out, std::uint32_t v) {
  out += char(v & 0xFF);
  out += char((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

}  // namespace

std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out, central;
  // 1 January 2026, 00:00 in MS-DOS time: a fixed date keeps the archive
  // identical for identical files.
  const std::uint32_t dos_time = 0, dos_date = ((2026 - 1980) << 9) | (1 << 5) | 1;
  for (const auto& [name, content] : files) {
    const std::uint32_t offset = std::uint32_t(out.size());
    const std::uint32_t crc = crc32(content);
    const std::uint32_t size = std::uint32_t(content.size());
    put32(out, 0x04034b50);  // local file header
    put16(out, 10);          // version needed
    put16(out, 0);           // flags
    put16(out, 0);           // stored
    put16(out, dos_time);
    put16(out, dos_date);
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, std::uint32_t(name.size()));
    put16(out, 0);
    out += name;
    out += content;

    put32(central, 0x02014b50);  // central directory header
    put16(central, 20);          // made by
    put16(central, 10);
    put16(central, 0);
    put16(central, 0);
    put16(central, dos_time);
    put16(central, dos_date);
    put32(central, crc);
    put32(central, size);
    put32(central, size);
    put16(central, std::uint32_t(name.size()));
    put16(central, 0);  // extra
    put16(central, 0);  // comment
    put16(central, 0);  // disk
    put16(central, 0);  // internal attributes
    put32(central, 0);  // external attributes
    put32(central, offset);
    central += name;
  }
  const std::uint32_t central_offset = std::uint32_t(out.size());
  out += central;
  put32(out, 0x06054b50);  // end of central directory
  put16(out, 0);
  put16(out, 0);
  put16(out, std::uint32_t(files.size()));
  put16(out, std::uint32_t(files.size()));
  put32(out, std::uint32_t(central.size()));
  put32(out, central_offset);
  put16(out, 0);
  return out;
}

}  // namespace sf::verifier
