// Median-cut palette shared by all frames. Shared, because per-frame
// palettes make flat colours shimmer from frame to frame and cost a PLTE each.
#include <algorithm>
#include <array>
#include <cstdint>

#include "motion/encoders.h"
#include "motion/parallel.h"

namespace sf::motion::detail {

namespace {

// 5 bits of red, green, blue and 4 of alpha: 2^19 buckets.
constexpr int kBuckets = 1 << 19;
inline std::uint32_t bucket_of(const std::uint8_t* p) {
  return (std::uint32_t(p[0] >> 3) << 14) | (std::uint32_t(p[1] >> 3) << 9) |
         (std::uint32_t(p[2] >> 3) << 4) | std::uint32_t(p[3] >> 4);
}

struct Bin {
  std::uint32_t bucket = 0;
  std::uint64_t count = 0;
  std::array<std::uint64_t, 4> sum{};
  std::uint8_t channel(int c) const { return static_cast<std::uint8_t>(sum[c] / count); }
};

struct BoxRange {
  std::size_t begin, end;  // into the bins vector
  std::uint64_t count;
  int widest_channel;
  int width;
};

BoxRange measure(std::vector<Bin>& bins, std::size_t begin, std::size_t end) {
  BoxRange box{begin, end, 0, 0, 0};
  std::array<int, 4> lo{255, 255, 255, 255}, hi{0, 0, 0, 0};
  for (std::size_t i = begin; i < end; ++i) {
    box.count += bins[i].count;
    for (int c = 0; c < 4; ++c) {
      lo[c] = std::min<int>(lo[c], bins[i].channel(c));
      hi[c] = std::max<int>(hi[c], bins[i].channel(c));
    }
  }
  for (int c = 0; c < 4; ++c) {
    if (hi[c] - lo[c] > box.width) {
      box.width = hi[c] - lo[c];
      box.widest_channel = c;
    }
  }
  return box;
}

}  // namespace

Indexed quantize(const Animation& animation, int colors, int transparent_below) {
  colors = std::clamp(colors, 2, 256);
  std::vector<Bin> table(kBuckets);
  for (const Frame& frame : animation.frames) {
    for (std::size_t p = 0; p < frame.rgba.size(); p += 4) {
      const std::uint8_t* px = &frame.rgba[p];
      if (px[3] < transparent_below) continue;
      Bin& bin = table[bucket_of(px)];
      ++bin.count;
      for (int c = 0; c < 4; ++c) bin.sum[c] += px[c];
    }
  }
  std::vector<Bin> bins;
  for (std::uint32_t b = 0; b < kBuckets; ++b) {
    if (table[b].count) {
      table[b].bucket = b;
      bins.push_back(table[b]);
    }
  }
  // Split the box with the most pixels x widest range until we have enough.
  std::vector<BoxRange> boxes;
  if (!bins.empty()) boxes.push_back(measure(bins, 0, bins.size()));
  while (static_cast<int>(boxes.size()) < colors - 1) {
    auto pick = std::max_element(boxes.begin(), boxes.end(), [](const BoxRange& a, const BoxRange& b) {
      auto score = [](const BoxRange& x) { return (x.end - x.begin > 1) ? double(x.width) * double(x.count) : -1.0; };
      return score(a) < score(b);
    });
    if (pick == boxes.end() || pick->end - pick->begin < 2 || pick->width == 0) break;
    BoxRange box = *pick;
    int c = box.widest_channel;
    std::sort(bins.begin() + static_cast<long>(box.begin), bins.begin() + static_cast<long>(box.end),
              [c](const Bin& a, const Bin& b) { return a.channel(c) < b.channel(c); });
    std::uint64_t half = box.count / 2, seen = 0;
    std::size_t cut = box.begin;
    while (cut < box.end - 1 && seen + bins[cut].count <= half) seen += bins[cut++].count;
    cut = std::clamp(cut, box.begin + 1, box.end - 1);
    *pick = measure(bins, box.begin, cut);
    boxes.push_back(measure(bins, cut, box.end));
  }

  Indexed indexed;
  indexed.palette = {0, 0, 0, 0};  // index 0: transparent
  std::vector<std::int16_t> map(kBuckets, -1);
  for (const BoxRange& box : boxes) {
    std::array<std::uint64_t, 4> sum{};
    for (std::size_t i = box.begin; i < box.end; ++i)
      for (int c = 0; c < 4; ++c) sum[c] += bins[i].sum[c];
    for (int c = 0; c < 4; ++c) indexed.palette.push_back(static_cast<std::uint8_t>((sum[c] + box.count / 2) / box.count));
  }
  const int entries = static_cast<int>(indexed.palette.size() / 4);
  // Each used bucket maps to the nearest entry by its mean colour.
  for (const Bin& bin : bins) {
    int best = 0;
    long best_distance = -1;
    for (int e = 1; e < entries; ++e) {
      long d = 0;
      for (int c = 0; c < 4; ++c) {
        long delta = long(bin.channel(c)) - indexed.palette[e * 4 + c];
        d += delta * delta * (c == 3 ? 2 : 1);
      }
      if (best_distance < 0 || d < best_distance) {
        best_distance = d;
        best = e;
      }
    }
    map[bin.bucket] = static_cast<std::int16_t>(best);
  }
  indexed.frames.resize(animation.frames.size());
  parallel_for(animation.frames.size(), [&](std::size_t f) {
    const std::vector<std::uint8_t>& rgba = animation.frames[f].rgba;
    std::vector<std::uint8_t>& out = indexed.frames[f];
    out.resize(rgba.size() / 4);
    for (std::size_t p = 0; p < out.size(); ++p) {
      const std::uint8_t* px = &rgba[p * 4];
      out[p] = px[3] < transparent_below ? 0 : static_cast<std::uint8_t>(std::max<std::int16_t>(0, map[bucket_of(px)]));
    }
  });
  return indexed;
}

}  // namespace sf::motion::detail
