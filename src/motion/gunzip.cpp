#include "motion/gunzip.h"

#include <zlib.h>

#include "base/error.h"
#include "base/text.h"

namespace sf::motion::detail {

std::string gunzip(const Bytes& data, const std::filesystem::path& file, std::uint64_t max_bytes) {
  const std::string name = quote(file.string());
  z_stream stream{};
  // 16 + MAX_WBITS: expect a gzip header, not raw zlib.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw internal_error("zlib inflateInit2 failed");
  stream.next_in = const_cast<Bytef*>(data.data());
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[64 * 1024];
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      inflateEnd(&stream);
      if (status == Z_BUF_ERROR)
        throw bad_input(name + ": gzip data is truncated; expected a complete TGS (gzip of Lottie JSON)");
      throw bad_input(name + ": gzip data is corrupt; expected a TGS file (gzip of Lottie JSON)");
    }
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&stream);
      throw bad_input(name + ": inflates to more than " + std::to_string(max_bytes) +
                      " bytes; expected a small Lottie document");
    }
  }
  inflateEnd(&stream);
  return out;
}

Bytes gzip(const std::string& text) {
  z_stream stream{};
  if (deflateInit2(&stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw internal_error("zlib deflateInit2 failed");
  Bytes out(deflateBound(&stream, text.size()) + 32);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = out.data();
  stream.avail_out = static_cast<uInt>(out.size());
  int status = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw internal_error("zlib deflate did not finish");
  out.resize(stream.total_out);
  return out;
}

}  // namespace sf::motion::detail
