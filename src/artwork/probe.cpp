// probe_file and decode: reading encoded images back, for `check`, tests
// and the quality score.
#include <cstring>

#include "artwork/pixels.h"
#include "artwork/sniff.h"
#include "artwork/vips_session.h"
#include "base/error.h"

namespace fs = std::filesystem;

namespace sf::artwork {
namespace {

// vips 8.14 reads only the first frame of an APNG; the frame count is in
// the acTL chunk, which must come before the first IDAT.
int apng_frames(const Bytes& bytes) {
  std::size_t at = 8;
  while (at + 12 <= bytes.size()) {
    std::uint32_t length = (std::uint32_t(bytes[at]) << 24) | (bytes[at + 1] << 16) |
                           (bytes[at + 2] << 8) | bytes[at + 3];
    const char* type = reinterpret_cast<const char*>(&bytes[at + 4]);
    if (std::memcmp(type, "IDAT", 4) == 0) break;
    if (std::memcmp(type, "acTL", 4) == 0 && length >= 8 && at + 12 <= bytes.size()) {
      const std::uint8_t* p = &bytes[at + 8];
      return int((std::uint32_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]);
    }
    at += 12 + std::size_t(length);
  }
  return 1;
}

vips::VImage open_checked(const Bytes& bytes, const std::string& name) {
  if (bytes.empty()) throw bad_input(name + ": file is empty (0 bytes); expected an image");
  if (detail::sniff_format(bytes).empty())
    throw bad_input(name + ": does not look like an image (the content is " +
                    detail::describe_content(bytes) + ")");
  try {
    return vips::VImage::new_from_buffer(bytes.data(), bytes.size(), "",
                                         vips::VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR));
  } catch (const vips::VError& error) {
    throw bad_input(name + ": image is truncated or corrupt (" + detail::vips_message(error) + ")");
  }
}

}  // namespace

ImageInfo probe_file(const fs::path& file) {
  initialize();
  if (!fs::exists(file)) throw bad_input(file.string() + ": file not found; expected an image file");
  Bytes bytes = read_file(file, 256ull << 20);
  vips::VImage image = open_checked(bytes, file.string());
  ImageInfo info;
  info.format = detail::sniff_format(bytes);
  info.width = image.width();
  info.height = image.height();
  info.has_alpha = image.has_alpha();
  if (image.get_typeof("n-pages") != 0) info.frames = image.get_int("n-pages");
  if (info.format == "png") info.frames = apng_frames(bytes);
  if (image.get_typeof("page-height") != 0 && info.frames > 1) info.height = image.get_int("page-height");
  return info;
}

Raster decode(const Bytes& encoded, const std::string& name_for_errors) {
  initialize();
  vips::VImage image = open_checked(encoded, name_for_errors);
  try {
    return detail::to_raster(image);
  } catch (const vips::VError& error) {
    throw bad_input(name_for_errors + ": image is truncated or corrupt (" +
                    detail::vips_message(error) + ")");
  }
}

}  // namespace sf::artwork
