// verifier: the Range header of a download (RFC 9110 §14). One range is
// served as 206 with Content-Range; a range past the end is 416 with
// "Content-Range: bytes */SIZE"; several ranges, another unit or a malformed
// header are ignored and the whole file is sent (§14.2 lets a server ignore
// Range), so no answer ever claims more bytes than the file has.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sf::verifier {

struct ByteRange {
  enum class Kind { whole, partial, unsatisfiable };
  Kind kind = Kind::whole;
  std::uint64_t first = 0;  // partial: first and last byte, inclusive
  std::uint64_t last = 0;

  std::uint64_t length() const { return last - first + 1; }
  /// "bytes 0-99/1234" (partial) or "bytes */1234" (unsatisfiable).
  std::string content_range(std::uint64_t size) const;
};

/// What to send for `range` (the header's value, "" when absent) of a file
/// of `size` bytes.
ByteRange choose_range(std::string_view range, std::uint64_t size);

}  // namespace sf::verifier
