// Matroska gives a frame's end only through a BlockDuration; without one a
// player guesses the last frame's length from the track's DefaultDuration
// (1/fps, rounded) or its own average, and a 3.000 s sticker can come out as
// 3.0003 s or 3.02 s. FFmpeg 5.1's muxer writes no BlockDuration for video,
// so we add one to the last block after muxing: an element appended inside
// its BlockGroup, and every size and position that spans it moved by the
// same few bytes. Sizes keep their byte lengths (so nothing else moves).
#include <cstdint>
#include <optional>

#include "motion/encoders.h"

namespace sf::motion::detail {

namespace {

constexpr std::uint32_t kSegment = 0x18538067, kSeekHead = 0x114D9B74, kSeek = 0x4DBB, kSeekPosition = 0x53AC,
                        kCluster = 0x1F43B675, kBlockGroup = 0xA0, kSimpleBlock = 0xA3, kBlockDuration = 0x9B;

struct Element {
  std::size_t start = 0, size_at = 0, body = 0, end = 0;
  int size_length = 0;
  std::uint32_t id = 0;
};

// One element header at `at`; nothing when malformed or of unknown size.
std::optional<Element> element_at(const Bytes& bytes, std::size_t at) {
  if (at >= bytes.size()) return std::nullopt;
  int id_length = 1;
  while (id_length <= 4 && !(bytes[at] & (0x80 >> (id_length - 1)))) ++id_length;
  if (id_length > 4 || at + id_length >= bytes.size()) return std::nullopt;
  Element element;
  element.start = at;
  for (int i = 0; i < id_length; ++i) element.id = (element.id << 8) | bytes[at + i];
  element.size_at = at + id_length;
  std::uint8_t first = bytes[element.size_at];
  int length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) ++length;
  if (length > 8 || element.size_at + length > bytes.size()) return std::nullopt;
  std::uint64_t size = first & ((0x80 >> (length - 1)) - 1);
  bool all_ones = size == static_cast<std::uint64_t>((0x80 >> (length - 1)) - 1);
  for (int i = 1; i < length; ++i) {
    size = (size << 8) | bytes[element.size_at + i];
    all_ones = all_ones && bytes[element.size_at + i] == 0xff;
  }
  if (all_ones) return std::nullopt;  // unknown size: nothing to patch safely
  element.size_length = length;
  element.body = element.size_at + length;
  element.end = element.body + size;
  if (element.end > bytes.size()) return std::nullopt;
  return element;
}

// Rewrites a size field in place, keeping its length; false when the new
// value does not fit that length.
bool grow_size(Bytes& bytes, const Element& element, std::size_t by) {
  std::uint64_t size = element.end - element.body + by;
  const int length = element.size_length;
  if (size >= (std::uint64_t(1) << (7 * length)) - 1) return false;
  for (int i = length - 1; i >= 0; --i) {
    bytes[element.size_at + i] = static_cast<std::uint8_t>(size & 0xff);
    size >>= 8;
  }
  bytes[element.size_at] |= static_cast<std::uint8_t>(0x80 >> (length - 1));
  return true;
}

}  // namespace

Bytes with_last_block_duration(Bytes webm, std::int64_t duration) {
  if (duration <= 0 || duration > 0xffff) return webm;
  // The EBML header, then the Segment.
  std::optional<Element> header = element_at(webm, 0);
  if (!header) return webm;
  std::optional<Element> segment = element_at(webm, header->end);
  if (!segment || segment->id != kSegment) return webm;
  std::optional<Element> seek_head, last_cluster;
  for (std::size_t at = segment->body; at < segment->end;) {
    std::optional<Element> child = element_at(webm, at);
    if (!child) return webm;
    if (child->id == kSeekHead && !seek_head) seek_head = child;
    if (child->id == kCluster) last_cluster = child;
    at = child->end;
  }
  if (!last_cluster) return webm;
  std::optional<Element> last_block;
  for (std::size_t at = last_cluster->body; at < last_cluster->end;) {
    std::optional<Element> child = element_at(webm, at);
    if (!child) return webm;
    if (child->id == kBlockGroup || child->id == kSimpleBlock) last_block = child;
    at = child->end;
  }
  // Our WEBM always carries alpha, which FFmpeg writes as BlockAdditions
  // inside a BlockGroup; a SimpleBlock would need a ReferenceBlock to become
  // one, so it is left as it is.
  if (!last_block || last_block->id != kBlockGroup) return webm;
  for (std::size_t at = last_block->body; at < last_block->end;) {
    std::optional<Element> child = element_at(webm, at);
    if (!child) return webm;
    if (child->id == kBlockDuration) return webm;  // already there
    at = child->end;
  }
  Bytes inserted = {static_cast<std::uint8_t>(kBlockDuration)};
  if (duration > 0xff) {
    inserted.insert(inserted.end(), {0x82, static_cast<std::uint8_t>(duration >> 8), static_cast<std::uint8_t>(duration & 0xff)});
  } else {
    inserted.insert(inserted.end(), {0x81, static_cast<std::uint8_t>(duration)});
  }
  const std::size_t by = inserted.size();
  Bytes out = webm;
  if (!grow_size(out, *last_block, by) || !grow_size(out, *last_cluster, by) || !grow_size(out, *segment, by))
    return webm;
  // SeekHead positions (relative to the Segment's body) past the insertion
  // point (the Cues, written after the clusters) move too.
  const std::size_t insert_at = last_block->end;
  if (seek_head) {
    for (std::size_t at = seek_head->body; at < seek_head->end;) {
      std::optional<Element> seek = element_at(out, at);
      if (!seek) return webm;
      if (seek->id == kSeek) {
        for (std::size_t in = seek->body; in < seek->end;) {
          std::optional<Element> field = element_at(out, in);
          if (!field) return webm;
          if (field->id == kSeekPosition && field->end - field->body <= 8) {
            std::uint64_t position = 0;
            for (std::size_t i = field->body; i < field->end; ++i) position = (position << 8) | out[i];
            if (segment->body + position >= insert_at) {
              position += by;
              std::size_t length = field->end - field->body;
              if (length < 8 && position >= (std::uint64_t(1) << (8 * length))) return webm;
              for (std::size_t i = field->end; i-- > field->body;) {
                out[i] = static_cast<std::uint8_t>(position & 0xff);
                position >>= 8;
              }
            }
          }
          in = field->end;
        }
      }
      at = seek->end;
    }
  }
  out.insert(out.begin() + static_cast<long>(insert_at), inserted.begin(), inserted.end());
  return out;
}

}  // namespace sf::motion::detail
