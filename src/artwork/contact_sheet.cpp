// contact_sheet: every sticker as a chat shows it, on a light and a dark
// background, so a designer sees halos and thin outlines at a glance.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "artwork/pixels.h"
#include "artwork/vips_session.h"
#include "base/error.h"

namespace sf::artwork {
namespace {

constexpr int kGap = 16;
constexpr int kCaptionPx = 24;
const std::vector<double> kLight = {229, 221, 213};  // WhatsApp's light chat
const std::vector<double> kDark = {14, 22, 33};      // Telegram's night chat

// Pango markup needs &, < and > escaped.
std::string escape_markup(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

// Caption as an RGBA image in `ink`, or nothing when text cannot be drawn
// (no fonts installed): the sheet is still useful without it. Drawn in
// colour so emoji show as emoji; fontconfig picks a font for every script
// the caption holds (CJK and emoji fonts come from setup.sh's packages).
std::optional<vips::VImage> caption(const std::string& text, int width, const std::vector<double>& ink) {
  if (text.empty()) return std::nullopt;
  try {
    char colour[8];
    std::snprintf(colour, sizeof colour, "#%02x%02x%02x", int(ink[0]), int(ink[1]), int(ink[2]));
    std::string markup = std::string("<span foreground=\"") + colour + "\">" + escape_markup(text) + "</span>";
    vips::VImage image = vips::VImage::text(markup.c_str(), vips::VImage::option()
                                                                ->set("font", "sans 11")
                                                                ->set("width", width)
                                                                ->set("dpi", 72)
                                                                ->set("rgba", true));
    if (image.width() < 1 || image.height() < 1) return std::nullopt;
    // Long captions wrap; keep the first lines that fit under the tile.
    if (image.height() > kCaptionPx - 2) image = image.crop(0, 0, image.width(), kCaptionPx - 2);
    return image.copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
  } catch (const vips::VError&) {
    vips_error_clear();
    return std::nullopt;
  }
}

vips::VImage panel(const std::vector<vips::VImage>& tiles, const std::vector<std::string>& captions,
                   int tile_px, int columns, const std::vector<double>& background,
                   const std::vector<double>& ink) {
  int rows = (int(tiles.size()) + columns - 1) / columns;
  int cell_w = tile_px + kGap, cell_h = tile_px + kCaptionPx + kGap;
  vips::VImage sheet = vips::VImage::black(columns * cell_w + kGap, rows * cell_h + kGap)
                           .new_from_image(background)
                           .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
  for (std::size_t i = 0; i < tiles.size(); ++i) {
    int x = kGap + int(i % columns) * cell_w, y = kGap + int(i / columns) * cell_h;
    const vips::VImage& tile = tiles[i];
    sheet = sheet.composite2(tile, VIPS_BLEND_MODE_OVER,
                             vips::VImage::option()
                                 ->set("x", x + (tile_px - tile.width()) / 2)
                                 ->set("y", y + (tile_px - tile.height()) / 2));
    if (i < captions.size())
      if (auto text = caption(captions[i], tile_px, ink))
        sheet = sheet.composite2(*text, VIPS_BLEND_MODE_OVER,
                                 vips::VImage::option()->set("x", x)->set("y", y + tile_px + 2));
    // composite2 adds an alpha band; keep the sheet opaque RGB.
    sheet = sheet.extract_band(0, vips::VImage::option()->set("n", 3));
  }
  return sheet;
}

}  // namespace

Raster contact_sheet(const std::vector<Raster>& tiles, const std::vector<std::string>& captions,
                     int tile_px) {
  initialize();
  if (tile_px < 8) throw internal_error("contact_sheet: tile_px must be at least 8");
  if (tiles.empty()) throw bad_input("contact sheet: no stickers to draw");
  try {
    std::vector<vips::VImage> fitted;
    for (const Raster& tile : tiles) {
      vips::VImage image = detail::to_vips(tile);
      double scale = std::min(1.0, double(tile_px) / std::max(tile.width, tile.height));
      if (scale < 1.0)
        image = image.premultiply()
                    .resize(scale, vips::VImage::option()->set("kernel", VIPS_KERNEL_LANCZOS3))
                    .unpremultiply()
                    .rint()
                    .cast(VIPS_FORMAT_UCHAR);
      // Materialise now: the tile's memory is only borrowed.
      fitted.push_back(image.copy_memory());
    }
    int columns = std::clamp(int(std::ceil(std::sqrt(double(tiles.size())))), 1, 8);
    vips::VImage light = panel(fitted, captions, tile_px, columns, kLight, {40, 40, 40});
    vips::VImage dark = panel(fitted, captions, tile_px, columns, kDark, {220, 220, 220});
    vips::VImage sheet = light.join(dark, VIPS_DIRECTION_HORIZONTAL);
    return detail::to_raster(sheet);
  } catch (const vips::VError& error) {
    throw internal_error("contact sheet: drawing failed: " + detail::vips_message(error));
  }
}

}  // namespace sf::artwork
