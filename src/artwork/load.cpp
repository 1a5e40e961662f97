// load_artwork: untrusted file -> trimmed, styled RGBA, refusing bad input
// before any pixel is decoded wherever the header already tells.
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <system_error>

#include "artwork/background.h"
#include "artwork/pixels.h"
#include "artwork/sniff.h"
#include "artwork/style.h"
#include "artwork/svg_guard.h"
#include "artwork/vips_session.h"
#include "base/error.h"
#include "base/text.h"

namespace fs = std::filesystem;

namespace sf::artwork {

int Artwork::width() const { return impl_->pixels.width; }
int Artwork::height() const { return impl_->pixels.height; }
const fs::path& Artwork::file() const { return impl_->file; }
const std::string& Artwork::source_format() const { return impl_->source_format; }
std::pair<int, int> Artwork::source_size() const { return impl_->source_size; }
const LoadReport& Artwork::report() const { return impl_->report; }

namespace {

using detail::vips_message;

std::string name(const fs::path& file) { return file.string(); }

bool is_vector(const std::string& format) { return format == "svg" || format == "pdf"; }

// Step 1: refuse what is not there, empty or too big, by the file system alone.
Bytes read_checked(const fs::path& file, const LoadLimits& limits) {
  std::error_code ec;
  auto status = fs::status(file, ec);
  if (ec || !fs::exists(status))
    throw bad_input(name(file) + ": file not found; expected an image file");
  if (!fs::is_regular_file(status))
    throw bad_input(name(file) + ": is not a regular file; expected an image file");
  auto size = fs::file_size(file, ec);
  if (ec) throw io_error(name(file) + ": cannot read the file size: " + ec.message());
  if (size == 0) throw bad_input(name(file) + ": file is empty (0 bytes); expected an image");
  if (size > limits.max_file_bytes)
    throw bad_input(name(file) + ": file is " + std::to_string(size) + " bytes; the limit is " +
                    std::to_string(limits.max_file_bytes) + " bytes");
  return read_file(file, limits.max_file_bytes);
}

// Step 2: the content decides the format; a wrong extension does not matter.
std::string sniff_checked(const fs::path& file, const Bytes& bytes) {
  std::string format = detail::sniff_format(bytes);
  if (format.empty())
    throw bad_input(name(file) + ": does not look like an image (the content is " +
                    detail::describe_content(bytes) +
                    "); expected PNG, JPEG, WEBP, GIF, TIFF, SVG or PDF");
  if (format == "svg") {
    std::string reference = detail::find_external_reference(
        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    if (!reference.empty())
      throw bad_input(name(file) + ": SVG refers to something outside the file (" + reference +
                      "); only #fragments and inline data: are allowed");
  }
  return format;
}

// Step 3: the header alone (no pixels decoded) must declare a sane size, so
// a 60000x60000 PNG of a few hundred bytes costs nothing.
void check_pixels(const fs::path& file, std::uint64_t width, std::uint64_t height,
                  const LoadLimits& limits) {
  std::uint64_t pixels = width * height;
  if (pixels > limits.max_pixels)
    throw bad_input(name(file) + ": image header declares " + std::to_string(width) + "x" +
                    std::to_string(height) + " px (" + std::to_string(pixels) +
                    " pixels); the limit is " + std::to_string(limits.max_pixels) +
                    " pixels, refused before decoding");
}

std::uint32_t be32(const Bytes& b, std::size_t at) {
  return (std::uint32_t(b[at]) << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
}

bool has_pages(const std::string& format) { return format == "pdf" || format == "tiff"; }

// Options every decode of `format` shares: the page, and for PDF a
// transparent page (poppler paints white by default, which would make
// every PDF logo a white card).
vips::VOption* page_options(vips::VOption* options, const std::string& format, int page) {
  if (has_pages(format)) options = options->set("page", page - 1);
  if (format == "pdf") options = options->set("background", std::vector<double>{0, 0, 0, 0});
  return options;
}

struct Header {
  int width = 0, height = 0, pages = 1;
  bool cmyk = false, has_profile = false;
};

Header check_header(const fs::path& file, const Bytes& bytes, const std::string& format,
                    const LoadLimits& limits, int page) {
  // PNG and GIF state their size in fixed places: check it ourselves first,
  // so a bomb is refused even if the rest of the file is garbage.
  if (format == "png" && bytes.size() >= 24) check_pixels(file, be32(bytes, 16), be32(bytes, 20), limits);
  if (format == "gif" && bytes.size() >= 10)
    check_pixels(file, bytes[6] | (bytes[7] << 8), bytes[8] | (bytes[9] << 8), limits);
  vips::VImage header;
  int pages = 1;
  try {
    if (has_pages(format)) {
      header = vips::VImage::new_from_buffer(bytes.data(), bytes.size(), "",
                                             vips::VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR));
      if (header.get_typeof("n-pages") != 0) pages = std::max(1, header.get_int("n-pages"));
    }
    if (page > pages)
      throw bad_input(name(file) + ": \"page\" is " + std::to_string(page) + " but the " + format +
                      " has " + std::to_string(pages) + " page" + (pages == 1 ? "" : "s"));
    header = vips::VImage::new_from_buffer(
        bytes.data(), bytes.size(), "",
        page_options(vips::VImage::option()
                         ->set("access", VIPS_ACCESS_SEQUENTIAL)
                         ->set("fail_on", VIPS_FAIL_ON_ERROR),
                     format, page));
  } catch (const vips::VError& error) {
    throw bad_input(name(file) + ": " + format + " image is truncated or corrupt (" +
                    vips_message(error) + ")");
  }
  int width = header.width(), height = header.height();
  if (!is_vector(format)) check_pixels(file, width, height, limits);
  Header out{width, height, pages};
  out.cmyk = header.interpretation() == VIPS_INTERPRETATION_CMYK;
  out.has_profile = header.get_typeof(VIPS_META_ICC_NAME) != 0;
  return out;
}

// Step 4: decode at the size needed, with memory near the output size.
// JPEG and WEBP shrink inside the decoder and vectors render at the
// requested size: vips' thumbnail does both. PNG, TIFF and GIF cannot
// shrink on load, and thumbnail's premultiplied float pipeline buffers
// ~80 MB for a 4096-px PNG and costs ~70 ms per 2048-px PNG on one core;
// detail::shrink_box() streams strips and averages in integers instead.
vips::VImage thumbnail(const Bytes& bytes, const std::string& format, int long_side, int page) {
  if (format == "pdf") {
    // Rendered at the scale that gives `long_side`, on transparency.
    vips::VImage probe = vips::VImage::new_from_buffer(
        bytes.data(), bytes.size(), "", page_options(vips::VImage::option(), format, page));
    double scale = double(long_side) / std::max(1, std::max(probe.width(), probe.height()));
    return vips::VImage::new_from_buffer(
        bytes.data(), bytes.size(), "",
        page_options(vips::VImage::option()->set("scale", scale)->set("fail_on", VIPS_FAIL_ON_ERROR),
                     format, page));
  }
  VipsBlob* blob = vips_blob_new(nullptr, bytes.data(), bytes.size());
  try {
    vips::VImage image = vips::VImage::thumbnail_buffer(
        blob, long_side,
        vips::VImage::option()
            ->set("height", long_side)
            ->set("size", is_vector(format) ? VIPS_SIZE_BOTH : VIPS_SIZE_DOWN)
            ->set("option_string", "fail_on=error"));
    vips_area_unref(VIPS_AREA(blob));
    return image;
  } catch (...) {
    vips_area_unref(VIPS_AREA(blob));
    throw;
  }
}

vips::VImage open_streaming(const Bytes& bytes, const std::string& format, int page) {
  vips::VImage image = vips::VImage::new_from_buffer(
      bytes.data(), bytes.size(), "",
      page_options(vips::VImage::option()
                       ->set("access", VIPS_ACCESS_SEQUENTIAL)
                       ->set("fail_on", VIPS_FAIL_ON_ERROR),
                   format, page));
  // An embedded profile (Display P3 exports, CMYK TIFF) maps to sRGB; a
  // broken profile is ignored rather than refusing the art.
  if (image.get_typeof(VIPS_META_ICC_NAME) != 0) {
    try {
      image = image.icc_transform("srgb", vips::VImage::option()->set("embedded", true));
    } catch (const vips::VError&) {
      vips_error_clear();
    }
  }
  return image;
}

// A part of an image as fractions of its width and height, so it means the
// same whatever size the image is decoded at.
struct Region {
  double left = 0, top = 0, width = 1, height = 1;
};

// The part of `image` covering `region`, widened to multiples of `align`.
vips::VImage crop_to(vips::VImage image, const Region& region, int align = 1) {
  int w = image.width(), h = image.height();
  int left = std::clamp(static_cast<int>(std::floor(region.left * w)) / align * align, 0, w - 1);
  int top = std::clamp(static_cast<int>(std::floor(region.top * h)) / align * align, 0, h - 1);
  int right = std::clamp(static_cast<int>(std::ceil((region.left + region.width) * w)), left + 1, w);
  int bottom = std::clamp(static_cast<int>(std::ceil((region.top + region.height) * h)), top + 1, h);
  return image.crop(left, top, right - left, bottom - top);
}

// Only `region` is ever materialised: a 4096-px source decoded at full
// size to recover trimmed art costs its strips, not 64 MB.
Raster decode_at(const fs::path& file, const Bytes& bytes, const std::string& format, int page,
                 int long_side, std::optional<Region> region = std::nullopt) {
  try {
    if (is_vector(format) || format == "jpeg" || format == "webp") {
      vips::VImage image = thumbnail(bytes, format, long_side, page);
      if (region) image = crop_to(image, *region);
      return detail::to_raster(image);
    }
    // Box-shrink by a whole factor only, leaving at least `long_side`:
    // the exact size comes later from a Lanczos pass over the small,
    // trimmed art.
    vips::VImage image = open_streaming(bytes, format, page);
    int k = std::max(1, std::max(image.width(), image.height()) / std::max(1, long_side));
    if (region) image = crop_to(image, *region, k);
    return k == 1 ? detail::to_raster(image) : detail::shrink_box(image, k);
  } catch (const vips::VError& error) {
    throw bad_input(name(file) + ": " + format + " image is truncated or corrupt (" +
                    vips_message(error) + ")");
  }
}

// Only the chosen page is used: say which, and name the others, so a
// designer who sent a two-page PDF is not surprised.
void note_pages(const fs::path& file, const std::string& format, int page, int pages,
                LoadReport& report) {
  if (pages <= 1) return;
  std::string others;
  for (int p = 1; p <= pages && p <= 12; ++p) {
    if (p == page) continue;
    others += (others.empty() ? "" : ", ") + std::to_string(p);
  }
  if (pages > 12) others += ", ...";
  report.warnings.push_back(name(file) + ": " + format + " has " + std::to_string(pages) +
                            " pages; page " + std::to_string(page) + " used, page" +
                            (pages == 2 ? " " : "s ") + others +
                            " ignored (choose with \"page\" in pack.json)");
}

// Small art with hard edges (alpha only 0 or 255) and a small palette is
// drawn pixel by pixel; smoothing it on enlargement would blur the pixels.
bool looks_like_pixel_art(const Raster& art, int source_long, int max_side) {
  if (source_long > 256 || std::max(art.width, art.height) * 2 > max_side) return false;
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i < art.rgba.size(); i += 4) {
    std::uint8_t a = art.rgba[i + 3];
    if (a != 0 && a != 255) return false;
    if (a == 0) continue;
    colours.insert(std::uint32_t(art.rgba[i]) << 16 | std::uint32_t(art.rgba[i + 1]) << 8 | art.rgba[i + 2]);
    if (colours.size() > 64) return false;
  }
  return true;
}

void note_colour(const fs::path& file, const Header& header, LoadReport& report) {
  if (!header.cmyk) return;
  if (header.has_profile)
    report.notes.push_back("CMYK converted to sRGB with the file's embedded ICC profile");
  else
    report.warnings.push_back(
        name(file) + ": CMYK without an embedded colour profile; converted to sRGB with "
                     "libvips' generic CMYK profile, so colours may shift (export as sRGB, or embed "
                     "the profile)");
}

}  // namespace

Artwork load_artwork(const fs::path& file, const LoadOptions& options) {
  initialize();
  if (options.max_side_px < 1 || options.max_side_px > 16384)
    throw internal_error("load_artwork: max_side_px " + std::to_string(options.max_side_px) +
                         " is outside 1..16384");
  Bytes bytes = read_checked(file, options.limits);
  std::string format = sniff_checked(file, bytes);
  const int page = std::max(1, options.page);
  Header header = check_header(file, bytes, format, options.limits, page);
  const int source_w = header.width, source_h = header.height;
  LoadReport report;
  report.pages = header.pages;
  note_pages(file, format, page, header.pages, report);
  note_colour(file, header, report);

  const int max_side = options.max_side_px;
  const int source_long = std::max(source_w, source_h);
  // Rasters are decoded at 1.5x the size needed: most artwork has a
  // transparent border, and trimming it from a larger decode is far cheaper
  // than decoding a 2048-px PNG a second time (vectors re-render cheaply).
  const int first_side = is_vector(format) ? max_side : std::min(source_long, max_side * 3 / 2);
  Raster decoded = decode_at(file, bytes, format, page, first_side);
  if (detail::fully_transparent(decoded))
    throw bad_input(name(file) + ": image is fully transparent; expected visible art");
  // Before trimming: the background is what touches the image's edges.
  std::optional<detail::BackgroundModel> background_model;
  report.background = detail::remove_background(decoded, options.background, background_model);
  if (report.background.warning) report.warnings.push_back(name(file) + ": " + report.background.reason);
  if (detail::fully_transparent(decoded))
    throw bad_input(name(file) + ": nothing is left after removing the background (" +
                    report.background.reason + "); set \"background\": \"keep\"");
  detail::Box box = detail::content_box(decoded);

  // Trimming can leave art much smaller than needed when the source has a
  // wide transparent border; decode once more at a size that gives the
  // trimmed art the resolution asked for, if the source has it.
  int trimmed_long = std::max(box.width, box.height);
  int decoded_long = std::max(decoded.width, decoded.height);
  if (trimmed_long < max_side && (is_vector(format) || decoded_long < source_long)) {
    // Aim a little high: anti-aliased edges make the trimmed box a pixel
    // or two larger than the art, and fit() downsamples the excess anyway.
    double wanted = double(decoded_long) * max_side / trimmed_long * 1.05 + 2;
    double cap = is_vector(format) ? 4.0 * max_side : double(source_long);
    int long_side = static_cast<int>(std::min(wanted, cap));
    if (long_side > decoded_long) {
      // The art's box plus a few pixels of slack (the background pass
      // needs some background round the subject), as a fraction of the image.
      double w = decoded.width, h = decoded.height;
      Region region{(box.left - 3) / w, (box.top - 3) / h, (box.width + 6) / w, (box.height + 6) / h};
      decoded = decode_at(file, bytes, format, page, long_side, region);
      if (report.background.action == "removed") {
        pack::Background mode = pack::Background::remove;  // same model, same decision
        detail::remove_background(decoded, mode, background_model);
      }
      box = detail::content_box(decoded);
      if (box.width == 0)
        throw bad_input(name(file) + ": image is fully transparent; expected visible art");
    }
  }
  Raster art = detail::crop(decoded, box);
  decoded = Raster{};
  // Keep no more than the outputs need: every fit() reads these pixels.
  // Exactly max_side: the caller passes the largest art box of its
  // outputs, which is then fitted as it is, with no second resampling
  // (sharper, and on flat art 10% smaller files than resampling twice).
  int art_long_px = std::max(art.width, art.height);
  if (art_long_px > max_side) {
    double k = double(max_side) / art_long_px;
    try {
      art = detail::resample(art, std::max(1, static_cast<int>(std::lround(art.width * k))),
                             std::max(1, static_cast<int>(std::lround(art.height * k))));
    } catch (const vips::VError& error) {
      throw internal_error(name(file) + ": resizing failed: " + vips_message(error));
    }
  }

  bool pixel_art = !is_vector(format) && looks_like_pixel_art(art, source_long, max_side);
  if (pixel_art)
    report.notes.push_back("pixel art (" + std::to_string(source_w) + "x" + std::to_string(source_h) +
                           " px, hard edges, few colours): enlarged with nearest neighbour");

  // Style lengths are in px of a 512 canvas whose art area is 512 - 2*margin
  // and includes the outline itself, so solve for the outline in source px.
  const pack::Style& style = options.style;
  double art_long = std::max(art.width, art.height);
  double room = std::max(1.0, 512.0 - 2 * style.margin_px - 2 * style.outline_px);
  double unit = art_long / room;  // source px per canvas px
  detail::StylePx style_px;
  style_px.outline = style.outline_px * unit;
  style_px.outline_color = style.outline_color;
  style_px.shadow = style.shadow;
  style_px.shadow_blur = 5 * unit;
  style_px.shadow_offset = 4 * unit;
  try {
    art = detail::apply_style(art, style_px);
  } catch (const vips::VError& error) {
    throw internal_error(name(file) + ": drawing the outline failed: " + vips_message(error));
  }
  detail::clean_transparent(art);

  auto impl = std::make_shared<Artwork::Impl>();
  impl->file = file;
  impl->source_format = format;
  impl->source_size = {source_w, source_h};
  impl->pixels = std::move(art);
  impl->report = std::move(report);
  impl->pixel_art = pixel_art;
  return Artwork(std::move(impl));
}

}  // namespace sf::artwork
