// APNG written chunk by chunk: acTL (frames, plays), one fcTL per frame with
// the exact delay in 1/1000 s, and only the rectangle that changed since the
// previous frame (dispose op NONE everywhere: each frame builds on the
// canvas the last one left). Where every changed pixel is opaque (or lands
// on empty canvas), unchanged pixels inside the rectangle may become
// transparent and the frame blends OVER the last one; both spellings are
// deflated and the smaller is kept. Otherwise the rectangle replaces what
// was there (blend op SOURCE), so pixels may also turn transparent.
#include <algorithm>

#include "base/error.h"
#include "motion/apng_chunks.h"
#include "motion/encoders.h"
#include "motion/parallel.h"

namespace sf::motion::detail {

namespace {

struct EncodedFrame {
  int x = 0, y = 0, width = 0, height = 0;
  bool blend_over = false;
  Bytes zdata;
};

// Pixels of one frame in the form written to the file (indices or RGBA).
struct Plane {
  const std::uint8_t* data;
  int channels;
};

bool same_pixel(const Plane& a, const Plane& b, std::size_t p) {
  if (a.channels == 1) return a.data[p] == b.data[p];
  return std::equal(a.data + p * 4, a.data + p * 4 + 4, b.data + p * 4);
}

int alpha_of(const Plane& plane, std::size_t p, const std::vector<std::uint8_t>& palette) {
  return plane.channels == 1 ? palette[plane.data[p] * 4 + 3] : plane.data[p * 4 + 3];
}

EncodedFrame encode_frame(const Plane* previous, const Plane& current, int width, int height,
                          const std::vector<std::uint8_t>& palette) {
  EncodedFrame out;
  const int channels = current.channels;
  if (!previous) {
    out.width = width;
    out.height = height;
    out.zdata = deflate_rows(current.data, width, height, channels, width * channels);
    return out;
  }
  int x0 = width, y0 = height, x1 = -1, y1 = -1;
  bool over_ok = true;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      std::size_t p = static_cast<std::size_t>(y) * width + x;
      if (same_pixel(*previous, current, p)) continue;
      x0 = std::min(x0, x);
      x1 = std::max(x1, x);
      y0 = std::min(y0, y);
      y1 = std::max(y1, y);
      if (alpha_of(current, p, palette) != 255 && alpha_of(*previous, p, palette) != 0) over_ok = false;
    }
  }
  if (x1 < 0) {  // identical frame: keep it (frame counts are rules) as a 1x1 no-op
    x0 = y0 = x1 = y1 = 0;
    over_ok = true;
  }
  out.x = x0;
  out.y = y0;
  out.width = x1 - x0 + 1;
  out.height = y1 - y0 + 1;
  // The rectangle as it is; SOURCE and OVER give the same picture for it
  // when OVER is allowed (its changed pixels are opaque or land on clear
  // canvas, its unchanged ones are equal).
  std::vector<std::uint8_t> rect(static_cast<std::size_t>(out.width) * out.height * channels);
  for (int y = 0; y < out.height; ++y)
    std::copy_n(current.data + (static_cast<std::size_t>(y + y0) * width + x0) * channels,
                static_cast<std::size_t>(out.width) * channels, &rect[static_cast<std::size_t>(y) * out.width * channels]);
  out.zdata = deflate_rows(rect.data(), out.width, out.height, channels, out.width * channels);
  out.blend_over = false;
  if (!over_ok) return out;
  bool holes = false;
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      std::size_t p = static_cast<std::size_t>(y + y0) * width + (x + x0);
      if (!same_pixel(*previous, current, p)) continue;
      std::uint8_t* dst = &rect[(static_cast<std::size_t>(y) * out.width + x) * channels];
      std::fill(dst, dst + channels, 0);  // transparent: the old pixel shows through
      holes = true;
    }
  }
  if (!holes) return out;
  Bytes with_holes = deflate_rows(rect.data(), out.width, out.height, channels, out.width * channels);
  if (with_holes.size() < out.zdata.size()) {
    out.zdata = std::move(with_holes);
    out.blend_over = true;
  }
  return out;
}

}  // namespace

Bytes encode_apng(const Animation& animation, int colors, int plays, Indexed* palette_frames) {
  const int width = animation.width, height = animation.height;
  const std::size_t count = animation.frames.size();
  if (count == 0) throw internal_error("encode_apng called without frames");
  Indexed indexed;
  std::vector<Plane> planes;
  if (colors > 0) {
    indexed = quantize(animation, {colors});
    for (const auto& frame : indexed.frames) planes.push_back({frame.data(), 1});
  } else {
    for (const Frame& frame : animation.frames) planes.push_back({frame.rgba.data(), 4});
  }
  std::vector<EncodedFrame> encoded(count);
  parallel_for(count, [&](std::size_t i) {
    encoded[i] = encode_frame(i ? &planes[i - 1] : nullptr, planes[i], width, height, indexed.palette);
  });

  Bytes out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  Bytes ihdr;
  put_be32(ihdr, static_cast<std::uint32_t>(width));
  put_be32(ihdr, static_cast<std::uint32_t>(height));
  ihdr.push_back(8);                       // bit depth
  ihdr.push_back(colors > 0 ? 3 : 6);      // palette or RGBA
  ihdr.push_back(0);
  ihdr.push_back(0);
  ihdr.push_back(0);
  put_chunk(out, "IHDR", ihdr);
  Bytes actl;
  put_be32(actl, static_cast<std::uint32_t>(count));
  put_be32(actl, static_cast<std::uint32_t>(plays));
  put_chunk(out, "acTL", actl);
  if (colors > 0) {
    Bytes plte, trns;
    for (std::size_t e = 0; e < indexed.palette.size() / 4; ++e) {
      plte.insert(plte.end(), indexed.palette.begin() + static_cast<long>(e * 4),
                  indexed.palette.begin() + static_cast<long>(e * 4 + 3));
      trns.push_back(indexed.palette[e * 4 + 3]);
    }
    while (!trns.empty() && trns.back() == 255) trns.pop_back();
    put_chunk(out, "PLTE", plte);
    if (!trns.empty()) put_chunk(out, "tRNS", trns);
  }
  std::uint32_t sequence = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const EncodedFrame& frame = encoded[i];
    Bytes fctl;
    put_be32(fctl, sequence++);
    put_be32(fctl, static_cast<std::uint32_t>(frame.width));
    put_be32(fctl, static_cast<std::uint32_t>(frame.height));
    put_be32(fctl, static_cast<std::uint32_t>(frame.x));
    put_be32(fctl, static_cast<std::uint32_t>(frame.y));
    put_be16(fctl, static_cast<std::uint16_t>(std::min(animation.frames[i].duration_ms, 65535)));
    put_be16(fctl, 1000);
    fctl.push_back(0);  // dispose: none (the next frame builds on this one)
    fctl.push_back(frame.blend_over ? 1 : 0);
    put_chunk(out, "fcTL", fctl);
    if (i == 0) {
      put_chunk(out, "IDAT", frame.zdata);
    } else {
      Bytes fdat;
      put_be32(fdat, sequence++);
      fdat.insert(fdat.end(), frame.zdata.begin(), frame.zdata.end());
      put_chunk(out, "fdAT", fdat);
    }
  }
  put_chunk(out, "IEND", {});
  if (palette_frames) *palette_frames = std::move(indexed);
  return out;
}

}  // namespace sf::motion::detail
