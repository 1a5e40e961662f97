#include "artwork/test_images.h"

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

namespace sf::test {

artwork::Raster make_raster(int width, int height,
                            const std::function<std::uint32_t(int, int)>& paint) {
  artwork::Raster r;
  r.width = width;
  r.height = height;
  r.rgba.resize(std::size_t(width) * height * 4);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      std::uint32_t v = paint(x, y);
      std::uint8_t* p = &r.rgba[(std::size_t(y) * width + x) * 4];
      p[0] = v >> 24;
      p[1] = (v >> 16) & 255;
      p[2] = (v >> 8) & 255;
      p[3] = v & 255;
    }
  return r;
}

artwork::Raster rect_on_transparent(int width, int height, int x0, int y0, int rect_w, int rect_h,
                                    std::uint32_t rgba) {
  return make_raster(width, height, [&](int x, int y) -> std::uint32_t {
    bool inside = x >= x0 && x < x0 + rect_w && y >= y0 && y < y0 + rect_h;
    return inside ? rgba : 0u;
  });
}

artwork::Raster noisy_disc(int size_px, unsigned seed) {
  std::mt19937 rng(seed);
  double c = size_px / 2.0, radius = size_px * 0.45;
  return make_raster(size_px, size_px, [&](int x, int y) -> std::uint32_t {
    std::uint32_t noise = rng();
    double dx = x + 0.5 - c, dy = y + 0.5 - c;
    if (dx * dx + dy * dy > radius * radius) return 0u;
    std::uint32_t r = (x * 255 / size_px + (noise & 63)) & 255;
    std::uint32_t g = (y * 255 / size_px + ((noise >> 8) & 63)) & 255;
    std::uint32_t b = ((noise >> 16) & 255);
    return (r << 24) | (g << 16) | (b << 8) | 255u;
  });
}

artwork::Raster smooth_art(int size_px) {
  std::mt19937 rng(5);
  double c = size_px / 2.0;
  return make_raster(size_px, size_px, [&](int x, int y) -> std::uint32_t {
    std::uint32_t noise = rng() & 7;
    double dx = x + 0.5 - c, dy = y + 0.5 - c, d = std::sqrt(dx * dx + dy * dy) / c;
    if (d > 0.9) return 0u;
    std::uint32_t r = std::uint32_t(255 * x / size_px) ^ noise;
    std::uint32_t g = std::uint32_t(255 * y / size_px);
    std::uint32_t b = d > 0.6 && d < 0.7 ? 255 : 40 + noise;
    return (r << 24) | (g << 16) | (b << 8) | 255u;
  });
}

void write_bytes(const std::filesystem::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

namespace {

std::uint32_t crc32(const std::uint8_t* data, std::size_t n) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < n; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put_be32(Bytes& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(std::uint8_t(v >> s));
}

void put_chunk(Bytes& out, const char* type, const Bytes& data) {
  put_be32(out, std::uint32_t(data.size()));
  Bytes body(type, type + 4);
  body.insert(body.end(), data.begin(), data.end());
  out.insert(out.end(), body.begin(), body.end());
  put_be32(out, crc32(body.data(), body.size()));
}

void put_le16(Bytes& out, std::uint16_t v) {
  out.push_back(v & 255);
  out.push_back(v >> 8);
}
void put_le32(Bytes& out, std::uint32_t v) {
  for (int s = 0; s < 32; s += 8) out.push_back(std::uint8_t(v >> s));
}

}  // namespace

Bytes png_header_only(std::uint32_t width, std::uint32_t height) {
  Bytes out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  Bytes ihdr;
  put_be32(ihdr, width);
  put_be32(ihdr, height);
  ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});  // 8-bit RGBA, deflate, no interlace
  put_chunk(out, "IHDR", ihdr);
  put_chunk(out, "IEND", {});
  return out;
}

Bytes tiff_bytes(const artwork::Raster& raster) {
  // Header, then the pixels, then one IFD.
  Bytes out = {'I', 'I', 42, 0};
  std::uint32_t pixels_at = 8;
  std::uint32_t ifd_at = pixels_at + std::uint32_t(raster.rgba.size());
  std::uint32_t bits_at = ifd_at + 2 + 12 * 11 + 4;
  put_le32(out, ifd_at);
  out.insert(out.end(), raster.rgba.begin(), raster.rgba.end());
  auto entry = [&](std::uint16_t tag, std::uint16_t type, std::uint32_t count, std::uint32_t value) {
    put_le16(out, tag);
    put_le16(out, type);
    put_le32(out, count);
    if (type == 3 && count == 1) {
      put_le16(out, std::uint16_t(value));
      put_le16(out, 0);
    } else {
      put_le32(out, value);
    }
  };
  put_le16(out, 11);
  entry(256, 4, 1, raster.width);              // ImageWidth
  entry(257, 4, 1, raster.height);             // ImageLength
  entry(258, 3, 4, bits_at);                   // BitsPerSample 8,8,8,8
  entry(259, 3, 1, 1);                         // no compression
  entry(262, 3, 1, 2);                         // RGB
  entry(273, 4, 1, pixels_at);                 // StripOffsets
  entry(277, 3, 1, 4);                         // SamplesPerPixel
  entry(278, 4, 1, raster.height);             // RowsPerStrip
  entry(279, 4, 1, std::uint32_t(raster.rgba.size()));  // StripByteCounts
  entry(284, 3, 1, 1);                         // chunky
  entry(338, 3, 1, 2);                         // ExtraSamples: unassociated alpha
  put_le32(out, 0);
  for (int i = 0; i < 4; ++i) put_le16(out, 8);
  return out;
}

std::string pdf_with_square(int width_pt, int height_pt) {
  std::string content = "1 0 0 rg 10 10 " + std::to_string(width_pt - 20) + " " +
                        std::to_string(height_pt - 20) + " re f\n";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(width_pt) + " " +
          std::to_string(height_pt) + "] /Contents 4 0 R >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::uint32_t pixel(const artwork::Raster& raster, int x, int y) {
  const std::uint8_t* p = &raster.rgba[(std::size_t(y) * raster.width + x) * 4];
  return (std::uint32_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

}  // namespace sf::test
