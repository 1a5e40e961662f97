#include "artwork/sniff.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace sf::artwork::detail {
namespace {

bool starts_with(const Bytes& bytes, std::string_view magic, std::size_t at = 0) {
  return bytes.size() >= at + magic.size() &&
         std::memcmp(bytes.data() + at, magic.data(), magic.size()) == 0;
}

std::string lower_prefix(const Bytes& bytes, std::size_t n) {
  std::string text(bytes.begin(), bytes.begin() + std::min(n, bytes.size()));
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// SVG is XML text whose root element is <svg>; prologue, comments and a
// doctype may come first, so look for the root within the first 4 KiB.
bool looks_like_svg(const Bytes& bytes) {
  std::size_t i = starts_with(bytes, "\xEF\xBB\xBF") ? 3 : 0;
  while (i < bytes.size() && std::isspace(bytes[i])) ++i;
  if (i >= bytes.size() || bytes[i] != '<') return false;
  std::string head = lower_prefix(bytes, 4096);
  // An HTML page with an inline <svg> is still a web page.
  if (head.find("<html") != std::string::npos) return false;
  return head.find("<svg") != std::string::npos;
}

}  // namespace

std::string sniff_format(const Bytes& bytes) {
  if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) return "png";
  if (starts_with(bytes, "\xFF\xD8\xFF")) return "jpeg";
  if (starts_with(bytes, "RIFF") && starts_with(bytes, "WEBP", 8)) return "webp";
  if (starts_with(bytes, "GIF87a") || starts_with(bytes, "GIF89a")) return "gif";
  if (starts_with(bytes, std::string_view("II*\0", 4)) ||
      starts_with(bytes, std::string_view("MM\0*", 4)))
    return "tiff";
  if (starts_with(bytes, "%PDF-")) return "pdf";
  if (looks_like_svg(bytes)) return "svg";
  return "";
}

std::string describe_content(const Bytes& bytes) {
  // Image formats we recognise but do not accept: say which, so the
  // designer knows to re-export rather than wonder if the file is broken.
  if (starts_with(bytes, "BM") && bytes.size() > 26 &&
      (bytes[14] == 12 || bytes[14] == 40 || bytes[14] == 56 || bytes[14] == 108 || bytes[14] == 124))
    return "a BMP image";
  if (starts_with(bytes, "ftyp", 4)) {
    if (starts_with(bytes, "avif", 8) || starts_with(bytes, "avis", 8)) return "an AVIF image";
    if (starts_with(bytes, "heic", 8) || starts_with(bytes, "heix", 8) || starts_with(bytes, "mif1", 8))
      return "a HEIC image";
    return "an MP4/QuickTime file";
  }
  if (starts_with(bytes, "8BPS")) return "a Photoshop document";
  if (starts_with(bytes, std::string_view("\0\0\1\0", 4))) return "an ICO icon";
  if (starts_with(bytes, "\x1f\x8b")) return "gzip data (a compressed SVG must be unpacked first)";
  if (starts_with(bytes, "PK\x03\x04")) return "a ZIP archive";
  if (starts_with(bytes, std::string_view("\0\0\0\x0cjP  ", 8)) || starts_with(bytes, "\xff\x0a"))
    return "a JPEG 2000 / JPEG XL image";
  std::size_t n = std::min<std::size_t>(bytes.size(), 512);
  std::size_t printable = 0;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = bytes[i];
    if (std::isprint(c) || std::isspace(c) || c >= 0x80) ++printable;
  }
  if (n > 0 && printable == n) {
    std::string head = lower_prefix(bytes, 512);
    if (head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos)
      return "an HTML document";
    return "text";
  }
  return "binary data of an unknown format";
}

}  // namespace sf::artwork::detail
