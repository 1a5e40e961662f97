#include "codes/qr.h"

#include <qrencode.h>
#include <zlib.h>

#include <memory>
#include <string>

#include "base/error.h"
#include "codes/brand.h"

namespace sf::codes {
namespace {

constexpr int kQuietZone = 4;

void put_u32(Bytes& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(value >> shift));
}

void put_chunk(Bytes& png, const char type[4], const Bytes& data) {
  put_u32(png, static_cast<std::uint32_t>(data.size()));
  std::size_t start = png.size();
  png.insert(png.end(), type, type + 4);
  png.insert(png.end(), data.begin(), data.end());
  uLong crc = crc32(0, png.data() + start, static_cast<uInt>(png.size() - start));
  put_u32(png, static_cast<std::uint32_t>(crc));
}

}  // namespace

std::vector<std::vector<bool>> qr_modules(std::string_view text) {
  std::string copy(text);
  // Upper-case codes and URLs fit QR's alphanumeric mode only partly, so let
  // libqrencode pick modes per segment (8-bit for the rest).
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(copy.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code)
    throw bad_input("text of " + std::to_string(text.size()) +
                    " bytes does not fit in a QR code (libqrencode refused it)");
  std::vector<std::vector<bool>> rows(code->width, std::vector<bool>(code->width));
  for (int y = 0; y < code->width; ++y)
    for (int x = 0; x < code->width; ++x) rows[y][x] = code->data[y * code->width + x] & 1;
  return rows;
}

Bytes qr_png(std::string_view text, int scale, std::string_view dark_color) {
  const std::string dark = normalize_color(dark_color);
  auto modules = qr_modules(text);
  int width = static_cast<int>(modules.size());
  int pixels = (width + 2 * kQuietZone) * scale;
  int row_bytes = (pixels + 7) / 8;
  Bytes raw;
  raw.reserve(static_cast<std::size_t>((row_bytes + 1) * pixels));
  for (int py = 0; py < pixels; ++py) {
    raw.push_back(0);  // filter: none
    int my = py / scale - kQuietZone;
    for (int byte = 0; byte < row_bytes; ++byte) {
      std::uint8_t bits = 0;
      for (int bit = 0; bit < 8; ++bit) {
        int px = byte * 8 + bit;
        int mx = px / scale - kQuietZone;
        bool dark = px < pixels && my >= 0 && my < width && mx >= 0 && mx < width && modules[my][mx];
        if (!dark) bits |= static_cast<std::uint8_t>(0x80 >> bit);  // 1 = white in grayscale
      }
      raw.push_back(bits);
    }
  }
  uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
  Bytes packed(packed_size);
  if (compress2(packed.data(), &packed_size, raw.data(), static_cast<uLong>(raw.size()), 9) != Z_OK)
    throw internal_error("zlib failed to compress a QR image");
  packed.resize(packed_size);

  Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  Bytes header;
  put_u32(header, static_cast<std::uint32_t>(pixels));
  put_u32(header, static_cast<std::uint32_t>(pixels));
  bool black = dark.empty() || dark == "#000000";
  // Black stays 1-bit grayscale (smallest, what receipt printers like); a
  // brand colour makes it a two-entry palette, index 1 white as before.
  header.insert(header.end(), {1, static_cast<std::uint8_t>(black ? 0 : 3), 0, 0, 0});
  put_chunk(png, "IHDR", header);
  if (!black) {
    Bytes palette;
    for (int i = 0; i < 3; ++i)
      palette.push_back(static_cast<std::uint8_t>(std::stoi(std::string(dark.substr(1 + 2 * i, 2)), nullptr, 16)));
    palette.insert(palette.end(), {255, 255, 255});
    put_chunk(png, "PLTE", palette);
  }
  put_chunk(png, "IDAT", packed);
  put_chunk(png, "IEND", {});
  return png;
}

std::string qr_svg(std::string_view text, std::string_view dark_color) {
  std::string dark = normalize_color(dark_color);
  if (dark.empty()) dark = "#000000";
  auto modules = qr_modules(text);
  int width = static_cast<int>(modules.size());
  std::string size = std::to_string(width + 2 * kQuietZone);
  std::string pixels = std::to_string((width + 2 * kQuietZone) * 8);
  // Built with appends: GCC 12 misfires -Wrestrict on "literal" + string.
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"";
  svg.append(pixels).append("\" height=\"").append(pixels).append("\" viewBox=\"0 0 ");
  svg.append(size).append(" ").append(size).append("\" shape-rendering=\"crispEdges\">");
  svg.append("<rect width=\"").append(size).append("\" height=\"").append(size);
  // stroke="none" spelled out: some renderers (ImageMagick's) stroke paths
  // by default, which blurs modules together.
  svg.append("\" fill=\"#fff\"/><path fill=\"").append(dark).append("\" stroke=\"none\" d=\"");
  for (int y = 0; y < width; ++y)
    for (int x = 0; x < width;) {
      if (!modules[y][x]) {
        ++x;
        continue;
      }
      int run = 0;
      while (x + run < width && modules[y][x + run]) ++run;  // one rectangle per dark run
      std::string length = std::to_string(run);
      svg.append("M").append(std::to_string(x + kQuietZone)).append(",")
          .append(std::to_string(y + kQuietZone)).append("h").append(length)
          .append("v1h-").append(length).append("z");
      x += run;
    }
  svg.append("\"/></svg>\n");
  return svg;
}

}  // namespace sf::codes
