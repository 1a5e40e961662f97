#include "artwork/designer_files.h"

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include <vips/vips8>

#include "artwork/test_images.h"

namespace sf::test {
namespace {

// Fraction (0..1) of pixel (x, y) inside `shape`, from 4x4 samples: the
// anti-aliasing a drawing program gives.
template <class Shape>
double coverage(int x, int y, const Shape& shape) {
  int inside = 0;
  for (int sy = 0; sy < 4; ++sy)
    for (int sx = 0; sx < 4; ++sx) inside += shape(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4) ? 1 : 0;
  return inside / 16.0;
}

bool in_circle(double x, double y, double cx, double cy, double r) {
  return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
}

struct Rgbf {
  double r, g, b;
};
Rgbf mix(Rgbf under, Rgbf over, double a) {
  return {under.r * (1 - a) + over.r * a, under.g * (1 - a) + over.g * a,
          under.b * (1 - a) + over.b * a};
}
std::uint32_t opaque(Rgbf c) {
  auto v = [](double x) { return std::uint32_t(std::clamp(std::lround(x), 0L, 255L)); };
  return v(c.r) << 24 | v(c.g) << 16 | v(c.b) << 8 | 255u;
}

std::string pdf_document(const std::vector<std::string>& page_contents, int w, int h) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", ""};
  std::string kids;
  for (std::size_t p = 0; p < page_contents.size(); ++p) {
    int page_obj = static_cast<int>(3 + 2 * p);
    kids += std::to_string(page_obj) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(w) + " " +
                      std::to_string(h) + "] /Contents " + std::to_string(page_obj + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(page_contents[p].size()) + " >>\nstream\n" +
                      page_contents[p] + "endstream");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " +
               std::to_string(page_contents.size()) + " >>";
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
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A circle as four Bézier curves (PDF has no circle operator).
std::string pdf_circle(double cx, double cy, double r) {
  double k = 0.5523 * r;
  char path[512];
  std::snprintf(path, sizeof path,
                "%.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c "
                "%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c f\n",
                cx + r, cy, cx + r, cy + k, cx + k, cy + r, cx, cy + r, cx - k, cy + r, cx - r,
                cy + k, cx - r, cy, cx - r, cy - k, cx - k, cy - r, cx, cy - r, cx + k, cy - r,
                cx + r, cy - k, cx + r, cy);
  return path;
}

Bytes take(void* data, std::size_t size) {
  Bytes out(static_cast<std::uint8_t*>(data), static_cast<std::uint8_t*>(data) + size);
  g_free(data);
  return out;
}

vips::VImage rgb_image(const artwork::Raster& raster) {
  return vips::VImage::new_from_memory(const_cast<std::uint8_t*>(raster.rgba.data()),
                                       raster.rgba.size(), raster.width, raster.height, 4,
                                       VIPS_FORMAT_UCHAR)
      .extract_band(0, vips::VImage::option()->set("n", 3))
      .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

}  // namespace

artwork::Raster logo_on_white() {
  const Rgbf white{255, 255, 255}, blue{20, 40, 120}, orange{240, 120, 20};
  return make_raster(kLogoW, kLogoH, [&](int x, int y) {
    Rgbf c = white;
    c = mix(c, blue, coverage(x, y, [](double u, double v) {
              return in_circle(u, v, kDiscX, kDiscY, kDiscR) && !in_circle(u, v, kEyeX, kEyeY, kEyeR);
            }));
    c = mix(c, orange, coverage(x, y, [](double u, double v) {
              return in_circle(u, v, kRingX, kRingY, kRingOuter) &&
                     !in_circle(u, v, kRingX, kRingY, kRingInner);
            }));
    return opaque(c);
  });
}

artwork::Raster sketch_on_paper() {
  std::mt19937 rng(7);
  std::normal_distribution<double> grain(0, 3);
  const int w = 320, h = 240;
  const Rgbf pencil{60, 60, 66};
  return make_raster(w, h, [&](int x, int y) {
    // Paper: warm grey, darker towards the corners (a phone photo's vignette).
    double dx = (x - w / 2.0) / (w / 2.0), dy = (y - h / 2.0) / (h / 2.0);
    double shade = 228 - 26 * (dx * dx + dy * dy) / 2 + grain(rng);
    Rgbf c{shade, shade - 4, shade - 12};
    // A circle outline (encloses paper) and a wavy stroke, 3 px pencil.
    c = mix(c, pencil, 0.9 * coverage(x, y, [](double u, double v) {
              double d = std::hypot(u - kSketchX, v - kSketchY);
              return std::abs(d - 55) < 1.6;
            }));
    c = mix(c, pencil, 0.9 * coverage(x, y, [](double u, double v) {
              return u > 60 && u < 270 && std::abs(v - (190 + 12 * std::sin(u / 14))) < 1.6;
            }));
    return opaque(c);
  });
}

artwork::Raster disc_with_soft_shadow() {
  return make_raster(300, 300, [](int x, int y) -> std::uint32_t {
    double disc = coverage(x, y, [](double u, double v) { return in_circle(u, v, 120, 120, 70); });
    // Shadow: the disc moved by (30, 30), edge blurred over ~25 px.
    double d = std::hypot(x + 0.5 - 150, y + 0.5 - 150);
    double shadow = 0.6 * std::clamp((95 - d) / 50, 0.0, 1.0);
    double a = disc + shadow * (1 - disc);
    if (a <= 0) return 0u;
    double r = 230 * disc / a;  // red over black, straight alpha
    return std::uint32_t(std::lround(r)) << 24 | std::uint32_t(std::lround(a * 255));
  });
}

std::string glow_svg() {
  return R"svg(<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300">
<defs><filter id="glow" x="-50%" y="-50%" width="200%" height="200%">
<feGaussianBlur stdDeviation="14"/></filter></defs>
<circle cx="150" cy="150" r="95" fill="#ffd400" opacity="0.65" filter="url(#glow)"/>
<circle cx="150" cy="150" r="60" fill="#2050c0"/></svg>)svg";
}

std::string two_page_pdf() {
  std::string page1 = "1 1 1 rg 0 0 200 200 re f\n0.08 0.16 0.47 rg\n" + pdf_circle(100, 100, 40);
  std::string page2 = "1 0 0 rg 50 50 100 100 re f\n";
  return pdf_document({page1, page2}, 200, 200);
}

artwork::Raster pixel_art() {
  // A little face: palette of 6, drawn on an 8-px grid pattern.
  return make_raster(64, 64, [](int x, int y) -> std::uint32_t {
    int gx = x / 4, gy = y / 4;  // 16x16 "pixels" of 4x4
    if (gx < 2 || gx > 13 || gy < 2 || gy > 13) return 0u;
    if (gx == 2 || gx == 13 || gy == 2 || gy == 13) return 0x202020ffu;
    if ((gx == 5 || gx == 10) && gy == 6) return 0x000000ffu;
    if (gy == 10 && gx >= 5 && gx <= 10) return 0xc02030ffu;
    if ((gx + gy) % 5 == 0) return 0xffe070ffu;
    return gx < 8 ? 0xffc040ffu : 0xf0a030ffu;
  });
}

artwork::Raster banner() {
  return make_raster(600, 200, [](int x, int y) -> std::uint32_t {
    if (y < 20 || y >= 180 || x < 20 || x >= 580) return 0u;
    return x < 300 ? 0x3060e0ffu : 0xe06030ffu;
  });
}

artwork::Raster photo() {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> noise(-12, 12);
  return make_raster(400, 300, [&](int x, int y) {
    double r = 128 + 90 * std::sin(x / 23.0) * std::cos(y / 31.0);
    double g = 120 + 80 * std::sin((x + y) / 17.0);
    double b = 110 + 70 * std::cos((x - 2 * y) / 29.0);
    return opaque({r + noise(rng), g + noise(rng), b + noise(rng)});
  });
}

Bytes jpeg(const artwork::Raster& raster, int quality) {
  artwork::initialize();
  std::size_t size = 0;
  void* data = nullptr;
  rgb_image(raster).write_to_buffer(".jpg", &data, &size,
                                    vips::VImage::option()->set("Q", quality)->set("strip", true));
  return take(data, size);
}

Bytes cmyk_jpeg(const artwork::Raster& raster, bool with_profile) {
  artwork::initialize();
  vips::VImage cmyk = rgb_image(raster).icc_transform(
      "cmyk", vips::VImage::option()->set("input_profile", "srgb"));
  std::size_t size = 0;
  void* data = nullptr;
  cmyk.write_to_buffer(".jpg", &data, &size,
                       vips::VImage::option()->set("Q", 90)->set("strip", !with_profile));
  return take(data, size);
}

}  // namespace sf::test
